#include "afcq/validate.h"

/* validate.c - every request field checked before anything is sent.
 *
 * The model already holds typed values, so what is left is: enumerations
 * in range, required fields present, strings within 150 bytes, counts
 * within the service's limits, real dates, numeric optional-field keys,
 * finite numbers, amounts that can be summed exactly to the cent, and (when the caller gives a catalogue hook) known T/S
 * pairs.  Each problem names its field in wire form ("inv[0].itms[2].tran")
 * and says what would be accepted, so the message alone tells the user how
 * to fix the input.
 *
 * Choices where the AFC sources disagree or are silent:
 * - cmpn.idnt: the request template calls it a 20-byte field, the other
 *   sources give no limit; we enforce the 150-byte limit that holds for
 *   every string and leave the shorter one to the service.
 * - opt keys: the OpenAPI description says 1-5 for invoices and "5 to 10"
 *   for items, the template 1-10; we only require a whole number 1-10, at
 *   most five entries and no key given twice.
 * - tran/serv -1 lets the engine choose a variant; such items skip the
 *   catalogue check.
 */

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"
#include "afcq/str.h"

#define MAX_OPT 5
#define PATH_MAX_LEN 128

struct vctx {
	struct afcq_problems *out;
	size_t added;
	double charges;        /* sum of |chg x qty| so far */
	bool charges_reported; /* the sum passed AFCQ_MONEY_MAX, said once */
	afcq_tspair_known_fn known;
	void *known_ctx;
};

/* Formats a field path; long paths are cut (they only label a message). */
__attribute__((format(printf, 2, 3)))
static void pathf(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, PATH_MAX_LEN, fmt, ap);
	va_end(ap);
}

/* ---- problem list --------------------------------------------------------- */

void afcq_problems_done(struct afcq_problems *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].path);
		free(p->v[i].msg);
	}
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

__attribute__((format(printf, 3, 0)))
static void problems_vadd(struct afcq_problems *p, const char *path, const char *fmt, va_list ap)
{
	p->v = afcq_xrealloc(p->v, (p->n + 1) * sizeof *p->v);
	p->v[p->n].path = afcq_xstrdup(path ? path : "");
	p->v[p->n].msg = afcq_xvasprintf(fmt, ap);
	p->n++;
}

void afcq_problems_add(struct afcq_problems *p, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problems_vadd(p, path, fmt, ap);
	va_end(ap);
}

/* Adds "prefix.field" (or field alone, or prefix alone when field is NULL). */
__attribute__((format(printf, 4, 5)))
static void problem(struct vctx *v, const char *prefix, const char *field, const char *fmt, ...)
{
	char path[PATH_MAX_LEN];
	if (afcq_str_empty(prefix))
		pathf(path, "%s", field ? field : "");
	else if (!field)
		pathf(path, "%s", prefix);
	else
		pathf(path, "%s.%s", prefix, field);
	va_list ap;
	va_start(ap, fmt);
	problems_vadd(v->out, path, fmt, ap);
	va_end(ap);
	v->added++;
}

/* ---- dates ------------------------------------------------------------------ */

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Reads exactly n digits at *s into *out and advances. */
static bool digits(const char **s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return false;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return true;
}

/* "HH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM|+HHMM]" */
static bool valid_time(const char *s)
{
	int h, mi, sec, oh, om;
	if (!digits(&s, 2, &h) || *s++ != ':' || !digits(&s, 2, &mi) || h > 23 || mi > 59)
		return false;
	if (*s == ':') {
		s++;
		if (!digits(&s, 2, &sec) || sec > 60)
			return false;
		if (*s == '.' || *s == ',') {
			s++;
			if (!isdigit((unsigned char)*s))
				return false;
			while (isdigit((unsigned char)*s))
				s++;
		}
	}
	if (*s == '\0')
		return true;
	if (*s == 'Z' || *s == 'z')
		return s[1] == '\0';
	if (*s != '+' && *s != '-')
		return false;
	s++;
	if (!digits(&s, 2, &oh) || oh > 23)
		return false;
	if (*s == ':')
		s++;
	if (!digits(&s, 2, &om) || om > 59)
		return false;
	return *s == '\0';
}

bool afcq_valid_date(const char *s)
{
	int y, m, d;
	if (!s)
		return false;
	if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &m) || *s++ != '-' ||
	    !digits(&s, 2, &d))
		return false;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	if (*s == '\0')
		return true;
	if (*s != 'T' && *s != 't')
		return false;
	return valid_time(s + 1);
}

/* ---- field checks --------------------------------------------------------- */

static void check_str(struct vctx *v, const char *prefix, const char *field, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n > AFCQ_MAX_STR)
		problem(v, prefix, field, "too long (%zu bytes); at most %d bytes", n, AFCQ_MAX_STR);
}

static void check_enum(struct vctx *v, const char *prefix, const char *field,
		       const struct afcq_oint *x, long long lo, long long hi, const char *accepted)
{
	if (x->set && (x->v < lo || x->v > hi))
		problem(v, prefix, field, "must be %s", accepted);
}

static void check_finite(struct vctx *v, const char *prefix, const char *field,
			 const struct afcq_odbl *x)
{
	if (x->set && !isfinite(x->v))
		problem(v, prefix, field, "not a number");
}

static void check_nonneg(struct vctx *v, const char *prefix, const char *field,
			 const struct afcq_oint *x, const char *what)
{
	if (x->set && x->v < 0)
		problem(v, prefix, field, "must be 0 or more %s, got %lld", what, x->v);
}

static const char *const CUST_NAMES = "0 Residential, 1 Business, 2 Senior Citizen or 3 Industrial";
static const char *const SALE_NAMES = "0 Wholesale, 1 Retail, 2 Consumed or 3 Vendor Use";
static const char *const LVL_NAMES = "0 Federal, 1 State, 2 County, 3 City or 4 Unincorporated";

static void check_date_field(struct vctx *v, const char *prefix, const char *field, const char *s)
{
	if (!s)
		return;
	if (!afcq_valid_date(s))
		problem(v, prefix, field, "not a real date (%.40s); use YYYY-MM-DD", s);
	else
		check_str(v, prefix, field, s);
}

/* true when at least one part of the location is given. */
static bool location_has_data(const struct afcq_location *l)
{
	return l->pcd.set || l->npa.set || !afcq_str_empty(l->fips) || !afcq_str_empty(l->ctry) ||
	       !afcq_str_empty(l->st) || !afcq_str_empty(l->cnty) || !afcq_str_empty(l->city) ||
	       !afcq_str_empty(l->zip) || !afcq_str_empty(l->addr);
}

static void check_location(struct vctx *v, const char *path, const struct afcq_location *l)
{
	if (!l->present)
		return;
	if (!location_has_data(l)) {
		problem(v, path, NULL,
			"empty location; give a PCode (pcd), an NPA-NXX (npa), a FIPS code or "
			"address parts (ctry, st, cnty, city, zip)");
		return;
	}
	if (l->pcd.set && (l->pcd.v < 0 || l->pcd.v > UINT32_MAX))
		problem(v, path, "pcd", "must be a PCode (a whole number 0 or more), got %lld",
			l->pcd.v);
	if (l->npa.set && l->npa.v != 0 && (l->npa.v < 100000 || l->npa.v > 999999))
		problem(v, path, "npa", "must be a 6-digit NPA-NXX such as 214555, got %lld",
			l->npa.v);
	if (!afcq_str_empty(l->ctry)) {
		const char *c = l->ctry;
		if (strlen(c) != 3 || !isalpha((unsigned char)c[0]) || !isalpha((unsigned char)c[1]) ||
		    !isalpha((unsigned char)c[2]))
			problem(v, path, "ctry", "must be a 3-letter ISO country code such as USA or CAN");
	}
	check_str(v, path, "fips", l->fips);
	check_str(v, path, "st", l->st);
	check_str(v, path, "cnty", l->cnty);
	check_str(v, path, "city", l->city);
	check_str(v, path, "zip", l->zip);
	check_str(v, path, "addr", l->addr);
}

static bool opt_key_number(const char *k, long *out)
{
	if (afcq_str_empty(k) || strlen(k) > 2)
		return false;
	for (const char *p = k; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	*out = strtol(k, NULL, 10);
	return *out >= 1 && *out <= 10;
}

static void check_opts(struct vctx *v, const char *prefix, const struct afcq_kv *opt, size_t n)
{
	char path[PATH_MAX_LEN];
	if (n > MAX_OPT)
		problem(v, prefix, "opt", "at most %d entries, got %zu", MAX_OPT, n);
	bool seen[11] = { false };
	for (size_t i = 0; i < n; i++) {
		if (afcq_str_empty(prefix))
			pathf(path, "opt[%zu]", i);
		else
			pathf(path, "%s.opt[%zu]", prefix, i);
		long k;
		if (!opt_key_number(opt[i].key, &k))
			problem(v, path, "key", "must be a number 1-10, got \"%.20s\"",
				opt[i].key ? opt[i].key : "");
		else if (seen[k])
			problem(v, path, "key", "key %ld is given twice", k);
		else
			seen[k] = true;
		check_str(v, path, "val", opt[i].val);
	}
}

/* ---- request parts --------------------------------------------------------- */

static void check_company(struct vctx *v, const struct afcq_company *c)
{
	char path[PATH_MAX_LEN];
	if (!c->present)
		return;
	check_enum(v, "cmpn", "bscl", &c->bscl, 0, 1, "0 ILEC or 1 CLEC");
	check_enum(v, "cmpn", "svcl", &c->svcl, 0, 1, "0 primarily local or 1 primarily long distance");
	check_str(v, "cmpn", "idnt", c->idnt);
	for (size_t i = 0; i < c->n_excl; i++) {
		pathf(path, "cmpn.excl[%zu]", i);
		const struct afcq_exclusion *e = &c->excl[i];
		if (afcq_str_empty(e->ctry))
			problem(v, path, "ctry", "required; a 3-letter ISO country code such as USA");
		else
			check_str(v, path, "ctry", e->ctry);
		check_str(v, path, "st", e->st);
	}
}

static void check_exemption(struct vctx *v, const char *path, const struct afcq_exemption *e)
{
	char sub[PATH_MAX_LEN];
	pathf(sub, "%s.loc", path);
	check_location(v, sub, &e->loc);
	if (e->tpe.set && e->cat.set)
		problem(v, path, NULL,
			"give tpe (a tax type) or cat (a tax category), not both");
	else if (!e->tpe.set && !e->cat.set)
		problem(v, path, NULL,
			"give tpe (a tax type, 0 = every type) or cat (a tax category, 0 = every category)");
	if (e->tpe.set && e->tpe.v < 0)
		problem(v, path, "tpe", "must be a tax type id (0 = every type), got %lld", e->tpe.v);
	check_enum(v, path, "cat", &e->cat, 0, 13, "a tax category 0-13 (0 = every category)");
	if (e->tpe.set && !e->cat.set && !e->lvl.set && !e->dom.set)
		problem(v, path, "dom",
			"required for a tax-type exemption (or the older lvl): "
			"0 Federal, 1 State, 2 County or 3 City");
	check_enum(v, path, "lvl", &e->lvl, 0, 4, LVL_NAMES);
	check_enum(v, path, "dom", &e->dom, 0, 3, "0 Federal, 1 State, 2 County or 3 City");
	if (e->scp.set && (e->scp.v <= 0 || (e->scp.v & ~1920LL) != 0))
		problem(v, path, "scp",
			"must be a sum of 128 Federal, 256 State, 512 County and 1024 Local "
			"(1920 = every level)");
}

static void check_known(struct vctx *v, const char *path, long long t, long long s);

static void check_tspair(struct vctx *v, const char *path, const struct afcq_item *it)
{
	if (!it->tran.set)
		problem(v, path, "tran", "required; a transaction type (see afcq tspairs)");
	else if (it->tran.v < -1)
		problem(v, path, "tran", "unknown transaction type %lld", it->tran.v);
	if (!it->serv.set)
		problem(v, path, "serv", "required; a service type (see afcq tspairs)");
	else if (it->serv.v < -1)
		problem(v, path, "serv", "unknown service type %lld", it->serv.v);
	if (!v->known || !it->tran.set || !it->serv.set || it->tran.v < 0 || it->serv.v < 0)
		return;
	check_known(v, path, it->tran.v, it->serv.v);
}

/* An item's pair (t, s, both set and 0 or more) against the hook. */
static void check_known(struct vctx *v, const char *path, long long t, long long s)
{
	if (v->known(v->known_ctx, t, s))
		return;
	/* A hook that does not understand AFCQ_TSPAIR_ANY cannot tell which half
	 * is wrong: name the pair instead of guessing. */
	if (!v->known(v->known_ctx, AFCQ_TSPAIR_ANY, AFCQ_TSPAIR_ANY))
		problem(v, path, "tran", "unknown transaction/service pair %lld/%lld (see afcq tspairs)",
			t, s);
	else if (!v->known(v->known_ctx, t, AFCQ_TSPAIR_ANY))
		problem(v, path, "tran", "unknown transaction type %lld", t);
	else if (!v->known(v->known_ctx, AFCQ_TSPAIR_ANY, s))
		problem(v, path, "serv", "unknown service type %lld", s);
	else
		problem(v, path, "serv",
			"service type %lld does not go with transaction type %lld (see afcq tspairs %lld)",
			s, t, t);
}

static void check_bridge(struct vctx *v, const char *path, const struct afcq_bridge *b)
{
	char sub[PATH_MAX_LEN];
	if (!b->present)
		return;
	for (size_t i = 0; i < b->n_prts; i++) {
		pathf(sub, "%s.brdg.prts[%zu]", path, i);
		check_str(v, sub, "ref", b->prts[i].ref);
		char loc[PATH_MAX_LEN];
		pathf(loc, "%s.loc", sub);
		check_location(v, loc, &b->prts[i].loc);
	}
}

/* The largest accepted amount as text, into buf (32 bytes). */
static const char *money_max(char *buf)
{
	return afcq_money_format(AFCQ_MONEY_MAX, buf, 32);
}

/* Amounts a double cannot sum and show exactly to the cent are refused,
 * naming the largest accepted value (AFCQ_MONEY_MAX): a charge, charge x
 * quantity, minutes, and the request's charges added up. */
static void check_amounts(struct vctx *v, const char *path, const struct afcq_item *it)
{
	/* The largest amount, written only for a refusal (this runs for every
	 * item). */
	char max_buf[32], num[48];
	if (it->min.set && isfinite(it->min.v) && fabs(it->min.v) > AFCQ_MONEY_MAX)
		problem(v, path, "min", "%s minutes cannot be taxed exactly to the cent; the largest "
			"accepted number of minutes is %s", afcq_number_format(it->min.v, num, sizeof num),
			money_max(max_buf));
	if (!it->chg.set || !isfinite(it->chg.v))
		return;
	long long qty = it->qty.set && it->qty.v > 0 ? it->qty.v : 1;
	double amount = fabs(it->chg.v) * (double)qty;
	if (fabs(it->chg.v) > AFCQ_MONEY_MAX) {
		problem(v, path, "chg", "%s cannot be summed and shown exactly to the cent; the largest "
			"accepted amount is %s", afcq_number_format(it->chg.v, num, sizeof num),
			money_max(max_buf));
	} else if (amount > AFCQ_MONEY_MAX) {
		problem(v, path, "qty", "%lld x %s cannot be summed and shown exactly to the cent; the "
			"largest accepted charge x qty is %s", qty,
			afcq_number_format(it->chg.v, num, sizeof num), money_max(max_buf));
	} else {
		v->charges += amount;
		if (v->charges > AFCQ_MONEY_MAX && !v->charges_reported) {
			problem(v, path, "chg", "the request's charges add up to more than %s here, the "
				"largest accepted total; send the invoices in smaller requests",
				money_max(max_buf));
			v->charges_reported = true;
		}
	}
}


static void check_item(struct vctx *v, const char *path, const struct afcq_item *it)
{
	char sub[PATH_MAX_LEN];
	check_str(v, path, "ref", it->ref);
	/* the paths only for locations given: most items have none, and a
	 * large invoice would spend its check printing them */
	if (it->from.present) {
		pathf(sub, "%s.from", path);
		check_location(v, sub, &it->from);
	}
	if (it->to.present) {
		pathf(sub, "%s.to", path);
		check_location(v, sub, &it->to);
	}
	if (it->bill.present) {
		pathf(sub, "%s.bill", path);
		check_location(v, sub, &it->bill);
	}

	check_finite(v, path, "chg", &it->chg);
	check_finite(v, path, "min", &it->min);
	check_amounts(v, path, it);
	check_finite(v, path, "pror", &it->pror);
	if (it->plsp.set) {
		if (!isfinite(it->plsp.v) || it->plsp.v < 0 || it->plsp.v > 1)
			problem(v, path, "plsp",
				"must be a share between 0 and 1 (0.5 = half to point A)");
		else if (!it->from.present || !it->to.present)
			problem(v, path, "plsp", "a private-line split needs both from and to");
	}
	check_nonneg(v, path, "line", &it->line, "lines");
	check_nonneg(v, path, "loc", &it->loc, "locations");
	check_nonneg(v, path, "qty", &it->qty, "repetitions");
	check_nonneg(v, path, "prop", &it->prop, "(an attribute number)");
	check_enum(v, path, "sale", &it->sale, 0, 3, SALE_NAMES);
	check_enum(v, path, "cust", &it->cust, 0, 3, CUST_NAMES);
	check_enum(v, path, "proadj", &it->proadj, 0, 2,
		   "0 default, 1 drop non-proratable fixed taxes or 2 keep them");
	check_enum(v, path, "adjm", &it->adjm, 0, 2,
		   "0 default, 1 least favorable rate to the customer or 2 most favorable rate");
	check_enum(v, path, "disc", &it->disc, 0, 5,
		   "0 none, 1 retail product, 2 manufacturer product, 3 account level, "
		   "4 subsidized (Lifeline) or 5 goodwill");
	check_tspair(v, path, it);
	check_date_field(v, path, "date", it->date);
	check_str(v, path, "glref", it->glref);
	check_opts(v, path, it->opt, it->n_opt);
	check_bridge(v, path, &it->brdg);
}

static void check_invoice(struct vctx *v, size_t idx, const struct afcq_invoice *inv)
{
	char path[PATH_MAX_LEN], sub[PATH_MAX_LEN];
	pathf(path, "inv[%zu]", idx);

	if (inv->cmmt.set && inv->cmmt.v && afcq_str_empty(inv->doc))
		problem(v, path, "doc", "required when cmmt is true (a unique document code)");
	check_str(v, path, "doc", inv->doc);

	pathf(sub, "%s.bill", path);
	if (!inv->bill.present || !location_has_data(&inv->bill))
		problem(v, sub, NULL,
			"required; give a PCode (pcd) or the address (ctry, st, cnty, city, zip)");
	else
		check_location(v, sub, &inv->bill);

	if (!inv->cust.set)
		problem(v, path, "cust", "required; %s", CUST_NAMES);
	else
		check_enum(v, path, "cust", &inv->cust, 0, 3, CUST_NAMES);

	if (afcq_str_empty(inv->date))
		problem(v, path, "date", "required; use YYYY-MM-DD");
	else
		check_date_field(v, path, "date", inv->date);

	for (size_t i = 0; i < inv->n_exms; i++) {
		pathf(sub, "%s.exms[%zu]", path, i);
		check_exemption(v, sub, &inv->exms[i]);
	}

	if (inv->n_itms == 0)
		problem(v, path, "itms", "at least one line item is required");
	else if (inv->n_itms > AFCQ_MAX_ITEMS)
		problem(v, path, "itms", "at most 10,000 line items per invoice, got %zu",
			inv->n_itms);
	for (size_t i = 0; i < inv->n_itms; i++) {
		pathf(sub, "%s.itms[%zu]", path, i);
		check_item(v, sub, &inv->itms[i]);
	}

	check_opts(v, path, inv->opt, inv->n_opt);
	check_str(v, path, "acct", inv->acct);
	check_str(v, path, "custref", inv->custref);
	check_str(v, path, "invn", inv->invn);
	check_str(v, path, "bcyc", inv->bcyc);
	check_str(v, path, "ccycd", inv->ccycd);

	if (inv->bpd.present) {
		pathf(sub, "%s.bpd", path);
		if (!inv->bpd.month.set)
			problem(v, sub, "month", "required in a billing period; a month 1-12");
		else
			check_enum(v, sub, "month", &inv->bpd.month, 1, 12, "a month 1-12");
		if (!inv->bpd.year.set)
			problem(v, sub, "year", "required in a billing period; a 4-digit year");
		else
			check_enum(v, sub, "year", &inv->bpd.year, 1000, 9999, "a 4-digit year");
	}
}

static void check_override(struct vctx *v, size_t idx, const struct afcq_tax_override *o)
{
	char path[PATH_MAX_LEN], sub[PATH_MAX_LEN];
	pathf(path, "ovr[%zu]", idx);
	pathf(sub, "%s.loc", path);
	check_location(v, sub, &o->loc);
	check_enum(v, path, "scp", &o->scp, 0, 3, "0 Country, 1 State, 2 County or 3 City");
	check_enum(v, path, "lvl", &o->lvl, 0, 4, LVL_NAMES);
	if (!o->tid.set)
		problem(v, path, "tid", "required; the tax type id to override");
	else if (o->tid.v < 0)
		problem(v, path, "tid", "must be a tax type id, got %lld", o->tid.v);
	for (size_t i = 0; i < o->n_brkt; i++) {
		pathf(sub, "%s.brkt[%zu]", path, i);
		const struct afcq_bracket *b = &o->brkt[i];
		if (!isfinite(b->rate) || b->rate < 0)
			problem(v, sub, "rate", "must be a rate of 0 or more");
		if (b->max.set && (!isfinite(b->max.v) || b->max.v < 0))
			problem(v, sub, "max",
				"must be a base ceiling of 0 or more (2147483647 = unlimited)");
	}
}

static void check_safe_harbor(struct vctx *v, size_t idx, const struct afcq_safe_harbor_override *s)
{
	char path[PATH_MAX_LEN];
	pathf(path, "sovr[%zu]", idx);
	if (!s->sh.set)
		problem(v, path, "sh", "required; 1 Cellular, 2 VoIP, 4 Paging or 7 (clear all)");
	else if (s->sh.v != 1 && s->sh.v != 2 && s->sh.v != 4 && s->sh.v != 7)
		problem(v, path, "sh", "must be 1 Cellular, 2 VoIP, 4 Paging or 7 (clear all)");
	if (s->old_share.set && (!isfinite(s->old_share.v) || s->old_share.v < 0 ||
				 s->old_share.v > 1))
		problem(v, path, "old", "must be a federal share between 0 and 1 (0.649 = 64.9%%)");
	if (s->new_share.set && (!isfinite(s->new_share.v) || s->new_share.v < 0 ||
				 s->new_share.v > 1))
		problem(v, path, "new", "must be a federal share between 0 and 1 (0.25 = 25%%)");
}

/* ---- entry points ----------------------------------------------------------- */

/* What afcq_validate_request checks before the invoices... */
static void check_head(struct vctx *v, const struct afcq_request *r)
{
	check_company(v, &r->cmpn);
	if (r->n_inv == 0)
		problem(v, NULL, "inv", "at least one invoice is required");
	else if (r->n_inv > AFCQ_MAX_INVOICES)
		problem(v, NULL, "inv", "at most 1,000 invoices per request, got %zu", r->n_inv);
}

/* ...and after them. */
static void check_tail(struct vctx *v, const struct afcq_request *r)
{
	for (size_t i = 0; i < r->n_ovr; i++)
		check_override(v, i, &r->ovr[i]);
	for (size_t i = 0; i < r->n_sovr; i++)
		check_safe_harbor(v, i, &r->sovr[i]);
}

size_t afcq_validate_request(const struct afcq_request *r, afcq_tspair_known_fn known, void *ctx,
			     struct afcq_problems *out)
{
	struct vctx v = { .out = out, .known = known, .known_ctx = ctx };
	if (!r) {
		problem(&v, NULL, "inv", "at least one invoice is required");
		return v.added;
	}
	check_head(&v, r);
	for (size_t i = 0; i < r->n_inv; i++)
		check_invoice(&v, i, &r->inv[i]);
	check_tail(&v, r);
	return v.added;
}

/* ---- one invoice at a time -------------------------------------------------- */

struct afcq_validation {
	struct vctx v;                  /* adds to invs */
	struct afcq_problems invs;      /* the invoices' problems, in order */
	struct afcq_item_pair *pairs;   /* the pairs a catalog is asked about */
	size_t n_pairs, cap_pairs;
};

struct afcq_validation *afcq_validation_new(void)
{
	struct afcq_validation *va = afcq_xcalloc(1, sizeof *va);
	va->v.out = &va->invs;
	return va;
}

void afcq_validation_invoice(struct afcq_validation *va, size_t idx,
			     const struct afcq_invoice *inv)
{
	check_invoice(&va->v, idx, inv);
	for (size_t i = 0; i < inv->n_itms; i++) {
		const struct afcq_item *it = &inv->itms[i];
		/* the items check_tspair would ask a catalog about */
		if (!it->tran.set || !it->serv.set || it->tran.v < 0 || it->serv.v < 0)
			continue;
		if (va->n_pairs == va->cap_pairs) {
			va->cap_pairs = va->cap_pairs ? 2 * va->cap_pairs : 64;
			va->pairs = afcq_xrealloc(va->pairs, va->cap_pairs * sizeof *va->pairs);
		}
		va->pairs[va->n_pairs++] = (struct afcq_item_pair){
			.inv = idx, .item = i, .tran = it->tran.v, .serv = it->serv.v,
		};
	}
}

size_t afcq_validation_finish(struct afcq_validation *va, const struct afcq_request *r,
			      struct afcq_problems *out, struct afcq_item_pairs *pairs)
{
	struct vctx v = { .out = out };
	check_head(&v, r);
	for (size_t i = 0; i < va->invs.n; i++) {
		afcq_problems_add(out, va->invs.v[i].path, "%s", va->invs.v[i].msg);
		v.added++;
	}
	check_tail(&v, r);
	afcq_problems_done(&va->invs);
	if (pairs) {
		pairs->v = va->pairs;
		pairs->n = va->n_pairs;
	} else {
		free(va->pairs);
	}
	free(va);
	return v.added;
}

void afcq_item_pairs_done(struct afcq_item_pairs *p)
{
	if (!p)
		return;
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

size_t afcq_validate_pairs(const struct afcq_item_pairs *p, afcq_tspair_known_fn known, void *ctx,
			   struct afcq_problems *out)
{
	struct vctx v = { .out = out, .known = known, .known_ctx = ctx };
	char path[PATH_MAX_LEN];
	for (size_t i = 0; known && p && i < p->n; i++) {
		pathf(path, "inv[%zu].itms[%zu]", p->v[i].inv, p->v[i].item);
		check_known(&v, path, p->v[i].tran, p->v[i].serv);
	}
	return v.added;
}

size_t afcq_validate_commit(const struct afcq_commit_request *r, struct afcq_problems *out)
{
	struct vctx v = { .out = out };
	if (!r || afcq_str_empty(r->doc))
		problem(&v, NULL, "doc", "required; the document code of the invoices to commit");
	else
		check_str(&v, NULL, "doc", r->doc);
	if (r && !r->cmmt.set)
		problem(&v, NULL, "cmmt", "required; true commits, false uncommits");
	if (r)
		check_opts(&v, NULL, r->opt, r->n_opt);
	return v.added;
}

bool afcq_tspair_list_known(void *ctx, long long tran, long long serv)
{
	const struct afcq_tspair_list *l = ctx;
	if (!l)
		return true;
	for (size_t i = 0; i < l->n; i++) {
		bool t_ok = tran == AFCQ_TSPAIR_ANY || l->v[i].tran == tran;
		bool s_ok = serv == AFCQ_TSPAIR_ANY || l->v[i].serv == serv;
		if (t_ok && s_ok)
			return true;
	}
	return false;
}
