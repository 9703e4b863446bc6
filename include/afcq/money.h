/* money.h - sums in full precision, rounding to cents only for display.
 *
 * Amounts from AFC are doubles with binary noise (1.045 arrives as
 * 1.0449999999999999).  Sums are accumulated with compensation; rounding to
 * cents is half away from zero on the decimal value the double stands for
 * (printed to 15 significant digits first).
 */
#ifndef AFCQ_MONEY_H
#define AFCQ_MONEY_H

#include <stddef.h>

#include "afcq/model.h"

/* Rounds to cents, half away from zero; returns cents as an integer. */
long long afcq_money_cents(double amount);
/* Formats to "1,234.57"-less plain "1234.57" (with '-' when negative) into
 * buf; returns buf. */
const char *afcq_money_format(double amount, char *buf, size_t n);
/* Formats a full-precision value with the shortest digits that round-trip. */
const char *afcq_number_format(double v, char *buf, size_t n);

/* Compensated (Kahan-Neumaier) sum. */
struct afcq_sum { double s, c; };
void afcq_sum_add(struct afcq_sum *s, double v);
double afcq_sum_value(const struct afcq_sum *s);

struct afcq_totals {
	double charges;       /* sum of item charges (x qty; base for tax-inclusive items; adj negated) */
	double billable;      /* taxes with bill true */
	double nonbillable;   /* taxes with bill false */
	double total_due;     /* charges + billable */
	size_t n_taxes;
	size_t n_errors;      /* err entries at request, invoice and item level */
};

/* Totals of one invoice (inv index i of both request and response) or of
 * all of them when i == (size_t)-1.  The response may hold fewer invoices
 * than the request; missing ones count no taxes.  An invoice with errors
 * contributes no taxes (never a tax total for a failed invoice). */
void afcq_money_totals(const struct afcq_request *req, const struct afcq_response *resp, size_t i,
		       struct afcq_totals *out);

/* The charge of an item as the customer sees it: chg x qty, negated for
 * adjustments; for tax-inclusive items the solved base when res gives it. */
double afcq_money_item_charge(const struct afcq_item *it, const struct afcq_item_result *res);

/* Describes the calculation in words into buf:
 * "per line: 1 x 1.72 = 1.72", "6.25% of 16.72 = 1.045". */
const char *afcq_money_explain(const struct afcq_tax *t, char *buf, size_t n);

#endif
