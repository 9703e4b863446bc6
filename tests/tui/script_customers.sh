#!/bin/sh
# Scripted workstation tests: the customer book.  CUSTOMER (Ctrl-P) opens
# a finder that narrows as you type (name, account, phone digits with any
# punctuation, PCode); Enter loads the customer into the form and the
# status line names them; Alt-z undoes a load; NEW_CALL forgets the
# customer; Ins saves the form's customer as a new one, F2 updates the one
# loaded after asking; a book that cannot be opened is said and quoting
# goes on.  Real SQLite files under a temporary XDG_DATA_HOME.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"

run_script customers_save_new "$REQ" <<'SCRIPT'
wait-idle
key C-p
assert-state view customer
assert-screen "the book is empty: Ins saves the form's customer as a new one"
key Ins
assert-state view customer-save
assert-screen "From the form: PCode 3726100, Residential, lifeline, 0 exemptions"
assert-screen "Account:  CertCompany"
type Ada Lovelace
key Tab
type ACC-1
key Tab
type (214) 555-0100, 972 555 0142
key Enter
assert-state view main
assert-state message "saved the new customer Ada Lovelace in the customer book"
assert-screen "Ada Lovelace | ready"
SCRIPT
if [ "$(stat -c %a "$XDG_DATA_HOME/afcq/book.sqlite" 2>/dev/null)" = 600 ]; then
	pass customers_book_private
else
	fail customers_book_private "$(ls -l "$XDG_DATA_HOME/afcq" 2>&1)"
fi

# a second one, elsewhere, not a lifeline customer
run_script customers_save_second <<'SCRIPT'
wait-idle
set-field bill.pcd 2604100
set-field cust 1
key C-p
type Grace
key Ins
assert-screen "Name:     Grace"
type " Hopper"
key Enter
assert-state message "saved the new customer Grace Hopper"
SCRIPT

# found by the phone digits whatever the punctuation, the account, a word
# of the name, the PCode; Enter loads; the status line names the customer
for q in "214.555.0100" "(214) 555 0100" "2145550100" "555-0100" "972-555-0142" "ACC-1" "love" "3726100"; do
	run_script "customers_find_by_$(echo "$q" | tr -c 'A-Za-z0-9\n' _)" <<SCRIPT
wait-idle
key C-p
type $q
assert-screen "1 found"
assert-screen "Ada Lovelace"
assert-not-screen "Grace Hopper"
SCRIPT
done

run_script customers_load <<'SCRIPT'
wait-idle
set-field bill.pcd 2604100
key C-p
assert-screen "2 found"
type lov
key Enter
assert-state view main
assert-field bill.pcd 3726100
assert-field lfln x
assert-field cust 0
assert-state message "loaded Ada Lovelace: PCode 3726100, Residential, lifeline, 0 items. Alt-z undoes"
assert-screen "Ada Lovelace | ready"
SCRIPT

# recently used first: Ada was loaded last, so she leads the list
run_script customers_recent_first <<'SCRIPT'
wait-idle
key C-p
assert-screen "2 found"
key Enter
assert-state message "loaded Ada Lovelace"
SCRIPT

run_script customers_undo_load <<'SCRIPT'
wait-idle
set-field bill.pcd 2604100
key M-z
assert-state message "nothing to undo"
key C-p
type lovelace
key Enter
assert-field bill.pcd 3726100
key M-z
assert-field bill.pcd 2604100
assert-field lfln ""
assert-state message "undone: loading Ada Lovelace; the form is as it was before"
assert-not-screen "Ada Lovelace |"
key M-z
assert-state message "nothing to undo"
SCRIPT

# one undo key for every change, newest first: the item deleted after the
# load comes back, then the load is undone (asking, the form changed since)
run_script customers_one_undo_key <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
assert-field bill.pcd 3726100
set-field itms[0].ts 19/6
set-field itms[0].chg 10
key Down Down Down Down
assert-state focus itms[0].ref
key Ins
assert-state items 2
key C-d
assert-state items 1
assert-state message "deleted item 2; Alt-z brings it back"
key M-z
assert-state items 2
assert-state message "item 2 is back"
key M-z
assert-state view confirm
assert-screen "The form changed since loading Ada Lovelace."
type y
assert-field bill.pcd ""
assert-state items 1
assert-state message "undone: loading Ada Lovelace"
key M-z
assert-state message "nothing to undo"
SCRIPT

# changed after the load: undo asks first
run_script customers_undo_asks_after_changes <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
set-field date 2022-04-01
key M-z
assert-state view confirm
assert-screen "The form changed since loading Ada Lovelace."
type n
assert-field bill.pcd 3726100
key M-z
type y
assert-field bill.pcd ""
assert-field date 2022-03-02
SCRIPT

# a new call forgets the customer (and the undo)
run_script customers_newcall_clears <<'SCRIPT'
wait-idle
key C-p
type grace
key Enter
assert-field bill.pcd 2604100
assert-screen "Grace Hopper | ready"
key C-r
assert-state message "New call"
assert-field bill.pcd ""
assert-not-screen "Grace Hopper"
key M-z
assert-state message "nothing to undo"
key C-y
assert-state message "nothing to copy yet"
SCRIPT

# a field holding a value that does not read: the load is refused, the text kept
run_script customers_load_refused_on_bad_field <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
key M-z
set-field itms[0].chg abc
key C-p
type lovelace
key Enter
assert-state message "first correct or clear"
assert-screen " first correct or clear item 1 Charge: not a number: abc"
assert-field itms[0].chg abc
assert-field bill.pcd ""
SCRIPT

# the read-back names the customer loaded
run_script customers_readback_names_customer <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
set-field itms[0].ts 19/6
set-field itms[0].chg 15
key F5
wait-idle
key C-y
assert-state message "the text is in"
SCRIPT
if head -1 "$XDG_STATE_HOME/afcq/clipboard.txt" | grep -qx "Customer: Ada Lovelace" &&
   ! grep -q "555" "$XDG_STATE_HOME/afcq/clipboard.txt"; then
	pass customers_readback_name_no_phone
else
	fail customers_readback_name_no_phone "$(cat "$XDG_STATE_HOME/afcq/clipboard.txt")"
fi

# update the loaded one: asks first; n keeps the book as it was, y changes it
run_script customers_update_asks <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
set-field lfln -
key C-p
key F2
assert-state view customer-save
assert-screen "Update the customer"
assert-screen "Name:     Ada Lovelace"
assert-screen "Phones:   (214) 555-0100, 972 555 0142"
key Enter
assert-state view confirm
assert-screen "Change the stored customer Ada Lovelace?"
type n
assert-state view main
key C-r
type y
key C-p
type lovelace
key Enter
assert-field lfln x
set-field lfln -
key C-p
key F2
key Enter
type y
assert-state message "updated Ada Lovelace in the customer book"
key C-r
type y
key C-p
type lovelace
key Enter
assert-field lfln -
SCRIPT

# the book cannot be opened: said, and quoting goes on
BROKEN="$T_TMP/not-a-folder"
: >"$BROKEN"
XDG_DATA_HOME="$BROKEN" run_script customers_book_unavailable "$REQ" <<'SCRIPT'
wait-idle
key C-p
assert-state view main
assert-state message "customer book not available"
assert-state message "quoting goes on without it"
assert-screen " customer book not available (Not a directory); quoting goes on without it"
assert-screen "no customer book | ready"
key C-o
assert-state view main
assert-state message "customer book not available"
key F5
wait-idle
assert-state total 19.78
assert-screen "no customer book | quote OK"
SCRIPT

# found by the city of an imported customer; the list shows where they are
printf 'name,account,phone,zip,city,state,cust\nCarla Diaz,ACC-3,+1 512 555 0177,78701,Austin,TX,0\n' >"$T_TMP/c.csv"
if "$AFCQ" customers import "$T_TMP/c.csv" >"$OUT" 2>"$ERR"; then
	run_script customers_find_by_city <<'SCRIPT'
wait-idle
key C-p
type aust
assert-screen "1 found"
assert-screen "Carla Diaz                    ACC-3        +1 512 555 0177  Austin TX"
key Enter
assert-field bill.zip 78701
assert-field bill.city Austin
assert-screen "Carla Diaz | ready"
SCRIPT
else
	fail customers_import_for_city "$(cat "$OUT" "$ERR")"
fi

# loaded into an unchanged form: nothing typed, so leaving does not ask;
# loaded over typed changes: it does
run_script customers_load_keeps_form_clean <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
key F10
assert-not-screen "Quit and discard the changes?"
SCRIPT
run_script customers_undone_load_keeps_form_clean <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
key M-z
key F10
assert-not-screen "Quit and discard the changes?"
SCRIPT
run_script customers_load_over_changes_asks <<'SCRIPT'
wait-idle
set-field itms[0].chg 12
key C-p
type lovelace
key Enter
key F10
assert-state view confirm
assert-screen "Quit and discard the changes?"
type y
SCRIPT

# exemptions come with the customer, and go back into the book with them
cat >"$T_TMP/c.json" <<'JSON'
[{"name": "Dana Lee", "account": "ACC-2001", "phones": ["(469) 555-0101"],
  "bill": {"pcd": 2650300}, "cust": 1, "lfln": false, "exms": [{"tpe": 5, "lvl": 1}]}]
JSON
if "$AFCQ" customers import "$T_TMP/c.json" >"$OUT" 2>"$ERR"; then
	run_script customers_exemptions_loaded <<'SCRIPT'
wait-idle
key C-p
type 469-555
assert-screen "Business, PCode 2650300, 1 exemption"
key Enter
assert-state exemptions 1
assert-field exms[0].tpe 5
assert-field cust 1
assert-state message "loaded Dana Lee: PCode 2650300, Business, 1 exemption, 0 items"
key C-p
key Ins
assert-screen "From the form: PCode 2650300, Business, 1 exemption"
type Dana Lee Branch
key Enter
assert-state message "saved the new customer Dana Lee Branch"
key C-r
key C-p
type branch
assert-screen "Business, PCode 2650300, 1 exemption"
SCRIPT
else
	fail customers_import_with_exemptions "$(cat "$OUT" "$ERR")"
fi

# the first message says how to find the caller
run_script customers_first_message_names_the_finder <<'SCRIPT'
wait-idle
assert-screen " Ctrl-P finds a customer, or fill in the form; Tab moves, F5 quotes, F1 help."
SCRIPT

# a customer's account goes with the quote (the invoice's acct, for
# reporting), so a troubleshooter finds their quotes in history by it
run_script customers_account_in_history "$REQ" <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
key F5
wait-idle
key F8
assert-state view history
key /
type ACC-1
key Enter
assert-state message "history: \"ACC-1\" in entry"
SCRIPT

# a book that cannot be written: the finder finds and loads from it, and
# saving says first that the book is read-only
ROB="$T_TMP/ro-book"
XDG_DATA_HOME="$ROB" "$AFCQ" customers add --name "Read Only Co" --account ACC-RO >/dev/null 2>&1
chmod 0444 "$ROB/afcq/book.sqlite"
XDG_DATA_HOME="$ROB" run_script customers_read_only_book "$REQ" <<'SCRIPT'
wait-idle
key C-p
type read only
assert-screen "1 found"
key Enter
assert-state message "loaded Read Only Co"
key C-p
key Ins
type Someone New
key Enter
assert-screen " not saved: read-only book: cannot save the customer"
SCRIPT
chmod 0644 "$ROB/afcq/book.sqlite"
