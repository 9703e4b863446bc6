/* test_readback.c - the read-back text: customer, products, items in
 * words, each tax to the cent summed over the items, taxes not billed
 * apart, the totals; errors give no total; nothing but the quote in it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/readback.h"

static const char *REQ =
	"{\"cmpn\":{\"bscl\":0,\"idnt\":\"CertCompany\"},"
	"\"inv\":[{\"bill\":{\"pcd\":3726100},\"cust\":0,\"lfln\":true,\"date\":\"2022-03-02\","
	"\"acct\":\"ACCT-SECRET\",\"itms\":["
	"{\"chg\":15,\"tran\":19,\"serv\":6},"
	"{\"chg\":0,\"line\":3,\"tran\":19,\"serv\":21},"
	"{\"chg\":1,\"qty\":2,\"tran\":19,\"serv\":43},"
	"{\"line\":2,\"qty\":3,\"tran\":19,\"serv\":21}]}]}";

/* The state sales tax on two items (0.94 + 0.11 = 1.05 once summed), a
 * per-line tax, a tax not billed, a NO TAX placeholder. */
static const char *RESP =
	"{\"inv\":[{\"itms\":["
	"{\"txs\":[{\"tid\":1,\"lvl\":1,\"pcd\":3726100,\"name\":\"Sales Tax\",\"bill\":true,"
	"\"tax\":0.9375},"
	"{\"tid\":9,\"lvl\":0,\"pcd\":0,\"name\":\"Universal Service Fund\",\"bill\":false,"
	"\"tax\":0.4}]},"
	"{\"txs\":[{\"tid\":1,\"lvl\":1,\"pcd\":3726100,\"name\":\"Sales Tax\",\"bill\":true,"
	"\"tax\":0.1075},"
	"{\"tid\":60,\"lvl\":3,\"pcd\":3726100,\"name\":\"E-911\",\"bill\":true,\"tax\":1.86}]},"
	"{\"txs\":[{\"tid\":0,\"lvl\":0,\"pcd\":0,\"name\":\"NO TAX\",\"bill\":true,\"tax\":0,"
	"\"notax\":true}]}]}]}";

static const char *PAIRS =
	"[{\"TransactionType\":19,\"ServiceType\":6,\"TSPairDescription\":\"VoIP/Access Charge\"},"
	"{\"TransactionType\":19,\"ServiceType\":21,\"TSPairDescription\":\"VoIP/Lines\"}]";

struct fx {
	struct afcq_request req;
	struct afcq_response resp;
	struct afcq_tspair_list pairs;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct afcq_error err;
	afcq_error_clear(&err);
	afcq_request_init(&f->req);
	afcq_response_init(&f->resp);
	assert_int_equal(afcq_codec_parse_request(REQ, strlen(REQ), &f->req, &err), AFCQ_OK);
	assert_int_equal(afcq_codec_parse_response(RESP, strlen(RESP), &f->resp, &err), AFCQ_OK);
	assert_int_equal(afcq_codec_parse_tspairs(PAIRS, strlen(PAIRS), &f->pairs, &err), AFCQ_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	afcq_request_done(&f->req);
	afcq_response_done(&f->resp);
	afcq_tspair_list_done(&f->pairs);
	free(f);
	return 0;
}

static void test_whole_text(void **state)
{
	struct fx *f = *state;
	const char *products[] = { "VoIP residential line", "3 x VoIP line" };
	struct afcq_readback rb = { .customer = "Ada Lovelace", .products = products,
				    .n_products = 2, .req = &f->req, .resp = &f->resp,
				    .pairs = &f->pairs };
	char *t = afcq_readback_text(&rb);
	assert_string_equal(t,
			    "Customer: Ada Lovelace\n"
			    "Products: VoIP residential line, 3 x VoIP line\n"
			    "Items:\n"
			    "  VoIP/Access Charge: 15.00\n"
			    "  VoIP/Lines: 3 lines\n"
			    "  T/S 19/43: 2.00 (2 x 1.00)\n"
			    "  VoIP/Lines: 6 lines\n"
			    "Taxes and fees:\n"
			    "  Sales Tax (State): 1.05\n"
			    "  E-911 (City): 1.86\n"
			    "Not billed to the customer:\n"
			    "  Universal Service Fund (Federal): 0.40\n"
			    "Charges: 17.00\n"
			    "Total taxes and fees: 2.91\n"
			    "Total due: 19.91\n");
	/* nothing of the request but the quote: no account, no company id */
	assert_null(strstr(t, "ACCT-SECRET"));
	assert_null(strstr(t, "CertCompany"));
	free(t);
}

static void test_no_customer_no_catalog(void **state)
{
	struct fx *f = *state;
	struct afcq_readback rb = { .req = &f->req, .resp = &f->resp };
	char *t = afcq_readback_text(&rb);
	assert_non_null(strstr(t, "Items:\n  T/S 19/6: 15.00\n"));
	assert_null(strstr(t, "Customer:"));
	assert_null(strstr(t, "Products:"));
	assert_non_null(strstr(t, "Total due: 19.91\n"));
	free(t);
}

static void test_errors_give_no_total(void **state)
{
	struct fx *f = *state;
	struct afcq_response bad;
	struct afcq_error err;
	afcq_error_clear(&err);
	afcq_response_init(&bad);
	const char *j = "{\"inv\":[{\"err\":[{\"code\":1,\"msg\":\"bad PCode 99\"}],\"itms\":[]}]}";
	assert_int_equal(afcq_codec_parse_response(j, strlen(j), &bad, &err), AFCQ_OK);
	struct afcq_readback rb = { .req = &f->req, .resp = &bad };
	char *t = afcq_readback_text(&rb);
	assert_non_null(strstr(t, "Not priced: bad PCode 99\n"));
	assert_non_null(strstr(t, "No total: the answer holds errors.\n"));
	assert_null(strstr(t, "Total due"));
	free(t);
	afcq_response_done(&bad);
}

static void test_no_answer(void **state)
{
	(void)state;
	struct afcq_readback rb = { .customer = "" };
	char *t = afcq_readback_text(&rb);
	assert_string_equal(t, "No quote yet.\n");
	free(t);
}

static void test_two_invoices(void **state)
{
	struct fx *f = *state;
	struct afcq_request two;
	struct afcq_response r2;
	struct afcq_error err;
	afcq_error_clear(&err);
	afcq_request_init(&two);
	afcq_response_init(&r2);
	const char *rq = "{\"inv\":[{\"itms\":[{\"chg\":10,\"tran\":19,\"serv\":6}]},"
			 "{\"itms\":[{\"chg\":20,\"tran\":19,\"serv\":6}]}]}";
	const char *rs = "{\"inv\":[{\"itms\":[{\"txs\":[{\"tid\":1,\"lvl\":1,\"name\":\"Sales Tax\","
			 "\"bill\":true,\"tax\":0.625}]}]},"
			 "{\"itms\":[{\"txs\":[]}]}]}";
	assert_int_equal(afcq_codec_parse_request(rq, strlen(rq), &two, &err), AFCQ_OK);
	assert_int_equal(afcq_codec_parse_response(rs, strlen(rs), &r2, &err), AFCQ_OK);
	struct afcq_readback rb = { .req = &two, .resp = &r2, .pairs = &f->pairs };
	char *t = afcq_readback_text(&rb);
	assert_string_equal(t,
			    "Invoice 1 of 2\n"
			    "Items:\n"
			    "  VoIP/Access Charge: 10.00\n"
			    "Taxes and fees:\n"
			    "  Sales Tax (State): 0.63\n"
			    "Invoice 1 total: 10.63\n"
			    "Invoice 2 of 2\n"
			    "Items:\n"
			    "  VoIP/Access Charge: 20.00\n"
			    "Taxes and fees: none\n"
			    "Invoice 2 total: 20.00\n"
			    "Charges: 30.00\n"
			    "Total taxes and fees: 0.63\n"
			    "Total due: 30.63\n");
	free(t);
	afcq_request_done(&two);
	afcq_response_done(&r2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_whole_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_customer_no_catalog, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_give_no_total, setup, teardown),
		cmocka_unit_test(test_no_answer),
		cmocka_unit_test_setup_teardown(test_two_invoices, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
