#!/bin/sh
# The store's tests (tests/unit/test_book.c) against a private PostgreSQL
# server started here: the same suite as on SQLite, parameterised by the
# store's connection string.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/pg_server.sh"

pg_start || exit 1
url=$(pg_newdb book) || { fail store_pg_newdb "cannot create a database"; exit 1; }
bin="$AFCQ_TOP/$BUILD_DIR/tests/test_book"
AFCQ_TEST_STORE="$url" "$bin" >"$OUT" 2>&1
rc=$?
# One line per cmocka test: "[       OK ] name" / "[  FAILED  ] name".
sed -n 's/^\[       OK \] \(.*\)$/PASS store_pg \1/p' "$OUT"
sed -n 's/^\[  FAILED  \] \([a-z_]*\)$/FAIL store_pg \1/p' "$OUT" | sort -u
if [ "$rc" -ne 0 ]; then fail store_pg_suite "test_book exited $rc: $(grep -v '^\[' "$OUT" | head -20)"; fi
grep -q '^\[       OK \] test_pg_schema' "$OUT" && pass store_pg_ran_on_postgresql ||
	fail store_pg_ran_on_postgresql "the PostgreSQL tests did not run"
