#!/bin/sh
# Scripted workstation tests: UTF-8 names typed key by key (as a terminal
# sends wide characters), edited by character, shown by display width,
# kept within the 150-byte string limit and saved as UTF-8 JSON.
. tests/lib.sh
. tests/tui/tui_lib
. tests/tui/lib/utf8.sh
utf8_locale "utf8 tests"
sandbox_start || exit 1

SAVED="$T_TMP/montreal.json"
# the focus starts on cmpn.bscl; thirteen fields on is the bill-to city
run_script utf8_city_typed_and_saved <<SCRIPT
wait-idle
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
assert-state focus bill.city
type "Montréal"
key Tab
assert-field bill.city Montréal
assert-screen "city[Montréal    ]"
key F2
type "$SAVED"
key Enter
assert-state message "saved the request to"
SCRIPT
if grep -q '"city": "Montréal"' "$SAVED" 2>/dev/null; then
	pass utf8_saved_json_has_montreal
else
	fail utf8_saved_json_has_montreal "$(cat "$SAVED" 2>/dev/null | head -c 600)"
fi
# and it comes back into the form as it was typed
run_script utf8_city_loads_back "$SAVED" <<'SCRIPT'
assert-field bill.city Montréal
assert-screen "city[Montréal    ]"
SCRIPT

# Left, Right, Backspace and Delete move over characters, not bytes.
run_script utf8_cursor_moves_by_character <<'SCRIPT'
wait-idle
set-field bill.city x
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
type "Zürich"
key Left Left Left Left Left
type "X"
assert-screen "city[ZXürich"
key BS Right BS
type "ü"
key Del
type "r"
assert-field bill.city Zürich
key Tab
type "São Paulo"
key Left Left Left Left Left Left Left Left
key BS
type "S"
assert-field bill.addr São Paulo
SCRIPT

# 80 two-byte letters are 160 bytes: the field stops at 150 (75 letters),
# never half a letter.
E75=$(awk 'BEGIN { for (i = 0; i < 75; i++) printf "é" }')
run_script utf8_byte_limit_kept <<SCRIPT
wait-idle
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
type "${E75}éééää"
assert-field bill.city $E75
SCRIPT

# A wide character takes two columns: the field's closing bracket stays put.
run_script utf8_wide_characters_by_display_width <<'SCRIPT'
wait-idle
set-field bill.city 東京
assert-screen "city[東京        ]"
SCRIPT
