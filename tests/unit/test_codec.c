/* test_codec.c - the JSON codec: requests, responses, Commit, lookups, the
 * relaxed reader and the number writer.  Fixtures live in
 * tests/fixtures/codec (found through AFCQ_TOP, default "."). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/str.h"

/* ---- helpers --------------------------------------------------------------- */

static char *fixture(const char *name, size_t *len)
{
	const char *top = getenv("AFCQ_TOP");
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/fixtures/codec/%s", top && *top ? top : ".", name);
	size_t n = 0;
	char *text = afcq_read_file(path, &n);
	if (!text)
		fail_msg("cannot read fixture %s", path);
	if (len)
		*len = n;
	return text;
}

static json_t *fixture_json(const char *name)
{
	size_t len;
	char *text = fixture(name, &len);
	json_t *j = NULL;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_json_parse(text, len, &j, &err), AFCQ_OK);
	free(text);
	return j;
}

/* Same values, numbers compared by value (100 == 100.0), object keys in the
 * same order.  Prints the first difference. */
static bool json_same(const json_t *a, const json_t *b, const char *path)
{
	if (json_is_number(a) && json_is_number(b)) {
		if (json_number_value(a) == json_number_value(b))
			return true;
		print_error("%s: %.17g != %.17g\n", path, json_number_value(a), json_number_value(b));
		return false;
	}
	if (json_typeof(a) != json_typeof(b)) {
		print_error("%s: types differ\n", path);
		return false;
	}
	if (json_is_object(a)) {
		if (json_object_size(a) != json_object_size(b)) {
			print_error("%s: %zu keys != %zu keys\n", path, json_object_size(a),
				    json_object_size(b));
			return false;
		}
		void *ia = json_object_iter((json_t *)a), *ib = json_object_iter((json_t *)b);
		for (; ia && ib; ia = json_object_iter_next((json_t *)a, ia),
				 ib = json_object_iter_next((json_t *)b, ib)) {
			char p[512];
			snprintf(p, sizeof p, "%s.%s", path, json_object_iter_key(ia));
			if (strcmp(json_object_iter_key(ia), json_object_iter_key(ib)) != 0) {
				print_error("%s: key order differs (%s)\n", p, json_object_iter_key(ib));
				return false;
			}
			if (!json_same(json_object_iter_value(ia), json_object_iter_value(ib), p))
				return false;
		}
		return true;
	}
	if (json_is_array(a)) {
		if (json_array_size(a) != json_array_size(b)) {
			print_error("%s: array sizes differ\n", path);
			return false;
		}
		for (size_t i = 0; i < json_array_size(a); i++) {
			char p[512];
			snprintf(p, sizeof p, "%s[%zu]", path, i);
			if (!json_same(json_array_get(a, i), json_array_get(b, i), p))
				return false;
		}
		return true;
	}
	if (!json_equal((json_t *)a, (json_t *)b)) {
		print_error("%s: values differ\n", path);
		return false;
	}
	return true;
}

static enum afcq_status parse_req(const char *text, struct afcq_request *r, struct afcq_error *e)
{
	afcq_error_clear(e);
	return afcq_codec_parse_request(text, strlen(text), r, e);
}

static void assert_error_line(const struct afcq_error *e, const char *want)
{
	char line[800];
	afcq_error_line(e, line, sizeof line);
	assert_string_equal(line, want);
}

/* ---- requests -------------------------------------------------------------- */

static void test_request_full_round_trip(void **state)
{
	(void)state;
	size_t len;
	char *text = fixture("request_full.json", &len);
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
	json_t *orig = fixture_json("request_full.json");
	json_t *out = afcq_codec_request_to_json(&r);
	assert_true(json_same(orig, out, "$"));

	/* And through text: dump, parse, dump again is stable. */
	char *d1 = afcq_codec_request_dump(&r, AFCQ_JSON_PRETTY);
	struct afcq_request r2;
	afcq_request_init(&r2);
	assert_int_equal(afcq_codec_parse_request(d1, strlen(d1), &r2, &err), AFCQ_OK);
	char *d2 = afcq_codec_request_dump(&r2, AFCQ_JSON_PRETTY);
	assert_string_equal(d1, d2);

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
	char *text = fixture("request_relaxed.json", &len);
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
	assert_error_line(&err, "inv[0].itms[1].line: not an integer");
	assert_int_equal(r.n_inv, 0);
	assert_null(r.inv);
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
	assert_error_line(&err, "inv[0].bill.city: not a string");
}

static void test_type_error_paths(void **state)
{
	(void)state;
	static const struct {
		const char *json;
		const char *want;
	} cases[] = {
		{ "{\"inv\":[{\"itms\":[{},{},{\"chg\":\"12\"}]}]}",
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
		assert_error_line(&err, cases[i].want);
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
	assert_error_line(&err, "inv[2].cust: not a number");
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

static void test_response_mixed(void **state)
{
	(void)state;
	size_t len;
	char *text = fixture("response_mixed.json", &len);
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
	json_t *orig = fixture_json("response_mixed.json");
	json_t *out = afcq_codec_response_to_json(&r);
	assert_true(json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_response_done(&r);
	free(text);
}

static void test_response_request_error(void **state)
{
	(void)state;
	size_t len;
	char *text = fixture("response_request_error.json", &len);
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
	assert_error_line(&err, "inv[0].itms[0].txs[0].tid: not an integer");
	assert_int_equal(r.n_inv, 0);
	t = "{\"inv\":[{\"err\":[{\"code\":\"x\"}]}]}";
	assert_int_equal(afcq_codec_parse_response(t, strlen(t), &r, &err), AFCQ_ERR_PARSE);
	assert_error_line(&err, "inv[0].err[0].code: not a number");
}

/* ---- Commit ------------------------------------------------------------------- */

static void test_commit_shapes(void **state)
{
	(void)state;
	size_t len;
	struct afcq_error err;
	char *text = fixture("commit_request.json", &len);
	struct afcq_commit_request rq = { 0 };
	assert_int_equal(afcq_codec_parse_commit_request(text, len, &rq, &err), AFCQ_OK);
	assert_string_equal(rq.doc, "quote 2024-05 #17");
	assert_true(rq.cmmt.set && rq.cmmt.v);
	assert_int_equal(rq.n_opt, 1);
	assert_string_equal(rq.opt[0].val, "approved by billing");
	json_t *orig = fixture_json("commit_request.json");
	json_t *out = afcq_codec_commit_request_to_json(&rq);
	assert_true(json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_commit_request_done(&rq);
	free(text);

	struct afcq_commit_response rs = { 0 };
	text = fixture("commit_ok.json", &len);
	assert_int_equal(afcq_codec_parse_commit_response(text, len, &rs, &err), AFCQ_OK);
	assert_false(rs.ok.set);
	assert_int_equal(rs.err.n, 0);
	assert_string_equal(rs.doc, "quote 2024-05 #17");
	assert_true(rs.cmmt.v);
	free(text);

	text = fixture("commit_failed.json", &len);
	assert_int_equal(afcq_codec_parse_commit_response(text, len, &rs, &err), AFCQ_OK);
	assert_true(rs.ok.set && !rs.ok.v);
	assert_null(rs.doc);
	assert_int_equal(rs.err.n, 1);
	assert_int_equal(rs.err.v[0].code, -2000);
	orig = fixture_json("commit_failed.json");
	out = afcq_codec_commit_response_to_json(&rs);
	assert_true(json_same(orig, out, "$"));
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
	char *text = fixture("tspairs.json", &len);
	struct afcq_tspair_list l = { 0 };
	assert_int_equal(afcq_codec_parse_tspairs(text, len, &l, &err), AFCQ_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].tran, 19);
	assert_int_equal(l.v[0].serv, 6);
	assert_int_equal(l.v[0].input, 1);
	assert_false(l.v[0].is_bundle);
	assert_true(l.v[1].is_bundle);
	assert_string_equal(l.v[1].pair_desc, "Starter phone plan");
	json_t *orig = fixture_json("tspairs.json");
	json_t *out = afcq_codec_tspairs_to_json(&l);
	assert_true(json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_tspair_list_done(&l);
	free(text);

	text = fixture("taxtypes.json", &len);
	struct afcq_taxtype_list tl = { 0 };
	assert_int_equal(afcq_codec_parse_taxtypes(text, len, &tl, &err), AFCQ_OK);
	assert_int_equal(tl.n, 2);
	assert_int_equal(tl.v[1].tid, 525);
	assert_int_equal(tl.v[1].cid, 1);
	assert_string_equal(tl.v[1].desc, "Consumer Use Tax (Tiered Rate)");
	orig = fixture_json("taxtypes.json");
	out = afcq_codec_taxtypes_to_json(&tl);
	assert_true(json_same(orig, out, "$"));
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
	assert_error_line(&err, "[0].TaxType: not a number");
}

static void test_lookup_pcode(void **state)
{
	(void)state;
	size_t len;
	struct afcq_error err;
	char *text = fixture("pcode_request.json", &len);
	struct afcq_pcode_request rq = { 0 };
	assert_int_equal(afcq_codec_parse_pcode_request(text, len, &rq, &err), AFCQ_OK);
	assert_string_equal(rq.cnty, "SAINT LOUIS");
	assert_string_equal(rq.zip, "55734");
	assert_null(rq.npanxx);
	assert_true(rq.best_match.set && rq.best_match.v);
	assert_true(rq.limit.set && rq.limit.v == 10);
	json_t *orig = fixture_json("pcode_request.json");
	json_t *out = afcq_codec_pcode_request_to_json(&rq);
	assert_true(json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_pcode_request_done(&rq);
	free(text);

	const char *names[] = { "pcode_result.json", "pcode_primary.json" };
	for (size_t k = 0; k < 2; k++) {
		text = fixture(names[k], &len);
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
		orig = fixture_json(names[k]);
		out = afcq_codec_pcode_result_to_json(&res);
		assert_true(json_same(orig, out, "$"));
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
	char *text = fixture("serviceinfo.json", &len);
	struct afcq_service_info si = { 0 };
	assert_int_equal(afcq_codec_parse_service_info(text, len, &si, &err), AFCQ_OK);
	assert_string_equal(si.engine_version, "20.1809.1");
	assert_string_equal(si.build_version, "5.23.0-310");
	assert_null(si.error);
	json_t *orig = fixture_json("serviceinfo.json");
	json_t *out = afcq_codec_service_info_to_json(&si);
	assert_true(json_same(orig, out, "$"));
	json_decref(orig);
	json_decref(out);
	afcq_service_info_done(&si);
	free(text);

	const char *bad = "{\"Versions\": []}";
	assert_int_equal(afcq_codec_parse_service_info(bad, strlen(bad), &si, &err),
			 AFCQ_ERR_PARSE);
	assert_error_line(&err, "Versions: not an object");
}

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
	assert_error_line(&err, "inv[0].bill.npa: not a number");
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
		cmocka_unit_test(test_text_fields_take_numbers),
		cmocka_unit_test(test_type_error_paths),
		cmocka_unit_test(test_repeated_inv_error_index),
		cmocka_unit_test(test_syntax_error_line_column),
		cmocka_unit_test(test_unknown_fields_ignored),
		cmocka_unit_test(test_utf8_names),
		cmocka_unit_test(test_dump_shortest_reals),
		cmocka_unit_test(test_dump_strings_and_pretty),
		cmocka_unit_test(test_response_mixed),
		cmocka_unit_test(test_response_request_error),
		cmocka_unit_test(test_response_tax_key_order),
		cmocka_unit_test(test_response_ten_thousand_items),
		cmocka_unit_test(test_response_type_error),
		cmocka_unit_test(test_commit_shapes),
		cmocka_unit_test(test_lookup_tspairs_taxtypes),
		cmocka_unit_test(test_lookup_pcode),
		cmocka_unit_test(test_lookup_serviceinfo),
		cmocka_unit_test(test_location_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
