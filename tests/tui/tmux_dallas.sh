#!/bin/sh
# The workstation in a real terminal: tmux at 80x24 runs `afcq --sandbox`
# from a shell; the Dallas fact pattern is typed from scratch, quoted (F5),
# its taxes and total read off the panes, invoiced with commit (F6), found
# in history (F8); F10 asks before discarding the typed form, then leaves a
# sane terminal, and so does SIGTERM.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "tmux tests"
tmux_setup t
tmux_start_afcq tmux_started_80x24
see tmux_endpoint_on_screen "SANDBOX (bundled) http://127.0.0.1:"

# company: bscl 0, svcl 0, fclt yes, frch no, reg yes
keys 0 Tab 0 Tab x Tab - Tab x Tab Tab
# bill-to PCode, then past ZIP, NPA-NXX, FIPS and the address
keys 3726100 Tab Tab Tab Tab Tab Tab Tab Tab Tab
# customer 0, lifeline, date
keys 0 Tab x Tab 2022-03-02 Tab Tab Tab Tab
# items: 19/6 charge 15; 19/21 one line; 19/43 charge 1
keys Tab 19/6 Tab 15
check tmux_tspair_described "VoIP/Access Charge"
keys C-n 19/21 Tab 1
keys C-n 19/43 Tab 1
keys F5
if wait_for "Total due 19.78" 15; then pass tmux_quote_total_due; else fail tmux_quote_total_due "$(cat "$SCREEN")"; fi
check tmux_total_line "Total due 19.78 = charges 16.00 + taxes 3.78"
check tmux_transit_tax "  Transit Tax                  City     3726100          1%      15.00      0.15"
check tmux_sales_tax_state "  Sales Tax                    State    3726100       6.25%      15.00      0.94"
check tmux_summary_sales_tax "  Sales Tax                    State    3726100       6.25%      16.72      1.05"
# into the tax pane: the state sales tax in full, then item 2's per-line taxes
keys C-w Down Down Down Enter
check tmux_sales_tax_in_full "Calculation: 6.25% of 15 = 0.9375"
keys Escape
sleep 0.2
keys Down Down Down Down
check tmux_municipal_row_of_way "  Municipal Right of Way       City     3726100   1.72/line     1 line      1.72"
check tmux_e911 "  E-911                        City     3726100   0.62/line     1 line      0.62"
keys C-w C-w

# invoice with commit
keys F6
wait_for "Invoice (F6)" 5
keys INV-TMUX Enter
if wait_for "Send this invoice?" 5; then pass tmux_invoice_confirmation; else fail tmux_invoice_confirmation "$(cat "$SCREEN")"; fi
check tmux_invoice_says_commit "COMMIT: yes"
keys Enter
if wait_for "number INV-TMUX  committed" 15; then pass tmux_invoice_committed; else fail tmux_invoice_committed "$(cat "$SCREEN")"; fi
check tmux_invoice_total "Total due 19.78 = charges 16.00 + taxes 3.78 (non-billable 0.00) COMMITTED"
doc=$(sed -n 's/.*INVOICE \(AFCQ-[0-9a-f-]*\) .*/\1/p' "$SCREEN" | head -1)

# history shows it
keys F8
if wait_for "INV-TMUX" 5 && wait_for "DALLAS, TX" 5 &&
   grep -q "invoice     19.78 ok      3726100 DALLAS, TX    sandbox" "$SCREEN" &&
   grep -q "invoice number INV-TMUX  document $doc" "$SCREEN" && [ -n "$doc" ]; then
	pass tmux_history_has_invoice
else
	fail tmux_history_has_invoice "doc '$doc' not in: $(cat "$SCREEN")"
fi
keys Escape

# resize below 80x24 and back
$TM resize-window -t w -x 70 -y 20 2>/dev/null
if wait_for "terminal too small" 5; then pass tmux_too_small; else fail tmux_too_small "$(cat "$SCREEN")"; fi
$TM resize-window -t w -x 80 -y 24 2>/dev/null
if wait_for "F10Quit" 5; then pass tmux_resized_back; else fail tmux_resized_back "$(cat "$SCREEN")"; fi

# F10 asks first (the form typed here was never saved); y quits; the shell
# is back, and the terminal is sane
tmux_quit_discarding tmux
check tmux_shell_visible_after_quit "shell>"
cap
if grep -q "F10Quit" "$SCREEN"; then fail tmux_screen_restored "workstation still on screen"; else pass tmux_screen_restored; fi
keys "stty -a > stty.txt; echo stty-done" Enter
wait_for "stty-done" 5
if grep -q -- " icanon" "$T_TMP/stty.txt" && grep -q -- " echo " "$T_TMP/stty.txt" &&
   ! grep -q -- "-icanon" "$T_TMP/stty.txt" && grep -q -- " icrnl" "$T_TMP/stty.txt"; then
	pass tmux_stty_sane_after_quit
else
	fail tmux_stty_sane_after_quit "$(cat "$T_TMP/stty.txt")"
fi

# SIGTERM: the terminal is restored and the exit code says so
keys clear Enter
keys "'$AFCQ' --sandbox" Enter
wait_for "F10Quit" 20
keys 3726
shell_pid=$($TM display-message -p -t w '#{pane_pid}')
afcq_pid=$(ps -o pid= --ppid "$shell_pid" | head -1 | tr -d ' ')
if [ -n "$afcq_pid" ]; then kill -TERM "$afcq_pid"; fi
sleep 0.5
keys "echo rc=\$?" Enter
if wait_for "rc=143" 10; then pass tmux_sigterm_exit_143; else fail tmux_sigterm_exit_143 "$(cat "$SCREEN")"; fi
keys "stty -a > stty2.txt; echo stty2-done" Enter
wait_for "stty2-done" 5
if grep -q -- " icanon" "$T_TMP/stty2.txt" && grep -q -- " echo " "$T_TMP/stty2.txt"; then
	pass tmux_stty_sane_after_sigterm
else
	fail tmux_stty_sane_after_sigterm "$(cat "$T_TMP/stty2.txt")"
fi
if ps -p "$afcq_pid" >/dev/null 2>&1; then fail tmux_afcq_gone "still running"; else pass tmux_afcq_gone; fi
