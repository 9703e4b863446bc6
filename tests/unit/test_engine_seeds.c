/* test_engine_seeds.c - the three documented seed examples, row for row:
 * streaming video with tax on tax (E1), 24 lines vs one item of 24 lines
 * with a bracketed per-line tax (E2), the Dallas VoIP fact pattern with a
 * taxed right-of-way fee and an item that produces "txs": [] (E3). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "expect.h"

static void test_e01_streaming(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e01_streaming"), 0);
}

static void test_e02_24lines(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e02_24lines"), 0);
}

static void test_e03_dallas(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e03_dallas"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_e01_streaming),
		cmocka_unit_test(test_e02_24lines),
		cmocka_unit_test(test_e03_dallas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
