#!/bin/sh
# Scripted workstation tests: COPY (Ctrl-Y) builds the read-back of the
# quote shown (items in words, each tax to the cent, the total); where the
# terminal cannot take the clipboard sequence (here the output is no
# terminal, or AFCQ_CLIPBOARD=file) the text goes to a private file under
# $XDG_STATE_HOME/afcq/ and the message says where.  In the raw view the
# same key copies the request as a curl command that reads the password
# from the profile's variable, never its value.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"
CLIP="$XDG_STATE_HOME/afcq/clipboard.txt"

run_script copy_nothing_yet "$REQ" <<'SCRIPT'
wait-idle
key C-y
assert-state message "nothing to copy yet: F5 quotes the form first"
SCRIPT
if [ -e "$CLIP" ]; then fail copy_nothing_writes_nothing "$(cat "$CLIP")"; else pass copy_nothing_writes_nothing; fi

run_script copy_readback_to_file "$REQ" <<SCRIPT
wait-idle
key F5
wait-idle
assert-state total 19.78
key C-y
assert-state message "the text is in $CLIP (not copied: the output is no terminal)"
# where it is shows within 80 columns, whatever the reason after it
assert-screen " the text is in $CLIP"
SCRIPT
if [ -f "$CLIP" ] && grep -qx "Items:" "$CLIP" &&
   grep -qx "  VoIP/Access Charge: 15.00" "$CLIP" &&
   grep -qx "  VoIP/Lines: 1 line" "$CLIP" &&
   grep -qx "Taxes and fees:" "$CLIP" &&
   grep -qx "  Sales Tax (State): 1.05" "$CLIP" &&
   grep -qx "  Municipal Right of Way (City): 1.72" "$CLIP" &&
   grep -qx "  E-911 (City): 0.62" "$CLIP" &&
   grep -qx "Charges: 16.00" "$CLIP" &&
   grep -qx "Total taxes and fees: 3.78" "$CLIP" &&
   grep -qx "Total due: 19.78" "$CLIP"; then
	pass copy_readback_text
else
	fail copy_readback_text "$(cat "$CLIP" 2>&1)"
fi
mode=$(stat -c %a "$CLIP" 2>/dev/null)
if [ "$mode" = 600 ]; then pass copy_file_private; else fail copy_file_private "mode $mode"; fi
# no customer was loaded: none named; the request's account never in it
if grep -q "Customer:\|CertCompany" "$CLIP"; then
	fail copy_readback_only_the_quote "$(cat "$CLIP")"
else
	pass copy_readback_only_the_quote
fi

# AFCQ_CLIPBOARD=file says so; an existing file loose in mode is made private
chmod 644 "$CLIP"
AFCQ_CLIPBOARD=file run_script copy_env_file "$REQ" <<SCRIPT
wait-idle
set-field itms[1].line 3
key F5
wait-idle
key M-y
assert-state message "the text is in $CLIP (not copied: AFCQ_CLIPBOARD=file)"
SCRIPT
if grep -qx "  VoIP/Lines: 3 lines" "$CLIP"; then pass copy_file_replaced; else fail copy_file_replaced "$(cat "$CLIP")"; fi
mode=$(stat -c %a "$CLIP" 2>/dev/null)
if [ "$mode" = 600 ]; then pass copy_file_made_private; else fail copy_file_made_private "mode $mode"; fi

# raw view: the request as curl; the password stays in its variable
CONF="$T_TMP/user.conf"
cat >"$CONF" <<CONF
version = 1;
profile = "t";
profiles: { t: { endpoint = "$SB_URL"; username = "rep1"; password_env = "MY_AFC_PW"; }; };
CONF
MY_AFC_PW=s3cret-Pw-77 run_script copy_raw_as_curl -c "$CONF" "$REQ" <<SCRIPT
wait-idle
key F9
key C-y
assert-state message "nothing sent yet: no request to copy as curl"
key Esc
key F5
wait-idle
key F9
assert-state view raw
key C-y
assert-state message "the text is in $CLIP"
SCRIPT
if grep -q '^curl ' "$CLIP" && grep -q '\$MY_AFC_PW' "$CLIP" && grep -q 'rep1' "$CLIP" &&
   grep -q "$SB_URL/api/v2/afc/CalcTaxes" "$CLIP" && ! grep -q 's3cret-Pw-77' "$CLIP"; then
	pass copy_curl_password_as_variable
else
	fail copy_curl_password_as_variable "$(cat "$CLIP")"
fi
# the copied command sends the same request: the same total comes back
if command -v curl >/dev/null 2>&1; then
	if MY_AFC_PW=s3cret-Pw-77 sh "$CLIP" >"$OUT" 2>"$ERR" && grep -q '"tax"' "$OUT" &&
	   grep -q 'Municipal Right of Way' "$OUT"; then
		pass copy_curl_runs
	else
		fail copy_curl_runs "$(head -c 600 "$OUT" "$ERR")"
	fi
fi
