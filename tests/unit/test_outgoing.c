/* Tests of a quote read, checked and encoded one invoice at a time
 * (outgoing.h): the text that goes out is, byte for byte, the whole
 * request's encoding with cmmt false; the charges are the request's; each
 * invoice's items are let go as it is read; fed in any pieces; the
 * relaxed syntax is refused so the caller reads it another way. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "afcq/api.h"
#include "afcq/codec.h"
#include "afcq/outgoing.h"

/* Two invoices (the second asks to commit, without a document code: a
 * quote sends cmmt false) and the parts around them, with keys in an order
 * the encoder does not use. */
static const char request[] =
	"{\"inv\":[{\"doc\":\"D-1\",\"cmmt\":false,\"bill\":{\"pcd\":3726100},\"cust\":0,"
	"\"date\":\"2022-03-02\",\"itms\":[{\"ref\":\"a\",\"chg\":15,\"sale\":1,\"tran\":19,"
	"\"serv\":6},{\"ref\":\"b\",\"chg\":2.5,\"qty\":3,\"adj\":true,\"sale\":1,\"tran\":19,"
	"\"serv\":6}]},{\"cmmt\":true,\"bill\":{\"pcd\":3726100},\"cust\":1,"
	"\"date\":\"2022-03-02\",\"itms\":[{\"ref\":\"c\",\"chg\":16.2375,\"incl\":true,"
	"\"sale\":1,\"tran\":-1,\"serv\":6}],\"invn\":\"N \\u00e9\"}],"
	"\"cmpn\":{\"bscl\":0,\"svcl\":0,\"fclt\":true,\"frch\":false,\"reg\":true},"
	"\"cfg\":{\"incrf\":true},\"ovr\":[{\"tid\":1,\"lvl\":1}]}";

static void read_in_pieces(struct afcq_outgoing *o, const char *text, size_t piece)
{
	afcq_outgoing_init(o);
	struct afcq_error err;
	size_t len = strlen(text);
	for (size_t at = 0; at < len; at += piece) {
		size_t n = len - at < piece ? len - at : piece;
		assert_int_equal(afcq_outgoing_feed(o, text + at, n, &err), AFCQ_OK);
	}
	assert_int_equal(afcq_outgoing_finish(o, &err), AFCQ_OK);
}

static void test_same_text_and_charges(void **state)
{
	(void)state;
	struct afcq_request whole;
	struct afcq_error err;
	afcq_request_init(&whole);
	assert_int_equal(afcq_codec_parse_request(request, strlen(request), &whole, &err), AFCQ_OK);
	afcq_api_make_quote(&whole);
	char *want = afcq_codec_request_dump(&whole, AFCQ_JSON_COMPACT);
	struct afcq_charges want_charges;
	afcq_charges_of(&want_charges, &whole);

	size_t pieces[] = { 1, 7, 64, sizeof request };
	for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
		struct afcq_outgoing o;
		read_in_pieces(&o, request, pieces[k]);
		assert_int_equal(o.problems.n, 0);
		assert_non_null(o.body);
		assert_string_equal(o.body, want);
		assert_int_equal(o.req.n_inv, 2);
		for (size_t i = 0; i < o.req.n_inv; i++) {
			assert_int_equal(o.req.inv[i].n_itms, 0);
			assert_null(o.req.inv[i].itms);
			assert_true(o.req.inv[i].cmmt.set && !o.req.inv[i].cmmt.v);
		}
		assert_string_equal(o.req.inv[0].doc, "D-1");
		assert_int_equal(o.charges.n_inv, 2);
		for (size_t i = 0; i < 2; i++) {
			assert_int_equal(o.charges.inv[i].n, want_charges.inv[i].n);
			assert_memory_equal(o.charges.inv[i].v, want_charges.inv[i].v,
					    o.charges.inv[i].n * sizeof *o.charges.inv[i].v);
		}
		/* the pairs a catalog is asked about: not the engine's choice (-1) */
		assert_int_equal(o.pairs.n, 2);
		afcq_outgoing_done(&o);
		assert_null(o.body);
	}
	afcq_charges_done(&want_charges);
	free(want);
	afcq_request_done(&whole);
}

static void test_problems_and_refusals(void **state)
{
	(void)state;
	struct afcq_outgoing o;
	struct afcq_error err;
	/* a problem: no text to send, the problem said as the whole check says it */
	static const char no_date[] =
		"{\"inv\":[{\"bill\":{\"pcd\":3726100},\"cust\":0,\"itms\":[{\"chg\":1,\"sale\":1,"
		"\"tran\":19,\"serv\":6}]}]}";
	read_in_pieces(&o, no_date, 5);
	assert_int_equal(o.problems.n, 1);
	assert_string_equal(o.problems.v[0].path, "inv[0].date");
	assert_null(o.body);
	afcq_outgoing_done(&o);

	/* the relaxed syntax (a trailing comma) is for the tree reader */
	static const char relaxed[] = "{\"inv\":[{\"cust\":0,},]}";
	afcq_outgoing_init(&o);
	enum afcq_status st = afcq_outgoing_feed(&o, relaxed, strlen(relaxed), &err);
	if (st == AFCQ_OK)
		st = afcq_outgoing_finish(&o, &err);
	assert_int_equal(st, AFCQ_ERR_PARSE);
	afcq_outgoing_done(&o);

	/* an unfinished text */
	afcq_outgoing_init(&o);
	assert_int_equal(afcq_outgoing_feed(&o, request, 100, &err), AFCQ_OK);
	assert_int_equal(afcq_outgoing_finish(&o, &err), AFCQ_ERR_PARSE);
	afcq_outgoing_done(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_text_and_charges),
		cmocka_unit_test(test_problems_and_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
