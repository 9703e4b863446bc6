/* test_engine_exemptions.c - the extended-exemption cases (type and
 * category exemptions by level, scope, domain, wildcard, exnb, frc) on a
 * Puerto Rico wireless item. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "expect.h"

/* Puerto Rico wireless baseline: no exemption */
static void test_ee_0_00_baseline(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_0_00_baseline"), 0);
}

/* extended exemption case 1.01.std */
static void test_ee_1_01_std(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_1_01_std"), 0);
}

/* extended exemption case 1.02.scope */
static void test_ee_1_02_scope(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_1_02_scope"), 0);
}

/* extended exemption case 1.03.dom */
static void test_ee_1_03_dom(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_1_03_dom"), 0);
}

/* extended exemption case 1.04.wild */
static void test_ee_1_04_wild(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_1_04_wild"), 0);
}

/* extended exemption case 1.04b.wild_nofed */
static void test_ee_1_04b_wild_nofed(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_1_04b_wild_nofed"), 0);
}

/* extended exemption case 1.05.wild_nba */
static void test_ee_1_05_wild_nba(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_1_05_wild_nba"), 0);
}

/* extended exemption case 1.06.wild_nba_nofrc */
static void test_ee_1_06_wild_nba_nofrc(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_1_06_wild_nba_nofrc"), 0);
}

/* extended exemption case 2.01.std */
static void test_ee_2_01_std(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_2_01_std"), 0);
}

/* extended exemption case 2.01b.std_fed */
static void test_ee_2_01b_std_fed(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_2_01b_std_fed"), 0);
}

/* extended exemption case 2.02.scope */
static void test_ee_2_02_scope(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_2_02_scope"), 0);
}

/* extended exemption case 2.03.dom */
static void test_ee_2_03_dom(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_2_03_dom"), 0);
}

/* extended exemption case 2.04.wild */
static void test_ee_2_04_wild(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_2_04_wild"), 0);
}

/* extended exemption case 2.04b.wild_nofed */
static void test_ee_2_04b_wild_nofed(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_2_04b_wild_nofed"), 0);
}

/* extended exemption case 2.05.wild_nba */
static void test_ee_2_05_wild_nba(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_2_05_wild_nba"), 0);
}

/* extended exemption case 2.06.wild_nba_nofrc */
static void test_ee_2_06_wild_nba_nofrc(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("ee_2_06_wild_nba_nofrc"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ee_0_00_baseline),
		cmocka_unit_test(test_ee_1_01_std),
		cmocka_unit_test(test_ee_1_02_scope),
		cmocka_unit_test(test_ee_1_03_dom),
		cmocka_unit_test(test_ee_1_04_wild),
		cmocka_unit_test(test_ee_1_04b_wild_nofed),
		cmocka_unit_test(test_ee_1_05_wild_nba),
		cmocka_unit_test(test_ee_1_06_wild_nba_nofrc),
		cmocka_unit_test(test_ee_2_01_std),
		cmocka_unit_test(test_ee_2_01b_std_fed),
		cmocka_unit_test(test_ee_2_02_scope),
		cmocka_unit_test(test_ee_2_03_dom),
		cmocka_unit_test(test_ee_2_04_wild),
		cmocka_unit_test(test_ee_2_04b_wild_nofed),
		cmocka_unit_test(test_ee_2_05_wild_nba),
		cmocka_unit_test(test_ee_2_06_wild_nba_nofrc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
