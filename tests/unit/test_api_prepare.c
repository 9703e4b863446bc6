/* Tests of preparing AFC requests: operation names, a quote never commits,
 * an invoice gets its number and document codes, fresh document codes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/api.h"
#include "afcq/codec.h"
#include "afcq/str.h"
#include "api_testlib.h"

/* One VoIP access line for a residential customer in Dallas, TX; the
 * request asks to commit, which a quote must override. */
static const char one_item_request[] =
	"{ \"cmpn\": { \"bscl\": 0, \"svcl\": 0, \"fclt\": true, \"frch\": false, \"reg\": true },\n"
	"  \"inv\": [ { \"doc\": \"T-DOC-1\", \"cmmt\": true, \"bill\": { \"pcd\": 3726100 },\n"
	"      \"cust\": 0, \"date\": \"2022-03-02\",\n"
	"      \"itms\": [ { \"ref\": \"a\", \"chg\": 15, \"sale\": 1, \"tran\": 19, \"serv\": 6 } ] } ] }";

static void test_op_names(void **state)
{
	assert_string_equal(afcq_op_name(AFCQ_OP_QUOTE), "quote");
	assert_string_equal(afcq_op_name(AFCQ_OP_INVOICE), "invoice");
	assert_string_equal(afcq_op_name(AFCQ_OP_COMMIT), "commit");
	assert_string_equal(afcq_op_name(AFCQ_OP_UNCOMMIT), "uncommit");
	assert_string_equal(afcq_op_name(AFCQ_OP_SERVICEINFO), "serviceinfo");
}

static void two_invoices(struct afcq_request *r)
{
	api_test_parse_request(one_item_request, r);
	struct afcq_request extra;
	api_test_parse_request(one_item_request, &extra);
	int i = afcq_request_add_invoice(r);
	assert_int_equal(i, 1);
	/* Move the parsed invoice in: the copy owns its strings now. */
	r->inv[1] = extra.inv[0];
	extra.n_inv = 0;
	free(extra.inv);
	extra.inv = NULL;
	afcq_request_done(&extra);
	r->inv[1].cmmt = (struct afcq_obool){ 0 };
}

static void test_prepare_quote_forces_no_commit(void **state)
{
	struct afcq_request src, dst;
	two_invoices(&src);
	memset(&dst, 0, sizeof dst);
	afcq_api_prepare_quote(&dst, &src);
	assert_int_equal(dst.n_inv, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_true(dst.inv[i].cmmt.set);
		assert_false(dst.inv[i].cmmt.v);
	}
	/* The source is left alone. */
	assert_true(src.inv[0].cmmt.set && src.inv[0].cmmt.v);
	assert_false(src.inv[1].cmmt.set);
	afcq_request_done(&src);
	afcq_request_done(&dst);
}

static bool looks_like_new_doc(const char *d)
{
	/* "AFCQ-", date (8 digits), "-", time (6), "-", 8 hex digits */
	if (!d || strlen(d) != 29 || strncmp(d, "AFCQ-", 5) != 0 || d[13] != '-' || d[20] != '-')
		return false;
	for (int i = 5; i < 29; i++) {
		if (i == 13 || i == 20)
			continue;
		if (i < 20 && !isdigit((unsigned char)d[i]))
			return false;
		if (i > 20 && !strchr("0123456789abcdef", d[i]))
			return false;
	}
	return true;
}

static void test_prepare_invoice(void **state)
{
	struct afcq_request src, dst;
	two_invoices(&src);
	memset(&dst, 0, sizeof dst);
	afcq_api_prepare_invoice(&dst, &src, "INV-77", "DOC-9", true);
	assert_string_equal(dst.inv[0].invn, "INV-77");
	assert_string_equal(dst.inv[1].invn, "INV-77");
	assert_string_equal(dst.inv[0].doc, "DOC-9-1");
	assert_string_equal(dst.inv[1].doc, "DOC-9-2");
	assert_true(dst.inv[0].cmmt.set && dst.inv[0].cmmt.v);
	assert_true(dst.inv[1].cmmt.set && dst.inv[1].cmmt.v);
	afcq_request_done(&dst);

	/* One invoice, no code given: a fresh one, and no commit. */
	struct afcq_request one;
	api_test_parse_request(one_item_request, &one);
	memset(&dst, 0, sizeof dst);
	afcq_api_prepare_invoice(&dst, &one, "INV-1", NULL, false);
	assert_true(looks_like_new_doc(dst.inv[0].doc));
	assert_true(dst.inv[0].cmmt.set);
	assert_false(dst.inv[0].cmmt.v);
	assert_string_equal(one.inv[0].doc, "T-DOC-1");
	afcq_request_done(&dst);
	afcq_request_done(&one);
	afcq_request_done(&src);
}

/* A dry run keeps the body it would have sent in *(char **)ud. */
static void capture(void *ud, const char *method, const char *path, const char *body)
{
	(void)method;
	(void)path;
	*(char **)ud = afcq_xstrdup(body);
}

/* The in-place forms and the encoding that takes the request over: the
 * same request and the same body as the copying forms, without a copy. */
static void test_make_in_place(void **state)
{
	struct afcq_request src, copy, in_place;
	two_invoices(&src);
	memset(&copy, 0, sizeof copy);
	afcq_api_prepare_invoice(&copy, &src, "INV-2", "DOC-2", true);
	two_invoices(&in_place);
	afcq_api_make_invoice(&in_place, "INV-2", "DOC-2", true);
	char *a = afcq_codec_request_dump(&copy, AFCQ_JSON_COMPACT);
	char *b = afcq_codec_request_dump(&in_place, AFCQ_JSON_COMPACT);
	assert_string_equal(a, b);
	free(a);
	free(b);
	afcq_request_done(&copy);
	afcq_request_done(&in_place);

	struct afcq_error err;
	struct afcq_pending *p = afcq_api_encode_calc(AFCQ_OP_QUOTE, &src, &err);
	assert_non_null(p);
	struct afcq_request taken;
	two_invoices(&taken);
	struct afcq_pending *q = afcq_api_encode_calc_take(AFCQ_OP_QUOTE, &taken, &err);
	assert_non_null(q);
	assert_int_equal(taken.n_inv, 0);
	assert_null(taken.inv);
	struct afcq_api_ctx ctx = { .dry_run = capture };
	char *sent_a = NULL, *sent_b = NULL;
	ctx.dry_run_ud = &sent_a;
	assert_null(afcq_api_send_calc(&ctx, p, &err));
	ctx.dry_run_ud = &sent_b;
	assert_null(afcq_api_send_calc(&ctx, q, &err));
	assert_non_null(sent_a);
	assert_string_equal(sent_a, sent_b);
	assert_non_null(strstr(sent_b, "\"cmmt\":false"));
	free(sent_a);
	free(sent_b);

	/* A request the checks refuse stays the caller's. */
	free(src.inv[0].date);
	src.inv[0].date = afcq_xstrdup("yesterday");
	assert_null(afcq_api_encode_calc_take(AFCQ_OP_QUOTE, &src, &err));
	assert_int_equal(err.status, AFCQ_ERR_INVALID);
	assert_int_equal(src.n_inv, 2);
	assert_string_equal(src.inv[0].doc, "T-DOC-1");
	afcq_request_done(&src);
}

static void test_new_doc(void **state)
{
	char *a = afcq_api_new_doc(NULL);
	char *b = afcq_api_new_doc(NULL);
	assert_true(looks_like_new_doc(a));
	assert_true(looks_like_new_doc(b));
	assert_string_not_equal(a, b);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_op_names),
		cmocka_unit_test(test_prepare_quote_forces_no_commit),
		cmocka_unit_test(test_prepare_invoice),
		cmocka_unit_test(test_make_in_place),
		cmocka_unit_test(test_new_doc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
