/* money.c - compensated sums, cents and the calculation in words.
 *
 * How rounding works: AFC never rounds; its amounts are doubles with binary
 * noise, so 1.045 arrives as 1.0449999999999999.  Rounding that double to
 * cents directly gives 1.04, while the customer (and AFC's own billing
 * examples) expect 1.05.  So every amount is first turned into the decimal
 * it stands for, 15 significant digits (the precision a double holds
 * reliably), and that decimal is rounded half away from zero at the cents
 * digit.  Sums never round: they are kept in full precision with
 * Kahan-Neumaier compensation and rounded only when shown.
 */
#include "afcq/money.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/number.h"
#include "afcq/str.h"

/* A double written as decimal digits: value = d[0].d[1]d[2]... x 10^exp. */
struct decimal {
	bool neg;
	int nd;        /* significant digits in d, trailing zeros stripped */
	int exp;
	char d[24];
};

/* Decimal digits of a finite v to prec (1..17) significant digits. */
static void decimal_of(double v, int prec, struct decimal *out)
{
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%.*e", prec - 1, fabs(v));
	memset(out, 0, sizeof *out);
	out->neg = signbit(v) != 0;
	const char *p = tmp;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && out->nd < (int)sizeof out->d - 1)
			out->d[out->nd++] = *p;
	out->exp = *p == 'e' ? atoi(p + 1) : 0;
	while (out->nd > 1 && out->d[out->nd - 1] == '0')
		out->nd--;
	out->d[out->nd] = '\0';
	if (out->nd == 1 && out->d[0] == '0') {
		out->exp = 0;
		out->neg = false; /* no "-0" */
	}
}

/* Writes dec as a plain decimal ("0.0172", "2147483647", "-25") into
 * buf of size n (n >= 2). */
static void decimal_plain(const struct decimal *dec, char *buf, size_t n)
{
	char tmp[80];
	size_t k = 0;
	if (dec->neg)
		tmp[k++] = '-';
	if (dec->exp >= 0) {
		for (int i = 0; i <= dec->exp; i++)
			tmp[k++] = i < dec->nd ? dec->d[i] : '0';
		if (dec->nd > dec->exp + 1) {
			tmp[k++] = '.';
			for (int i = dec->exp + 1; i < dec->nd; i++)
				tmp[k++] = dec->d[i];
		}
	} else {
		tmp[k++] = '0';
		tmp[k++] = '.';
		for (int i = 0; i < -dec->exp - 1; i++)
			tmp[k++] = '0';
		for (int i = 0; i < dec->nd; i++)
			tmp[k++] = dec->d[i];
	}
	tmp[k] = '\0';
	snprintf(buf, n, "%s", tmp);
}

long long afcq_money_cents(double amount)
{
	if (isnan(amount))
		return 0;
	if (isinf(amount))
		return amount > 0 ? LLONG_MAX : -LLONG_MAX;
	struct decimal dec;
	decimal_of(amount, 15, &dec);
	/* Digit i has place value 10^(exp - i); the cents digit is i = exp + 2. */
	int last = dec.exp + 2;
	if (last > 17) /* 10^16 and more: beyond any invoice */
		return dec.neg ? -LLONG_MAX : LLONG_MAX;
	long long cents = 0;
	for (int i = 0; i <= last; i++)
		cents = cents * 10 + (i < dec.nd ? dec.d[i] - '0' : 0);
	int next = last + 1; /* first dropped digit decides, on the magnitude */
	if (next >= 0 && next < dec.nd && dec.d[next] >= '5')
		cents++;
	return dec.neg ? -cents : cents;
}

bool afcq_money_exact(double amount)
{
	return isfinite(amount) && fabs(amount) <= AFCQ_MONEY_EXACT;
}

const char *afcq_money_format(double amount, char *buf, size_t n)
{
	if (!buf || !n)
		return buf;
	if (!afcq_money_exact(amount)) {
		snprintf(buf, n, "out of range");
		return buf;
	}
	long long c = afcq_money_cents(amount);
	unsigned long long a = c < 0 ? (unsigned long long)-c : (unsigned long long)c;
	snprintf(buf, n, "%s%llu.%02llu", c < 0 ? "-" : "", a / 100, a % 100);
	return buf;
}

const char *afcq_number_format(double v, char *buf, size_t n)
{
	if (!buf || !n)
		return buf;
	/* plain from 1e-7 up, as below */
	if (v == 0) {
		snprintf(buf, n, "0");
		return buf;
	}
	if (afcq_number_plain(v, 1e-7, buf, n))
		return buf;
	if (!isfinite(v)) {
		snprintf(buf, n, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
		return buf;
	}
	int prec = afcq_number_precision(v);
	struct decimal dec;
	decimal_of(v, prec, &dec);
	if (dec.exp >= -7 && dec.exp <= 20)
		decimal_plain(&dec, buf, n);
	else
		snprintf(buf, n, "%.*g", prec, v);
	return buf;
}

void afcq_sum_add(struct afcq_sum *s, double v)
{
	double t = s->s + v;
	if (fabs(s->s) >= fabs(v))
		s->c += (s->s - t) + v;
	else
		s->c += (v - t) + s->s;
	s->s = t;
}

double afcq_sum_value(const struct afcq_sum *s)
{
	return s->s + s->c;
}

/* chg x qty, qty absent or < 1 counting as 1 */
static double plain_amount(const struct afcq_item *it)
{
	long long qty = it->qty.set && it->qty.v > 0 ? it->qty.v : 1;
	return (it->chg.set ? it->chg.v : 0) * (double)qty;
}

/* The one rule of afcq_money_item_charge, on an item or its charge. */
static double charge_of(struct afcq_item_charge c, const struct afcq_item_result *res)
{
	/* The server's solved pre-tax amount already covers the quantity. */
	double amount = c.incl && res && res->base.set ? res->base.v : c.amount;
	/* An adjustment is a credit whatever the sign it was written with. */
	return c.adj ? -fabs(amount) : amount;
}

static struct afcq_item_charge item_charge(const struct afcq_item *it)
{
	return (struct afcq_item_charge){
		.amount = plain_amount(it),
		.incl = it->incl.set && it->incl.v,
		.adj = it->adj.set && it->adj.v,
	};
}

double afcq_money_item_charge(const struct afcq_item *it, const struct afcq_item_result *res)
{
	if (!it)
		return 0;
	return charge_of(item_charge(it), res);
}

void afcq_charges_add_invoice(struct afcq_charges *c, const struct afcq_invoice *inv)
{
	c->inv = afcq_xrealloc(c->inv, (c->n_inv + 1) * sizeof *c->inv);
	struct afcq_invoice_charges *ci = &c->inv[c->n_inv++];
	ci->v = inv->n_itms ? afcq_xcalloc(inv->n_itms, sizeof *ci->v) : NULL;
	ci->n = inv->n_itms;
	for (size_t j = 0; j < inv->n_itms; j++)
		ci->v[j] = item_charge(&inv->itms[j]);
}

void afcq_charges_of(struct afcq_charges *out, const struct afcq_request *req)
{
	memset(out, 0, sizeof *out);
	for (size_t k = 0; req && k < req->n_inv; k++)
		afcq_charges_add_invoice(out, &req->inv[k]);
}

void afcq_charges_done(struct afcq_charges *c)
{
	if (!c)
		return;
	for (size_t k = 0; k < c->n_inv; k++)
		free(c->inv[k].v);
	free(c->inv);
	memset(c, 0, sizeof *c);
}

static size_t item_errors(const struct afcq_invoice_result *ri)
{
	size_t n = ri->err.n;
	for (size_t j = 0; j < ri->n_itms; j++)
		n += ri->itms[j].err.n;
	return n;
}

/* afcq_money_totals over a request or, when c is not NULL, its charges. */
static void totals(const struct afcq_request *req, const struct afcq_charges *c,
		   const struct afcq_response *resp, size_t i, struct afcq_totals *out)
{
	memset(out, 0, sizeof *out);
	struct afcq_sum charges = {0, 0}, billable = {0, 0}, nonbillable = {0, 0}, due = {0, 0};
	size_t n_req = c ? c->n_inv : req ? req->n_inv : 0, n_resp = resp ? resp->n_inv : 0;
	size_t n = n_req > n_resp ? n_req : n_resp;
	size_t lo = 0, hi = n;
	if (i != (size_t)-1) {
		lo = i < n ? i : n;
		hi = i < n ? i + 1 : n;
	}
	/* Request-level errors fail every invoice; they are counted once. */
	bool request_failed = resp && resp->err.n > 0;
	if (resp)
		out->n_errors += resp->err.n;

	for (size_t k = lo; k < hi; k++) {
		const struct afcq_invoice_result *ri = k < n_resp ? &resp->inv[k] : NULL;
		size_t errs = ri ? item_errors(ri) : 0;
		out->n_errors += errs;
		size_t n_itms = k >= n_req ? 0 : c ? c->inv[k].n : req->inv[k].n_itms;
		for (size_t j = 0; j < n_itms; j++) {
			const struct afcq_item_result *res = ri && j < ri->n_itms ? &ri->itms[j] : NULL;
			struct afcq_item_charge ic = c ? c->inv[k].v[j]
						       : item_charge(&req->inv[k].itms[j]);
			double ch = charge_of(ic, res);
			afcq_sum_add(&charges, ch);
			afcq_sum_add(&due, ch);
		}
		if (!ri || request_failed || errs)
			continue;
		for (size_t j = 0; j < ri->n_itms; j++) {
			const struct afcq_item_result *res = &ri->itms[j];
			/* The item's own taxes, then its bridge participants'. */
			for (size_t b = 0; b <= res->n_brdg; b++) {
				const struct afcq_tax *txs = b == 0 ? res->txs : res->brdg[b - 1].txs;
				size_t n_txs = b == 0 ? res->n_txs : res->brdg[b - 1].n_txs;
				for (size_t t = 0; t < n_txs; t++) {
					const struct afcq_tax *tx = &txs[t];
					if (afcq_tax_is_placeholder(tx))
						continue;
					out->n_taxes++;
					if (tx->bill) {
						afcq_sum_add(&billable, tx->tax);
						afcq_sum_add(&due, tx->tax);
					} else {
						afcq_sum_add(&nonbillable, tx->tax);
					}
				}
			}
			/* Taxes a streaming reader already let go (stream.h). */
			if (res->released.n) {
				out->n_taxes += res->released.n;
				afcq_sum_add(&billable, res->released.billable);
				afcq_sum_add(&due, res->released.billable);
				afcq_sum_add(&nonbillable, res->released.nonbillable);
			}
		}
	}
	out->charges = afcq_sum_value(&charges);
	out->billable = afcq_sum_value(&billable);
	out->nonbillable = afcq_sum_value(&nonbillable);
	out->total_due = afcq_sum_value(&due);
}

void afcq_money_totals(const struct afcq_request *req, const struct afcq_response *resp, size_t i,
		       struct afcq_totals *out)
{
	totals(req, NULL, resp, i, out);
}

void afcq_money_totals_charged(const struct afcq_charges *c, const struct afcq_response *resp,
			       size_t i, struct afcq_totals *out)
{
	totals(NULL, c, resp, i, out);
}

/* ---- the calculation in words ------------------------------------------ */

/* Appends to buf (size n) at *len, never past the end. */
static void put(char *buf, size_t n, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
	if (*len >= n)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(buf + *len, n - *len, fmt, ap);
	va_end(ap);
	if (w > 0)
		*len = (size_t)w >= n - *len ? n - 1 : *len + (size_t)w;
}

/* A rate fraction as a percentage with at most six decimals: "6.25". */
static const char *percent_text(double rate, char *buf, size_t n)
{
	double pct = rate * 100.0;
	snprintf(buf, n, "%.6f", pct);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (strcmp(buf, "-0") == 0 || (strcmp(buf, "0") == 0 && pct != 0))
		afcq_number_format(pct, buf, n); /* tiny rates keep their digits */
	return buf;
}

/* A currency amount per unit with at least two decimals: "1.00", "0.079167". */
static const char *amount_text(double v, char *buf, size_t n)
{
	afcq_number_format(v, buf, n);
	if (!isfinite(v) || strchr(buf, 'e'))
		return buf;
	const char *dot = strchr(buf, '.');
	size_t len = strlen(buf);
	if (!dot)
		snprintf(buf + len, n > len ? n - len : 0, ".00");
	else if (strlen(dot + 1) == 1)
		snprintf(buf + len, n > len ? n - len : 0, "0");
	return buf;
}

const char *afcq_rate_format(int calc, double rate, char *buf, size_t n)
{
	if (!buf || !n)
		return buf;
	char num[64];
	const char *unit;
	switch (calc) {
	case 1: /* rate */
	case 5: /* self-taxing rate */
		snprintf(buf, n, "%s%%", percent_text(rate, num, sizeof num));
		return buf;
	case 2: unit = " fixed"; break;
	case 3: unit = "/min"; break;
	case 4:
	case 8: unit = "/line"; break;
	case 6:
	case 9: unit = "/bracket"; break;
	case 7: unit = "/tier"; break;
	default:
		return afcq_number_format(rate, buf, n);
	}
	snprintf(buf, n, "%s%s", amount_text(rate, num, sizeof num), unit);
	return buf;
}

/* The search of afcq_money_base_parts: sets of k of the cand[0..nc-1]
 * taxes, from cand[from] on, whose amounts plus sum come within tol of
 * one of the targets; pick[] holds the set so far (depth taxes). */
struct base_search {
	const struct afcq_tax *txs;
	size_t cand[AFCQ_BASE_CANDIDATES], nc;
	double target[3];
	bool charge[3], exempt[3];
	size_t nt;
	double tol;
	size_t pick[AFCQ_BASE_PARTS_MAX];
};

static bool base_find(struct base_search *s, size_t k, size_t depth, size_t from, double sum,
		      struct afcq_base_parts *out)
{
	if (depth == k) {
		for (size_t t = 0; t < s->nt; t++)
			if (fabs(sum - s->target[t]) <= s->tol) {
				out->n = k;
				for (size_t i = 0; i < k; i++)
					out->idx[i] = s->cand[s->pick[i]];
				out->with_charge = s->charge[t];
				out->with_exempt = s->exempt[t];
				return true;
			}
		return false;
	}
	for (size_t i = from; i + (k - depth) <= s->nc; i++) {
		s->pick[depth] = i;
		if (base_find(s, k, depth + 1, i + 1, sum + s->txs[s->cand[i]].tax, out))
			return true;
	}
	return false;
}

size_t afcq_money_base_parts(const struct afcq_tax *txs, size_t n, const struct afcq_tax *t,
			     double charge, struct afcq_base_parts *out)
{
	memset(out, 0, sizeof *out);
	if (!t || (t->calc != 1 && t->calc != 5) || t->tm == 0 || fabs(t->tm - fabs(charge)) < 1e-9)
		return 0;
	struct base_search s;
	memset(&s, 0, sizeof s);
	s.txs = txs;
	for (size_t i = 0; i < n && s.nc < AFCQ_BASE_CANDIDATES; i++)
		if (fabs(txs[i].tax) >= 1e-9)
			s.cand[s.nc++] = i;
	/* tm is unsigned; an adjustment's charge and taxes are negative */
	double base = charge < 0 ? -t->tm : t->tm;
	double whole = charge < 0 ? -(t->tm + t->exm) : t->tm + t->exm;
	s.target[s.nt] = base - charge, s.charge[s.nt++] = charge != 0;
	if (charge != 0)
		s.target[s.nt] = base, s.charge[s.nt++] = false;
	if (t->exm > 0)
		s.target[s.nt] = whole - charge, s.charge[s.nt] = charge != 0, s.exempt[s.nt++] = true;
	/* a target of no amount (the charge whole) has nothing to explain */
	size_t kept = 0;
	for (size_t i = 0; i < s.nt; i++)
		if (fabs(s.target[i]) > 0.005 + 1e-9) {
			s.target[kept] = s.target[i], s.charge[kept] = s.charge[i];
			s.exempt[kept++] = s.exempt[i];
		}
	s.nt = kept;
	/* exact sums first, then to the cent; the smallest set first */
	static const double tols[] = { 1e-6, 0.005 + 1e-9 };
	for (size_t p = 0; p < sizeof tols / sizeof tols[0]; p++) {
		s.tol = tols[p];
		for (size_t k = 1; k <= AFCQ_BASE_PARTS_MAX && k <= s.nc; k++)
			if (base_find(&s, k, 0, 0, 0, out))
				return out->n;
	}
	return 0;
}

const char *afcq_money_max_text(double max, char *buf, size_t n)
{
	if (max >= 2147483647.0)
		snprintf(buf, n, "no maximum");
	else
		afcq_number_format(max, buf, n);
	return buf;
}

const char *afcq_money_explain(const struct afcq_tax *t, char *buf, size_t n)
{
	if (!buf || !n)
		return buf;
	buf[0] = '\0';
	if (!t)
		return buf;
	char a[64], b[64], c[64];
	size_t len = 0;
	afcq_number_format(t->tax, c, sizeof c);
	if (afcq_tax_is_placeholder(t)) {
		put(buf, n, &len, "no tax");
		return buf;
	}
	switch (t->calc) {
	case 1:
	case 5:
		put(buf, n, &len, "%s%s%% of %s = %s", t->calc == 5 ? "self-taxing " : "",
		    percent_text(t->rate, a, sizeof a), afcq_number_format(t->tm, b, sizeof b), c);
		break;
	case 2:
	case 7:
		put(buf, n, &len, "%s: %s", t->calc == 7 ? "fixed on tier" : "fixed",
		    amount_text(t->rate, a, sizeof a));
		if (t->tax != t->rate)
			put(buf, n, &len, " = %s", c);
		break;
	case 3:
		put(buf, n, &len, "per minute: %s x %s = %s", afcq_number_format(t->min, a, sizeof a),
		    afcq_number_format(t->rate, b, sizeof b), c);
		break;
	case 4:
	case 8:
		put(buf, n, &len, "per line%s: %lld x %s = %s", t->calc == 8 ? " (customer)" : "",
		    t->lns, afcq_number_format(t->rate, a, sizeof a), c);
		break;
	case 6:
	case 9:
		put(buf, n, &len, "per bracket%s: %lld lines = %s", t->calc == 9 ? " (customer)" : "",
		    t->lns, c);
		break;
	default:
		put(buf, n, &len, "calculation %d: rate %s, base %s = %s", t->calc,
		    afcq_number_format(t->rate, a, sizeof a), afcq_number_format(t->tm, b, sizeof b), c);
		break;
	}
	if (t->exm != 0)
		put(buf, n, &len, " (exempt %s)", afcq_number_format(t->exm, a, sizeof a));
	return buf;
}
