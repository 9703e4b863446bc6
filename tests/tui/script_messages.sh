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

# messages and hints name a field by the label the screen shows beside it,
# never by its place in the request's JSON ("bill.pcd", "cmpn.svcl", "(pcd)")
run_script fields_named_by_label <<'SCRIPT'
wait-idle
key Tab
assert-screen " Company svcl: service class"
key Tab Tab Tab Tab Tab Tab
assert-screen " Bill-to ZIP: bill-to ZIP code"
key Tab Tab Tab Tab
assert-screen " Addr st: bill-to state"
key F5
assert-state message "not sent: Bill-to: required; fill in Bill-to PCode (Ctrl-F finds it), ZIP or the address (Addr ctry, st, cnty, city)"
assert-not-screen "(pcd)"
set-field bill.pcd 37261OO
assert-screen " ! Bill-to PCode: not a whole number: 37261OO"
set-field bill.pcd 3726100
set-field itms[0].ts 19/6
set-field itms[0].chg 1O
key F5
assert-state message "not sent: fix the marked field first: item 1 Charge: not a number: 1O"
assert-screen " ! item 1 Charge: not a number: 1O"
set-field itms[0].chg 10
action ACT_EXEMPTIONS
key Ins
type 3726100
key Tab Tab Tab
type 1
key Tab
type 2
key Esc
key F5
assert-state message "not sent: exemption 1: fill in Tax type or Category, not both"
assert-not-screen "tpe"
assert-not-screen "bill.pcd"
assert-not-screen "cmpn."
SCRIPT

# while a request runs, a key it refuses (or any other news) is said
# beside "Sending...", not hidden behind it
proxy_start --hold-before-ms 600000 --hold-count 1 || exit 1
SB_DIRECT=$SB_URL
SB_URL=$PX_URL
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-screen "Sending quote..."
key F5
assert-screen " a request is already running (Esc cancels it)  | "
assert-screen "Sending quote..."
key F6
assert-screen " a request is already running (Esc cancels it)  | "
key C-c
assert-screen " Ctrl-C does nothing here: F10 quits, Esc cancels  | "
assert-screen "Sending quote..."
key Esc
wait-idle
assert-state message "quote cancelled"
assert-not-screen "Sending quote..."
SCRIPT
} | run_script refusal_said_while_sending
SB_URL=$SB_DIRECT
proxy_stop

# a key a dialog does nothing with is said on the dialog's border, what was
# typed stays, and the next key takes the note away
run_script dialog_says_key_does_nothing <<'SCRIPT'
wait-idle
key F11
wait-screen "T/S pair for line item 1"
type voip lin
key F5
assert-screen " F5 does nothing here: type words, Enter picks, Esc cancels "
assert-screen "voip lin"
type e
assert-not-screen "does nothing here"
key C-k
assert-screen " Ctrl-K does nothing here: type words, Enter picks, Esc cancels "
key Enter
assert-field itms[0].ts 19/21
key F4
key F8
assert-screen " F8 does nothing here: Tab moves, Enter or Esc done "
assert-state view fields
key Esc
key F3
type request-7.json
key F7
assert-screen " F7 does nothing here: Enter OK, Esc cancels "
assert-screen "request-7.json"
key Esc
assert-not-screen "does nothing here"
SCRIPT

# the exemptions' own keys say why they do nothing where they cannot: in an
# item's fields, at the first or last exemption, with none to delete
run_script fields_dialog_says_why <<'SCRIPT'
wait-idle
key F4
assert-state view fields
key Ins
assert-screen " Ins does nothing here: Tab moves, Enter or Esc done "
key C-d
assert-screen " Ctrl-D does nothing here: Tab moves, Enter or Esc done "
assert-state items 1
key PgDn
assert-screen " PgDn does nothing here: Tab moves, Enter or Esc done "
key Esc
action ACT_EXEMPTIONS
key C-d
assert-screen " Ctrl-D: no exemption to delete (Ins adds one) "
key PgDn
assert-screen " PgDn: no exemptions yet (Ins adds one) "
key Ins
type 3726100
key Ins
assert-screen "Exemptions: 2 of 2"
key PgDn
assert-screen " PgDn: no next exemption, this is 2 of 2 "
key PgUp
assert-screen "Exemptions: 1 of 2"
assert-not-screen "no next exemption"
key PgUp
assert-screen " PgUp: no previous exemption, this is 1 of 2 "
assert-field exms[0].loc.pcd 3726100
key Esc
assert-state view main
SCRIPT
