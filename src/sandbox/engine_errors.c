/* engine_errors.c - checks that turn bad input into `err` entries.
 *
 * Codes: -1000 for a line item that failed (item `err`, and the invoice
 * then carries -1000 "One or more LineItems failed."), -2000 for a whole
 * invoice or request that cannot be computed (the model's default code).
 * Amounts beyond AFCQ_MONEY_MAX (a charge, charge x quantity, minutes, an
 * invoice's charges added up) are errors too: past it the sums could not
 * be exact to the cent.
 */
#include "engine_int.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "afcq/money.h"
#include "afcq/str.h"

void engine_err_add(struct afcq_errors *errs, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	errs->v = afcq_xrealloc(errs->v, (errs->n + 1) * sizeof *errs->v);
	errs->v[errs->n].code = code;
	errs->v[errs->n].msg = afcq_xvasprintf(fmt, ap);
	errs->n++;
	va_end(ap);
}

bool engine_date(const char *s, char out[RB_DATE_LEN])
{
	if (!s || strlen(s) < 10)
		return false;
	for (int i = 0; i < 10; i++) {
		bool sep = i == 4 || i == 7;
		if (sep ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return false;
	}
	if (s[10] != '\0' && s[10] != 'T' && s[10] != ' ')
		return false;
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	memcpy(out, s, 10);
	out[10] = '\0';
	return true;
}

/* |chg| x qty of an item (qty absent or below 1 counts once). */
static double item_amount(const struct afcq_item *itm)
{
	long long qty = itm->qty.set && itm->qty.v > 0 ? itm->qty.v : 1;
	return itm->chg.set ? fabs(itm->chg.v) * (double)qty : 0;
}

bool engine_check_invoice(const struct ratebook *rb, const struct afcq_invoice *in,
			  struct afcq_errors *errs)
{
	(void)rb;
	char date[RB_DATE_LEN], max[32];
	if (in->n_itms == 0) {
		engine_err_add(errs, -2000, "Missing required field: itms (the invoice has no line items).");
		return false;
	}
	if (in->n_itms > 10000) {
		engine_err_add(errs, -2000, "Too many line items: %zu (at most 10000 per invoice).",
			       in->n_itms);
		return false;
	}
	if (in->date && !engine_date(in->date, date)) {
		engine_err_add(errs, -2000, "Invalid date: \"%s\" (want YYYY-MM-DD).", in->date);
		return false;
	}
	if (in->cust.set && (in->cust.v < 0 || in->cust.v > 3)) {
		engine_err_add(errs, -2000, "Invalid customer type: %lld (0 to 3).", in->cust.v);
		return false;
	}
	/* Amounts beyond the exact range are each an item's error; here the
	 * invoice's charges added up. */
	double total = 0;
	for (size_t j = 0; j < in->n_itms; j++)
		if (item_amount(&in->itms[j]) <= AFCQ_MONEY_MAX)
			total += item_amount(&in->itms[j]);
	if (total > AFCQ_MONEY_MAX) {
		engine_err_add(errs, -2000, "Invalid charges: the line items add up to more than %s.",
			       afcq_money_format(AFCQ_MONEY_MAX, max, sizeof max));
		return false;
	}
	return true;
}

static bool location(const struct ratebook *rb, const struct afcq_location *l, const char *what,
		     const struct rb_jur **out, struct afcq_errors *errs)
{
	*out = engine_resolve(rb, l);
	if (*out)
		return true;
	if (l->pcd.set)
		engine_err_add(errs, -1000, "Unknown location: %s PCode %lld is not in the rate book.",
			       what, l->pcd.v);
	else
		engine_err_add(errs, -1000, "Unknown location: %s %s%s%s%s%s%s%s matches no jurisdiction.",
			       what, l->ctry ? l->ctry : "", l->st ? " " : "", l->st ? l->st : "",
			       l->city ? " " : "", l->city ? l->city : "", l->zip ? " " : "",
			       l->zip ? l->zip : "");
	return false;
}

bool engine_check_item(const struct ratebook *rb, const struct afcq_invoice *in,
		       const struct afcq_item *itm, struct eng_item *it, struct afcq_errors *errs)
{
	const char *d = itm->date ? itm->date : in->date;
	size_t before = errs->n;
	it->in = itm;
	if (!d) {
		engine_err_add(errs, -1000, "Missing required field: date.");
	} else if (!engine_date(d, it->date)) {
		engine_err_add(errs, -1000, "Invalid date: \"%s\" (want YYYY-MM-DD).", d);
	}
	if (!itm->tran.set)
		engine_err_add(errs, -1000, "Missing required field: tran (transaction type).");
	if (!itm->serv.set)
		engine_err_add(errs, -1000, "Missing required field: serv (service type).");
	if (itm->tran.set && itm->serv.set) {
		it->pair = ratebook_pair(rb, (int)itm->tran.v, (int)itm->serv.v);
		if (!it->pair)
			engine_err_add(errs, -1000, "Invalid transaction/service pair: %lld/%lld.",
				       itm->tran.v, itm->serv.v);
	}
	const struct afcq_location *bill = itm->bill.present ? &itm->bill : &in->bill;
	if (!bill->present)
		engine_err_add(errs, -1000, "Missing required field: bill (bill-to location).");
	else
		location(rb, bill, "bill-to", &it->jur, errs);
	if (itm->plsp.set) {
		if (itm->incl.set && itm->incl.v)
			engine_err_add(errs, -1000,
				       "Exception: The IsPrivateLine parameter is not supported for CalculateTaxInclusiveTaxes.");
		else if (!itm->from.present || !itm->to.present)
			engine_err_add(errs, -1000,
				       "Missing required field: a private-line split (plsp) needs from and to.");
		else if (location(rb, &itm->from, "from", &it->from, errs))
			location(rb, &itm->to, "to", &it->to, errs);
	}
	if (itm->cust.set && (itm->cust.v < 0 || itm->cust.v > 3))
		engine_err_add(errs, -1000, "Invalid customer type: %lld (0 to 3).", itm->cust.v);
	if (itm->sale.set && (itm->sale.v < 0 || itm->sale.v > 3))
		engine_err_add(errs, -1000, "Invalid sale type: %lld (0 to 3).", itm->sale.v);
	if (itm->qty.set && itm->qty.v < 0)
		engine_err_add(errs, -1000, "Invalid quantity: %lld.", itm->qty.v);
	char num[48], max[32];
	bool big_charge = !(item_amount(itm) <= AFCQ_MONEY_MAX);
	bool big_minutes = itm->min.set && !(fabs(itm->min.v) <= AFCQ_MONEY_MAX);
	if (big_charge || big_minutes)
		afcq_money_format(AFCQ_MONEY_MAX, max, sizeof max);
	if (big_charge)
		engine_err_add(errs, -1000, "Invalid charge: %s x %lld exceeds %s, the largest amount.",
			       afcq_number_format(itm->chg.v, num, sizeof num),
			       itm->qty.set && itm->qty.v > 0 ? itm->qty.v : 1, max);
	if (big_minutes)
		engine_err_add(errs, -1000, "Invalid minutes: %s exceeds %s, the largest amount.",
			       afcq_number_format(itm->min.v, num, sizeof num), max);
	return errs->n == before;
}
