#!/bin/sh
# --no-color in a real terminal: the screen carries no colour escape
# sequences (as with NO_COLOR), while the default theme does.
. tests/lib.sh
. tests/tui/lib/tmux.sh
tmux_require "no-color tmux test"
tmux_setup nc
TERM=xterm-256color
export TERM

# colour_sgr: how many SGR sequences of the last capture set a colour
# (30-37, 40-47, 90-97, 100-107, 38;..., 48;...).
ESC=$(printf '\033')
colour_sgr() {
	$TM capture-pane -e -p -t w | grep -oE "$ESC\\[[0-9;]*m" |
		grep -cE '\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m'
}

$TM new-session -d -s w -x 80 -y 24 "env PS1='shell> ' sh" || { fail tmux_session "no tmux"; exit 0; }
$TM set-option -t w status off >/dev/null
wait_for "shell>" 5 || fail tmux_no_color_shell "no prompt"
keys "cd '$T_TMP' && '$AFCQ' --sandbox" Enter
if wait_for "F10Quit" 20; then pass tmux_colour_started; else fail tmux_colour_started "$(cat "$SCREEN")"; fi
n=$(colour_sgr)
if [ "$n" -gt 0 ]; then pass tmux_default_theme_has_colour; else fail tmux_default_theme_has_colour "no colour sequences"; fi
keys F10
keys "clear" Enter
wait_for "shell>" 5
keys "'$AFCQ' --sandbox --no-color" Enter
if wait_for "F10Quit" 20; then pass tmux_no_color_started; else fail tmux_no_color_started "$(cat "$SCREEN")"; fi
n=$(colour_sgr)
if [ "$n" -eq 0 ]; then pass tmux_no_color_has_no_colour; else fail tmux_no_color_has_no_colour "$n colour sequences"; fi
keys F10
keys "echo rc=\$?" Enter
see tmux_no_color_quits "rc=0" 10
