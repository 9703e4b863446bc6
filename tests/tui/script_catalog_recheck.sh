#!/bin/sh
# Scripted workstation tests: catalogs that are wrong or missing, through a
# proxy in front of a real sandbox (tests/cli/lib/lookup_proxy.py).  A
# cached catalog that refuses a pair is fetched again once, and the quote
# goes out once it has come; an endpoint whose lookups answer something
# that is not a catalog is said once and remembered (not asked again on
# the next start), and quoting still works.
. tests/lib.sh
. tests/tui/tui_lib
XDG_CACHE_HOME="$T_TMP/cache"
export XDG_CACHE_HOME

sandbox_start --now 2022-03-15 || exit 1
answers_proxy_start "$SB_URL" || exit 1
SB_URL=$PX

# A catalog without the Dallas pairs, cached by the command line.
printf '/tspairs 200 [{"TransactionType":1,"ServiceType":1,"TSPairDescription":"Interstate/Toll"}]\n/taxtype/* 200 [{"TaxType":1,"CategoryType":1}]\n' >"$PX_RULES"
"$AFCQ" quote -e "$PX" "$AFCQ_TOP/tests/fixtures/requests/dallas.json" >/dev/null 2>&1
: >"$PX_RULES"
: >"$PX_LOG"
{ dallas_fields; cat <<'SCRIPT'
key F5
assert-state message "being fetched again"
wait-idle
assert-state message "T/S catalog fetched again"
key F5
wait-idle
assert-state total 19.78
SCRIPT
} | run_script cached_catalog_refusing_a_pair_fetched_again
n=$(grep -c 'GET /api/v2/afc/tspairs' "$PX_LOG")
if [ "$n" = 1 ]; then pass cached_catalog_fetched_again_once; else fail cached_catalog_fetched_again_once "$n lookups"; fi

# Lookups answered with a CalcTaxes body: unavailable, said, remembered.
XDG_CACHE_HOME="$T_TMP/cache2"
printf '/tspairs 200 {"inv":[{"itms":[{"ref":"1","txs":[]}]}]}\n' >"$PX_RULES"
: >"$PX_LOG"
{ dallas_fields; cat <<'SCRIPT'
assert-state message "T/S catalog unavailable"
key F5
wait-idle
assert-state total 19.78
SCRIPT
} | run_script catalog_not_a_catalog_quote_still_works
{ dallas_fields; cat <<'SCRIPT'
assert-state message "T/S catalog unavailable"
key F5
wait-idle
assert-state total 19.78
SCRIPT
} | run_script catalog_absence_remembered
n=$(grep -c 'GET /api/v2/afc/tspairs' "$PX_LOG")
if [ "$n" = 1 ]; then pass absent_catalog_asked_once; else fail absent_catalog_asked_once "$n lookups"; fi
