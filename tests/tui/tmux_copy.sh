#!/bin/sh
# The workstation in a real terminal copies with OSC 52: tmux (set-clipboard
# on) takes the sequence into its paste buffer, so the buffer holds the
# read-back of the quote shown; inside tmux the sequence is also sent
# wrapped for passthrough to the terminal outside (seen in the pane's
# output).  In the raw view the same key copies the request as curl.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "tmux copy tests"
tmux_setup c
REQ="$FIX/requests/dallas.json"
PTY="$T_TMP/pty.out"
TM_AFCQ_ARGS="--sandbox '$REQ'" tmux_start_afcq tmux_copy_started
$TM set-option -g set-clipboard on >/dev/null
$TM pipe-pane -t w -o "cat >>'$PTY'"

keys F5
if wait_for "Total due 19.78" 20; then pass tmux_copy_quoted; else fail tmux_copy_quoted "$(cat "$SCREEN")"; fi
keys C-y
see tmux_copy_says_copied "copied: the read-back of the quote shown"
$TM show-buffer >"$OUT" 2>"$ERR"
if grep -qx "Total due: 19.78" "$OUT" && grep -qx "  Sales Tax (State): 1.05" "$OUT" &&
   grep -qx "  VoIP/Access Charge: 15.00" "$OUT"; then
	pass tmux_copy_buffer_holds_readback
else
	fail tmux_copy_buffer_holds_readback "$(cat "$OUT" "$ERR")"
fi
# the pane's output: the plain sequence and the passthrough one carry the text
b64=$(base64 -w0 <"$OUT")
if grep -qF "]52;c;" "$PTY" && grep -qF "Ptmux;" "$PTY"; then
	pass tmux_copy_passthrough_sent
else
	fail tmux_copy_passthrough_sent "$(od -c "$PTY" | head -20)"
fi
# the buffer is the whole text sent (base64 of what tmux holds is in the output)
if [ -n "$b64" ] && grep -qF "$b64" "$PTY"; then
	pass tmux_copy_sequence_carries_text
else
	fail tmux_copy_sequence_carries_text "no '$b64' in the output"
fi
if [ -e "$XDG_STATE_HOME/afcq/clipboard.txt" ]; then
	fail tmux_copy_no_file "a file was written though the terminal took it"
else
	pass tmux_copy_no_file
fi

# raw view: the request as curl
keys F9
see tmux_copy_raw_view "RAW RESPONSE"
check tmux_copy_raw_view_says_key "Ctrl-Y copies the request as a curl command"
keys C-y
see tmux_copy_says_copied_as_curl "copied as curl"
$TM show-buffer >"$OUT" 2>"$ERR"
if head -1 "$OUT" | grep -q '^curl ' && grep -q '/api/v2/afc/CalcTaxes' "$OUT"; then
	pass tmux_copy_curl_in_buffer
else
	fail tmux_copy_curl_in_buffer "$(head -c 600 "$OUT" "$ERR")"
fi
keys Escape
keys F10
