#!/bin/sh
# Scripted workstation tests: NEW_CALL (Ctrl-R) puts the form back to the
# configured defaults for the next caller: the config's company profile,
# today's date, one empty line item, no answer on screen; the last quote
# stays in history.  It asks first only when the form holds changes that
# were never quoted or saved.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"
CONF="$T_TMP/company.conf"
cat >"$CONF" <<'CONF'
version = 1;
company: { bscl = 0; svcl = 1; fclt = true; frch = false; reg = true; idnt = "AcmeTel"; };
CONF

# a quoted form clears at once: the company profile, today, one empty item
run_script newcall_after_quote_at_once -c "$CONF" "$REQ" <<'SCRIPT'
wait-idle
set-field itms[1].line 3
key F5
wait-idle
assert-state total 24.86
key C-r
assert-state view main
assert-state message "New call: the form holds the defaults; the last quote is in history (F8)"
assert-field bill.pcd ""
assert-field cust 0
assert-field lfln ""
assert-field date 2022-03-02
assert-field cmpn.bscl 0
assert-field cmpn.svcl 1
assert-field cmpn.fclt x
assert-field cmpn.reg x
assert-field cmpn.idnt AcmeTel
assert-state items 1
assert-field itms[0].ts ""
assert-field itms[0].chg ""
assert-state total none
assert-screen "No quote yet"
assert-not-screen "24.86"
SCRIPT
# ...and the quote is still in history
if "$AFCQ" history list >"$OUT" 2>"$ERR" && grep -q "24.86" "$OUT"; then
	pass newcall_quote_kept_in_history
else
	fail newcall_quote_kept_in_history "$(cat "$OUT" "$ERR" | head -c 600)"
fi

# a loaded file, unchanged: no question; nothing was quoted, so the
# message mentions no quote in history
run_script newcall_loaded_unchanged_at_once "$REQ" <<'SCRIPT'
wait-idle
key M-n
assert-state message "New call"
assert-not-screen "history"
assert-field bill.pcd ""
SCRIPT

# changed and never quoted: it asks; n, Esc and Enter keep the form, y clears
run_script newcall_unquoted_asks "$REQ" <<'SCRIPT'
wait-idle
set-field bill.pcd 2604100
key C-r
assert-state view confirm
assert-screen "never quoted or saved"
type n
assert-state view main
assert-field bill.pcd 2604100
key C-r
key Enter
assert-state view main
assert-field bill.pcd 2604100
key C-r
type y
assert-state view main
assert-field bill.pcd ""
assert-state message "New call"
SCRIPT

# changed after the quote: asks again
run_script newcall_changed_after_quote_asks "$REQ" <<'SCRIPT'
wait-idle
key F5
wait-idle
set-field itms[0].chg 20
key C-r
assert-state view confirm
key Esc
assert-field itms[0].chg 20
SCRIPT

# a value typed but not yet stored (the field still being edited) counts
run_script newcall_typing_counts "$REQ" <<'SCRIPT'
wait-idle
key F5
wait-idle
key Tab Tab Tab Tab Tab Tab
type 2604100
key C-r
assert-state view confirm
SCRIPT

# the pin and the loaded answer go with the call
run_script newcall_drops_pin "$REQ" <<'SCRIPT'
wait-idle
key F5
wait-idle
key C-g
key C-r
key C-v
assert-state message "no pinned quote"
SCRIPT
