#!/bin/sh
# afcq products: a JSON array of {"name", "itms"} imports in one
# transaction, again without duplicates (matched by name, ignoring case;
# the items replaced); a bad element names its index and field; list
# narrows by words of the name and shows the T/S pairs; show, add (items
# from an array, an object with itms, or a request file), rm, export.  Real
# SQLite files under a temporary XDG_DATA_HOME.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

BOOK="$FIX/book"
DB="$XDG_DATA_HOME/afcq/book.sqlite"
count() { sqlite3 "$DB" "select count(*) from products"; }

if expect_rc "import exits 0" 0 "$AFCQ" products import "$BOOK/products.json"; then
	expect_grep "import counts" "$OUT" "2 products: 2 added, 0 updated"
fi
expect_rc "import again exits 0" 0 "$AFCQ" products import "$BOOK/products.json"
expect_grep "import again updates" "$OUT" "0 added, 2 updated"
expect_eq "importing twice does not duplicate" 2 "$(count)"
printf '[{"name": "TOLL FREE", "itms": [{"chg": 7, "tran": 19, "serv": 6}]}]' >"$T_TMP/tf.json"
expect_rc "a name in other case updates" 0 "$AFCQ" products import "$T_TMP/tf.json"
expect_grep "matched by name ignoring case" "$OUT" "0 added, 1 updated"
"$AFCQ" products show 2 -f json >"$OUT" 2>"$ERR"
expect_eq "its items replaced" 7.0 "$(json_get "$OUT" '$.itms[0].chg')"

expect_rc "list exits 0" 0 "$AFCQ" products list
expect_line "list shows id, name, items and T/S pairs" "$OUT" '^ +1 +VoIP residential line +3 +19/6 19/21 19/43$'
"$AFCQ" products list resid >"$OUT" 2>&1
expect_lines "list narrows by words" "$OUT" 3
expect_rc "show exits 0" 0 "$AFCQ" products show 1
expect_line "show: the pairs" "$OUT" '^pairs +19/6 19/21 19/43$'

# bad files: nothing imported, the element named
printf '[{"name": "A", "itms": [{"chg": 1, "tran": 19, "serv": 6}]}, {"name": "B", "itms": [{"chg": "abc"}]}]' >"$T_TMP/bad.json"
expect_rc "a bad item exits 2" 2 "$AFCQ" products import "$T_TMP/bad.json"
expect_grep "the element and field are named" "$ERR" "bad.json: [1]: itms[0].chg: not a number"
expect_eq "nothing of a bad file imported" 2 "$(count)"
printf '[{"name": "", "itms": []}]' >"$T_TMP/bad.json"
expect_rc "a product without name exits 2" 2 "$AFCQ" products import "$T_TMP/bad.json"
expect_grep "a product needs a name" "$ERR" "[0].name: missing or empty"
printf '[{"name": "C", "itms": []}]' >"$T_TMP/bad.json"
expect_rc "a product without items exits 2" 2 "$AFCQ" products import "$T_TMP/bad.json"
expect_grep "a product needs items" "$ERR" "[0].itms: missing or empty"
printf '[{"name": "C", "itms": [{"tran": 1, "serv": 1}]}, {"name": "c", "itms": [{"tran": 1, "serv": 1}]}]' >"$T_TMP/bad.json"
expect_rc "a name twice in one file exits 2" 2 "$AFCQ" products import "$T_TMP/bad.json"
printf '{"name": "C", "itms": [' >"$T_TMP/bad.json"
expect_rc "broken JSON exits 2" 2 "$AFCQ" products import "$T_TMP/bad.json"
expect_grep "broken JSON: line and column" "$ERR" "bad.json: syntax error at line 1"
expect_eq "still two products" 2 "$(count)"

# add: items from a request file, an array, or stdin
if expect_rc "add from a request file" 0 "$AFCQ" products add --name "Dallas bundle" "$REQ/dallas.json"; then
	expect_grep "add says the id and items" "$OUT" "added product 3 (3 items)"
fi
echo '[{"chg": 2, "tran": 19, "serv": 6}]' | "$AFCQ" products add --name "From stdin" - >"$OUT" 2>"$ERR"
expect_grep "add from stdin" "$OUT" "added product 4 (1 item)"
expect_rc "add of a name stored already exits 2" 2 "$AFCQ" products add --name "dallas BUNDLE" "$REQ/dallas.json"
expect_rc "add without --name exits 2" 2 "$AFCQ" products add "$REQ/dallas.json"
expect_rc "add of a file without items exits 2" 2 "$AFCQ" products add --name X "$T_TMP/tf.json.none"
expect_rc "rm exits 0" 0 "$AFCQ" products rm 4
expect_rc "rm again exits 2" 2 "$AFCQ" products rm 4

expect_rc "export exits 0" 0 "$AFCQ" products export "$T_TMP/p.json"
XDG_DATA_HOME="$T_TMP/other" "$AFCQ" products import "$T_TMP/p.json" >/dev/null 2>&1
XDG_DATA_HOME="$T_TMP/other" "$AFCQ" products export "$T_TMP/p2.json" 2>/dev/null
if cmp -s "$T_TMP/p.json" "$T_TMP/p2.json"; then pass "an export imports back the same"
else fail "an export imports back the same" "$(diff "$T_TMP/p.json" "$T_TMP/p2.json" | head -c 600)"; fi
expect_rc "products export is JSON only" 2 "$AFCQ" products export -f csv
