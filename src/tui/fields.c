/* fields.c - the form's fields as data: where each lives in the request,
 * how it reads and parses, where it sits on screen.
 *
 * A field is a member of one record (the company or invoice for the header,
 * an item for the grid and the detail dialog, an exemption) found by
 * offsetof.  Text in, model out: a value that does not parse is kept as
 * typed in a mark with its reason, so nothing typed is ever lost; problems
 * found by validation are marks without text.
 *
 * These fields are edited in place (draw.c's struct tui_edit), not by
 * libform: the item grid is a scrolling table of up to 10,000 rows, while
 * a FORM owns every FIELD it edits at once and would be rebuilt on each
 * scroll; the header and the grid share one focus and one editor.  Text
 * inputs of dialogs are libform fields (textform.c).
 */
#include "tui.h"
#include "marks.h"
#include "labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/money.h"
#include "afcq/number.h"
#include "afcq/str.h"

#define NOLOC (-1L)
#define INV(m) offsetof(struct afcq_invoice, m)
#define CMP(m) offsetof(struct afcq_company, m)
#define ITM(m) offsetof(struct afcq_item, m)
#define EXM(m) offsetof(struct afcq_exemption, m)
#define ILOC(l) ((long)offsetof(struct afcq_invoice, l))
#define TLOC(l) ((long)offsetof(struct afcq_item, l))

/* Header fields: keys starting "cmpn." live in the company, the rest in
 * the invoice shown (inv[cur_inv]).  Positions are rows/columns inside the header pane (80 columns). */
static const struct tui_field_def header_fields[] = {
	{ "cmpn.bscl", "Company bscl", 0, 0, 2, FT_INT, CMP(bscl), NOLOC,
	  "business class: 0 ILEC, 1 CLEC" },
	{ "cmpn.svcl", "svcl", 0, 17, 2, FT_INT, CMP(svcl), NOLOC,
	  "service class: 0 primary local, 1 primary long distance" },
	{ "cmpn.fclt", "fclt", 0, 26, 1, FT_BOOL, CMP(fclt), NOLOC,
	  "facilities-based provider (Space toggles)" },
	{ "cmpn.frch", "frch", 0, 34, 1, FT_BOOL, CMP(frch), NOLOC, "holds a franchise (Space toggles)" },
	{ "cmpn.reg", "reg", 0, 42, 1, FT_BOOL, CMP(reg), NOLOC, "regulated company (Space toggles)" },
	{ "cmpn.idnt", "idnt", 0, 49, 24, FT_STR, CMP(idnt), NOLOC, "company identifier (free text)" },
	{ "bill.pcd", "Bill-to PCode", 1, 0, 8, FT_INT, INV(bill.pcd), ILOC(bill),
	  "bill-to PCode (Ctrl-F finds it), or ZIP, NPA-NXX, FIPS, address" },
	/* columns 24-34 show the place of the PCode (pane_header.c) */
	{ "bill.zip", "ZIP", 1, 36, 10, FT_STR, INV(bill.zip), ILOC(bill), "bill-to ZIP code" },
	{ "bill.npa", "NPA", 1, 52, 6, FT_INT, INV(bill.npa), ILOC(bill),
	  "bill-to NPA-NXX, six digits" },
	{ "bill.fips", "FIPS", 1, 64, 10, FT_STR, INV(bill.fips), ILOC(bill), "bill-to FIPS code" },
	{ "bill.ctry", "Addr ctry", 2, 0, 3, FT_STR, INV(bill.ctry), ILOC(bill),
	  "bill-to country, ISO 3 letters (USA)" },
	{ "bill.st", "st", 2, 15, 2, FT_STR, INV(bill.st), ILOC(bill), "bill-to state, 2 letters" },
	{ "bill.cnty", "cnty", 2, 22, 10, FT_STR, INV(bill.cnty), ILOC(bill), "bill-to county" },
	{ "bill.city", "city", 2, 39, 12, FT_STR, INV(bill.city), ILOC(bill), "bill-to city" },
	{ "bill.addr", "addr", 2, 58, 16, FT_STR, INV(bill.addr), ILOC(bill), "bill-to street address" },
	{ "cust", "Cust", 3, 0, 1, FT_INT, INV(cust), NOLOC,
	  "customer type: 0 residential, 1 business, 2 senior citizen, 3 industrial" },
	{ "lfln", "Lifeline", 3, 20, 1, FT_BOOL, INV(lfln), NOLOC, "lifeline customer (Space toggles)" },
	{ "date", "Date", 3, 33, 10, FT_DATE, INV(date), NOLOC, "invoice date: YYYY-MM-DD, YYYYMMDD, or t for today" },
	{ "invm", "invm", 3, 51, 1, FT_BOOL, INV(invm), NOLOC,
	  "invoice mode: taxes computed on the invoice as a whole" },
	{ "dtl", "dtl", 3, 59, 1, FT_BOOL, INV(dtl), NOLOC, "return detail taxes per item" },
	{ "summ", "summ", 3, 66, 1, FT_BOOL, INV(summ), NOLOC, "return summarised taxes" },
};

/* The grid: one row per item. */
static const struct tui_field_def item_fields[] = {
	{ "ref", "Ref", 0, 0, 8, FT_STR, ITM(ref), NOLOC, "your reference for the item" },
	{ "ts", "T/S", 0, 0, 7, FT_TS, ITM(tran), NOLOC,
	  "T/S pair, e.g. 19/6 (VoIP access); words or F11 find one" },
	{ "chg", "Charge", 0, 0, 9, FT_DBL, ITM(chg), NOLOC, "charge amount" },
	{ "line", "Lines", 0, 0, 5, FT_INT, ITM(line), NOLOC, "number of lines" },
	{ "min", "Mins", 0, 0, 6, FT_DBL, ITM(min), NOLOC, "minutes" },
	{ "loc", "Locs", 0, 0, 4, FT_INT, ITM(loc), NOLOC, "number of locations" },
	{ "sale", "Sale", 0, 0, 1, FT_INT, ITM(sale), NOLOC,
	  "sale type: 0 wholesale, 1 retail, 2 consumed, 3 vendor use" },
	{ "incl", "Inc", 0, 0, 1, FT_BOOL, ITM(incl), NOLOC, "charge is tax-inclusive (Space toggles)" },
	{ "adj", "Adj", 0, 0, 1, FT_BOOL, ITM(adj), NOLOC, "adjustment (Space toggles)" },
};

/* Less common item fields, on the detail dialog. */
static const struct tui_field_def detail_fields[] = {
	{ "from.pcd", "From PCode", 0, 0, 8, FT_INT, ITM(from.pcd), TLOC(from), "origination PCode" },
	{ "from.zip", "From ZIP", 1, 0, 10, FT_STR, ITM(from.zip), TLOC(from), "origination ZIP" },
	{ "from.npa", "From NPA-NXX", 2, 0, 6, FT_INT, ITM(from.npa), TLOC(from), "origination NPA-NXX" },
	{ "to.pcd", "To PCode", 3, 0, 8, FT_INT, ITM(to.pcd), TLOC(to), "termination PCode" },
	{ "to.zip", "To ZIP", 4, 0, 10, FT_STR, ITM(to.zip), TLOC(to), "termination ZIP" },
	{ "to.npa", "To NPA-NXX", 5, 0, 6, FT_INT, ITM(to.npa), TLOC(to), "termination NPA-NXX" },
	{ "bill.pcd", "Bill-to PCode", 6, 0, 8, FT_INT, ITM(bill.pcd), TLOC(bill),
	  "per-item bill-to PCode (overrides the invoice's)" },
	{ "bill.zip", "Bill-to ZIP", 7, 0, 10, FT_STR, ITM(bill.zip), TLOC(bill), "per-item bill-to ZIP" },
	{ "cust", "Customer type", 8, 0, 1, FT_INT, ITM(cust), NOLOC, "per-item customer type" },
	{ "lfln", "Lifeline", 9, 0, 1, FT_BOOL, ITM(lfln), NOLOC, "per-item lifeline override" },
	{ "date", "Date", 10, 0, 10, FT_DATE, ITM(date), NOLOC, "per-item date: YYYY-MM-DD, YYYYMMDD, or t for today" },
	{ "disc", "Discount type", 11, 0, 2, FT_INT, ITM(disc), NOLOC,
	  "discount type: 0 none, 1 retail product, 2 manufacturer, 3 account, 4 subsidized" },
	{ "qty", "Quantity", 12, 0, 6, FT_INT, ITM(qty), NOLOC, "quantity (multiplies the charge)" },
	{ "proadj", "Proration adj", 13, 0, 2, FT_INT, ITM(proadj), NOLOC, "pro-rated adjustment" },
	{ "adjm", "Adj method", 14, 0, 2, FT_INT, ITM(adjm), NOLOC, "adjustment method" },
	{ "glref", "GL reference", 15, 0, 20, FT_STR, ITM(glref), NOLOC, "general ledger reference" },
	{ "opt", "Optional fields", 16, 0, 40, FT_OPT, ITM(opt), NOLOC,
	  "optional fields: key=value; key=value" },
};

static const struct tui_field_def exemption_fields[] = {
	{ "loc.pcd", "PCode", 0, 0, 8, FT_INT, EXM(loc.pcd), (long)EXM(loc), "where the exemption applies" },
	{ "loc.ctry", "Country", 1, 0, 3, FT_STR, EXM(loc.ctry), (long)EXM(loc), "country (USA)" },
	{ "loc.st", "State", 2, 0, 2, FT_STR, EXM(loc.st), (long)EXM(loc), "state" },
	{ "tpe", "Tax type", 3, 0, 4, FT_INT, EXM(tpe), NOLOC, "tax type id to exempt" },
	{ "cat", "Category", 4, 0, 4, FT_INT, EXM(cat), NOLOC, "tax category to exempt" },
	{ "lvl", "Level", 5, 0, 2, FT_INT, EXM(lvl), NOLOC, "level: 0 federal, 1 state, 2 county, 3 city" },
	{ "dom", "Domain", 6, 0, 2, FT_INT, EXM(dom), NOLOC, "jurisdiction domain" },
	{ "scp", "Scope", 7, 0, 4, FT_INT, EXM(scp), NOLOC, "scope" },
	{ "frc", "Force", 8, 0, 1, FT_BOOL, EXM(frc), NOLOC, "force the exemption" },
	{ "exnb", "Non-billable", 9, 0, 1, FT_BOOL, EXM(exnb), NOLOC, "exempt non-billable taxes too" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct tui_field_def *tui_fields(enum tui_table t, size_t *n)
{
	switch (t) {
	case TBL_HEADER: *n = COUNT(header_fields); return header_fields;
	case TBL_ITEM: *n = COUNT(item_fields); return item_fields;
	case TBL_DETAIL: *n = COUNT(detail_fields); return detail_fields;
	case TBL_EXEMPTION: *n = COUNT(exemption_fields); return exemption_fields;
	default: *n = 0; return NULL;
	}
}

int tui_field_index(enum tui_table t, const char *key)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(t, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* Records of table t in invoice i (NULL: none). */
static size_t records_in(const struct afcq_invoice *inv, enum tui_table t)
{
	switch (t) {
	case TBL_HEADER: return 1;
	case TBL_ITEM:
	case TBL_DETAIL: return inv ? inv->n_itms : 0;
	case TBL_EXEMPTION: return inv ? inv->n_exms : 0;
	default: return 0;
	}
}

size_t tui_records(const struct tui_app *app, enum tui_table t)
{
	return records_in(tui_form_invoice_c(app), t);
}

/* The record a field of invoice i lives in; NULL when out of range. */
static char *record_in(const struct tui_app *app, size_t i, enum tui_table t,
		       const struct tui_field_def *f, size_t rec)
{
	struct afcq_request *req = (struct afcq_request *)&app->req;
	if (i >= req->n_inv)
		return NULL;
	struct afcq_invoice *inv = &req->inv[i];
	switch (t) {
	case TBL_HEADER:
		if (strncmp(f->key, "cmpn.", 5) == 0)
			return (char *)&req->cmpn;
		return (char *)inv;
	case TBL_ITEM:
	case TBL_DETAIL:
		return rec < inv->n_itms ? (char *)&inv->itms[rec] : NULL;
	case TBL_EXEMPTION:
		return rec < inv->n_exms ? (char *)&inv->exms[rec] : NULL;
	default:
		return NULL;
	}
}

/* The record a field of the invoice shown lives in. */
static char *record(const struct tui_app *app, enum tui_table t, const struct tui_field_def *f,
		    size_t rec)
{
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	return inv ? record_in(app, (size_t)(inv - app->req.inv), t, f, rec) : NULL;
}

static const struct tui_mark *find_mark_in(const struct tui_app *app, size_t inv,
					   enum tui_table t, size_t fi, size_t rec)
{
	return tui_mark_find(app, inv, t, fi, rec);
}

static const struct tui_mark *find_mark(const struct tui_app *app, enum tui_table t, size_t fi,
					size_t rec)
{
	return tui_mark_find(app, app->cur_inv, t, fi, rec);
}

static void mark_remove(struct tui_app *app, enum tui_table t, size_t fi, size_t rec)
{
	tui_mark_remove(app, app->cur_inv, t, fi, rec);
}

static void mark_set(struct tui_app *app, enum tui_table t, size_t fi, size_t rec, const char *text,
		     const char *msg)
{
	tui_mark_set(app, app->cur_inv, t, fi, rec, text, msg);
}

static char *opt_text(const struct afcq_kv *kv, size_t n)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	for (size_t i = 0; i < n; i++)
		afcq_buf_printf(&b, "%s%s=%s", i ? "; " : "", kv[i].key ? kv[i].key : "",
				kv[i].val ? kv[i].val : "");
	return afcq_buf_steal(&b);
}

static char *model_text(const struct tui_field_def *f, const char *base)
{
	const char *p = base + f->off;
	char buf[64];
	switch (f->type) {
	case FT_INT: {
		const struct afcq_oint *v = (const struct afcq_oint *)p;
		if (!v->set)
			return afcq_xstrdup("");
		snprintf(buf, sizeof buf, "%lld", v->v);
		return afcq_xstrdup(buf);
	}
	case FT_DBL: {
		const struct afcq_odbl *v = (const struct afcq_odbl *)p;
		if (!v->set)
			return afcq_xstrdup("");
		return afcq_xstrdup(afcq_number_format(v->v, buf, sizeof buf));
	}
	case FT_BOOL: {
		const struct afcq_obool *v = (const struct afcq_obool *)p;
		return afcq_xstrdup(!v->set ? "" : v->v ? "x" : "-");
	}
	case FT_STR:
	case FT_DATE: {
		const char *s = *(char *const *)p;
		return afcq_xstrdup(s ? s : "");
	}
	case FT_TS: {
		const struct afcq_item *it = (const struct afcq_item *)base;
		if (!it->tran.set && !it->serv.set)
			return afcq_xstrdup("");
		char t[24] = "", s[24] = "";
		if (it->tran.set)
			snprintf(t, sizeof t, "%lld", it->tran.v);
		if (it->serv.set)
			snprintf(s, sizeof s, "%lld", it->serv.v);
		snprintf(buf, sizeof buf, "%s/%s", t, s);
		return afcq_xstrdup(buf);
	}
	case FT_OPT: {
		const struct afcq_item *it = (const struct afcq_item *)base;
		return opt_text(it->opt, it->n_opt);
	}
	}
	return afcq_xstrdup("");
}

/* tui_field_text for a field of invoice inv. */
static char *field_text_in(const struct tui_app *app, size_t inv, enum tui_table t, size_t fi,
			   size_t rec)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(t, &n);
	if (fi >= n)
		return afcq_xstrdup("");
	const struct tui_mark *m = find_mark_in(app, inv, t, fi, rec);
	if (m && m->text)
		return afcq_xstrdup(m->text);
	const char *base = record_in(app, inv, t, &f[fi], rec);
	if (!base)
		return afcq_xstrdup("");
	return model_text(&f[fi], base);
}

char *tui_field_text(const struct tui_app *app, enum tui_table t, size_t fi, size_t rec)
{
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	if (!inv)
		return afcq_xstrdup("");
	return field_text_in(app, (size_t)(inv - app->req.inv), t, fi, rec);
}

const char *tui_field_problem(const struct tui_app *app, enum tui_table t, size_t fi, size_t rec)
{
	const struct tui_mark *m = find_mark(app, t, fi, rec);
	return m ? m->msg : NULL;
}

/* Numbers typed in a field read as in a request file (afcq/number.h). */
static int parse_ll(const char *s, long long *out)
{
	struct afcq_number num;
	const char *why;
	return afcq_number_read(s, strlen(s), &num, &why) && afcq_number_integer(&num, out, &why)
		       ? 0 : -1;
}

static int parse_dbl(const char *s, double *out)
{
	struct afcq_number num;
	const char *why;
	if (!afcq_number_read(s, strlen(s), &num, &why))
		return -1;
	*out = num.d;
	return 0;
}

static int parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "x", "1", "true", "yes", "y", "on" };
	static const char *const no[] = { "-", "0", "false", "no", "n", "off" };
	for (size_t i = 0; i < COUNT(yes); i++)
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
	for (size_t i = 0; i < COUNT(no); i++)
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	return -1;
}

static void loc_recompute(struct afcq_location *l)
{
	l->present = l->pcd.set || l->npa.set || l->fips || l->ctry || l->st || l->cnty || l->city ||
		     l->zip || l->addr || l->incorp.set || l->geo.set;
}

static int parse_opt(const char *text, struct afcq_item *it, char *msg, size_t n)
{
	struct afcq_kv *kv = NULL;
	size_t nkv = 0;
	char *copy = afcq_xstrdup(text);
	int rc = 0;
	for (char *save = NULL, *w = strtok_r(copy, ";", &save); w; w = strtok_r(NULL, ";", &save)) {
		while (*w == ' ')
			w++;
		if (!*w)
			continue;
		char *eq = strchr(w, '=');
		if (!eq) {
			snprintf(msg, n, "optional fields are key=value; key=value");
			rc = -1;
			break;
		}
		*eq = '\0';
		char *k = w, *v = eq + 1;
		size_t kl = strlen(k);
		while (kl && k[kl - 1] == ' ')
			k[--kl] = '\0';
		kv = afcq_xrealloc(kv, (nkv + 1) * sizeof *kv);
		kv[nkv].key = afcq_xstrdup(k);
		kv[nkv].val = afcq_xstrdup(v);
		nkv++;
	}
	free(copy);
	if (rc != 0) {
		for (size_t i = 0; i < nkv; i++) {
			free(kv[i].key);
			free(kv[i].val);
		}
		free(kv);
		return rc;
	}
	for (size_t i = 0; i < it->n_opt; i++) {
		free(it->opt[i].key);
		free(it->opt[i].val);
	}
	free(it->opt);
	it->opt = kv;
	it->n_opt = nkv;
	return 0;
}

/* Says in msg why f's text did not parse; returns -1. */
static int not_parsed(const struct tui_field_def *f, const char *why, const char *text, char *msg,
		      size_t n)
{
	snprintf(msg, n, "%s: %s: %s", tui_field_words(f), why, text);
	return -1;
}

/* Stores text into the model; -1 with msg when it does not parse. */
static int model_set(const struct tui_field_def *f, char *base, const char *text, char *msg, size_t n)
{
	char *p = base + f->off;
	bool empty = afcq_str_empty(text);
	switch (f->type) {
	case FT_INT: {
		struct afcq_oint *v = (struct afcq_oint *)p;
		long long x = 0;
		if (!empty && parse_ll(text, &x) != 0)
			return not_parsed(f, "not a whole number", text, msg, n);
		v->set = !empty;
		v->v = x;
		break;
	}
	case FT_DBL: {
		struct afcq_odbl *v = (struct afcq_odbl *)p;
		double x = 0;
		if (!empty && parse_dbl(text, &x) != 0)
			return not_parsed(f, "not a number", text, msg, n);
		v->set = !empty;
		v->v = x;
		break;
	}
	case FT_BOOL: {
		struct afcq_obool *v = (struct afcq_obool *)p;
		bool x = false;
		if (!empty && parse_bool(text, &x) != 0)
			return not_parsed(f, "use x (yes) or - (no)", text, msg, n);
		v->set = !empty;
		v->v = x;
		break;
	}
	case FT_DATE:
		if (!empty && !afcq_valid_date(text)) {
			snprintf(msg, n, "%s: not a real date (%s); use YYYY-MM-DD, YYYYMMDD or t (today)",
				 tui_field_words(f), text);
			return -1;
		}
		/* fall through */
	case FT_STR: {
		char **s = (char **)p;
		if (!empty && strlen(text) > AFCQ_MAX_STR) {
			snprintf(msg, n, "%s: longer than %d characters", tui_field_words(f),
				 AFCQ_MAX_STR);
			return -1;
		}
		free(*s);
		*s = empty ? NULL : afcq_xstrdup(text);
		break;
	}
	case FT_TS: {
		struct afcq_item *it = (struct afcq_item *)base;
		if (empty) {
			it->tran.set = it->serv.set = false;
			it->tran.v = it->serv.v = 0;
			break;
		}
		long long t, s;
		char a[32], b[32];
		const char *slash = strchr(text, '/');
		bool split = slash && (size_t)(slash - text) < sizeof a &&
			     strlen(slash + 1) < sizeof b;
		if (split) {
			memcpy(a, text, (size_t)(slash - text));
			a[slash - text] = '\0';
			snprintf(b, sizeof b, "%s", slash + 1);
		}
		if (!split || parse_ll(a, &t) != 0 || parse_ll(b, &s) != 0) {
			snprintf(msg, n, "T/S pair: write transaction/service, e.g. 19/6: %s", text);
			return -1;
		}
		it->tran.set = it->serv.set = true;
		it->tran.v = t;
		it->serv.v = s;
		break;
	}
	case FT_OPT:
		if (parse_opt(text, (struct afcq_item *)base, msg, n) != 0)
			return -1;
		break;
	}
	if (f->loc_off >= 0)
		loc_recompute((struct afcq_location *)(base + f->loc_off));
	return 0;
}

/* A date as typed: "t" or "today" is today, YYYYMMDD is YYYY-MM-DD;
 * anything else is read as it is.  Returns text or buf. */
static const char *date_typed(const struct tui_app *app, const char *text, char *buf, size_t n)
{
	if (strcasecmp(text, "t") == 0 || strcasecmp(text, "today") == 0) {
		snprintf(buf, n, "%s", app->today);
		return buf;
	}
	if (strlen(text) == 8 && strspn(text, "0123456789") == 8) {
		snprintf(buf, n, "%.4s-%.2s-%.2s", text, text + 4, text + 6);
		return buf;
	}
	return text;
}

int tui_field_try(const struct tui_app *app, enum tui_table t, size_t fi, const char *text,
		  char *msg, size_t n)
{
	size_t nf;
	const struct tui_field_def *f = tui_fields(t, &nf);
	if (fi >= nf || f[fi].type == FT_OPT)
		return 0;
	/* parsed into a scratch record of the field's kind, then dropped */
	union {
		struct afcq_item it;
		struct afcq_invoice inv;
		struct afcq_company c;
		struct afcq_exemption e;
	} scratch;
	memset(&scratch, 0, sizeof scratch);
	char date[32];
	if (f[fi].type == FT_DATE)
		text = date_typed(app, text, date, sizeof date);
	int rc = model_set(&f[fi], (char *)&scratch, text, msg, n);
	if (rc == 0 && (f[fi].type == FT_STR || f[fi].type == FT_DATE))
		free(*(char **)((char *)&scratch + f[fi].off));
	return rc;
}

int tui_field_set(struct tui_app *app, enum tui_table t, size_t fi, size_t rec, const char *text,
		  char *msg, size_t n)
{
	size_t nf;
	const struct tui_field_def *f = tui_fields(t, &nf);
	if (fi >= nf) {
		snprintf(msg, n, "no such field");
		return -1;
	}
	char *base = record(app, t, &f[fi], rec);
	if (!base) {
		snprintf(msg, n, "%s: no such row %zu", f[fi].key, rec + 1);
		return -1;
	}
	char local[512];
	char date[32];
	if (f[fi].type == FT_DATE)
		text = date_typed(app, text, date, sizeof date);
	if (model_set(&f[fi], base, text, local, sizeof local) != 0) {
		app->form_gen++;
		/* the mark says what is wrong with the field; the message also
		 * which row, numbered as the screen numbers them */
		mark_set(app, t, fi, rec, text, local);
		char row[32];
		snprintf(msg, n, "%s%s", tui_row_words(t, rec, row, sizeof row), local);
		return -1;
	}
	/* a message about this field no longer holds once it reads */
	const struct tui_mark *was = find_mark(app, t, fi, rec);
	if (was && was->msg && *was->msg && strstr(app->msg, was->msg))
		tui_message(app, ROLE_OK, "%s%s: fixed", tui_row_words(t, rec, local, sizeof local),
			    tui_field_words(&f[fi]));
	mark_remove(app, t, fi, rec);
	app->form_gen++;
	if (t == TBL_HEADER && strncmp(f[fi].key, "cmpn.", 5) == 0) {
		struct afcq_company *c = &app->req.cmpn;
		c->present = c->bscl.set || c->svcl.set || c->fclt.set || c->frch.set || c->reg.set ||
			     c->idnt || c->n_excl;
	}
	return 0;
}

/* Splits "itms[3].chg" or "inv[1].itms[3].chg" into invoice (without
 * "inv[N]." the one shown), table, field and record. */
int tui_field_resolve(const struct tui_app *app, const char *name, size_t *inv,
		      enum tui_table *t, int *fi, size_t *rec)
{
	*rec = 0;
	*inv = app->cur_inv;
	if (strncmp(name, "inv[", 4) == 0) {
		char *end;
		unsigned long v = strtoul(name + 4, &end, 10);
		if (end == name + 4 || end[0] != ']' || end[1] != '.')
			return -1;
		*inv = v;
		name = end + 2;
	}
	const char *rest = NULL;
	enum tui_table rt = TBL_HEADER;
	if (strncmp(name, "itms[", 5) == 0) {
		rt = TBL_ITEM;
		rest = name + 5;
	} else if (strncmp(name, "exms[", 5) == 0) {
		rt = TBL_EXEMPTION;
		rest = name + 5;
	}
	if (rest) {
		char *end;
		unsigned long v = strtoul(rest, &end, 10);
		if (end == rest || end[0] != ']' || end[1] != '.')
			return -1;
		*rec = v;
		name = end + 2;
		if (rt == TBL_ITEM && (strcmp(name, "tran") == 0 || strcmp(name, "serv") == 0))
			name = "ts";
	}
	int i = tui_field_index(rt, name);
	if (i < 0 && rt == TBL_ITEM) {
		rt = TBL_DETAIL;
		i = tui_field_index(rt, name);
	}
	if (i < 0)
		return -1;
	*t = rt;
	*fi = i;
	return 0;
}

void tui_field_check(struct tui_app *app, enum tui_table t, size_t fi, size_t rec,
		     const char *value)
{
	char msg[256];
	char *s = value ? NULL : tui_field_text(app, t, fi, rec);
	if (!value)
		value = strcmp(s, "x") == 0 ? "-" : "x";
	if (tui_field_set(app, t, fi, rec, value, msg, sizeof msg) != 0)
		tui_message(app, ROLE_ERROR, "%s", msg);
	free(s);
}

const char *tui_field_check_key(int key)
{
	if (key == 'x' || key == 'X' || key == 'y' || key == 'Y' || key == '1')
		return "x";
	if (key == '-' || key == 'n' || key == 'N' || key == '0')
		return "-";
	return NULL;
}

int tui_field_set_by_name(struct tui_app *app, const char *name, const char *text, char *msg,
			  size_t n)
{
	enum tui_table t;
	int fi;
	size_t rec, inv;
	if (tui_field_resolve(app, name, &inv, &t, &fi, &rec) != 0) {
		snprintf(msg, n, "%s: no such field", name);
		return -1;
	}
	if (tui_mark_inv(t, (size_t)fi, inv) != tui_mark_inv(t, (size_t)fi, app->cur_inv)) {
		snprintf(msg, n, "%s: invoice %zu is not the one shown (invoice %zu)", name, inv + 1,
			 app->cur_inv + 1);
		return -1;
	}
	return tui_field_set(app, t, (size_t)fi, rec, text, msg, n);
}

char *tui_field_get_by_name(const struct tui_app *app, const char *name)
{
	enum tui_table t;
	int fi;
	size_t rec, inv;
	if (tui_field_resolve(app, name, &inv, &t, &fi, &rec) != 0 || inv >= app->req.n_inv ||
	    rec >= records_in(&app->req.inv[inv], t))
		return NULL;
	return field_text_in(app, inv, t, (size_t)fi, rec);
}

void tui_marks_add_problem(struct tui_app *app, const char *path, const char *msg)
{
	enum tui_table t;
	int fi;
	size_t rec, inv;
	if (tui_field_resolve(app, path, &inv, &t, &fi, &rec) != 0)
		return;
	const struct tui_mark *m = find_mark_in(app, inv, t, (size_t)fi, rec);
	if (m && m->text)
		return; /* the typed text's own reason is more useful */
	/* named as a typed value's reason is: "sale: must be ..." */
	size_t nf;
	const struct tui_field_def *f = tui_fields(t, &nf);
	char said[512];
	char *named = afcq_xasprintf("%s: %s", tui_field_words(&f[fi]),
				     tui_problem_words(msg, said, sizeof said));
	tui_mark_set(app, inv, t, (size_t)fi, rec, NULL, named);
	free(named);
}

const struct afcq_tspair *tui_tspair_find(const struct tui_app *app, long long tran, long long serv)
{
	if (!app->tspairs_loaded)
		return NULL;
	for (size_t i = 0; i < app->tspairs.n; i++) {
		const struct afcq_tspair *p = &app->tspairs.v[i];
		if (p->tran == tran && p->serv == serv)
			return p;
	}
	return NULL;
}
