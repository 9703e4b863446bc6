#!/bin/sh
# A rep's day in a real terminal (tmux, 80x24): with a customer saved with
# their usual products and a config holding the company profile, a freshly
# started workstation quotes them in 6 keys (CUSTOMER's key, three letters
# of the name, Enter, F5) - the budget is 8, and every key sent is counted.
# Then: the customer changed in the book by someone else meanwhile is a
# conflict on saving, offering to reload (r) or overwrite (o); NEW_CALL
# forgets the customer.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "tmux day tests"
tmux_setup d
CONF="$T_TMP/afcq.conf"
cat >"$CONF" <<'CONF'
version = 1;
company: { bscl = 0; svcl = 0; fclt = true; frch = false; reg = true; idnt = "AcmeTel"; };
CONF
cat >"$T_TMP/products.json" <<'JSON'
[{"name": "VoIP residential line", "itms": [
   {"chg": 15.00, "tran": 19, "serv": 6, "sale": 1},
   {"line": 1, "tran": 19, "serv": 21, "sale": 1},
   {"chg": 1.00, "tran": 19, "serv": 43, "sale": 1}]}]
JSON
cat >"$T_TMP/customers.csv" <<'CSV'
name,account,phone,pcode,cust,lifeline,products
Ada Lovelace,ACC-1,(214) 555-0100,3726100,0,yes,VoIP residential line
Grace Hopper,ACC-2,972-555-0142,2604100,1,no,
CSV
if "$AFCQ" products import "$T_TMP/products.json" >"$OUT" 2>"$ERR" &&
   "$AFCQ" customers import "$T_TMP/customers.csv" >"$OUT" 2>"$ERR"; then
	pass day_book_imported
else
	fail day_book_imported "$(cat "$OUT" "$ERR")"
	exit 0
fi

TM_AFCQ_ARGS="--sandbox -c '$CONF'" tmux_start_afcq day_started
N=0
# k KEY: one key sent and counted
k() { $TM send-keys -t w "$1"; N=$((N + 1)); sleep 0.15; }
k C-p
k a
k d
k a
k Enter
k F5
if wait_for "Total due 19.78" 20; then pass day_quoted; else fail day_quoted "$(cat "$SCREEN")"; fi
if [ "$N" -le 8 ]; then pass "day_keystrokes_${N}_within_8"; else fail day_keystroke_budget "$N keys"; fi
check day_status_names_customer "Ada Lovelace | quote OK"
check day_company_from_config "idnt[AcmeTel"

# someone else changes Ada meanwhile (another workstation, scripted)
cat >"$T_TMP/other.script" <<'SCRIPT'
wait-idle
key C-p
type lovelace
key Enter
set-field lfln -
key C-p
key F2
key Enter
type y
assert-state message "updated Ada Lovelace"
SCRIPT
if "$AFCQ" --sandbox --script "$T_TMP/other.script" >"$OUT" 2>"$ERR" </dev/null; then
	pass day_other_rep_updates
else
	fail day_other_rep_updates "$(head -c 800 "$ERR")"
fi
# here: save the form into Ada: a conflict, with who changed her
k C-p
k F2
see day_update_dialog "Update the customer"
k Enter
see day_update_asks "Change the stored customer Ada Lovelace?"
k y
see day_conflict_shown "The customer changed in the book"
check day_conflict_says_who "since you loaded it"
check day_conflict_offers "o: overwrite    r: reload    Esc: neither"
# r: the stored one (no lifeline now) comes into the form
k r
# (the other rep took lifeline away: the message no longer says it)
see day_conflict_reloaded "loaded Ada Lovelace: PCode 3726100, Residential, 3 items. Alt-z undoes"
# the reloaded one saves without a conflict
k C-p
k F2
k Enter
k y
see day_saved_after_reload "updated Ada Lovelace in the customer book"

# changed elsewhere again; this time o overwrites
if "$AFCQ" --sandbox --script "$T_TMP/other.script" >"$OUT" 2>"$ERR" </dev/null; then
	pass day_other_rep_updates_again
else
	fail day_other_rep_updates_again "$(head -c 800 "$ERR")"
fi
k C-p
k F2
k Enter
k y
see day_conflict_again "The customer changed in the book"
k o
see day_overwritten "updated Ada Lovelace in the customer book"

# a new call forgets the customer
k C-r
# what is in the form came from the book: nothing typed to lose, no question
see day_newcall "New call: the form holds the defaults"
cap
if grep -q "Ada Lovelace" "$SCREEN"; then fail day_newcall_forgets_customer "$(cat "$SCREEN")"; else pass day_newcall_forgets_customer; fi
k F10
keys "echo rc=\$?" Enter
see day_quit_exit_0 "rc=0" 10
if grep -q "Sanitizer" "$SCREEN"; then fail day_no_sanitizer_report "$(cat "$SCREEN")"; else pass day_no_sanitizer_report; fi
