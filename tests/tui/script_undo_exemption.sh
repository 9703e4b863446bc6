#!/bin/sh
# Scripted workstation tests: a deleted exemption comes back with Alt-z (the
# one UNDO), in the exemptions dialog or from the form, where it was and with
# what was typed in it, even text that did not read.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

run_script exemption_undo <<'SCRIPT'
wait-idle
action ACT_EXEMPTIONS
key Ins
type 3726100
key Tab Tab Tab
type 1
key Ins
type 3726100
key Tab Tab Tab
type 2x
key Tab
key PgUp
assert-screen "Exemptions: 1 of 2"
# in the dialog: deleted, said, and back with Alt-z
key C-d
assert-state exemptions 1
assert-state message "deleted exemption 1; Alt-z brings it back"
assert-field exms[0].tpe 2x
key M-z
assert-state exemptions 2
assert-state message "exemption 1 is back"
assert-screen "Exemptions: 1 of 2"
assert-field exms[0].tpe 1
assert-field exms[0].loc.pcd 3726100
assert-field exms[1].tpe 2x
# the one typed that did not read comes back as typed, marked
key PgDn
key C-d
assert-state exemptions 1
key Esc
assert-state view main
key M-z
assert-state view fields
assert-screen "Exemptions: 2 of 2"
assert-state exemptions 2
assert-field exms[1].tpe 2x
assert-field exms[1].loc.pcd 3726100
key Esc
key F5
assert-state message "not sent: fix the marked field first: exemption 2 Tax type: not a whole number: 2x"
SCRIPT
