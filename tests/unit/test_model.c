/* test_model.c - lifecycle, deep copies, item editing and enumeration names
 * of the data model. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/model.h"
#include "afcq/str.h"

/* A request with something in every owned pointer. */
static void fill_request(struct afcq_request *r)
{
	afcq_request_init(r);
	r->cmpn.present = true;
	r->cmpn.idnt = afcq_xstrdup("ACME");
	r->cmpn.n_excl = 1;
	r->cmpn.excl = afcq_xcalloc(1, sizeof(*r->cmpn.excl));
	r->cmpn.excl[0].st = afcq_xstrdup("NV");
	assert_int_equal(afcq_request_add_invoice(r), 0);
	struct afcq_invoice *inv = &r->inv[0];
	inv->doc = afcq_xstrdup("doc-1");
	inv->bill.present = true;
	inv->bill.city = afcq_xstrdup("Austin");
	inv->date = afcq_xstrdup("2024-05-01");
	inv->n_exms = 1;
	inv->exms = afcq_xcalloc(1, sizeof(*inv->exms));
	inv->exms[0].loc.st = afcq_xstrdup("TX");
	inv->n_opt = 1;
	inv->opt = afcq_xcalloc(1, sizeof(*inv->opt));
	inv->opt[0].key = afcq_xstrdup("1");
	inv->opt[0].val = afcq_xstrdup("v");
	inv->acct = afcq_xstrdup("A");
	inv->ccycd = afcq_xstrdup("USD");
	for (int i = 0; i < 3; i++) {
		assert_int_equal(afcq_invoice_insert_item(inv, inv->n_itms), i);
		struct afcq_item *it = &inv->itms[i];
		it->ref = afcq_xasprintf("item %d", i);
		it->chg.set = true;
		it->chg.v = 10.0 * (i + 1);
		it->to.zip = afcq_xstrdup("10001");
		it->n_opt = 1;
		it->opt = afcq_xcalloc(1, sizeof(*it->opt));
		it->opt[0].key = afcq_xstrdup("6");
		it->brdg.n_prts = 1;
		it->brdg.prts = afcq_xcalloc(1, sizeof(*it->brdg.prts));
		it->brdg.prts[0].ref = afcq_xstrdup("p");
		it->brdg.prts[0].loc.ctry = afcq_xstrdup("USA");
	}
	r->n_ovr = 1;
	r->ovr = afcq_xcalloc(1, sizeof(*r->ovr));
	r->ovr[0].loc.st = afcq_xstrdup("TX");
	r->ovr[0].n_brkt = 2;
	r->ovr[0].brkt = afcq_xcalloc(2, sizeof(*r->ovr[0].brkt));
	r->ovr[0].brkt[1].rate = 0.05;
	r->n_sovr = 1;
	r->sovr = afcq_xcalloc(1, sizeof(*r->sovr));
	r->sovr[0].new_share.set = true;
	r->sovr[0].new_share.v = 0.371;
}

static void test_done_is_idempotent(void **state)
{
	(void)state;
	struct afcq_request r;
	fill_request(&r);
	afcq_request_done(&r);
	assert_null(r.inv);
	assert_int_equal(r.n_inv, 0);
	assert_null(r.cmpn.idnt);
	afcq_request_done(&r); /* twice is fine */

	struct afcq_response resp;
	afcq_response_init(&resp);
	afcq_response_done(&resp);
	afcq_response_done(&resp);
	struct afcq_location l = { 0 };
	afcq_location_done(&l);
	afcq_location_done(NULL);
	afcq_request_done(NULL);
}

static void test_request_copy_is_deep(void **state)
{
	(void)state;
	struct afcq_request a, b;
	fill_request(&a);
	memset(&b, 0, sizeof b);
	assert_int_equal(afcq_request_copy(&b, &a), 0);

	/* Same content... */
	char *da = afcq_codec_request_dump(&a, AFCQ_JSON_COMPACT);
	char *db = afcq_codec_request_dump(&b, AFCQ_JSON_COMPACT);
	assert_string_equal(da, db);
	free(da);
	free(db);
	/* ...in separate memory. */
	assert_ptr_not_equal(a.inv, b.inv);
	assert_ptr_not_equal(a.inv[0].itms, b.inv[0].itms);
	assert_ptr_not_equal(a.inv[0].itms[1].ref, b.inv[0].itms[1].ref);
	assert_ptr_not_equal(a.inv[0].itms[1].brdg.prts, b.inv[0].itms[1].brdg.prts);
	assert_ptr_not_equal(a.ovr[0].brkt, b.ovr[0].brkt);
	assert_ptr_not_equal(a.cmpn.excl, b.cmpn.excl);

	/* Changing the copy leaves the original alone. */
	b.inv[0].itms[1].ref[0] = 'X';
	b.ovr[0].brkt[1].rate = 9;
	b.cmpn.excl[0].st[0] = 'Z';
	assert_string_equal(a.inv[0].itms[1].ref, "item 1");
	assert_true(a.ovr[0].brkt[1].rate == 0.05);
	assert_string_equal(a.cmpn.excl[0].st, "NV");

	/* Freeing one leaves the other usable (ASan checks the rest). */
	afcq_request_done(&a);
	assert_string_equal(b.inv[0].itms[2].to.zip, "10001");
	assert_string_equal(b.inv[0].exms[0].loc.st, "TX");
	assert_true(b.sovr[0].new_share.v == 0.371);
	afcq_request_done(&b);
}

static void test_item_and_location_copy(void **state)
{
	(void)state;
	struct afcq_request r;
	fill_request(&r);
	struct afcq_item it;
	memset(&it, 0, sizeof it);
	assert_int_equal(afcq_item_copy(&it, &r.inv[0].itms[0]), 0);
	assert_string_equal(it.ref, "item 0");
	assert_ptr_not_equal(it.ref, r.inv[0].itms[0].ref);
	assert_string_equal(it.opt[0].key, "6");
	assert_ptr_not_equal(it.opt, r.inv[0].itms[0].opt);
	afcq_item_done(&it);
	assert_null(it.ref);

	struct afcq_location l;
	memset(&l, 0, sizeof l);
	assert_int_equal(afcq_location_copy(&l, &r.inv[0].bill), 0);
	assert_true(l.present);
	assert_string_equal(l.city, "Austin");
	assert_ptr_not_equal(l.city, r.inv[0].bill.city);
	afcq_location_done(&l);
	afcq_request_done(&r);
}

static void assert_refs(const struct afcq_invoice *inv, const char *const *want, size_t n)
{
	assert_int_equal(inv->n_itms, n);
	for (size_t i = 0; i < n; i++) {
		if (want[i])
			assert_string_equal(inv->itms[i].ref, want[i]);
		else
			assert_null(inv->itms[i].ref);
	}
}

static void test_item_editing(void **state)
{
	(void)state;
	struct afcq_request r;
	fill_request(&r);
	struct afcq_invoice *inv = &r.inv[0];

	/* Insert in the middle: a zeroed item. */
	assert_int_equal(afcq_invoice_insert_item(inv, 1), 1);
	const char *const a[] = { "item 0", NULL, "item 1", "item 2" };
	assert_refs(inv, a, 4);
	assert_false(inv->itms[1].chg.set);
	assert_true(inv->itms[2].chg.v == 20.0);

	/* Out of range. */
	assert_int_equal(afcq_invoice_insert_item(inv, 5), -1);
	assert_int_equal(afcq_invoice_delete_item(inv, 4), -1);
	assert_int_equal(afcq_invoice_move_item(inv, 0, 4), -1);
	assert_int_equal(afcq_invoice_move_item(inv, 4, 0), -1);
	assert_refs(inv, a, 4);

	/* Move swaps. */
	assert_int_equal(afcq_invoice_move_item(inv, 0, 3), 0);
	const char *const b[] = { "item 2", NULL, "item 1", "item 0" };
	assert_refs(inv, b, 4);

	/* Delete shifts down and frees. */
	assert_int_equal(afcq_invoice_delete_item(inv, 1), 0);
	const char *const c[] = { "item 2", "item 1", "item 0" };
	assert_refs(inv, c, 3);
	assert_int_equal(afcq_invoice_delete_item(inv, 2), 0);
	assert_int_equal(afcq_invoice_delete_item(inv, 0), 0);
	const char *const d[] = { "item 1" };
	assert_refs(inv, d, 1);
	assert_int_equal(afcq_invoice_delete_item(inv, 0), 0);
	assert_int_equal(inv->n_itms, 0);
	assert_int_equal(afcq_invoice_delete_item(inv, 0), -1);

	/* Insert into an empty list appends at 0. */
	assert_int_equal(afcq_invoice_insert_item(inv, 0), 0);
	assert_int_equal(inv->n_itms, 1);
	assert_int_equal(afcq_request_add_invoice(&r), 1);
	assert_int_equal(r.n_inv, 2);
	assert_null(r.inv[1].doc);
	assert_string_equal(r.inv[0].doc, "doc-1");
	afcq_request_done(&r);
}

static void test_response_done_frees_everything(void **state)
{
	(void)state;
	struct afcq_response r;
	afcq_response_init(&r);
	r.n_inv = 1;
	r.inv = afcq_xcalloc(1, sizeof(*r.inv));
	struct afcq_invoice_result *inv = &r.inv[0];
	inv->doc = afcq_xstrdup("d");
	inv->n_itms = 1;
	inv->itms = afcq_xcalloc(1, sizeof(*inv->itms));
	inv->itms[0].ref = afcq_xstrdup("r");
	inv->itms[0].n_txs = 1;
	inv->itms[0].txs = afcq_xcalloc(1, sizeof(*inv->itms[0].txs));
	inv->itms[0].txs[0].name = afcq_xstrdup("n");
	inv->itms[0].err.n = 1;
	inv->itms[0].err.v = afcq_xcalloc(1, sizeof(*inv->itms[0].err.v));
	inv->itms[0].err.v[0].msg = afcq_xstrdup("m");
	inv->n_summ = 1;
	inv->summ = afcq_xcalloc(1, sizeof(*inv->summ));
	inv->summ[0].cat = afcq_xstrdup("c");
	inv->incrf.ccydesc = afcq_xstrdup("Canadian Dollar");
	r.err.n = 1;
	r.err.v = afcq_xcalloc(1, sizeof(*r.err.v));
	r.err.v[0].msg = afcq_xstrdup("x");
	afcq_response_done(&r); /* LeakSanitizer fails the run if anything stays */
	assert_null(r.inv);
	assert_int_equal(r.err.n, 0);

	struct afcq_pcode_result p = { 0 };
	p.n = 1;
	p.v = afcq_xcalloc(1, sizeof(*p.v));
	p.v[0].locality = afcq_xstrdup("EVELETH");
	p.input_match_type = afcq_xstrdup("Best");
	afcq_pcode_result_done(&p);
	assert_null(p.v);
	assert_null(p.input_match_type);
}

static void test_enum_names(void **state)
{
	(void)state;
	assert_string_equal(afcq_cust_name(0), "Residential");
	assert_string_equal(afcq_cust_name(3), "Industrial");
	assert_string_equal(afcq_cust_name(4), "?");
	assert_string_equal(afcq_cust_name(-1), "?");
	assert_string_equal(afcq_sale_name(0), "Wholesale");
	assert_string_equal(afcq_sale_name(1), "Retail");
	assert_string_equal(afcq_sale_name(3), "Vendor Use");
	assert_string_equal(afcq_sale_name(99), "?");
	assert_string_equal(afcq_calc_name(0), "?");
	assert_string_equal(afcq_calc_name(1), "Rate");
	assert_string_equal(afcq_calc_name(4), "Per line");
	assert_string_equal(afcq_calc_name(7), "Fixed on tier");
	assert_string_equal(afcq_level_name(0), "Federal");
	assert_string_equal(afcq_level_name(4), "Unincorporated");
	assert_string_equal(afcq_level_name(5), "?");
	assert_string_equal(afcq_category_name(5), "Connectivity Charges");
	assert_string_equal(afcq_category_name(13), "Value Added Taxes");
	assert_string_equal(afcq_category_name(14), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_done_is_idempotent),
		cmocka_unit_test(test_request_copy_is_deep),
		cmocka_unit_test(test_item_and_location_copy),
		cmocka_unit_test(test_item_editing),
		cmocka_unit_test(test_response_done_frees_everything),
		cmocka_unit_test(test_enum_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
