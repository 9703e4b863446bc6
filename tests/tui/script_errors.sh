#!/bin/sh
# Scripted workstation tests: nothing typed is ever lost.  Invalid fields
# are marked and nothing is sent; an unknown T/S pair is flagged before
# sending; a dead, refusing, slow or malformed server shows the reason and
# leaves the form as it was.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

{ dallas_fields; cat <<'SCRIPT'
set-field itms[0].chg 1O.50
set-field bill.pcd 37261OO
assert-field itms[0].chg 1O.50
assert-field bill.pcd 37261OO
key F5
assert-state op none
assert-state message "not sent: fix the marked field first"
assert-screen "Bill-to PCode! 37261OO]"
assert-state focus itms[0].chg
assert-screen "! item 1 Charge: not a number: 1O.50"
# fix one, the other is still refused
set-field bill.pcd 3726100
key F5
assert-state op none
assert-state message "item 1 Charge: not a number: 1O.50"
set-field itms[0].chg 15
key F5
wait-idle
assert-state total 19.78
SCRIPT
} | run_script invalid_fields_marked_and_kept

# typing a bad value and leaving the field keeps it, marked
run_script invalid_typed_value_kept <<'SCRIPT'
wait-idle
key Tab Tab Tab Tab Tab Tab
assert-state focus bill.pcd
type 12ab
key Tab
assert-field bill.pcd 12ab
assert-state message "Bill-to PCode: not a whole number: 12ab"
key S-Tab
assert-screen " ! Bill-to PCode: not a whole number: 12ab"
SCRIPT

{ dallas_fields; cat <<'SCRIPT'
set-field itms[1].ts 19/999
assert-screen "19/999  ? unknown pair"
key F5
assert-state op none
# (the message may already say the catalog was fetched again: the mark stays)
assert-screen " ! item 2 T/S: unknown service type 999"
assert-state focus itms[1].ts
assert-field itms[1].ts 19/999
SCRIPT
} | run_script unknown_tspair_flagged_before_sending

{ dallas_fields; cat <<'SCRIPT'
set-field date 2023-02-30
key F5
assert-state op none
assert-state message "date"
assert-field date 2023-02-30
SCRIPT
} | run_script impossible_date_refused

# errors in the answer are shown where they are; no total for a failed invoice
run_script api_errors_shown_in_place <<'SCRIPT'
wait-idle
set-field bill.pcd 9999999
set-field itms[0].ts 19/6
set-field itms[0].chg 15
key F5
wait-idle
assert-state status "the API answered with errors"
assert-state total none
assert-screen "! invoice 1 error"
assert-screen "  ! error -1000: Unknown location"
assert-screen "No total: the answer holds errors"
assert-screen "quote API errors"
SCRIPT

# a server that refuses connections
SB_URL_GOOD=$SB_URL
SB_URL=http://127.0.0.1:9
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
assert-state status "network error"
assert-state total none
assert-screen "No total: quote failed:"
assert-screen "The form is unchanged"
assert-field bill.pcd 3726100
assert-field itms[2].ts 19/43
assert-state items 3
SCRIPT
} | run_script dead_server_keeps_form
SB_URL=$SB_URL_GOOD

# an HTTP error: the server wants credentials we do not send
sandbox_stop
sandbox_start --user clerk --password secret || exit 1
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
assert-state status "HTTP error"
assert-screen "No total:"
assert-field itms[0].chg 15
SCRIPT
} | run_script http_error_keeps_form
sandbox_stop

# slow and malformed answers need a small fake server
if command -v python3 >/dev/null 2>&1; then
	cat >"$T_TMP/fake.py" <<'PY'
import http.server, socketserver, sys, time
mode = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def answer(self):
        if self.command == "POST":
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if mode == "slow" and self.command == "POST":
            time.sleep(30)
        body = b'{"inv": [ {"itms": ' if self.path.endswith("CalcTaxes") else b"[]"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = answer
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
print("listening on http://127.0.0.1:%d" % s.server_address[1], flush=True)
s.serve_forever()
PY
	for mode in malformed slow; do
		python3 "$T_TMP/fake.py" $mode >"$T_TMP/fake.out" 2>/dev/null &
		FAKE_PID=$!
		i=0
		while [ $i -lt 100 ] && ! grep -q listening "$T_TMP/fake.out"; do sleep 0.05; i=$((i + 1)); done
		SB_URL=$(sed -n '1s/^listening on //p' "$T_TMP/fake.out")
		if [ $mode = malformed ]; then
			{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
assert-state status "malformed answer"
assert-screen "No total:"
assert-field itms[0].ts 19/6
key F9
assert-screen "{\"inv\": [ {\"itms\":"
SCRIPT
			} | run_script malformed_answer_keeps_form
		else
			{ dallas_fields; cat <<'SCRIPT'
key F5
sleep 300
assert-screen "Sending quote..."
assert-screen "(Esc cancels)"
# the keyboard still works while the request runs
set-field itms[0].ref still-typing
key Esc
wait-idle 5000
assert-state status cancelled
assert-state message "quote cancelled; the form is unchanged"
assert-field itms[0].ref still-typing
SCRIPT
			} | run_script slow_server_cancelled_by_esc
		fi
		kill $FAKE_PID 2>/dev/null
		wait $FAKE_PID 2>/dev/null
		: >"$T_TMP/fake.out"
	done
else
	echo "SKIP slow and malformed servers: python3 not installed"
fi

# start-up failures are plain messages on stderr, nothing left on the terminal
expect_rc no_terminal_exit_2 2 "$AFCQ" --endpoint http://127.0.0.1:9 </dev/null
expect_grep no_terminal_says_why "$ERR" "the workstation needs a terminal"
expect_rc missing_request_file_exit_2 2 "$AFCQ" --endpoint http://127.0.0.1:9 --script /dev/null "$T_TMP/none.json"
expect_grep missing_request_file_named "$ERR" "none.json: cannot read"
expect_rc missing_script_exit_2 2 "$AFCQ" --endpoint http://127.0.0.1:9 --script "$T_TMP/none.script"
expect_grep missing_script_named "$ERR" "none.script: cannot read the script"

# an item without a pair: the workstation's way to one (F11), not a command
# line's, in the message and beside the marked field
run_script missing_pair_names_the_picker <<'SCRIPT'
wait-idle
set-field bill.pcd 3726100
key F5
assert-state op none
assert-state message "item 1 T/S: required; a transaction type (F11 picks one)"
assert-not-screen "afcq tspairs"
SCRIPT
