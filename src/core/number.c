/* number.c - numbers as text, both ways; see number.h for the rules.
 *
 * Reading checks the grammar by hand (strtod alone would take "0x1p3",
 * "inf" and a comma under some locales), then converts the digits with
 * strtoll / strtod on a copy that has a '.' replaced by the locale's decimal
 * point, so a number means the same under any LC_NUMERIC.
 */
#include "afcq/number.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* From here up, a decimal of 15 significant digits has at most 21
 * decimals, so afcq_number_plain (up to 22) finds every one that reads
 * back. */
#define PLAIN_COMPLETE 1e-7

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the run of digits at s[i..n). */
static size_t digits(const char *s, size_t i, size_t n)
{
	size_t k = i;
	while (k < n && is_digit(s[k]))
		k++;
	return k - i;
}

bool afcq_number_read(const char *s, size_t n, struct afcq_number *out, const char **why)
{
	static const char not_a_number[] = "not a number";
	*why = not_a_number;
	if (!s)
		return false;
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	size_t i = 0;
	while (i < n && is_blank(s[i]))
		i++;
	size_t start = i;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	size_t int_digits = digits(s, i, n);
	i += int_digits;
	size_t frac_digits = 0;
	bool fraction = i < n && s[i] == '.';
	if (fraction) {
		frac_digits = digits(s, i + 1, n);
		i += 1 + frac_digits;
	}
	if (int_digits + frac_digits == 0)
		return false;
	bool exponent = i < n && (s[i] == 'e' || s[i] == 'E');
	if (exponent) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t exp_digits = digits(s, i, n);
		if (exp_digits == 0)
			return false;
		i += exp_digits;
	}
	if (i != n)
		return false;

	char text[512];
	size_t len = n - start;
	if (len >= sizeof text) {
		*why = "out of range";
		return false;
	}
	memcpy(text, s + start, len);
	text[len] = '\0';
	struct afcq_number num = { 0 };
	if (!fraction && !exponent) {
		errno = 0;
		long long ll = strtoll(text, NULL, 10);
		if (errno == 0) {
			num.d = (double)ll;
			num.integral = true;
			num.ll = ll;
			*out = num;
			return true;
		}
	}
	char *dot = strchr(text, '.');
	const char *point = localeconv()->decimal_point;
	if (dot && point && point[0] && !point[1])
		*dot = point[0];
	errno = 0;
	num.d = strtod(text, NULL);
	if (!isfinite(num.d) || (errno == ERANGE && fabs(num.d) > 1)) {
		*why = "out of range";
		return false;
	}
	if (num.d == trunc(num.d) && fabs(num.d) < 9.2e18) {
		num.integral = true;
		num.ll = (long long)num.d;
	}
	*out = num;
	return true;
}

bool afcq_number_integer(const struct afcq_number *num, long long *out, const char **why)
{
	if (!num->integral) {
		*why = num->d == trunc(num->d) ? "out of range" : "not an integer";
		return false;
	}
	*out = num->ll;
	return true;
}

int afcq_number_precision(double d)
{
	if (!isfinite(d))
		return 15;
	/* A normal double holds every decimal of 15 digits apart, so a shorter
	 * decimal that reads back as d is what %.15g prints, its trailing zeros
	 * dropped.  A subnormal one holds fewer digits: try them all. */
	char tmp[48];
	if (afcq_number_plain(d, PLAIN_COMPLETE, tmp, sizeof tmp))
		return 15;
	double a = fabs(d);
	/* From PLAIN_COMPLETE up, afcq_number_plain finds every decimal of 15
	 * digits that reads back: none does, so 15 is not enough. */
	int first = d != 0 && a < DBL_MIN ? 1 : a >= PLAIN_COMPLETE && a < 1e15 ? 16 : 15;
	for (int prec = first; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			return prec;
	}
	return 17;
}

bool afcq_number_plain(double d, double lo, char *buf, size_t n)
{
	/* powers of ten, all exact in a double */
	static const double p10[] = { 1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	double a = fabs(d);
	if (!(a >= lo && a > 0 && a < 1e15))
		return false;
	for (int k = 0; k < (int)(sizeof p10 / sizeof *p10); k++) {
		double m = a * p10[k];
		if (m >= 1e15)
			return false;
		double r = nearbyint(m);
		if (r / p10[k] != a)
			continue;
		/* digits of r, right to left, the point k digits in */
		unsigned long long digits = (unsigned long long)r;
		char tmp[48];
		size_t at = sizeof tmp;
		tmp[--at] = '\0';
		for (int i = 0; i < k; i++, digits /= 10)
			tmp[--at] = (char)('0' + digits % 10);
		if (k)
			tmp[--at] = '.';
		do {
			tmp[--at] = (char)('0' + digits % 10);
			digits /= 10;
		} while (digits);
		if (d < 0)
			tmp[--at] = '-';
		size_t len = sizeof tmp - 1 - at;
		if (len >= n)
			len = n - 1;
		memcpy(buf, tmp + at, len);
		buf[len] = '\0';
		return true;
	}
	return false;
}

const char *afcq_number_shortest(double d, char *buf, size_t n)
{
	if (!buf || !n)
		return buf;
	/* %g writes no exponent from 1e-4 up */
	if (afcq_number_plain(d, 1e-4, buf, n))
		return buf;
	double a = fabs(d);
	if (a >= 1e-4 && a < 1e15) {
		/* no 15-digit decimal reads back (see afcq_number_precision) */
		snprintf(buf, n, "%.16g", d);
		if (strtod(buf, NULL) != d)
			snprintf(buf, n, "%.17g", d);
	} else {
		snprintf(buf, n, "%.*g", afcq_number_precision(d), d);
	}
	/* printf follows LC_NUMERIC; JSON wants a point whatever the locale. */
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	return buf;
}
