#!/bin/sh
# Habits of a terminal tool: --version names the libraries it runs with,
# check-config warns about a password written in the file, and a quote-only
# profile (allow_commit = false) refuses invoices and commits (exit 2, the
# profile named) while quotes go on as before.
. tests/lib.sh
sandbox_start || exit 1

expect_rc version_exit0 0 "$AFCQ" --version
expect_grep version_names_libcurl "$OUT" "libcurl "
expect_grep version_names_jansson "$OUT" "jansson "
expect_grep version_names_sqlite "$OUT" "SQLite "

cfg="$T_TMP/quoteonly.conf"
cat >"$cfg" <<CONF
profile = "reps";
profiles: {
  reps: { endpoint = "$SB_URL"; allow_commit = false; };
  billing: { endpoint = "$SB_URL"; };
};
CONF
chmod 600 "$cfg"
REQ="$FIX/requests/dallas.json"

expect_rc quote_only_invoice_refused 2 "$AFCQ" invoice -c "$cfg" --number INV-1 "$REQ"
expect_grep quote_only_invoice_names_profile "$ERR" "profile 'reps' is quote-only"
expect_rc quote_only_commit_refused 2 "$AFCQ" commit -c "$cfg" SOMEDOC
expect_grep quote_only_commit_says_why "$ERR" "may not commit a document"
expect_rc quote_only_uncommit_refused 2 "$AFCQ" uncommit -c "$cfg" SOMEDOC
expect_grep quote_only_uncommit_says_why "$ERR" "may not uncommit a document"
expect_rc quote_only_resolve_refused 2 "$AFCQ" resolve -c "$cfg"
expect_grep quote_only_resolve_says_why "$ERR" "may not resolve a send"
# nothing was sent or recorded by the refusals
expect_rc quote_only_history_list 0 "$AFCQ" history list -c "$cfg"
if grep -q INV-1 "$OUT"; then fail quote_only_nothing_recorded "$(cat "$OUT")"
else pass quote_only_nothing_recorded; fi
expect_rc quote_only_quote_works 0 "$AFCQ" quote -c "$cfg" "$REQ"
expect_grep quote_only_quote_total "$OUT" "19.78"
expect_rc quote_only_lookup_works 0 "$AFCQ" pcode -c "$cfg" 3726100
# another profile of the same file may invoice
expect_rc other_profile_invoices 0 "$AFCQ" invoice -c "$cfg" -p billing --number INV-2 "$REQ"
expect_rc check_config_shows_allow_commit 0 "$AFCQ" check-config -c "$cfg"
expect_grep check_config_allow_commit_false "$OUT" "profiles.reps.allow_commit"

pwcfg="$T_TMP/pw.conf"
printf 'profile = "a";\nprofiles: { a: { endpoint = "%s"; username = "u"; password = "secret-pw"; }; };\n' \
	"$SB_URL" >"$pwcfg"
chmod 600 "$pwcfg"
expect_rc check_config_password_ok 0 "$AFCQ" check-config -c "$pwcfg"
expect_grep check_config_warns_password_in_file "$OUT" "warning: profiles.a.password"
expect_grep check_config_suggests_password_env "$OUT" "password_env"
if grep -q secret-pw "$OUT" "$ERR"; then fail check_config_hides_password "shown"
else pass check_config_hides_password; fi
envcfg="$T_TMP/env.conf"
printf 'profile = "a";\nprofiles: { a: { endpoint = "%s"; username = "u"; password_env = "X_PW"; }; };\n' \
	"$SB_URL" >"$envcfg"
expect_rc check_config_env_ok 0 env X_PW=zz "$AFCQ" check-config -c "$envcfg"
if grep -q "warning:" "$OUT"; then fail check_config_no_warning_for_env "$(grep warning "$OUT")"
else pass check_config_no_warning_for_env; fi
