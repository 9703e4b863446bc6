#!/bin/sh
# afcq customers: import from the CSV a billing system exports (any subset
# of the columns, in any order, several phones and products separated by
# ';') and from JSON; importing again adds nothing (matched by account,
# else by name and a phone number in common); a bad row names its line and
# column and nothing is imported; list narrows by name, punctuation inside
# a name, account and phone digits; show, add, rm; export says it holds
# personal data, is private to the user and imports back the same; the
# store's failures exit 5.  Real SQLite files under a temporary
# XDG_DATA_HOME.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

BOOK="$FIX/book"
DB="$XDG_DATA_HOME/afcq/book.sqlite"
count() { sqlite3 "$DB" "select count(*) from customers"; }

# ---- import -----------------------------------------------------------------
if expect_rc "csv import exits 0" 0 "$AFCQ" customers import "$BOOK/customers.csv"; then
	expect_grep "csv import counts what it added" "$OUT" "3 customers: 3 added, 0 updated"
fi
expect_eq "the book is an SQLite file under XDG_DATA_HOME" 3 "$(count)"
if expect_rc "the same file again exits 0" 0 "$AFCQ" customers import "$BOOK/customers.csv"; then
	expect_grep "the same file again updates, adds nothing" "$OUT" "3 customers: 0 added, 3 updated"
fi
expect_eq "importing twice does not duplicate" 3 "$(count)"

# a file of other columns, in another order: Smith matched by name and phone
expect_rc "columns in another order" 0 "$AFCQ" customers import "$BOOK/customers_reordered.csv"
expect_grep "matched by name (case and spacing ignored) and phone digits" "$OUT" "0 added, 1 updated"
"$AFCQ" customers show 2 -f json >"$OUT" 2>"$ERR"
expect_eq "an update takes the name as the file writes it" "smith,  BOB" "$(json_get "$OUT" '$.name')"
expect_eq "an update keeps what the file does not give (city)" "Plano" "$(json_get "$OUT" '$.bill.city')"
expect_eq "an update takes what the file gives (zip)" "75023" "$(json_get "$OUT" '$.bill.zip')"
expect_eq "an update keeps the usual products" 2 "$(json_get "$OUT" '$.products' | tr ',' '\n' | wc -l | tr -d ' ')"

"$AFCQ" customers show 1 -f json >"$OUT" 2>"$ERR"
expect_eq "two phones from one cell" '["(214) 555-0100","214.555.0199"]' "$(json_get "$OUT" '$.phones')"
expect_eq "cust given by name" 1 "$(json_get "$OUT" '$.cust')"
expect_eq "state upper-cased" TX "$(json_get "$OUT" '$.bill.st')"
expect_eq "pcode" 2650300 "$(json_get "$OUT" '$.bill.pcd')"
expect_eq "lifeline no" 0 "$(json_get "$OUT" '$.lfln')"
"$AFCQ" customers show 2 -f json >"$OUT" 2>"$ERR"
expect_eq "products split on ;" '["VoIP residential line","Toll free"]' "$(json_get "$OUT" '$.products')"

# JSON, with comments, in the export's keys or the CSV's
if expect_rc "json import exits 0" 0 "$AFCQ" customers import "$BOOK/customers.json"; then
	expect_grep "json import counts" "$OUT" "2 customers: 2 added, 0 updated"
fi
"$AFCQ" customers list dana -f json >"$OUT" 2>"$ERR"
expect_eq "json: exemptions kept" 5 "$(json_get "$OUT" '$[0].exms[0].tpe')"
"$AFCQ" customers list eli -f json >"$OUT" 2>"$ERR"
expect_eq "json: CSV keys work too (two phones)" 2 "$(json_get "$OUT" '$[0].phones' | tr ',' '\n' | wc -l | tr -d ' ')"
expect_eq "json: lifeline yes" 1 "$(json_get "$OUT" '$[0].lfln')"
expect_rc "json import twice" 0 "$AFCQ" customers import "$BOOK/customers.json"
expect_eq "json import twice does not duplicate" 5 "$(count)"

# ---- bad input: line and column, nothing imported -----------------------------
printf 'name,phone,cust\nNew One,555-1234,0\nBad Row,abc,1\n' >"$T_TMP/bad.csv"
if expect_rc "a bad phone exits 2" 2 "$AFCQ" customers import "$T_TMP/bad.csv"; then
	expect_grep "the bad cell's line and column" "$ERR" "bad.csv:3: column 2 (phone): 'abc' is not a phone number"
	expect_grep "says nothing was imported" "$ERR" "nothing imported"
fi
expect_eq "the good row before the bad one was not imported" 5 "$(count)"
printf 'name,cust\nX,7\n' >"$T_TMP/bad.csv"
expect_rc "a bad customer type exits 2" 2 "$AFCQ" customers import "$T_TMP/bad.csv"
expect_grep "the type's line and column" "$ERR" "bad.csv:2: column 2 (cust): '7' is not a customer type"
printf 'name,fax\nX,1\n' >"$T_TMP/bad.csv"
expect_rc "an unknown column exits 2" 2 "$AFCQ" customers import "$T_TMP/bad.csv"
expect_grep "the unknown column is named" "$ERR" "bad.csv:1: column 2: 'fax' is not a column name"
printf 'name,phone\nX,"555\nY,1\n' >"$T_TMP/bad.csv"
expect_rc "an unclosed quote exits 2" 2 "$AFCQ" customers import "$T_TMP/bad.csv"
expect_grep "the unclosed quote's line and column" "$ERR" "bad.csv:2: column 3: quoted field never closed"
printf 'name,phone\nX,1,2\n' >"$T_TMP/bad.csv"
expect_rc "too many fields exits 2" 2 "$AFCQ" customers import "$T_TMP/bad.csv"
expect_grep "the extra field's column" "$ERR" "bad.csv:2: column 3: more fields than the 2 columns"
printf 'phone\n999 555 0000\n' >"$T_TMP/bad.csv"
expect_rc "a new customer without a name exits 2" 2 "$AFCQ" customers import "$T_TMP/bad.csv"
expect_grep "a new customer needs a name" "$ERR" "bad.csv:2: no name"
printf 'name,"a ""quoted"" phone"\n' >"$T_TMP/bad.csv"
expect_rc "a quoted header names no column" 2 "$AFCQ" customers import "$T_TMP/bad.csv"
printf '[{"name": "J", "fax": 1}]' >"$T_TMP/bad.json"
expect_rc "json: an unknown key exits 2" 2 "$AFCQ" customers import "$T_TMP/bad.json"
expect_grep "json: the element and key are named" "$ERR" "bad.json: [0].fax: unknown key"
expect_eq "nothing of the bad files imported" 5 "$(count)"
# RFC 4180 quoting: commas, doubled quotes and line breaks inside a field
printf 'name,city\r\n"Quote ""Q"" Inc","Fort\r\nWorth"\r\n' >"$T_TMP/quoted.csv"
expect_rc "RFC 4180 quoting and CRLF" 0 "$AFCQ" customers import "$T_TMP/quoted.csv"
"$AFCQ" customers list quote -f json >"$OUT" 2>"$ERR"
expect_eq "doubled quotes read as one" 'Quote "Q" Inc' "$(json_get "$OUT" '$[0].name')"

# ---- list ------------------------------------------------------------------
expect_rc "list exits 0" 0 "$AFCQ" customers list
expect_line "list header: id, name, account, phone, place" "$OUT" '^ +id +name +account +phone +place$'
expect_line "list row: id, name, account, phone, place" "$OUT" "^ +1 +Ann O'Brien +ACC-1001 +\\(214\\) 555-0100 +Dallas TX$"
expect_grep "list counts" "$OUT" "6 customers"
"$AFCQ" customers list obri >"$OUT" 2>&1
expect_grep "O'Brien found by obri" "$OUT" "Ann O'Brien"
expect_lines "obri finds one" "$OUT" 3
"$AFCQ" customers list 2145550199 >"$OUT" 2>&1
expect_grep "found by the second phone's digits" "$OUT" "Ann O'Brien"
"$AFCQ" customers list '(972) 555-0142' >"$OUT" 2>&1
expect_grep "found by phone whatever the punctuation" "$OUT" "smith,  BOB"
"$AFCQ" customers list acc-1003 >"$OUT" 2>&1
expect_grep "found by account" "$OUT" "Carla Diaz"
"$AFCQ" customers list nobody >"$OUT" 2>&1
expect_grep "nothing found" "$OUT" "0 customers"
"$AFCQ" customers list -f csv >"$OUT" 2>&1
expect_eq "csv list header" "id,name,account,phone,pcode,zip,city,state,cust,lifeline,products" "$(sed -n 1p "$OUT")"

# ---- add, show, rm ---------------------------------------------------------------
if expect_rc "add exits 0" 0 "$AFCQ" customers add --name "Fay Green" --phone "214 555 0111" \
	--pcode 2650300 --cust business --lifeline no --products "Toll free"; then
	expect_grep "add says the id" "$OUT" "added customer 7"
fi
expect_rc "show exits 0" 0 "$AFCQ" customers show 7
expect_line "show: type by name" "$OUT" '^type +1 Business$'
expect_line "show: phone" "$OUT" '^phone +214 555 0111$'
expect_rc "add without --name exits 2" 2 "$AFCQ" customers add --phone 1
expect_rc "add with a bad --cust exits 2" 2 "$AFCQ" customers add --name X --cust 9
expect_grep "the option is named" "$ERR" "--cust: '9' is not a customer type"
expect_rc "add with an account stored already exits 2" 2 "$AFCQ" customers add --name X --account ACC-1001
expect_grep "the holder is named by id" "$ERR" "customer 1 has this account already"
expect_rc "rm exits 0" 0 "$AFCQ" customers rm 7
expect_rc "show of a removed customer exits 2" 2 "$AFCQ" customers show 7
expect_grep "no such customer" "$ERR" "no customer 7"
expect_rc "rm of a missing id exits 2" 2 "$AFCQ" customers rm 7
expect_rc "show by words of the name" 0 "$AFCQ" customers show obri
expect_line "show by words: the one found" "$OUT" "^name +Ann O'Brien$"
expect_rc "show by words matching several exits 2" 2 "$AFCQ" customers show a
expect_grep "several matches are listed" "$ERR" "customers show: 'a' matches"
expect_rc "an unknown action exits 2" 2 "$AFCQ" customers frob
expect_rc "field options belong to add" 2 "$AFCQ" customers list --phone 1

# ---- export -----------------------------------------------------------------------
if expect_rc "export exits 0" 0 "$AFCQ" customers export "$T_TMP/out.json"; then
	expect_grep "export says it holds personal data" "$ERR" "holds personal data (names and phone numbers of 6 customers)"
fi
expect_eq "the export is private to the user" "600" "$(stat -c %a "$T_TMP/out.json")"
expect_eq "the export is JSON" 1 "$(json_valid "$T_TMP/out.json")"
"$AFCQ" customers export >"$OUT" 2>"$ERR"
expect_grep "export to stdout says so too" "$ERR" "the output holds personal data"
"$AFCQ" customers export -f csv "$T_TMP/out.csv" 2>"$ERR"
expect_eq "csv export header" "name,account,phone,pcode,zip,city,state,cust,lifeline,products" "$(sed -n 1p "$T_TMP/out.csv")"
# into an empty book, both come back the same
XDG_DATA_HOME="$T_TMP/other" "$AFCQ" customers import "$T_TMP/out.json" >/dev/null 2>&1
XDG_DATA_HOME="$T_TMP/other" "$AFCQ" customers export "$T_TMP/again.json" 2>/dev/null
if cmp -s "$T_TMP/out.json" "$T_TMP/again.json"; then pass "an export imports back the same"
else fail "an export imports back the same" "$(diff "$T_TMP/out.json" "$T_TMP/again.json" | head -c 600)"; fi
XDG_DATA_HOME="$T_TMP/csv" "$AFCQ" customers import "$T_TMP/out.csv" >"$OUT" 2>"$ERR"
expect_grep "a csv export imports back" "$OUT" "6 customers: 6 added"
XDG_DATA_HOME="$T_TMP/csv" "$AFCQ" customers import "$T_TMP/out.csv" >"$OUT" 2>"$ERR"
expect_grep "a csv export imported twice does not duplicate" "$OUT" "0 added, 6 updated"

# ---- the store fails: exit 5 ----------------------------------------------------
mkdir -p "$T_TMP/broken/afcq"
echo "not a database" >"$T_TMP/broken/afcq/book.sqlite"
XDG_DATA_HOME="$T_TMP/broken" expect_rc "a broken book exits 5" 5 "$AFCQ" customers list
: >"$T_TMP/notadir"
XDG_DATA_HOME="$T_TMP/notadir" expect_rc "a book that cannot be created exits 5" 5 "$AFCQ" customers list

# personal data stays out of the log below debug
if grep -qE "O'Brien|555-0100|Smith" "$XDG_STATE_HOME/afcq/afcq.log" 2>/dev/null; then
	fail "names and phones stay out of the log" "$(grep -E "O'Brien|555" "$XDG_STATE_HOME/afcq/afcq.log" | head -3)"
else
	pass "names and phones stay out of the log"
fi

# usual products the store does not have yet are noted (not an error)
XDG_DATA_HOME="$T_TMP/notes" expect_rc "an import with unknown products exits 0" 0 "$AFCQ" customers import "$BOOK/customers.csv"
expect_grep "the products not stored yet are noted" "$ERR" "note: 2 usual products are not in the store yet: 'VoIP residential line', 'Toll free'"
XDG_DATA_HOME="$T_TMP/notes" "$AFCQ" products import "$BOOK/products.json" >/dev/null 2>&1
XDG_DATA_HOME="$T_TMP/notes" expect_rc "again with the products stored" 0 "$AFCQ" customers import "$BOOK/customers.csv"
if [ -s "$ERR" ]; then fail "no note once the products are stored" "$(cat "$ERR")"; else pass "no note once the products are stored"; fi

# a book that cannot be written (file mode 0444, or a read-only folder) is
# opened read-only: listed and shown; saving says the book is read-only,
# naming the file, and changes nothing
RO="$T_TMP/ro"
XDG_DATA_HOME="$RO" "$AFCQ" customers add --name "Jos$(printf '\303\251') M$(printf '\303\274')ller" --account ACC-RO >/dev/null 2>&1
RODB="$RO/afcq/book.sqlite"
chmod 0444 "$RODB"
if XDG_DATA_HOME="$RO" expect_rc "a read-only book is listed" 0 "$AFCQ" customers list jose; then
	expect_grep "a read-only book's customer is found" "$OUT" "ACC-RO"
fi
XDG_DATA_HOME="$RO" expect_rc "a read-only book refuses a new customer" 5 "$AFCQ" customers add --name "New One"
expect_grep "saving says the book is read-only, naming the file" "$ERR" "$RODB: read-only book: cannot save the customer"
expect_eq "a read-only book is left as it was" 1 "$(sqlite3 "$RODB" "select count(*) from customers")"
chmod 0644 "$RODB"
chmod 0555 "$RO/afcq"
XDG_DATA_HOME="$RO" expect_rc "a book in a read-only folder is listed" 0 "$AFCQ" customers list ACC-RO
XDG_DATA_HOME="$RO" expect_rc "a book in a read-only folder refuses a change" 5 "$AFCQ" customers rm 1
expect_grep "removing says the book is read-only" "$ERR" "$RODB: read-only book: cannot remove the customer"
# the same for a user the permissions bind (when the tests run as root)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	rm -f "$RODB-wal" "$RODB-shm"
	chmod 0444 "$RODB"
	chmod 0755 "$T_TMP" "$RO"
	mkdir -p "$T_TMP/nobody" && chmod 0777 "$T_TMP/nobody"
	# (a copy of the program: the checkout may be in a folder only root enters)
	cp "$AFCQ" "$T_TMP/nobody/afcq" && chmod 0755 "$T_TMP/nobody/afcq"
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T_TMP/nobody" \
		XDG_CONFIG_HOME="$T_TMP/nobody" XDG_STATE_HOME="$T_TMP/nobody" XDG_DATA_HOME="$RO" \
		"$T_TMP/nobody/afcq" customers list jose >"$OUT" 2>"$ERR"
	rc=$?
	if [ "$rc" = 0 ] && grep -q ACC-RO "$OUT"; then pass "another user lists a book they cannot write"
	else fail "another user lists a book they cannot write" "exit $rc: $(head -3 "$ERR")"; fi
fi
chmod 0755 "$RO/afcq"
