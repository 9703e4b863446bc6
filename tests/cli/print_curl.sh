#!/bin/sh
# --print-curl prints the curl command that sends exactly what afcq would
# send, and sends nothing: running the printed command against the sandbox
# gives the answer afcq itself gets.  Credentials never appear: the command
# reads the password from the variable it names.
. tests/lib.sh
sandbox_start --user rep --password 's3cr3t pw' || exit 1
REQ="$FIX/requests/dallas.json"
cfg="$T_TMP/c.conf"
cat >"$cfg" <<CONF
profile = "ua";
profiles: { ua: { endpoint = "$SB_URL"; username = "rep"; password_env = "MY_AFC_PW"; }; };
CONF
export AFCQ_CONFIG="$cfg"
export MY_AFC_PW='s3cr3t pw'

expect_rc print_curl_quote 0 "$AFCQ" quote --print-curl "$REQ"
cp "$OUT" "$T_TMP/quote.sh"
if grep -q 's3cr3t' "$T_TMP/quote.sh"; then fail print_curl_no_password "password printed"; else pass print_curl_no_password; fi
expect_grep print_curl_names_variable "$T_TMP/quote.sh" '"$MY_AFC_PW"'
expect_grep print_curl_posts_calctaxes "$T_TMP/quote.sh" "/api/v2/afc/CalcTaxes"
if grep -v '^afcq: warning:' "$ERR" | grep -q .; then fail print_curl_quiet "stderr: $(head -c 300 "$ERR")"; else pass print_curl_quiet; fi
# nothing was sent: the journal is empty
expect_rc print_curl_history 0 "$AFCQ" history list
if grep -q quote "$OUT"; then fail print_curl_nothing_recorded "$(head -5 "$OUT")"; else pass print_curl_nothing_recorded; fi

# the printed command gets the answer afcq gets
sh "$T_TMP/quote.sh" >"$T_TMP/curl.json" 2>"$ERR"
expect_rc print_curl_afcq_answer 0 "$AFCQ" quote -f json "$REQ"
if json_sorted "$T_TMP/curl.json" >"$T_TMP/a" 2>/dev/null && json_sorted "$OUT" >"$T_TMP/b" &&
   [ -s "$T_TMP/a" ] && cmp -s "$T_TMP/a" "$T_TMP/b"; then
	pass print_curl_same_answer
else
	fail print_curl_same_answer "$(head -c 300 "$T_TMP/curl.json") / $(diff "$T_TMP/a" "$T_TMP/b" | head -5)"
fi
# without the variable the server refuses it: the credential really comes from it
sh -c "$(sed 's/\\$//' "$T_TMP/quote.sh" | tr -d '\n') -o /dev/null -w '%{http_code}'" >"$T_TMP/code.ok" 2>/dev/null
MY_AFC_PW=wrong sh -c "$(sed 's/\\$//' "$T_TMP/quote.sh" | tr -d '\n') -o /dev/null -w '%{http_code}'" >"$T_TMP/code.bad" 2>/dev/null
if [ "$(cat "$T_TMP/code.ok")" = 200 ] && [ "$(cat "$T_TMP/code.bad")" = 401 ]; then
	pass print_curl_password_from_variable
else
	fail print_curl_password_from_variable "ok=$(cat "$T_TMP/code.ok") bad=$(cat "$T_TMP/code.bad")"
fi

# an invoice: the document code is in the body, nothing is journalled
expect_rc print_curl_invoice 0 "$AFCQ" invoice --print-curl --number INV-PC --doc DOC-PC-1 --commit "$REQ"
expect_grep print_curl_invoice_doc "$OUT" '"doc":"DOC-PC-1"'
expect_grep print_curl_invoice_commit "$OUT" '"cmmt":true'
expect_rc print_curl_invoice_history 0 "$AFCQ" history list
if grep -q DOC-PC-1 "$OUT"; then fail print_curl_invoice_not_recorded "$(head -5 "$OUT")"; else pass print_curl_invoice_not_recorded; fi
# the code is still free: the real invoice goes through
expect_rc print_curl_invoice_then_real 0 "$AFCQ" invoice --number INV-PC --doc DOC-PC-1 "$REQ"

# commit and the look-ups
expect_rc print_curl_commit 0 "$AFCQ" commit --print-curl DOC-PC-1
expect_grep print_curl_commit_body "$OUT" "--data-binary '{\"doc\":\"DOC-PC-1\",\"cmmt\":true}'"
expect_rc print_curl_pcode 0 "$AFCQ" pcode --print-curl 3726100
cp "$OUT" "$T_TMP/pcode.sh"
sh "$T_TMP/pcode.sh" >"$T_TMP/pcode.curl.json" 2>/dev/null
expect_rc print_curl_pcode_afcq 0 "$AFCQ" pcode -f json 3726100
if json_sorted "$T_TMP/pcode.curl.json" >"$T_TMP/a" 2>/dev/null && json_sorted "$OUT" >"$T_TMP/b" &&
   [ -s "$T_TMP/a" ] && cmp -s "$T_TMP/a" "$T_TMP/b"; then
	pass print_curl_pcode_same_answer
else
	fail print_curl_pcode_same_answer "$(head -c 300 "$T_TMP/pcode.curl.json")"
fi
expect_rc print_curl_taxtype 0 "$AFCQ" taxtype --print-curl 1
expect_grep print_curl_taxtype_path "$OUT" "/api/v2/afc/taxtype/1"
# not for commands that send nothing
expect_rc print_curl_not_for_history 2 "$AFCQ" history --print-curl list
