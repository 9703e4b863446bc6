/* test_compare.c - which tax of one answer is which of another: same item,
 * tax type, level and jurisdiction, k-th with k-th; summary rows alike;
 * bridge participants' taxes within the participant of the same ref;
 * signed differences to the cent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "afcq/codec.h"
#include "afcq/compare.h"

static void parse(const char *json, struct afcq_response *r)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	afcq_response_init(r);
	assert_int_equal(afcq_codec_parse_response(json, strlen(json), r, &err), AFCQ_OK);
}

/* Item 0: state sales tax, city sales tax, two city 911 rows (same key);
 * item 1: one tax. */
static const char *A =
	"{\"inv\":[{\"itms\":["
	"{\"txs\":[{\"tid\":1,\"lvl\":0,\"pcd\":3726100,\"tax\":0.94},"
	"{\"tid\":1,\"lvl\":3,\"pcd\":3726100,\"tax\":0.15},"
	"{\"tid\":60,\"lvl\":3,\"pcd\":3726100,\"tax\":0.62},"
	"{\"tid\":60,\"lvl\":3,\"pcd\":3726100,\"tax\":0.50}]},"
	"{\"txs\":[{\"tid\":5,\"lvl\":0,\"pcd\":3671300,\"tax\":0.06}]}],"
	"\"summ\":[{\"tid\":1,\"lvl\":0,\"pcd\":3726100,\"tax\":1.05},"
	"{\"tid\":5,\"lvl\":0,\"pcd\":3671300,\"tax\":0.06}]}]}";
/* The same in another order, the city sales tax gone, one 911 row, item 1
 * gone, the summary's 911 row new. */
static const char *B =
	"{\"inv\":[{\"itms\":["
	"{\"txs\":[{\"tid\":60,\"lvl\":3,\"pcd\":3726100,\"tax\":1.86},"
	"{\"tid\":1,\"lvl\":0,\"pcd\":3726100,\"tax\":1.00}]}],"
	"\"summ\":[{\"tid\":60,\"lvl\":3,\"pcd\":3726100,\"tax\":1.86},"
	"{\"tid\":1,\"lvl\":0,\"pcd\":3726100,\"tax\":1.00}]}]}";

static void test_item_taxes_match_by_key(void **state)
{
	(void)state;
	struct afcq_response a, b;
	parse(A, &a);
	parse(B, &b);
	assert_int_equal(afcq_compare_item_tax(&a, 0, 0, 0, &b), 1);  /* state sales tax */
	assert_int_equal(afcq_compare_item_tax(&a, 0, 0, 1, &b), -1); /* city: gone in b */
	assert_int_equal(afcq_compare_item_tax(&a, 0, 0, 2, &b), 0);  /* first 911 row */
	assert_int_equal(afcq_compare_item_tax(&a, 0, 0, 3, &b), -1); /* second: none left */
	assert_int_equal(afcq_compare_item_tax(&a, 0, 1, 0, &b), -1); /* item 1 not in b */
	assert_int_equal(afcq_compare_item_tax(&b, 0, 0, 0, &a), 2);
	assert_int_equal(afcq_compare_item_tax(&b, 0, 0, 1, &a), 0);
	/* out of range anywhere: no match */
	assert_int_equal(afcq_compare_item_tax(&a, 0, 0, 9, &b), -1);
	assert_int_equal(afcq_compare_item_tax(&a, 3, 0, 0, &b), -1);
	assert_int_equal(afcq_compare_item_tax(&a, 0, 0, 0, NULL), -1);
	afcq_response_done(&a);
	afcq_response_done(&b);
}

static void test_summary_rows_match_by_key(void **state)
{
	(void)state;
	struct afcq_response a, b;
	parse(A, &a);
	parse(B, &b);
	assert_int_equal(afcq_compare_summary(&a, 0, 0, &b), 1);
	assert_int_equal(afcq_compare_summary(&a, 0, 1, &b), -1);
	assert_int_equal(afcq_compare_summary(&b, 0, 0, &a), -1);
	assert_int_equal(afcq_compare_summary(&b, 0, 1, &a), 0);
	assert_int_equal(afcq_compare_summary(&a, 1, 0, &b), -1);
	afcq_response_done(&a);
	afcq_response_done(&b);
}

/* A bridge item: participants dallas (two taxes), sf (one) and one
 * without ref; in the other answer sf comes first, dallas has lost its
 * city tax, and the participant without ref is second. */
static const char *BRIDGE_A =
	"{\"inv\":[{\"itms\":[{\"brdg\":["
	"{\"ref\":\"dallas\",\"txs\":[{\"tid\":1,\"lvl\":0,\"pcd\":3726100,\"tax\":1.88},"
	"{\"tid\":1,\"lvl\":3,\"pcd\":3726100,\"tax\":0.30}]},"
	"{\"ref\":\"sf\",\"txs\":[{\"tid\":1,\"lvl\":0,\"pcd\":253500,\"tax\":2.18}]},"
	"{\"txs\":[{\"tid\":9,\"lvl\":0,\"pcd\":1,\"tax\":0.10}]}]}]}]}";
static const char *BRIDGE_B =
	"{\"inv\":[{\"itms\":[{\"brdg\":["
	"{\"ref\":\"sf\",\"txs\":[{\"tid\":1,\"lvl\":0,\"pcd\":253500,\"tax\":2.90}]},"
	"{\"txs\":[{\"tid\":9,\"lvl\":0,\"pcd\":1,\"tax\":0.10}]},"
	"{\"ref\":\"dallas\",\"txs\":[{\"tid\":1,\"lvl\":0,\"pcd\":3726100,\"tax\":2.50}]}]}]}]}";

static void test_bridge_taxes_match_by_participant(void **state)
{
	(void)state;
	struct afcq_response a, b;
	parse(BRIDGE_A, &a);
	parse(BRIDGE_B, &b);
	assert_int_equal(afcq_compare_bridge(&a, 0, 0, 0, &b), 2);  /* dallas by ref */
	assert_int_equal(afcq_compare_bridge(&a, 0, 0, 1, &b), 0);  /* sf by ref */
	assert_int_equal(afcq_compare_bridge(&a, 0, 0, 2, &b), -1); /* no ref, index 2: dallas */
	assert_int_equal(afcq_compare_bridge(&b, 0, 0, 1, &a), -1); /* no ref, index 1: sf */
	assert_int_equal(afcq_compare_bridge_tax(&a, 0, 0, 0, 0, &b), 0);  /* dallas state */
	assert_int_equal(afcq_compare_bridge_tax(&a, 0, 0, 0, 1, &b), -1); /* dallas city gone */
	assert_int_equal(afcq_compare_bridge_tax(&a, 0, 0, 1, 0, &b), 0);  /* sf state */
	assert_int_equal(afcq_compare_bridge_tax(&a, 0, 0, 2, 0, &b), -1); /* participant unmatched */
	assert_int_equal(afcq_compare_bridge_tax(&b, 0, 0, 2, 0, &a), 0);
	assert_int_equal(afcq_compare_bridge(&a, 0, 0, 2, &a), 2);  /* no ref, same index */
	/* out of range */
	assert_int_equal(afcq_compare_bridge(&a, 0, 0, 3, &b), -1);
	assert_int_equal(afcq_compare_bridge_tax(&a, 0, 0, 0, 5, &b), -1);
	assert_int_equal(afcq_compare_bridge(&a, 0, 1, 0, &b), -1);
	assert_int_equal(afcq_compare_bridge(&a, 0, 0, 0, NULL), -1);
	/* the same on the participants' arrays themselves */
	const struct afcq_bridge_result *da = &a.inv[0].itms[0].brdg[0], *db = &b.inv[0].itms[0].brdg[2];
	assert_int_equal(afcq_compare_tax(da->txs, 0, db->txs, db->n_txs), 0);
	assert_int_equal(afcq_compare_tax(da->txs, 1, db->txs, db->n_txs), -1);
	assert_int_equal(afcq_compare_tax(db->txs, 0, NULL, 0), -1);
	/* the item's own taxes know nothing of the participants' */
	assert_int_equal(afcq_compare_item_tax(&a, 0, 0, 0, &b), -1);
	afcq_response_done(&a);
	afcq_response_done(&b);
}

static void test_change_format(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(afcq_money_format_change(0, 0.15, buf, sizeof buf), "+0.15");
	assert_string_equal(afcq_money_format_change(0.94, 0, buf, sizeof buf), "-0.94");
	assert_string_equal(afcq_money_format_change(0, 0, buf, sizeof buf), "0.00");
	assert_string_equal(afcq_money_format_change(0.001, 0, buf, sizeof buf), "0.00");
	assert_string_equal(afcq_money_format_change(0, 1.045, buf, sizeof buf), "+1.05");
	assert_string_equal(afcq_money_format_change(0.62, 1.86, buf, sizeof buf), "+1.24");
	assert_string_equal(afcq_money_format_change(1234.5, 0, buf, sizeof buf), "-1234.50");
	/* the change of the amounts as shown: 21.64 to 64.91 is +43.27, though
	 * the unrounded difference (43.2758) would round to 43.28 */
	assert_string_equal(afcq_money_format_change(21.63790885, 64.91372655, buf, sizeof buf),
			    "+43.27");
	assert_string_equal(afcq_money_format_change(64.91372655, 21.63790885, buf, sizeof buf),
			    "-43.27");
	assert_string_equal(afcq_money_format_change(0.004, 0.006, buf, sizeof buf), "+0.01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_item_taxes_match_by_key),
		cmocka_unit_test(test_summary_rows_match_by_key),
		cmocka_unit_test(test_bridge_taxes_match_by_participant),
		cmocka_unit_test(test_change_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
