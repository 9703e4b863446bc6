#!/bin/sh
# The log file: $XDG_STATE_HOME/afcq/afcq.log, private, one line per
# exchange (method, URL, status, size, latency) and the configuration used;
# debug adds headers and bodies.  Passwords, the Authorization header and
# client_id values never reach it.  It rotates at log.max_kb.
. tests/lib.sh
sandbox_start --user rep --password 'pw-never-logged' || exit 1
REQ="$FIX/requests/dallas.json"
LOG="$XDG_STATE_HOME/afcq/afcq.log"
cfg="$T_TMP/c.conf"
cat >"$cfg" <<CONF
profile = "ua";
profiles: { ua: { endpoint = "$SB_URL"; username = "rep"; password_env = "PW_VAR"; client_id = 987654; }; };
CONF
export AFCQ_CONFIG="$cfg" PW_VAR='pw-never-logged'

expect_rc log_quote 0 "$AFCQ" quote "$REQ"
if [ -f "$LOG" ]; then pass log_file_made; else fail log_file_made "no $LOG"; exit 0; fi
mode=$(stat -c %a "$LOG")
if [ "$mode" = 600 ]; then pass log_file_private; else fail log_file_private "mode $mode"; fi
expect_grep log_exchange_line "$LOG" "quote POST $SB_URL/api/v2/afc/CalcTaxes: HTTP 200,"
if grep -qE 'CalcTaxes: HTTP 200, [0-9]+ bytes, [0-9]+ ms' "$LOG"; then pass log_size_and_latency
else fail log_size_and_latency "$(cat "$LOG")"; fi
expect_grep log_config_event "$LOG" "configuration $cfg, profile ua"
if grep -q "request body" "$LOG"; then fail log_info_has_no_bodies "$(grep 'request body' "$LOG" | head -c 200)"
else pass log_info_has_no_bodies; fi

expect_rc log_debug_quote 0 "$AFCQ" quote --log-level debug "$REQ"
expect_grep log_debug_request_body "$LOG" 'request body: {"cfg"'
expect_grep log_debug_response_body "$LOG" 'response body: {'
expect_grep log_debug_auth_redacted "$LOG" "Authorization: Basic (redacted)"
expect_grep log_debug_client_id_redacted "$LOG" "client_id: (redacted)"
if grep -q 'pw-never-logged' "$LOG"; then fail log_no_password "password in the log"; else pass log_no_password; fi
if grep -q '987654' "$LOG"; then fail log_no_client_id "client_id value in the log"; else pass log_no_client_id; fi

# CSV lets the text sent go once the call has it, unless a debug log writes
# it: the line still says POST, and the body written is the one recorded
# (a request in strict JSON is read one invoice at a time, the relaxed one
# whole: both).
python3 -c 'import json, re, sys; t = re.sub(r"//[^\n]*|/\*.*?\*/", "", open(sys.argv[1]).read(), flags=re.S); t = re.sub(r",(\s*[]}])", r"\1", t).replace(": 03", ": 3"); json.dump(json.loads(t), open(sys.argv[2], "w"))' "$REQ" "$T_TMP/strict.json"
for r in "$REQ" "$T_TMP/strict.json"; do
	rm -f "$LOG"
	expect_rc "log_csv_quote $(basename "$r")" 0 "$AFCQ" quote -f csv "$r"
	expect_grep "log_csv_exchange_line $(basename "$r")" "$LOG" \
		"quote POST $SB_URL/api/v2/afc/CalcTaxes: HTTP 200,"
	expect_rc "log_csv_debug_quote $(basename "$r")" 0 "$AFCQ" quote -f csv --log-level debug "$r"
	sed -n 's/.*request body: //p' "$LOG" >"$T_TMP/logged_body"
	sqlite3 "$XDG_STATE_HOME/afcq/history.sqlite" \
		"select request from requests order by id desc limit 1" >"$T_TMP/recorded_body"
	if [ -s "$T_TMP/logged_body" ] && cmp -s "$T_TMP/logged_body" "$T_TMP/recorded_body"; then
		pass "log_csv_debug_body_as_recorded $(basename "$r")"
	else
		fail "log_csv_debug_body_as_recorded $(basename "$r")" "$(head -c 300 "$T_TMP/logged_body")"
	fi
done

# a failure is a warning line with its cause
expect_rc log_refused 4 "$AFCQ" quote -e http://127.0.0.1:9 "$REQ"
expect_grep log_failure_warn "$LOG" "warn  quote POST http://127.0.0.1:9/api/v2/afc/CalcTaxes"

# error level: no info lines
rm -f "$LOG"
expect_rc log_error_level 0 "$AFCQ" quote --log-level error "$REQ"
if [ -f "$LOG" ] && grep -q " info " "$LOG"; then fail log_error_level_quiet "$(cat "$LOG")"; else pass log_error_level_quiet; fi
expect_rc log_bad_level 2 "$AFCQ" quote --log-level loud "$REQ"
expect_grep log_bad_level_says "$ERR" "--log-level: must be error, warn, info or debug"
printf 'log: { level = "chatty"; };\n' >"$T_TMP/bad.conf"
expect_rc log_bad_level_config 3 "$AFCQ" quote -c "$T_TMP/bad.conf" --sandbox "$REQ"
expect_grep log_bad_level_config_says "$ERR" "log.level"

# rotation at log.max_kb
cat >>"$cfg" <<'CONF'
log: { level = "debug"; max_kb = 16; };
CONF
for i in 1 2 3 4 5 6; do "$AFCQ" quote "$REQ" >/dev/null 2>&1; done
size=$(stat -c %s "$LOG")
if [ -f "$LOG.1" ] && [ "$size" -le 20000 ]; then pass log_rotates
else fail log_rotates "afcq.log $size bytes, afcq.log.1 $( [ -f "$LOG.1" ] && echo there || echo missing)"; fi
if grep -q 'pw-never-logged' "$LOG" "$LOG.1"; then fail log_rotated_no_password "found"; else pass log_rotated_no_password; fi

# catalog events: fetched once, then from the cache
rm -f "$LOG" "$LOG.1"
rm -rf "$HOME/.cache" "${XDG_CACHE_HOME:-$HOME/.cache}/afcq"
"$AFCQ" quote --log-level info "$REQ" >/dev/null 2>&1
"$AFCQ" quote --log-level info "$REQ" >/dev/null 2>&1
expect_grep log_catalog_fetched "$LOG" "catalog of $SB_URL: fetched"
expect_grep log_catalog_cached "$LOG" "catalog of $SB_URL: from the cache"
