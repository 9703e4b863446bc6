#!/bin/sh
# HTTP contract of afcq-sandbox: health, service info, the error header on
# refused requests (400, 404, 405, 401, 413), Basic auth, and a small
# CalcTaxes answered with taxes for its line item.
. "${AFCQ_TOP:-.}/tests/lib.sh"

HDR="$T_TMP/headers"
BODY="$T_TMP/body"

# req NAME METHOD PATH [curl args...]: status code to $CODE, headers to
# $HDR, body to $BODY.
req() {
	method=$1; path=$2; shift 2
	rm -f "$BODY" "$HDR"
	CODE=$(curl -s -o "$BODY" -D "$HDR" -w '%{http_code}' -X "$method" "$@" "$SB_URL$path")
}

expect_code() {
	if [ "$CODE" = "$2" ]; then pass "$1"; else fail "$1" "HTTP $CODE, wanted $2: $(head -c 300 "$BODY")"; fi
}

expect_header() {
	if grep -qi "^$2" "$HDR"; then pass "$1"; else fail "$1" "no '$2' header in: $(tr -d '\r' <"$HDR" | tr '\n' '|')"; fi
}

SMALL='{
  "cmpn": {"bscl": 0, "svcl": 0, "fclt": false, "frch": false, "reg": false},
  "inv": [{
    "bill": {"ctry": "USA", "st": "CA", "cnty": "San Francisco", "city": "San Francisco", "zip": "94102"},
    "cust": 0, "date": "2018-05-01T12:00:00Z",
    "itms": [{"ref": "line-1", "chg": 100, "sale": 1, "tran": 19, "serv": 6}],
    "invm": false, "dtl": true, "summ": false
  }]
}'

sandbox_start || exit 1

req GET /api/v2/HealthCheck
expect_code health-200 200

req GET /api/v2/afc/serviceinfo
expect_code serviceinfo-200 200
expect_grep serviceinfo-time "$BODY" '"ServerTime":"'
expect_grep serviceinfo-versions "$BODY" '"AfcEngineVersion":"'

req POST /api/v2/afc/CalcTaxes -H 'Content-Type: application/json' --data-binary 'this is { not json'
expect_code garbage-400 400
expect_header garbage-error-header 'error: '
expect_grep garbage-json-body "$BODY" '{"error":'

req POST /api/v2/afc/CalcTaxes -H 'Content-Type: application/json' --data-binary ''
expect_code empty-body-400 400

req GET /api/v2/afc/NoSuchThing
expect_code unknown-path-404 404
expect_header unknown-path-error-header 'error: '

# A path that is not UTF-8 is quoted in a body that still is JSON.
req GET /api/v2/afc/l%CEocation/1
expect_code non-utf8-path-404 404
expect_grep non-utf8-path-json-body "$BODY" '{"error":"No such resource: /api/v2/afc/l'

req GET /api/v2/afc/CalcTaxes
expect_code wrong-method-405 405
expect_header wrong-method-allow 'Allow: POST'
expect_header wrong-method-error-header 'error: '

req POST /api/v2/afc/tspairs --data-binary '{}'
expect_code wrong-method-get-route-405 405
expect_header wrong-method-get-route-allow 'Allow: GET, HEAD'

req POST /api/v2/afc/CalcTaxes -H 'Content-Type: application/json' --data-binary "$SMALL"
expect_code calc-200 200
expect_grep calc-item-ref "$BODY" '"itms":[{"ref":"line-1"'
expect_grep calc-item-taxes "$BODY" '"txs":[{'

# Paths are not case-sensitive, as on the real service.
req POST /api/v2/afc/calctaxes -H 'Content-Type: application/json' --data-binary "$SMALL"
expect_code calc-path-case 200

# A body over the limit is refused from its declared length, unread.
head -c 67108865 /dev/zero >"$T_TMP/big"
req POST /api/v2/afc/CalcTaxes -H 'Content-Type: application/json' --data-binary "@$T_TMP/big"
rm -f "$T_TMP/big"
expect_code big-body-413 413
expect_header big-body-error-header 'error: '

sandbox_stop

# With credentials the service answers 401 without or with wrong ones.
sandbox_start --user rep --password 's3cret:pw' || exit 1
req GET /api/v2/afc/serviceinfo
expect_code auth-none-401 401
expect_header auth-none-challenge 'WWW-Authenticate: Basic'
expect_header auth-none-error-header 'error: '
req GET /api/v2/afc/serviceinfo -u 'rep:wrong'
expect_code auth-wrong-401 401
expect_header auth-wrong-error-header 'error: '
req GET /api/v2/afc/serviceinfo -u 'rep:s3cret:pw'
expect_code auth-right-200 200
req GET /api/v2/HealthCheck
expect_code auth-health-check-open 200
req POST /api/v2/afc/CalcTaxes -u 'rep:s3cret:pw' -H 'Content-Type: application/json' \
	--data-binary "$SMALL"
expect_code auth-calc-200 200
if grep -q 's3cret' "$T_TMP/sb.out" "$T_TMP/sb.err"; then
	fail auth-password-not-printed "the password appears in the sandbox's output"
else
	pass auth-password-not-printed
fi
sandbox_stop

# Usage errors exit 2 without listening.
expect_rc usage-user-without-password 2 "$SANDBOX_BIN" --user someone
expect_rc usage-bad-listen 2 "$SANDBOX_BIN" --listen nonsense
expect_rc usage-bad-now 2 "$SANDBOX_BIN" --now 2018-13-01

# SIGTERM and SIGINT stop it cleanly (exit 0; leaks would fail under ASan).
for sig in TERM INT; do
	sandbox_start || exit 1
	curl -s -o /dev/null "$SB_URL/api/v2/afc/serviceinfo"
	kill -s "$sig" "$SB_PID"
	wait "$SB_PID"
	rc=$?
	SB_PID=""
	if [ "$rc" -eq 0 ]; then
		pass "sig$sig-clean-exit"
	else
		fail "sig$sig-clean-exit" "exit $rc: $(head -c 300 "$T_TMP/sb.err")"
	fi
done
