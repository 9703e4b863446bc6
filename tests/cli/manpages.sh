#!/bin/sh
# The manual pages render with man -l, without warnings, and are complete:
# checked against the program's own tables, so that a subcommand, option,
# exit code, workstation action, configuration key, sandbox option or
# environment variable added without its manual entry fails here.
. tests/lib.sh
DOC="$AFCQ_TOP/doc"
SRC="$AFCQ_TOP/src"

for page in afcq.1 afcq-sandbox.1 afcq.conf.5; do
	if MANWIDTH=80 man --warnings -l "$DOC/$page" >"$T_TMP/$page.txt" 2>"$ERR" &&
	   [ ! -s "$ERR" ] && [ -s "$T_TMP/$page.txt" ]; then
		pass "man_renders_$page"
	else
		fail "man_renders_$page" "$(head -c 400 "$ERR")"
	fi
	# the roff source with \- read as -, for the checks below
	sed 's/\\-/-/g; s/\\(dq/"/g' "$DOC/$page" >"$T_TMP/$page.src"
done

# missing NAME PAGE LIST-FILE AWK-PATTERN-PREFIX: every word of LIST-FILE
# (one a line) must stand in PAGE's source as an entry: a .B/.BR/.BI/.TP
# word or a bold \fB word.
missing() {
	name=$1; page=$2; list=$3
	miss=""
	while read -r w; do
		[ -n "$w" ] || continue
		grep -qE -- "(^\.B[IR]? +|\\\\f[BP]|\" +|, )\"?$(printf '%s' "$w" | sed 's/[][\.*^$+?(){}|/]/\\&/g')([ \",\\\\]|$)" \
			"$T_TMP/$page.src" || miss="$miss $w"
	done <"$list"
	if [ -z "$miss" ]; then pass "$name"; else fail "$name" "not in $page:$miss"; fi
}

"$AFCQ" __complete commands >"$T_TMP/commands"
[ -s "$T_TMP/commands" ] || fail man_commands_listed "afcq __complete commands printed nothing"
missing man_every_command afcq.1 "$T_TMP/commands"

"$AFCQ" __complete options >"$T_TMP/options"
echo --keys >>"$T_TMP/options"
missing man_every_option afcq.1 "$T_TMP/options"

# exit codes: the digits that --help's "exit codes:" lines name
"$AFCQ" --help | sed -n '/^exit codes:/,/^$/p' | grep -oE '(^|[ ,:])[0-9]+ ' | tr -dc '0-9\n' |
	sort -u >"$T_TMP/codes"
[ -s "$T_TMP/codes" ] || fail man_exit_codes_listed "no exit codes in afcq --help"
sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$T_TMP/afcq.1.src" >"$T_TMP/exit.src"
miss=""
while read -r c; do grep -qx "\.B $c" "$T_TMP/exit.src" || miss="$miss $c"; done <"$T_TMP/codes"
if [ -z "$miss" ]; then pass man_every_exit_code; else fail man_every_exit_code "not in EXIT STATUS:$miss"; fi

# workstation actions: the Keys section is `afcq --keys` (scripts/man-keys.sh)
"$AFCQ" --keys | awk -F' [|] ' 'NR > 2 { print $3 }' >"$T_TMP/actions"
sed -n '/keys:begin/,/keys:end/p' "$T_TMP/afcq.1.src" >"$T_TMP/keys.src"
miss=""
while read -r a; do grep -qE "\\\\fR  $a\$" "$T_TMP/keys.src" || miss="$miss $a"; done <"$T_TMP/actions"
if [ -z "$miss" ] && [ -s "$T_TMP/actions" ]; then pass man_every_action
else fail man_every_action "not in the Keys section (run scripts/man-keys.sh):$miss"; fi

# environment variables read by the program
grep -rhoE 'getenv\("[A-Z_]+"\)' "$SRC" | sed 's/getenv("\(.*\)")/\1/' | sort -u |
	grep -vxE 'HOME|PATH|TERM|USER|LOGNAME|SHELL' >"$T_TMP/env"
sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$T_TMP/afcq.1.src" >"$T_TMP/env.src"
miss=""
while read -r v; do grep -qE "^\.BR? (.*[ \"])?$v( |,|\"|$)" "$T_TMP/env.src" || miss="$miss $v"; done <"$T_TMP/env"
if [ -z "$miss" ]; then pass man_every_environment_variable; else fail man_every_environment_variable "not in ENVIRONMENT:$miss"; fi

# configuration keys: every key check-config reports, by its last part
expect_rc man_check_config_runs 0 "$AFCQ" check-config
awk 'f && !NF { exit } f { print $1 } /^key / { f = 1 }' "$OUT" | sed 's/.*\.//' | sort -u >"$T_TMP/keys"
[ -s "$T_TMP/keys" ] || fail man_config_keys_listed "no keys from check-config"
missing man_every_config_key afcq.conf.5 "$T_TMP/keys"

# afcq-sandbox options, from its --help
"$SANDBOX_BIN" --help | grep -oE -- '--[a-z-]+' | sort -u >"$T_TMP/sboptions"
missing man_every_sandbox_option afcq-sandbox.1 "$T_TMP/sboptions"
