#!/bin/sh
# Scripted workstation tests of the lookups: the T/S pair picker (F11)
# narrows the catalog as words are typed and sets the row's pair; the PCode
# finder (Ctrl-F) looks a place up without blocking, lists several matches
# to choose from and fills the bill-to PCode; a dead, slow or empty answer
# is said in the finder and nothing typed is lost.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

# ---- the T/S pair picker ------------------------------------------------------

run_script picker_filters_as_words_are_typed <<'SCRIPT'
wait-idle
key F11
assert-state view tspair
assert-screen "T/S pair for line item 1"
assert-screen "catalog fetched just now from http://127.0.0.1:"
assert-screen "Tran/Serv  Description"
type voip
assert-screen "19/6       VoIP/Access Charge"
type " lines"
assert-screen "19/21      VoIP/Lines"
assert-screen "19/52      VoIP/Wireless Lines"
assert-not-screen "19/6       VoIP/Access Charge"
assert-not-screen "Interstate/Toll"
assert-screen "19/21 VoIP/Lines: uses lines"
# case does not matter; a number matches the transaction or the service
key BS BS BS BS BS BS BS BS BS BS
type "VOIP 21"
assert-screen "19/21      VoIP/Lines"
assert-not-screen "19/52"
key BS BS BS BS BS BS BS
type "voip nothing-like-this"
assert-screen "no pair matches every word"
SCRIPT

run_script picker_shows_what_a_pair_uses <<'SCRIPT'
wait-idle
key F11
type "voip access"
assert-screen "19/6       VoIP/Access Charge"
assert-screen "chg+min"
assert-screen "19/6 VoIP/Access Charge: uses charge, minutes"
SCRIPT

run_script picker_sets_the_rows_pair <<'SCRIPT'
wait-idle
set-field itms[0].chg 15
key F11
type "voip lines"
key Enter
assert-state view main
assert-field itms[0].ts 19/21
assert-field itms[0].chg 15
assert-state message "item 1: T/S 19/21 VoIP/Lines (uses lines)"
assert-screen "19/21   VoIP/Lines"
# the second row gets its own pair; the first keeps its
action ACT_ROW_INSERT
key M-p
assert-screen "T/S pair for line item 2"
type "voip access"
key Enter
assert-field itms[1].ts 19/6
assert-field itms[0].ts 19/21
SCRIPT

run_script picker_esc_leaves_the_field <<'SCRIPT'
wait-idle
set-field itms[0].ts 19/43
key F11
type lines
key Down Down
key Esc
assert-state view main
assert-field itms[0].ts 19/43
SCRIPT

# words typed into the T/S cell become the search; Esc gives them back
run_script picker_takes_words_typed_in_the_cell <<'SCRIPT'
wait-idle
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
assert-state focus itms[0].ts
type voip
assert-screen "Find: voip "
key Esc
assert-state view main
assert-field itms[0].ts voip
type " access"
assert-screen "Find: voip access"
key Enter
assert-field itms[0].ts 19/6
SCRIPT

# the whole catalog scrolls: End reaches the last pair, Home the first
run_script picker_scrolls_the_catalog <<'SCRIPT'
wait-idle
key F11
assert-screen "0/0        No Tax/No Tax"
key End
assert-not-screen "0/0        No Tax/No Tax"
key Home
assert-screen "0/0        No Tax/No Tax"
key PgDn PgDn PgDn
assert-not-screen "0/0        No Tax/No Tax"
key PgUp PgUp PgUp
assert-screen "0/0        No Tax/No Tax"
resize 120 40
assert-screen "T/S pair for line item 1"
assert-screen "0/0        No Tax/No Tax"
resize 80 24
assert-screen "Enter picks  Esc cancels"
SCRIPT

run_script picker_needs_a_line_item <<'SCRIPT'
wait-idle
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
assert-state focus itms[0].ref
action ACT_ROW_DELETE
assert-state items 0
key F11
assert-state view main
assert-state message "no line item"
SCRIPT

# ---- the PCode finder ---------------------------------------------------------

run_script finder_by_zip_fills_bill_pcode <<'SCRIPT'
wait-idle
set-field bill.pcd 3726100
key C-f
assert-state view pcode
assert-screen "Find a PCode for Bill-to PCode"
type 10001
key Enter
wait-idle
# every locality of the ZIP has the same PCode: it is filled at once
assert-state view main
assert-field bill.pcd 2604100
assert-state message "Bill-to PCode 2604100: EMPIRE STATE, NEW YORK NY (USA); all 5 places found share it"
SCRIPT

# one match: no list, the PCode goes straight into the form
run_script finder_single_match_fills_at_once <<'SCRIPT'
wait-idle
key C-f
type 75201
key Enter
wait-idle
assert-state view main
assert-field bill.pcd 3726100
assert-state message "Bill-to PCode 3726100: DALLAS, DALLAS TX (USA)"
SCRIPT

run_script finder_by_city_and_state_lists_matches <<'SCRIPT'
wait-idle
key M-f
key Tab Tab Tab
type Houston
key Tab
type TX
key Enter
wait-idle
assert-screen "2 places, 2 PCodes (they differ by county): choose one"
assert-screen "3775200   USA  TX    HARRIS                 HOUSTON"
assert-screen "3671300   USA  TX    FORT BEND              HOUSTON"
key Down Enter
assert-state view main
assert-field bill.pcd 3671300
SCRIPT

# the finder starts from what the form already says about the bill-to place
run_script finder_prefilled_from_the_form <<'SCRIPT'
wait-idle
set-field bill.zip 10001
key C-f
assert-screen "ZIP    [10001"
key Enter
wait-idle
key Enter
assert-field bill.pcd 2604100
assert-field bill.zip 10001
SCRIPT

run_script finder_esc_leaves_the_form <<'SCRIPT'
wait-idle
set-field bill.pcd 3726100
key C-f
key Tab Tab Tab
type Houston
key Tab
type TX
key Enter
wait-idle
assert-screen "FORT BEND"
# Esc leaves the list for the search, then closes the finder
key Esc
assert-state view pcode
assert-screen "City   [Houston"
key Esc
assert-state view main
assert-field bill.pcd 3726100
SCRIPT

# the finder takes what `afcq pcode` takes: country, a result limit and
# best match (the published sample: IND, AP, Tirumala, best match, 1)
run_script finder_country_limit_best_match <<'SCRIPT'
wait-idle
key C-f
assert-screen "Country [    ]"
assert-screen "Best match [ ]"
key Tab Tab Tab
type Tirumala
key Tab
type AP
key Tab Tab
type IND
key Tab
type 1
key Enter
wait-idle
assert-screen "no place matches"
key Tab
key Space
assert-screen "Best match [x]"
key Enter
wait-idle
assert-state view main
assert-field bill.pcd 5148400
SCRIPT

run_script finder_checks_country_and_limit <<'SCRIPT'
wait-idle
key C-f
key Tab Tab Tab Tab Tab Tab
type U5
key Enter
assert-screen "Country: an ISO code"
type USA
key Tab
type 0
key Enter
assert-screen "Limit: how many places"
assert-state view pcode
SCRIPT

run_script finder_checks_before_sending <<'SCRIPT'
wait-idle
key C-f
key Enter
assert-screen "type a ZIP, a city and state"
key Tab
type 21
key Enter
assert-screen "NPA-NXX: six digits"
assert-screen "NPA-NXX [21"
assert-state view pcode
SCRIPT

run_script finder_no_match_keeps_the_search <<'SCRIPT'
wait-idle
key C-f
key Tab Tab Tab
type Nowhereville
key Tab
type ZZ
key Enter
wait-idle
assert-screen "no place matches"
assert-screen "City   [Nowhereville"
assert-screen "State [ZZ"
assert-state view pcode
SCRIPT

# from the item dialog (F4) the finder fills the focused PCode field
run_script finder_from_the_item_dialog <<'SCRIPT'
wait-idle
set-field itms[0].from.zip 10001
key F4
key C-f
assert-screen "Find a PCode for item 1 From PCode"
assert-screen "ZIP    [10001"
key Enter
wait-idle
assert-state view fields
assert-screen "From PCode       [2604100"
key Down Down Down Down Down Down
key C-f
assert-screen "Find a PCode for item 1 Bill-to PCode"
key Tab Tab Tab
type Houston
key Tab
type TX
key Enter
wait-idle
key Down Enter
assert-state view fields
assert-screen "Bill-to PCode    [3671300"
key Esc
assert-field itms[0].from.pcd 2604100
assert-field itms[0].bill.pcd 3671300
assert-field bill.pcd ""
SCRIPT

# ---- a dead endpoint ------------------------------------------------------------
SB_URL_GOOD=$SB_URL
SB_URL=http://127.0.0.1:9
run_script finder_dead_endpoint_says_why_and_keeps_the_form <<'SCRIPT'
wait-idle
set-field bill.pcd 3726100
key C-f
type 10001
key Tab Tab Tab
type Houston
key Tab
type TX
key Enter
wait-idle
assert-state view pcode
assert-screen "lookup failed: connection refused (http://127.0.0.1:9/api/v2/afc/PCode)"
assert-screen "connection refused"
assert-screen "ZIP    [10001"
assert-screen "City   [Houston"
assert-screen "State [TX"
key Esc
assert-state view main
assert-field bill.pcd 3726100
SCRIPT

run_script picker_dead_endpoint_says_no_catalog <<'SCRIPT'
wait-idle
set-field itms[0].ts 19/6
key F11
wait-idle
assert-screen "no T/S catalog from http://127.0.0.1:9"
key Enter
assert-state view tspair
key Esc
assert-field itms[0].ts 19/6
SCRIPT
SB_URL=$SB_URL_GOOD

# ---- a slow endpoint: the keyboard works and Esc cancels the lookup -------------
if command -v python3 >/dev/null 2>&1; then
	cat >"$T_TMP/slow.py" <<'PY'
import http.server, socketserver, time
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        body = b"[]"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(30)
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
print("listening on http://127.0.0.1:%d" % s.server_address[1], flush=True)
s.serve_forever()
PY
	: >"$T_TMP/slow.out"
	python3 "$T_TMP/slow.py" >"$T_TMP/slow.out" 2>/dev/null &
	SLOW_PID=$!
	i=0
	while [ $i -lt 100 ] && ! grep -q listening "$T_TMP/slow.out"; do sleep 0.05; i=$((i + 1)); done
	SB_URL=$(sed -n '1s/^listening on //p' "$T_TMP/slow.out")
	run_script finder_slow_lookup_cancelled_by_esc <<'SCRIPT'
wait-idle
key C-f
type 10001
key Enter
sleep 300
assert-screen "looking up..."
assert-screen "(Esc cancels)"
# typing goes on while the lookup runs
key Tab Tab Tab
type Albany
assert-screen "City   [Albany"
key Esc
wait-idle 5000
assert-state view pcode
assert-screen "lookup cancelled"
assert-screen "ZIP    [10001"
assert-screen "City   [Albany"
# leaving with a lookup under way cancels it: the session ends at once
key Enter
sleep 100
assert-screen "looking up..."
quit
SCRIPT
	kill $SLOW_PID 2>/dev/null
	wait $SLOW_PID 2>/dev/null
	SB_URL=$SB_URL_GOOD
else
	echo "SKIP slow PCode lookup: python3 not installed"
fi
