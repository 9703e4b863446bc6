#!/bin/sh
# The bundled sandbox stops under the workstation (killed): the next request
# finds nobody listening; the workstation starts it again on the same URL
# and sends the quote again by itself (one F5 answered); an invoice sent
# before it stopped is still known to it (its documents file): F7
# uncommits it.  A lookup (the PCode finder) that finds it gone starts it
# again as well.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "tmux sandbox restart tests"
tmux_setup r
TM_AFCQ_ARGS="--sandbox '$FIX/requests/dallas.json'" tmux_start_afcq restart_started
keys F5
see restart_first_quote "Total due 19.78" 15
# an invoice with commit, to uncommit after the restart
keys F6
see restart_invoice_dialog "Invoice number:"
keys INV-R1 Enter
see restart_invoice_confirm "Send 3 item(s) as an INVOICE"
keys Enter
see restart_invoice_sent "Invoice AFCQ-" 15

afcq_pid=$(tmux_afcq_pid)
sb_pid=$(ps -o pid= --ppid "$afcq_pid" 2>/dev/null | tr -d ' ' | head -1)
if [ -n "$sb_pid" ] && kill "$sb_pid" 2>/dev/null; then
	pass restart_sandbox_killed
else
	fail restart_sandbox_killed "no sandbox under afcq ($afcq_pid)"
fi
# wait until it is gone (a killed child stays a zombie until reaped)
n=0
while [ $n -lt 50 ] && ps -o stat= -p "$sb_pid" 2>/dev/null | grep -qv Z; do
	sleep 0.1; n=$((n + 1))
done
# one F5: the quote finds it gone, it is started again and the quote goes
# again by itself (it commits nothing)
keys F5
see restart_quote_again "Quote: total due 19.78" 15
new_pid=$(ps -o pid= --ppid "$afcq_pid" 2>/dev/null | tr -d ' ' | head -1)
if [ -n "$new_pid" ] && [ "$new_pid" != "$sb_pid" ]; then
	pass restart_new_sandbox
else
	fail restart_new_sandbox "before $sb_pid, now '$new_pid'"
fi
# the invoice sent before: the new sandbox knows its document
keys F7
see restart_commit_dialog "Commit / uncommit (F7)"
keys Enter
see restart_commit_confirm "UNCOMMIT document AFCQ-"
keys Enter
see restart_uncommit_done ": done, the server answered ok" 15
# (no box to close: the next key, C-f below, is the workstation's)

# killed again; the PCode finder's lookup finds it gone and starts it too
sb_pid=$(ps -o pid= --ppid "$afcq_pid" 2>/dev/null | tr -d ' ' | head -1)
kill "$sb_pid" 2>/dev/null
n=0
while [ $n -lt 50 ] && ps -o stat= -p "$sb_pid" 2>/dev/null | grep -qv Z; do
	sleep 0.1; n=$((n + 1))
done
keys C-f
see restart_finder_open "Find a PCode"
keys 10001 Enter
see restart_finder_said "the bundled sandbox had stopped and runs again; Enter searches" 15
keys Enter
see restart_finder_answered "Bill-to PCode[ 2604100]" 15
keys F10
see restart_quit_asks "Quit and discard the changes? (y/N)"
keys y
keys "echo rc=\$?" Enter
see restart_quit_exit_0 "rc=0" 10
