#!/bin/sh
# The lookups in a real terminal: tmux at 80x24 runs `afcq --sandbox`; F11
# opens the T/S pair picker, typed words narrow it, Enter sets the row's
# pair; Ctrl-F opens the PCode finder, a ZIP is looked up and a match fills
# the bill-to PCode; Alt-p works as F11 does; F10 leaves with exit code 0.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "tmux lookup tests"
tmux_setup l
tmux_start_afcq tmux_lookups_started

# the picker: F11, words, Enter
keys F11
see tmux_picker_open "T/S pair for line item 1"
see tmux_picker_catalog_age "catalog fetched just now from sandbox" 10
keys -l "voip lines"
see tmux_picker_narrowed "19/21      VoIP/Lines"
cap
if grep -qF "Interstate/Toll" "$SCREEN"; then fail tmux_picker_filters "unmatched pairs still listed"; else pass tmux_picker_filters; fi
keys Enter
see tmux_picker_sets_pair "19/21   VoIP/Lines"
see tmux_picker_message "item 1: T/S 19/21 VoIP/Lines (uses lines)"

# the finder: Ctrl-F, a city and state, Enter, choose, Enter
keys C-f
see tmux_finder_open "Find a PCode for Bill-to PCode"
keys Tab Tab Tab Houston Tab TX Enter
see tmux_finder_lists "3671300   USA  TX    FORT BEND              HOUSTON" 10
keys Down Enter
see tmux_finder_fills_bill_pcode "Bill-to PCode[ 3671300]"

# Alt-p opens the picker too; Esc leaves the pair as it was
keys M-p
see tmux_alt_p_opens_picker "T/S pair for line item 1"
keys -l "access"
keys Escape
sleep 0.3
see tmux_picker_esc_keeps_pair "19/21   VoIP/Lines"
cap
if grep -qF "T/S pair for line item" "$SCREEN"; then fail tmux_picker_closed "$(cat "$SCREEN")"; else pass tmux_picker_closed; fi

# the form was changed: F10 asks before discarding it, y quits
tmux_quit_discarding tmux_lookups
