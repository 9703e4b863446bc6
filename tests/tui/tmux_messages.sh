#!/bin/sh
# The message line in a real terminal at 80x24: a message wider than the
# row wraps onto the row below it (the total line and the summary pane move
# up one row, the key bar stays on the last row) and is read whole; a short
# message gives the row back.  A key a dialog does nothing with is said on
# the dialog's border, and what was typed stays.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "tmux message tests"
tmux_setup m
tmux_start_afcq tmux_messages_started

# row N of the last capture
row() { sed -n "${1}p" "$SCREEN"; }

keys Tab Tab Tab Tab Tab Tab
keys -l "12 and then a long explanation of what the place might be when typed by hand"
keys Tab
see tmux_long_message_shown "not a whole number: 12 and then"
cap
case "$(row 22)$(row 23)" in
*"typed by hand"*) pass tmux_long_message_whole ;;
*) fail tmux_long_message_whole "$(cat "$SCREEN")" ;;
esac
case "$(row 21)" in
*"No quote yet"*) pass tmux_long_message_total_moves_up ;;
*) fail tmux_long_message_total_moves_up "$(cat "$SCREEN")" ;;
esac
case "$(row 24)" in
F1Help*F10Quit*) pass tmux_long_message_keybar_stays ;;
*) fail tmux_long_message_keybar_stays "$(cat "$SCREEN")" ;;
esac

# a short message: one row again, the total back on row 22
keys C-c
see tmux_short_message "Ctrl-C does nothing here"
cap
case "$(row 22)$(row 23)" in
*"No quote yet"*"Ctrl-C does nothing here"*) pass tmux_short_message_one_row ;;
*) fail tmux_short_message_one_row "$(cat "$SCREEN")" ;;
esac

# a key the T/S picker does nothing with: said on its border, the words
# typed stay
keys F11
see tmux_picker_open "T/S pair for line item 1"
keys -l "voip lin"
keys F5
see tmux_dialog_says_key "F5 does nothing here: type words, Enter picks, Esc cancels"
check tmux_dialog_keeps_typed "Find: voip lin"
keys Escape
sleep 0.3

# a key the history does nothing with: said on the message line with the
# history's keys until the next key, which brings the message back
keys F8
see tmux_history_open "nothing sent yet"
keys F5
see tmux_history_says_key "F5 does nothing here: Enter results, l loads, / finds, R resolves, Esc back"
check tmux_history_stays "nothing sent yet"
keys Escape
see tmux_history_closed "Bill-to PCode"
if grep -qF "F5 does nothing here" "$SCREEN"; then
	fail tmux_history_note_gone "$(cat "$SCREEN")"
else
	pass tmux_history_note_gone
fi

tmux_quit_discarding tmux_messages
