#!/bin/sh
# Scripted workstation tests: the dialogs' text inputs (libform fields),
# their lists (libmenu) and their windows stacked over the main screen
# (libpanel): editing by character, typing that replaces a suggestion,
# byte limits, a query kept across a resize, list keys, and what is under
# a dialog coming back when it closes.
. tests/lib.sh
. tests/tui/tui_lib
. tests/tui/lib/utf8.sh
utf8_locale "dialog input tests"
sandbox_start || exit 1

# Three quotes, newest first in the history list: End is the oldest,
# Home then Down the second.  (First in this file: the entries are 1-3.)
{
	dallas_fields
	cat <<'SCRIPT'
key F5
wait-idle
key F5
wait-idle
key F5
wait-idle
key F8
assert-state view history
key End Enter
assert-state message "showing history entry 1 "
key F8 Home Down Enter
assert-state message "showing history entry 2 "
key F8 PgDn PgUp Enter
assert-state message "showing history entry 3 "
SCRIPT
} | run_script history_list_keys

# A one-line prompt edits by character, UTF-8 included.
run_script prompt_edits_by_character <<'SCRIPT'
wait-idle
key F3
type "abcdef"
key Left Left BS
type "é"
key Home
type "X"
key End Right
type "Z"
assert-screen "File: XabcéefZ "
key Esc
assert-state view main
SCRIPT

# The invoice dialog: the number typed, the suggested document code
# replaced by typing, edited, and both read back in the confirmation.
{
	dallas_fields
	cat <<'SCRIPT'
key F6
assert-screen "Document code:   AFCQ-"
type "INV-9"
key Tab
type "DOC-1"
key Left BS
type "X"
key Enter
assert-screen "Invoice number: INV-9"
assert-screen "Document code:  DOCX1"
key Esc
assert-state view main
SCRIPT
} | run_script invoice_inputs_read_back

# The commit check box takes the same keys as every other check box,
# capitals included: N leaves the document uncommitted, Y commits it.
{
	dallas_fields
	cat <<'SCRIPT'
key F6
type "INV-9"
key Tab
key Tab
type "N"
assert-screen "[ ] leave uncommitted"
type "Y"
assert-screen "[x] commit the transactions"
type "N"
key Enter
assert-screen "Commit: no"
key Esc
assert-state view main
SCRIPT
} | run_script invoice_commit_box_keys

# A string field of the exemption dialog holds 150 bytes: 80 two-byte
# letters stop at 75, never half a letter.
E75=$(awk 'BEGIN { for (i = 0; i < 75; i++) printf "é" }')
run_script exemption_input_byte_limit <<SCRIPT
wait-idle
action ACT_EXEMPTIONS
key Ins
key Tab
type "${E75}ééééé"
key Esc
assert-field exms[0].loc.ctry $E75
SCRIPT

# The T/S picker's words survive the window growing and shrinking.
run_script picker_query_kept_across_resize <<'SCRIPT'
wait-idle
key F11
type "voip acc"
resize 120 40
type "ess"
assert-screen "Find: voip access "
resize 80 24
assert-screen "Find: voip access "
key Enter
assert-field itms[0].ts 19/6
SCRIPT

# A dialog over a dialog: closing the top one shows the one under it
# again, closing that one the main screen.
run_script stacked_dialogs_close_in_order <<'SCRIPT'
wait-idle
key F4
assert-screen "Line item 1: more fields"
key C-f
assert-screen "Find a PCode for item 1"
key Esc
assert-not-screen "Find a PCode"
assert-screen "Line item 1: more fields"
assert-screen "From PCode       ["
key Esc
assert-not-screen "more fields"
assert-screen "F1Help F2Save F3Open"
assert-screen "No quote yet"
SCRIPT

# Where the locale cannot show a letter (C locale) the input shows the rest,
# but what was put in it is kept until it is edited: saving again to the
# file that was opened writes that file, not one named without the letter.
NAMED="$T_TMP/façade.json"
cp "$FIX/requests/dallas.json" "$NAMED"
LC_ALL=C
export LC_ALL
run_script prompt_keeps_what_the_locale_cannot_show "$NAMED" <<'SCRIPT'
wait-idle
set-field itms[0].chg 16
key F2
assert-screen "File: "
key Enter
assert-state message "saved the request to"
SCRIPT
LC_ALL=$UTF8_LOCALE
export LC_ALL
if grep -q '"chg": 16' "$NAMED" 2>/dev/null && ! [ -e "$T_TMP/faade.json" ]; then
	pass prompt_saved_to_the_named_file
else
	fail prompt_saved_to_the_named_file "$(ls "$T_TMP")"
fi
