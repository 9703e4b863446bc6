/* Unit tests for validate.c: each rule, and the exact wording of a few
 * messages that scripts and the status line depend on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/validate.h"

/* A valid one-invoice request built on the stack: tests change one field
 * and look at what the validator says.  Strings point at literals and are
 * never freed. */
struct fixture {
	struct afcq_request r;
	struct afcq_invoice inv[2];
	struct afcq_item itms[3];
	struct afcq_problems p;
};

static void make_valid(struct fixture *f)
{
	afcq_problems_done(&f->p);
	memset(f, 0, sizeof *f);
	struct afcq_invoice *inv = &f->inv[0];
	inv->bill.present = true;
	inv->bill.pcd = (struct afcq_oint){ true, 3726100 };
	inv->cust = (struct afcq_oint){ true, 0 };
	inv->date = (char *)"2022-03-02";
	for (int i = 0; i < 3; i++) {
		f->itms[i].chg = (struct afcq_odbl){ true, 15 };
		f->itms[i].tran = (struct afcq_oint){ true, 19 };
		f->itms[i].serv = (struct afcq_oint){ true, 6 };
		f->itms[i].sale = (struct afcq_oint){ true, 1 };
	}
	inv->itms = f->itms;
	inv->n_itms = 3;
	f->r.inv = f->inv;
	f->r.n_inv = 1;
}

static size_t run(struct fixture *f)
{
	afcq_problems_done(&f->p);
	return afcq_validate_request(&f->r, NULL, NULL, &f->p);
}

/* "path: msg" of problem i, in a static buffer (tests are single-threaded). */
static const char *line(const struct fixture *f, size_t i)
{
	static char buf[512];
	assert_true(i < f->p.n);
	snprintf(buf, sizeof buf, "%s: %s", f->p.v[i].path, f->p.v[i].msg);
	return buf;
}

/* true when some problem has exactly this path. */
static bool has_path(const struct fixture *f, const char *path)
{
	for (size_t i = 0; i < f->p.n; i++)
		if (strcmp(f->p.v[i].path, path) == 0)
			return true;
	return false;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	make_valid(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	afcq_problems_done(&f->p);
	free(f);
	return 0;
}

static void test_valid_request_passes(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run(f), 0);
	assert_int_equal(f->p.n, 0);
	/* ISO date-time and address-only bill are fine too */
	f->inv[0].date = (char *)"2018-05-01T12:00:00Z";
	f->inv[0].bill.pcd.set = false;
	f->inv[0].bill.ctry = (char *)"USA";
	f->inv[0].bill.st = (char *)"TX";
	f->inv[0].bill.zip = (char *)"75201";
	assert_int_equal(run(f), 0);
}

static void test_cust_message_exact(void **state)
{
	struct fixture *f = *state;
	f->inv[0].cust.v = 4;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0),
			    "inv[0].cust: must be 0 Residential, 1 Business, 2 Senior Citizen or 3 Industrial");
	f->inv[0].cust.v = -1;
	assert_int_equal(run(f), 1);
	f->inv[0].cust.v = 3;
	assert_int_equal(run(f), 0);
	f->inv[0].cust.set = false;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].cust: required; 0 Residential, 1 Business, "
					"2 Senior Citizen or 3 Industrial");
}

static bool pairs_19_6_only(void *ctx, long long tran, long long serv)
{
	(void)ctx;
	bool t = tran == AFCQ_TSPAIR_ANY || tran == 19;
	bool s = serv == AFCQ_TSPAIR_ANY || serv == 6 || serv == 21;
	return t && s && !(tran == 19 && serv == 21);
}

static void test_tspair_hook_messages(void **state)
{
	struct fixture *f = *state;
	f->itms[2].tran.v = 999;
	afcq_problems_done(&f->p);
	assert_int_equal(afcq_validate_request(&f->r, pairs_19_6_only, NULL, &f->p), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[2].tran: unknown transaction type 999");

	f->itms[2].tran.v = 19;
	f->itms[2].serv.v = 998;
	afcq_problems_done(&f->p);
	assert_int_equal(afcq_validate_request(&f->r, pairs_19_6_only, NULL, &f->p), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[2].serv: unknown service type 998");

	f->itms[2].serv.v = 21; /* both halves exist, the pair does not */
	afcq_problems_done(&f->p);
	assert_int_equal(afcq_validate_request(&f->r, pairs_19_6_only, NULL, &f->p), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].itms[2].serv");
	assert_non_null(strstr(f->p.v[0].msg, "does not go with transaction type 19"));

	/* -1 lets the engine choose: the hook is not asked */
	f->itms[2].tran.v = -1;
	f->itms[2].serv.v = 4;
	afcq_problems_done(&f->p);
	assert_int_equal(afcq_validate_request(&f->r, pairs_19_6_only, NULL, &f->p), 0);
	/* without a hook any pair is accepted */
	f->itms[2].tran.v = 999;
	assert_int_equal(run(f), 0);
	f->itms[2].tran.v = -2;
	assert_int_equal(run(f), 1);
}

/* One invoice at a time: the same problems, in the same order, as the
 * whole request's check (the company first, a date, items, charges added
 * up across invoices, the count of invoices), and the items' pairs give
 * the hook's messages alone. */
static void test_one_invoice_at_a_time(void **state)
{
	struct fixture *f = *state;
	f->inv[1] = f->inv[0];
	f->r.n_inv = 2;
	f->r.cmpn.present = true;
	f->r.cmpn.bscl = (struct afcq_oint){ true, 9 };
	f->inv[1].date = (char *)"2022-02-30";
	f->itms[1].tran.set = false;
	f->itms[0].chg.v = 600000000000.0;
	afcq_problems_done(&f->p);
	size_t want = afcq_validate_request(&f->r, NULL, NULL, &f->p);
	assert_true(want >= 5);

	struct afcq_problems got = { 0 };
	struct afcq_item_pairs pairs = { 0 };
	struct afcq_validation *va = afcq_validation_new();
	for (size_t i = 0; i < f->r.n_inv; i++)
		afcq_validation_invoice(va, i, &f->inv[i]);
	assert_int_equal(afcq_validation_finish(va, &f->r, &got, &pairs), want);
	assert_int_equal(got.n, f->p.n);
	for (size_t i = 0; i < got.n; i++) {
		assert_string_equal(got.v[i].path, f->p.v[i].path);
		assert_string_equal(got.v[i].msg, f->p.v[i].msg);
	}
	/* the items whose pair a hook is asked about: 2 of 3 in each invoice */
	assert_int_equal(pairs.n, 4);
	assert_int_equal(pairs.v[2].inv, 1);
	assert_int_equal(pairs.v[2].item, 0);
	afcq_problems_done(&got);

	/* With nothing else wrong, the pairs give what the hook makes of them. */
	make_valid(f);
	f->inv[1] = f->inv[0];
	f->r.n_inv = 2;
	f->itms[2].serv.v = 998;
	afcq_problems_done(&f->p);
	want = afcq_validate_request(&f->r, pairs_19_6_only, NULL, &f->p);
	assert_int_equal(want, 2);
	afcq_item_pairs_done(&pairs);
	va = afcq_validation_new();
	for (size_t i = 0; i < f->r.n_inv; i++)
		afcq_validation_invoice(va, i, &f->inv[i]);
	assert_int_equal(afcq_validation_finish(va, &f->r, &got, &pairs), 0);
	assert_int_equal(afcq_validate_pairs(&pairs, pairs_19_6_only, NULL, &got), want);
	for (size_t i = 0; i < got.n; i++) {
		assert_string_equal(got.v[i].path, f->p.v[i].path);
		assert_string_equal(got.v[i].msg, f->p.v[i].msg);
	}
	assert_string_equal(got.v[1].path, "inv[1].itms[2].serv");
	afcq_problems_done(&got);
	afcq_item_pairs_done(&pairs);
	assert_null(pairs.v);
}

/* A hook that only knows exact pairs (no AFCQ_TSPAIR_ANY support). */
static bool exact_19_6(void *ctx, long long tran, long long serv)
{
	(void)ctx;
	return tran == 19 && serv == 6;
}

static void test_tspair_naive_hook(void **state)
{
	struct fixture *f = *state;
	f->itms[1].serv.v = 21;
	afcq_problems_done(&f->p);
	assert_int_equal(afcq_validate_request(&f->r, exact_19_6, NULL, &f->p), 1);
	assert_string_equal(line(f, 0),
			    "inv[0].itms[1].tran: unknown transaction/service pair 19/21 (see afcq tspairs)");
}

static void test_tspair_list_hook(void **state)
{
	struct fixture *f = *state;
	struct afcq_tspair pairs[2] = { { .tran = 19, .serv = 6 }, { .tran = 19, .serv = 21 } };
	struct afcq_tspair_list l = { pairs, 2 };
	assert_true(afcq_tspair_list_known(&l, 19, 21));
	assert_false(afcq_tspair_list_known(&l, 13, 6));
	assert_true(afcq_tspair_list_known(&l, AFCQ_TSPAIR_ANY, 6));
	assert_true(afcq_tspair_list_known(&l, 19, AFCQ_TSPAIR_ANY));
	assert_false(afcq_tspair_list_known(&l, 5, AFCQ_TSPAIR_ANY));
	assert_true(afcq_tspair_list_known(NULL, 5, 5));
	f->itms[0].tran.v = 5;
	afcq_problems_done(&f->p);
	assert_int_equal(afcq_validate_request(&f->r, afcq_tspair_list_known, &l, &f->p), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[0].tran: unknown transaction type 5");
}

static void test_required_fields(void **state)
{
	struct fixture *f = *state;
	f->itms[1].tran.set = false;
	f->itms[1].serv.set = false;
	f->inv[0].date = NULL;
	f->inv[0].bill.present = false;
	run(f);
	assert_true(has_path(f, "inv[0].bill"));
	assert_true(has_path(f, "inv[0].date"));
	assert_true(has_path(f, "inv[0].itms[1].tran"));
	assert_true(has_path(f, "inv[0].itms[1].serv"));
	assert_int_equal(f->p.n, 4);

	make_valid(f);
	f->inv[0].bill.pcd.set = false; /* present but nothing in it */
	f->inv[0].bill.city = (char *)"";
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].bill");

	make_valid(f);
	f->inv[0].n_itms = 0;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].itms: at least one line item is required");

	make_valid(f);
	f->r.n_inv = 0;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv: at least one invoice is required");
}

static void test_doc_required_when_commit(void **state)
{
	struct fixture *f = *state;
	f->inv[0].cmmt = (struct afcq_obool){ true, true };
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0),
			    "inv[0].doc: required when cmmt is true (a unique document code)");
	f->inv[0].doc = (char *)"";
	assert_int_equal(run(f), 1);
	f->inv[0].doc = (char *)"DOC-1";
	assert_int_equal(run(f), 0);
	f->inv[0].cmmt.v = false;
	f->inv[0].doc = NULL;
	assert_int_equal(run(f), 0);
}

static void test_dates(void **state)
{
	struct fixture *f = *state;
	assert_true(afcq_valid_date("2024-02-29"));
	assert_false(afcq_valid_date("2023-02-29"));
	assert_false(afcq_valid_date("2023-02-30"));
	assert_false(afcq_valid_date("1900-02-29"));
	assert_true(afcq_valid_date("2000-02-29"));
	assert_false(afcq_valid_date("2023-13-01"));
	assert_false(afcq_valid_date("2023-04-31"));
	assert_false(afcq_valid_date("2023-4-01"));
	assert_false(afcq_valid_date("2023-04-01x"));
	assert_false(afcq_valid_date("03/02/2022"));
	assert_false(afcq_valid_date(""));
	assert_false(afcq_valid_date(NULL));
	assert_true(afcq_valid_date("2017-12-18T19:37:11.254Z"));
	assert_true(afcq_valid_date("2018-05-01T12:00:00Z"));
	assert_true(afcq_valid_date("2018-05-01T12:00"));
	assert_true(afcq_valid_date("2018-05-01T12:00:00+05:30"));
	assert_true(afcq_valid_date("2018-05-01T12:00:00-0500"));
	assert_false(afcq_valid_date("2018-05-01T24:00:00Z"));
	assert_false(afcq_valid_date("2018-05-01T12:60:00Z"));
	assert_false(afcq_valid_date("2018-05-01T12:00:00Q"));
	assert_false(afcq_valid_date("2018-05-01T"));

	f->inv[0].date = (char *)"2023-02-30";
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].date: not a real date (2023-02-30); use YYYY-MM-DD");
	f->inv[0].date = (char *)"2023-02-28";
	f->itms[1].date = (char *)"2023-06-31";
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].itms[1].date");
}

static void test_enumerations(void **state)
{
	struct fixture *f = *state;
	struct { struct afcq_oint *field; long long bad, good; const char *path; } cases[] = {
		{ &f->itms[0].sale, 4, 3, "inv[0].itms[0].sale" },
		{ &f->itms[0].sale, -1, 0, "inv[0].itms[0].sale" },
		{ &f->itms[1].cust, 4, 2, "inv[0].itms[1].cust" },
		{ &f->itms[0].adjm, 3, 2, "inv[0].itms[0].adjm" },
		{ &f->itms[0].disc, 6, 5, "inv[0].itms[0].disc" },
		{ &f->itms[0].proadj, 3, 2, "inv[0].itms[0].proadj" },
		{ &f->r.cmpn.bscl, 2, 1, "cmpn.bscl" },
		{ &f->r.cmpn.svcl, -1, 0, "cmpn.svcl" },
	};
	f->r.cmpn.present = true;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		*cases[i].field = (struct afcq_oint){ true, cases[i].bad };
		assert_int_equal(run(f), 1);
		assert_string_equal(f->p.v[0].path, cases[i].path);
		assert_non_null(strstr(f->p.v[0].msg, "must be "));
		cases[i].field->v = cases[i].good;
		assert_int_equal(run(f), 0);
	}
	f->itms[0].sale.v = 9;
	run(f);
	assert_string_equal(line(f, 0),
			    "inv[0].itms[0].sale: must be 0 Wholesale, 1 Retail, 2 Consumed or 3 Vendor Use");
	f->itms[0].sale.v = 1;
	f->r.cmpn.bscl.v = 5;
	run(f);
	assert_string_equal(line(f, 0), "cmpn.bscl: must be 0 ILEC or 1 CLEC");
}

static void test_billing_period(void **state)
{
	struct fixture *f = *state;
	struct afcq_billing_period *b = &f->inv[0].bpd;
	b->present = true;
	b->month = (struct afcq_oint){ true, 3 };
	b->year = (struct afcq_oint){ true, 2022 };
	assert_int_equal(run(f), 0);
	b->month.v = 13;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].bpd.month: must be a month 1-12");
	b->month.v = 0;
	assert_int_equal(run(f), 1);
	b->month.v = 12;
	b->year.v = 22;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].bpd.year: must be a 4-digit year");
	b->year.set = false;
	assert_int_equal(run(f), 1);
}

static void test_exemptions(void **state)
{
	struct fixture *f = *state;
	struct afcq_exemption ex[1];
	memset(ex, 0, sizeof ex);
	f->inv[0].exms = ex;
	f->inv[0].n_exms = 1;
	ex[0].loc.present = true;
	ex[0].loc.pcd = (struct afcq_oint){ true, 5116000 };
	ex[0].tpe = (struct afcq_oint){ true, 35 };
	ex[0].dom = (struct afcq_oint){ true, 1 };
	ex[0].scp = (struct afcq_oint){ true, 256 };
	assert_int_equal(run(f), 0);

	ex[0].cat = (struct afcq_oint){ true, 7 };
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0),
			    "inv[0].exms[0]: give tpe (a tax type) or cat (a tax category), not both");
	ex[0].tpe.set = false;
	assert_int_equal(run(f), 0);
	ex[0].cat.set = false;
	assert_int_equal(run(f), 1); /* neither */

	ex[0].tpe = (struct afcq_oint){ true, 1 };
	ex[0].dom.set = false; /* tax-type exemption without dom or lvl */
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].exms[0].dom");
	ex[0].lvl = (struct afcq_oint){ true, 1 };
	assert_int_equal(run(f), 0);
	ex[0].lvl.v = 5;
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].exms[0].lvl");
	ex[0].lvl.v = 4;
	assert_int_equal(run(f), 0);
	ex[0].dom = (struct afcq_oint){ true, 4 };
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].exms[0].dom");
	ex[0].dom.v = 3;

	long long good_scp[] = { 128, 256, 512, 1024, 1920, 1792, 384 };
	for (size_t i = 0; i < sizeof good_scp / sizeof good_scp[0]; i++) {
		ex[0].scp.v = good_scp[i];
		assert_int_equal(run(f), 0);
	}
	long long bad_scp[] = { 0, 1, 129, 2048, 64, -128 };
	for (size_t i = 0; i < sizeof bad_scp / sizeof bad_scp[0]; i++) {
		ex[0].scp.v = bad_scp[i];
		assert_int_equal(run(f), 1);
		assert_string_equal(f->p.v[0].path, "inv[0].exms[0].scp");
	}
	ex[0].scp.v = 1920;
	ex[0].loc.pcd.set = false; /* present but empty location */
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].exms[0].loc");
}

static void test_string_limits(void **state)
{
	struct fixture *f = *state;
	char s150[151], s151[152];
	memset(s150, 'a', 150);
	s150[150] = '\0';
	memset(s151, 'b', 151);
	s151[151] = '\0';

	char **fields[] = { &f->inv[0].doc, &f->inv[0].acct, &f->inv[0].custref, &f->inv[0].invn,
			    &f->inv[0].bcyc, &f->inv[0].ccycd, &f->itms[2].ref, &f->itms[2].glref,
			    &f->inv[0].bill.city, &f->inv[0].bill.addr, &f->r.cmpn.idnt };
	const char *paths[] = { "inv[0].doc", "inv[0].acct", "inv[0].custref", "inv[0].invn",
				"inv[0].bcyc", "inv[0].ccycd", "inv[0].itms[2].ref",
				"inv[0].itms[2].glref", "inv[0].bill.city", "inv[0].bill.addr",
				"cmpn.idnt" };
	f->r.cmpn.present = true;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		*fields[i] = s150;
		assert_int_equal(run(f), 0);
		*fields[i] = s151;
		assert_int_equal(run(f), 1);
		assert_string_equal(f->p.v[0].path, paths[i]);
		assert_string_equal(f->p.v[0].msg, "too long (151 bytes); at most 150 bytes");
		*fields[i] = NULL;
	}
}

static void test_counts(void **state)
{
	struct fixture *f = *state;
	struct afcq_item *many = calloc(AFCQ_MAX_ITEMS + 1, sizeof *many);
	for (size_t i = 0; i <= AFCQ_MAX_ITEMS; i++) {
		many[i].tran = (struct afcq_oint){ true, 19 };
		many[i].serv = (struct afcq_oint){ true, 6 };
	}
	f->inv[0].itms = many;
	f->inv[0].n_itms = AFCQ_MAX_ITEMS;
	assert_int_equal(run(f), 0);
	f->inv[0].n_itms = AFCQ_MAX_ITEMS + 1;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0),
			    "inv[0].itms: at most 10,000 line items per invoice, got 10001");
	free(many);

	make_valid(f);
	struct afcq_invoice *invs = calloc(AFCQ_MAX_INVOICES + 1, sizeof *invs);
	for (size_t i = 0; i <= AFCQ_MAX_INVOICES; i++)
		invs[i] = f->inv[0];
	f->r.inv = invs;
	f->r.n_inv = AFCQ_MAX_INVOICES;
	assert_int_equal(run(f), 0);
	f->r.n_inv = AFCQ_MAX_INVOICES + 1;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv: at most 1,000 invoices per request, got 1001");
	free(invs);
}

static void test_optional_fields(void **state)
{
	struct fixture *f = *state;
	struct afcq_kv opt[6] = {
		{ (char *)"1", (char *)"a" }, { (char *)"2", (char *)"b" }, { (char *)"3", (char *)"c" },
		{ (char *)"4", (char *)"d" }, { (char *)"5", (char *)"e" }, { (char *)"6", (char *)"f" },
	};
	f->inv[0].opt = opt;
	f->inv[0].n_opt = 5;
	assert_int_equal(run(f), 0);
	f->inv[0].n_opt = 6;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].opt: at most 5 entries, got 6");
	f->inv[0].n_opt = 2;
	opt[1].key = (char *)"abc";
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].opt[1].key: must be a number 1-10, got \"abc\"");
	opt[1].key = (char *)"1";
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].opt[1].key: key 1 is given twice");
	opt[1].key = NULL;
	assert_int_equal(run(f), 1);
	opt[1].key = (char *)"11";
	assert_int_equal(run(f), 1);
	opt[1].key = (char *)"10";
	assert_int_equal(run(f), 0);

	f->itms[1].opt = &opt[2];
	f->itms[1].n_opt = 1;
	opt[2].key = (char *)"x";
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].itms[1].opt[0].key");
}

static void test_numbers(void **state)
{
	struct fixture *f = *state;
	f->itms[0].chg.v = NAN;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[0].chg: not a number");
	f->itms[0].chg.v = INFINITY;
	assert_int_equal(run(f), 1);
	f->itms[0].chg.v = -25; /* credits are negative charges */
	assert_int_equal(run(f), 0);

	f->itms[0].line = (struct afcq_oint){ true, -1 };
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].itms[0].line");
	f->itms[0].line.v = 0;
	f->itms[0].qty = (struct afcq_oint){ true, -3 };
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].itms[0].qty");
	f->itms[0].qty.v = 1000;
	assert_int_equal(run(f), 0);

	f->itms[0].min = (struct afcq_odbl){ true, NAN };
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].itms[0].min");
	f->itms[0].min.v = 12.5;

	/* private-line split: 0..1 and needs both ends */
	f->itms[0].plsp = (struct afcq_odbl){ true, 0.5 };
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[0].plsp: a private-line split needs both from and to");
	f->itms[0].from.present = true;
	f->itms[0].from.pcd = (struct afcq_oint){ true, 1 };
	f->itms[0].to.present = true;
	f->itms[0].to.zip = (char *)"07096";
	assert_int_equal(run(f), 0);
	f->itms[0].plsp.v = 1.5;
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].itms[0].plsp");
	f->itms[0].plsp.v = -0.1;
	assert_int_equal(run(f), 1);
	f->itms[0].plsp.v = 1;
	assert_int_equal(run(f), 0);
}

static void test_huge_amounts(void **state)
{
	struct fixture *f = *state;
	/* The largest accepted amount passes, a cent more is refused, named. */
	f->itms[0].chg.v = 999999999999.99;
	f->itms[1].chg.v = 0;
	f->itms[2].chg.v = 0;
	assert_int_equal(run(f), 0);
	f->itms[0].chg.v = -999999999999.99;
	assert_int_equal(run(f), 0);
	f->itms[0].chg.v = 1e16;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[0].chg: 10000000000000000 cannot be summed and "
			    "shown exactly to the cent; the largest accepted amount is 999999999999.99");
	f->itms[0].chg.v = 1e308;
	f->itms[1].chg.v = 1e308;
	assert_int_equal(run(f), 2);
	assert_true(has_path(f, "inv[0].itms[1].chg"));
	/* charge x quantity */
	f->itms[0].chg.v = 6e11;
	f->itms[1].chg.v = 0;
	f->itms[0].qty = (struct afcq_oint){ true, 2 };
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[0].qty: 2 x 600000000000 cannot be summed and "
			    "shown exactly to the cent; the largest accepted charge x qty is 999999999999.99");
	/* the request's charges added up, across invoices, said once */
	f->itms[0].qty.set = false;
	f->itms[1].chg.v = -6e11;
	f->itms[2].chg.v = 1;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[1].chg: the request's charges add up to more "
			    "than 999999999999.99 here, the largest accepted total; send the invoices in "
			    "smaller requests");
	/* minutes */
	f->itms[1].chg.v = 0;
	f->itms[0].min = (struct afcq_odbl){ true, 1e13 };
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "inv[0].itms[0].min: 10000000000000 minutes cannot be taxed "
			    "exactly to the cent; the largest accepted number of minutes is 999999999999.99");
}

static void test_locations(void **state)
{
	struct fixture *f = *state;
	f->inv[0].bill.ctry = (char *)"US";
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].bill.ctry");
	f->inv[0].bill.ctry = (char *)"USA";
	f->inv[0].bill.npa = (struct afcq_oint){ true, 2145 };
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].bill.npa");
	f->inv[0].bill.npa.v = 214555;
	assert_int_equal(run(f), 0);
	f->inv[0].bill.pcd.v = -5;
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].bill.pcd");
	f->inv[0].bill.pcd.v = 0;
	assert_int_equal(run(f), 0);
	f->itms[1].to.present = true; /* "to": {} */
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "inv[0].itms[1].to");
}

static void test_overrides(void **state)
{
	struct fixture *f = *state;
	struct afcq_bracket brkt = { 0.195, { true, 2147483647 } };
	struct afcq_tax_override ovr = { 0 };
	ovr.loc.present = true;
	ovr.loc.ctry = (char *)"USA";
	ovr.scp = (struct afcq_oint){ true, 0 };
	ovr.tid = (struct afcq_oint){ true, 163 };
	ovr.lvl = (struct afcq_oint){ true, 0 };
	ovr.brkt = &brkt;
	ovr.n_brkt = 1;
	f->r.ovr = &ovr;
	f->r.n_ovr = 1;
	assert_int_equal(run(f), 0);
	ovr.scp.v = 4;
	assert_int_equal(run(f), 1);
	assert_string_equal(line(f, 0), "ovr[0].scp: must be 0 Country, 1 State, 2 County or 3 City");
	ovr.scp.v = 1;
	brkt.rate = -0.1;
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "ovr[0].brkt[0].rate");
	brkt.rate = 0;
	ovr.tid.set = false;
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "ovr[0].tid");
	ovr.tid.set = true;

	struct afcq_safe_harbor_override sovr = { { true, 2 }, { true, 0.649 }, { true, 0.25 } };
	f->r.sovr = &sovr;
	f->r.n_sovr = 1;
	assert_int_equal(run(f), 0);
	long long ok[] = { 1, 2, 4, 7 }, bad[] = { 0, 3, 5, 8 };
	for (size_t i = 0; i < 4; i++) {
		sovr.sh.v = ok[i];
		assert_int_equal(run(f), 0);
		sovr.sh.v = bad[i];
		assert_int_equal(run(f), 1);
		assert_string_equal(f->p.v[0].path, "sovr[0].sh");
	}
	sovr.sh.v = 2;
	sovr.new_share.v = 1.2;
	assert_int_equal(run(f), 1);
	assert_string_equal(f->p.v[0].path, "sovr[0].new");
}

static void test_several_problems_in_order(void **state)
{
	struct fixture *f = *state;
	f->inv[1] = f->inv[0];
	f->r.n_inv = 2;
	f->inv[1].cust.v = 9;
	f->inv[0].date = (char *)"2023-02-30";
	assert_int_equal(run(f), 2);
	assert_string_equal(f->p.v[0].path, "inv[0].date");
	assert_string_equal(f->p.v[1].path, "inv[1].cust");
	/* the count is what was added, problems accumulate in *out */
	assert_int_equal(afcq_validate_request(&f->r, NULL, NULL, &f->p), 2);
	assert_int_equal(f->p.n, 4);
}

static void test_commit(void **state)
{
	struct fixture *f = *state;
	struct afcq_commit_request c = { 0 };
	afcq_problems_done(&f->p);
	assert_int_equal(afcq_validate_commit(&c, &f->p), 2);
	assert_string_equal(f->p.v[0].path, "doc");
	assert_string_equal(f->p.v[1].path, "cmmt");
	afcq_problems_done(&f->p);
	c.doc = (char *)"DOC-1";
	c.cmmt = (struct afcq_obool){ true, false };
	assert_int_equal(afcq_validate_commit(&c, &f->p), 0);
	struct afcq_kv opt = { (char *)"zz", (char *)"v" };
	c.opt = &opt;
	c.n_opt = 1;
	assert_int_equal(afcq_validate_commit(&c, &f->p), 1);
	assert_string_equal(line(f, 0), "opt[0].key: must be a number 1-10, got \"zz\"");
}

static void test_problems_add(void **state)
{
	(void)state;
	struct afcq_problems p = { 0 };
	afcq_problems_add(&p, "inv[3].x", "bad %d", 7);
	afcq_problems_add(&p, NULL, "plain");
	assert_int_equal(p.n, 2);
	assert_string_equal(p.v[0].path, "inv[3].x");
	assert_string_equal(p.v[0].msg, "bad 7");
	assert_string_equal(p.v[1].path, "");
	afcq_problems_done(&p);
	assert_null(p.v);
	assert_int_equal(p.n, 0);
	afcq_problems_done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_invoice_at_a_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_valid_request_passes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cust_message_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tspair_hook_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tspair_naive_hook, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tspair_list_hook, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doc_required_when_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enumerations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_billing_period, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exemptions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_string_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_optional_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_amounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_locations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overrides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_several_problems_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit, setup, teardown),
		cmocka_unit_test(test_problems_add),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
