/* number.h - numbers as text, both ways, shared by every reader and writer.
 *
 * Reading: the AFC service reads a numeric field written bare (15, 03) or
 * as a string ("03", "15.50"); every decoder (the jansson codec, the
 * streaming answer decoder, the workstation's fields) turns such text into
 * a value here, so they all accept and refuse the same things.  The text
 * is decimal: optional blanks around it, an optional sign, digits (leading
 * zeros allowed and read as decimal: "08" is 8), an optional fraction
 * (".5" and "5." too) and an optional exponent.  Hexadecimal, "inf", "nan", thousands separators
 * and empty text are refused.
 *
 * Writing: the shortest text that reads back as the same double, with '.'
 * as the decimal point whatever the locale.
 */
#ifndef AFCQ_NUMBER_H
#define AFCQ_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

struct afcq_number {
	double d;          /* the value (finite) */
	bool integral;     /* no fractional part and within long long: ll holds it */
	long long ll;
};

/* Reads the n bytes at s (no NUL needed) as a decimal number.  Returns true
 * and fills *out; false with *why set to a static message ("not a number",
 * "out of range") and *out untouched. */
bool afcq_number_read(const char *s, size_t n, struct afcq_number *out, const char **why);

/* The value as an integer: integral numbers only.  Returns true and sets
 * *out; false with *why "not an integer" (a fraction, or beyond long long). */
bool afcq_number_integer(const struct afcq_number *num, long long *out, const char **why);

/* The least precision of 15, 16 or 17 significant digits whose "%.*g" text
 * reads back as d (fewer for subnormal d; 15 for non-finite d).  With %g
 * dropping trailing zeros, that text is the shortest decimal that reads
 * back as d, and whole numbers below 1e15 print without an exponent. */
int afcq_number_precision(double d);

/* The common case without printf: when |d| is in [lo, 1e15) (lo > 0) and
 * a decimal of at most 9 decimals and 15 significant digits reads back as
 * d (amounts, rates, counts), writes it plainly ("-0.0625", "15") into
 * buf (n bytes; 32 suffice) and returns true: the digits %.15g gives, the
 * shortest that read back.  false otherwise (buf untouched). */
bool afcq_number_plain(double d, double lo, char *buf, size_t n);

/* Shortest round-trip text for d in JSON syntax ("35.1", "1e-09", "100");
 * '.' whatever the locale.  Writes at most n bytes (cut, always
 * terminated; 32 bytes always suffice); returns buf. */
const char *afcq_number_shortest(double d, char *buf, size_t n);

#endif
