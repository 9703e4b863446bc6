/* money.h - sums in full precision, rounding to cents only for display.
 *
 * Amounts from AFC are doubles with binary noise (1.045 arrives as
 * 1.0449999999999999).  Sums are accumulated with compensation; rounding to
 * cents is half away from zero on the decimal value the double stands for
 * (printed to 15 significant digits first).
 */
#ifndef AFCQ_MONEY_H
#define AFCQ_MONEY_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/model.h"

/* The largest amount a request may carry, in a charge (chg, and chg x qty),
 * in minutes (min) and in the sum of a request's charges: a trillion less a
 * cent.  Amounts are shown to the cent from their 15 significant digits,
 * exact below 10^13 (AFCQ_MONEY_EXACT), so sums and the taxes on such
 * amounts stay exact to the cent with room to spare.  Larger amounts are
 * refused before sending (validate.h), and the sandbox answers them with
 * an `err` entry. */
#define AFCQ_MONEY_MAX 999999999999.99
/* The largest magnitude shown to the cent: 15 significant digits, the
 * precision a double holds reliably, reach the cents below 10^13. */
#define AFCQ_MONEY_EXACT 9999999999999.99

/* true when amount is finite and within AFCQ_MONEY_EXACT: it can be shown
 * exactly to the cent. */
bool afcq_money_exact(double amount);
/* Rounds to cents, half away from zero; returns cents as an integer
 * (1.045 -> 105).  NaN gives 0; magnitudes of 10^16 and more saturate. */
long long afcq_money_cents(double amount);
/* Formats to "1,234.57"-less plain "1234.57" (with '-' when negative) into
 * buf; an amount that cannot be shown exactly to the cent (infinite, not a
 * number, or beyond AFCQ_MONEY_EXACT, as an overflowing sum is) gives
 * "out of range", never a plausible wrong number.  Returns buf. */
const char *afcq_money_format(double amount, char *buf, size_t n);
/* Formats a full-precision value with the shortest digits that round-trip
 * (tries 15, 16, then 17 significant digits), as a plain decimal ("0.0172",
 * "2147483647", "-25"; exponent form only below 1e-7 or from 1e21).
 * Writes at most n bytes into buf (cut, always terminated); returns buf. */
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
 * contributes no taxes (never a tax total for a failed invoice).
 * Details: either req or resp may be NULL (charges only / taxes only); an
 * err entry at invoice or item level fails that invoice, one at request
 * level fails all of them; charges are still summed for failed invoices, so
 * check n_errors before presenting total_due as due.  "NO TAX" placeholder
 * rows (notax) are neither counted nor summed; bridge participants' taxes
 * (an item's brdg[]) are, as the item's own.  i past the end gives zeros. */
void afcq_money_totals(const struct afcq_request *req, const struct afcq_response *resp, size_t i,
		       struct afcq_totals *out);

/* What the totals take of a request's line items, kept without the items
 * (for a caller that lets them go once the request is encoded): per item,
 * chg x qty (qty as afcq_money_item_charge counts it) and whether it is
 * tax-inclusive (the answer's base replaces it) or an adjustment (a
 * credit).  16 bytes an item instead of the item. */
struct afcq_item_charge {
	double amount;
	bool incl;
	bool adj;
};
struct afcq_invoice_charges {
	struct afcq_item_charge *v;
	size_t n;
};
struct afcq_charges {
	struct afcq_invoice_charges *inv;
	size_t n_inv;
};

/* Fills *out (overwritten, owned by the caller) from req's items; frees
 * with afcq_charges_done, which zeroes it (NULL is fine). */
void afcq_charges_of(struct afcq_charges *out, const struct afcq_request *req);
void afcq_charges_done(struct afcq_charges *c);
/* Appends the charges of inv's items as the next invoice's (for a request
 * read one invoice at a time). */
void afcq_charges_add_invoice(struct afcq_charges *c, const struct afcq_invoice *inv);

/* afcq_money_totals with the request's items given by their charges: the
 * same totals, to the last bit, as from the request they came from. */
void afcq_money_totals_charged(const struct afcq_charges *c, const struct afcq_response *resp,
			       size_t i, struct afcq_totals *out);

/* The charge of an item as the customer sees it: chg x qty, negated for
 * adjustments; for tax-inclusive items the solved base when res gives it.
 * qty absent or < 1 counts as 1; base is taken as the whole item's amount
 * (not multiplied again); an adjustment is always a credit (-|amount|).
 * res may be NULL. */
double afcq_money_item_charge(const struct afcq_item *it, const struct afcq_item_result *res);

/* Describes the calculation in words into buf:
 * "per line: 1 x 1.72 = 1.72", "6.25% of 16.72 = 1.045", "fixed: 1.00",
 * "per minute: 100 x 0.004 = 0.4", with " (exempt 35.1)" when exm != 0.
 * Rates of calc 1 and 5 show as percentages with up to six decimals; other
 * numbers in full precision.  Cut to n bytes, always terminated; returns buf. */
const char *afcq_money_explain(const struct afcq_tax *t, char *buf, size_t n);

/* What a percentage tax's base is made of when it is not the item's
 * charge (a tax on taxes): the amounts of taxes of the same item
 * (txs[0..n-1]), with the charge or without it, add up to the base (tm), or
 * to tm + exm for a tax on a share of it (exm the rest).  The search is
 * bounded, so that it stays quick whatever the item: sets of at most
 * AFCQ_BASE_PARTS_MAX taxes among the first AFCQ_BASE_CANDIDATES with an
 * amount, the smallest first, exact sums before sums to the cent.  t may
 * point into txs (a tax in its own base is found too). */
enum { AFCQ_BASE_PARTS_MAX = 4, AFCQ_BASE_CANDIDATES = 32 };
struct afcq_base_parts {
	size_t n;                          /* taxes found, 0: none explains the base */
	size_t idx[AFCQ_BASE_PARTS_MAX];   /* their indexes in txs, in order */
	bool with_charge;                  /* the charge is in the base too */
	bool with_exempt;                  /* they make tm + exm, of which tm is taxed */
};
/* Fills *out; returns out->n (0 for a tax of the charge alone, a tax that
 * is no percentage, or a base no such set explains). */
size_t afcq_money_base_parts(const struct afcq_tax *txs, size_t n, const struct afcq_tax *t,
			     double charge, struct afcq_base_parts *out);

/* "no maximum" for the service's max 2147483647 (INT32_MAX, "none"), else
 * the number in full precision; into buf, returned. */
const char *afcq_money_max_text(double max, char *buf, size_t n);

/* The rate as people read it, by calculation type (calc): a percentage for
 * calc 1 and 5 ("6.25%", up to six decimals), else an amount per unit with
 * at least two decimals: "1.00 fixed" (2), "0.004/min" (3), "1.72/line" (4,
 * 8), "0.50/bracket" (6, 9), "1.00/tier" (7); any other calc gives the plain
 * number.  Writes at most n bytes into buf (cut, always terminated);
 * returns buf. */
const char *afcq_rate_format(int calc, double rate, char *buf, size_t n);

#endif
