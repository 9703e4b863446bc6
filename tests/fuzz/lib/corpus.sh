# Seed corpora of the fuzz targets, made from the suite's own fixtures.
# Source it (after tests/lib.sh, which sets FIX and AFCQ_TOP); then
#   fuzz_seeds NAME DIR
# fills DIR with the seeds of target fuzz_NAME: the fixtures that speak its
# format, plus the hand-written seeds and kept findings in tests/fuzz/NAME/.

FUZZ_SEEDS="$AFCQ_TOP/tests/fuzz"

# seed_copy DIR FILE...: copies each existing FILE into DIR.
seed_copy() {
	sd_dir=$1; shift
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$sd_dir/"
	done
	return 0
}

# seed_request DIR NAME "METHOD PATH" [BODY-FILE]: one sandbox request.
seed_request() {
	{
		printf '%s\n' "$3"
		[ -n "${4:-}" ] && cat "$4"
	} >"$1/$2"
}

# A catalog cache file as afcq writes it, for fuzz_lookup's endpoint.
cache_seed() {
	{
		printf '{"format":"afcq-catalog 1","endpoint":"https://fuzz.example",'
		printf '"fetched":1700000000,"tspairs":'
		cat "$FIX/codec/tspairs.json"
		printf ',"taxtypes":'
		cat "$FIX/codec/taxtypes.json"
		printf '}\n'
	} >"$1/catalog-cache.json"
}

sandbox_seeds() {
	sd=$1
	for f in "$FIX"/requests/*.json "$FIX"/engine/*.json "$FIX"/codec/request_*.json; do
		seed_request "$sd" "calc-$(basename "$f")" "POST /api/v2/afc/CalcTaxes" "$f"
	done
	seed_request "$sd" commit.json "POST /api/v2/afc/Commit" "$FIX/codec/commit_request.json"
	seed_request "$sd" pcode.json "POST /api/v2/afc/PCode" "$FIX/codec/pcode_request.json"
	seed_request "$sd" tspairs "GET /api/v2/afc/tspairs"
	seed_request "$sd" taxtypes "GET /api/v2/afc/taxtype/*"
	seed_request "$sd" taxtype "GET /api/v2/afc/taxtype/1"
	seed_request "$sd" location "GET /api/v2/afc/location/3726100"
	seed_request "$sd" primary "GET /api/v2/afc/primary/3726100"
	seed_request "$sd" serviceinfo "GET /api/v2/afc/serviceinfo"
	seed_request "$sd" health "GET /api/v2/HealthCheck"
	seed_request "$sd" wrong-auth "GET /api/v2/afc/tspairs Basic eDp5"
}

fuzz_seeds() {
	sd_name=$1; sd_out=$2
	mkdir -p "$sd_out"
	case $sd_name in
	request)
		seed_copy "$sd_out" "$FIX"/requests/*.json "$FIX"/engine/*.json \
			"$FIX"/codec/request_*.json "$FIX/codec/commit_request.json" ;;
	answer)
		seed_copy "$sd_out" "$FIX"/codec/response_*.json "$FIX"/codec/commit_*.json ;;
	stream)
		seed_copy "$sd_out" "$FIX"/codec/response_*.json "$FUZZ_SEEDS"/answer/*.json \
			"$FIX"/codec/request_*.json "$FIX"/engine/*.json ;;
	lookup)
		seed_copy "$sd_out" "$FIX"/codec/tspairs.json "$FIX"/codec/taxtypes.json \
			"$FIX"/codec/pcode_*.json "$FIX"/codec/serviceinfo.json
		cache_seed "$sd_out" ;;
	config)
		seed_copy "$sd_out" "$FIX"/config/*.conf "$AFCQ_TOP/config.example" ;;
	sandbox)
		sandbox_seeds "$sd_out" ;;
	book)
		seed_copy "$sd_out" "$FIX"/book/* ;;
	esac
	if [ -d "$FUZZ_SEEDS/$sd_name" ]; then
		seed_copy "$sd_out" "$FUZZ_SEEDS/$sd_name"/*
	fi
}
