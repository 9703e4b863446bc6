#!/bin/sh
# The lookups in a real terminal: tmux at 80x24 runs `afcq --sandbox`; F11
# opens the T/S pair picker, typed words narrow it, Enter sets the row's
# pair; Ctrl-F opens the PCode finder, a ZIP is looked up and a match fills
# the bill-to PCode; Alt-p works as F11 does; F10 leaves with exit code 0.
. tests/lib.sh
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP tmux lookup tests: tmux not installed"
	exit 0
fi
export AFCQ_NOW=2022-03-02
case "${TERM:-dumb}" in dumb|unknown) TERM=xterm; export TERM ;; esac
unset LINES COLUMNS || true
SOCK="afcq-l$$"
TM="tmux -L $SOCK -f /dev/null"
tm_cleanup() {
	$TM kill-server 2>/dev/null
	t_cleanup
}
trap tm_cleanup EXIT
SCREEN="$T_TMP/screen"

cap() { $TM capture-pane -p -t w >"$SCREEN" 2>/dev/null; }
# wait_for TEXT [SECONDS]: until the pane shows TEXT.
wait_for() {
	n=0
	lim=$(( ${2:-15} * 10 ))
	while [ $n -lt $lim ]; do
		cap
		grep -qF -- "$1" "$SCREEN" && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
# see NAME TEXT [SECONDS]: PASS when the pane shows TEXT in time.
see() {
	if wait_for "$2" "${3:-5}"; then pass "$1"; else fail "$1" "'$2' not in: $(cat "$SCREEN")"; fi
}
keys() { $TM send-keys -t w "$@"; sleep 0.15; }

$TM new-session -d -s w -x 80 -y 24 "env PS1='shell> ' sh" || { fail tmux_start "no session"; exit 0; }
$TM set-option -t w status off >/dev/null
wait_for "shell>" 5 || fail tmux_shell "no prompt"
keys "cd '$T_TMP' && '$AFCQ' --sandbox" Enter
if wait_for "F10Quit" 20; then pass tmux_lookups_started; else fail tmux_lookups_started "$(cat "$SCREEN")"; exit 0; fi

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

# the finder: Ctrl-F, a ZIP, Enter, choose, Enter
keys C-f
see tmux_finder_open "Find a PCode for Bill-to PCode"
keys 10001 Enter
see tmux_finder_lists "2604100   USA  NY    NEW YORK               EMPIRE STATE" 10
keys Enter
see tmux_finder_fills_bill_pcode "Bill-to PCode[ 2604100]"

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
keys F10
see tmux_lookups_quit_asks "Quit and discard the changes? (y/N)" 5
keys y
keys "echo rc=\$?" Enter
see tmux_lookups_quit_exit_0 "rc=0" 10
