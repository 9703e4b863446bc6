#!/bin/sh
# An invoice killed while it waits for its answer has an unknown outcome:
# sending the same invoice number again to the same endpoint is refused
# (exit 2, naming the document, when it was sent and the command that
# resolves it); `afcq history list` shows it first with that command;
# `afcq resolve` asks the service with a Commit call and completes the
# record.  "The service has it" keeps the number refused; "never arrived"
# lets it be sent again.  A loopback proxy holds the answer (or the
# request) so the client is killed (-9) exactly while it waits.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

STORE="$T_TMP/documents.sqlite"
sandbox_start --now 2022-03-15 --store "$STORE" || exit 1
CALC="POST /api/v2/afc/CalcTaxes"


# kill_while_waiting STEP ARGS...: starts `afcq ARGS`, waits until the proxy
# logs STEP, kills the client with SIGKILL.
kill_while_waiting() {
	step=$1; shift
	"$AFCQ" "$@" >"$OUT" 2>"$ERR" &
	pid=$!
	if proxy_wait "$step"; then
		kill -9 "$pid" 2>/dev/null
	else
		fail "proxy saw '$step'" "$(cat "$PX_LOG" "$ERR")"
		kill -9 "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
}

# ---- the service got it, the client was killed before the answer ---------
proxy_start --hold-after-ms 600000 --hold-count 1 || exit 1
kill_while_waiting "answered 200 $CALC" invoice -e "$PX_URL" --number INV-X --commit "$REQ/dallas.json"
expect_eq "the service holds the killed invoice" 1 "$(sandbox_docs "$STORE" INV-X)"

"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
row=$(sed -n 2p "$OUT")
doc=$(echo "$row" | cut -d, -f4)
case $row in
*",invoice,AFCQ-"*",INV-X,,outcome unknown,$PX_URL,0,,afcq resolve -e '$PX_URL' '$doc'") pass "history csv: unknown first with its resolve command" ;;
*) fail "history csv: unknown first with its resolve command" "$row" ;;
esac
# a later quote still lists after the unknown invoice
"$AFCQ" quote -e "$SB_URL" "$REQ/dallas.json" >/dev/null 2>&1
"$AFCQ" history list >"$OUT" 2>"$ERR"
expect_line "history table: unknown outcomes come first" "$OUT" "^Outcome unknown: 1 sent, never answered"
expect_grep "history table: the command that resolves it" "$OUT" "invoice INV-X  ->  afcq resolve -e '$PX_URL' '$doc'"
first=$(sed -n 2p "$OUT")
case $first in *"$doc"*) pass "history table: the unknown invoice is the first row" ;;
*) fail "history table: the unknown invoice is the first row" "$first" ;; esac

# sent again: refused before anything is sent, whatever --doc says
n_before=$(grep -c "forwarded $CALC" "$PX_LOG")
if expect_rc "resend over an unknown outcome exits 2" 2 "$AFCQ" invoice -e "$PX_URL" --number INV-X \
	--commit "$REQ/dallas.json"; then
	expect_grep "refusal names the document" "$ERR" "document $doc sent 20"
	expect_grep "refusal says the outcome is unknown" "$ERR" "has an unknown outcome"
	expect_grep "refusal says how to resolve it" "$ERR" "resolve it first: afcq resolve -e '$PX_URL' '$doc'"
fi
expect_rc "resend with another --doc exits 2 too" 2 "$AFCQ" invoice -e "$PX_URL" --number INV-X \
	--doc OTHER-DOC-1 --commit "$REQ/dallas.json"
expect_eq "nothing was sent again" "$n_before" "$(grep -c "forwarded $CALC" "$PX_LOG")"
expect_eq "the service still holds one document" 1 "$(sandbox_docs "$STORE" INV-X)"
# another endpoint is another service: not blocked there
expect_rc "the same number to another endpoint is sent" 0 "$AFCQ" invoice -e "$SB_URL" \
	--number INV-X "$REQ/dallas.json"

# resolve: a document the service has
expect_rc "resolve of an unknown doc elsewhere refuses" 2 "$AFCQ" resolve -e "$SB_URL" "$doc"
expect_grep "resolve elsewhere says where it was sent" "$ERR" "sent to $PX_URL"
if expect_rc "resolve exits 0" 0 "$AFCQ" resolve -e "$PX_URL" "$doc"; then
	expect_grep "resolve says the service has it" "$OUT" "invoice $doc (invoice INV-X) sent 20"
	expect_grep "resolve says not to send it again" "$OUT" "the service has it; do not send it again"
fi
"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
expect_grep "history: the record is completed" "$OUT" ",invoice,$doc,INV-X,,the service has it,"
expect_grep "history: how it was learnt" "$OUT" "asked with a Commit call"
if expect_rc "resend after 'the service has it' exits 2" 2 "$AFCQ" invoice -e "$PX_URL" \
	--number INV-X --commit "$REQ/dallas.json"; then
	expect_grep "refusal says the service has it" "$ERR" "the service already has it as document $doc"
fi
expect_rc "resolve again: nothing unknown for the doc" 2 "$AFCQ" resolve -e "$PX_URL" "$doc"
# (two: the killed one and the one sent straight to the sandbox above)
expect_eq "no further document at the service" 2 "$(sandbox_docs "$STORE" INV-X)"
proxy_stop

# ---- the request never reached the service --------------------------------
proxy_start --hold-before-ms 600000 --hold-count 1 || exit 1
kill_while_waiting "holding $CALC" invoice -e "$PX_URL" --number INV-Y --commit "$REQ/dallas.json"
expect_eq "the service never saw INV-Y" 0 "$(sandbox_docs "$STORE" INV-Y)"
expect_rc "resend of INV-Y refused before resolving" 2 "$AFCQ" invoice -e "$PX_URL" --number INV-Y \
	--commit "$REQ/dallas.json"
if expect_rc "resolve (every unknown of the endpoint) exits 0" 0 "$AFCQ" resolve -e "$PX_URL"; then
	expect_grep "resolve says it never arrived" "$OUT" "it never arrived; invoice INV-Y may be sent again"
fi
"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
expect_grep "history: never arrived" "$OUT" ",INV-Y,,never arrived,"
if expect_rc "resend after 'never arrived' exits 0" 0 "$AFCQ" invoice -e "$PX_URL" --number INV-Y \
	--commit "$REQ/dallas.json"; then
	expect_eq "the service holds one INV-Y document" 1 "$(sandbox_docs "$STORE" INV-Y)"
fi
expect_rc "resolve with nothing unknown exits 0" 0 "$AFCQ" resolve -e "$PX_URL"
expect_grep "resolve says nothing is unknown" "$OUT" "no unknown outcomes"
proxy_stop

# ---- no answer within --timeout: the invoice went out, its outcome is unknown
proxy_start --hold-after-ms 600000 --hold-count 1 || exit 1
if expect_rc "invoice timing out exits 4" 4 "$AFCQ" invoice --timeout 5 -e "$PX_URL" --number INV-T \
	"$REQ/dallas.json"; then
	expect_grep "timeout: says the outcome is unknown" "$ERR" \
		"no answer came back: the service may have it (outcome unknown); before sending it again: afcq resolve -e '$PX_URL' 'AFCQ-"
fi
"$AFCQ" history list -f csv >"$OUT" 2>"$ERR"
expect_grep "timeout: recorded as unknown" "$OUT" ",INV-T,,outcome unknown,"
expect_rc "timeout: resend refused" 2 "$AFCQ" invoice -e "$PX_URL" --number INV-T "$REQ/dallas.json"
if expect_rc "timeout: resolve exits 0" 0 "$AFCQ" resolve -e "$PX_URL"; then
	expect_grep "timeout: the service has it" "$OUT" "the service has it; do not send it again"
fi
proxy_stop
