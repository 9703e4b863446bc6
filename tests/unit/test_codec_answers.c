/* test_codec_answers.c - the JSON codec on answers: CalcTaxes responses
 * (taxes, summaries, errors at every level, 10,000 items), Commit and the
 * lookups, each against small fixtures in the shapes of the AFC samples. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/str.h"
#include "codec_testlib.h"

static void test_response_mixed(void **state)
{
	(void)state;
	size_t len;
	char *text = codec_test_fixture("response_mixed.json", &len);
	struct afcq_response r;
	struct afcq_error err;
	afcq_response_init(&r);
	afcq_error_clear(&err);
	assert_int_equal(afcq_codec_parse_response(text, len, &r, &err), AFCQ_OK);
	assert_int_equal(r.n_inv, 2);
	const struct afcq_invoice_result *inv = &r.inv[0];
	assert_int_equal(inv->n_itms, 4);
	const struct afcq_tax *t = &inv->itms[0].txs[0];
	assert_true(t->bill && t->cmpl && t->sur);
	assert_true(t->tm == 35.099999999999994 && t->exm == 64.9 && t->rate == 0.0475);
	assert_true(t->tax == 1.6672499999999997);
	assert_int_equal(t->calc, 1);
	assert_int_equal(t->cid, 5);
	assert_int_equal(t->lvl, 1);
	assert_int_equal(t->tid, 454);
	assert_int_equal(t->pcd, 253500);
	assert_true(t->taxpcd.set && t->taxpcd.v == 377300);
	assert_true(t->chg.set && t->chg.v == 100.0);
	assert_false(inv->itms[0].txs[1].taxpcd.set);
	assert_int_equal(inv->itms[0].txs[1].lns, 1);
	/* Empty txs vs no txs. */
	assert_true(inv->itms[1].has_txs);
	assert_int_equal(inv->itms[1].n_txs, 0);
	assert_true(inv->itms[1].base.set && inv->itms[1].base.v == 91.5);
	assert_false(inv->itms[2].has_txs);
	assert_false(inv->itms[2].base.set);
	assert_true(inv->itms[3].txs[0].notax.v);
	assert_true(inv->has_summ);
	assert_int_equal(inv->n_summ, 1);
	assert_true(inv->summ[0].max == 2147483647.0 && inv->summ[0].tchg == 35.099999999999994);
	assert_true(inv->incrf.present);
	assert_string_equal(inv->incrf.ccydesc, "Canadian Dollar");
	assert_null(inv->incrf.custref);
	/* Invoice- and item-level errors. */
	const struct afcq_invoice_result *bad = &r.inv[1];
	assert_false(bad->has_summ);
	assert_int_equal(bad->err.n, 1);
	assert_int_equal(bad->err.v[0].code, -1000);
	assert_string_equal(bad->err.v[0].msg, "One or more LineItems failed.");
	assert_false(bad->itms[0].has_txs);
	assert_int_equal(bad->itms[0].err.n, 1);
	assert_non_null(strstr(bad->itms[0].err.v[0].msg, "private line"));

	/* Emitting gives the same document back, key order included. */
	json_t *orig = codec_test_fixture_json("response_mixed.json");
	json_t *out = afcq_codec_response_to_json(&r);
	assert_true(codec_test_json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_response_done(&r);
	free(text);
}

static void test_response_request_error(void **state)
{
	(void)state;
	size_t len;
	char *text = codec_test_fixture("response_request_error.json", &len);
	struct afcq_response r;
	struct afcq_error err;
	afcq_response_init(&r);
	assert_int_equal(afcq_codec_parse_response(text, len, &r, &err), AFCQ_OK);
	assert_int_equal(r.n_inv, 0);
	assert_int_equal(r.err.n, 2);
	assert_int_equal(r.err.v[1].code, -2001);
	assert_string_equal(r.err.v[0].msg, "The request could not be read.");
	json_t *out = afcq_codec_response_to_json(&r);
	char *s = afcq_json_dump(out, AFCQ_JSON_COMPACT);
	assert_string_equal(s, "{\"err\":[{\"code\":-2000,\"msg\":\"The request could not be read.\"},"
			       "{\"code\":-2001,\"msg\":\"Second reason.\"}]}");
	free(s);
	json_decref(out);
	afcq_response_done(&r);
	free(text);
}

static void test_response_tax_key_order(void **state)
{
	(void)state;
	struct afcq_response r;
	afcq_response_init(&r);
	r.n_inv = 1;
	r.inv = afcq_xcalloc(1, sizeof(*r.inv));
	r.inv[0].doc = afcq_xstrdup("d");
	r.inv[0].n_itms = 1;
	r.inv[0].itms = afcq_xcalloc(1, sizeof(*r.inv[0].itms));
	struct afcq_item_result *it = &r.inv[0].itms[0];
	it->ref = afcq_xstrdup("r");
	it->has_txs = true;
	it->n_txs = 1;
	it->txs = afcq_xcalloc(1, sizeof(*it->txs));
	struct afcq_tax *t = &it->txs[0];
	t->bill = t->cmpl = true;
	t->tm = 100;
	t->calc = 1;
	t->cat = afcq_xstrdup("C");
	t->cid = 5;
	t->name = afcq_xstrdup("N");
	t->pcd = 253500;
	t->rate = 0.1;
	t->tax = 10;
	t->lvl = 1;
	t->tid = 454;
	json_t *j = afcq_codec_response_to_json(&r);
	char *s = afcq_json_dump(j, AFCQ_JSON_COMPACT);
	assert_string_equal(s, "{\"inv\":[{\"doc\":\"d\",\"itms\":[{\"ref\":\"r\",\"txs\":[{"
			       "\"bill\":true,\"cmpl\":true,\"tm\":100.0,\"calc\":1,\"cat\":\"C\","
			       "\"cid\":5,\"name\":\"N\",\"exm\":0.0,\"lns\":0,\"min\":0.0,"
			       "\"pcd\":253500,\"rate\":0.1,\"sur\":false,\"tax\":10.0,\"lvl\":1,"
			       "\"tid\":454}]}]}]}");
	free(s);
	json_decref(j);
	afcq_response_done(&r);
}

static void test_response_ten_thousand_items(void **state)
{
	(void)state;
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "{\"inv\":[{\"doc\":\"big\",\"itms\":[");
	for (int i = 0; i < 10000; i++)
		afcq_buf_printf(&b, "%s{\"ref\":\"%d\",\"txs\":[{\"bill\":true,\"cmpl\":true,"
				"\"tm\":%d.5,\"calc\":1,\"cat\":\"SALES AND USE TAXES\",\"cid\":1,"
				"\"name\":\"State Sales Tax\",\"exm\":0,\"lns\":0,\"min\":0,"
				"\"pcd\":377300,\"rate\":0.0625,\"sur\":false,\"tax\":%d,\"lvl\":1,"
				"\"tid\":1}]}", i ? "," : "", i, i, i);
	afcq_buf_puts(&b, "]}]}");
	struct afcq_response r;
	struct afcq_error err;
	afcq_response_init(&r);
	assert_int_equal(afcq_codec_parse_response(b.data, b.len, &r, &err), AFCQ_OK);
	assert_int_equal(r.inv[0].n_itms, 10000);
	assert_string_equal(r.inv[0].itms[9999].ref, "9999");
	assert_true(r.inv[0].itms[9999].txs[0].tm == 9999.5);
	assert_true(r.inv[0].itms[1234].txs[0].tax == 1234.0);
	afcq_response_done(&r);
	afcq_buf_done(&b);
}

static void test_response_type_error(void **state)
{
	(void)state;
	struct afcq_response r;
	struct afcq_error err;
	afcq_response_init(&r);
	const char *t = "{\"inv\":[{\"itms\":[{\"txs\":[{\"tid\":4.5}]}]}]}";
	assert_int_equal(afcq_codec_parse_response(t, strlen(t), &r, &err), AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "inv[0].itms[0].txs[0].tid: not an integer");
	assert_int_equal(r.n_inv, 0);
	t = "{\"inv\":[{\"err\":[{\"code\":\"x\"}]}]}";
	assert_int_equal(afcq_codec_parse_response(t, strlen(t), &r, &err), AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "inv[0].err[0].code: not a number");
}

/* ---- Commit ------------------------------------------------------------------- */

static void test_answer_numbers_as_strings(void **state)
{
	(void)state;
	struct afcq_error err;
	afcq_error_clear(&err);
	/* Answers and look-ups read numbers written as strings too. */
	struct afcq_response r;
	afcq_response_init(&r);
	const char *t = "{\"inv\":[{\"itms\":[{\"base\":\"9.5\",\"txs\":[{\"tm\":\"15\","
			"\"calc\":\"1\",\"lns\":\"0\",\"pcd\":\"3726100\",\"rate\":\"0.0625\","
			"\"tax\":\"0.9375\",\"lvl\":\"1\",\"tid\":\"001\"}],"
			"\"err\":[{\"code\":\"-1000\",\"msg\":\"m\"}]}],"
			"\"summ\":[{\"max\":\"2147483647\",\"tchg\":\"16.72\",\"tax\":\"1.045\"}]}]}";
	assert_int_equal(afcq_codec_parse_response(t, strlen(t), &r, &err), AFCQ_OK);
	const struct afcq_tax *tx = &r.inv[0].itms[0].txs[0];
	assert_true(tx->tm == 15 && tx->calc == 1 && tx->pcd == 3726100 && tx->rate == 0.0625);
	assert_true(tx->tax == 0.9375 && tx->lvl == 1 && tx->tid == 1);
	assert_true(r.inv[0].itms[0].base.v == 9.5);
	assert_int_equal(r.inv[0].itms[0].err.v[0].code, -1000);
	assert_true(r.inv[0].summ[0].max == 2147483647.0 && r.inv[0].summ[0].tax == 1.045);
	afcq_response_done(&r);
	const char *bad = "{\"inv\":[{\"itms\":[{\"txs\":[{\"tax\":\"n/a\"}]}]}]}";
	assert_int_equal(afcq_codec_parse_response(bad, strlen(bad), &r, &err), AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "inv[0].itms[0].txs[0].tax: not a number");

	struct afcq_tspair_list l = { 0 };
	const char *p = "[{\"TransactionType\":\"19\",\"ServiceType\":\"06\",\"MarketType\":\"0\",\"TransactionDescription\":\"VoIP\",\"ServiceDescription\":\"Access Charge\"}]";
	assert_int_equal(afcq_codec_parse_tspairs(p, strlen(p), &l, &err), AFCQ_OK);
	assert_int_equal(l.v[0].tran, 19);
	assert_int_equal(l.v[0].serv, 6);
	afcq_tspair_list_done(&l);

	struct afcq_pcode_result pr = { 0 };
	const char *q = "{\"LocationData\":[{\"PCode\":\"1956600\"}],\"MatchCount\":\"1\"}";
	assert_int_equal(afcq_codec_parse_pcode_result(q, strlen(q), &pr, &err), AFCQ_OK);
	assert_true(pr.n == 1 && pr.v[0].pcode == 1956600 && pr.match_count == 1);
	afcq_pcode_result_done(&pr);
	const char *qb = "{\"MatchCount\":\"one\"}";
	assert_int_equal(afcq_codec_parse_pcode_result(qb, strlen(qb), &pr, &err), AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "MatchCount: not a number");
}

static void test_commit_shapes(void **state)
{
	(void)state;
	size_t len;
	struct afcq_error err;
	char *text = codec_test_fixture("commit_request.json", &len);
	struct afcq_commit_request rq = { 0 };
	assert_int_equal(afcq_codec_parse_commit_request(text, len, &rq, &err), AFCQ_OK);
	assert_string_equal(rq.doc, "quote 2024-05 #17");
	assert_true(rq.cmmt.set && rq.cmmt.v);
	assert_int_equal(rq.n_opt, 1);
	assert_string_equal(rq.opt[0].val, "approved by billing");
	json_t *orig = codec_test_fixture_json("commit_request.json");
	json_t *out = afcq_codec_commit_request_to_json(&rq);
	assert_true(codec_test_json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_commit_request_done(&rq);
	free(text);

	struct afcq_commit_response rs = { 0 };
	text = codec_test_fixture("commit_ok.json", &len);
	assert_int_equal(afcq_codec_parse_commit_response(text, len, &rs, &err), AFCQ_OK);
	assert_false(rs.ok.set);
	assert_int_equal(rs.err.n, 0);
	assert_string_equal(rs.doc, "quote 2024-05 #17");
	assert_true(rs.cmmt.v);
	free(text);

	text = codec_test_fixture("commit_failed.json", &len);
	assert_int_equal(afcq_codec_parse_commit_response(text, len, &rs, &err), AFCQ_OK);
	assert_true(rs.ok.set && !rs.ok.v);
	assert_null(rs.doc);
	assert_int_equal(rs.err.n, 1);
	assert_int_equal(rs.err.v[0].code, -2000);
	orig = codec_test_fixture_json("commit_failed.json");
	out = afcq_codec_commit_response_to_json(&rs);
	assert_true(codec_test_json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_commit_response_done(&rs);
	free(text);
}

/* ---- lookups ------------------------------------------------------------------ */

static void test_lookup_tspairs_taxtypes(void **state)
{
	(void)state;
	size_t len;
	struct afcq_error err;
	char *text = codec_test_fixture("tspairs.json", &len);
	struct afcq_tspair_list l = { 0 };
	assert_int_equal(afcq_codec_parse_tspairs(text, len, &l, &err), AFCQ_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].tran, 19);
	assert_int_equal(l.v[0].serv, 6);
	assert_int_equal(l.v[0].input, 1);
	assert_false(l.v[0].is_bundle);
	assert_true(l.v[1].is_bundle);
	assert_string_equal(l.v[1].pair_desc, "Starter phone plan");
	json_t *orig = codec_test_fixture_json("tspairs.json");
	json_t *out = afcq_codec_tspairs_to_json(&l);
	assert_true(codec_test_json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_tspair_list_done(&l);
	free(text);

	text = codec_test_fixture("taxtypes.json", &len);
	struct afcq_taxtype_list tl = { 0 };
	assert_int_equal(afcq_codec_parse_taxtypes(text, len, &tl, &err), AFCQ_OK);
	assert_int_equal(tl.n, 2);
	assert_int_equal(tl.v[1].tid, 525);
	assert_int_equal(tl.v[1].cid, 1);
	assert_string_equal(tl.v[1].desc, "Consumer Use Tax (Tiered Rate)");
	orig = codec_test_fixture_json("taxtypes.json");
	out = afcq_codec_taxtypes_to_json(&tl);
	assert_true(codec_test_json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_taxtype_list_done(&tl);
	free(text);

	/* A lone object is a list of one; keys match in any case. */
	const char *one = "{\"taxtype\": 162, \"categorytype\": 5}";
	assert_int_equal(afcq_codec_parse_taxtypes(one, strlen(one), &tl, &err), AFCQ_OK);
	assert_int_equal(tl.n, 1);
	assert_int_equal(tl.v[0].tid, 162);
	afcq_taxtype_list_done(&tl);
	const char *bad = "[{\"TaxType\": \"x\"}]";
	assert_int_equal(afcq_codec_parse_taxtypes(bad, strlen(bad), &tl, &err), AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "[0].TaxType: not a number");
}

static void test_lookup_pcode(void **state)
{
	(void)state;
	size_t len;
	struct afcq_error err;
	char *text = codec_test_fixture("pcode_request.json", &len);
	struct afcq_pcode_request rq = { 0 };
	assert_int_equal(afcq_codec_parse_pcode_request(text, len, &rq, &err), AFCQ_OK);
	assert_string_equal(rq.cnty, "SAINT LOUIS");
	assert_string_equal(rq.zip, "55734");
	assert_null(rq.npanxx);
	assert_true(rq.best_match.set && rq.best_match.v);
	assert_true(rq.limit.set && rq.limit.v == 10);
	json_t *orig = codec_test_fixture_json("pcode_request.json");
	json_t *out = afcq_codec_pcode_request_to_json(&rq);
	assert_true(codec_test_json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_pcode_request_done(&rq);
	free(text);

	const char *names[] = { "pcode_result.json", "pcode_primary.json" };
	for (size_t k = 0; k < 2; k++) {
		text = codec_test_fixture(names[k], &len);
		struct afcq_pcode_result res = { 0 };
		assert_int_equal(afcq_codec_parse_pcode_result(text, len, &res, &err), AFCQ_OK);
		assert_int_equal(res.v[0].pcode, 2604100);
		if (k == 0) {
			assert_int_equal(res.n, 2);
			assert_false(res.v[0].is_alternate.set);
			assert_true(res.v[1].is_alternate.v);
			assert_string_equal(res.match_type_applied, "Exact");
			assert_int_equal(res.results_limit, 25);
		} else {
			assert_null(res.input_match_type);
			assert_null(res.match_type_applied);
		}
		orig = codec_test_fixture_json(names[k]);
		out = afcq_codec_pcode_result_to_json(&res);
		assert_true(codec_test_json_same(orig, out, "$"));
		json_decref(orig);
		json_decref(out);
		afcq_pcode_result_done(&res);
		free(text);
	}

	/* Nothing found still has a LocationData list. */
	struct afcq_pcode_result none = { 0 };
	out = afcq_codec_pcode_result_to_json(&none);
	char *s = afcq_json_dump(out, AFCQ_JSON_COMPACT);
	assert_string_equal(s, "{\"LocationData\":[],\"MatchCount\":0,\"InputMatchType\":null,"
			       "\"MatchTypeApplied\":null,\"ResultsLimit\":0}");
	free(s);
	json_decref(out);
}

static void test_lookup_serviceinfo(void **state)
{
	(void)state;
	size_t len;
	struct afcq_error err;
	char *text = codec_test_fixture("serviceinfo.json", &len);
	struct afcq_service_info si = { 0 };
	assert_int_equal(afcq_codec_parse_service_info(text, len, &si, &err), AFCQ_OK);
	assert_string_equal(si.engine_version, "20.1809.1");
	assert_string_equal(si.build_version, "5.23.0-310");
	assert_null(si.error);
	json_t *orig = codec_test_fixture_json("serviceinfo.json");
	json_t *out = afcq_codec_service_info_to_json(&si);
	assert_true(codec_test_json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_service_info_done(&si);
	free(text);

	const char *bad = "{\"Versions\": []}";
	assert_int_equal(afcq_codec_parse_service_info(bad, strlen(bad), &si, &err),
			 AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "Versions: not an object");
}
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_response_mixed),
		cmocka_unit_test(test_response_request_error),
		cmocka_unit_test(test_response_tax_key_order),
		cmocka_unit_test(test_response_ten_thousand_items),
		cmocka_unit_test(test_response_type_error),
		cmocka_unit_test(test_answer_numbers_as_strings),
		cmocka_unit_test(test_commit_shapes),
		cmocka_unit_test(test_lookup_tspairs_taxtypes),
		cmocka_unit_test(test_lookup_pcode),
		cmocka_unit_test(test_lookup_serviceinfo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
