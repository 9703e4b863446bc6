#!/bin/sh
# README's key table is `afcq --keys`: the table generated from the action
# list, printed without a terminal, between the keys:begin/keys:end marks
# under a "## Keys" heading after the "Command line" section.
. tests/lib.sh
README="$AFCQ_TOP/README.md"

if "$AFCQ" --keys >"$T_TMP/keys.md" 2>"$ERR" </dev/null; then
	pass keys_prints_without_terminal
else
	fail keys_prints_without_terminal "exit $?: $(head -c 300 "$ERR")"
fi
if head -2 "$T_TMP/keys.md" | grep -qxF '| Key | Alias | Action | What it does |' &&
   grep -qF '| `F5` | `q` | QUOTE | ' "$T_TMP/keys.md" &&
   grep -qF '| `F10` | `x` | QUIT | ' "$T_TMP/keys.md"; then
	pass keys_table_has_fixed_keys
else
	fail keys_table_has_fixed_keys "$(head -c 600 "$T_TMP/keys.md")"
fi

sed -n '/^<!-- keys:begin -->$/,/^<!-- keys:end -->$/p' "$README" | sed '1d;$d' >"$T_TMP/readme-keys.md"
if [ -s "$T_TMP/readme-keys.md" ] && cmp -s "$T_TMP/keys.md" "$T_TMP/readme-keys.md"; then
	pass keys_readme_table_matches
else
	fail keys_readme_table_matches "README differs from afcq --keys (replace the table between the marks with its output): $(diff "$T_TMP/readme-keys.md" "$T_TMP/keys.md" | head -8)"
fi

# the section sits after "Command line", before the next section
order=$(grep -nE '^## (Command line|Keys)$|^<!-- keys:begin -->$' "$README" | cut -d: -f2- | tr '\n' '/')
next_after_keys=$(awk '/^## Keys$/ { k = 1; next } k && /^## / { print; exit }' "$README")
if [ "$order" = "## Command line/## Keys/<!-- keys:begin -->/" ] &&
   awk -v n="$next_after_keys" '/^<!-- keys:end -->$/ { e = NR } $0 == n && e { ok = 1 } END { exit !ok }' "$README"; then
	pass keys_readme_section_placed
else
	fail keys_readme_section_placed "order: $order"
fi
