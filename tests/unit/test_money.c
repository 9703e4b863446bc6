/* test_money.c - cents rounding, number formatting, compensated sums,
 * invoice totals and the calculation in words.
 *
 * The Dallas fact pattern (VoIP access 19/6 chg 15, VoIP lines 19/21 line 1,
 * 19/43 chg 1 with no taxes; bill PCode 3726100, 2022-03-02) is built here
 * as structs with the amounts AFC returns for it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"
#include "afcq/number.h"

/* ---- rounding to cents ------------------------------------------------- */

static void test_cents_half_away_from_zero_on_decimal(void **state)
{
	(void)state;
	/* 1.045 is stored as 1.04499999999999992894...: still rounds up. */
	char raw[32];
	snprintf(raw, sizeof raw, "%.17g", 1.045);
	assert_string_equal(raw, "1.0449999999999999");
	assert_int_equal(afcq_money_cents(1.045), 105);
	assert_int_equal(afcq_money_cents(1.0449999999999999), 105);
	assert_int_equal(afcq_money_cents(-1.045), -105);
	assert_int_equal(afcq_money_cents(2.675), 268);
	assert_int_equal(afcq_money_cents(0.125), 13);  /* not to even */
	assert_int_equal(afcq_money_cents(0.135), 14);
	assert_int_equal(afcq_money_cents(0.005), 1);
	assert_int_equal(afcq_money_cents(-0.005), -1);
	assert_int_equal(afcq_money_cents(0.0049), 0);
	assert_int_equal(afcq_money_cents(0.00499999), 0);
	assert_int_equal(afcq_money_cents(1e-9), 0);
	assert_int_equal(afcq_money_cents(0), 0);
	assert_int_equal(afcq_money_cents(3.7794), 378);
	assert_int_equal(afcq_money_cents(19.7794), 1978);
	assert_int_equal(afcq_money_cents(123456.785), 12345679);
	assert_int_equal(afcq_money_cents(2922.949), 292295);
	assert_int_equal(afcq_money_cents(100), 10000);
	assert_int_equal(afcq_money_cents(0.1 + 0.2), 30);
	assert_int_equal(afcq_money_cents(NAN), 0);
}

static void test_money_format(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(afcq_money_format(3.7794, buf, sizeof buf), "3.78");
	assert_string_equal(afcq_money_format(1.045, buf, sizeof buf), "1.05");
	assert_string_equal(afcq_money_format(0, buf, sizeof buf), "0.00");
	assert_string_equal(afcq_money_format(-0.001, buf, sizeof buf), "0.00");
	assert_string_equal(afcq_money_format(-0.0, buf, sizeof buf), "0.00");
	assert_string_equal(afcq_money_format(-1.5, buf, sizeof buf), "-1.50");
	assert_string_equal(afcq_money_format(-0.9375, buf, sizeof buf), "-0.94");
	assert_string_equal(afcq_money_format(1234567.891, buf, sizeof buf), "1234567.89");
	assert_string_equal(afcq_money_format(24, buf, sizeof buf), "24.00");
	char small[4];
	assert_string_equal(afcq_money_format(1234.5, small, sizeof small), "123");
	/* Beyond the exact range, never a plausible wrong number. */
	assert_string_equal(afcq_money_format(9999999999999.99, buf, sizeof buf),
			    "9999999999999.99");
	assert_string_equal(afcq_money_format(1e13, buf, sizeof buf), "out of range");
	assert_string_equal(afcq_money_format(1e16, buf, sizeof buf), "out of range");
	assert_string_equal(afcq_money_format(-1e16, buf, sizeof buf), "out of range");
	assert_string_equal(afcq_money_format(INFINITY, buf, sizeof buf), "out of range");
	assert_string_equal(afcq_money_format(NAN, buf, sizeof buf), "out of range");
	assert_true(afcq_money_exact(AFCQ_MONEY_MAX) && !afcq_money_exact(1e15));
}

/* Totals of amounts a double cannot sum never wrap into plausible money. */
static void test_totals_never_wrap(void **state)
{
	(void)state;
	struct afcq_item items[2] = { { .chg = { true, 1e308 } }, { .chg = { true, 1e308 } } };
	struct afcq_invoice inv = { .itms = items, .n_itms = 2 };
	struct afcq_request req = { .inv = &inv, .n_inv = 1 };
	struct afcq_totals t;
	afcq_money_totals(&req, NULL, (size_t)-1, &t);
	char buf[32];
	assert_string_equal(afcq_money_format(t.charges, buf, sizeof buf), "out of range");
	assert_string_equal(afcq_money_format(t.total_due, buf, sizeof buf), "out of range");
	items[0].chg.v = items[1].chg.v = 1e16;
	afcq_money_totals(&req, NULL, (size_t)-1, &t);
	assert_string_equal(afcq_money_format(t.charges, buf, sizeof buf), "out of range");
}

/* ---- full-precision numbers -------------------------------------------- */

static void test_number_format_shortest_round_trip(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(afcq_number_format(0.1, buf, sizeof buf), "0.1");
	assert_string_equal(afcq_number_format(1.045, buf, sizeof buf), "1.045");
	assert_string_equal(afcq_number_format(0.1 + 0.2, buf, sizeof buf), "0.30000000000000004");
	assert_string_equal(afcq_number_format(15.36, buf, sizeof buf), "15.36");
	assert_string_equal(afcq_number_format(512, buf, sizeof buf), "512");
	assert_string_equal(afcq_number_format(-25, buf, sizeof buf), "-25");
	assert_string_equal(afcq_number_format(-2500, buf, sizeof buf), "-2500");
	assert_string_equal(afcq_number_format(0, buf, sizeof buf), "0");
	assert_string_equal(afcq_number_format(-0.0, buf, sizeof buf), "0");
	assert_string_equal(afcq_number_format(2147483647, buf, sizeof buf), "2147483647");
	assert_string_equal(afcq_number_format(0.00291, buf, sizeof buf), "0.00291");
	assert_string_equal(afcq_number_format(0.00001, buf, sizeof buf), "0.00001");
	assert_string_equal(afcq_number_format(115.71877884, buf, sizeof buf), "115.71877884");
	assert_string_equal(afcq_number_format(1e15, buf, sizeof buf), "1000000000000000");
	assert_non_null(strchr(afcq_number_format(1e300, buf, sizeof buf), 'e'));

	/* Every printed value reads back as the same double. */
	const double v[] = {0.0172, 0.01 * 1.72, 0.0625 * 1.72, 1.0 / 3, 2.0 / 3, 7.2636922775,
			    100.188859, 1e-5 / 3, 123456789.123456789, -1.0 / 7, 5e-324, 1.7976931348623157e308};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		afcq_number_format(v[i], buf, sizeof buf);
		assert_true(strtod(buf, NULL) == v[i]);
	}
}

/* ---- compensated sums ------------------------------------------------- */

static void test_sum_compensated(void **state)
{
	(void)state;
	struct afcq_sum s = {0, 0};
	double naive = 0;
	for (int i = 0; i < 10; i++) {
		afcq_sum_add(&s, 0.1);
		naive += 0.1;
	}
	assert_true(naive != 1.0); /* the plain sum drifts ... */
	assert_true(afcq_sum_value(&s) == 1.0); /* ... the compensated one does not */

	struct afcq_sum big = {0, 0};
	afcq_sum_add(&big, 1.0);
	afcq_sum_add(&big, 1e100);
	afcq_sum_add(&big, 1.0);
	afcq_sum_add(&big, -1e100);
	assert_true(afcq_sum_value(&big) == 2.0);
}

/* ---- the Dallas invoice ------------------------------------------------- */

struct dallas {
	struct afcq_item items[3];
	struct afcq_invoice inv;
	struct afcq_request req;
	struct afcq_tax tx_a[3], tx_b[6];
	struct afcq_item_result res[3];
	struct afcq_error_entry err_entry;
	struct afcq_invoice_result inv_res;
	struct afcq_response resp;
};

static struct afcq_tax pct_tax(double rate, double tm)
{
	struct afcq_tax t;
	memset(&t, 0, sizeof t);
	t.bill = true;
	t.calc = 1;
	t.rate = rate;
	t.tm = tm;
	t.tax = rate * tm;
	return t;
}

static struct afcq_tax line_tax(double rate)
{
	struct afcq_tax t;
	memset(&t, 0, sizeof t);
	t.bill = true;
	t.calc = 4;
	t.rate = rate;
	t.lns = 1;
	t.tax = rate;
	return t;
}

static void dallas_build(struct dallas *d)
{
	memset(d, 0, sizeof *d);
	d->items[0].chg = (struct afcq_odbl){true, 15};
	d->items[1].chg = (struct afcq_odbl){true, 0};
	d->items[1].line = (struct afcq_oint){true, 1};
	d->items[2].chg = (struct afcq_odbl){true, 1};
	d->inv.itms = d->items;
	d->inv.n_itms = 3;
	d->req.inv = &d->inv;
	d->req.n_inv = 1;

	d->tx_a[0] = pct_tax(0.01, 15);   /* transit */
	d->tx_a[1] = pct_tax(0.01, 15);   /* city sales */
	d->tx_a[2] = pct_tax(0.0625, 15); /* state sales */
	d->tx_b[0] = line_tax(0.06);      /* E911 equalization */
	d->tx_b[1] = line_tax(1.72);      /* municipal right of way */
	d->tx_b[2] = line_tax(0.62);      /* E-911 */
	d->tx_b[3] = pct_tax(0.01, 1.72);
	d->tx_b[4] = pct_tax(0.01, 1.72);
	d->tx_b[5] = pct_tax(0.0625, 1.72);
	d->res[0].txs = d->tx_a;
	d->res[0].n_txs = 3;
	d->res[1].txs = d->tx_b;
	d->res[1].n_txs = 6;
	d->res[2].has_txs = true; /* "txs": [] */
	d->inv_res.itms = d->res;
	d->inv_res.n_itms = 3;
	d->resp.inv = &d->inv_res;
	d->resp.n_inv = 1;
	d->err_entry.code = -1000;
}

static void test_dallas_totals(void **state)
{
	(void)state;
	struct dallas d;
	dallas_build(&d);
	/* The amounts as AFC reports them. */
	assert_true(d.tx_a[2].tax == 0.9375);
	assert_true(fabs(d.tx_b[5].tax - 0.1075) < 1e-15);

	struct afcq_totals t;
	afcq_money_totals(&d.req, &d.resp, 0, &t);
	char buf[32];
	assert_true(fabs(t.billable - 3.7794) < 1e-12);
	assert_string_equal(afcq_money_format(t.billable, buf, sizeof buf), "3.78");
	assert_true(t.charges == 16);
	assert_true(fabs(t.total_due - 19.7794) < 1e-12);
	assert_string_equal(afcq_money_format(t.total_due, buf, sizeof buf), "19.78");
	assert_true(t.nonbillable == 0);
	assert_int_equal(t.n_taxes, 9);
	assert_int_equal(t.n_errors, 0);

	/* All invoices at once gives the same for a one-invoice request. */
	struct afcq_totals all;
	afcq_money_totals(&d.req, &d.resp, (size_t)-1, &all);
	assert_true(all.total_due == t.total_due);
	assert_int_equal(all.n_taxes, 9);

	/* An index past the end counts nothing. */
	afcq_money_totals(&d.req, &d.resp, 5, &t);
	assert_true(t.charges == 0 && t.total_due == 0);
	assert_int_equal(t.n_taxes, 0);
}

static void test_nonbillable_apart(void **state)
{
	(void)state;
	struct dallas d;
	dallas_build(&d);
	d.tx_b[0].bill = false; /* seller-paid: not part of what the customer pays */
	struct afcq_totals t;
	afcq_money_totals(&d.req, &d.resp, 0, &t);
	assert_true(fabs(t.billable - 3.7194) < 1e-12);
	assert_true(fabs(t.nonbillable - 0.06) < 1e-15);
	assert_true(fabs(t.total_due - 19.7194) < 1e-12);
	assert_int_equal(t.n_taxes, 9);

	/* A "NO TAX" placeholder row is neither counted nor summed. */
	d.tx_b[0].notax = (struct afcq_obool){true, true};
	afcq_money_totals(&d.req, &d.resp, 0, &t);
	assert_int_equal(t.n_taxes, 8);
	assert_true(t.nonbillable == 0);
}

static void test_invoice_with_errors_contributes_no_taxes(void **state)
{
	(void)state;
	struct dallas d;
	dallas_build(&d);
	struct afcq_totals t;

	d.inv_res.err.v = &d.err_entry;
	d.inv_res.err.n = 1;
	afcq_money_totals(&d.req, &d.resp, 0, &t);
	assert_true(t.billable == 0 && t.nonbillable == 0);
	assert_int_equal(t.n_taxes, 0);
	assert_int_equal(t.n_errors, 1);
	assert_true(t.charges == 16);

	/* An item error fails the invoice too. */
	d.inv_res.err.n = 0;
	d.res[2].err.v = &d.err_entry;
	d.res[2].err.n = 1;
	afcq_money_totals(&d.req, &d.resp, 0, &t);
	assert_true(t.billable == 0);
	assert_int_equal(t.n_errors, 1);

	/* So does a request-level error. */
	d.res[2].err.n = 0;
	d.resp.err.v = &d.err_entry;
	d.resp.err.n = 1;
	afcq_money_totals(&d.req, &d.resp, (size_t)-1, &t);
	assert_true(t.billable == 0);
	assert_int_equal(t.n_taxes, 0);
	assert_int_equal(t.n_errors, 1);
}

static void test_two_invoices_and_missing_answer(void **state)
{
	(void)state;
	struct dallas d;
	dallas_build(&d);
	struct afcq_invoice invs[2];
	invs[0] = d.inv;
	invs[1] = d.inv;
	d.req.inv = invs;
	d.req.n_inv = 2;
	struct afcq_invoice_result results[2] = {d.inv_res, d.inv_res};
	d.resp.inv = results;
	d.resp.n_inv = 2;

	struct afcq_totals t;
	afcq_money_totals(&d.req, &d.resp, 1, &t);
	assert_true(fabs(t.total_due - 19.7794) < 1e-12);
	afcq_money_totals(&d.req, &d.resp, (size_t)-1, &t);
	assert_true(fabs(t.total_due - 2 * 19.7794) < 1e-12);
	assert_int_equal(t.n_taxes, 18);

	/* The answer holds only the first invoice: the second counts no taxes. */
	d.resp.n_inv = 1;
	afcq_money_totals(&d.req, &d.resp, 1, &t);
	assert_true(t.charges == 16);
	assert_true(t.billable == 0);
	assert_int_equal(t.n_taxes, 0);

	/* No answer at all: charges only. */
	afcq_money_totals(&d.req, NULL, (size_t)-1, &t);
	assert_true(t.charges == 32 && t.total_due == 32);
}

static void test_item_charge_qty_adj_incl(void **state)
{
	(void)state;
	struct afcq_item it;
	memset(&it, 0, sizeof it);
	assert_true(afcq_money_item_charge(&it, NULL) == 0);
	it.chg = (struct afcq_odbl){true, 100};
	assert_true(afcq_money_item_charge(&it, NULL) == 100);
	it.qty = (struct afcq_oint){true, 1000};
	assert_true(afcq_money_item_charge(&it, NULL) == 100000);
	it.chg.v = -25;
	it.qty.v = 100;
	assert_true(afcq_money_item_charge(&it, NULL) == -2500);

	it.chg.v = 15;
	it.qty.set = false;
	it.adj = (struct afcq_obool){true, true};
	assert_true(afcq_money_item_charge(&it, NULL) == -15);
	it.qty = (struct afcq_oint){true, 2};
	assert_true(afcq_money_item_charge(&it, NULL) == -30);

	/* Tax-inclusive: the solved base replaces the charge. */
	struct afcq_item inc;
	memset(&inc, 0, sizeof inc);
	inc.chg = (struct afcq_odbl){true, 16.2375};
	inc.incl = (struct afcq_obool){true, true};
	struct afcq_item_result res;
	memset(&res, 0, sizeof res);
	assert_true(afcq_money_item_charge(&inc, &res) == 16.2375); /* no base reported */
	res.base = (struct afcq_odbl){true, 15};
	assert_true(afcq_money_item_charge(&inc, &res) == 15);
	inc.incl.v = false; /* base only counts for tax-inclusive items */
	assert_true(afcq_money_item_charge(&inc, &res) == 16.2375);
}

static void test_dallas_adjustment_and_inclusive(void **state)
{
	(void)state;
	char buf[32];
	struct dallas d;
	dallas_build(&d);
	/* Item 1 sent as an adjustment: its charge and taxes are credits. */
	d.items[0].adj = (struct afcq_obool){true, true};
	for (int i = 0; i < 3; i++)
		d.tx_a[i].tax = -d.tx_a[i].tax;
	d.inv.n_itms = 1;
	d.inv_res.n_itms = 1;
	struct afcq_totals t;
	afcq_money_totals(&d.req, &d.resp, 0, &t);
	assert_true(t.charges == -15);
	assert_true(t.billable == -1.2375);
	assert_string_equal(afcq_money_format(t.total_due, buf, sizeof buf), "-16.24");

	/* Item 1 sent tax-inclusive at 16.2375: base 15, same taxes. */
	dallas_build(&d);
	d.items[0].chg.v = 16.2375;
	d.items[0].incl = (struct afcq_obool){true, true};
	d.res[0].base = (struct afcq_odbl){true, 15};
	d.inv.n_itms = 1;
	d.inv_res.n_itms = 1;
	afcq_money_totals(&d.req, &d.resp, 0, &t);
	assert_true(t.charges == 15);
	assert_true(t.total_due == 16.2375);
	assert_string_equal(afcq_money_format(t.total_due, buf, sizeof buf), "16.24");
}

/* afcq_money_totals_charged: the totals from the items' charges alone are
 * the request's, to the bit (quantities, adjustments, tax-inclusive items
 * with and without a base in the answer, a second invoice, an answer short
 * of an invoice, one invoice at a time). */
static void test_totals_from_charges(void **state)
{
	(void)state;
	struct dallas d;
	dallas_build(&d);
	d.items[0].chg.v = 16.2375;
	d.items[0].incl = (struct afcq_obool){true, true};
	d.res[0].base = (struct afcq_odbl){true, 15};
	d.items[1].chg.v = 0.1;
	d.items[1].qty = (struct afcq_oint){true, 7};
	d.items[2].chg.v = 3.3;
	d.items[2].adj = (struct afcq_obool){true, true};
	struct afcq_invoice invs[2] = {d.inv, d.inv};
	d.req.inv = invs;
	d.req.n_inv = 2;
	struct afcq_invoice_result results[2] = {d.inv_res, d.inv_res};
	results[1].itms = NULL; /* no base for the second invoice's items */
	results[1].n_itms = 0;
	d.resp.inv = results;
	d.resp.n_inv = 2;

	struct afcq_charges c;
	afcq_charges_of(&c, &d.req);
	assert_int_equal(c.n_inv, 2);
	assert_int_equal(c.inv[1].n, 3);
	for (size_t n_resp = 0; n_resp <= 2; n_resp++) {
		d.resp.n_inv = n_resp;
		for (size_t i = 0; i <= 3; i++) {
			size_t which = i == 3 ? (size_t)-1 : i;
			struct afcq_totals a, b;
			afcq_money_totals(&d.req, &d.resp, which, &a);
			afcq_money_totals_charged(&c, &d.resp, which, &b);
			assert_memory_equal(&a, &b, sizeof a);
		}
	}
	d.resp.n_inv = 2;
	struct afcq_totals t;
	afcq_money_totals_charged(&c, &d.resp, 0, &t);
	assert_true(fabs(t.charges - 12.4) < 1e-12);
	afcq_charges_done(&c);
	assert_null(c.inv);
	assert_int_equal(c.n_inv, 0);
}

/* ---- explanations ------------------------------------------------------ */

/* A base made of several taxes: with the charge or without, to the cent,
 * on a share (tm + exm), the tax itself among them; found only within the
 * bounds (at most AFCQ_BASE_PARTS_MAX taxes), the smallest set first. */
static void test_base_parts(void **state)
{
	(void)state;
	struct afcq_tax txs[40];
	struct afcq_base_parts p;
	memset(txs, 0, sizeof txs);
	for (size_t i = 0; i < 40; i++)
		txs[i].calc = 2, txs[i].tax = 100 + (double)i * 7; /* sums no base below hits */
	txs[3].calc = 1, txs[3].tax = 0.3;
	txs[5].calc = 4, txs[5].tax = 1.25;
	txs[9].calc = 1, txs[9].tax = 0.047;
	/* the charge plus two taxes */
	txs[0].calc = 1, txs[0].rate = 0.1, txs[0].tm = 10 + 0.3 + 1.25, txs[0].tax = 1.155;
	assert_int_equal(afcq_money_base_parts(txs, 40, &txs[0], 10, &p), 2);
	assert_int_equal(p.idx[0], 3);
	assert_int_equal(p.idx[1], 5);
	assert_true(p.with_charge);
	assert_false(p.with_exempt);
	/* three taxes without the charge, to the cent (the base was rounded) */
	txs[0].tm = 0.3 + 1.25 + 0.047 + 0.004;
	assert_int_equal(afcq_money_base_parts(txs, 40, &txs[0], 0, &p), 3);
	assert_int_equal(p.idx[2], 9);
	/* a share: tm + exm is the charge plus the taxes */
	txs[0].tm = (10 + 1.25) * 0.6, txs[0].exm = (10 + 1.25) * 0.4;
	assert_int_equal(afcq_money_base_parts(txs, 40, &txs[0], 10, &p), 1);
	assert_int_equal(p.idx[0], 5);
	assert_true(p.with_exempt);
	/* an adjustment: negative charge and taxes, unsigned base */
	txs[0].exm = 0;
	txs[3].tax = -0.3, txs[5].tax = -1.25;
	txs[0].tm = 10 + 0.3 + 1.25;
	assert_int_equal(afcq_money_base_parts(txs, 40, &txs[0], -10, &p), 2);
	assert_true(p.with_charge);
	txs[3].tax = 0.3, txs[5].tax = 1.25;
	/* a tax in its own base (the New York excise taxes) */
	txs[0].tax = 1.2;
	txs[0].tm = 10 + 1.2 + 0.3;
	assert_int_equal(afcq_money_base_parts(txs, 40, &txs[0], 10, &p), 2);
	assert_int_equal(p.idx[0], 0);
	assert_int_equal(p.idx[1], 3);
	/* five taxes are past the bound: not explained */
	static const double five[] = { 1.01, 2.02, 3.04, 4.08, 5.16 };
	for (size_t i = 0; i < 5; i++)
		txs[20 + i].tax = five[i];
	txs[0].tm = 10 + 15.31;
	assert_int_equal(afcq_money_base_parts(txs, 40, &txs[0], 10, &p), 0);
	/* a tax beyond the first AFCQ_BASE_CANDIDATES with an amount is not looked at */
	txs[39].tax = 7.777;
	txs[0].tm = 10 + 7.777;
	assert_int_equal(afcq_money_base_parts(txs, 40, &txs[0], 10, &p), 0);
}

/* The Dallas line item 19/21: taxes on the Municipal Right of Way fee. */
static void test_base_tax_and_max(void **state)
{
	(void)state;
	struct afcq_tax txs[4];
	memset(txs, 0, sizeof txs);
	txs[0].calc = 4, txs[0].tax = 0.06;                    /* E911 equalization */
	txs[1].calc = 4, txs[1].tax = 1.72, txs[1].rate = 1.72; /* right of way */
	txs[2].calc = 1, txs[2].tm = 1.72, txs[2].rate = 0.0625, txs[2].tax = 0.1075;
	txs[3].calc = 1, txs[3].tm = 15, txs[3].rate = 0.0625, txs[3].tax = 0.9375;
	struct afcq_base_parts p;
	assert_int_equal(afcq_money_base_parts(txs, 4, &txs[2], 0, &p), 1);
	assert_int_equal(p.idx[0], 1);
	assert_false(p.with_charge);
	/* a percentage of the charge itself, and a per-line tax, have no base tax */
	assert_int_equal(afcq_money_base_parts(txs, 4, &txs[3], 15, &p), 0);
	assert_int_equal(afcq_money_base_parts(txs, 4, &txs[1], 0, &p), 0);
	/* a base no set of taxes explains */
	txs[2].tm = 2.5;
	assert_int_equal(afcq_money_base_parts(txs, 4, &txs[2], 0, &p), 0);
	char buf[32];
	assert_string_equal(afcq_money_max_text(2147483647, buf, sizeof buf), "no maximum");
	assert_string_equal(afcq_money_max_text(500, buf, sizeof buf), "500");
}

static void test_explain(void **state)
{
	(void)state;
	char buf[128];
	struct afcq_tax t = pct_tax(0.0625, 16.72);
	t.tax = 1.045;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "6.25% of 16.72 = 1.045");

	t = line_tax(1.72);
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "per line: 1 x 1.72 = 1.72");
	t = line_tax(1);
	t.lns = 24;
	t.tax = 24;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "per line: 24 x 1 = 24");

	memset(&t, 0, sizeof t);
	t.calc = 2;
	t.rate = 1;
	t.tax = 1;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "fixed: 1.00");
	t.rate = 0.079167;
	t.tax = 0.079167;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "fixed: 0.079167");
	t.rate = 1.5;
	t.tax = -1.5;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "fixed: 1.50 = -1.5");

	memset(&t, 0, sizeof t);
	t.calc = 3;
	t.min = 100;
	t.rate = 0.004;
	t.tax = 0.4;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "per minute: 100 x 0.004 = 0.4");

	t = pct_tax(0.195, 64.9);
	t.exm = 35.1;
	t.tax = 12.6555;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf),
			    "19.5% of 64.9 = 12.6555 (exempt 35.1)");

	t = pct_tax(0.00291, 100);
	t.tax = 0.291;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "0.291% of 100 = 0.291");
	t = pct_tax(0.0139, 62.9);
	t.tax = 0.87431;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "1.39% of 62.9 = 0.87431");

	/* self-taxing rates read as percentages; fixed on tier as fixed amounts */
	t = pct_tax(0.05, 20);
	t.calc = 5;
	t.tax = 1;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "self-taxing 5% of 20 = 1");
	memset(&t, 0, sizeof t);
	t.calc = 7;
	t.rate = 2;
	t.tax = 2;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "fixed on tier: 2.00");
	t.tax = 4;
	assert_string_equal(afcq_money_explain(&t, buf, sizeof buf), "fixed on tier: 2.00 = 4");

	/* A small buffer is cut, never overrun. */
	char small[10];
	t = pct_tax(0.0625, 16.72);
	t.tax = 1.045;
	afcq_money_explain(&t, small, sizeof small);
	assert_string_equal(small, "6.25% of ");
}

/* The rate column of both front ends, by calculation type. */
static void test_rate_format(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(afcq_rate_format(1, 0.0625, buf, sizeof buf), "6.25%");
	assert_string_equal(afcq_rate_format(1, 0.01, buf, sizeof buf), "1%");
	assert_string_equal(afcq_rate_format(1, 0.0035, buf, sizeof buf), "0.35%");
	assert_string_equal(afcq_rate_format(5, 0.195, buf, sizeof buf), "19.5%");
	/* six decimals of percent at most; a tiny rate keeps its digits */
	assert_string_equal(afcq_rate_format(1, 0.123456789, buf, sizeof buf), "12.345679%");
	assert_string_equal(afcq_rate_format(1, 3e-9, buf, sizeof buf), "0.0000003%");
	assert_string_equal(afcq_rate_format(2, 1, buf, sizeof buf), "1.00 fixed");
	assert_string_equal(afcq_rate_format(2, 0.079167, buf, sizeof buf), "0.079167 fixed");
	assert_string_equal(afcq_rate_format(3, 0.004, buf, sizeof buf), "0.004/min");
	assert_string_equal(afcq_rate_format(4, 1.72, buf, sizeof buf), "1.72/line");
	assert_string_equal(afcq_rate_format(4, 0.5, buf, sizeof buf), "0.50/line");
	assert_string_equal(afcq_rate_format(8, 2, buf, sizeof buf), "2.00/line");
	assert_string_equal(afcq_rate_format(6, 0.25, buf, sizeof buf), "0.25/bracket");
	assert_string_equal(afcq_rate_format(9, 3, buf, sizeof buf), "3.00/bracket");
	assert_string_equal(afcq_rate_format(7, 1.5, buf, sizeof buf), "1.50/tier");
	assert_string_equal(afcq_rate_format(0, 0.1, buf, sizeof buf), "0.1");
	assert_string_equal(afcq_rate_format(42, 12, buf, sizeof buf), "12");

	/* A small buffer is cut, never overrun. */
	char small[6];
	assert_string_equal(afcq_rate_format(4, 1.72, small, sizeof small), "1.72/");
	assert_string_equal(afcq_rate_format(1, 0.0625, small, sizeof small), "6.25%");
}

/* The slow, general way afcq_number_format writes a number: the least
 * precision of 15-17 digits that reads back, then those digits written out
 * in full (plain for exponents -7..20).  Its fast path must agree. */
static void reference_format(double v, char *buf, size_t n)
{
	int prec = afcq_number_precision(v);
	char e[48];
	snprintf(e, sizeof e, "%.*e", prec - 1, fabs(v));
	char d[32];
	int nd = 0;
	const char *p = e;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			d[nd++] = *p;
	int exp = atoi(p + 1);
	while (nd > 1 && d[nd - 1] == '0')
		nd--;
	bool neg = signbit(v) && !(nd == 1 && d[0] == '0');
	if (nd == 1 && d[0] == '0')
		exp = 0;
	if (exp < -7 || exp > 20) {
		snprintf(buf, n, "%.*g", prec, v);
		return;
	}
	char t[80];
	size_t k = 0;
	if (neg)
		t[k++] = '-';
	if (exp >= 0) {
		for (int i = 0; i <= exp; i++)
			t[k++] = i < nd ? d[i] : '0';
		if (nd > exp + 1) {
			t[k++] = '.';
			for (int i = exp + 1; i < nd; i++)
				t[k++] = d[i];
		}
	} else {
		t[k++] = '0';
		t[k++] = '.';
		for (int i = 0; i < -exp - 1; i++)
			t[k++] = '0';
		for (int i = 0; i < nd; i++)
			t[k++] = d[i];
	}
	t[k] = 0;
	if (k >= n)
		k = n - 1;
	memcpy(buf, t, k);
	buf[k] = 0;
}

static void same_format(double v)
{
	char a[64], b[64];
	afcq_number_format(v, a, sizeof a);
	reference_format(v, b, sizeof b);
	if (strcmp(a, b) != 0)
		fail_msg("%.17g: \"%s\", want \"%s\"", v, a, b);
}

/* The shortest text as %.Pg with the least P of 15-17 that reads back
 * (from 1 for subnormals): afcq_number_shortest's fast paths must agree. */
static void same_shortest(double v)
{
	char want[48], got[48];
	int first = v != 0 && fabs(v) < DBL_MIN ? 1 : 15;
	int prec = first;
	for (; prec < 17; prec++) {
		snprintf(want, sizeof want, "%.*g", prec, v);
		if (strtod(want, NULL) == v)
			break;
	}
	snprintf(want, sizeof want, "%.*g", prec, v);
	afcq_number_shortest(v, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("%.17g: shortest \"%s\", want \"%s\"", v, got, want);
}

static void same_format(double v);

static void same_both(double v)
{
	same_format(v);
	if (isfinite(v))
		same_shortest(v);
}

static void test_number_format_fast_path(void **state)
{
	(void)state;
	const double fixed[] = { 0, -0.0, 1, -1, 15, 0.0625, 0.15, 0.9375, 2147483647, 1e-7,
				 9.99e-8, 1.5e-7, 123456789012345, 999999999999999, 1e15,
				 1234567.123456789, 0.1 + 0.2, 35.099999999999994, 1e-9, 5e-324,
				 4503599627370497.0, 0.000123456789 };
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
		same_both(fixed[i]);
		same_both(-fixed[i]);
	}
	/* Amounts and rates as answers carry them, and their products. */
	for (int i = -20000; i <= 20000; i += 7) {
		same_both(i / 100.0);
		same_both(i / 10000.0);
		same_both(i * 0.0625);
		same_both(i * 0.01 * 15.5);
		same_both(i / 3.0);
	}
	unsigned long long x = 88172645463325252ULL;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double v;
		memcpy(&v, &x, sizeof v);
		if (isfinite(v))
			same_both(v);
		same_both((double)(x % 100000000ULL) / 1e6);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cents_half_away_from_zero_on_decimal),
		cmocka_unit_test(test_money_format),
		cmocka_unit_test(test_totals_never_wrap),
		cmocka_unit_test(test_number_format_shortest_round_trip),
		cmocka_unit_test(test_sum_compensated),
		cmocka_unit_test(test_dallas_totals),
		cmocka_unit_test(test_nonbillable_apart),
		cmocka_unit_test(test_invoice_with_errors_contributes_no_taxes),
		cmocka_unit_test(test_two_invoices_and_missing_answer),
		cmocka_unit_test(test_item_charge_qty_adj_incl),
		cmocka_unit_test(test_dallas_adjustment_and_inclusive),
		cmocka_unit_test(test_totals_from_charges),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_base_tax_and_max),
		cmocka_unit_test(test_base_parts),
		cmocka_unit_test(test_rate_format),
		cmocka_unit_test(test_number_format_fast_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
