/* test_codec.c - the JSON codec on requests: round trips, relaxed input,
 * repeated "inv", numbers, error paths, UTF-8, and the JSON writer.
 * Answers (responses, Commit, lookups) are in test_codec_answers.c. */
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

static enum afcq_status parse_req(const char *text, struct afcq_request *r, struct afcq_error *e)
{
	afcq_error_clear(e);
	return afcq_codec_parse_request(text, strlen(text), r, e);
}

/* ---- requests -------------------------------------------------------------- */

static void test_request_full_round_trip(void **state)
{
	(void)state;
	size_t len;
	char *text = codec_test_fixture("request_full.json", &len);
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	afcq_error_clear(&err);
	assert_int_equal(afcq_codec_parse_request(text, len, &r, &err), AFCQ_OK);

	/* Values landed in the right fields. */
	assert_true(r.cfg.present && r.cfg.retnb.set && r.cfg.retnb.v);
	assert_true(r.cfg.retext.set && !r.cfg.retext.v);
	assert_int_equal(r.cmpn.n_excl, 1);
	assert_string_equal(r.cmpn.excl[0].st, "NV");
	assert_string_equal(r.cmpn.idnt, "ACME-0042");
	assert_int_equal(r.n_inv, 1);
	const struct afcq_invoice *inv = &r.inv[0];
	assert_string_equal(inv->bill.city, "Austin");
	assert_true(inv->bill.incorp.set && inv->bill.incorp.v);
	assert_int_equal(inv->n_exms, 2);
	assert_int_equal(inv->exms[0].scp.v, 1792);
	assert_false(inv->exms[0].cat.set);
	assert_int_equal(inv->exms[1].loc.pcd.v, 2604100);
	assert_int_equal(inv->exms[1].cat.v, 7);
	assert_int_equal(inv->n_itms, 2);
	const struct afcq_item *it = &inv->itms[0];
	assert_int_equal(it->from.npa.v, 512555);
	assert_string_equal(it->to.fips, "4805000");
	assert_true(it->to.geo.v);
	assert_true(it->chg.set);
	assert_true(it->chg.v == 49.95);
	assert_true(it->min.v == 12.5 && it->plsp.v == 0.5 && it->pror.v == 0.25);
	assert_int_equal(it->proadj.v, 2);
	assert_true(it->brdg.present && it->brdg.proc.v && !it->brdg.rtrn.v);
	assert_int_equal(it->brdg.n_prts, 1);
	assert_int_equal(it->brdg.prts[0].loc.pcd.v, 1956600);
	assert_int_equal(it->n_opt, 1);
	assert_string_equal(it->opt[0].key, "6");
	assert_string_equal(it->opt[0].val, "cost centre 9");
	assert_string_equal(it->bill.ctry, "CAN");
	assert_true(it->cust.set && it->cust.v == 0);
	assert_true(it->lfln.set && it->lfln.v);
	assert_string_equal(it->date, "2024-04-15");
	assert_int_equal(it->qty.v, 3);
	assert_string_equal(inv->itms[1].ref, "line A"); /* refs need not be unique */
	assert_true(inv->itms[1].chg.v == -10.0);
	assert_false(inv->itms[1].line.set);
	assert_false(inv->itms[1].from.present);
	assert_true(inv->bpd.present && inv->bpd.month.v == 5 && inv->bpd.year.v == 2024);
	assert_string_equal(inv->ccycd, "USD");
	assert_int_equal(r.n_ovr, 1);
	assert_true(r.ovr[0].lvl_exm.set && !r.ovr[0].lvl_exm.v);
	assert_int_equal(r.ovr[0].n_brkt, 2);
	assert_true(r.ovr[0].brkt[0].rate == 0.1 && r.ovr[0].brkt[1].max.v == 2147483647.0);
	assert_int_equal(r.n_sovr, 1);
	assert_true(r.sovr[0].old_share.v == 0.649 && r.sovr[0].new_share.v == 0.371);

	/* Saving gives back exactly the fields that were loaded, in order. */
	json_t *orig = codec_test_fixture_json("request_full.json");
	json_t *out = afcq_codec_request_to_json(&r);
	assert_true(codec_test_json_same(orig, out, "$"));

	/* And through text: dump, parse, dump again is stable. */
	char *d1 = afcq_codec_request_dump(&r, AFCQ_JSON_PRETTY);
	struct afcq_request r2;
	afcq_request_init(&r2);
	assert_int_equal(afcq_codec_parse_request(d1, strlen(d1), &r2, &err), AFCQ_OK);
	char *d2 = afcq_codec_request_dump(&r2, AFCQ_JSON_PRETTY);
	assert_string_equal(d1, d2);

	/* Letting the items go as each invoice is written: the same bytes,
	 * and everything but the items kept. */
	char *c1 = afcq_codec_request_dump(&r, AFCQ_JSON_COMPACT);
	size_t n_inv = r.n_inv;
	char *c2 = afcq_codec_request_dump_items_go(&r, AFCQ_JSON_COMPACT);
	assert_string_equal(c1, c2);
	assert_int_equal(r.n_inv, n_inv);
	for (size_t k = 0; k < r.n_inv; k++) {
		assert_int_equal(r.inv[k].n_itms, 0);
		assert_null(r.inv[k].itms);
	}
	assert_string_equal(r.inv[0].ccycd, "USD");
	assert_int_equal(r.n_ovr, 1);

	free(c1);
	free(c2);
	free(d1);
	free(d2);
	json_decref(orig);
	json_decref(out);
	afcq_request_done(&r);
	afcq_request_done(&r2);
	free(text);
}

static void test_request_only_set_fields_emitted(void **state)
{
	(void)state;
	struct afcq_request r;
	afcq_request_init(&r);
	int i = afcq_request_add_invoice(&r);
	assert_int_equal(i, 0);
	r.inv[0].cust.set = true; /* present with the default value */
	r.inv[0].cust.v = 0;
	afcq_invoice_insert_item(&r.inv[0], 0);
	r.inv[0].itms[0].chg.set = true;
	r.inv[0].itms[0].chg.v = 100.0;
	r.inv[0].itms[0].line.set = true;
	r.inv[0].itms[0].line.v = 2;
	r.inv[0].itms[0].to.zip = afcq_xstrdup("10001");
	char *s = afcq_codec_request_dump(&r, AFCQ_JSON_COMPACT);
	assert_string_equal(s, "{\"inv\":[{\"cust\":0,\"itms\":[{\"to\":{\"zip\":\"10001\"},"
			       "\"chg\":100.0,\"line\":2}]}]}");
	free(s);
	afcq_request_done(&r);
}

static void test_relaxed_comments_commas_repeated_inv(void **state)
{
	(void)state;
	size_t len;
	char *text = codec_test_fixture("request_relaxed.json", &len);
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	afcq_error_clear(&err);
	assert_int_equal(afcq_codec_parse_request(text, len, &r, &err), AFCQ_OK);
	assert_true(r.cfg.retext.set && r.cfg.retext.v);
	assert_int_equal(r.n_inv, 4);
	assert_string_equal(r.inv[0].doc, "first");
	assert_string_equal(r.inv[1].doc, "second");
	assert_string_equal(r.inv[2].doc, "third");
	assert_string_equal(r.inv[3].doc, "fourth");
	assert_int_equal(r.inv[3].cust.v, 2);
	/* "//" and a comment opener inside strings are data, not comments. */
	assert_string_equal(r.inv[0].itms[0].ref, "https://example.com/item//1");
	assert_string_equal(r.inv[0].itms[0].glref, "/* not a comment */");
	afcq_request_done(&r);
	free(text);
}

static void test_relax_output_is_strict(void **state)
{
	(void)state;
	const char *in = "{\"a\": \"x//y\", // c\n \"b\": [1, 2, /* c */ ],\n}";
	char *out = afcq_json_relax(in, strlen(in));
	json_error_t je;
	json_t *j = json_loads(out, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "a")), "x//y");
	assert_int_equal(json_array_size(json_object_get(j, "b")), 2);
	/* Same length: comments become blanks, so columns still match. */
	assert_int_equal(strlen(out), strlen(in));
	json_decref(j);
	free(out);
}

static void test_numbers_integer_or_real(void **state)
{
	(void)state;
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	assert_int_equal(parse_req("{\"inv\":[{\"cust\":1.0,\"itms\":[{\"chg\":100,\"line\":2.0},"
				   "{\"chg\":100.0,\"min\":3}]}]}", &r, &err), AFCQ_OK);
	assert_true(r.inv[0].cust.set && r.inv[0].cust.v == 1);
	assert_true(r.inv[0].itms[0].chg.v == 100.0);
	assert_true(r.inv[0].itms[1].chg.v == 100.0);
	assert_int_equal(r.inv[0].itms[0].line.v, 2);
	assert_true(r.inv[0].itms[1].min.v == 3.0);
	afcq_request_done(&r);

	/* An integer field refuses a fraction, naming where. */
	assert_int_equal(parse_req("{\"inv\":[{\"itms\":[{},{\"line\":1.5}]}]}", &r, &err),
			 AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "inv[0].itms[1].line: not an integer");
	assert_int_equal(r.n_inv, 0);
	assert_null(r.inv);
}

static void test_numbers_written_as_strings(void **state)
{
	(void)state;
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	/* The service reads "03" and "15.50" in numeric fields; so do we, and
	 * the model keeps numbers, sent as plain numbers. */
	assert_int_equal(parse_req("{\"cmpn\":{\"bscl\":\"1\"},\"inv\":[{\"bill\":{\"pcd\":\"3726100\"},"
				   "\"cust\":\"0\",\"itms\":[{\"chg\":\"15.50\",\"line\":\"01\","
				   "\"min\":\" 2.5 \",\"tran\":\"19\",\"serv\":\"6\",\"qty\":\"2.0\"}],"
				   "\"bpd\":{\"month\":\"03\",\"year\":\"2022\"}}],"
				   "\"ovr\":[{\"tid\":\"162\",\"brkt\":[{\"rate\":\"0.05\",\"max\":\"1e3\"}]}]}",
				   &r, &err), AFCQ_OK);
	const struct afcq_invoice *inv = &r.inv[0];
	assert_true(r.cmpn.bscl.set && r.cmpn.bscl.v == 1);
	assert_true(inv->bill.pcd.v == 3726100 && inv->cust.set && inv->cust.v == 0);
	assert_true(inv->itms[0].chg.set && inv->itms[0].chg.v == 15.5);
	assert_true(inv->itms[0].line.v == 1 && inv->itms[0].min.v == 2.5);
	assert_true(inv->itms[0].tran.v == 19 && inv->itms[0].serv.v == 6 && inv->itms[0].qty.v == 2);
	assert_true(inv->bpd.month.set && inv->bpd.month.v == 3 && inv->bpd.year.v == 2022);
	assert_true(r.ovr[0].tid.v == 162 && r.ovr[0].brkt[0].rate == 0.05);
	assert_true(r.ovr[0].brkt[0].max.v == 1000);
	char *sent = afcq_codec_request_dump(&r, AFCQ_JSON_COMPACT);
	assert_non_null(strstr(sent, "\"bpd\":{\"month\":3,\"year\":2022}"));
	assert_non_null(strstr(sent, "\"chg\":15.5,\"line\":1,\"min\":2.5"));
	assert_non_null(strstr(sent, "\"pcd\":3726100"));
	free(sent);
	afcq_request_done(&r);

	/* A string that is not a number still names its field. */
	static const struct {
		const char *json;
		const char *want;
	} bad[] = {
		{ "{\"inv\":[{\"bpd\":{\"month\":\"March\"}}]}", "inv[0].bpd.month: not a number" },
		{ "{\"inv\":[{\"bpd\":{\"month\":\"\"}}]}", "inv[0].bpd.month: not a number" },
		{ "{\"inv\":[{\"bpd\":{\"month\":\"3.5\"}}]}", "inv[0].bpd.month: not an integer" },
		{ "{\"inv\":[{\"itms\":[{\"chg\":\"0x10\"}]}]}", "inv[0].itms[0].chg: not a number" },
		{ "{\"inv\":[{\"itms\":[{\"chg\":\"inf\"}]}]}", "inv[0].itms[0].chg: not a number" },
		{ "{\"inv\":[{\"itms\":[{\"chg\":\"1e999\"}]}]}", "inv[0].itms[0].chg: out of range" },
		{ "{\"inv\":[{\"cust\":\"1e30\"}]}", "inv[0].cust: out of range" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse_req(bad[i].json, &r, &err), AFCQ_ERR_PARSE);
		codec_test_assert_error_line(&err, bad[i].want);
		assert_int_equal(r.n_inv, 0);
	}
}

static void test_text_fields_take_numbers(void **state)
{
	(void)state;
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	/* Hand-written files give zip codes and option keys as numbers. */
	assert_int_equal(parse_req("{\"inv\":[{\"bill\":{\"zip\":94102,\"fips\":4805000},"
				   "\"opt\":[{\"key\":1,\"val\":2.5}]}]}", &r, &err), AFCQ_OK);
	assert_string_equal(r.inv[0].bill.zip, "94102");
	assert_string_equal(r.inv[0].bill.fips, "4805000");
	assert_string_equal(r.inv[0].opt[0].key, "1");
	assert_string_equal(r.inv[0].opt[0].val, "2.5");
	afcq_request_done(&r);
	/* Other text fields do not. */
	assert_int_equal(parse_req("{\"inv\":[{\"bill\":{\"city\":5}}]}", &r, &err),
			 AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "inv[0].bill.city: not a string");
}

static void test_type_error_paths(void **state)
{
	(void)state;
	static const struct {
		const char *json;
		const char *want;
	} cases[] = {
		{ "{\"inv\":[{\"itms\":[{},{},{\"chg\":\"12 dollars\"}]}]}",
		  "inv[0].itms[2].chg: not a number" },
		{ "{\"cfg\":{\"retnb\":1}}", "cfg.retnb: not a boolean" },
		{ "{\"inv\":{}}", "inv: not an array" },
		{ "{\"inv\":[{\"bill\":\"SF\"}]}", "inv[0].bill: not an object" },
		{ "{\"inv\":[{\"bill\":{\"pcd\":\"x\"}}]}", "inv[0].bill.pcd: not a number" },
		{ "{\"inv\":[{},{\"itms\":[{\"ref\":7}]}]}", "inv[1].itms[0].ref: not a string" },
		{ "{\"inv\":[3]}", "inv[0]: not an object" },
		{ "{\"ovr\":[{\"brkt\":[{\"rate\":true}]}]}", "ovr[0].brkt[0].rate: not a number" },
		{ "{\"inv\":[{\"itms\":[{\"brdg\":{\"prts\":[{\"loc\":{\"int\":\"yes\"}}]}}]}]}",
		  "inv[0].itms[0].brdg.prts[0].loc.int: not a boolean" },
		{ "[1,2]", "(top level): not an object" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct afcq_request r;
		struct afcq_error err;
		afcq_request_init(&r);
		assert_int_equal(parse_req(cases[i].json, &r, &err), AFCQ_ERR_PARSE);
		assert_int_equal(err.cause, AFCQ_CAUSE_MALFORMED);
		codec_test_assert_error_line(&err, cases[i].want);
		assert_int_equal(r.n_inv, 0);
	}
}

static void test_repeated_inv_error_index(void **state)
{
	(void)state;
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	/* Paths count invoices across the repetitions. */
	assert_int_equal(parse_req("{\"inv\":[{}],\"inv\":[{},{\"cust\":\"x\"}]}", &r, &err),
			 AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "inv[2].cust: not a number");
	assert_int_equal(r.n_inv, 0);
}

static void test_syntax_error_line_column(void **state)
{
	(void)state;
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	const char *text = "{\n  // note\n  \"inv\": [ /* é */ {\"doc\": \"a\" \"cust\": 1}]\n}";
	assert_int_equal(parse_req(text, &r, &err), AFCQ_ERR_PARSE);
	assert_int_equal(err.cause, AFCQ_CAUSE_MALFORMED);
	assert_int_equal(err.line, 3);
	/* jansson points at the last character of the offending token: the
	 * "cust" string ends at character 37 of line 3 (é counts once, the
	 * blanked comment keeps its width). */
	assert_int_equal(err.column, 37);
	assert_non_null(strstr(err.msg, "line 3, column 37"));

	assert_int_equal(parse_req("  \n // only a comment\n", &r, &err), AFCQ_ERR_PARSE);
	assert_int_equal(err.cause, AFCQ_CAUSE_EMPTY);
	assert_int_equal(parse_req("{\"inv\": [}", &r, &err), AFCQ_ERR_PARSE);
	assert_int_equal(err.line, 1);
}

static void test_unknown_fields_ignored(void **state)
{
	(void)state;
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	assert_int_equal(parse_req("{\"future\":{\"x\":[1]},\"inv\":[{\"doc\":\"d\",\"color\":\"red\","
				   "\"itms\":[{\"ref\":\"r\",\"wat\":null,\"chg\":1}]}],\"zzz\":3}",
				   &r, &err), AFCQ_OK);
	assert_string_equal(r.inv[0].doc, "d");
	assert_true(r.inv[0].itms[0].chg.v == 1.0);
	afcq_request_done(&r);

	struct afcq_response resp;
	afcq_response_init(&resp);
	const char *t = "{\"inv\":[{\"doc\":\"d\",\"new\":1,\"itms\":[{\"ref\":\"r\",\"brdg\":[{\"ref\":"
			"\"p\",\"err\":\"bad\"}],\"txs\":[{\"tax\":1.5,\"extra\":{}}]}]}],\"meta\":{}}";
	assert_int_equal(afcq_codec_parse_response(t, strlen(t), &resp, &err), AFCQ_OK);
	assert_int_equal(resp.inv[0].itms[0].n_txs, 1);
	assert_true(resp.inv[0].itms[0].txs[0].tax == 1.5);
	afcq_response_done(&resp);
}

static void test_utf8_names(void **state)
{
	(void)state;
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	assert_int_equal(parse_req("{\"inv\":[{\"bill\":{\"city\":\"S\\u00e3o Paulo\",\"cnty\":"
				   "\"Zürich\"},\"itms\":[{\"ref\":\"Ω line 日本\"}]}]}", &r, &err),
			 AFCQ_OK);
	assert_string_equal(r.inv[0].bill.city, "São Paulo");
	assert_string_equal(r.inv[0].bill.cnty, "Zürich");
	char *s = afcq_codec_request_dump(&r, AFCQ_JSON_COMPACT);
	assert_non_null(strstr(s, "\"city\":\"São Paulo\""));  /* written as UTF-8 */
	assert_non_null(strstr(s, "\"ref\":\"Ω line 日本\""));
	free(s);

	/* Bytes that are not UTF-8 never make invalid JSON. */
	free(r.inv[0].itms[0].ref);
	r.inv[0].itms[0].ref = afcq_xstrdup("caf\xe9");
	s = afcq_codec_request_dump(&r, AFCQ_JSON_COMPACT);
	json_error_t je;
	json_t *j = json_loads(s, 0, &je);
	assert_non_null(j);
	assert_non_null(strstr(s, "caf\xef\xbf\xbd"));
	json_decref(j);
	free(s);
	afcq_request_done(&r);
}

/* ---- numbers and the writer ------------------------------------------------ */

static void test_dump_shortest_reals(void **state)
{
	(void)state;
	json_t *a = json_array();
	double vals[] = { 0.1, 100.0, 1.6672499999999997, 35.099999999999994, -0.0, 1e-7, 2e22,
			  0.30000000000000004, 2147483647.0 };
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		json_array_append_new(a, json_real(vals[i]));
	json_array_append_new(a, json_integer(162));
	char *s = afcq_json_dump(a, AFCQ_JSON_COMPACT);
	assert_string_equal(s, "[0.1,100.0,1.6672499999999997,35.099999999999994,-0.0,1e-07,"
			       "2e+22,0.30000000000000004,2147483647.0,162]");
	/* Every value reads back bit for bit. */
	json_error_t je;
	json_t *back = json_loads(s, 0, &je);
	assert_non_null(back);
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		assert_true(json_real_value(json_array_get(back, i)) == vals[i]);
	json_decref(back);
	json_decref(a);
	free(s);
}

static void test_dump_strings_and_pretty(void **state)
{
	(void)state;
	json_t *o = json_object();
	json_object_set_new(o, "s", json_string("q\"b\\n\n\t\x01/"));
	json_object_set_new(o, "e", json_array());
	json_object_set_new(o, "o", json_object());
	json_object_set_new(o, "n", json_null());
	char *s = afcq_json_dump(o, AFCQ_JSON_COMPACT);
	assert_string_equal(s, "{\"s\":\"q\\\"b\\\\n\\n\\t\\u0001/\",\"e\":[],\"o\":{},\"n\":null}");
	free(s);
	s = afcq_json_dump(o, AFCQ_JSON_PRETTY);
	assert_string_equal(s, "{\n  \"s\": \"q\\\"b\\\\n\\n\\t\\u0001/\",\n  \"e\": [],\n"
			       "  \"o\": {},\n  \"n\": null\n}");
	free(s);
	json_decref(o);
}

/* ---- responses -------------------------------------------------------------- */
static void test_location_helpers(void **state)
{
	(void)state;
	struct afcq_location l = { 0 };
	struct afcq_error err;
	json_t *j = json_pack("{s:s, s:i, s:b}", "st", "CA", "pcd", 253500, "int", 0);
	assert_int_equal(afcq_codec_location_from_json(j, "inv[0].bill", &l, &err), AFCQ_OK);
	assert_true(l.present);
	assert_string_equal(l.st, "CA");
	assert_true(l.incorp.set && !l.incorp.v);
	json_t *back = afcq_codec_location_to_json(&l);
	char *s = afcq_json_dump(back, AFCQ_JSON_COMPACT);
	assert_string_equal(s, "{\"int\":false,\"pcd\":253500,\"st\":\"CA\"}");
	free(s);
	json_decref(back);
	json_decref(j);
	j = json_pack("{s:s}", "npa", "x");
	assert_int_equal(afcq_codec_location_from_json(j, "inv[0].bill", &l, &err), AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "inv[0].bill.npa: not a number");
	assert_false(l.present);
	assert_null(l.st);
	json_decref(j);
}
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_full_round_trip),
		cmocka_unit_test(test_request_only_set_fields_emitted),
		cmocka_unit_test(test_relaxed_comments_commas_repeated_inv),
		cmocka_unit_test(test_relax_output_is_strict),
		cmocka_unit_test(test_numbers_integer_or_real),
		cmocka_unit_test(test_numbers_written_as_strings),
		cmocka_unit_test(test_text_fields_take_numbers),
		cmocka_unit_test(test_type_error_paths),
		cmocka_unit_test(test_repeated_inv_error_index),
		cmocka_unit_test(test_syntax_error_line_column),
		cmocka_unit_test(test_unknown_fields_ignored),
		cmocka_unit_test(test_utf8_names),
		cmocka_unit_test(test_dump_shortest_reals),
		cmocka_unit_test(test_dump_strings_and_pretty),
		cmocka_unit_test(test_location_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
