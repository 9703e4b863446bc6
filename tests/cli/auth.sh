#!/bin/sh
# A profile with credentials against a sandbox that demands Basic auth:
# the password comes from password_env, travels only as the HTTP header,
# and never reaches the output, the errors or the history.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

PW='pw-Zq81-secret'
sandbox_start --user clerk --password "$PW" || exit 1
cfg="$T_TMP/config"
cat >"$cfg" <<EOC
version = 1;
profile = "ua";
profiles: {
  ua: { endpoint = "$SB_URL"; username = "clerk"; password_env = "AFCQ_TEST_PASSWORD"; client_id = 787; };
};
EOC

if AFCQ_TEST_PASSWORD="$PW" expect_rc "quote with credentials exits 0" 0 \
	"$AFCQ" quote -c "$cfg" -f csv "$REQ/dallas.json"; then
	expect_same "quote with credentials: every tax row" "$GOLD/dallas.csv" "$OUT"
fi
if AFCQ_TEST_PASSWORD=wrong expect_rc "wrong password exits 4" 4 \
	"$AFCQ" quote -c "$cfg" "$REQ/dallas.json"; then
	expect_grep "wrong password: the URL and the status" "$ERR" "afcq: $SB_URL/api/v2/afc/CalcTaxes: "
	expect_grep "wrong password: HTTP 401" "$ERR" "401"
	expect_grep "plain http with a password: warned" "$ERR" "afcq: warning: $cfg:"
	expect_eq "wrong password: one error line" 1 "$(grep -vc '^afcq: warning: ' "$ERR")"
fi
expect_rc "no credentials exits 4" 4 "$AFCQ" quote -e "$SB_URL" "$REQ/dallas.json"
AFCQ_TEST_PASSWORD="$PW" "$AFCQ" check-config -c "$cfg" >"$OUT" 2>"$ERR"
expect_grep "check-config: password from the environment" "$OUT" "environment AFCQ_TEST_PASSWORD"

"$AFCQ" history list -f csv >"$T_TMP/list" 2>&1
for id in $(sed 1d "$T_TMP/list" | cut -d, -f1); do
	"$AFCQ" history show -f json "$id" >>"$T_TMP/shown" 2>&1
done
cat "$T_TMP/list" >>"$T_TMP/shown"
expect_grep "history recorded the exchanges" "$T_TMP/shown" '"kind": "quote"'
if grep -rqF -- "$PW" "$T_TMP/shown" "$OUT" "$ERR" "$XDG_STATE_HOME"; then
	fail "the password is nowhere in output, errors or history"
else
	pass "the password is nowhere in output, errors or history"
fi

# No password at all and no terminal to ask on: a configuration error
# naming the variable (setsid: no controlling terminal, never a prompt).
if command -v setsid >/dev/null 2>&1; then
	if expect_rc "no password, no terminal exits 3" 3 env -u AFCQ_TEST_PASSWORD setsid -w \
		"$AFCQ" quote -c "$cfg" "$REQ/dallas.json" </dev/null; then
		expect_grep "no password: names the variable" "$ERR" "AFCQ_TEST_PASSWORD"
	fi
fi
