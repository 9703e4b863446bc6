#!/bin/sh
# Load on loopback: rounds of concurrent requests (CalcTaxes that keeps
# replacing one document, PCode lookups, the whole tax type catalog) sent
# with curl's parallel mode.  Every answer must be HTTP 200, and the
# sandbox's resident memory must stay flat from the first round to the last.
. "${AFCQ_TOP:-.}/tests/lib.sh"

ROUNDS=${LOAD_ROUNDS:-4}
PER_ROUND=${LOAD_REQUESTS:-300}       # per kind of request
GROWTH_KB=${LOAD_MAX_GROWTH_KB:-6144}

# ASan's quarantine holds freed memory back on purpose; shrink it so that
# resident memory shows what the program keeps.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:quarantine_size_mb=1"

cat >"$T_TMP/calc.json" <<'JSON'
{"inv":[{"doc":"LOAD-TEST","bill":{"ctry":"USA","st":"CA","cnty":"San Francisco","city":"San Francisco","zip":"94102"},
 "cust":0,"date":"2018-05-01","itms":[
  {"ref":"voip","chg":100,"sale":1,"tran":19,"serv":6,"line":1},
  {"ref":"lines","chg":25,"sale":1,"tran":19,"serv":21,"line":3}]}]}
JSON
printf '%s' '{"ZipCode":"10001","BestMatch":true,"LimitResults":25}' >"$T_TMP/pcode.json"

rss_kb() {
	sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$SB_PID/status"
}

# round N: three parallel floods at once; answer codes to $T_TMP/codes.N
round() {
	curl -s -Z --parallel-max 4 -X POST -H 'Content-Type: application/json' \
		--data-binary "@$T_TMP/calc.json" -o /dev/null -w '%{http_code}\n' \
		"$SB_URL/api/v2/afc/CalcTaxes?n=[1-$PER_ROUND]" >"$T_TMP/c.$1" 2>/dev/null &
	p1=$!
	curl -s -Z --parallel-max 4 -X POST -H 'Content-Type: application/json' \
		--data-binary "@$T_TMP/pcode.json" -o /dev/null -w '%{http_code}\n' \
		"$SB_URL/api/v2/afc/PCode?n=[1-$PER_ROUND]" >"$T_TMP/p.$1" 2>/dev/null &
	p2=$!
	curl -s -Z --parallel-max 2 -o /dev/null -w '%{http_code}\n' \
		"$SB_URL/api/v2/afc/taxtype/*?n=[1-$PER_ROUND]" >"$T_TMP/t.$1" 2>/dev/null
	wait $p1 $p2
	cat "$T_TMP/c.$1" "$T_TMP/p.$1" "$T_TMP/t.$1" >"$T_TMP/codes.$1"
}

sandbox_start --now 2018-05-15 || exit 1
[ -r "/proc/$SB_PID/status" ] || { echo "FAIL load: no /proc to read memory from"; exit 1; }

start=$(date +%s)
round 1
base=$(rss_kb)
r=2
while [ $r -le "$ROUNDS" ]; do
	round $r
	echo "# round $r: RSS $(rss_kb) kB"
	r=$((r + 1))
done
last=$(rss_kb)
secs=$(( $(date +%s) - start ))

total=$(cat "$T_TMP"/codes.* | wc -l)
ok=$(cat "$T_TMP"/codes.* | grep -c '^200$')
want=$((ROUNDS * PER_ROUND * 3))
echo "# load: $total requests in ${secs}s, $((total - ok)) not 200; RSS ${base} kB after round 1, ${last} kB after round $ROUNDS"
if [ "$total" -eq "$want" ] && [ "$ok" -eq "$want" ]; then
	pass load-all-answered-200
else
	fail load-all-answered-200 "$ok of $want answered 200 ($total answers)"
fi
if [ $((last - base)) -le "$GROWTH_KB" ]; then
	pass load-memory-flat
else
	fail load-memory-flat "resident memory grew from $base kB to $last kB"
fi
# Still healthy, and the document kept its last version only.
code=$(curl -s -o /dev/null -w '%{http_code}' "$SB_URL/api/v2/HealthCheck")
if [ "$code" = 200 ]; then pass load-still-healthy; else fail load-still-healthy "HTTP $code"; fi
code=$(curl -s -o "$T_TMP/b" -w '%{http_code}' -X POST --data-binary '{"doc":"LOAD-TEST","cmmt":true}' \
	"$SB_URL/api/v2/afc/Commit")
expect_grep load-document-kept "$T_TMP/b" '{"ok":true}'
