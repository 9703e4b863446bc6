#!/bin/sh
# Scripted workstation tests at 80x24: a line longer than the screen keeps
# what matters and never ends mid-word.  The status line gives the caller's
# name way to the state ("quote network error"); the total line of a failed
# request says the reason, not a URL cut short; the raw view's title says
# which lines are shown before the keys; a load that left out a product
# says so first; a store that cannot be opened says why before where, and
# a request or catalog that failed says why before the URL; a tax name
# longer than its column ends with a whole word.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
cat >"$T_TMP/customers.csv" <<'CSV'
name,account,phone,pcode,cust,products
Margaret Hamilton-Smithers Plumbing and Heating,ACC-77,214-555-0100,3726100,1,
O'Brien Plumbing LLC,100235,972.555.0142,3726100,1,VoIP business line
CSV
if "$AFCQ" customers import "$T_TMP/customers.csv" >"$OUT" 2>"$ERR"; then
	pass long_lines_book
else
	fail long_lines_book "$(cat "$ERR")"
fi
REQ="$FIX/requests/dallas.json"

# the raw view's title line says where in the text it is, whatever the
# document code's length; the keys follow as far as they fit
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
key F6
type INV-7
key Enter
key Enter
wait-idle
assert-state op invoice
key F9
key Tab
assert-screen "RAW REQUEST of invoice AFCQ-"
assert-screen "lines 1-19 of 45"
SCRIPT
} | run_script long_lines_raw_title

# a usual product no longer stored: said before the rest of the load
run_script long_lines_missing_product <<'SCRIPT'
wait-idle
key C-p
type obrien
key Enter
assert-screen " not in the products: VoIP business line; loaded O'Brien Plumbing LLC"
SCRIPT

# a tax name longer than its column ends with a whole word and "...", and a
# tax not billed says so whatever its name's length
cat >"$T_TMP/voip.json" <<'JSON'
{"cmpn": {"bscl": 0, "svcl": 0, "fclt": false, "frch": false, "reg": false},
 "inv": [{"bill": {"pcd": 3726100}, "cust": 0, "date": "2022-03-02", "dtl": true, "summ": true,
   "itms": [{"ref": "access", "chg": 15, "sale": 1, "tran": 19, "serv": 6}]}]}
JSON
run_script long_lines_tax_name_words "$T_TMP/voip.json" <<'SCRIPT'
wait-idle
key F5
wait-idle
# (a tax not billed keeps its mark: the name gives way to it)
assert-screen "  Telecommunicat. (not billed) Federal"
assert-not-screen "Relay Sur"
SCRIPT

# the endpoint goes away before F5
sandbox_stop

run_script long_lines_network_error "$REQ" <<'SCRIPT'
wait-idle
key C-p
type hamilton
key Enter
assert-screen "Margaret Hamilton-Smithers... | ready"
key F5
wait-idle
assert-screen "Margaret... | quote network error"
assert-screen " No total: quote failed: connection refused"
SCRIPT

# an endpoint that refuses, with a long URL (as a production one is): the
# cause before the URL on the message line, the T/S cells short notes
run_script long_lines_cause_before_url -e "http://127.0.0.1:1/a/long/path/to/the/service/api" "$REQ" <<'SCRIPT'
wait-idle
assert-screen "19/6    (no catalog yet)"
assert-screen " T/S catalog not loaded: connection refused"
key F5
wait-idle
assert-screen " quote failed: connection refused"
assert-screen "! quote failed: connection refused (http://127.0.0.1:1/a/long/path/to"
SCRIPT

# a history file that cannot be opened: the cause shows before its path
XDG_STATE_HOME="$T_TMP/broken-state"
mkdir -p "$XDG_STATE_HOME/afcq/history.sqlite"
run_script long_lines_store_unavailable_cause "$REQ" <<'SCRIPT'
wait-idle
assert-screen " store unavailable: cannot open: Is a directory"
SCRIPT
