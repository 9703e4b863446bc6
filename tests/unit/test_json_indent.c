/* Tests of afcq_json_reindent: the layout of afcq_json_dump(PRETTY) from
 * the text alone, values as written, NULL for anything not strict JSON. */
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

/* reindent(text) is what dumping its tree gives. */
static void assert_as_tree(const char *text, size_t len)
{
	json_t *j = NULL;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_json_parse(text, len, &j, &err), AFCQ_OK);
	char *tree = afcq_json_dump(j, AFCQ_JSON_PRETTY);
	json_decref(j);
	char *flat = afcq_json_reindent(text, len);
	assert_non_null(flat);
	assert_string_equal(flat, tree);
	free(flat);
	free(tree);
}

static void test_layout_as_the_tree(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"{\"a\":1,\"b\":[1,2,{\"c\":\"x\\\"y\\\\z\\n\"}],\"e\":{},\"f\":[],\"g\":true,"
		"\"h\":false,\"i\":null,\"r\":0.0625,\"n\":-3}",
		"  [ ]  ",
		"{}",
		"\"just a string\"",
		"[[[[1]]],{\"k\":{\"k\":{}}}]",
		"{ \"inv\" : [ { \"doc\" : \"D-1\" , \"itms\" : [ { \"ref\" : \"r\" , \"txs\" : [ ] } ] } ] }\n",
		"{\"u\":\"Montr\xc3\xa9" "al\",\"t\":\"tab\\tend\"}",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		assert_as_tree(texts[i], strlen(texts[i]));
}

/* The fixture answers, as a server writes them, come out as their trees. */
static void test_fixture_answers(void **state)
{
	(void)state;
	static const char *const names[] = { "response_mixed.json", "response_request_error.json",
					     "commit_ok.json", "commit_failed.json",
					     "tspairs.json", "taxtypes.json", "pcode_result.json",
					     "serviceinfo.json" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t len;
		char *text = codec_test_fixture(names[i], &len);
		char *flat = afcq_json_reindent(text, len);
		if (!flat)
			fail_msg("%s: refused", names[i]);
		free(flat);
		assert_as_tree(text, len);
		free(text);
	}
}

/* Values are copied as written: the text's own number forms stay. */
static void test_values_as_written(void **state)
{
	(void)state;
	const char *text = "{\"a\":1.50,\"b\":1e2,\"c\":\"\\/\"}";
	char *flat = afcq_json_reindent(text, strlen(text));
	assert_non_null(flat);
	assert_string_equal(flat, "{\n  \"a\": 1.50,\n  \"b\": 1e2,\n  \"c\": \"\\/\"\n}");
	free(flat);
}

static void test_not_strict_json(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "   ", "{", "[1,]", "{\"a\":1,}", "{,}", "[,]", "{\"a\" 1}", "{\"a\":}",
		"{1:2}", "[1 2]", "// note\n{}", "{} /* c */", "{} x", "[01]", "[1.]", "[.5]",
		"[-]", "[1e]", "[tru]", "[nul]", "\"open", "\"bad \\x escape\"", "\"\\u12G4\"",
		"\"tab\tinside\"", "}", "]", "[1]]", "{\"a\":1}}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *flat = afcq_json_reindent(bad[i], strlen(bad[i]));
		if (flat)
			fail_msg("accepted %s as %s", bad[i], flat);
	}
}

/* Deeper than the tree reader goes: refused, as it refuses it. */
static void test_too_deep(void **state)
{
	(void)state;
	size_t n = 3000;
	char *text = afcq_xcalloc(2 * n + 1, 1);
	memset(text, '[', n);
	memset(text + n, ']', n);
	assert_null(afcq_json_reindent(text, 2 * n));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_as_the_tree),
		cmocka_unit_test(test_fixture_answers),
		cmocka_unit_test(test_values_as_written),
		cmocka_unit_test(test_not_strict_json),
		cmocka_unit_test(test_too_deep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
