/* test_api_unknown.c - an invoice that went out and got no answer (the
 * wait cancelled, a timeout) has an unknown outcome: history records it
 * pending, and the same invoice number is refused until it is resolved; a
 * quote cancelled the same way is just cancelled.  A scripted loopback
 * server (httpd_fixture) that answers late. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "afcq/api.h"
#include "afcq/history.h"
#include "api_testlib.h"
#include "httpd_fixture.h"
#include "net_testlib.h"

static const char request_text[] =
	"{ \"cmpn\": { \"bscl\": 0, \"svcl\": 0, \"fclt\": true, \"frch\": false, \"reg\": true },\n"
	"  \"inv\": [ { \"bill\": { \"pcd\": 3726100 }, \"cust\": 0, \"date\": \"2022-03-02\",\n"
	"      \"itms\": [ { \"ref\": \"a\", \"chg\": 15, \"sale\": 1, \"tran\": 19, \"serv\": 6 } ] } ] }";

struct fx {
	struct httpd_fixture *srv;
	struct afcq_client *client;
	struct afcq_history *history;
	struct afcq_api_ctx ctx;
	struct afcq_request req;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	fx->srv = net_test_start(&fx->client);
	struct afcq_error err;
	fx->history = afcq_history_open(":memory:", &err);
	assert_non_null(fx->history);
	fx->ctx = (struct afcq_api_ctx){ .client = fx->client, .history = fx->history,
					 .endpoint_label = "fixture" };
	api_test_parse_request(request_text, &fx->req);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	afcq_request_done(&fx->req);
	afcq_history_close(fx->history);
	net_test_stop(fx->srv, fx->client);
	free(fx);
	return 0;
}

/* Sends op, waits until the server holds the request, cancels the wait;
 * returns the history record's outcome. */
static enum afcq_outcome cancel_while_waiting(struct fx *fx, enum afcq_op op,
					      const struct afcq_request *req)
{
	httpd_fixture_script(fx->srv, 200, NULL, "{}", 5000);
	unsigned before = httpd_fixture_requests(fx->srv);
	struct afcq_error err;
	struct afcq_pending *p = afcq_api_start_calc(&fx->ctx, op, req, &err);
	assert_non_null(p);
	for (int i = 0; i < 200 && httpd_fixture_requests(fx->srv) == before; i++)
		afcq_client_pump(fx->client, 20);
	assert_int_equal(httpd_fixture_requests(fx->srv), before + 1);
	afcq_pending_cancel(p);
	struct afcq_exchange x;
	assert_int_equal(afcq_api_finish(&fx->ctx, p, &x, &err), AFCQ_ERR_CANCELLED);
	assert_true(x.http.request_sent);
	assert_int_equal(afcq_api_outcome_unknown(&x, AFCQ_ERR_CANCELLED), op == AFCQ_OP_INVOICE);
	struct afcq_history_entry e;
	assert_int_equal(afcq_history_get(fx->history, x.history_id, &e, &err), AFCQ_OK);
	enum afcq_outcome o = e.outcome;
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);
	return o;
}

static void test_invoice_without_answer_is_unknown(void **state)
{
	struct fx *fx = *state;
	struct afcq_request inv;
	memset(&inv, 0, sizeof inv);
	afcq_api_prepare_invoice(&inv, &fx->req, "INV-W", "DOC-W1", true);
	assert_int_equal(cancel_while_waiting(fx, AFCQ_OP_INVOICE, &inv), AFCQ_OUTCOME_PENDING);
	afcq_request_done(&inv);

	/* the same number again: refused, nothing sent */
	memset(&inv, 0, sizeof inv);
	afcq_api_prepare_invoice(&inv, &fx->req, "INV-W", "DOC-W2", true);
	unsigned before = httpd_fixture_requests(fx->srv);
	struct afcq_error err;
	assert_null(afcq_api_start_calc(&fx->ctx, AFCQ_OP_INVOICE, &inv, &err));
	assert_int_equal(err.status, AFCQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "document DOC-W1 sent "));
	assert_non_null(strstr(err.msg, "unknown outcome"));
	assert_int_equal(httpd_fixture_requests(fx->srv), before);
	assert_false(afcq_history_doc_used(fx->history, "DOC-W2"));
	afcq_request_done(&inv);
}

static void test_quote_without_answer_is_cancelled(void **state)
{
	struct fx *fx = *state;
	assert_int_equal(cancel_while_waiting(fx, AFCQ_OP_QUOTE, &fx->req), AFCQ_OUTCOME_CANCELLED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_invoice_without_answer_is_unknown, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_quote_without_answer_is_cancelled, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
