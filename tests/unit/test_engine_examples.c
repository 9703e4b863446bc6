/* test_engine_examples.c - the documented CalcTaxes samples, one test per
 * example, every tax and summary row compared (fixtures in
 * tests/fixtures/engine). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "expect.h"

/* VoIP sample: safe-harbor split, per-line access tax, sales on equipment */
static void test_e04_voip(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e04_voip"), 0);
}

/* one VoIP item outside invoice mode, no summary */
static void test_e05_voip_single(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e05_voip_single"), 0);
}

/* address location (Santa Clara): other district rate, item with no txs */
static void test_e06_voip_geo(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e06_voip_geo"), 0);
}

/* -1 T/S halves; utility users tax on five state surcharges */
static void test_e07_inter_intra(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e07_inter_intra"), 0);
}

/* category exemption at state level and FUSF type exemption */
static void test_e08_exemption(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e08_exemption"), 0);
}

/* type wildcard at federal level */
static void test_e09_federal_exemption(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e09_federal_exemption"), 0);
}

/* per-line taxes with category exemptions by domain and scope */
static void test_e10_lines_exemptions(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e10_lines_exemptions"), 0);
}

/* safe-harbor override (sovr) of the VoIP federal share */
static void test_e11_tam_override(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e11_tam_override"), 0);
}

/* New York excise taxes that include themselves */
static void test_e12_rate_override_baseline(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e12_rate_override_baseline"), 0);
}

/* rate overrides: remove FUSF 162, add FUSF 163 */
static void test_e13_rate_override_163(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e13_rate_override_163"), 0);
}

/* 13 states with per-state overrides */
static void test_e14_usage_overrides(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e14_usage_overrides"), 0);
}

/* Texas internet: first $25 per invoice exempt */
static void test_e15_internet_tx(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e15_internet_tx"), 0);
}

/* per-item bill-to and date overrides */
static void test_e16_item_override(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e16_item_override"), 0);
}

/* private line split between two states */
static void test_e17_p2p(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e17_p2p"), 0);
}

/* tax-inclusive private line: item and invoice errors */
static void test_e18_p2p_incl_error(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e18_p2p_incl_error"), 0);
}

/* Quebec: QST and GST, E-911 fee in their base */
static void test_e19_canadian(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e19_canadian"), 0);
}

/* repeated inv key; VAT countries and countries without tax */
static void test_e20_country_iso(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e20_country_iso"), 0);
}

/* 120 items, each with its own country */
static void test_e21_international(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e21_international"), 0);
}

/* sales and use: retail, consumed, vendor use */
static void test_e22_sau(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e22_sau"), 0);
}

/* non-billable and extended fields, quantity, credits, NO TAX row */
static void test_e23_retnb_retext(void **state)
{
	(void)state;
	assert_int_equal(expect_rows_example("e23_retnb_retext"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_e04_voip),
		cmocka_unit_test(test_e05_voip_single),
		cmocka_unit_test(test_e06_voip_geo),
		cmocka_unit_test(test_e07_inter_intra),
		cmocka_unit_test(test_e08_exemption),
		cmocka_unit_test(test_e09_federal_exemption),
		cmocka_unit_test(test_e10_lines_exemptions),
		cmocka_unit_test(test_e11_tam_override),
		cmocka_unit_test(test_e12_rate_override_baseline),
		cmocka_unit_test(test_e13_rate_override_163),
		cmocka_unit_test(test_e14_usage_overrides),
		cmocka_unit_test(test_e15_internet_tx),
		cmocka_unit_test(test_e16_item_override),
		cmocka_unit_test(test_e17_p2p),
		cmocka_unit_test(test_e18_p2p_incl_error),
		cmocka_unit_test(test_e19_canadian),
		cmocka_unit_test(test_e20_country_iso),
		cmocka_unit_test(test_e21_international),
		cmocka_unit_test(test_e22_sau),
		cmocka_unit_test(test_e23_retnb_retext),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
