#!/bin/sh
# Scripted workstation tests of a tax in full: when its base is the charge
# plus several other taxes of the same item (a tax on taxes), each is named
# with its amount and place.  Little Rock, AR: the sales taxes are on the
# charge plus the franchise tax and the FCC regulatory fee.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

run_script tax_on_several_taxes <<'SCRIPT'
wait-idle
set-field cmpn.bscl 1
set-field bill.pcd 232500
set-field cust 0
set-field itms[0].ts 19/50
set-field itms[0].chg 100
key F5
wait-idle
assert-state status ok
key C-w Down Down Down Enter
assert-screen "Item 1, tax 3"
assert-screen "Calculation: 1.5% of 107.52268347879999 = 1.6128402521819998"
wait-screen "The base 107.52268347879999 is the charge 100 plus the Franchise Tax"
assert-screen "7.3338244787999995 (City of LITTLE ROCK, PULASKI county, AR) plus the"
assert-screen "FCC Regulatory Fee (VoIP) 0.188859, taxes of the same item: a tax on"
# taller than the screen: the last line is one key away
assert-screen "Up/Down: lines 1-19 of 20"
key End
assert-screen "taxes."
assert-screen "Up/Down: lines 2-20 of 20"
key Esc
# the franchise tax: the charge plus one tax
key Up Up Enter
assert-screen "Item 1, tax 1"
wait-screen "The base 100.188859 is the charge 100 plus the FCC Regulatory Fee (VoIP)"
assert-screen "a tax of the same item: a tax on a tax."
key Esc
# a tax on a share of the charge alone names no tax
key Down Down Down Down Down Enter
assert-screen "Item 1, tax 6"
assert-not-screen "a tax on"
SCRIPT
