/* test_json_relax.c - the relaxed reader's rules as a table: what it takes
 * beyond strict JSON (comments, trailing commas, leading zeros, a repeated
 * top-level "inv"), each with the strict JSON it must mean, and what it
 * must refuse.  Then the same rules through the request decoder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "codec_testlib.h"

/* Text taken beyond strict JSON, and the strict JSON it reads as. */
static const struct {
	const char *rule;
	const char *relaxed;
	const char *strict;
} taken[] = {
	{ "strict JSON as it is", "{\"a\":[1,2.5,\"x\"],\"b\":null}", NULL },
	{ "line comment", "// note\n{\"a\":1} // end", "{\"a\":1}" },
	{ "block comment", "{\"a\":/* one */1,/* two\nlines */\"b\":2}", "{\"a\":1,\"b\":2}" },
	{ "comment openers inside strings are data", "{\"a\":\"http://x/*y*/\"}", NULL },
	{ "trailing comma in an object", "{\"a\":1,}", "{\"a\":1}" },
	{ "trailing comma in an array", "{\"a\":[1,2,]}", "{\"a\":[1,2]}" },
	{ "trailing comma before a comment", "{\"a\":[1, // c\n]}", "{\"a\":[1]}" },
	{ "leading zero read as decimal", "{\"month\":03}", "{\"month\":3}" },
	{ "leading zeros, eight and nine", "{\"a\":[08,09,010]}", "{\"a\":[8,9,10]}" },
	{ "leading zeros on a negative number", "{\"a\":-007}", "{\"a\":-7}" },
	{ "leading zeros before a fraction", "{\"a\":[00.5,-00.25,001.5e1]}",
	  "{\"a\":[0.5,-0.25,15.0]}" },
	{ "all zeros", "{\"a\":[00,-000]}", "{\"a\":[0,0]}" },
	{ "zeros inside strings are data", "{\"a\":\"007\"}", NULL },
	{ "repeated inv adds invoices", "{\"inv\":[1],\"inv\":[2,3]}", "{\"inv\":[1,2,3]}" },
	{ "escaped inv is inv", "{\"inv\":[1],\"i\\u006ev\":[2]}", "{\"inv\":[1,2]}" },
	{ "escaped inv alone", "{\"\\u0069nv\":[1]}", "{\"inv\":[1]}" },
	{ "a key that is not inv stays what it is",
	  "{\"inv#2\":[1],\"inv\":[2],\"inv\":[3]}", "{\"inv#2\":[1],\"inv\":[2,3]}" },
	{ "repeated inv: an object counts as one invoice, null as none",
	  "{\"inv\":{\"d\":1},\"inv\":null,\"inv\":[2]}", "{\"inv\":[{\"d\":1},2]}" },
	{ "repeated inv with comments and trailing commas",
	  "{\"inv\":[1,], // one\n\"inv\":[2],}", "{\"inv\":[1,2]}" },
	{ "other repeated keys keep the last", "{\"cfg\":1,\"cfg\":2}", "{\"cfg\":2}" },
	{ "only the top level merges inv", "{\"a\":{\"inv\":[1],\"inv\":[2]}}",
	  "{\"a\":{\"inv\":[2]}}" },
	{ "byte order mark", "\xef\xbb\xbf{\"a\":1}", "{\"a\":1}" },
	{ "top-level array", "[1,2,]", "[1,2]" },
};

/* Text that must be refused, as a syntax error. */
static const struct {
	const char *rule;
	const char *text;
} refused[] = {
	{ "a lone comma in an object", "{,}" },
	{ "a lone comma in an array", "[,]" },
	{ "a lone comma in a nested array", "{\"inv\":[,]}" },
	{ "two commas", "[1,,2]" },
	{ "two trailing commas", "{\"a\":1,,}" },
	{ "a comma after a colon", "{\"a\":,}" },
	{ "a missing value", "{\"a\":}" },
	{ "a missing comma", "{\"a\":1 \"b\":2}" },
	{ "unquoted key", "{a:1}" },
	{ "single quotes", "{'a':1}" },
	{ "hexadecimal", "{\"a\":0x10}" },
	{ "a plus sign", "{\"a\":+1}" },
	{ "no digit before the point", "{\"a\":.5}" },
	{ "no digit after the point", "{\"a\":1.}" },
	{ "a sign alone", "{\"a\":-}" },
	{ "letters after zeros", "{\"a\":01a}" },
	{ "NaN", "{\"a\":NaN}" },
	{ "Infinity", "{\"a\":Infinity}" },
	{ "an unclosed comment", "{\"a\":1} /* open" },
	{ "an unclosed object", "{\"a\":[1]" },
	{ "text after the value", "{\"a\":1}}" },
};

static void test_taken_beyond_strict(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++) {
		const char *want_text = taken[i].strict ? taken[i].strict : taken[i].relaxed;
		json_error_t je;
		json_t *want = json_loads(want_text, JSON_DECODE_ANY, &je);
		if (!want)
			fail_msg("%s: expectation does not parse", taken[i].rule);
		json_t *got = NULL;
		struct afcq_error err;
		afcq_error_clear(&err);
		if (afcq_json_parse(taken[i].relaxed, strlen(taken[i].relaxed), &got, &err) != AFCQ_OK)
			fail_msg("%s: refused: %s", taken[i].rule, err.msg);
		if (!codec_test_json_same(got, want, taken[i].rule))
			fail_msg("%s: read differently", taken[i].rule);
		/* Integers stay integers (03 is 3, not 3.0). */
		char *a = afcq_json_dump(got, AFCQ_JSON_COMPACT), *b = afcq_json_dump(want, AFCQ_JSON_COMPACT);
		if (strcmp(a, b) != 0)
			fail_msg("%s: %s != %s", taken[i].rule, a, b);
		free(a);
		free(b);
		json_decref(got);
		json_decref(want);
	}
}

static void test_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		json_t *got = NULL;
		struct afcq_error err;
		afcq_error_clear(&err);
		if (afcq_json_parse(refused[i].text, strlen(refused[i].text), &got, &err) !=
		    AFCQ_ERR_PARSE)
			fail_msg("%s: taken: %s", refused[i].rule, refused[i].text);
		assert_null(got);
		assert_int_equal(err.cause, AFCQ_CAUSE_MALFORMED);
		if (!strstr(err.msg, "syntax error at line 1"))
			fail_msg("%s: %s", refused[i].rule, err.msg);
	}
}

static void test_relaxed_text_keeps_positions(void **state)
{
	(void)state;
	/* Blanked zeros keep the columns: the error after "month": 03 points
	 * where the user sees it. */
	const char *text = "{\"bpd\": {\"month\": 03 \"year\": 2022}}";
	char *strict = afcq_json_relax(text, strlen(text));
	assert_int_equal(strlen(strict), strlen(text));
	assert_string_equal(strict, "{\"bpd\": {\"month\":  3 \"year\": 2022}}");
	free(strict);
	json_t *j = NULL;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_json_parse(text, strlen(text), &j, &err), AFCQ_ERR_PARSE);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 27); /* the end of the "year" token */
}

static void test_request_invoices(void **state)
{
	(void)state;
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	afcq_error_clear(&err);
	/* The probe's cases: an escaped repetition adds B after A; a key
	 * that is not inv is no invoice. */
	const char *t1 = "{\"inv\":[{\"doc\":\"A\"}],\"i\\u006ev\":[{\"doc\":\"B\"}]}";
	assert_int_equal(afcq_codec_parse_request(t1, strlen(t1), &r, &err), AFCQ_OK);
	assert_int_equal(r.n_inv, 2);
	assert_string_equal(r.inv[0].doc, "A");
	assert_string_equal(r.inv[1].doc, "B");
	afcq_request_done(&r);
	const char *t2 = "{\"inv#2\":[{\"doc\":\"A\"}],\"inv\":[{\"doc\":\"B\"}],\"inv\":[{\"doc\":\"C\"}]}";
	assert_int_equal(afcq_codec_parse_request(t2, strlen(t2), &r, &err), AFCQ_OK);
	assert_int_equal(r.n_inv, 2);
	assert_string_equal(r.inv[0].doc, "B");
	assert_string_equal(r.inv[1].doc, "C");
	afcq_request_done(&r);
	const char *t3 = "{\"inv#2\":[{\"doc\":\"A\"}]}";
	assert_int_equal(afcq_codec_parse_request(t3, strlen(t3), &r, &err), AFCQ_OK);
	assert_int_equal(r.n_inv, 0);
	afcq_request_done(&r);
	/* A repetition that is not a list of invoices is named. */
	const char *t4 = "{\"inv\":[{}],\"inv\":5}";
	assert_int_equal(afcq_codec_parse_request(t4, strlen(t4), &r, &err), AFCQ_ERR_PARSE);
	codec_test_assert_error_line(&err, "inv[1]: not an object");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taken_beyond_strict),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_relaxed_text_keeps_positions),
		cmocka_unit_test(test_request_invoices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
