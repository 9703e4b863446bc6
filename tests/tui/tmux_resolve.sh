#!/bin/sh
# The workstation killed (-9) while an invoice waits for its answer, in a
# real terminal: started again, its status line says an outcome is unknown,
# F6 refuses the same invoice number and offers to resolve it, the answer
# says the service has it, and the number stays refused.  Then an invoice
# held before it reached the service: R in the history resolves it as never
# arrived, and F6 sends it again.  A loopback proxy holds the CalcTaxes
# call so the kill lands while the workstation waits.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "tmux resolve tests"
tmux_setup r
STORE="$T_TMP/documents.sqlite"
sandbox_start --now 2022-03-15 --store "$STORE" || exit 1
cp "$FIX/requests/dallas.json" "$T_TMP/dallas.json"
CALC="POST /api/v2/afc/CalcTaxes"
INVN=CertTest4_1   # the request's own invoice number, offered by F6

# send_invoice: F6 with the offered number and code, confirmed.
send_invoice() {
	keys F6
	wait_for "Invoice (F6)" 5
	keys Enter
	wait_for "Send this invoice?" 5
	keys Enter
}

# kill_afcq NAME: SIGKILL to the workstation, then a fresh window.
kill_afcq() {
	pid=$(tmux_afcq_pid)
	if [ -n "$pid" ] && kill -9 "$pid"; then pass "$1"; else fail "$1" "no afcq process"; fi
	$TM kill-server 2>/dev/null
}

# killed_at STEP NAME: the workstation on the proxy sends the invoice and
# is killed once the proxy logs STEP (NAME_started, NAME_STEP_seen, NAME_killed).
killed_at() {
	TM_AFCQ_ARGS="-e $PX_URL dallas.json"
	tmux_start_afcq "$2_started"
	send_invoice
	if proxy_wait "$1 $CALC"; then pass "$2_proxy_saw_it"; else fail "$2_proxy_saw_it" "$(cat "$PX_LOG")"; fi
	kill_afcq "$2_killed"
}

# expect_docs NAME INVN N: the service holds N documents for INVN.
expect_docs() {
	n=$(sandbox_docs "$STORE" "$2")
	if [ "$n" = "$3" ]; then pass "$1"; else fail "$1" "$n documents, wanted $3"; fi
}

# ---- the service has it -----------------------------------------------------
proxy_start --hold-after-ms 600000 --hold-count 1 || exit 1
killed_at "answered 200" tmux_resolve_answered
expect_docs tmux_resolve_service_has_one "$INVN" 1

tmux_start_afcq tmux_resolve_restarted
see tmux_resolve_status_line_says_unknown "1 OUTCOME UNKNOWN: Alt-R"
keys F6
wait_for "Invoice (F6)" 5
keys Enter
see tmux_resolve_f6_refused "not sent: invoice $INVN: document AFCQ-"
check tmux_resolve_f6_offers_resolving "Resolve an unknown outcome"
check tmux_resolve_offer_names_the_invoice "(invoice $INVN), sent 20"
keys Enter
see tmux_resolve_answer_has_it "the service has it."
check tmux_resolve_answer_do_not_resend "Do not send it again"
keys Escape
cap
if grep -q "OUTCOME UNKNOWN" "$SCREEN"; then fail tmux_resolve_status_line_cleared "$(cat "$SCREEN")"
else pass tmux_resolve_status_line_cleared; fi
keys F6
wait_for "Invoice (F6)" 5
keys Enter
see tmux_resolve_f6_still_refused "the service already has it as document"
keys Escape
expect_docs tmux_resolve_no_second_document "$INVN" 1
$TM kill-server 2>/dev/null
proxy_stop

# ---- it never arrived -------------------------------------------------------
sed "s/\"$INVN\"/\"INV-NEVER\"/" "$FIX/requests/dallas.json" >"$T_TMP/dallas.json"
proxy_start --hold-before-ms 600000 --hold-count 1 || exit 1
killed_at holding tmux_resolve_held
expect_docs tmux_resolve_service_never_saw_it INV-NEVER 0
tmux_start_afcq tmux_resolve_restarted_again
see tmux_resolve_unknown_again "1 OUTCOME UNKNOWN: Alt-R"
keys F8
see tmux_resolve_history_lists_it "invoice           unknown 3726100"
check tmux_resolve_history_names_it "invoice number INV-NEVER"
keys R
see tmux_resolve_history_offers "Resolve an unknown outcome"
keys Enter
see tmux_resolve_never_arrived "it never arrived."
check tmux_resolve_may_send_again "Invoice INV-NEVER may be sent again (F6)."
keys Escape
see tmux_resolve_history_updated "invoice           never   3726100"
keys Escape
send_invoice
see tmux_resolve_sent_again "number INV-NEVER" 15
expect_docs tmux_resolve_one_document INV-NEVER 1
