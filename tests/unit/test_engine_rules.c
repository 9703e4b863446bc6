/* test_engine_rules.c - the engine rules no documented example shows
 * (data/sandbox/README.md, "Ambiguities and the rules we picked"), the
 * error answers, and the rate book loader's complaints. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/codec.h"
#include "afcq/str.h"
#include "engine.h"
#include "expect.h"

static int setup(void **state)
{
	struct afcq_error err;
	char *dir = expect_rows_ratebook_dir();
	afcq_error_clear(&err);
	*state = ratebook_load(dir, &err);
	if (!*state)
		fprintf(stderr, "rate book: %s: %s\n", err.where, err.msg);
	free(dir);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	ratebook_free(*state);
	return 0;
}

/* Parses json (our own request text) and computes it. */
static void calc(void **state, const char *json, struct afcq_response *out)
{
	struct afcq_request req;
	struct afcq_error err;
	afcq_request_init(&req);
	afcq_error_clear(&err);
	if (afcq_codec_parse_request(json, strlen(json), &req, &err) != AFCQ_OK)
		fail_msg("request does not parse: %s: %s", err.where, err.msg);
	afcq_response_init(out);
	assert_int_equal(engine_calc(*state, &req, out, &err), AFCQ_OK);
	afcq_request_done(&req);
}

static const struct afcq_tax *tax_of(const struct afcq_item_result *ir, int tid, int lvl)
{
	for (size_t i = 0; i < ir->n_txs; i++)
		if (ir->txs[i].tid == tid && ir->txs[i].lvl == lvl)
			return &ir->txs[i];
	return NULL;
}

static bool has_err(const struct afcq_errors *e, int code, const char *part)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].code == code && strstr(e->v[i].msg, part))
			return true;
	return false;
}

static void assert_near(double have, double want)
{
	if (fabs(have - want) > 1e-9 * fmax(1, fabs(want)))
		fail_msg("have %.17g, want %.17g", have, want);
}

/* Dallas, a regulated seller (no federal VoIP charges), 2022. */
#define DALLAS_INV(items, extra) \
	"{\"cmpn\":{\"reg\":true},\"inv\":[{\"bill\":{\"pcd\":3726100},\"date\":\"2022-03-02\",\"summ\":true" extra \
	",\"itms\":[" items "]}]}"

static void test_unknown_pair_fails_item_and_invoice(void **state)
{
	struct afcq_response r;
	calc(state, DALLAS_INV("{\"ref\":\"bad\",\"tran\":999,\"serv\":1,\"chg\":5},"
			       "{\"ref\":\"good\",\"tran\":19,\"serv\":6,\"chg\":15}", ""), &r);
	assert_int_equal(r.n_inv, 1);
	const struct afcq_invoice_result *inv = &r.inv[0];
	assert_true(has_err(&inv->itms[0].err, -1000, "Invalid transaction/service pair: 999/1"));
	assert_false(inv->itms[0].has_txs);
	assert_int_equal(inv->itms[0].n_txs, 0);
	assert_string_equal(inv->itms[0].ref, "bad");
	/* The other item is still answered. */
	assert_int_equal(inv->itms[1].err.n, 0);
	assert_non_null(tax_of(&inv->itms[1], 33, 3));
	assert_true(has_err(&inv->err, -1000, "One or more LineItems failed."));
	assert_int_equal(inv->err.n, 1);
	assert_false(inv->has_summ);
	assert_int_equal(inv->n_summ, 0);
	afcq_response_done(&r);
}

static void test_catalog_pair_without_rules_is_known(void **state)
{
	struct afcq_response r;
	/* Interstate toll is in the lookup catalog; no Dallas rule names it. */
	calc(state, DALLAS_INV("{\"tran\":1,\"serv\":1,\"chg\":5}", ""), &r);
	assert_int_equal(r.inv[0].itms[0].err.n, 0);
	assert_int_equal(r.inv[0].err.n, 0);
	assert_int_equal(r.inv[0].itms[0].n_txs, 0);
	afcq_response_done(&r);
}

static void test_address_resolution(void **state)
{
	struct afcq_response r;
	/* ZIP with suffix, postal code with a space, names only, unknown city
	 * in a known state (taxed as the state), NPA-NXX, FIPS. */
	calc(state, "{\"cfg\":{\"retext\":true},\"inv\":[{\"date\":\"2018-05-01\",\"itms\":["
		    "{\"tran\":19,\"serv\":37,\"chg\":1,\"bill\":{\"zip\":\"94102-1234\"}},"
		    "{\"tran\":19,\"serv\":37,\"chg\":1,\"bill\":{\"ctry\":\"CAN\",\"zip\":\"H1A 0A1\"}},"
		    "{\"tran\":19,\"serv\":37,\"chg\":1,\"bill\":{\"st\":\"CA\",\"city\":\"SANTA CLARA\"}},"
		    "{\"tran\":19,\"serv\":37,\"chg\":1,\"bill\":{\"st\":\"CA\",\"city\":\"Nowhere\"}},"
		    "{\"tran\":19,\"serv\":37,\"chg\":1,\"bill\":{\"npa\":4155541234}},"
		    "{\"tran\":19,\"serv\":37,\"chg\":1,\"bill\":{\"fips\":\"0607567000\"}}]}]}",
	     &r);
	const struct afcq_invoice_result *inv = &r.inv[0];
	assert_int_equal(inv->err.n, 0);
	assert_int_equal(tax_of(&inv->itms[0], 4, 2)->pcd, 377200);
	assert_int_equal(tax_of(&inv->itms[1], 69, 1)->taxpcd.v, 4945800);
	assert_int_equal(tax_of(&inv->itms[2], 4, 2)->pcd, 390800);
	assert_null(tax_of(&inv->itms[3], 4, 2));
	assert_int_equal(tax_of(&inv->itms[3], 1, 1)->taxpcd.v, 253500);
	assert_int_equal(tax_of(&inv->itms[4], 4, 2)->pcd, 377200);
	assert_int_equal(tax_of(&inv->itms[5], 1, 1)->taxpcd.v, 377300);
	afcq_response_done(&r);
	calc(state, "{\"inv\":[{\"date\":\"2018-05-01\",\"bill\":{\"npa\":999999},"
		    "\"itms\":[{\"tran\":19,\"serv\":37,\"chg\":1}]}]}", &r);
	assert_true(has_err(&r.inv[0].itms[0].err, -1000, "Unknown location"));
	afcq_response_done(&r);
}

static void test_company_exclusion_drops_state_and_local(void **state)
{
	struct afcq_response r;
	calc(state, "{\"cmpn\":{\"excl\":[{\"ctry\":\"USA\",\"st\":\"CA\",\"excl\":true},"
		    "{\"ctry\":\"USA\",\"st\":\"TX\",\"excl\":false}]},"
		    "\"inv\":[{\"date\":\"2018-05-01\",\"itms\":["
		    "{\"tran\":19,\"serv\":6,\"chg\":100,\"bill\":{\"zip\":\"94102\"}},"
		    "{\"tran\":5,\"serv\":6,\"chg\":100,\"bill\":{\"zip\":\"77003\"}}]}]}",
	     &r);
	const struct afcq_item_result *sf = &r.inv[0].itms[0];
	assert_int_equal(sf->n_txs, 2); /* FUSF and FCC only */
	assert_non_null(tax_of(sf, 162, 0));
	assert_null(tax_of(sf, 454, 1));
	assert_non_null(tax_of(&r.inv[0].itms[1], 1, 1)); /* TX not excluded */
	afcq_response_done(&r);
}

static void test_item_customer_override(void **state)
{
	struct afcq_response r;
	/* Puerto Rico wireless: E911 (Business) is for business customers. */
	calc(state, "{\"inv\":[{\"bill\":{\"pcd\":5116000},\"cust\":0,\"date\":\"2018-02-01\","
		    "\"itms\":[{\"tran\":13,\"serv\":6,\"chg\":100},"
		    "{\"tran\":13,\"serv\":6,\"chg\":100,\"cust\":1}]}]}",
	     &r);
	assert_null(tax_of(&r.inv[0].itms[0], 35, 1));
	assert_non_null(tax_of(&r.inv[0].itms[1], 35, 1));
	assert_near(tax_of(&r.inv[0].itms[1], 35, 1)->tax, 1);
	afcq_response_done(&r);
}

static void test_missing_required_fields(void **state)
{
	struct afcq_response r;
	calc(state, "{\"inv\":[{\"date\":\"2022-03-02\",\"itms\":["
		    "{\"serv\":6,\"chg\":1,\"bill\":{\"pcd\":3726100}},"
		    "{\"tran\":19,\"chg\":1,\"bill\":{\"pcd\":3726100}},"
		    "{\"tran\":19,\"serv\":6,\"chg\":1}]},"
		    "{\"bill\":{\"pcd\":3726100},\"itms\":[{\"tran\":19,\"serv\":6,\"chg\":1}]}]}",
	     &r);
	const struct afcq_invoice_result *a = &r.inv[0], *b = &r.inv[1];
	assert_true(has_err(&a->itms[0].err, -1000, "Missing required field: tran"));
	assert_true(has_err(&a->itms[1].err, -1000, "Missing required field: serv"));
	assert_true(has_err(&a->itms[2].err, -1000, "Missing required field: bill"));
	assert_true(has_err(&a->err, -1000, "One or more LineItems failed."));
	assert_true(has_err(&b->itms[0].err, -1000, "Missing required field: date"));
	afcq_response_done(&r);
}

static void test_unknown_location(void **state)
{
	struct afcq_response r;
	calc(state, "{\"inv\":[{\"date\":\"2022-03-02\",\"bill\":{\"pcd\":12345},\"itms\":["
		    "{\"tran\":19,\"serv\":6,\"chg\":1},"
		    "{\"tran\":19,\"serv\":6,\"chg\":1,\"bill\":{\"ctry\":\"XYZ\",\"city\":\"Nowhere\"}}]}]}",
	     &r);
	assert_true(has_err(&r.inv[0].itms[0].err, -1000, "PCode 12345"));
	assert_true(has_err(&r.inv[0].itms[1].err, -1000, "Unknown location"));
	assert_true(has_err(&r.inv[0].err, -1000, "One or more LineItems failed."));
	afcq_response_done(&r);
}

static void test_request_and_invoice_errors(void **state)
{
	struct afcq_response r;
	calc(state, "{\"inv\":[]}", &r);
	assert_int_equal(r.n_inv, 0);
	assert_true(has_err(&r.err, -2000, "inv"));
	afcq_response_done(&r);

	calc(state, "{\"inv\":[{\"doc\":\"d1\",\"bill\":{\"pcd\":3726100},\"date\":\"2022-03-02\","
		    "\"itms\":[]},{\"doc\":\"d2\",\"bill\":{\"pcd\":3726100},"
		    "\"date\":\"2022-13-45\",\"itms\":[{\"tran\":19,\"serv\":6,\"chg\":1}]}]}",
	     &r);
	assert_int_equal(r.n_inv, 2);
	assert_string_equal(r.inv[0].doc, "d1");
	assert_true(has_err(&r.inv[0].err, -2000, "itms"));
	assert_true(has_err(&r.inv[1].err, -2000, "Invalid date"));
	assert_int_equal(r.inv[1].n_itms, 1);
	assert_false(r.inv[1].itms[0].has_txs);
	afcq_response_done(&r);
}

static void test_line_bracket_caps_per_invoice(void **state)
{
	struct afcq_response r;
	/* NYC E911 (VoIP) is per line with a bracket of 75 lines per invoice. */
	calc(state, "{\"inv\":[{\"bill\":{\"pcd\":2604100},\"date\":\"2022-04-21\",\"summ\":true,"
		    "\"itms\":[{\"tran\":19,\"serv\":582,\"line\":70},{\"tran\":19,\"serv\":582,\"line\":10}]},"
		    "{\"bill\":{\"pcd\":2604100},\"date\":\"2022-04-21\",\"invm\":false,"
		    "\"itms\":[{\"tran\":19,\"serv\":582,\"line\":70},{\"tran\":19,\"serv\":582,\"line\":10}]},"
		    "{\"bill\":{\"pcd\":2604100},\"date\":\"2022-04-21\","
		    "\"itms\":[{\"tran\":19,\"serv\":582,\"line\":80}]}]}",
	     &r);
	const struct afcq_tax *t = tax_of(&r.inv[0].itms[1], 161, 2);
	assert_non_null(t);
	assert_int_equal(t->lns, 5);
	assert_near(t->tax, 5);
	assert_int_equal(r.inv[0].n_summ, 1);
	assert_int_equal(r.inv[0].summ[0].lns, 75);
	assert_near(r.inv[0].summ[0].tax, 75);
	assert_near(r.inv[0].summ[0].max, 75);
	/* Outside invoice mode every item stands alone. */
	assert_int_equal(tax_of(&r.inv[1].itms[1], 161, 2)->lns, 10);
	assert_int_equal(tax_of(&r.inv[2].itms[0], 161, 2)->lns, 75);
	afcq_response_done(&r);
}

static void test_threshold_outside_invoice_mode(void **state)
{
	struct afcq_response r;
	/* Houston internet access: the first $25 is exempt per invoice, or per
	 * item when invm is false. */
	calc(state, "{\"inv\":[{\"bill\":{\"pcd\":3775200},\"date\":\"2018-05-01\",\"invm\":false,"
		    "\"itms\":[{\"tran\":5,\"serv\":6,\"chg\":15},{\"tran\":5,\"serv\":58,\"chg\":15}]}]}",
	     &r);
	for (size_t i = 0; i < 2; i++) {
		const struct afcq_tax *t = tax_of(&r.inv[0].itms[i], 1, 1);
		assert_non_null(t);
		assert_near(t->tm, 0);
		assert_near(t->exm, 15);
		assert_near(t->tax, 0);
	}
	afcq_response_done(&r);
}

static void test_adjustment_negates(void **state)
{
	struct afcq_response r;
	calc(state, DALLAS_INV("{\"tran\":19,\"serv\":6,\"chg\":15,\"adj\":true}", ""), &r);
	const struct afcq_item_result *ir = &r.inv[0].itms[0];
	assert_near(tax_of(ir, 33, 3)->tax, -0.15);
	assert_near(tax_of(ir, 1, 3)->tax, -0.15);
	assert_near(tax_of(ir, 1, 1)->tax, -0.9375);
	assert_near(tax_of(ir, 1, 1)->tm, 15);
	assert_near(r.inv[0].summ[0].tchg, -15);
	afcq_response_done(&r);
}

static void test_negative_charge_is_a_credit(void **state)
{
	struct afcq_response r;
	calc(state, DALLAS_INV("{\"tran\":19,\"serv\":6,\"chg\":-15}", ""), &r);
	assert_near(tax_of(&r.inv[0].itms[0], 1, 1)->tax, -0.9375);
	assert_near(tax_of(&r.inv[0].itms[0], 1, 1)->tm, 15);
	afcq_response_done(&r);
}

static void test_tax_inclusive_solves_base(void **state)
{
	struct afcq_response r;
	calc(state, DALLAS_INV("{\"tran\":19,\"serv\":6,\"chg\":16.2375,\"incl\":true}", ""), &r);
	const struct afcq_item_result *ir = &r.inv[0].itms[0];
	assert_true(ir->base.set);
	assert_near(ir->base.v, 15);
	assert_near(tax_of(ir, 33, 3)->tax, 0.15);
	assert_near(tax_of(ir, 1, 1)->tax, 0.9375);
	afcq_response_done(&r);
}

static void test_quantity_repeats_lines_and_charge(void **state)
{
	struct afcq_response r;
	calc(state, DALLAS_INV("{\"tran\":19,\"serv\":21,\"line\":1,\"qty\":3},"
			       "{\"tran\":19,\"serv\":6,\"chg\":10,\"qty\":3}", ""), &r);
	const struct afcq_tax *row = tax_of(&r.inv[0].itms[0], 51, 3);
	assert_int_equal(row->lns, 3);
	assert_near(row->tax, 5.16);
	/* Sales on the three right-of-way fees: 0.0625 x 5.16. */
	assert_near(tax_of(&r.inv[0].itms[0], 1, 1)->tax, 0.3225);
	assert_near(tax_of(&r.inv[0].itms[1], 1, 1)->tm, 30);
	afcq_response_done(&r);
}

static void test_wholesale_has_no_tax(void **state)
{
	struct afcq_response r;
	calc(state, DALLAS_INV("{\"tran\":19,\"serv\":6,\"chg\":15,\"sale\":0}", ""), &r);
	assert_int_equal(r.inv[0].itms[0].n_txs, 0);
	assert_int_equal(r.inv[0].itms[0].err.n, 0);
	afcq_response_done(&r);
}

static void test_rates_follow_the_date(void **state)
{
	struct afcq_response r;
	calc(state, "{\"cmpn\":{\"reg\":false},\"inv\":[{\"bill\":{\"ctry\":\"USA\",\"st\":\"CA\","
		    "\"city\":\"San Francisco\",\"zip\":\"94102\"},\"date\":\"2017-05-01\",\"itms\":["
		    "{\"tran\":19,\"serv\":6,\"chg\":100},"
		    "{\"tran\":19,\"serv\":6,\"chg\":100,\"date\":\"2018-05-01\"},"
		    "{\"tran\":19,\"serv\":6,\"chg\":100,\"date\":\"2018-10-15T12:00:00Z\"},"
		    "{\"tran\":19,\"serv\":6,\"chg\":100,\"date\":\"2019-06-01\"}]}]}",
	     &r);
	const double want[] = { 0.174, 0.184, 0.201, 0.188 };
	for (size_t i = 0; i < 4; i++)
		assert_near(tax_of(&r.inv[0].itms[i], 162, 0)->rate, want[i]);
	/* CASF (VoIP) starts in 2018. */
	assert_null(tax_of(&r.inv[0].itms[0], 453, 1));
	assert_non_null(tax_of(&r.inv[0].itms[1], 453, 1));
	afcq_response_done(&r);
}

static void test_empty_txs_by_service_generation(void **state)
{
	struct afcq_response r;
	calc(state, "{\"inv\":[{\"bill\":{\"pcd\":3726100},\"date\":\"2018-03-02\","
		    "\"itms\":[{\"tran\":19,\"serv\":43,\"chg\":1}]},"
		    "{\"bill\":{\"pcd\":3726100},\"date\":\"2022-03-02\","
		    "\"itms\":[{\"tran\":19,\"serv\":43,\"chg\":1}]}]}",
	     &r);
	assert_false(r.inv[0].itms[0].has_txs);
	assert_true(r.inv[1].itms[0].has_txs);
	assert_int_equal(r.inv[1].itms[0].n_txs, 0);
	afcq_response_done(&r);
}

static void test_incrf_echo_drops_empty_values(void **state)
{
	struct afcq_response r;
	calc(state, "{\"cfg\":{\"incrf\":true},\"inv\":[{\"doc\":\"abc\",\"bill\":{\"pcd\":3726100},"
		    "\"date\":\"2022-03-02\",\"acct\":\"A1\",\"custref\":\"\",\"invn\":\"N9\","
		    "\"ccycd\":\"CAD\",\"itms\":[{\"tran\":19,\"serv\":6,\"chg\":1}]},"
		    "{\"bill\":{\"pcd\":3726100},\"date\":\"2022-03-02\",\"acct\":\"A2\","
		    "\"itms\":[{\"tran\":19,\"serv\":6,\"chg\":1}]}]}",
	     &r);
	const struct afcq_reporting *a = &r.inv[0].incrf;
	assert_true(a->present);
	assert_string_equal(a->acct, "A1");
	assert_null(a->custref);
	assert_string_equal(a->invn, "N9");
	assert_string_equal(a->ccycd, "CAD");
	assert_string_equal(a->ccydesc, "Canadian Dollar");
	assert_string_equal(r.inv[0].doc, "abc");
	assert_null(r.inv[1].doc);
	assert_null(r.inv[1].incrf.bcyc);
	afcq_response_done(&r);

	calc(state, DALLAS_INV("{\"tran\":19,\"serv\":6,\"chg\":1}", ",\"acct\":\"A1\""), &r);
	assert_false(r.inv[0].incrf.present);
	afcq_response_done(&r);
}

static void test_dtl_false_keeps_summary(void **state)
{
	struct afcq_response r;
	calc(state, DALLAS_INV("{\"tran\":19,\"serv\":6,\"chg\":15}", ",\"dtl\":false"), &r);
	assert_false(r.inv[0].itms[0].has_txs);
	assert_true(r.inv[0].has_summ);
	assert_int_equal(r.inv[0].n_summ, 3);
	afcq_response_done(&r);
	calc(state, "{\"inv\":[{\"bill\":{\"pcd\":3726100},\"date\":\"2022-03-02\","
		    "\"itms\":[{\"tran\":19,\"serv\":6,\"chg\":15}]}]}", &r);
	assert_false(r.inv[0].has_summ); /* summ defaults to false */
	afcq_response_done(&r);
}

static void test_retnb_false_drops_non_billable(void **state)
{
	struct afcq_response r;
	const char *inv = "\"inv\":[{\"bill\":{\"ctry\":\"USA\",\"st\":\"CA\",\"zip\":\"94102\"},"
			  "\"date\":\"2019-06-01\",\"summ\":true,\"itms\":[{\"tran\":19,\"serv\":6,\"chg\":100}]}]";
	char *json = afcq_xasprintf("{\"cfg\":{\"retnb\":false},%s}", inv);
	calc(state, json, &r);
	free(json);
	assert_null(tax_of(&r.inv[0].itms[0], 235, 0));
	afcq_response_done(&r);
	json = afcq_xasprintf("{%s}", inv);
	calc(state, json, &r);
	free(json);
	const struct afcq_tax *t = tax_of(&r.inv[0].itms[0], 235, 0);
	assert_non_null(t);
	assert_false(t->bill);
	for (size_t i = 0; i < r.inv[0].n_summ; i++)
		assert_int_not_equal(r.inv[0].summ[i].tid, 235);
	afcq_response_done(&r);
}

static void test_overrides(void **state)
{
	struct afcq_response r;
	calc(state, "{\"ovr\":[{\"loc\":{\"ctry\":\"USA\",\"st\":\"TX\"},\"scp\":1,\"tid\":1,\"lvl\":1,"
		    "\"brkt\":[{\"rate\":0}]},{\"loc\":{\"ctry\":\"USA\"},\"scp\":0,\"tid\":33,\"lvl\":3,"
		    "\"brkt\":[{\"rate\":0.02}]},{\"loc\":{\"ctry\":\"USA\"},\"scp\":0,\"tid\":9999,"
		    "\"lvl\":0,\"brkt\":[{\"rate\":0.5}]}],"
		    "\"cmpn\":{\"reg\":true},\"inv\":[{\"bill\":{\"pcd\":3726100},"
		    "\"date\":\"2022-03-02\",\"itms\":[{\"tran\":19,\"serv\":6,\"chg\":15}]}]}",
	     &r);
	const struct afcq_item_result *ir = &r.inv[0].itms[0];
	assert_int_equal(ir->n_txs, 2);
	assert_null(tax_of(ir, 1, 1));
	assert_near(tax_of(ir, 33, 3)->rate, 0.02);
	assert_near(tax_of(ir, 33, 3)->tax, 0.3);
	afcq_response_done(&r);
}

static void test_exemption_keeps_row_at_zero(void **state)
{
	struct afcq_response r;
	calc(state, "{\"cfg\":{\"retext\":true},\"inv\":[{\"bill\":{\"pcd\":3726100},"
		    "\"date\":\"2022-03-02\",\"summ\":true,"
		    "\"exms\":[{\"loc\":{\"ctry\":\"USA\",\"st\":\"TX\"},\"cat\":1}],"
		    "\"itms\":[{\"tran\":19,\"serv\":6,\"chg\":15}]}]}",
	     &r);
	const struct afcq_tax *t = tax_of(&r.inv[0].itms[0], 1, 1);
	assert_near(t->tax, 0);
	assert_near(t->tm, 0);
	assert_near(t->exm, 15);
	assert_true(t->usexm.set && t->usexm.v);
	/* 2022: a user-exempted summary row is a surcharge row. */
	assert_true(r.inv[0].summ[0].sur);
	afcq_response_done(&r);
}

static void test_odd_inputs_never_crash(void **state)
{
	struct afcq_response r;
	/* Absurd counts, levels, shares and rates: answered, never undefined. */
	calc(state, "{\"ovr\":[{\"loc\":{\"ctry\":\"USA\"},\"scp\":0,\"tid\":33,\"lvl\":3,"
		    "\"brkt\":[{\"rate\":1e308}]}],\"sovr\":[{\"sh\":2,\"old\":0.649,\"new\":-7}],"
		    "\"inv\":[{\"bill\":{\"pcd\":3726100},\"date\":\"2022-03-02\",\"summ\":true,"
		    "\"exms\":[{\"loc\":{\"ctry\":\"USA\"},\"tpe\":0,\"lvl\":99},"
		    "{\"loc\":{\"ctry\":\"USA\"},\"cat\":1,\"dom\":-3,\"scp\":-1}],"
		    "\"itms\":[{\"tran\":19,\"serv\":21,\"line\":9000000000000000000,\"qty\":9000000000000000000},"
		    "{\"tran\":19,\"serv\":6,\"chg\":1e300,\"qty\":1000000},"
		    "{\"tran\":19,\"serv\":6,\"chg\":10,\"incl\":true},"
		    "{\"tran\":19,\"serv\":6,\"chg\":10,\"min\":-5,\"line\":-3}]}]}",
	     &r);
	assert_int_equal(r.n_inv, 1);
	assert_int_equal(r.inv[0].n_itms, 4);
	assert_true(has_err(&r.inv[0].itms[1].err, -1000, "Invalid charge: 1e+300 x 1000000 exceeds"));
	assert_true(has_err(&r.inv[0].err, -1000, "One or more LineItems failed."));
	afcq_response_done(&r);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *p = afcq_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void test_ratebook_reports_file_and_line(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	char *dir = afcq_xasprintf("%s/afcq-rb.XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	assert_non_null(mkdtemp(dir));
	write_file(dir, "jurisdictions.tsv", "# pcode lvl parent ...\n0\t0\t-\tUSA\t-\t-\t-\n");
	write_file(dir, "categories.tsv", "1\tSALES AND USE TAXES\n");
	write_file(dir, "taxes.tsv", "# key tid ...\n\nA\t1\t1\t@\t1\t1\tbcX\t-\t-\tSales Tax\n");
	write_file(dir, "rates.tsv", "");
	write_file(dir, "rules.tsv", "");
	write_file(dir, "pairs.tsv", "");
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_null(ratebook_load(dir, &err));
	assert_int_equal(err.status, AFCQ_ERR_CONFIG);
	assert_non_null(strstr(err.where, "taxes.tsv:3"));
	assert_non_null(strstr(err.msg, "flag"));

	write_file(dir, "taxes.tsv", "A\t1\t1\t@\t1\t1\tbc\t-\t-\tSales Tax\n");
	write_file(dir, "rules.tsv", "0\t19\t6\tNOPE\n");
	afcq_error_clear(&err);
	assert_null(ratebook_load(dir, &err));
	assert_non_null(strstr(err.where, "rules.tsv:1"));
	assert_non_null(strstr(err.msg, "unknown tax key"));

	write_file(dir, "rules.tsv", "0\t19\t6\tA\tsale=1\n");
	write_file(dir, "rates.tsv", "A\t2000-01-01\t0.5\n");
	write_file(dir, "pairs.tsv", "19\t6\t0\t1\tVoIP\tAccess\n");
	afcq_error_clear(&err);
	struct ratebook *rb = ratebook_load(dir, &err);
	assert_non_null(rb);
	ratebook_free(rb);
	const char *names[] = { "jurisdictions.tsv", "categories.tsv", "taxes.tsv",
				"rates.tsv", "rules.tsv", "pairs.tsv" };
	for (size_t i = 0; i < 6; i++) {
		char *p = afcq_xasprintf("%s/%s", dir, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_pair_fails_item_and_invoice),
		cmocka_unit_test(test_catalog_pair_without_rules_is_known),
		cmocka_unit_test(test_address_resolution),
		cmocka_unit_test(test_company_exclusion_drops_state_and_local),
		cmocka_unit_test(test_item_customer_override),
		cmocka_unit_test(test_missing_required_fields),
		cmocka_unit_test(test_unknown_location),
		cmocka_unit_test(test_request_and_invoice_errors),
		cmocka_unit_test(test_line_bracket_caps_per_invoice),
		cmocka_unit_test(test_threshold_outside_invoice_mode),
		cmocka_unit_test(test_adjustment_negates),
		cmocka_unit_test(test_negative_charge_is_a_credit),
		cmocka_unit_test(test_tax_inclusive_solves_base),
		cmocka_unit_test(test_quantity_repeats_lines_and_charge),
		cmocka_unit_test(test_wholesale_has_no_tax),
		cmocka_unit_test(test_rates_follow_the_date),
		cmocka_unit_test(test_empty_txs_by_service_generation),
		cmocka_unit_test(test_incrf_echo_drops_empty_values),
		cmocka_unit_test(test_dtl_false_keeps_summary),
		cmocka_unit_test(test_retnb_false_drops_non_billable),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_exemption_keeps_row_at_zero),
		cmocka_unit_test(test_odd_inputs_never_crash),
		cmocka_unit_test(test_ratebook_reports_file_and_line),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
