#!/bin/sh
# Scripted workstation tests: the customer in history.  A customer loaded
# with Ctrl-P goes with the quote F5 sends; the history screen (F8) names
# the customer on the selected entry's line at 80x24, in a Customer column
# on a wider screen, and its / finds the entry by the customer's name
# (which the request does not hold).  Real SQLite files under temporary
# XDG folders.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"

"$AFCQ" customers add --name "José Smith" --account ACC-42 --pcode 3726100 >/dev/null 2>&1

# one quote without a customer, then one for José Smith
run_script history_customer_quote_without "$REQ" <<'SCRIPT'
wait-idle
key F5
wait-idle
SCRIPT
run_script history_customer_quote_for_customer "$REQ" <<'SCRIPT'
wait-idle
key C-p
type jose
key Enter
assert-screen "José Smith | ready"
key F5
wait-idle
key F8
assert-state view history
assert-screen "customer José Smith (ACC-42)"
key Down
assert-not-screen "customer José Smith"
key /
type smith
key Enter
assert-state message "history: \"smith\" in entry 2 (n: next)"
assert-screen "customer José Smith (ACC-42)"
SCRIPT
if expect_rc history_customer_recorded 0 "$AFCQ" history --customer smith; then
	expect_grep history_customer_recorded_name "$OUT" "José Smith (ACC-42)"
fi

# a wide screen has a Customer column
run_script history_customer_column_when_wide <<'SCRIPT'
resize 120 30
wait-idle
key F8
assert-state view history
assert-screen "Bill-to       Customer           Endpoint"
wait-screen "DALLAS, TX    José Smith         127.0.0.1:"
wait-screen "DALLAS, TX                       127.0.0.1:"
SCRIPT
# 80 columns: no column, the rows as before
run_script history_customer_no_column_at_80 <<'SCRIPT'
wait-idle
key F8
assert-state view history
assert-not-screen "Customer"
assert-screen "Bill-to       Endpoint"
SCRIPT

# / folds accents and case as afcq history --customer does: "jose" finds
# José, the name's words in any order; typed with its accent in capitals
# too; the account and the other columns without regard to case
run_script history_customer_search_without_accent <<'SCRIPT'
wait-idle
key F8
assert-state view history
key Down
assert-not-screen "customer José Smith"
key /
type jose
key Enter
assert-state message "history: \"jose\" in entry 2 (n: next)"
assert-screen "customer José Smith (ACC-42)"
key Down
key /
key C-u
type "smith jose"
key Enter
assert-state message "history: \"smith jose\" in entry 2 (n: next)"
key Down
key /
key C-u
type "JOSÉ"
key Enter
assert-state message "history: \"JOSÉ\" in entry 2 (n: next)"
key Down
key /
key C-u
type acc-42
key Enter
assert-state message "history: \"acc-42\" in entry 2 (n: next)"
key /
key C-u
type "josef"
key Enter
assert-state message "history: \"josef\" not found"
SCRIPT
