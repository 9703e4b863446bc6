/* Tests of the AFC operations: the send/parse/record pipeline against a
 * scripted server (malformed, empty, HTTP and API-level failures, history
 * written before sending).  Preparing requests is in test_api_prepare.c;
 * round trips against the real sandbox are in test_sandbox_launch.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afcq/api.h"
#include "afcq/codec.h"
#include "afcq/history.h"
#include "afcq/money.h"
#include "afcq/str.h"
#include "api_testlib.h"
#include "httpd_fixture.h"
#include "net_testlib.h"

/* One VoIP access line for a residential customer in Dallas, TX; the
 * request asks to commit, which a quote must override. */
static const char one_item_request[] =
	"{ \"cmpn\": { \"bscl\": 0, \"svcl\": 0, \"fclt\": true, \"frch\": false, \"reg\": true },\n"
	"  \"inv\": [ { \"doc\": \"T-DOC-1\", \"cmmt\": true, \"bill\": { \"pcd\": 3726100 },\n"
	"      \"cust\": 0, \"date\": \"2022-03-02\",\n"
	"      \"itms\": [ { \"ref\": \"a\", \"chg\": 15, \"sale\": 1, \"tran\": 19, \"serv\": 6 } ] } ] }";

/* A well-formed answer for one_item_request: one tax of 0.9375. */
static const char one_tax_answer[] =
	"{\"inv\":[{\"doc\":\"T-DOC-1\",\"itms\":[{\"ref\":\"a\",\"txs\":[{\"bill\":true,"
	"\"cmpl\":true,\"tm\":15.0,\"calc\":1,\"cat\":\"SALES AND USE TAXES\",\"cid\":1,"
	"\"name\":\"Sales Tax\",\"exm\":0.0,\"lns\":0,\"min\":0.0,\"pcd\":3726100,"
	"\"rate\":0.0625,\"sur\":false,\"tax\":0.9375,\"lvl\":1,\"tid\":1}]}]}]}";

/* The same item refused at item level. */
static const char item_error_answer[] =
	"{\"inv\":[{\"doc\":\"T-DOC-1\",\"itms\":[{\"ref\":\"a\",\"err\":[{\"code\":-1000,"
	"\"msg\":\"Invalid transaction/service pair.\"}]}]}]}";

struct fx {
	struct httpd_fixture *srv;
	struct afcq_client *client;
	struct afcq_history *history;
	struct afcq_api_ctx ctx;
	char dir[PATH_MAX];
	struct afcq_request req;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	fx->srv = net_test_start(&fx->client);
	api_test_temp_dir(fx->dir, sizeof fx->dir);
	char *path = afcq_xasprintf("%s/history.sqlite", fx->dir);
	struct afcq_error err;
	fx->history = afcq_history_open(path, &err);
	free(path);
	assert_non_null(fx->history);
	fx->ctx = (struct afcq_api_ctx){ .client = fx->client, .history = fx->history,
					 .endpoint_label = "fixture" };
	api_test_parse_request(one_item_request, &fx->req);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	afcq_request_done(&fx->req);
	afcq_history_close(fx->history);
	net_test_stop(fx->srv, fx->client);
	api_test_remove_tree(fx->dir);
	free(fx);
	return 0;
}

static void get_entry(struct fx *fx, int64_t id, struct afcq_history_entry *e)
{
	struct afcq_error err;
	memset(e, 0, sizeof *e);
	assert_true(id > 0);
	assert_int_equal(afcq_history_get(fx->history, id, e, &err), AFCQ_OK);
}

static size_t history_count(struct fx *fx)
{
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	assert_int_equal(afcq_history_list(fx->history, 0, &v, &n, &err), AFCQ_OK);
	afcq_history_list_free(v, n);
	return n;
}

/* ---- the pipeline against the scripted server ------------------------------ */

static void test_quote_sent_without_commit_and_recorded(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, "Content-Type: application/json", one_tax_answer, 0);
	struct afcq_exchange x;
	struct afcq_error err;
	enum afcq_status st = afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err);
	char line[1024];
	if (st != AFCQ_OK)
		fail_msg("%s", afcq_error_line(&err, line, sizeof line));

	/* What went out: the encoded request, cmmt false, to CalcTaxes. */
	net_test_expect_last(fx->srv, "POST", "/api/v2/afc/CalcTaxes", x.request_body);
	struct afcq_request sent;
	api_test_parse_request(x.request_body, &sent);
	assert_true(sent.inv[0].cmmt.set);
	assert_false(sent.inv[0].cmmt.v);
	afcq_request_done(&sent);

	/* What came back, parsed and kept as received. */
	assert_int_equal(x.op, AFCQ_OP_QUOTE);
	assert_string_equal(x.http.body, one_tax_answer);
	assert_int_equal(x.response.n_inv, 1);
	assert_int_equal(x.response.inv[0].itms[0].n_txs, 1);
	assert_true(x.response.inv[0].itms[0].txs[0].tax == 0.9375);

	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_string_equal(e.kind, "quote");
	assert_string_equal(e.endpoint, "fixture");
	assert_int_equal(e.outcome, AFCQ_OUTCOME_OK);
	assert_int_equal(e.http_status, 200);
	assert_string_equal(e.request, x.request_body);
	assert_string_equal(e.response, one_tax_answer);
	assert_true(e.has_total);
	assert_true(fabs(e.total - 15.9375) < 1e-9);
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);
}

static void test_invoice_recorded_before_sending(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, one_tax_answer, 400);
	struct afcq_request inv;
	memset(&inv, 0, sizeof inv);
	afcq_api_prepare_invoice(&inv, &fx->req, "INV-5", "DOC-5", false);
	struct afcq_error err;
	struct afcq_pending *p = afcq_api_start_calc(&fx->ctx, AFCQ_OP_INVOICE, &inv, &err);
	assert_non_null(p);

	/* While the server thinks, the record is already there, pending. */
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	assert_int_equal(afcq_history_list(fx->history, 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].outcome, AFCQ_OUTCOME_PENDING);
	assert_string_equal(v[0].kind, "invoice");
	assert_string_equal(v[0].doc, "DOC-5");
	assert_string_equal(v[0].invn, "INV-5");
	int64_t id = v[0].id;
	afcq_history_list_free(v, n);
	assert_true(afcq_history_doc_used(fx->history, "DOC-5"));
	assert_false(afcq_pending_done(p));

	while (!afcq_pending_done(p))
		afcq_client_pump(fx->client, 50);
	assert_true(afcq_pending_elapsed_ms(p) >= 300);
	struct afcq_exchange x;
	assert_int_equal(afcq_api_finish(&fx->ctx, p, &x, &err), AFCQ_OK);
	assert_int_equal(x.history_id, id);
	struct afcq_history_entry e;
	get_entry(fx, id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_OK);
	assert_true(e.latency_ms >= 300);
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);
	afcq_request_done(&inv);
}

static void test_api_errors_in_answer(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, item_error_answer, 0);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err), AFCQ_ERR_API);
	assert_int_equal(err.status, AFCQ_ERR_API);
	assert_string_equal(err.where, "inv[0].itms[0]");
	assert_string_equal(err.msg, "error -1000: Invalid transaction/service pair.");
	/* The answer is still there to show. */
	assert_int_equal(x.response.inv[0].itms[0].err.n, 1);
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_API_ERROR);
	assert_false(e.has_total);
	assert_non_null(strstr(e.detail, "-1000"));
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);
}

static void test_request_level_error(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL,
			     "{\"inv\":[],\"err\":[{\"code\":-2000,\"msg\":\"Bad request\"},"
			     "{\"code\":-2001,\"msg\":\"Worse\"}]}",
			     0);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err), AFCQ_ERR_API);
	assert_string_equal(err.where, "err");
	assert_string_equal(err.msg, "error -2000: Bad request (2 errors in all)");
	afcq_exchange_done(&x);
}

static void test_malformed_answer(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, "<html>Service Unavailable</html>", 0);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err),
			 AFCQ_ERR_PARSE);
	assert_int_equal(err.cause, AFCQ_CAUSE_MALFORMED);
	char want[256];
	snprintf(want, sizeof want, "%s/api/v2/afc/CalcTaxes", httpd_fixture_url(fx->srv));
	assert_string_equal(err.where, want);
	assert_non_null(strstr(err.msg, "malformed answer"));
	assert_string_equal(x.http.body, "<html>Service Unavailable</html>");
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_FAILED);
	assert_string_equal(e.response, "<html>Service Unavailable</html>");
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);

	/* JSON, but not an answer to CalcTaxes. */
	httpd_fixture_script(fx->srv, 200, NULL, "[1,2,3]", 0);
	assert_int_equal(afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err),
			 AFCQ_ERR_PARSE);
	assert_int_equal(err.cause, AFCQ_CAUSE_MALFORMED);
	afcq_exchange_done(&x);
}

static void test_empty_answer(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, " \r\n", 0);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err),
			 AFCQ_ERR_PARSE);
	assert_int_equal(err.cause, AFCQ_CAUSE_EMPTY);
	assert_non_null(strstr(err.msg, "empty answer"));
	afcq_exchange_done(&x);
}

/* A 200 that answers no invoice is not an answer: malformed, naming the
 * invoice without results, recorded as failed. */
static void test_answer_without_invoices(void **state)
{
	struct fx *fx = *state;
	const char *bodies[] = { "{}", "{\"inv\": []}" };
	for (size_t i = 0; i < 2; i++) {
		httpd_fixture_script(fx->srv, 200, NULL, bodies[i], 0);
		struct afcq_exchange x;
		struct afcq_error err;
		assert_int_equal(afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err),
				 AFCQ_ERR_PARSE);
		assert_int_equal(err.cause, AFCQ_CAUSE_MALFORMED);
		assert_string_equal(err.msg, "malformed answer: no results for invoice 1 of 1");
		assert_int_equal(afcq_status_exit_code(err.status), 4);
		struct afcq_history_entry e;
		get_entry(fx, x.history_id, &e);
		assert_int_equal(e.outcome, AFCQ_OUTCOME_FAILED);
		assert_non_null(strstr(e.detail, "no results for invoice 1 of 1"));
		afcq_history_entry_done(&e);
		afcq_exchange_done(&x);
	}
	/* A request-level err with no invoices is the API's refusal. */
	httpd_fixture_script(fx->srv, 200, NULL,
			     "{\"err\":[{\"code\":-2000,\"msg\":\"No invoices.\"}]}", 0);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err),
			 AFCQ_ERR_API);
	afcq_exchange_done(&x);
}

static void test_http_error_recorded(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 401, "error: Invalid credentials", "", 0);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_commit(&fx->ctx, "DOC-1", true, &x, &err), AFCQ_ERR_HTTP);
	assert_int_equal(err.http_status, 401);
	assert_string_equal(err.msg, "HTTP 401: Invalid credentials");
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_string_equal(e.kind, "commit");
	assert_int_equal(e.outcome, AFCQ_OUTCOME_FAILED);
	assert_int_equal(e.http_status, 401);
	assert_non_null(strstr(e.detail, "Invalid credentials"));
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);
}

static void test_invalid_request_not_sent(void **state)
{
	struct fx *fx = *state;
	free(fx->req.inv[0].date);
	fx->req.inv[0].date = afcq_xstrdup("2023-02-30");
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &x, &err),
			 AFCQ_ERR_INVALID);
	assert_string_equal(err.where, "inv[0].date");
	assert_int_equal(httpd_fixture_requests(fx->srv), 0);
	assert_int_equal(history_count(fx), 0);
	assert_null(x.request_body);
	afcq_exchange_done(&x);

	/* A commit without a document code is not sent either. */
	assert_int_equal(afcq_api_commit(&fx->ctx, "", true, &x, &err), AFCQ_ERR_INVALID);
	assert_int_equal(httpd_fixture_requests(fx->srv), 0);
	afcq_exchange_done(&x);
}

static void test_refused_is_recorded_as_failed(void **state)
{
	struct fx *fx = *state;
	int port;
	int s = net_test_refusing_port(&port);
	char base[64];
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	struct afcq_endpoint ep = { .base_url = base };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_api_ctx ctx = { .client = c, .history = fx->history, .endpoint_label = base };

	struct afcq_request inv;
	memset(&inv, 0, sizeof inv);
	afcq_api_prepare_invoice(&inv, &fx->req, "INV-R", "DOC-R", true);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_calc(&ctx, AFCQ_OP_INVOICE, &inv, &x, &err), AFCQ_ERR_NET);
	char line[512], want[256];
	snprintf(want, sizeof want, "%s/api/v2/afc/CalcTaxes: connection refused", base);
	assert_string_equal(afcq_error_line(&err, line, sizeof line), want);
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_FAILED);
	assert_string_equal(e.detail, want);
	assert_null(e.response);
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);
	afcq_request_done(&inv);
	afcq_client_free(c);
	close(s);
}

static void test_cancel_is_recorded(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, one_tax_answer, 3000);
	struct afcq_error err;
	struct afcq_pending *p = afcq_api_start_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &err);
	assert_non_null(p);
	afcq_client_pump(fx->client, 50);
	assert_false(afcq_pending_done(p));
	afcq_pending_cancel(p);
	assert_true(afcq_pending_done(p));
	struct afcq_exchange x;
	assert_int_equal(afcq_api_finish(&fx->ctx, p, &x, &err), AFCQ_ERR_CANCELLED);
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_CANCELLED);
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);
}

static void test_commit_and_uncommit(void **state)
{
	struct fx *fx = *state;
	struct afcq_exchange x;
	struct afcq_error err;

	httpd_fixture_script(fx->srv, 200, NULL, "{\"ok\":true,\"err\":[]}", 0);
	assert_int_equal(afcq_api_commit(&fx->ctx, "DOC-C", true, &x, &err), AFCQ_OK);
	net_test_expect_last(fx->srv, "POST", "/api/v2/afc/Commit", NULL);
	struct afcq_commit_request sent = { 0 };
	char *body = httpd_fixture_last_body(fx->srv);
	assert_int_equal(afcq_codec_parse_commit_request(body, strlen(body), &sent, &err), AFCQ_OK);
	assert_string_equal(sent.doc, "DOC-C");
	assert_true(sent.cmmt.set && sent.cmmt.v);
	afcq_commit_request_done(&sent);
	free(body);
	assert_true(x.commit.ok.set && x.commit.ok.v);
	afcq_exchange_done(&x);

	httpd_fixture_script(fx->srv, 200, NULL,
			     "{\"ok\":false,\"err\":[{\"code\":-2000,"
			     "\"msg\":\"No transactions found for document code.\"}]}",
			     0);
	assert_int_equal(afcq_api_commit(&fx->ctx, "DOC-X", false, &x, &err), AFCQ_ERR_API);
	assert_string_equal(err.msg, "error -2000: No transactions found for document code.");
	body = httpd_fixture_last_body(fx->srv);
	assert_int_equal(afcq_codec_parse_commit_request(body, strlen(body), &sent, &err), AFCQ_OK);
	assert_true(sent.cmmt.set && !sent.cmmt.v);
	afcq_commit_request_done(&sent);
	free(body);
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_string_equal(e.kind, "uncommit");
	assert_string_equal(e.doc, "DOC-X");
	assert_int_equal(e.outcome, AFCQ_OUTCOME_API_ERROR);
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);

	/* ok false with no err entries is still a refusal. */
	httpd_fixture_script(fx->srv, 200, NULL, "{\"ok\":false}", 0);
	assert_int_equal(afcq_api_commit(&fx->ctx, "DOC-Y", true, &x, &err), AFCQ_ERR_API);
	afcq_exchange_done(&x);
}

/* The service's sample answers a commit with the request echoed: done.
 * Any other answer leaves the outcome unknown, recorded as such. */
static void test_commit_answer_shapes(void **state)
{
	struct fx *fx = *state;
	struct afcq_exchange x;
	struct afcq_error err;

	httpd_fixture_script(fx->srv, 200, NULL, "{\"doc\":\"DOC-E\",\"cmmt\":true}", 0);
	assert_int_equal(afcq_api_commit(&fx->ctx, "DOC-E", true, &x, &err), AFCQ_OK);
	afcq_exchange_done(&x);
	httpd_fixture_script(fx->srv, 200, NULL, "{\"doc\":\"DOC-E\",\"cmmt\":false}", 0);
	assert_int_equal(afcq_api_commit(&fx->ctx, "DOC-E", false, &x, &err), AFCQ_OK);
	afcq_exchange_done(&x);

	const char *unknown[] = {
		"{}",
		"{\"doc\":\"DOC-E\"}",
		"{\"doc\":\"OTHER\",\"cmmt\":true}",
		"{\"doc\":\"DOC-E\",\"cmmt\":false}",
		"{\"status\":\"queued\"}",
	};
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		httpd_fixture_script(fx->srv, 200, NULL, unknown[i], 0);
		assert_int_equal(afcq_api_commit(&fx->ctx, "DOC-E", true, &x, &err),
				 AFCQ_ERR_PARSE);
		assert_int_equal(err.cause, AFCQ_CAUSE_UNKNOWN_OUTCOME);
		assert_int_equal(afcq_status_exit_code(err.status), 4);
		assert_non_null(strstr(err.msg, "outcome unknown"));
		assert_non_null(strstr(err.msg, "DOC-E"));
		struct afcq_history_entry e;
		get_entry(fx, x.history_id, &e);
		assert_int_equal(e.outcome, AFCQ_OUTCOME_PENDING);
		assert_string_equal(afcq_outcome_name(e.outcome), "outcome unknown");
		assert_string_equal(e.response, unknown[i]);
		assert_non_null(strstr(e.detail, "outcome unknown"));
		afcq_history_entry_done(&e);
		afcq_exchange_done(&x);
	}
}

static void expect_lookup(struct fx *fx, enum afcq_op op, const char *arg,
			  const struct afcq_pcode_request *pr, const char *answer,
			  const char *method, const char *path)
{
	httpd_fixture_script(fx->srv, 200, NULL, answer, 0);
	struct afcq_exchange x;
	struct afcq_error err;
	char line[1024];
	enum afcq_status st = afcq_api_lookup(&fx->ctx, op, arg, pr, &x, &err);
	if (st != AFCQ_OK)
		fail_msg("%s: %s", afcq_op_name(op), afcq_error_line(&err, line, sizeof line));
	net_test_expect_last(fx->srv, method, path, NULL);
	assert_int_equal(x.history_id, 0);
	afcq_exchange_done(&x);
}

static void test_lookups(void **state)
{
	struct fx *fx = *state;
	expect_lookup(fx, AFCQ_OP_TSPAIRS, NULL, NULL, "[]", "GET", "/api/v2/afc/tspairs");
	expect_lookup(fx, AFCQ_OP_TAXTYPE, "*", NULL, "[]", "GET", "/api/v2/afc/taxtype/*");
	expect_lookup(fx, AFCQ_OP_TAXTYPE, "525", NULL, "[]", "GET", "/api/v2/afc/taxtype/525");
	const char *pc = "{\"LocationData\":[],\"MatchCount\":0}";
	expect_lookup(fx, AFCQ_OP_LOCATION, "2604100", NULL, pc, "GET",
		      "/api/v2/afc/location/2604100");
	expect_lookup(fx, AFCQ_OP_PRIMARY, "2604100", NULL, pc, "GET",
		      "/api/v2/afc/primary/2604100");
	struct afcq_pcode_request pr = { .zip = "75201" };
	expect_lookup(fx, AFCQ_OP_PCODE, NULL, &pr, pc, "POST", "/api/v2/afc/PCode");
	char *body = httpd_fixture_last_body(fx->srv);
	assert_non_null(strstr(body, "75201"));
	free(body);
	expect_lookup(fx, AFCQ_OP_SERVICEINFO, NULL, NULL,
		      "{\"ServerTime\":\"2022-03-02T00:00:00Z\"}", "GET",
		      "/api/v2/afc/serviceinfo");
	/* Lookups are not history. */
	assert_int_equal(history_count(fx), 0);

	unsigned before = httpd_fixture_requests(fx->srv);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_lookup(&fx->ctx, AFCQ_OP_TAXTYPE, "../x", NULL, &x, &err),
			 AFCQ_ERR_INVALID);
	assert_int_equal(afcq_api_lookup(&fx->ctx, AFCQ_OP_PRIMARY, "*", NULL, &x, &err),
			 AFCQ_ERR_INVALID);
	assert_int_equal(afcq_api_lookup(&fx->ctx, AFCQ_OP_QUOTE, "1", NULL, &x, &err),
			 AFCQ_ERR_USAGE);
	assert_int_equal(httpd_fixture_requests(fx->srv), before);
	afcq_exchange_done(&x);
}

/* ---- finishing in three steps: take, decode on another thread, record ---- */

struct decode_job {
	struct afcq_exchange *x;
	enum afcq_status st;
	struct afcq_error err;
};

static void *decode_job_main(void *arg)
{
	struct decode_job *j = arg;
	j->st = afcq_api_decode(j->x, &j->err);
	return NULL;
}

static void test_take_decode_on_thread_record(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, "Content-Type: application/json", one_tax_answer, 0);
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_pending *p = afcq_api_start_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &err);
	assert_non_null(p);
	while (!afcq_pending_done(p))
		afcq_client_pump(fx->client, 50);

	struct afcq_exchange x;
	assert_int_equal(afcq_api_take(&fx->ctx, p, &x, &err), AFCQ_OK);
	/* Taken, not parsed, not yet recorded. */
	assert_int_equal(x.op, AFCQ_OP_QUOTE);
	assert_string_equal(x.http.body, one_tax_answer);
	assert_int_equal(x.response.n_inv, 0);
	assert_int_equal(x.sent.n_inv, 1);
	assert_true(x.history_id > 0);
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_PENDING);
	afcq_history_entry_done(&e);

	struct decode_job job = { .x = &x, .st = AFCQ_ERR_USAGE };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, decode_job_main, &job), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(job.st, AFCQ_OK);
	assert_int_equal(x.response.n_inv, 1);
	assert_int_equal(x.response.inv[0].itms[0].n_txs, 1);
	assert_true(x.response.inv[0].itms[0].txs[0].tax == 0.9375);
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_PENDING);
	afcq_history_entry_done(&e);

	afcq_api_record(&fx->ctx, &x, job.st, &job.err);
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_OK);
	assert_int_equal(e.http_status, 200);
	assert_string_equal(e.response, one_tax_answer);
	assert_true(e.has_total);
	assert_true(fabs(e.total - 15.9375) < 1e-9);
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);
}

/* afcq_api_start_calc in two steps: encoded on another thread, nothing
 * recorded or sent until afcq_api_send_calc; a discarded one never goes. */
struct encode_job {
	const struct afcq_request *req;
	enum afcq_op op;
	struct afcq_pending *p;
	struct afcq_error err;
};

static void *encode_job_main(void *arg)
{
	struct encode_job *j = arg;
	j->p = afcq_api_encode_calc(j->op, j->req, &j->err);
	return NULL;
}

static void test_encode_then_send(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, "Content-Type: application/json", one_tax_answer, 0);
	struct encode_job job = { .req = &fx->req, .op = AFCQ_OP_QUOTE };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, encode_job_main, &job), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_non_null(job.p);
	assert_int_equal(history_count(fx), 0);
	assert_int_equal(httpd_fixture_requests(fx->srv), 0);

	/* a discarded one is neither recorded nor sent */
	struct afcq_error err;
	struct afcq_pending *gone = afcq_api_encode_calc(AFCQ_OP_QUOTE, &fx->req, &err);
	assert_non_null(gone);
	afcq_api_discard(gone);

	struct afcq_pending *p = afcq_api_send_calc(&fx->ctx, job.p, &err);
	assert_non_null(p);
	assert_int_equal(history_count(fx), 1);
	while (!afcq_pending_done(p))
		afcq_client_pump(fx->client, 50);
	struct afcq_exchange x;
	assert_int_equal(afcq_api_finish(&fx->ctx, p, &x, &err), AFCQ_OK);
	assert_int_equal(httpd_fixture_requests(fx->srv), 1);
	/* sent as a quote: cmmt false */
	assert_non_null(strstr(x.request_body, "\"cmmt\":false"));
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_OK);
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);

	/* what the checks refuse is refused before anything is kept */
	free(fx->req.inv[0].date);
	fx->req.inv[0].date = afcq_xstrdup("2023-02-30");
	assert_null(afcq_api_encode_calc(AFCQ_OP_QUOTE, &fx->req, &err));
	assert_int_equal(err.status, AFCQ_ERR_INVALID);
	assert_string_equal(err.where, "inv[0].date");
	assert_int_equal(history_count(fx), 1);
}

/* decode reports what finish would, and record writes it. */
static void test_decode_errors_recorded(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, item_error_answer, 0);
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_pending *p = afcq_api_start_calc(&fx->ctx, AFCQ_OP_QUOTE, &fx->req, &err);
	assert_non_null(p);
	struct afcq_exchange x;
	assert_int_equal(afcq_api_take(&fx->ctx, p, &x, &err), AFCQ_OK);
	assert_int_equal(afcq_api_decode(&x, &err), AFCQ_ERR_API);
	assert_string_equal(err.where, "inv[0].itms[0]");
	afcq_api_record(&fx->ctx, &x, AFCQ_ERR_API, &err);
	struct afcq_history_entry e;
	get_entry(fx, x.history_id, &e);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_API_ERROR);
	assert_false(e.has_total);
	assert_non_null(e.detail);
	assert_non_null(strstr(e.detail, "Invalid transaction/service pair."));
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);

	/* An empty body: decode alone says so. */
	struct afcq_exchange y;
	memset(&y, 0, sizeof y);
	y.op = AFCQ_OP_QUOTE;
	y.http.body = afcq_xstrdup("  \n");
	y.http.len = 3;
	assert_int_equal(afcq_api_decode(&y, &err), AFCQ_ERR_PARSE);
	assert_int_equal(err.cause, AFCQ_CAUSE_EMPTY);
	afcq_exchange_done(&y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_quote_sent_without_commit_and_recorded, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_invoice_recorded_before_sending, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_api_errors_in_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_level_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_http_error_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_request_not_sent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_is_recorded_as_failed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cancel_is_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_and_uncommit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_answer_shapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answer_without_invoices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_encode_then_send, setup, teardown),
		cmocka_unit_test_setup_teardown(test_take_decode_on_thread_record, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_decode_errors_recorded, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
