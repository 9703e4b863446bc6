/* model.c - lifecycle, deep copies, array editing and enumeration names of
 * the AFC data model (include/afcq/model.h).
 *
 * Every _done frees what the struct points to and zeroes it, so it is safe
 * on a zeroed struct and twice in a row.  Copies allocate through the afcq_x*
 * wrappers, which end the process on exhaustion; the copy functions still
 * return 0/-1 as the header promises, and never fail in practice.
 */
#include "afcq/model.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

/* ---- small helpers ---------------------------------------------------- */

static void free_str(char **s)
{
	free(*s);
	*s = NULL;
}

static void kv_array_done(struct afcq_kv *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].val);
	}
	free(v);
}

static struct afcq_kv *kv_array_copy(const struct afcq_kv *src, size_t n)
{
	if (!src || n == 0)
		return NULL;
	struct afcq_kv *v = afcq_xcalloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		v[i].key = afcq_xstrdup(src[i].key);
		v[i].val = afcq_xstrdup(src[i].val);
	}
	return v;
}

/* Copies n elements of size sz (shallow); NULL when n is 0. */
static void *dup_array(const void *src, size_t n, size_t sz)
{
	if (!src || n == 0)
		return NULL;
	void *p = afcq_xcalloc(n, sz);
	memcpy(p, src, n * sz);
	return p;
}

/* ---- shared pieces ----------------------------------------------------- */

void afcq_location_done(struct afcq_location *l)
{
	if (!l)
		return;
	free(l->fips);
	free(l->ctry);
	free(l->st);
	free(l->cnty);
	free(l->city);
	free(l->zip);
	free(l->addr);
	memset(l, 0, sizeof(*l));
}

int afcq_location_copy(struct afcq_location *dst, const struct afcq_location *src)
{
	*dst = *src;
	dst->fips = afcq_xstrdup(src->fips);
	dst->ctry = afcq_xstrdup(src->ctry);
	dst->st = afcq_xstrdup(src->st);
	dst->cnty = afcq_xstrdup(src->cnty);
	dst->city = afcq_xstrdup(src->city);
	dst->zip = afcq_xstrdup(src->zip);
	dst->addr = afcq_xstrdup(src->addr);
	return 0;
}

void afcq_errors_done(struct afcq_errors *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].msg);
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

/* ---- request ----------------------------------------------------------- */

void afcq_exemption_done(struct afcq_exemption *x)
{
	if (!x)
		return;
	afcq_location_done(&x->loc);
	memset(x, 0, sizeof(*x));
}

int afcq_exemption_copy(struct afcq_exemption *dst, const struct afcq_exemption *src)
{
	*dst = *src;
	return afcq_location_copy(&dst->loc, &src->loc);
}

static void bridge_done(struct afcq_bridge *b)
{
	for (size_t i = 0; i < b->n_prts; i++) {
		free(b->prts[i].ref);
		afcq_location_done(&b->prts[i].loc);
	}
	free(b->prts);
	memset(b, 0, sizeof(*b));
}

static void bridge_copy(struct afcq_bridge *dst, const struct afcq_bridge *src)
{
	*dst = *src;
	dst->prts = NULL;
	dst->n_prts = 0;
	if (src->n_prts == 0)
		return;
	dst->prts = afcq_xcalloc(src->n_prts, sizeof(*dst->prts));
	dst->n_prts = src->n_prts;
	for (size_t i = 0; i < src->n_prts; i++) {
		dst->prts[i].ref = afcq_xstrdup(src->prts[i].ref);
		afcq_location_copy(&dst->prts[i].loc, &src->prts[i].loc);
	}
}

void afcq_item_init(struct afcq_item *it)
{
	memset(it, 0, sizeof(*it));
}

void afcq_item_done(struct afcq_item *it)
{
	if (!it)
		return;
	free(it->ref);
	afcq_location_done(&it->from);
	afcq_location_done(&it->to);
	afcq_location_done(&it->bill);
	free(it->date);
	free(it->glref);
	kv_array_done(it->opt, it->n_opt);
	bridge_done(&it->brdg);
	memset(it, 0, sizeof(*it));
}

int afcq_item_copy(struct afcq_item *dst, const struct afcq_item *src)
{
	*dst = *src;
	dst->ref = afcq_xstrdup(src->ref);
	afcq_location_copy(&dst->from, &src->from);
	afcq_location_copy(&dst->to, &src->to);
	afcq_location_copy(&dst->bill, &src->bill);
	dst->date = afcq_xstrdup(src->date);
	dst->glref = afcq_xstrdup(src->glref);
	dst->opt = kv_array_copy(src->opt, src->n_opt);
	dst->n_opt = dst->opt ? src->n_opt : 0;
	bridge_copy(&dst->brdg, &src->brdg);
	return 0;
}

void afcq_invoice_init(struct afcq_invoice *inv)
{
	memset(inv, 0, sizeof(*inv));
}

void afcq_invoice_done(struct afcq_invoice *inv)
{
	if (!inv)
		return;
	free(inv->doc);
	afcq_location_done(&inv->bill);
	free(inv->date);
	for (size_t i = 0; i < inv->n_exms; i++)
		afcq_exemption_done(&inv->exms[i]);
	free(inv->exms);
	for (size_t i = 0; i < inv->n_itms; i++)
		afcq_item_done(&inv->itms[i]);
	free(inv->itms);
	kv_array_done(inv->opt, inv->n_opt);
	free(inv->acct);
	free(inv->custref);
	free(inv->invn);
	free(inv->bcyc);
	free(inv->ccycd);
	memset(inv, 0, sizeof(*inv));
}

static void invoice_copy(struct afcq_invoice *dst, const struct afcq_invoice *src)
{
	*dst = *src;
	dst->doc = afcq_xstrdup(src->doc);
	afcq_location_copy(&dst->bill, &src->bill);
	dst->date = afcq_xstrdup(src->date);
	dst->exms = NULL;
	dst->n_exms = 0;
	if (src->n_exms) {
		dst->exms = afcq_xcalloc(src->n_exms, sizeof(*dst->exms));
		dst->n_exms = src->n_exms;
		for (size_t i = 0; i < src->n_exms; i++)
			afcq_exemption_copy(&dst->exms[i], &src->exms[i]);
	}
	dst->itms = NULL;
	dst->n_itms = 0;
	if (src->n_itms) {
		dst->itms = afcq_xcalloc(src->n_itms, sizeof(*dst->itms));
		dst->n_itms = src->n_itms;
		for (size_t i = 0; i < src->n_itms; i++)
			afcq_item_copy(&dst->itms[i], &src->itms[i]);
	}
	dst->opt = kv_array_copy(src->opt, src->n_opt);
	dst->n_opt = dst->opt ? src->n_opt : 0;
	dst->acct = afcq_xstrdup(src->acct);
	dst->custref = afcq_xstrdup(src->custref);
	dst->invn = afcq_xstrdup(src->invn);
	dst->bcyc = afcq_xstrdup(src->bcyc);
	dst->ccycd = afcq_xstrdup(src->ccycd);
}

static void override_done(struct afcq_tax_override *o)
{
	afcq_location_done(&o->loc);
	free(o->brkt);
	memset(o, 0, sizeof(*o));
}

void afcq_request_init(struct afcq_request *r)
{
	memset(r, 0, sizeof(*r));
}

void afcq_request_done(struct afcq_request *r)
{
	if (!r)
		return;
	free(r->cmpn.idnt);
	for (size_t i = 0; i < r->cmpn.n_excl; i++) {
		free(r->cmpn.excl[i].ctry);
		free(r->cmpn.excl[i].st);
	}
	free(r->cmpn.excl);
	for (size_t i = 0; i < r->n_inv; i++)
		afcq_invoice_done(&r->inv[i]);
	free(r->inv);
	for (size_t i = 0; i < r->n_ovr; i++)
		override_done(&r->ovr[i]);
	free(r->ovr);
	free(r->sovr);
	memset(r, 0, sizeof(*r));
}

int afcq_request_copy(struct afcq_request *dst, const struct afcq_request *src)
{
	*dst = *src;
	dst->cmpn.idnt = afcq_xstrdup(src->cmpn.idnt);
	dst->cmpn.excl = NULL;
	dst->cmpn.n_excl = 0;
	if (src->cmpn.n_excl) {
		dst->cmpn.excl = afcq_xcalloc(src->cmpn.n_excl, sizeof(*dst->cmpn.excl));
		dst->cmpn.n_excl = src->cmpn.n_excl;
		for (size_t i = 0; i < src->cmpn.n_excl; i++) {
			dst->cmpn.excl[i] = src->cmpn.excl[i];
			dst->cmpn.excl[i].ctry = afcq_xstrdup(src->cmpn.excl[i].ctry);
			dst->cmpn.excl[i].st = afcq_xstrdup(src->cmpn.excl[i].st);
		}
	}
	dst->inv = NULL;
	dst->n_inv = 0;
	if (src->n_inv) {
		dst->inv = afcq_xcalloc(src->n_inv, sizeof(*dst->inv));
		dst->n_inv = src->n_inv;
		for (size_t i = 0; i < src->n_inv; i++)
			invoice_copy(&dst->inv[i], &src->inv[i]);
	}
	dst->ovr = NULL;
	dst->n_ovr = 0;
	if (src->n_ovr) {
		dst->ovr = afcq_xcalloc(src->n_ovr, sizeof(*dst->ovr));
		dst->n_ovr = src->n_ovr;
		for (size_t i = 0; i < src->n_ovr; i++) {
			const struct afcq_tax_override *so = &src->ovr[i];
			struct afcq_tax_override *d = &dst->ovr[i];
			*d = *so;
			afcq_location_copy(&d->loc, &so->loc);
			d->brkt = dup_array(so->brkt, so->n_brkt, sizeof(*so->brkt));
			d->n_brkt = d->brkt ? so->n_brkt : 0;
		}
	}
	dst->sovr = dup_array(src->sovr, src->n_sovr, sizeof(*src->sovr));
	dst->n_sovr = dst->sovr ? src->n_sovr : 0;
	return 0;
}

/* ---- array editing ------------------------------------------------------ */

int afcq_invoice_insert_item(struct afcq_invoice *inv, size_t index)
{
	if (!inv || index > inv->n_itms)
		return -1;
	inv->itms = afcq_xrealloc(inv->itms, (inv->n_itms + 1) * sizeof(*inv->itms));
	memmove(&inv->itms[index + 1], &inv->itms[index],
		(inv->n_itms - index) * sizeof(*inv->itms));
	afcq_item_init(&inv->itms[index]);
	inv->n_itms++;
	return (int)index;
}

int afcq_invoice_delete_item(struct afcq_invoice *inv, size_t index)
{
	if (!inv || index >= inv->n_itms)
		return -1;
	afcq_item_done(&inv->itms[index]);
	memmove(&inv->itms[index], &inv->itms[index + 1],
		(inv->n_itms - index - 1) * sizeof(*inv->itms));
	inv->n_itms--;
	if (inv->n_itms == 0) {
		free(inv->itms);
		inv->itms = NULL;
	}
	return 0;
}

int afcq_invoice_move_item(struct afcq_invoice *inv, size_t a, size_t b)
{
	if (!inv || a >= inv->n_itms || b >= inv->n_itms)
		return -1;
	struct afcq_item tmp = inv->itms[a];
	inv->itms[a] = inv->itms[b];
	inv->itms[b] = tmp;
	return 0;
}

int afcq_request_add_invoice(struct afcq_request *r)
{
	if (!r)
		return -1;
	r->inv = afcq_xrealloc(r->inv, (r->n_inv + 1) * sizeof(*r->inv));
	afcq_invoice_init(&r->inv[r->n_inv]);
	return (int)r->n_inv++;
}

/* ---- response ----------------------------------------------------------- */

void afcq_tax_done(struct afcq_tax *t)
{
	if (!t)
		return;
	free(t->cat);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

void afcq_summary_done(struct afcq_summary *s)
{
	if (!s)
		return;
	free(s->cat);
	free(s->name);
	memset(s, 0, sizeof(*s));
}

void afcq_item_result_done(struct afcq_item_result *r)
{
	if (!r)
		return;
	free(r->ref);
	for (size_t i = 0; i < r->n_txs; i++)
		afcq_tax_done(&r->txs[i]);
	free(r->txs);
	for (size_t i = 0; i < r->n_brdg; i++) {
		struct afcq_bridge_result *b = &r->brdg[i];
		free(b->ref);
		for (size_t k = 0; k < b->n_txs; k++)
			afcq_tax_done(&b->txs[k]);
		free(b->txs);
		afcq_errors_done(&b->err);
	}
	free(r->brdg);
	afcq_errors_done(&r->err);
	memset(r, 0, sizeof(*r));
}

void afcq_invoice_result_done(struct afcq_invoice_result *r)
{
	if (!r)
		return;
	free(r->doc);
	for (size_t i = 0; i < r->n_itms; i++)
		afcq_item_result_done(&r->itms[i]);
	free(r->itms);
	for (size_t i = 0; i < r->n_summ; i++)
		afcq_summary_done(&r->summ[i]);
	free(r->summ);
	afcq_errors_done(&r->err);
	free_str(&r->incrf.acct);
	free_str(&r->incrf.custref);
	free_str(&r->incrf.invn);
	free_str(&r->incrf.bcyc);
	free_str(&r->incrf.ccycd);
	free_str(&r->incrf.ccydesc);
	memset(r, 0, sizeof(*r));
}

void afcq_response_init(struct afcq_response *r)
{
	memset(r, 0, sizeof(*r));
}

void afcq_response_done(struct afcq_response *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_inv; i++)
		afcq_invoice_result_done(&r->inv[i]);
	free(r->inv);
	afcq_errors_done(&r->err);
	memset(r, 0, sizeof(*r));
}

/* ---- Commit --------------------------------------------------------- */

void afcq_commit_request_done(struct afcq_commit_request *r)
{
	if (!r)
		return;
	free(r->doc);
	kv_array_done(r->opt, r->n_opt);
	memset(r, 0, sizeof(*r));
}

void afcq_commit_response_done(struct afcq_commit_response *r)
{
	if (!r)
		return;
	afcq_errors_done(&r->err);
	free(r->doc);
	memset(r, 0, sizeof(*r));
}

/* ---- lookups ------------------------------------------------------------ */

void afcq_tspair_list_done(struct afcq_tspair_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].tran_desc);
		free(l->v[i].serv_desc);
		free(l->v[i].pair_desc);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void afcq_taxtype_list_done(struct afcq_taxtype_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].desc);
		free(l->v[i].cat_desc);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void afcq_pcode_request_done(struct afcq_pcode_request *r)
{
	if (!r)
		return;
	free(r->ctry);
	free(r->st);
	free(r->cnty);
	free(r->city);
	free(r->zip);
	free(r->npanxx);
	free(r->fips);
	memset(r, 0, sizeof(*r));
}

void afcq_pcode_result_done(struct afcq_pcode_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].ctry);
		free(r->v[i].st);
		free(r->v[i].cnty);
		free(r->v[i].locality);
	}
	free(r->v);
	free(r->input_match_type);
	free(r->match_type_applied);
	memset(r, 0, sizeof(*r));
}

void afcq_service_info_done(struct afcq_service_info *s)
{
	if (!s)
		return;
	free(s->server_time);
	free(s->engine_version);
	free(s->build_version);
	free(s->error);
	memset(s, 0, sizeof(*s));
}

/* ---- enumeration names -------------------------------------------------- */

/* Looks v up in a table of n names indexed from base; "?" outside. */
static const char *enum_name(const char *const *names, size_t n, long long base, long long v)
{
	if (v < base || v - base >= (long long)n)
		return "?";
	return names[v - base];
}

#define ENUM_NAME(tab, base, v) enum_name((tab), sizeof(tab) / sizeof((tab)[0]), (base), (v))

const char *afcq_cust_name(long long cust)
{
	static const char *const names[] = {
		"Residential", "Business", "Senior Citizen", "Industrial",
	};
	return ENUM_NAME(names, 0, cust);
}

const char *afcq_sale_name(long long sale)
{
	static const char *const names[] = {
		"Wholesale", "Retail", "Consumed", "Vendor Use",
	};
	return ENUM_NAME(names, 0, sale);
}

const char *afcq_calc_name(int calc)
{
	static const char *const names[] = {
		"Rate", "Fixed amount", "Per minute", "Per line",
		"Self-taxing rate", "Per bracket", "Fixed on tier",
		"Customer per line", "Customer per bracket",
	};
	return ENUM_NAME(names, 1, calc);
}

const char *afcq_level_name(int lvl)
{
	static const char *const names[] = {
		"Federal", "State", "County", "City", "Unincorporated",
	};
	return ENUM_NAME(names, 0, lvl);
}

bool afcq_tax_is_placeholder(const struct afcq_tax *t)
{
	return t && t->notax.set && t->notax.v;
}

const char *afcq_tax_level_name(const struct afcq_tax *t)
{
	return afcq_tax_is_placeholder(t) ? "none" : afcq_level_name(t ? t->lvl : -1);
}

const char *afcq_category_name(int cid)
{
	static const char *const names[] = {
		"None", "Sales and Use", "Business", "Gross Receipts", "Excise",
		"Connectivity Charges", "Regulatory Charges", "E-911 Charges",
		"Utility User Taxes", "Right of Way Fees",
		"Communications Services Tax", "Cable Regulatory Fees", "Reserved",
		"Value Added Taxes",
	};
	return ENUM_NAME(names, 0, cid);
}
