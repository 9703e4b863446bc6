#!/bin/sh
# UTF-8 in a real terminal: tmux at 80x24 with a UTF-8 locale runs
# `afcq --sandbox`; "Montréal" typed into the bill-to city arrives as wide
# characters, shows as typed, Backspace takes one character (two bytes)
# and Alt+letter still works after it; F10 asks before the change is lost.
. tests/lib.sh
. tests/tui/lib/tmux.sh
. tests/tui/lib/utf8.sh
tmux_require "tmux utf8 tests"
utf8_locale "tmux utf8 tests"
tmux_setup u -u
tmux_start_afcq tmux_utf8_started "LC_ALL=$LC_ALL"

# thirteen fields on from cmpn.bscl is the bill-to city
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
keys -l "Montréal"
see tmux_utf8_city_typed "city[Montréal    ]"
keys BSpace BSpace BSpace
keys -l "éal"
see tmux_utf8_backspace_by_character "city[Montréal    ]"
keys -l "ü"
keys M-h
see tmux_utf8_alt_letter_after_wide_text "nothing sent yet (Esc back)"
keys Escape
sleep 0.2
see tmux_utf8_city_kept "city[Montréalü   ]"
tmux_quit_discarding tmux_utf8
