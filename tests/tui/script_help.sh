#!/bin/sh
# Scripted workstation tests: the help overlay (F1) at 80x24.  Scrolling
# it line by line from the top to the end shows every word of every help
# text of `afcq --keys` (the same action list): long lines wrap to the box,
# nothing is cut at its edge.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

"$AFCQ" --keys >"$T_TMP/keys.md" </dev/null
H="$T_TMP/help"
mkdir -p "$H"
{
	echo "wait-idle"
	echo "key F1"
	echo "assert-state view help"
	echo "dump-screen $H/0"
	i=1
	while [ $i -le 120 ]; do
		echo "key Down"
		echo "dump-screen $H/$i"
		i=$((i + 1))
	done
} | run_script help_scrolls_to_the_end

# The box's inside rows of one dump (between its top and bottom borders).
inside() {
	awk 'substr($0, 2, 1) == "+" { if (in_box) exit; in_box = 1; next }
	     in_box { print substr($0, 4, 74) }' "$1"
}
# The whole help text: the first page, then the row each scroll brought in.
inside "$H/0" >"$T_TMP/help.txt"
cp "$T_TMP/help.txt" "$T_TMP/prev"
i=1
while [ -s "$H/$i" ]; do
	inside "$H/$i" >"$T_TMP/cur"
	if ! cmp -s "$T_TMP/cur" "$T_TMP/prev"; then
		tail -n 1 "$T_TMP/cur" >>"$T_TMP/help.txt"
	fi
	mv "$T_TMP/cur" "$T_TMP/prev"
	i=$((i + 1))
done
flat=$(tr -s ' \n' '  ' <"$T_TMP/help.txt")

missing=""
n=0
# each action's help text, from the table's last column
sed -n '3,$p' "$T_TMP/keys.md" | sed 's/\\|/\x01/g' | awk -F'|' '{ print $5 }' |
	sed 's/\x01/|/g; s/^ *//; s/ *$//' >"$T_TMP/helps"
while IFS= read -r text; do
	[ -n "$text" ] || continue
	n=$((n + 1))
	case "$flat" in
	*"$text"*) ;;
	*) missing="$missing [$text]" ;;
	esac
done <"$T_TMP/helps"
if [ "$n" -gt 30 ] && [ -z "$missing" ]; then
	pass help_every_action_text_readable
else
	fail help_every_action_text_readable "$n texts; not readable:$missing"
fi
# the longest help text ends on screen once scrolled to
longest=$(awk '{ print length($0) "\t" $0 }' "$T_TMP/helps" | sort -rn | head -1 | cut -f2-)
tail_words=$(echo "$longest" | awk '{ print $(NF-2), $(NF-1), $NF }')
if grep -qF -- "$tail_words" "$T_TMP/help.txt"; then
	pass help_longest_text_end_visible
else
	fail help_longest_text_end_visible "'$tail_words' not on any help row"
fi
case "$flat" in
*"and nothing is sent until fixed."*) pass help_last_line_visible ;;
*) fail help_last_line_visible "$(tail -n 3 "$T_TMP/help.txt")" ;;
esac

# / searches the help (ignoring case) and scrolls the line found into view;
# n finds the next one.
run_script help_search_scrolls_to_match <<'SCRIPT'
wait-idle
key F1
assert-not-screen "FIND_PCODE"
key /
type "npa-nxx or fips"
key Enter
assert-state view help
assert-state message "help: \"npa-nxx or fips\" found"
assert-screen "FIND_PCODE"
key Home
assert-not-screen "FIND_PCODE"
key /
type "line item"
key Enter
assert-screen "DETAIL         edit the less common fields of the current"
key n n
assert-screen "ROW_DUP"
key /
type "no such words"
key Enter
assert-state message "help: \"no such words\" not found"
key Esc
assert-state view main
SCRIPT
