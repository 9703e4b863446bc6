/* test_csv.c - afcq/csv.h: RFC 4180 records (quoted commas, doubled
 * quotes, line breaks in fields, CRLF and LF, a byte order mark, blank
 * lines, a last line without newline) and the line and column of each
 * kind of malformed text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "afcq/csv.h"

static int next(struct afcq_csv_reader *r, struct afcq_csv_row *row, struct afcq_error *err)
{
	afcq_error_clear(err);
	return afcq_csv_next(r, row, err);
}

static void test_records(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBFname,city\r\n"
			   "\"Smith, Bob\",\"Fort\r\nWorth\"\r\n"
			   "\r\n"
			   "\"Quote \"\"Q\"\"\",\n"
			   ",\n"
			   "last,line";
	struct afcq_csv_reader r;
	afcq_csv_reader_init(&r, text, strlen(text));
	struct afcq_csv_row row = { 0 };
	struct afcq_error err;
	assert_int_equal(next(&r, &row, &err), 1);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.fields[0], "name");
	assert_int_equal(row.line, 1);
	assert_int_equal(next(&r, &row, &err), 1);
	assert_string_equal(row.fields[0], "Smith, Bob");
	assert_string_equal(row.fields[1], "Fort\r\nWorth");
	assert_int_equal(row.line, 2);
	assert_int_equal(row.columns[1], 14);
	assert_int_equal(next(&r, &row, &err), 1); /* the blank line skipped */
	assert_int_equal(row.line, 5);
	assert_string_equal(row.fields[0], "Quote \"Q\"");
	assert_string_equal(row.fields[1], "");
	assert_int_equal(next(&r, &row, &err), 1);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.fields[0], "");
	assert_int_equal(next(&r, &row, &err), 1);
	assert_string_equal(row.fields[1], "line");
	assert_int_equal(row.line, 7);
	assert_int_equal(next(&r, &row, &err), 0);
	afcq_csv_row_done(&row);
}

static void expect_bad(const char *text, int line, int column, const char *words)
{
	struct afcq_csv_reader r;
	afcq_csv_reader_init(&r, text, strlen(text));
	struct afcq_csv_row row = { 0 };
	struct afcq_error err;
	int got;
	while ((got = next(&r, &row, &err)) == 1)
		;
	assert_int_equal(got, -1);
	assert_int_equal(err.status, AFCQ_ERR_INVALID);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	if (!strstr(err.msg, words))
		fail_msg("'%s' not in '%s'", words, err.msg);
	afcq_csv_row_done(&row);
}

static void test_malformed(void **state)
{
	(void)state;
	expect_bad("a,b\nx,\"open\nstill open", 2, 3, "never closed");
	expect_bad("a,b\nx,y\"z\n", 2, 4, "quote inside an unquoted field");
	expect_bad("a,b\n\"x\"y,z\n", 2, 4, "text after a closing quote");
	const char nul[] = "a,b\nx,y\0z\n";
	struct afcq_csv_reader r;
	afcq_csv_reader_init(&r, nul, sizeof nul - 1);
	struct afcq_csv_row row = { 0 };
	struct afcq_error err;
	assert_int_equal(next(&r, &row, &err), 1);
	assert_int_equal(next(&r, &row, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 4);
	afcq_csv_row_done(&row);
}

static void test_empty(void **state)
{
	(void)state;
	struct afcq_csv_reader r;
	afcq_csv_reader_init(&r, "\n\r\n", 3);
	struct afcq_csv_row row = { 0 };
	struct afcq_error err;
	assert_int_equal(next(&r, &row, &err), 0);
	afcq_csv_row_done(&row);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
