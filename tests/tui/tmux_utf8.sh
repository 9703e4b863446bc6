#!/bin/sh
# UTF-8 in a real terminal: tmux at 80x24 with a UTF-8 locale runs
# `afcq --sandbox`; "Montréal" typed into the bill-to city arrives as wide
# characters, shows as typed, Backspace takes one character (two bytes)
# and Alt+letter still works after it; F10 asks before the change is lost.
. tests/lib.sh
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP tmux utf8 tests: tmux not installed"
	exit 0
fi
UTF8_LOCALE=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')
if [ -z "$UTF8_LOCALE" ]; then
	echo "SKIP tmux utf8 tests: no UTF-8 locale installed"
	exit 0
fi
LC_ALL=$UTF8_LOCALE
export LC_ALL
export AFCQ_NOW=2022-03-02
case "${TERM:-dumb}" in dumb|unknown) TERM=xterm; export TERM ;; esac
unset LINES COLUMNS || true
SOCK="afcq-u$$"
TM="tmux -u -L $SOCK -f /dev/null"
tm_cleanup() {
	$TM kill-server 2>/dev/null
	t_cleanup
}
trap tm_cleanup EXIT
SCREEN="$T_TMP/screen"

cap() { $TM capture-pane -p -t w >"$SCREEN" 2>/dev/null; }
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
see() {
	if wait_for "$2" "${3:-5}"; then pass "$1"; else fail "$1" "'$2' not in: $(cat "$SCREEN")"; fi
}
keys() { $TM send-keys -t w "$@"; sleep 0.15; }

$TM new-session -d -s w -x 80 -y 24 "env LC_ALL=$LC_ALL PS1='shell> ' sh" ||
	{ fail tmux_utf8_start "no session"; exit 0; }
$TM set-option -t w status off >/dev/null
wait_for "shell>" 5 || fail tmux_utf8_shell "no prompt"
keys "cd '$T_TMP' && '$AFCQ' --sandbox" Enter
if wait_for "F10Quit" 20; then pass tmux_utf8_started; else fail tmux_utf8_started "$(cat "$SCREEN")"; exit 0; fi

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
keys F10
see tmux_utf8_quit_asks "Quit and discard the changes? (y/N)"
keys y
keys "echo rc=\$?" Enter
see tmux_utf8_quit_exit_0 "rc=0" 10
