#!/bin/sh
# Bad input of every kind: one line naming the field or the cause, the
# contract's exit code, never a crash.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

CLOSED=http://127.0.0.1:9

# Validation: every problem, one a line, exit 2, nothing sent (the
# endpoint is a closed port: sending would exit 4).
if expect_rc "invalid request exits 2" 2 "$AFCQ" quote -e "$CLOSED" "$REQ/invalid.json"; then
	expect_grep "invalid: customer type" "$ERR" "afcq: inv[0].cust: "
	expect_grep "invalid: date" "$ERR" "afcq: inv[0].date: "
	expect_grep "invalid: missing service type" "$ERR" "afcq: inv[0].itms[1].serv: "
	expect_grep "invalid: sale type" "$ERR" "afcq: inv[0].itms[2].sale: "
	n=$(grep -c '^afcq: inv\[' "$ERR")
	if [ "$n" -ge 4 ]; then pass "invalid: every problem reported"; else fail "invalid: every problem reported" "$n lines"; fi
	expect_lines "invalid: nothing on stdout" "$OUT" 0
fi
expect_rc "invalid request as invoice exits 2" 2 "$AFCQ" invoice -e "$CLOSED" --number X "$REQ/invalid.json"
if "$AFCQ" history list -f csv >"$OUT" 2>"$ERR"; then
	expect_lines "invalid requests never recorded" "$OUT" 1
fi

# Not JSON at all.
printf '{ "inv": [ { "bill": ' >"$T_TMP/broken.json"
if expect_rc "syntax error exits 2" 2 "$AFCQ" quote -e "$CLOSED" "$T_TMP/broken.json"; then
	expect_grep "syntax error names the file" "$ERR" "afcq: $T_TMP/broken.json: "
	expect_grep "syntax error gives the line" "$ERR" "line 1"
fi
printf '{ "inv": [ { "bill": { "pcd": 3726100 }, "cust": 0, "date": "2022-03-02", "itms": [ { "tran": 19, "serv": 6, "chg": "ten" } ] } ] }' >"$T_TMP/chg.json"
if expect_rc "wrong type exits 2" 2 "$AFCQ" quote -e "$CLOSED" "$T_TMP/chg.json"; then
	expect_grep "wrong type names the field" "$ERR" "afcq: inv[0].itms[0].chg: "
fi
if expect_rc "missing file exits 2" 2 "$AFCQ" quote -e "$CLOSED" "$T_TMP/nope.json"; then
	expect_grep "missing file named" "$ERR" "afcq: $T_TMP/nope.json: No such file"
fi

# Network: a closed port.
if expect_rc "closed port exits 4" 4 "$AFCQ" quote -e "$CLOSED" "$REQ/dallas.json"; then
	expect_grep "closed port message" "$ERR" "afcq: $CLOSED/api/v2/afc/CalcTaxes: connection refused"
	expect_lines "closed port: one line" "$ERR" 1
fi
expect_rc "closed port commit exits 4" 4 "$AFCQ" commit -e "$CLOSED" SOME-DOC
expect_rc "closed port lookup exits 4" 4 "$AFCQ" taxtype -e "$CLOSED" 1
if "$AFCQ" history list -f csv >"$OUT" 2>"$ERR"; then
	expect_grep "failed quote recorded as failed" "$OUT" ",quote,CertTest4_1_PCD_VoIP761310b2-7d50-463b-8fc6-b3ab7821c209,CertTest4_1,,failed,"
fi

# Configuration.
cfg="$T_TMP/config"
printf 'version = 1;\nprofile = "ua"\nprofiles: {\n' >"$cfg"
if expect_rc "config syntax error exits 3" 3 "$AFCQ" quote -c "$cfg" "$REQ/dallas.json"; then
	expect_grep "config error names file and line" "$ERR" "afcq: $cfg:"
fi
expect_rc "missing config file exits 3" 3 "$AFCQ" quote -c "$T_TMP/none.conf" "$REQ/dallas.json"
expect_rc "unknown profile exits 3" 3 "$AFCQ" quote -p nosuch "$REQ/dallas.json"
printf 'version = 1;\nprofile = "ua";\nprofiles: { ua: { endpoint = "https://afc.invalid"; username = "u"; password = "s3cret-pw"; }; };\n' >"$cfg"
chmod 644 "$cfg"
if expect_rc "readable password file exits 3" 3 "$AFCQ" quote -c "$cfg" "$REQ/dallas.json"; then
	expect_grep "readable password file: says why" "$ERR" "permissions"
fi
# a password in an @include'd file, the config named from another folder
mkdir -p "$T_TMP/d"
printf 'profile="a";\nprofiles:{a:{endpoint="http://127.0.0.1:9";username="U";\n@include "pw.inc"\n};};\n' >"$T_TMP/d/main.conf"
printf 'password="P";\n' >"$T_TMP/d/pw.inc"
chmod 600 "$T_TMP/d/main.conf"; chmod 644 "$T_TMP/d/pw.inc"
if expect_rc "readable password in an include exits 3" 3 "$AFCQ" check-config -c "$T_TMP/d/main.conf"; then
	expect_grep "readable include: names the included file" "$ERR" "afcq: $T_TMP/d/pw.inc:1: permissions 0644 are too open"
fi
chmod 600 "$cfg"
if expect_rc "check-config exits 0" 0 "$AFCQ" check-config -c "$cfg"; then
	expect_grep "check-config: value and origin" "$OUT" "profiles.ua.endpoint"
	if grep -q 's3cret-pw' "$OUT" "$ERR"; then fail "check-config never prints the password"
	else pass "check-config never prints the password"; fi
fi
AFCQ_CONFIG="$cfg" "$AFCQ" check-config >"$OUT" 2>"$ERR"
expect_grep "check-config: \$AFCQ_CONFIG is read" "$OUT" "$cfg"

# Usage errors: exit 2, one line.
expect_rc "unknown option" 2 "$AFCQ" quote --bogus "$REQ/dallas.json"
expect_grep "unknown option named" "$ERR" "afcq: --bogus: unknown option"
expect_rc "unknown format" 2 "$AFCQ" quote -f xml "$REQ/dallas.json"
expect_grep "unknown format named" "$ERR" "afcq: -f: unknown format 'xml'"
expect_rc "bad timeout" 2 "$AFCQ" quote --timeout soon "$REQ/dallas.json"
expect_rc "missing option value" 2 "$AFCQ" quote "$REQ/dallas.json" --format
expect_rc "quote without file" 2 "$AFCQ" quote
expect_rc "quote with two files" 2 "$AFCQ" quote "$REQ/dallas.json" "$REQ/dallas.json"
expect_rc "invoice without --number" 2 "$AFCQ" invoice "$REQ/dallas.json"
expect_grep "invoice without --number named" "$ERR" "--number"
expect_rc "--number is for invoice only" 2 "$AFCQ" quote --number 5 "$REQ/dallas.json"
expect_rc "commit without DOC" 2 "$AFCQ" commit
expect_rc "taxtype not a number" 2 "$AFCQ" taxtype abc
expect_rc "pcode without anything" 2 "$AFCQ" pcode
expect_rc "pcode PCODE with a place" 2 "$AFCQ" pcode 3726100 --city Dallas
expect_rc "pcode --best-match with --exact" 2 "$AFCQ" pcode --zip 10001 --best-match --exact
expect_grep "pcode --best-match with --exact: says so" "$ERR" "give one of them"
expect_rc "pcode --limit 0" 2 "$AFCQ" pcode --zip 10001 --limit 0
expect_grep "pcode --limit 0: names the option" "$ERR" "afcq: --limit: '0' is not a number of results"
expect_rc "pcode --country not ISO" 2 "$AFCQ" pcode --country U5A
expect_rc "pcode --limit with PCODE" 2 "$AFCQ" pcode 3726100 --limit 3
expect_rc "pcode bad npanxx" 2 "$AFCQ" pcode --npanxx 12
expect_rc "history bad action" 2 "$AFCQ" history frob
expect_rc "history show not a number" 2 "$AFCQ" history show x
expect_rc "--sandbox with --endpoint" 2 "$AFCQ" quote --sandbox -e "$CLOSED" "$REQ/dallas.json"
expect_rc "--help exits 0" 0 "$AFCQ" --help
expect_grep "--help lists the commands" "$OUT" "afcq invoice"
expect_rc "quote --help exits 0" 0 "$AFCQ" quote --help
expect_rc "--version exits 0" 0 "$AFCQ" -V
expect_grep "--version prints the version" "$OUT" "afcq "

# Unknown T/S pairs are caught against the endpoint's catalog before the
# request goes out: exit 2, one line per field, nothing recorded.
sandbox_start || exit 1
sed 's/"tran": 19, "serv": 6,/"tran": 999, "serv": 6,/; s/"serv": 43,/"serv": 9999,/' \
	"$REQ/dallas.json" >"$T_TMP/pairs.json"
before=$("$AFCQ" history list -f csv | wc -l)
if expect_rc "unknown T/S pair exits 2" 2 "$AFCQ" quote -e "$SB_URL" "$T_TMP/pairs.json"; then
	expect_grep "unknown transaction type named" "$ERR" "afcq: inv[0].itms[0].tran: unknown transaction type 999"
	expect_grep "unknown service type named" "$ERR" "afcq: inv[0].itms[2].serv: unknown service type 9999"
	expect_lines "unknown T/S pair: two lines" "$ERR" 2
fi
after=$("$AFCQ" history list -f csv | wc -l)
expect_eq "unknown T/S pair: nothing sent" "$before" "$after"

# --timeout: a server that accepts but never answers (stopped) gives up
# after the time given, exit 4.  Honoured: run under a bound (25 s) far
# below the default timeout (30 s), so that an ignored --timeout 1 ends in
# the bound's 124, not 4, however loaded the machine.
kill -STOP "$SB_PID"
if expect_rc "timeout honoured, exits 4" 4 timeout 25 "$AFCQ" quote --timeout 1 -e "$SB_URL" "$REQ/streaming.json"; then
	expect_grep "timeout message" "$ERR" "afcq: $SB_URL/api/v2/afc/"
	expect_grep "timeout says so" "$ERR" "timed out"
fi
kill -CONT "$SB_PID"
