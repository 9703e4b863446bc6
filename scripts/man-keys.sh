#!/bin/sh
# Rewrites the Keys section of doc/afcq.1 (between the keys:begin and
# keys:end comment lines) from `afcq --keys`, the table generated from the
# workstation's action list.  usage: scripts/man-keys.sh [AFCQ] [MANPAGE]
set -eu
afcq=${1:-build/afcq}
page=${2:-doc/afcq.1}
tmp=$(mktemp "${TMPDIR:-/tmp}/afcq-man.XXXXXX")
trap 'rm -f "$tmp" "$tmp.keys"' EXIT
# | `F1` | `?` | HELP | text |  ->  .TP / keys and alias / ACTION: text
"$afcq" --keys | awk -F' [|] ' 'NR > 2 {
	keys = $1; sub(/^[|] */, "", keys); gsub(/`/, "", keys)
	alias = $2; gsub(/`/, "", alias)
	text = $4; sub(/ *[|]$/, "", text)
	gsub(/\\/, "\\e", keys); gsub(/\\/, "\\e", alias); gsub(/\\/, "\\e", text)
	gsub(/-/, "\\-", keys)
	head = keys
	if (alias != "") head = head (keys != "" ? ", " : "") "Alt\\-" alias
	print ".TP"
	print "\\fB" head "\\fR  " $3
	print "\\&" text
}' >"$tmp.keys"
awk -v keys="$tmp.keys" '
	/^\.\\" keys:begin$/ { print; while ((getline l < keys) > 0) print l; skip = 1; next }
	/^\.\\" keys:end$/ { skip = 0 }
	!skip { print }' "$page" >"$tmp"
cat "$tmp" >"$page"
