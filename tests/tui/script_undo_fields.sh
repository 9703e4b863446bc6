#!/bin/sh
# Scripted workstation tests: Alt-z, the one UNDO, does in the item's
# fields (F4) and the exemptions dialog what it does on the form.  A line
# item deleted comes back in the item's fields, an exemption in the
# exemptions dialog, each shown there; anything else is undone on the form
# with the dialog closed (the load of a customer puts the whole form back).
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

# a line item deleted comes back in the item's fields dialog, shown there
run_script undo_item_in_item_fields <<'SCRIPT'
wait-idle
set-field itms[0].ts 19/6
set-field itms[0].chg 10
action ACT_ROW_INSERT
set-field itms[1].ts 19/21
set-field itms[1].line 1
action ACT_ROW_INSERT
set-field itms[2].ts 19/43
set-field itms[2].chg 1
assert-state items 3
key C-d
assert-state items 2
assert-state message "deleted item 3 (19/43 VoIP/Invoice); Alt-z brings it back"
key F4
assert-state view fields
assert-screen "Line item 2: more fields"
key M-z
assert-state view fields
assert-state items 3
assert-state message "item 3 is back"
assert-screen "Line item 3: more fields"
assert-not-screen "does nothing here"
assert-field itms[2].ts 19/43
assert-field itms[2].chg 1
# nothing more to undo: said, the dialog stays
key M-z
assert-state view fields
assert-state message "nothing to undo (Alt-z undoes a deleted item or exemption, a customer load, a product added)"
key Esc
assert-state view main
assert-state focus itms[2].ts
SCRIPT

# an exemption deleted, undone from an item's fields: the exemptions
# dialog opens on it, as from the form
run_script undo_exemption_from_item_fields <<'SCRIPT'
wait-idle
action ACT_EXEMPTIONS
key Ins
type 3726100
key Tab Tab Tab
type 4
key Tab
key C-d
assert-state exemptions 0
key Esc
key F4
assert-state view fields
key M-z
assert-state view fields
assert-state exemptions 1
assert-screen "Exemptions: 1 of 1"
assert-field exms[0].tpe 4
assert-state message "exemption 1 is back"
SCRIPT

# a line item deleted, undone in the exemptions dialog: back in the grid
run_script undo_item_from_exemptions <<'SCRIPT'
wait-idle
set-field itms[0].ts 19/6
action ACT_ROW_INSERT
set-field itms[1].ts 19/21
key C-d
assert-state items 1
action ACT_EXEMPTIONS
assert-state view fields
key M-z
assert-state view main
assert-state items 2
assert-state message "item 2 is back"
assert-field itms[1].ts 19/21
SCRIPT

# a customer loaded, undone in an item's fields: the form as it was
run_script undo_load_from_item_fields "$FIX/requests/dallas.json" <<'SCRIPT'
wait-idle
key C-p
key Ins
assert-state view customer-save
type Ada Lovelace
key Enter
assert-state view main
set-field bill.pcd 2604100
key C-p
type lovelace
key Enter
assert-field bill.pcd 3726100
key F4
assert-state view fields
key M-z
assert-state view main
assert-field bill.pcd 2604100
assert-state message "undone: loading Ada Lovelace; the form is as it was before"
SCRIPT
