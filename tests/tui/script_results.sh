#!/bin/sh
# Scripted workstation tests of what the result panes show: a bridge
# conference's participants and their taxes (counted in the totals, opened
# in full with Enter), and a NO TAX placeholder row, which has no level.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

run_script bridge_participants_shown "$FIX/requests/bridge.json" <<'SCRIPT'
resize 132 50
wait-idle
key F5
wait-idle
assert-state total 100.72
assert-state billable 10.72
assert-state nonbillable 1.09
assert-state taxrows 19
assert-screen "Bridge participant dallas (T/S 19/6)"
assert-screen "Bridge participant sf (T/S 19/6)"
key C-w Down Down Down Down Enter
assert-state view tax
assert-screen "Item 1 conference, participant dallas, tax 3"
assert-screen "Tax                    1.875"
key Esc
key Down Down Down Down Down Down Down Down Down Down Down Down Down Down
assert-screen "Bridge participant nowhere (T/S 19/6)  ! Unknown location: the participant matches no jurisdiction."
SCRIPT

cat >"$T_TMP/notax.json" <<'JSON'
{"cfg":{"retext":true},
 "inv":[{"bill":{"pcd":3726100},"cust":0,"date":"2022-03-02","itms":[
   {"ref":"nothing","chg":10,"sale":1,"tran":0,"serv":0}]}]}
JSON
run_script no_tax_row_has_no_level "$T_TMP/notax.json" <<'SCRIPT'
wait-idle
key F5
wait-idle
assert-screen "NO TAX (not billed)"
assert-not-screen "Federal"
key C-w Down Enter
assert-state view tax
assert-screen "Level (lvl)            none (a NO TAX placeholder row)"
SCRIPT
