#!/bin/sh
# The store's tests (tests/unit/test_book.c: customers and products;
# tests/unit/test_book_schema.c: the schema and the connection;
# tests/unit/test_history_unknown.c: the journal's unknown outcomes and
# invoice numbers) against a private PostgreSQL server started here: the
# same suites as on SQLite, parameterised by the store's connection string.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/pg_server.sh"

pg_start || exit 1
url=$(pg_newdb book) || { fail store_pg_newdb "cannot create a database"; exit 1; }
# run_on_pg TEST: one cmocka binary against the server, one line per test
# ("[       OK ] name" / "[  FAILED  ] name").
run_on_pg() {
	AFCQ_TEST_STORE="$url" "$AFCQ_TOP/$BUILD_DIR/tests/$1" >"$OUT" 2>&1
	rc=$?
	sed -n "s/^\[       OK \] \(.*\)\$/PASS $1 \1/p" "$OUT"
	sed -n "s/^\[  FAILED  \] \([a-z_]*\)\$/FAIL $1 \1/p" "$OUT" | sort -u
	if [ "$rc" -ne 0 ]; then fail "$1" "exited $rc: $(grep -v '^\[' "$OUT" | head -20)"; fi
}
# the journal first; test_book_schema runs last, so its output is in $OUT
run_on_pg test_history_unknown
run_on_pg test_book
run_on_pg test_book_schema
grep -q '^\[       OK \] test_pg_schema' "$OUT" && pass store_pg_ran_on_postgresql ||
	fail store_pg_ran_on_postgresql "the PostgreSQL tests did not run"
