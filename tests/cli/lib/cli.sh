# Helpers of the command-line tests (sourced after tests/lib.sh).

GOLD="$AFCQ_TOP/tests/cli/golden"
REQ="$FIX/requests"

# expect_same NAME GOLDEN FILE: the file equals the golden file.
expect_same() {
	if diff -u "$2" "$3" >"$T_TMP/diff" 2>&1; then
		pass "$1"
	else
		fail "$1" "differs from $(basename "$2"): $(head -c 900 "$T_TMP/diff")"
	fi
}

# json_get FILE PATH: one value of a JSON file (sqlite3's JSON functions;
# sqlite3 is a test dependency anyway).  Prints nothing when absent.
json_get() {
	sqlite3 :memory: "select json_extract(readfile('$1'), '$2')"
}

# json_valid FILE: prints 1 when the file is one well-formed JSON text.
json_valid() {
	sqlite3 :memory: "select json_valid(readfile('$1'))"
}

# expect_eq NAME WANT GOT
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "wanted '$2', got '$3'"; fi
}

# expect_lines NAME FILE N: the file has exactly N lines.
expect_lines() {
	n=$(wc -l <"$2" | tr -d ' ')
	expect_eq "$1" "$3" "$n"
}

# expect_line NAME FILE ERE: some line matches the extended regex.
expect_line() {
	if grep -Eq -- "$3" "$2"; then pass "$1"; else fail "$1" "no line matches /$3/ in $(head -c 600 "$2")"; fi
}
