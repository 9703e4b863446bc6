#!/bin/sh
# Lookups served by afcq-sandbox from data/sandbox/catalog: T/S pairs, tax
# types by id and '*', PCode by ZIP, city and state (and county), NPA-NXX
# and FIPS, location and primary place of a PCode; answers in the
# service's PascalCase shapes.
. "${AFCQ_TOP:-.}/tests/lib.sh"

BODY="$T_TMP/body"

get() {
	rm -f "$BODY"
	CODE=$(curl -s -o "$BODY" -D "$T_TMP/h" -w '%{http_code}' "$SB_URL$1")
}

pcode() {
	rm -f "$BODY"
	CODE=$(curl -s -o "$BODY" -D "$T_TMP/h" -w '%{http_code}' -X POST \
		-H 'Content-Type: application/json' --data-binary "$1" "$SB_URL/api/v2/afc/PCode")
}

has() {
	if grep -qF -- "$2" "$BODY"; then pass "$1"; else fail "$1" "wanted $2 in $(head -c 400 "$BODY")"; fi
}

lacks() {
	if [ ! -s "$BODY" ]; then
		fail "$1" "no answer"
	elif grep -qF -- "$2" "$BODY"; then fail "$1" "did not want $2 in $(head -c 400 "$BODY")"; else pass "$1"; fi
}

count() {
	n=$(grep -o -- "$2" "$BODY" | wc -l)
	if [ "$n" -eq "$3" ]; then pass "$1"; else fail "$1" "$n times '$2', wanted $3"; fi
}

code_is() {
	if [ "$CODE" = "$2" ]; then pass "$1"; else fail "$1" "HTTP $CODE, wanted $2"; fi
}

sandbox_start || exit 1

# ---- T/S pairs ---------------------------------------------------------
get /api/v2/afc/tspairs
code_is tspairs-200 200
has tspairs-shape '{"TransactionType":0,"ServiceType":0,"MarketType":6,"InterfaceType":1,"InputType":15,"IsBundle":false,"TransactionDescription":"No Tax","ServiceDescription":"No Tax","TSPairDescription":"No Tax/No Tax"}'
has tspairs-voip-lines '"TransactionType":19,"ServiceType":21,'
has tspairs-interstate-toll-minutes '"TransactionType":1,"ServiceType":1,"MarketType":1,"InterfaceType":1,"InputType":9,'
has tspairs-voip-access-lines '"TSPairDescription":"VoIP/Access Charge"'
has tspairs-streaming-seed '"TransactionType":57,"ServiceType":674,'
# Every pair used by the documented examples is listed.
for p in 0/0 1/4 1/12 5/6 5/58 10/15 13/6 15/7 15/657 16/6 19/6 19/21 19/37 19/43 19/49 \
	19/50 19/51 19/582 34/106 57/674; do
	has "tspairs-has-$p" "\"TransactionType\":${p%/*},\"ServiceType\":${p#*/},"
done
count tspairs-count '"TransactionType"' 782

# ---- tax types -----------------------------------------------------------
get /api/v2/afc/taxtype/525
code_is taxtype-200 200
if [ "$(cat "$BODY")" = '[{"TaxType":525,"CategoryType":1,"TaxDescription":"Consumer Use Tax (Tiered Rate)","CategoryDescription":"SALES AND USE TAXES"}]' ]; then
	pass taxtype-525-exact
else
	fail taxtype-525-exact "$(head -c 300 "$BODY")"
fi
get '/api/v2/afc/taxtype/*'
count taxtype-wildcard-count '"TaxType"' 531
has taxtype-wildcard-first '[{"TaxType":0,"CategoryType":0,"TaxDescription":"No Tax","CategoryDescription":"NO CATEGORY DESCRIPTION"}'
has taxtype-seed-533 '{"TaxType":533,"CategoryType":4,"TaxDescription":"Excise Tax NF"'
has taxtype-seed-534 '{"TaxType":534,"CategoryType":3,'
get '/api/v2/afc/taxtype/%2A'
count taxtype-wildcard-escaped '"TaxType"' 531
get /api/v2/afc/taxtype/999999
if [ "$CODE" = 200 ] && [ "$(cat "$BODY")" = '[]' ]; then pass taxtype-unknown-empty; else fail taxtype-unknown-empty "HTTP $CODE $(head -c 200 "$BODY")"; fi
get /api/v2/afc/taxtype/abc
code_is taxtype-not-a-number-400 400

# ---- PCode ---------------------------------------------------------------
pcode '{"CountryIso":"USA","State":"MN","County":"SAINT LOUIS","City":"EVELETH","ZipCode":"55734","BestMatch":true,"LimitResults":10}'
code_is pcode-200 200
if [ "$(cat "$BODY")" = '{"LocationData":[{"CountryIso":"USA","State":"MN","County":"ST LOUIS","Locality":"EVELETH","PCode":1956600}],"MatchCount":1,"InputMatchType":"Best","MatchTypeApplied":"Best","ResultsLimit":10}' ]; then
	pass pcode-best-match-saint-louis
else
	fail pcode-best-match-saint-louis "$(head -c 400 "$BODY")"
fi
pcode '{"ZipCode":"10001","BestMatch":true,"LimitResults":25}'
has pcode-zip-10001 '{"LocationData":[{"CountryIso":"USA","State":"NY","County":"NEW YORK","Locality":"EMPIRE STATE","PCode":2604100},{"CountryIso":"USA","State":"NY","County":"NEW YORK","Locality":"GREELEY SQUARE","PCode":2604100},{"CountryIso":"USA","State":"NY","County":"NEW YORK","Locality":"ONE HUNDRED THIRTY EIGHTH","PCode":2604100},{"CountryIso":"USA","State":"NY","County":"NEW YORK","Locality":"MANHATTAN","PCode":2604100},{"CountryIso":"USA","State":"NY","County":"NEW YORK","Locality":"NEW YORK","PCode":2604100}],"MatchCount":5,"InputMatchType":"Best","MatchTypeApplied":"Exact","ResultsLimit":25}'
pcode '{"CountryIso":"IND","State":"AP","City":"Tirumala","BestMatch":true,"LimitResults":1}'
has pcode-india-country-wide '{"LocationData":[{"CountryIso":"IND","State":"","County":"","Locality":"","PCode":5148400}],"MatchCount":1,"InputMatchType":"Best","MatchTypeApplied":"Best","ResultsLimit":1}'
pcode '{"ZipCode":"10001","LimitResults":2}'
count pcode-limit-truncates '"PCode"' 2
has pcode-limit-count-all '"MatchCount":5,'
pcode '{"ZipCode":"10001-1234"}'
has pcode-zip-plus-4 '"MatchCount":5,'
pcode '{"CountryIso":"CAN","ZipCode":"h1a 0a1"}'
has pcode-canadian-postal '"Locality":"MONTREAL","PCode":4945800}'
pcode '{"City":"Houston","State":"TX"}'
count pcode-city-state-several '"Locality":"HOUSTON"' 2
has pcode-city-state-harris '"County":"HARRIS","Locality":"HOUSTON","PCode":3775200}'
has pcode-city-state-fort-bend '"County":"FORT BEND","Locality":"HOUSTON","PCode":3671300}'
pcode '{"City":"houston","State":"tx","County":"Harris"}'
count pcode-city-state-county-one '"PCode"' 1
has pcode-city-state-county '"County":"HARRIS","Locality":"HOUSTON","PCode":3775200}'
pcode '{"NpaNxx":"212736"}'
has pcode-npanxx '"Locality":"NEW YORK","PCode":2604100}],"MatchCount":1'
pcode '{"NpaNxx":"415-554"}'
has pcode-npanxx-dashed '"PCode":377300}'
pcode '{"Fips":"3606151000"}'
has pcode-fips '"Locality":"NEW YORK","PCode":2604100}],"MatchCount":1'
pcode '{"Fips":"06075*"}'
has pcode-fips-range-county '"PCode":377200}'
has pcode-fips-range-city '"PCode":377300}'
count pcode-fips-range-count '"PCode"' 2
pcode '{"City":"Saint Louis","State":"MN"}'
has pcode-no-match-empty '{"LocationData":[],"MatchCount":0,"InputMatchType":"Exact","MatchTypeApplied":"Exact"'
pcode '{"CountryIso":"PRY","State":"ZZ","City":"Some City","ZipCode":"99999","BestMatch":true}'
has pcode-best-falls-back-to-country '"CountryIso":"PRY","State":"","County":"","Locality":"","PCode":5530000}'
pcode 'not json'
code_is pcode-garbage-400 400
# Every ZIP of the documented examples resolves.
for z in 00601 04856 07096 10001 20001 54173 60601 64116 66202 72201 73436 77003 77053 \
	80110 82001 85001 87501 89044 90001 94102 95054 99501 55734; do
	pcode "{\"ZipCode\":\"$z\"}"
	lacks "pcode-zip-$z" '"MatchCount":0'
done

# ---- location and primary -------------------------------------------------
get /api/v2/afc/location/2604100
code_is location-200 200
count location-all-names '"PCode":2604100' 63
has location-first '{"LocationData":[{"CountryIso":"USA","State":"NY","County":"NEW YORK","Locality":"ANSONIA","PCode":2604100},'
has location-tail '"MatchCount":63,"InputMatchType":null,"MatchTypeApplied":null,"ResultsLimit":0}'
get /api/v2/afc/primary/2604100
if [ "$(cat "$BODY")" = '{"LocationData":[{"CountryIso":"USA","State":"NY","County":"NEW YORK","Locality":"NEW YORK","PCode":2604100}],"MatchCount":1,"InputMatchType":null,"MatchTypeApplied":null,"ResultsLimit":0}' ]; then
	pass primary-exact
else
	fail primary-exact "$(head -c 300 "$BODY")"
fi
get /api/v2/afc/primary/377300
has primary-san-francisco '"Locality":"SAN FRANCISCO","PCode":377300}'
get /api/v2/afc/location/5530000
has location-country-wide '"CountryIso":"PRY"'
get /api/v2/afc/location/1
has location-unknown-empty '{"LocationData":[],"MatchCount":0,'
get /api/v2/afc/location/abc
code_is location-not-a-number-400 400
get /api/v2/afc/location/
code_is location-no-argument-404 404

# Every PCode the documented examples bill to or report taxes at is known.
for p in 0 89900 125300 139200 161300 232500 253500 302300 377200 377300 390800 427200 \
	430300 430400 533800 534000 797600 1210800 1248900 1362800 1363100 1530600 2047400 \
	2074600 2317500 2318800 2401800 2450500 2490800 2502500 2604000 2604100 3053600 \
	3065700 3671300 3726100 3775200 4306600 4312700 4411800 4423600 4481300 4482200 \
	4882600 4945800 5106100 5115900 5116000 5148400 5148421 5220006 5340002 5340003 \
	5530000 5540000 1956600; do
	get "/api/v2/afc/primary/$p"
	has "pcode-known-$p" "\"PCode\":$p}"
done
sandbox_stop

# ---- a bad catalog stops start-up with file and line ----------------------
mkdir -p "$T_TMP/rb"
cp -R "$AFCQ_TOP/data/sandbox/." "$T_TMP/rb/"
printf '9\tnot-a-number\tx\ty\n' >>"$T_TMP/rb/catalog/taxtypes.tsv"
"$SANDBOX_BIN" --listen 127.0.0.1:0 --ratebook "$T_TMP/rb" >"$OUT" 2>"$ERR" &
pid=$!
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	kill "$pid"; wait "$pid"
	fail bad-catalog-refused "the sandbox started"
else
	wait "$pid"
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q 'taxtypes.tsv:[0-9]*' "$ERR"; then pass bad-catalog-refused; else fail bad-catalog-refused "exit $rc: $(cat "$ERR")"; fi
fi
