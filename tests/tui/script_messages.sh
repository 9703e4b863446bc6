#!/bin/sh
# Scripted workstation tests of the message line at 80x24: a message wider
# than its row wraps onto the rows above the key bar (the summary pane gives
# them up) for as long as it is shown, whole, and the layout is back to one
# row once a short message replaces it.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

# the typed text is in the message whole, ending on the second row
run_script long_message_wraps <<'SCRIPT'
wait-idle
key Tab Tab Tab Tab Tab Tab
assert-state focus bill.pcd
type 12 and then a long explanation of what the place might be when typed by hand
key Tab
assert-screen "not a whole number: 12 and then a long explanation"
assert-screen " might be when typed by hand"
assert-not-screen "..."
assert-screen " No quote yet: fill in the form, then F5 Quote"
set-field bill.pcd 3726100
set-field itms[0].ts 19/6
set-field itms[0].chg 15
key F5
wait-idle
assert-state op quote
assert-not-screen "typed by hand"
SCRIPT
