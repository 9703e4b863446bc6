/* engine.c - CalcTaxes: from a request to a response (see engine_int.h for
 * how the steps fit together). */
#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"
#include "engine_int.h"

static bool obool(struct afcq_obool b, bool dflt)
{
	return b.set ? b.v : dflt;
}

static char *nonempty(const char *s)
{
	return afcq_str_empty(s) ? NULL : afcq_xstrdup(s);
}

static void fill_incrf(const struct ratebook *rb, const struct afcq_invoice *in,
		       struct afcq_reporting *r)
{
	r->present = true;
	r->acct = nonempty(in->acct);
	r->custref = nonempty(in->custref);
	r->invn = nonempty(in->invn);
	r->bcyc = nonempty(in->bcyc);
	r->ccycd = nonempty(in->ccycd);
	r->ccydesc = nonempty(ratebook_currency(rb, in->ccycd));
}

static void prepare_item(const struct ratebook *rb, const struct afcq_request *req,
			 const struct afcq_invoice *in, struct eng_item *it)
{
	const struct afcq_item *m = it->in;
	double qty = m->qty.set ? (double)m->qty.v : 1;
	it->cust = m->cust.set ? m->cust.v : in->cust.set ? in->cust.v : 0;
	it->lfln = m->lfln.set ? m->lfln.v : obool(in->lfln, false);
	it->sale = m->sale.set ? m->sale.v : 1;
	it->prop = m->prop.set ? m->prop.v : 0;
	it->sign = obool(m->adj, false) ? -1 : 1;
	it->chg = (m->chg.set ? m->chg.v : 0) * qty * it->sign;
	it->lines = (m->line.set ? (double)m->line.v : 0) * qty;
	it->minutes = (m->min.set ? m->min.v : 0) * qty;
	it->fed = 1;
	if (it->pair->sh) {
		if (!ratebook_fed_share(rb, it->pair->sh, it->date, &it->fed))
			it->fed = 1;
		for (size_t i = 0; i < req->n_sovr; i++) {
			const struct afcq_safe_harbor_override *s = &req->sovr[i];
			if (s->sh.set && (s->sh.v & it->pair->sh) && s->new_share.set)
				it->fed = s->new_share.v;
		}
	}
}

static void fill_tax(const struct ratebook *rb, const struct eng_item *it, const struct eng_row *r,
		     bool retext, struct afcq_tax *tx)
{
	const struct rb_tax *t = &rb->taxes[r->tax];
	memset(tx, 0, sizeof *tx);
	tx->bill = (t->flags & RB_BILL) != 0;
	tx->cmpl = (t->flags & RB_CMPL) != 0;
	tx->sur = (t->flags & RB_SUR) != 0;
	tx->tm = fabs(r->tm);
	tx->exm = r->exm;
	tx->min = r->min;
	tx->rate = r->rate;
	tx->tax = r->amt;
	tx->calc = t->calc;
	tx->cid = t->cid;
	tx->lvl = t->lvl;
	tx->tid = t->tid;
	tx->lns = r->lns;
	tx->pcd = r->pcd;
	tx->cat = afcq_xstrdup(ratebook_category(rb, t->cid));
	tx->name = afcq_xstrdup(t->name);
	if (retext) {
		tx->taxpcd = (struct afcq_oint){ true, r->jur->pcd };
		tx->usexm = (struct afcq_obool){ true, r->exempt };
		tx->notax = (struct afcq_obool){ true, false };
		tx->trans = (struct afcq_oint){ true, it->pair->tran };
		tx->svc = (struct afcq_oint){ true, it->pair->serv };
		tx->chg = (struct afcq_odbl){ true, fabs(it->chg) };
	}
}

static void fill_notax(const struct eng_item *it, struct afcq_tax *tx)
{
	memset(tx, 0, sizeof *tx);
	tx->name = afcq_xstrdup("NO TAX");
	tx->cat = afcq_xstrdup("");
	tx->pcd = it->jur->pcd;
	tx->taxpcd = (struct afcq_oint){ true, it->jur->pcd };
	tx->usexm = (struct afcq_obool){ true, false };
	tx->notax = (struct afcq_obool){ true, true };
	tx->trans = (struct afcq_oint){ true, it->pair->tran };
	tx->svc = (struct afcq_oint){ true, it->pair->serv };
	tx->chg = (struct afcq_odbl){ true, fabs(it->chg) };
}

static bool finite_amounts(const struct eng_item *it)
{
	if (!isfinite(it->chg))
		return false;
	for (size_t k = 0; k < it->n_rows; k++) {
		const struct eng_row *r = &it->rows[k];
		if (!isfinite(r->amt) || !isfinite(r->tm) || !isfinite(r->exm) || !isfinite(r->rate))
			return false;
	}
	return true;
}

struct inv_opts {
	bool retnb, retext, dtl, summ, empty_txs;
};

static void item_result(const struct ratebook *rb, const struct eng_item *it,
			const struct inv_opts *o, struct afcq_item_result *ir)
{
	if (it->in->incl.set && it->in->incl.v)
		ir->base = (struct afcq_odbl){ true, it->chg };
	if (!o->dtl)
		return;
	ir->txs = afcq_xcalloc(it->n_rows + 1, sizeof *ir->txs);
	for (size_t k = 0; k < it->n_rows; k++) {
		if (!(rb->taxes[it->rows[k].tax].flags & RB_BILL) && !o->retnb)
			continue;
		fill_tax(rb, it, &it->rows[k], o->retext, &ir->txs[ir->n_txs++]);
	}
	if (ir->n_txs == 0 && o->retext)
		fill_notax(it, &ir->txs[ir->n_txs++]);
	ir->has_txs = ir->n_txs > 0 || o->empty_txs;
	if (ir->n_txs == 0) {
		free(ir->txs);
		ir->txs = NULL;
	}
}

/* Bridge conferencing (brdg with participants): the item's charge, lines
 * and minutes are split evenly between the participants; each share is
 * taxed at the participant's loc with the item's T/S pair, sharing the
 * invoice's counters.  With brdg.rtrn each participant's taxes come back in
 * the item's brdg[] ({ref, tran, serv, txs, err}) and the item's txs hold
 * none; without it the participants' rows are the item's txs.  A
 * participant at an unknown place gets an err message when brdg.proc is
 * true (the others are still taxed); otherwise the whole item fails.  The
 * participants' rows end up in it->rows, so the summary counts them.
 * Returns false (item err set) when the item fails. */
static bool bridge_item(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it,
			const struct inv_opts *o, struct afcq_item_result *ir)
{
	const struct afcq_bridge *b = &it->in->brdg;
	bool rtrn = obool(b->rtrn, false), proc = obool(b->proc, false);
	size_t n = b->n_prts;
	if (rtrn) {
		ir->brdg = afcq_xcalloc(n, sizeof *ir->brdg);
		ir->n_brdg = n;
	}
	for (size_t k = 0; k < n; k++) {
		const struct afcq_bridge_participant *pt = &b->prts[k];
		struct afcq_bridge_result *br = rtrn ? &ir->brdg[k] : NULL;
		if (br) {
			br->ref = afcq_xstrdup(pt->ref);
			br->tran = (struct afcq_oint){ true, it->pair->tran };
			br->serv = (struct afcq_oint){ true, it->pair->serv };
		}
		struct eng_item p = *it;
		p.rows = NULL;
		p.n_rows = 0;
		p.jur = pt->loc.present ? engine_resolve(rb, &pt->loc) : NULL;
		if (!p.jur) {
			if (!proc) {
				engine_err_add(&ir->err, -1000, "Unknown location: bridge participant "
					       "%zu (%s) matches no jurisdiction.", k + 1,
					       pt->ref ? pt->ref : "no ref");
				return false;
			}
			if (br)
				engine_err_add(&br->err, -1000, "Unknown location: the participant "
					       "matches no jurisdiction.");
			continue;
		}
		p.chg = it->chg / (double)n;
		p.lines = it->lines / (double)n;
		p.minutes = it->minutes / (double)n;
		engine_select(rb, ei, &p);
		engine_exempt(rb, ei, &p);
		engine_compute(rb, ei, &p);
		if (!finite_amounts(&p)) {
			free(p.rows);
			engine_err_add(&ir->err, -1000, "Exception: the amounts overflow (check "
				       "charge, quantity and override rates).");
			return false;
		}
		if (br && o->dtl) {
			br->txs = afcq_xcalloc(p.n_rows + 1, sizeof *br->txs);
			for (size_t r = 0; r < p.n_rows; r++)
				if ((rb->taxes[p.rows[r].tax].flags & RB_BILL) || o->retnb)
					fill_tax(rb, &p, &p.rows[r], o->retext, &br->txs[br->n_txs++]);
		}
		it->rows = afcq_xrealloc(it->rows, (it->n_rows + p.n_rows + 1) * sizeof *it->rows);
		if (p.n_rows) /* p.rows is NULL when nothing applied */
			memcpy(it->rows + it->n_rows, p.rows, p.n_rows * sizeof *p.rows);
		it->n_rows += p.n_rows;
		free(p.rows);
	}
	if (!rtrn)
		item_result(rb, it, o, ir);
	return true;
}

static void calc_invoice(const struct ratebook *rb, const struct afcq_request *req,
			 const struct afcq_invoice *in, struct afcq_invoice_result *res)
{
	res->doc = afcq_xstrdup(in->doc);
	res->n_itms = in->n_itms;
	res->itms = afcq_xcalloc(in->n_itms, sizeof *res->itms);
	for (size_t j = 0; j < in->n_itms; j++)
		res->itms[j].ref = afcq_xstrdup(in->itms[j].ref);
	if (obool(req->cfg.incrf, false))
		fill_incrf(rb, in, &res->incrf);
	if (!engine_check_invoice(rb, in, &res->err))
		return;

	char date[RB_DATE_LEN] = "";
	if (!in->date || !engine_date(in->date, date))
		strcpy(date, "9999-12-31");
	struct inv_opts o = {
		.retnb = obool(req->cfg.retnb,
			       strcmp(ratebook_setting(rb, "retnb", date, "true"), "true") == 0),
		.retext = obool(req->cfg.retext, false),
		.dtl = obool(in->dtl, true),
		.summ = obool(in->summ, false),
		.empty_txs = strcmp(ratebook_setting(rb, "empty_txs", date, "absent"), "empty") == 0,
	};
	struct eng_invoice ei = { .req = req, .in = in, .invm = obool(in->invm, true) };
	struct eng_item *items = afcq_xcalloc(in->n_itms, sizeof *items);
	bool failed = false;
	for (size_t j = 0; j < in->n_itms; j++) {
		struct eng_item *it = &items[j];
		if (!engine_check_item(rb, in, &in->itms[j], it, &res->itms[j].err)) {
			failed = true;
			continue;
		}
		prepare_item(rb, req, in, it);
		if (in->itms[j].brdg.n_prts > 0) {
			if (!bridge_item(rb, &ei, it, &o, &res->itms[j])) {
				it->n_rows = 0;
				failed = true;
			}
			continue;
		}
		engine_select(rb, &ei, it);
		engine_exempt(rb, &ei, it);
		if (it->in->incl.set && it->in->incl.v)
			engine_solve_inclusive(rb, &ei, it);
		engine_compute(rb, &ei, it);
		if (!finite_amounts(it)) {
			engine_err_add(&res->itms[j].err, -1000,
				       "Exception: the amounts overflow (check charge, quantity and override rates).");
			it->n_rows = 0;
			failed = true;
			continue;
		}
		item_result(rb, it, &o, &res->itms[j]);
	}
	if (failed)
		engine_err_add(&res->err, -1000, "One or more LineItems failed.");
	else if (ei.invm && o.summ) {
		engine_summarize(rb, date, items, in->n_itms, res);
		res->has_summ = res->n_summ > 0;
	}
	for (size_t j = 0; j < in->n_itms; j++)
		free(items[j].rows);
	free(items);
	free(ei.use);
	free(ei.memo.rules);
}

enum afcq_status engine_calc(const struct ratebook *rb, const struct afcq_request *req,
			     struct afcq_response *out, struct afcq_error *err)
{
	if (!rb || !req || !out)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "engine_calc", "missing argument");
	if (req->n_inv == 0) {
		engine_err_add(&out->err, -2000,
			       "Missing required field: inv (the request has no invoices).");
		return AFCQ_OK;
	}
	if (req->n_inv > 1000) {
		engine_err_add(&out->err, -2000, "Too many invoices: %zu (at most 1000 per request).",
			       req->n_inv);
		return AFCQ_OK;
	}
	out->inv = afcq_xcalloc(req->n_inv, sizeof *out->inv);
	out->n_inv = req->n_inv;
	for (size_t i = 0; i < req->n_inv; i++)
		calc_invoice(rb, req, &req->inv[i], &out->inv[i]);
	return AFCQ_OK;
}
