#!/bin/sh
# EDIT_REQUEST (Ctrl-X) in a real terminal: the request goes to $VISUAL or
# $EDITOR (here a script standing in for the editor), curses is suspended
# while it runs, and the form is reloaded from the file on return.  A file
# that no longer reads is kept, its line and column are shown, and the
# editor is offered again; declining keeps the form and the file.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "editor tmux test"
tmux_setup ed

# The stand-in editor: each run takes the next file of $T_TMP/edits.
mkdir -p "$T_TMP/edits"
cat >"$T_TMP/ed.sh" <<ED
#!/bin/sh
n=\$(cat "$T_TMP/edits/n" 2>/dev/null || echo 0)
n=\$((n + 1)); echo \$n >"$T_TMP/edits/n"
cp "\$1" "$T_TMP/edits/seen.\$n"
[ -f "$T_TMP/edits/\$n.json" ] && cp "$T_TMP/edits/\$n.json" "\$1"
echo "\$1" >"$T_TMP/edits/path"
exit 0
ED
chmod +x "$T_TMP/ed.sh"
# run 1 writes a broken request (line 3), run 2 the Dallas request, run 3
# keeps what it is given
printf '{"inv": [\n  {"bill": {"pcd": 3726100},\n   "itms": [ {"chg": 15 oops } ]}]}\n' >"$T_TMP/edits/1.json"
cp "$FIX/requests/dallas.json" "$T_TMP/edits/2.json"

tmux_start_afcq tmux_editor_started "VISUAL=$T_TMP/ed.sh"
keys C-x
see tmux_editor_bad_file_offers_again "Edit again? (Y/n)" 10
check tmux_editor_bad_file_names_line "line 3"
path=$(cat "$T_TMP/edits/path" 2>/dev/null)
if [ -n "$path" ] && [ -f "$path" ]; then pass tmux_editor_bad_file_kept; else fail tmux_editor_bad_file_kept "path '$path'"; fi
if grep -q '"inv"' "$T_TMP/edits/seen.1"; then pass tmux_editor_gets_request_json; else fail tmux_editor_gets_request_json "$(head -c 300 "$T_TMP/edits/seen.1")"; fi
keys y
see tmux_editor_reloads_form "the form now holds the edited request: 3 item(s)" 10
if [ -f "$path" ]; then fail tmux_editor_file_removed_after_load "$path still there"; else pass tmux_editor_file_removed_after_load; fi
keys F5
see tmux_editor_request_quotes "Total due 19.78" 15

# run 3: the file handed over holds the form (the Dallas PCode), kept as is
keys C-x
see tmux_editor_round_trip "the form now holds the edited request: 3 item(s)" 10
if grep -q 3726100 "$T_TMP/edits/seen.3"; then pass tmux_editor_file_holds_form; else fail tmux_editor_file_holds_form "$(head -c 300 "$T_TMP/edits/seen.3")"; fi

# run 4: broken again, declined: the form keeps the Dallas request
printf '{"inv": [ nope ]}\n' >"$T_TMP/edits/4.json"
keys C-x
see tmux_editor_second_bad_file "Edit again? (Y/n)" 10
keys n
sleep 0.3
check tmux_editor_decline_says_kept "form unchanged; your edits are kept in"
path=$(cat "$T_TMP/edits/path")
if [ -f "$path" ]; then pass tmux_editor_declined_file_kept; else fail tmux_editor_declined_file_kept "$path gone"; fi
rm -f "$path"
keys F5
see tmux_editor_form_unchanged_after_decline "Total due 19.78" 15
# the edited form is not saved: quitting asks
tmux_quit_discarding tmux_editor
