#!/bin/sh
# Scripted workstation tests: PRODUCTS (Ctrl-O) picks a product (a named
# set of line items) by words of its name; Enter adds its items to the
# invoice shown, replacing a grid nobody filled in, else after the items
# there; a count typed first ("3 lines", "3 voip", "3 x voip") adds it that
# many times as each item's quantity, which F4 edits afterwards; Alt-z
# undoes an add.  Products imported with afcq products import into a real
# SQLite file under a temporary XDG_DATA_HOME.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
cat >"$T_TMP/products.json" <<'JSON'
[{"name": "VoIP residential line", "itms": [
   {"chg": 15.00, "tran": 19, "serv": 6, "sale": 1},
   {"line": 1, "tran": 19, "serv": 21, "sale": 1},
   {"chg": 1.00, "tran": 19, "serv": 43, "sale": 1}]},
 {"name": "Toll free number", "itms": [{"chg": 5.00, "tran": 19, "serv": 6, "sale": 1}]}]
JSON
if "$AFCQ" products import "$T_TMP/products.json" >"$OUT" 2>"$ERR"; then
	pass products_imported
else
	fail products_imported "$(cat "$OUT" "$ERR")"
fi

# an empty grid is replaced; the Dallas customer fields typed by hand
run_script products_add_replaces_empty_grid <<'SCRIPT'
wait-idle
set-field cmpn.bscl 0
set-field cmpn.svcl 0
set-field cmpn.fclt x
set-field cmpn.reg x
set-field bill.pcd 3726100
set-field lfln x
key C-o
assert-state view products
assert-screen "2 found"
assert-screen "19/6 15 + 19/21 1 line + 19/43 1"
assert-screen "Enter: its items replace the empty grid"
type voip res
assert-screen "1 found"
key Enter
assert-state view main
assert-state items 3
assert-field itms[0].ts 19/6
assert-field itms[1].line 1
assert-field itms[2].chg 1
assert-state message "added VoIP residential line: items 1-3. Alt-z undoes"
key F5
wait-idle
assert-state total 19.78
key C-y
SCRIPT
if grep -qx "Products: VoIP residential line" "$XDG_STATE_HOME/afcq/clipboard.txt"; then
	pass products_in_readback
else
	fail products_in_readback "$(cat "$XDG_STATE_HOME/afcq/clipboard.txt")"
fi

# the count changed after the quote, not quoted again: the read-back is the
# quote's, without the product's new count, and the message says so
run_script products_readback_of_quote_not_changed_form <<'SCRIPT'
wait-idle
set-field cmpn.bscl 0
set-field cmpn.svcl 0
set-field bill.pcd 3726100
key C-o
type voip res
key Enter
key F5
wait-idle
key C-o
type 3 voip
key Enter
type c
assert-field itms[0].qty 3
key C-y
assert-state message "the quote shown, not the form changed since (F5 quotes it): the text is in"
SCRIPT
if grep -q "3 x VoIP" "$XDG_STATE_HOME/afcq/clipboard.txt"; then
	fail products_readback_without_unquoted_count "$(cat "$XDG_STATE_HOME/afcq/clipboard.txt")"
else
	pass products_readback_without_unquoted_count
fi

# a count: each item's quantity; "lines" is the unit, not a word of a name
for q in "3 lines" "3 voip" "3 x voip" "3x voip"; do
	run_script "products_count_$(echo "$q" | tr -c 'A-Za-z0-9\n' _)" <<SCRIPT
wait-idle
key C-o
type $q
assert-screen "Count: 3 (each item's quantity x3)"
key Enter
assert-state items 3
assert-field itms[0].qty 3
assert-field itms[1].qty 3
assert-field itms[2].qty 3
assert-screen "x3 VoIP/Lines"
assert-state message "added 3 x VoIP residential line as items 1-3 (quantity 3, F4 edits); Alt-z undoes"
SCRIPT
done

# the count stays editable: F4 on the item, or its field
run_script products_count_editable "$FIX/requests/dallas.json" <<'SCRIPT'
wait-idle
key C-r
set-field cmpn.bscl 0
set-field cmpn.svcl 0
set-field cmpn.fclt x
set-field cmpn.reg x
set-field bill.pcd 3726100
set-field lfln x
key C-o
type 2 voip
key Enter
key F5
wait-idle
assert-state charges 32.00
set-field itms[0].qty 3
key F5
wait-idle
assert-state charges 47.00
key F4
assert-screen "Quantity"
SCRIPT

# a grid with items: appended after them; Alt-z takes them away again
run_script products_append_and_undo "$FIX/requests/dallas.json" <<'SCRIPT'
wait-idle
key C-o
assert-screen "Enter: its items are added after the invoice's items"
type toll
key Enter
assert-state items 4
assert-field itms[3].chg 5
assert-state message "added Toll free number: item 4. Alt-z undoes"
key M-z
assert-state items 3
assert-state message "undone: adding Toll free number"
SCRIPT

# a count out of range, or nothing matching, adds nothing
run_script products_bad_count "$FIX/requests/dallas.json" <<'SCRIPT'
wait-idle
key C-o
type 0 voip
assert-screen "a count is 1 to 100000"
key Enter
assert-state view products
assert-state message "count: a count is 1 to 100000"
key Esc
key C-o
type zebra
assert-screen "no product matches every word"
key Enter
assert-state view products
key Esc
assert-state items 3
SCRIPT

# picked again while on the invoice: c changes its count, a adds it again
run_script products_again_changes_count <<'SCRIPT'
wait-idle
key C-o
type 3 lines
key Enter
assert-state items 3
key C-o
type 4 lines
key Enter
assert-state view product-again
assert-screen "VoIP residential line is on the invoice already:"
assert-screen "items 1-3, 3 times."
assert-screen "c    change it to 4 times"
assert-screen "a    add it 4 times more, as new items"
type c
assert-state items 3
assert-field itms[0].qty 4
assert-field itms[1].qty 4
assert-field itms[2].qty 4
assert-state message "VoIP residential line changed to 4 x (items 1-3); Alt-z undoes"
key M-z
assert-field itms[1].qty 3
key C-o
type 1 voip
key Enter
type c
assert-field itms[1].qty ""
key C-o
type voip
key Enter
type a
assert-state items 6
key C-o
type toll
key Enter
assert-state view main
assert-state items 7
SCRIPT
