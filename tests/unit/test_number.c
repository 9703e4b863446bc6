/* test_number.c - numbers as text: what the shared reader takes and
 * refuses, and the shortest round-trip writer used by every printer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"
#include "afcq/number.h"

static void test_read_taken(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		double d;
		bool integral;
		long long ll;
	} cases[] = {
		{ "03", 3, true, 3 },
		{ "08", 8, true, 8 },
		{ "0", 0, true, 0 },
		{ "-007", -7, true, -7 },
		{ "+5", 5, true, 5 },
		{ "2022", 2022, true, 2022 },
		{ " 12 ", 12, true, 12 },
		{ "15.50", 15.5, false, 0 },
		{ "15.0", 15, true, 15 },
		{ "1e2", 100, true, 100 },
		{ "1.5E-1", 0.15, false, 0 },
		{ ".5", 0.5, false, 0 },
		{ "5.", 5, true, 5 },
		{ "2147483647", 2147483647.0, true, 2147483647LL },
		{ "9007199254740993", 9007199254740992.0, true, 9007199254740993LL },
		{ "1e300", 1e300, false, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct afcq_number num;
		const char *why = NULL;
		if (!afcq_number_read(cases[i].text, strlen(cases[i].text), &num, &why))
			fail_msg("\"%s\" refused: %s", cases[i].text, why);
		if (num.d != cases[i].d || num.integral != cases[i].integral ||
		    (num.integral && num.ll != cases[i].ll))
			fail_msg("\"%s\" read as %.17g (integral %d, %lld)", cases[i].text, num.d,
				 num.integral, num.ll);
	}
	/* Only the n bytes given are read. */
	struct afcq_number num;
	const char *why;
	assert_true(afcq_number_read("12abc", 2, &num, &why));
	assert_true(num.ll == 12);
}

static void test_read_refused(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *why;
	} cases[] = {
		{ "", "not a number" },
		{ "  ", "not a number" },
		{ "abc", "not a number" },
		{ "12 dollars", "not a number" },
		{ "1,5", "not a number" },
		{ "1 000", "not a number" },
		{ "0x10", "not a number" },
		{ "inf", "not a number" },
		{ "nan", "not a number" },
		{ "-", "not a number" },
		{ ".", "not a number" },
		{ "1e", "not a number" },
		{ "--1", "not a number" },
		{ "1e400", "out of range" },
		{ "-1e400", "out of range" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct afcq_number num = { .d = 42 };
		const char *why = NULL;
		if (afcq_number_read(cases[i].text, strlen(cases[i].text), &num, &why))
			fail_msg("\"%s\" taken as %.17g", cases[i].text, num.d);
		assert_string_equal(why, cases[i].why);
		assert_true(num.d == 42);
	}
	assert_false(afcq_number_read(NULL, 0, &(struct afcq_number){ 0 }, &(const char *){ 0 }));
}

static void test_integer(void **state)
{
	(void)state;
	struct afcq_number num;
	const char *why;
	long long v = 0;
	assert_true(afcq_number_read("15.5", 4, &num, &why));
	assert_false(afcq_number_integer(&num, &v, &why));
	assert_string_equal(why, "not an integer");
	assert_true(afcq_number_read("1e19", 4, &num, &why));
	assert_false(afcq_number_integer(&num, &v, &why));
	assert_string_equal(why, "out of range");
	assert_true(afcq_number_read("04", 2, &num, &why));
	assert_true(afcq_number_integer(&num, &v, &why));
	assert_true(v == 4);
}

/* The shortest "%.*g" text of d that reads back as d, by brute force. */
static size_t shortest_digits(double d)
{
	char buf[64];
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	size_t n = 0;
	for (const char *s = buf; *s && *s != 'e'; s++)
		n += *s >= '0' && *s <= '9';
	return n;
}

static size_t significant_digits(const char *s)
{
	size_t n = 0;
	bool lead = true;
	for (; *s && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (lead && *s == '0')
			continue;
		lead = false;
		n++;
	}
	/* trailing zeros of an integer part ("2100") are not significant */
	return n;
}

static void test_shortest(void **state)
{
	(void)state;
	static const double vals[] = {
		35.1, 35.099999999999994, 0.1, 0.30000000000000004, 1.6672499999999997,
		1.045, 1.0449999999999999, 2147483647.0, 0.0172, 1e-9, 5e-324, 1.7976931348623157e308,
		-25.0, 123456.789, 16.72, 0.0625,
	};
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		char a[64], b[64];
		afcq_number_shortest(vals[i], a, sizeof a);
		afcq_number_format(vals[i], b, sizeof b);
		if (strtod(a, NULL) != vals[i] || strtod(b, NULL) != vals[i])
			fail_msg("%.17g printed %s / %s: does not read back", vals[i], a, b);
		size_t want = shortest_digits(vals[i]);
		if (significant_digits(a) > want && !strchr(a, 'e') && strchr(a, '.'))
			fail_msg("%.17g printed %s: %zu digits do", vals[i], a, want);
		if (significant_digits(b) > want && strchr(b, '.'))
			fail_msg("%.17g printed %s: %zu digits do", vals[i], b, want);
	}
	char buf[64];
	assert_string_equal(afcq_number_shortest(35.1, buf, sizeof buf), "35.1");
	assert_string_equal(afcq_number_format(35.1, buf, sizeof buf), "35.1");
	assert_string_equal(afcq_number_shortest(35.099999999999994, buf, sizeof buf),
			    "35.099999999999994");
	assert_string_equal(afcq_number_format(2147483647.0, buf, sizeof buf), "2147483647");
	assert_string_equal(afcq_number_format(0.30000000000000004, buf, sizeof buf),
			    "0.30000000000000004");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_taken),
		cmocka_unit_test(test_read_refused),
		cmocka_unit_test(test_integer),
		cmocka_unit_test(test_shortest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
