#!/bin/sh
# What a new rep meets in the first hour, in a real terminal at 80x24: a
# field that fills its width shows whole while focused; after F5 every tax
# row of the Dallas quote is on one screen (the form folds to its current
# line) and the form comes back on editing; the raw view's line counter
# stays within the text after End.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "first hour tmux test"
tmux_setup fh
tmux_start_afcq tmux_fh_started

# Tab to Date: its ten characters fill the field, all of them show
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
see tmux_full_date_shows_whole "Date[2022-03-02]"

# the Dallas fact pattern, typed
keys BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab
keys 0 Tab 0 Tab x Tab - Tab x Tab Tab
keys 3726100 Tab Tab Tab Tab Tab Tab Tab Tab Tab
keys 0 Tab x Tab Tab Tab Tab Tab
keys Tab 19/6 Tab 15
keys C-n 19/21 Tab 1
keys C-n 19/43 Tab 1
keys F5
see tmux_fh_quoted "Total due 19.78" 15
# every tax row at once: the largest, the last, the item lines
for row in "  Municipal Right of Way       City     3726100   1.72/line     1 line      1.72" \
	   "  Sales Tax                    State    3726100       6.25%       1.72      0.11" \
	   "  Transit Tax                  City     3726100          1%      15.00      0.15" \
	   "Item 3 19/43  charge 1.00" "  (no tax applies)"; do
	if grep -qF -- "$row" "$SCREEN"; then :; else fail tmux_every_tax_row_shown "'$row' not in: $(cat "$SCREEN")"; fi
done
if ! grep -q "Taxes (quote) [0-9]*/" "$SCREEN"; then pass tmux_every_tax_row_shown; else fail tmux_every_tax_row_shown "the pane scrolls: $(cat "$SCREEN")"; fi
check tmux_folded_form_keeps_current_line "    3          19/43   VoIP/Invoice"
if grep -q "Bill-to PCode" "$SCREEN"; then fail tmux_form_folded "$(cat "$SCREEN")"; else pass tmux_form_folded; fi
# back to editing: the whole form again
keys BTab
see tmux_form_unfolds_on_editing "Bill-to PCode[ 3726100]"

# the raw view after End: the counter is within the text
keys F9
see tmux_raw_open "RAW RESPONSE" 5
keys End
sleep 0.3
cap
counter=$(sed -n 2p "$SCREEN")
if echo "$counter" | awk '{ for (i = 1; i <= NF; i++) if ($i == "lines") { split($(i + 1), r, "-"); n = $(i + 3) }
	exit !(r[1] >= 1 && r[1] <= r[2] && r[2] == n) }'; then
	pass tmux_raw_counter_after_end
else
	fail tmux_raw_counter_after_end "$counter"
fi
keys Escape
tmux_quit_discarding tmux_fh
