/* test_book_apply.c - afcq/book.h: a customer and products into an invoice
 * (bill-to, type, lifeline, exemptions; items replacing an empty grid or
 * appended; a count as qty) and an invoice's customer fields back into a
 * customer record; loading a customer's usual products from a real SQLite
 * store.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/book.h"
#include "afcq/store.h"
#include "afcq/str.h"
#include "api_testlib.h"

static struct afcq_item item(int tran, int serv, double chg, long long line)
{
	struct afcq_item it;
	afcq_item_init(&it);
	it.tran = (struct afcq_oint){ true, tran };
	it.serv = (struct afcq_oint){ true, serv };
	if (chg != 0)
		it.chg = (struct afcq_odbl){ true, chg };
	if (line != 0)
		it.line = (struct afcq_oint){ true, line };
	return it;
}

/* "VoIP residential line": 19/6 access 15.00, 19/21 one line, 19/43 invoice 1.00 */
static void voip_line(struct afcq_product *p)
{
	afcq_product_init(p);
	p->name = afcq_xstrdup("VoIP residential line");
	p->n_itms = 3;
	p->itms = afcq_xcalloc(3, sizeof *p->itms);
	p->itms[0] = item(19, 6, 15.0, 0);
	p->itms[1] = item(19, 21, 0, 1);
	p->itms[2] = item(19, 43, 1.0, 0);
	p->itms[2].qty = (struct afcq_oint){ true, 2 };
}

static void customer(struct afcq_customer *c)
{
	afcq_customer_init(c);
	c->name = afcq_xstrdup("Kelly O'Brien");
	c->account = afcq_xstrdup("ACC-77");
	c->bill.present = true;
	c->bill.pcd = (struct afcq_oint){ true, 2650300 };
	c->cust = (struct afcq_oint){ true, 1 };
	c->lfln = (struct afcq_obool){ true, true };
	c->n_exms = 1;
	c->exms = afcq_xcalloc(1, sizeof *c->exms);
	c->exms[0].tpe = (struct afcq_oint){ true, 5 };
	c->exms[0].lvl = (struct afcq_oint){ true, 1 };
}

/* A form's invoice after a new call: one item with only the default sale. */
static void fresh_invoice(struct afcq_invoice *inv)
{
	afcq_invoice_init(inv);
	inv->cust = (struct afcq_oint){ true, 0 };
	afcq_invoice_insert_item(inv, 0);
	inv->itms[0].sale = (struct afcq_oint){ true, 1 };
}

static void test_grid_empty(void **state)
{
	(void)state;
	struct afcq_invoice inv;
	afcq_invoice_init(&inv);
	assert_true(afcq_book_grid_empty(&inv));
	fresh_invoice(&inv);
	assert_true(afcq_book_grid_empty(&inv));
	inv.itms[0].chg = (struct afcq_odbl){ true, 0 };
	assert_false(afcq_book_grid_empty(&inv));
	inv.itms[0].chg.set = false;
	inv.itms[0].tran = (struct afcq_oint){ true, 19 };
	assert_false(afcq_book_grid_empty(&inv));
	inv.itms[0].tran.set = false;
	afcq_invoice_insert_item(&inv, 1);
	assert_false(afcq_book_grid_empty(&inv));
	afcq_invoice_done(&inv);
}

static void test_apply_customer(void **state)
{
	(void)state;
	struct afcq_customer c;
	customer(&c);
	struct afcq_invoice inv;
	fresh_invoice(&inv);
	inv.bill.present = true;
	inv.bill.city = afcq_xstrdup("Elsewhere");
	afcq_book_apply_customer(&inv, &c);
	assert_true(inv.bill.present);
	assert_true(inv.bill.pcd.set);
	assert_int_equal(inv.bill.pcd.v, 2650300);
	assert_null(inv.bill.city);
	assert_true(inv.cust.set);
	assert_int_equal(inv.cust.v, 1);
	assert_true(inv.lfln.set && inv.lfln.v);
	assert_int_equal(inv.n_exms, 1);
	assert_int_equal(inv.exms[0].tpe.v, 5);
	assert_int_equal(inv.n_itms, 1); /* items untouched */
	/* the account number as the invoice's account reference */
	assert_string_equal(inv.acct, "ACC-77");

	/* a second customer without type, lifeline, bill-to or exemptions
	 * leaves none of the first one's behind, but the invoice's type */
	struct afcq_customer d;
	afcq_customer_init(&d);
	d.name = afcq_xstrdup("Plain");
	afcq_book_apply_customer(&inv, &d);
	assert_false(inv.bill.present);
	assert_false(inv.lfln.set);
	assert_int_equal(inv.n_exms, 0);
	assert_null(inv.exms);
	assert_true(inv.cust.set);
	assert_int_equal(inv.cust.v, 1);
	assert_null(inv.acct); /* not the first one's account */
	afcq_customer_done(&d);
	afcq_customer_done(&c);
	afcq_invoice_done(&inv);
}

static void test_customer_from_invoice(void **state)
{
	(void)state;
	struct afcq_customer c;
	customer(&c);
	struct afcq_invoice inv;
	afcq_invoice_init(&inv);
	afcq_book_apply_customer(&inv, &c);

	struct afcq_customer back;
	afcq_customer_init(&back);
	back.name = afcq_xstrdup("Kept");
	back.bill.present = true;
	back.bill.zip = afcq_xstrdup("99999");
	afcq_book_customer_from_invoice(&back, &inv);
	assert_string_equal(back.name, "Kept");
	assert_true(back.bill.present);
	assert_null(back.bill.zip);
	assert_int_equal(back.bill.pcd.v, 2650300);
	assert_true(back.cust.set);
	assert_int_equal(back.cust.v, 1);
	assert_true(back.lfln.set && back.lfln.v);
	assert_int_equal(back.n_exms, 1);
	assert_int_equal(back.exms[0].lvl.v, 1);

	/* an exemption row added and left empty is not kept (it would be
	 * refused at every quote of the customer) */
	inv.exms = afcq_xrealloc(inv.exms, 3 * sizeof *inv.exms);
	memset(&inv.exms[1], 0, 2 * sizeof *inv.exms);
	inv.exms[2].tpe = (struct afcq_oint){ true, 0 };
	inv.n_exms = 3;
	assert_int_equal(afcq_book_n_exemptions(&inv), 2);
	afcq_book_customer_from_invoice(&back, &inv);
	assert_int_equal(back.n_exms, 2);
	assert_int_equal(back.exms[0].lvl.v, 1);
	assert_true(back.exms[1].tpe.set);

	/* an invoice without any of them empties the record's */
	struct afcq_invoice none;
	afcq_invoice_init(&none);
	afcq_book_customer_from_invoice(&back, &none);
	assert_false(back.bill.present);
	assert_false(back.cust.set);
	assert_false(back.lfln.set);
	assert_int_equal(back.n_exms, 0);
	afcq_customer_done(&back);
	afcq_customer_done(&c);
	afcq_invoice_done(&inv);
}

static void test_add_product_replaces_empty_grid(void **state)
{
	(void)state;
	struct afcq_product p;
	voip_line(&p);
	struct afcq_invoice inv;
	fresh_invoice(&inv);
	struct afcq_error err;
	afcq_error_clear(&err);
	size_t first = 99;
	assert_int_equal(afcq_book_add_product(&inv, &p, 1, &first, &err), AFCQ_OK);
	assert_int_equal(first, 0);
	assert_int_equal(inv.n_itms, 3);
	assert_int_equal(inv.itms[0].serv.v, 6);
	assert_true(inv.itms[0].chg.v == 15.0);
	assert_false(inv.itms[0].qty.set); /* count 1: as stored */
	assert_int_equal(inv.itms[1].line.v, 1);
	assert_int_equal(inv.itms[2].qty.v, 2);

	/* a second product is appended to a grid that holds something */
	assert_int_equal(afcq_book_add_product(&inv, &p, 1, &first, &err), AFCQ_OK);
	assert_int_equal(first, 3);
	assert_int_equal(inv.n_itms, 6);
	afcq_invoice_done(&inv);
	afcq_product_done(&p);
}

static void test_add_product_count(void **state)
{
	(void)state;
	struct afcq_product p;
	voip_line(&p);
	struct afcq_invoice inv;
	fresh_invoice(&inv);
	inv.itms[0].tran = (struct afcq_oint){ true, 19 }; /* not empty: kept */
	struct afcq_error err;
	afcq_error_clear(&err);
	size_t first = 0;
	assert_int_equal(afcq_book_add_product(&inv, &p, 3, &first, &err), AFCQ_OK);
	assert_int_equal(first, 1);
	assert_int_equal(inv.n_itms, 4);
	assert_int_equal(inv.itms[1].qty.v, 3);
	assert_true(inv.itms[1].chg.v == 15.0); /* the charge stays per line */
	assert_int_equal(inv.itms[2].qty.v, 3);
	assert_int_equal(inv.itms[2].line.v, 1);
	assert_int_equal(inv.itms[3].qty.v, 6); /* stored qty 2 x 3 */
	assert_false(p.itms[0].qty.set);        /* the product is not changed */

	assert_int_equal(afcq_book_add_product(&inv, &p, 0, NULL, &err), AFCQ_ERR_USAGE);
	assert_string_equal(err.where, "count");
	assert_int_equal(afcq_book_add_product(&inv, &p, AFCQ_BOOK_MAX_QTY, NULL, &err),
			 AFCQ_ERR_USAGE); /* qty 2 x the largest count */
	assert_int_equal(inv.n_itms, 4);         /* nothing added */
	afcq_invoice_done(&inv);
	afcq_product_done(&p);
}

static void test_load_customer_from_store(void **state)
{
	(void)state;
	char dir[256];
	api_test_temp_dir(dir, sizeof dir);
	char *path = afcq_xasprintf("%s/book.sqlite", dir);
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_store *s = afcq_store_open(path, &err);
	assert_non_null(s);
	struct afcq_product p;
	voip_line(&p);
	assert_int_equal(afcq_store_product_save(s, &p, &err), AFCQ_OK);
	afcq_product_done(&p);

	struct afcq_customer c;
	customer(&c);
	afcq_customer_add_product(&c, "voip RESIDENTIAL line");
	afcq_customer_add_product(&c, "Gone bundle");
	afcq_customer_add_product(&c, "Also gone");
	struct afcq_invoice inv;
	fresh_invoice(&inv);
	char *missing = NULL;
	assert_int_equal(afcq_book_load_customer(s, &c, &inv, &missing, &err), AFCQ_OK);
	assert_int_equal(inv.n_itms, 3);
	assert_int_equal(inv.itms[2].serv.v, 43);
	assert_int_equal(inv.bill.pcd.v, 2650300);
	assert_non_null(missing);
	assert_string_equal(missing, "Gone bundle, Also gone");
	free(missing);

	/* no usual products: the grid stays as it was */
	struct afcq_customer d;
	customer(&d);
	struct afcq_invoice inv2;
	fresh_invoice(&inv2);
	assert_int_equal(afcq_book_load_customer(s, &d, &inv2, &missing, &err), AFCQ_OK);
	assert_null(missing);
	assert_int_equal(inv2.n_itms, 1);
	afcq_invoice_done(&inv2);
	afcq_customer_done(&d);

	afcq_invoice_done(&inv);
	afcq_customer_done(&c);
	afcq_store_close(s);
	api_test_remove_tree(dir);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_empty),
		cmocka_unit_test(test_apply_customer),
		cmocka_unit_test(test_customer_from_invoice),
		cmocka_unit_test(test_add_product_replaces_empty_grid),
		cmocka_unit_test(test_add_product_count),
		cmocka_unit_test(test_load_customer_from_store),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
