/* test_stream.c - the streaming answer decoder (stream.h) against the
 * jansson codec: every answer among the fixtures, and answers written here
 * for the corners (numbers as strings, err entries at every level, lone
 * objects, unknown keys, comments, repeated "inv"), decode to the same
 * model whole and fed in pieces down to one byte; what it refuses, the
 * callbacks, and letting used items go without changing the totals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/money.h"
#include "afcq/str.h"
#include "afcq/stream.h"

/* The model as text: what the codec emits for it, keys sorted. */
static char *model_text(const struct afcq_response *r)
{
	json_t *j = afcq_codec_response_to_json(r);
	char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION(17));
	json_decref(j);
	return s;
}

/* Feeds text to a stream in pieces of at most step bytes. */
static enum afcq_status stream_in_pieces(const char *text, size_t len, size_t step,
					 struct afcq_response *out, struct afcq_error *err)
{
	struct afcq_stream *s = afcq_stream_new(out, NULL, NULL, NULL);
	enum afcq_status st = AFCQ_OK;
	for (size_t at = 0; at < len && st == AFCQ_OK; at += step)
		st = afcq_stream_feed(s, text + at, len - at < step ? len - at : step, err);
	if (st == AFCQ_OK)
		st = afcq_stream_finish(s, err);
	assert_int_equal(afcq_stream_fed(s), len);
	afcq_stream_free(s);
	return st;
}

/* The streamed model equals the tree codec's, whole and in pieces. */
static void same_as_tree(const char *name, const char *text, size_t len)
{
	struct afcq_response tree = { 0 }, streamed = { 0 };
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_codec_parse_response(text, len, &tree, &err) != AFCQ_OK)
		fail_msg("%s: the tree codec refuses it: %s", name, err.msg);
	char *want = model_text(&tree);
	const size_t steps[] = { len ? len : 1, 4096, 7, 1 };
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
		afcq_error_clear(&err);
		if (stream_in_pieces(text, len, steps[k], &streamed, &err) != AFCQ_OK)
			fail_msg("%s (pieces of %zu): refused: %s: %s", name, steps[k], err.where,
				 err.msg);
		char *got = model_text(&streamed);
		if (strcmp(want, got) != 0)
			fail_msg("%s (pieces of %zu): models differ\ntree:     %s\nstreamed: %s", name,
				 steps[k], want, got);
		free(got);
		afcq_response_done(&streamed);
	}
	free(want);
	afcq_response_done(&tree);
}

static char *read_path(const char *path, size_t *len)
{
	char *text = afcq_read_file(path, len);
	if (!text)
		fail_msg("cannot read %s", path);
	return text;
}

/* Every *.json in dir whose name starts with prefix (NULL: every one). */
static size_t each_fixture(const char *dir, const char *prefix)
{
	const char *top = getenv("AFCQ_TOP");
	char folder[1024];
	snprintf(folder, sizeof folder, "%s/%s", top && *top ? top : ".", dir);
	DIR *d = opendir(folder);
	if (!d)
		fail_msg("cannot open %s", folder);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t nl = strlen(e->d_name);
		if (nl < 5 || strcmp(e->d_name + nl - 5, ".json") != 0)
			continue;
		if (prefix && strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char path[2048];
		snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
		size_t len;
		char *text = read_path(path, &len);
		same_as_tree(e->d_name, text, len);
		free(text);
		n++;
	}
	closedir(d);
	return n;
}

static void test_fixture_answers(void **state)
{
	(void)state;
	assert_true(each_fixture("tests/fixtures/codec", "response") >= 2);
	assert_true(each_fixture("tests/fuzz/answer", NULL) >= 8);
}

static void same(const char *text)
{
	same_as_tree(text, text, strlen(text));
}

static void test_corners(void **state)
{
	(void)state;
	/* Numbers written as strings, in every kind of numeric field. */
	same("{\"inv\":[{\"doc\":\"D\",\"itms\":[{\"ref\":\"1\",\"base\":\"15.50\",\"txs\":[{"
	     "\"bill\":true,\"cmpl\":false,\"tm\":\"15.5\",\"calc\":\"1\",\"cat\":\"S\",\"cid\":\"01\","
	     "\"name\":\"T\",\"exm\":\"0\",\"lns\":\"3\",\"min\":\"0.0\",\"pcd\":\"03726100\","
	     "\"taxpcd\":\"7\",\"rate\":\" 0.01 \",\"sur\":false,\"tax\":\"1e-2\",\"lvl\":\"3\","
	     "\"tid\":\"33\",\"chg\":\"2\",\"trans\":\"19\",\"svc\":\"6\"}]}],"
	     "\"summ\":[{\"max\":\"2147483647\",\"min\":0,\"tchg\":\"15.5\",\"calc\":1,\"cat\":\"S\","
	     "\"cid\":1,\"name\":\"T\",\"exm\":0,\"lns\":\"0\",\"pcd\":\"3726100\",\"rate\":0.01,"
	     "\"sur\":false,\"tax\":0.155,\"lvl\":3,\"tid\":33}]}]}");
	/* err entries at every level, a bridge participant's bare message,
	 * an item without taxes, an empty txs kept, codes as strings. */
	same("{\"err\":[{\"code\":\"-1\",\"msg\":\"request\"}],\"inv\":[{\"err\":[{\"code\":"
	     "-5,\"msg\":\"invoice\"},{\"msg\":\"no code\"}],\"itms\":[{\"ref\":\"a\",\"err\":[{"
	     "\"code\":1001,\"msg\":\"item\"}]},{\"ref\":\"b\",\"txs\":[]},{\"ref\":\"c\",\"brdg\":"
	     "[{\"ref\":\"p1\",\"tran\":1,\"serv\":2,\"err\":\"bare\"},{\"ref\":\"p2\",\"txs\":[{"
	     "\"tax\":1.25,\"bill\":true}]}]}],\"summ\":[]}]}");
	/* Nulls as absent, unknown keys holding
	 * anything, comments, a reporting block, whole numbers as reals. */
	same("/* answer */ {\"zz\":{\"a\":[1,{\"b\":[[],{}]}],\"c\":null},\"inv\":[{\"doc\":null,"
	     "\"incrf\":{\"acct\":\"A\",\"invn\":\"I\",\"extra\":[1]},\"itms\":[{\"ref\":\"r\","
	     "\"txs\":[{\"tax\":2.0,\"lns\":3.0,\"tid\":null,\"unknown\":{\"x\":[true]}}]}]}]}");
	/* A repeated top-level inv adds its invoices. */
	same("{\"inv\":[{\"doc\":\"A\"}],\"x\":1,\"inv\":[{\"doc\":\"B\"},{\"doc\":\"C\"}]}");
	/* Strings with escapes and UTF-8, a byte order mark. */
	same("\xEF\xBB\xBF{\"inv\":[{\"doc\":\"\\u00e9t\\u00e9 \\\"q\\\" \xc3\xa9\\n\\\\ud83d\xf0\x9f\x98\x80\"}]}");
	same("{}");
	same("{\"inv\":[]}");
}

/* What the stream refuses, the tree codec refuses too, or reads only
 * through its relaxed syntax (the caller falls back on it). */
static void refused(const char *text, bool tree_too)
{
	struct afcq_response r = { 0 };
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_stream_decode(text, strlen(text), &r, &err) != AFCQ_ERR_PARSE)
		fail_msg("streamed, not refused: %s", text);
	assert_true(err.msg[0] != 0);
	afcq_response_done(&r);
	afcq_error_clear(&err);
	enum afcq_status st = afcq_codec_parse_response(text, strlen(text), &r, &err);
	afcq_response_done(&r);
	if (tree_too)
		assert_int_equal(st, AFCQ_ERR_PARSE);
	else
		assert_int_equal(st, AFCQ_OK);
}

static void test_refusals(void **state)
{
	(void)state;
	refused("", true);
	refused("   ", true);
	refused("[]", true);
	refused("{\"inv\":[{\"doc\":\"A\"}]", true);
	refused("{\"inv\":[{\"itms\":[{\"txs\":[{\"tax\":\"x\"}]}]}]}", true);
	refused("{\"inv\":[{\"itms\":[{\"txs\":[{\"tid\":1.5}]}]}]}", true);
	refused("{\"inv\":[{\"itms\":[{\"txs\":[{\"bill\":1}]}]}]}", true);
	refused("{\"inv\":[{\"itms\":[{\"txs\":[{\"cid\":99999999999}]}]}]}", true);
	refused("{\"inv\":[{\"itms\":[{\"txs\":[{\"pcd\":99999999999999999999}]}]}]}", true);
	refused("{\"inv\":[{\"itms\":[{\"txs\":[{\"tax\":1e999}]}]}]}", true);
	refused("{\"inv\":[1]}", true);
	refused("{\"inv\":[{\"itms\":{}}]}", true);
	refused("{\"inv\":{}}", true);
	refused("{\"inv\":[{\"itms\":\"x\"}]}", true);
	refused("{\"inv\":[{\"doc\":\"a\\u0000b\"}]}", true);
	refused("{\"inv\":[{\"doc\":{}}]}", true);
	refused("{\"inv\":[]} {}", true);
	refused("{\"inv\":[]} \"", true);
	refused("{\"inv\":[{\"doc\":\"\\ud800\"}]}", true);
	refused("{\"inv\":[{\"doc\":\"\\ud800\\u0041\"}]}", true);
	refused("{\"inv\":[{\"doc\":\"\xc0\x80\"}]}", true);
	refused("{\"inv\":[{\"doc\":\"\xed\xa0\x80\"}]}", true);
	refused("{\"inv\":\f[]}", true);
	/* Relaxed syntax and repeated keys: the tree codec reads them. */
	refused("{\"inv\":[{\"doc\":\"A\",},]}", false);
	refused("{\"inv\":[{\"itms\":[{\"txs\":[{\"lns\":03}]}]}]}", false);
	refused("{\"inv\":[{\"doc\":\"A\",\"doc\":\"B\"}]}", false);
	refused("{\"inv\":[]} // a comment after the answer", false);

	/* The error names the field, as the tree codec does. */
	struct afcq_response r = { 0 };
	struct afcq_error err;
	const char *bad = "{\"inv\":[{\"itms\":[{},{\"txs\":[{},{\"tax\":\"x\"}]}]}]}";
	assert_int_equal(afcq_stream_decode(bad, strlen(bad), &r, &err), AFCQ_ERR_PARSE);
	assert_string_equal(err.where, "inv[0].itms[1].txs[1].tax");
	afcq_response_done(&r);
}

/* ---- callbacks ------------------------------------------------------------ */

struct seen {
	char log[512];
	bool release;
};

static bool on_item(void *ud, const struct afcq_stream_event *ev)
{
	struct seen *s = ud;
	const struct afcq_item_result *it = &ev->resp->inv[ev->inv].itms[ev->item];
	size_t n = strlen(s->log);
	snprintf(s->log + n, sizeof s->log - n, "item %zu.%zu %s %zu; ", ev->inv, ev->item,
		 it->ref ? it->ref : "-", it->n_txs);
	return s->release;
}

static bool on_invoice(void *ud, const struct afcq_stream_event *ev)
{
	struct seen *s = ud;
	size_t n = strlen(s->log);
	snprintf(s->log + n, sizeof s->log - n, "invoice %zu (%zu items); ", ev->inv, ev->item);
	return false;
}

static const char two_invoices[] =
	"{\"inv\":[{\"doc\":\"A\",\"itms\":[{\"ref\":\"a1\",\"txs\":[{\"bill\":true,\"tax\":1.5},"
	"{\"bill\":false,\"tax\":0.25}]},{\"ref\":\"a2\",\"txs\":[{\"bill\":true,\"tax\":2}],"
	"\"brdg\":[{\"ref\":\"p\",\"txs\":[{\"bill\":true,\"tax\":0.5}]}]}]},"
	"{\"doc\":\"B\",\"itms\":[{\"ref\":\"b1\",\"txs\":[{\"name\":\"NO TAX\",\"notax\":true,"
	"\"bill\":true,\"tax\":0}]}]}]}";

static void test_callbacks_and_release(void **state)
{
	(void)state;
	struct seen seen = { .release = false };
	struct afcq_response kept = { 0 }, let_go = { 0 };
	struct afcq_error err;
	struct afcq_stream *s = afcq_stream_new(&kept, on_item, on_invoice, &seen);
	assert_int_equal(afcq_stream_feed(s, two_invoices, sizeof two_invoices - 1, &err), AFCQ_OK);
	assert_int_equal(afcq_stream_finish(s, &err), AFCQ_OK);
	afcq_stream_free(s);
	assert_string_equal(seen.log, "item 0.0 a1 2; item 0.1 a2 1; invoice 0 (2 items); "
				      "item 1.0 b1 1; invoice 1 (1 items); ");

	seen = (struct seen){ .release = true };
	s = afcq_stream_new(&let_go, on_item, on_invoice, &seen);
	for (size_t i = 0; i < sizeof two_invoices - 1; i++)
		assert_int_equal(afcq_stream_feed(s, two_invoices + i, 1, &err), AFCQ_OK);
	assert_int_equal(afcq_stream_finish(s, &err), AFCQ_OK);
	afcq_stream_free(s);
	/* Released: the taxes are gone, their count and sums stay. */
	assert_int_equal(let_go.inv[0].itms[0].n_txs, 0);
	assert_null(let_go.inv[0].itms[0].txs);
	assert_int_equal(let_go.inv[0].itms[1].brdg[0].n_txs, 0);
	assert_string_equal(let_go.inv[0].itms[1].brdg[0].ref, "p");
	assert_int_equal(let_go.inv[0].itms[0].released.n, 2);
	assert_int_equal(let_go.inv[1].itms[0].released.n, 0); /* the placeholder */

	struct afcq_totals a, b;
	afcq_money_totals(NULL, &kept, (size_t)-1, &a);
	afcq_money_totals(NULL, &let_go, (size_t)-1, &b);
	assert_int_equal(a.n_taxes, 4);
	assert_int_equal(b.n_taxes, a.n_taxes);
	assert_true(b.billable == a.billable);
	assert_true(b.nonbillable == a.nonbillable);
	assert_true(b.total_due == a.total_due);
	assert_true(a.billable == 4.0);
	afcq_response_done(&kept);
	afcq_response_done(&let_go);
}

/* ---- requests -------------------------------------------------------------- */

static char *request_text(const struct afcq_request *r)
{
	return afcq_codec_request_dump(r, AFCQ_JSON_COMPACT);
}

/* Every request among the fixtures the stream reads (strict JSON) gives
 * the tree codec's model; the rest it refuses, and the tree reads them. */
static size_t each_request(const char *dir)
{
	const char *top = getenv("AFCQ_TOP");
	char folder[1024];
	snprintf(folder, sizeof folder, "%s/%s", top && *top ? top : ".", dir);
	DIR *d = opendir(folder);
	if (!d)
		fail_msg("cannot open %s", folder);
	size_t streamed = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t nl = strlen(e->d_name);
		if (nl < 5 || strcmp(e->d_name + nl - 5, ".json") != 0 ||
		    strstr(e->d_name, "response") || strstr(e->d_name, "commit") ||
		    strstr(e->d_name, "pcode") || strstr(e->d_name, "tspairs") ||
		    strstr(e->d_name, "taxtypes") || strstr(e->d_name, "serviceinfo"))
			continue;
		char path[2048];
		snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
		size_t len;
		char *text = read_path(path, &len);
		struct afcq_request tree, streamed_req;
		afcq_request_init(&tree);
		afcq_request_init(&streamed_req);
		struct afcq_error err;
		enum afcq_status tst = afcq_codec_parse_request(text, len, &tree, &err);
		if (afcq_stream_decode_request(text, len, &streamed_req, &err) == AFCQ_OK) {
			if (tst != AFCQ_OK)
				fail_msg("%s: streamed, but the tree codec refuses it", e->d_name);
			char *a = request_text(&tree), *b = request_text(&streamed_req);
			if (strcmp(a, b) != 0)
				fail_msg("%s: models differ\ntree:     %s\nstreamed: %s", e->d_name, a, b);
			/* the direct writer (request_text) against the tree's dump */
			json_t *j = afcq_codec_request_to_json(&tree);
			char *c = afcq_json_dump(j, AFCQ_JSON_COMPACT | AFCQ_JSON_WHOLE_BARE);
			char *w = afcq_codec_request_dump(&tree, AFCQ_JSON_COMPACT | AFCQ_JSON_WHOLE_BARE);
			json_decref(j);
			if (strcmp(c, w) != 0)
				fail_msg("%s: writer differs\ntree:   %s\nwriter: %s", e->d_name, c, w);
			free(c);
			free(w);
			free(a);
			free(b);
			streamed++;
		}
		afcq_request_done(&tree);
		afcq_request_done(&streamed_req);
		free(text);
	}
	closedir(d);
	return streamed;
}

static void test_requests(void **state)
{
	(void)state;
	size_t n = each_request("tests/fixtures/codec") + each_request("tests/fixtures/engine") +
		   each_request("tests/fixtures/requests");
	assert_true(n >= 10);
	/* Sub-objects, exemptions, lists, numbers as strings, a repeated inv. */
	const char *text =
		"{\"cfg\":{\"incrf\":true},\"cmpn\":{\"bscl\":\"0\",\"fclt\":true,\"idnt\":\"C\"},"
		"\"inv\":[{\"doc\":\"D\",\"bill\":{\"pcd\":3726100},\"cust\":0,\"date\":\"2022-03-02\","
		"\"itms\":[{\"ref\":\"1\",\"chg\":\"15.50\",\"sale\":1,\"tran\":19,\"serv\":6}]}],"
		"\"inv\":[{\"doc\":\"E\"}]}";
	struct afcq_request tree, streamed_req;
	afcq_request_init(&tree);
	afcq_request_init(&streamed_req);
	struct afcq_error err;
	assert_int_equal(afcq_codec_parse_request(text, strlen(text), &tree, &err), AFCQ_OK);
	assert_int_equal(afcq_stream_decode_request(text, strlen(text), &streamed_req, &err),
			 AFCQ_OK);
	char *a = request_text(&tree), *b = request_text(&streamed_req);
	assert_string_equal(a, b);
	assert_int_equal(streamed_req.n_inv, 2);
	free(a);
	free(b);
	afcq_request_done(&tree);
	afcq_request_done(&streamed_req);
	/* An object where one is due, and the relaxed syntax: refused. */
	const char *bad = "{\"cmpn\":[]}";
	assert_int_equal(afcq_stream_decode_request(bad, strlen(bad), &streamed_req, &err),
			 AFCQ_ERR_PARSE);
	assert_string_equal(err.where, "cmpn");
	const char *relaxed = "{\"inv\":[{\"doc\":\"A\",},]}";
	assert_int_equal(afcq_stream_decode_request(relaxed, strlen(relaxed), &streamed_req, &err),
			 AFCQ_ERR_PARSE);
}

/* ---- pretty-printing ---------------------------------------------------- */

/* text pretty-printed by afcq_pretty, fed in pieces of step bytes. */
static char *pretty_of(const char *text, size_t len, size_t step)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	assert_non_null(f);
	struct afcq_pretty *p = afcq_pretty_new(f);
	struct afcq_error err;
	for (size_t at = 0; at < len; at += step)
		assert_int_equal(afcq_pretty_feed(p, text + at, len - at < step ? len - at : step,
						  &err),
				 AFCQ_OK);
	assert_int_equal(afcq_pretty_finish(p, &err), AFCQ_OK);
	afcq_pretty_free(p);
	fclose(f);
	return out;
}

/* What -f json prints for a short answer: the tree, pretty. */
static char *tree_pretty(const char *text, size_t len)
{
	json_t *j = NULL;
	struct afcq_error err;
	assert_int_equal(afcq_json_parse(text, len, &j, &err), AFCQ_OK);
	char *s = afcq_json_dump(j, AFCQ_JSON_PRETTY);
	json_decref(j);
	size_t n = strlen(s);
	s = afcq_xrealloc(s, n + 2);
	if (!n || s[n - 1] != '\n')
		memcpy(s + n, "\n", 2);
	return s;
}

static void same_pretty(const char *name, const char *text, size_t len)
{
	char *want = tree_pretty(text, len);
	const size_t steps[] = { len ? len : 1, 7, 1 };
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
		char *got = pretty_of(text, len, steps[k]);
		if (strcmp(want, got) != 0)
			fail_msg("%s (pieces of %zu): laid out otherwise\ntree:   %s\npretty: %s", name,
				 steps[k], want, got);
		free(got);
	}
	free(want);
}

static void test_pretty(void **state)
{
	(void)state;
	const char *names[] = { "e01_streaming.json", "e03_dallas.json", "e18_p2p_incl_error.json",
				"e23_retnb_retext.json" };
	const char *top = getenv("AFCQ_TOP");
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/tests/fuzz/answer/%s", top && *top ? top : ".",
			 names[i]);
		size_t len;
		char *text = read_path(path, &len);
		same_pretty(names[i], text, len);
		free(text);
	}
	/* Empty levels, nesting, literals, escapes written as the dumper does. */
	const char *t = "{\"a\":{},\"b\":[],\"c\":[1,[2,{}],{\"d\":null}],\"e\":true,"
			"\"f\":\"x\\\"y\\n\\u00e9\",\"g\":[false]}";
	same_pretty("corners", t, strlen(t));
	/* Not JSON: refused. */
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	struct afcq_pretty *p = afcq_pretty_new(f);
	struct afcq_error err;
	assert_int_equal(afcq_pretty_feed(p, "{\"a\":}", 6, &err), AFCQ_ERR_PARSE);
	afcq_pretty_free(p);
	fclose(f);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_answers),
		cmocka_unit_test(test_corners),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_callbacks_and_release),
		cmocka_unit_test(test_requests),
		cmocka_unit_test(test_pretty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
