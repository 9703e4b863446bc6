#!/bin/sh
# The build users get (make, no sanitizer; make test builds it in
# build/plain) loads libcurl with its own libraries searched first
# (include/afcq/dl.h), which the sanitizer build cannot do: a quote, the
# refusal of a dead endpoint, the workstation's quote and --version run on
# it too.
. tests/lib.sh
PLAIN="$AFCQ_TOP/${AFCQ_PLAIN_DIR:-build/plain}/afcq"
if [ ! -x "$PLAIN" ]; then
	fail release_build_present "no $PLAIN: build it with make BUILD=build/plain all (make test does)"
	exit 0
fi
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"

expect_rc release_quote 0 "$PLAIN" quote "$REQ"
expect_grep release_quote_total "$OUT" "19.78"
expect_rc release_refused 4 "$PLAIN" quote -e http://127.0.0.1:9 "$REQ"
expect_grep release_refused_said "$ERR" "connection refused"
expect_rc release_version 0 "$PLAIN" --version
if grep -qE '^libcurl [0-9]+\.' "$OUT"; then pass release_version_curl
else fail release_version_curl "$(cat "$OUT")"; fi

script="$T_TMP/quote.script"
printf 'wait-idle\nkey F5\nwait-idle\nassert-screen "Total due"\nquit\n' >"$script"
expect_rc release_workstation 0 "$PLAIN" -e "$SB_URL" --script "$script" "$REQ"
