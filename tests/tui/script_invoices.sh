#!/bin/sh
# Scripted workstation tests: a request with several invoices.  The form
# shows one invoice at a time ("Invoice 2 of 2"), moves between them, edits
# any of them and saves them all; invoices are added and deleted; a problem
# found in another invoice marks its field there.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
REQ="$FIX/requests/lines24.json"
SAVED="$T_TMP/two.json"

run_script invoices_switch_edit_save "$REQ" <<SCRIPT
wait-idle
assert-state invoices 2
assert-state invoice 1
assert-screen "Invoice 1 of 2"
assert-state items 24
assert-field bill.pcd 2604100
key M-]
assert-state invoice 2
assert-screen "Invoice 2 of 2"
assert-state items 1
assert-field itms[0].line 24
assert-field itms[0].ts 19/582
assert-not-screen "    2 1_CertTe"
set-field itms[0].line 25
assert-field inv[1].itms[0].line 25
assert-field inv[0].itms[0].line 1
key M-]
assert-state message "no next invoice"
key M-[
assert-state invoice 1
assert-state items 24
key F2
type "$SAVED"
key Enter
assert-state message "saved the request to"
SCRIPT

# the same file saved without the edit: the only difference is the line
# count of invoice 2's item (24, a number no item of invoice 1 has)
run_script invoices_saved_unedited "$REQ" <<SCRIPT
wait-idle
key F2
type "$T_TMP/same.json"
key Enter
assert-state message "saved the request to"
SCRIPT
if [ -s "$SAVED" ] && [ -s "$T_TMP/same.json" ]; then
	diff "$T_TMP/same.json" "$SAVED" >"$T_TMP/inv.diff"
	got=$(grep '^[<>]' "$T_TMP/inv.diff" | tr -d ' ')
	want=$(printf '<"line":24,\n>"line":25,')
	if [ "$got" = "$want" ]; then
		pass invoices_saved_change_only_in_second
	else
		fail invoices_saved_change_only_in_second "$(head -c 600 "$T_TMP/inv.diff")"
	fi
else
	fail invoices_saved_change_only_in_second "nothing saved"
fi
# the saved file loads back: inv[1] has the change, inv[0] is as it was
run_script invoices_saved_loads_back "$SAVED" <<'SCRIPT'
assert-state invoices 2
assert-field inv[1].itms[0].line 25
assert-field inv[1].itms[0].ts 19/582
assert-field inv[0].itms[0].line 1
assert-field inv[0].itms[23].ref 1_CertTest4_6_PCD_OutboundChannel
assert-state items 24
SCRIPT

# a wide screen shows the item count beside which invoice
run_script invoices_label_beside_count "$REQ" <<'SCRIPT'
resize 140 30
wait-idle
assert-screen "Description (24)"
assert-screen "Invoice 1 of 2"
key M-]
assert-screen "Description (1)"
assert-screen "Invoice 2 of 2"
SCRIPT

# adding an invoice copies bill-to, customer type and date, starts with one
# empty item; deleting asks first and never deletes the last invoice
run_script invoices_add_and_delete "$REQ" <<'SCRIPT'
wait-idle
key M-]
key M-a
assert-state invoices 3
assert-state invoice 3
assert-screen "Invoice 3 of 3"
assert-state items 1
assert-field bill.pcd 2604100
assert-field cust 1
assert-field date 2022-04-21
assert-field itms[0].ts ""
set-field itms[0].chg 5
key M-d
assert-state view confirm
key n
assert-state invoices 3
key M-d
assert-state view confirm
key y
assert-state invoices 2
assert-state invoice 2
assert-field itms[0].line 24
key M-[
key M-d
key y
assert-state invoices 1
assert-field itms[0].line 24
assert-not-screen "Invoice 1 of 1"
key M-d
assert-state message "the only invoice cannot be deleted"
assert-state invoices 1
SCRIPT

# a problem found in invoice 2 marks its field there: sending from invoice
# 1 is refused and shows invoice 2 on the marked field
run_script invoices_problem_in_second_marked "$REQ" <<'SCRIPT'
wait-idle
key M-]
set-field itms[0].sale 7
key M-[
assert-state invoice 1
key F5
assert-state op none
assert-state message "not sent: invoice 2 item 1 Sale: must be"
assert-state invoice 2
assert-state focus itms[0].sale
assert-screen "! item 1 Sale: must be"
key M-[
assert-not-screen "! item 1 Sale: must be"
key M-]
assert-screen "! item 1 Sale: must be"
SCRIPT

# Enter on an item row of the answer shows that item on its invoice
run_script invoices_answer_row_opens_its_invoice "$REQ" <<'SCRIPT'
wait-idle
key F5
wait-idle
assert-state invoice 1
key C-w
assert-state focus taxes
key End Up
assert-screen "inv 2 Item 1"
key Enter
assert-state invoice 2
assert-state focus itms[0].ref
assert-screen "Invoice 2 of 2"
key C-w End Up Up Up
key Enter
assert-state invoice 1
assert-state focus itms[23].ref
SCRIPT

# a value typed into invoice 2 that did not parse stays there, marked, and
# sending from invoice 1 is refused on it
run_script invoices_typed_invalid_in_second "$REQ" <<'SCRIPT'
wait-idle
key M-]
set-field itms[0].chg 1O.5
key M-[
assert-field itms[0].chg 0
assert-field inv[1].itms[0].chg 1O.5
key F5
assert-state op none
assert-state message "fix the marked field first"
assert-state invoice 2
assert-state focus itms[0].chg
assert-field itms[0].chg 1O.5
SCRIPT

# moving away from a value that does not parse keeps it, marked, on its
# own invoice
run_script invoices_switch_keeps_typed_text "$REQ" <<'SCRIPT'
wait-idle
key Tab Tab Tab Tab Tab Tab
assert-state focus bill.pcd
type 26x
key M-]
assert-state invoice 2
assert-field bill.pcd 2604100
key M-[
assert-field bill.pcd 26x
key Tab
assert-screen "Bill-to PCode!     26x]"
SCRIPT
