#!/bin/sh
# Scripted workstation tests: nothing typed is lost on quit.  F10 with a
# form that differs from what was last started, loaded or saved asks
# "Quit and discard the changes? (y/N)": Esc, n and Enter keep the
# workstation, y quits.  A fresh or unchanged form quits at once.
# A line after the quit that cannot pass proves the session ended there;
# a screen dumped just before it proves the session got that far.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"

run_script quit_fresh_form_at_once <<'SCRIPT'
wait-idle
key F10
assert-screen "the session should have ended"
SCRIPT

run_script quit_loaded_unchanged_at_once "$REQ" <<'SCRIPT'
wait-idle
# moving around and re-typing the same value is no change
key Tab Tab Tab Tab Tab Tab
type 3726100
key Tab
key F10
assert-screen "the session should have ended"
SCRIPT

# reached NAME: the script got to its dump of $T_TMP/NAME.
reached() {
	if [ -s "$T_TMP/$1" ]; then pass "$1"; else fail "$1" "the session ended before"; fi
}

run_script quit_after_changes_asks <<SCRIPT
wait-idle
set-field bill.pcd 3726100
key F10
assert-state view confirm
assert-screen "Quit and discard the changes? (y/N)"
key Esc
assert-state view main
assert-field bill.pcd 3726100
key F10
type n
assert-state view main
key F10
key Enter
assert-state view main
# F10 again inside the question does not quit either
key F10 F10
assert-state view confirm
key Esc
assert-state view main
assert-field bill.pcd 3726100
dump-screen "$T_TMP/quit_asked_and_kept"
key F10
type y
assert-screen "the session should have ended"
SCRIPT
reached quit_asked_and_kept

# Typing in a field, not yet stored, is a change too.
run_script quit_asks_for_text_being_typed <<SCRIPT
wait-idle
key Tab Tab Tab Tab Tab
type "Acme"
key F10
assert-screen "Quit and discard the changes? (y/N)"
key Esc
assert-field cmpn.idnt Acme
dump-screen "$T_TMP/quit_typed_text_kept"
SCRIPT
reached quit_typed_text_kept

# After saving, the saved form is the unchanged one.
SAVED="$T_TMP/saved.json"
run_script quit_after_save_at_once <<SCRIPT
wait-idle
set-field bill.pcd 3726100
key F2
type "$SAVED"
key Enter
assert-state message "saved the request to"
key F10
assert-screen "the session should have ended"
SCRIPT

# A question asked on a screen too small to show it is still answered.
run_script quit_question_on_too_small_screen <<SCRIPT
wait-idle
set-field cmpn.idnt x
resize 70 20
key F10
assert-screen "a question is open: y answers yes, n no"
type n
assert-not-screen "a question is open"
dump-screen "$T_TMP/quit_small_screen_kept"
key F10
type y
assert-screen "the session should have ended"
SCRIPT
reached quit_small_screen_kept

# Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-Q end nothing, but say what does
run_script quit_reflex_keys_say_what_quits <<'SCRIPT'
wait-idle
set-field cmpn.idnt typed
key C-c
assert-state message "Ctrl-C does nothing here: F10 quits, Esc cancels"
key C-z
assert-state message "Ctrl-Z does nothing here"
key C-s
assert-state message "Ctrl-S does nothing here"
key C-q
assert-state message "Ctrl-Q does nothing here"
assert-state view main
assert-field cmpn.idnt typed
SCRIPT
