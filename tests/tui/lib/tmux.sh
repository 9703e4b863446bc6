# Helpers for the tests that drive the workstation in a real terminal: a
# private tmux server with one 80x24 window "w" running a shell, from which
# `afcq --sandbox` is started.  Sourced after tests/lib.sh.

# tmux_require WHAT: without tmux the test says "SKIP WHAT" and ends (exit 0).
tmux_require() {
	if ! command -v tmux >/dev/null 2>&1; then
		echo "SKIP $1: tmux not installed"
		exit 0
	fi
}

# tmux_setup TAG [TMUX_FLAG...]: pins the clock, makes TERM usable, sets TM
# (tmux on the private socket afcq-TAG<pid>, with the flags given) and
# SCREEN (the last capture); the server is killed when the test exits.
tmux_setup() {
	AFCQ_NOW=2022-03-02
	export AFCQ_NOW
	case "${TERM:-dumb}" in dumb|unknown) TERM=xterm; export TERM ;; esac
	unset LINES COLUMNS || true
	SOCK="afcq-$1$$"
	shift
	TM="tmux $* -L $SOCK -f /dev/null"
	SCREEN="$T_TMP/screen"
	trap tm_cleanup EXIT
}

tm_cleanup() {
	$TM kill-server 2>/dev/null
	t_cleanup
}

# cap: the pane's text into $SCREEN.
cap() { $TM capture-pane -p -t w >"$SCREEN" 2>/dev/null; }

# wait_for TEXT [SECONDS]: until the pane shows TEXT (15 s unless told).
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

# see NAME TEXT [SECONDS]: PASS when the pane shows TEXT in time (5 s).
see() {
	if wait_for "$2" "${3:-5}"; then pass "$1"; else fail "$1" "'$2' not in: $(cat "$SCREEN")"; fi
}

# check NAME TEXT: PASS when the pane shows TEXT now.
check() {
	cap
	if grep -qF -- "$2" "$SCREEN"; then pass "$1"; else fail "$1" "'$2' not in: $(cat "$SCREEN")"; fi
}

# keys KEY...: tmux send-keys to the window, then a moment for the screen.
keys() { $TM send-keys -t w "$@"; sleep 0.15; }

# tmux_start_afcq NAME [VAR=VALUE...]: the window's shell (prompt "shell> ",
# with the settings given) runs `afcq $TM_AFCQ_ARGS` (--sandbox unless set)
# in $T_TMP; PASS NAME when the workstation is on screen, else FAIL NAME and
# the test ends.
tmux_start_afcq() {
	name=$1
	shift
	# A server just killed (kill-server returns before it has gone) can
	# still hold the socket: the new session is tried again after it.
	tries=0
	until $TM new-session -d -s w -x 80 -y 24 "env $* PS1='shell> ' sh" 2>"$T_TMP/tmux.err"; do
		tries=$((tries + 1))
		[ $tries -lt 10 ] || { fail "$name" "no tmux session: $(cat "$T_TMP/tmux.err")"; exit 0; }
		sleep 0.3
	done
	$TM set-option -t w status off >/dev/null
	wait_for "shell>" 5 || fail "${name}_shell" "no prompt"
	keys "cd '$T_TMP' && '$AFCQ' ${TM_AFCQ_ARGS:---sandbox}" Enter
	if wait_for "F10Quit" 20; then pass "$name"; else fail "$name" "$(cat "$SCREEN")"; exit 0; fi
}

# tmux_quit_discarding PREFIX: F10 on a changed form asks first (PREFIX_quit_asks),
# y quits and the shell sees exit code 0 (PREFIX_quit_exit_0).
tmux_quit_discarding() {
	keys F10
	see "$1_quit_asks" "Quit and discard the changes? (y/N)" 5
	keys y
	keys "echo rc=\$?" Enter
	see "$1_quit_exit_0" "rc=0" 10
}

# tmux_afcq_pid: the pid of the afcq the window's shell runs (empty if none).
tmux_afcq_pid() {
	shell=$($TM display-message -p -t w '#{pane_pid}' 2>/dev/null)
	[ -n "$shell" ] && ps -o pid= --ppid "$shell" | tr -d ' ' | head -1
}
