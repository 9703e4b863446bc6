#!/bin/sh
# Scripted workstation tests at 80x24: a key that does nothing on the main
# screen, in the history or in the raw view is said on the message line
# with what the view's keys are, until the next key; the message it stands
# in for comes back after it, and nothing else changes.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

run_script main_says_key_does_nothing <<'SCRIPT'
wait-idle
assert-state message "Ctrl-P finds a customer, or fill in the form; Tab moves, F5 quotes, F1 help."
key C-k
assert-screen " Ctrl-K does nothing here: F1 lists every key, F5 quotes, F10 quits"
assert-state message "Ctrl-P finds a customer, or fill in the form; Tab moves, F5 quotes, F1 help."
assert-state view main
assert-state focus cmpn.bscl
key Tab
assert-not-screen "does nothing here"
assert-screen " Ctrl-P finds a customer, or fill in the form"
assert-state focus cmpn.svcl
key M-u
assert-screen " Alt-u does nothing here: F1 lists every key"
# a key another view uses: the search of the history, in the taxes pane
action ACT_NEXT_PANE
assert-state focus taxes
key /
assert-screen " / does nothing here: F1 lists every key, F5 quotes, F10 quits"
# Esc with nothing to cancel is no news
key Esc
assert-not-screen "does nothing here"
assert-state view main
SCRIPT

# A letter that is the history's key (n: next match) is, where no field has
# the focus on the main screen, the action it is the letter of (n: new call).
run_script main_letter_is_its_action <<'SCRIPT'
wait-idle
action ACT_NEXT_PANE
assert-state focus taxes
key n
assert-not-screen "does nothing here"
assert-screen "New call"
SCRIPT

run_script history_says_key_does_nothing <<'SCRIPT'
wait-idle
set-field bill.pcd 3726100
set-field itms[0].ts 19/6
set-field itms[0].chg 15
key F5
wait-idle
assert-state op quote
key F8
assert-state view history
assert-screen "1 entry"
key F5
assert-screen " F5 does nothing here: Enter results, l loads, / finds, R resolves, Esc back"
assert-state view history
assert-state op quote
key C-k
assert-screen " Ctrl-K does nothing here: Enter results, l loads"
key Down
assert-not-screen "does nothing here"
key Esc
assert-state view main
SCRIPT

run_script raw_says_key_does_nothing <<'SCRIPT'
wait-idle
key F9
assert-state view raw
key F6
assert-screen " F6 does nothing here: Tab request/response, / finds, p pretty/exact, F2 saves,"
assert-state view raw
key Tab
assert-not-screen "does nothing here"
key M-u
assert-screen " Alt-u does nothing here: Tab request/response"
key Esc
assert-state view main
assert-not-screen "does nothing here"
SCRIPT
