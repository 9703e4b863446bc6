#!/bin/sh
# Scripted workstation tests: the T/S catalog cache.  The workstation keeps
# the catalog where the command line does, keyed "sandbox" for the bundled
# sandbox (its port changes every run) and by base URL otherwise; a fresh
# cache is used without fetching, an old one is refreshed and rewritten.
. tests/lib.sh
. tests/tui/tui_lib
XDG_CACHE_HOME="$T_TMP/cache"
export XDG_CACHE_HOME
CACHE_DIR="$XDG_CACHE_HOME/afcq"

# run_bundled NAME < SCRIPT: the workstation on the bundled sandbox.
run_bundled() {
	SCRIPT_N=$((SCRIPT_N + 1))
	sfile="$T_TMP/script.$SCRIPT_N"
	cat >"$sfile"
	if "$AFCQ" --sandbox --script "$sfile" >"$OUT" 2>"$ERR" </dev/null; then
		pass "$1"
	else
		fail "$1" "exit $?: $(head -c 2500 "$ERR")"
	fi
}
# The cache file whose endpoint key is $1.
cache_of() {
	grep -lF "\"endpoint\":\"$1\"" "$CACHE_DIR"/catalog-*.json 2>/dev/null | head -1
}
port_of() { sed -n 's/.*SANDBOX (bundled) http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$1" | head -1; }

run_bundled catalog_first_run_fetches <<SCRIPT
wait-idle
set-field itms[0].ts 19/6
assert-screen "VoIP/Access Charge"
dump-screen "$T_TMP/run1"
SCRIPT
CACHE=$(cache_of sandbox)
if [ -n "$CACHE" ] && ! grep -q "127\.0\.0\.1" "$CACHE" && grep -q '"VoIP/Access Charge"' "$CACHE" &&
   grep -q '"taxtypes":\[' "$CACHE"; then
	pass catalog_cached_under_key_sandbox
else
	fail catalog_cached_under_key_sandbox "files: $(ls "$CACHE_DIR" 2>&1) $(head -c 300 "$CACHE" 2>/dev/null)"
fi

# Mark the cached list (and age it 3 hours, still fresh): a run on a new
# port that shows the mark read the cache by its "sandbox" key.
if [ -n "$CACHE" ]; then
	then_s=$(( $(date +%s) - 3 * 3600 ))
	sed -e 's|"VoIP/Access Charge"|"VoIP CACHED"|' \
	    -e "s|\"fetched\":[0-9]*|\"fetched\":$then_s|" "$CACHE" >"$T_TMP/c" && cat "$T_TMP/c" >"$CACHE"
fi
run_bundled catalog_read_on_another_port <<SCRIPT
wait-idle
set-field itms[0].ts 19/6
assert-screen "VoIP CACHED"
key F11
assert-screen "catalog fetched 3 h ago from sandbox"
key Esc
dump-screen "$T_TMP/run2"
SCRIPT
p1=$(port_of "$T_TMP/run1")
p2=$(port_of "$T_TMP/run2")
if [ -n "$p1" ] && [ -n "$p2" ]; then
	pass catalog_runs_on_two_ports # $p1 and $p2, picked afresh each run
else
	fail catalog_runs_on_two_ports "ports '$p1' '$p2'"
fi

# Another endpoint has a cache of its own: the sandbox's is not used.
sandbox_start || exit 1
run_script catalog_other_endpoint_not_mixed <<'SCRIPT'
wait-idle
set-field itms[0].ts 19/6
assert-screen "VoIP/Access Charge"
assert-not-screen "CACHED"
SCRIPT
if [ -n "$(cache_of "$SB_URL")" ]; then
	pass catalog_cached_under_base_url
else
	fail catalog_cached_under_base_url "no cache for $SB_URL in $(ls "$CACHE_DIR" 2>&1)"
fi

# Eight days old is too old: it is fetched again and rewritten.
if [ -n "$CACHE" ]; then
	old_s=$(( $(date +%s) - 8 * 24 * 3600 ))
	sed -e "s|\"fetched\":[0-9]*|\"fetched\":$old_s|" "$CACHE" >"$T_TMP/c" && cat "$T_TMP/c" >"$CACHE"
fi
run_bundled catalog_old_cache_refreshed <<'SCRIPT'
wait-idle
set-field itms[0].ts 19/6
assert-screen "VoIP/Access Charge"
assert-not-screen "CACHED"
key F11
assert-screen "catalog fetched just now from sandbox"
SCRIPT
if [ -n "$CACHE" ] && ! grep -q "CACHED" "$CACHE" && grep -q '"VoIP/Access Charge"' "$CACHE"; then
	pass catalog_old_cache_rewritten
else
	fail catalog_old_cache_rewritten "$(head -c 300 "$CACHE" 2>/dev/null)"
fi
