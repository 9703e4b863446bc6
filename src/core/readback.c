/* readback.c - a quote as a rep reads it (see readback.h). */
#include "afcq/readback.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "afcq/catalog.h"
#include "afcq/money.h"
#include "afcq/str.h"

/* One tax line of the read-back: the taxes of an invoice with the same
 * type, level, jurisdiction and billing, summed. */
struct rb_tax {
	const char *name;
	int tid, lvl;
	long long pcd;
	bool bill;
	struct afcq_sum sum;
};

struct rb_taxes {
	struct rb_tax *v;
	size_t n, cap;
};

static void taxes_add(struct rb_taxes *ts, const struct afcq_tax *t)
{
	if (afcq_tax_is_placeholder(t))
		return;
	for (size_t i = 0; i < ts->n; i++) {
		struct rb_tax *x = &ts->v[i];
		if (x->tid == t->tid && x->lvl == t->lvl && x->pcd == t->pcd && x->bill == t->bill) {
			afcq_sum_add(&x->sum, t->tax);
			return;
		}
	}
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 16;
		ts->v = afcq_xrealloc(ts->v, ts->cap * sizeof *ts->v);
	}
	struct rb_tax *x = &ts->v[ts->n++];
	*x = (struct rb_tax){ .name = t->name, .tid = t->tid, .lvl = t->lvl, .pcd = t->pcd,
			      .bill = t->bill };
	afcq_sum_add(&x->sum, t->tax);
}

static void item_words(struct afcq_buf *b, const struct afcq_item *it,
		       const struct afcq_item_result *res, const struct afcq_tspair_list *pairs)
{
	const struct afcq_tspair *p = NULL;
	if (pairs && it->tran.set && it->serv.set)
		p = afcq_catalog_find_tspair(pairs, it->tran.v, it->serv.v);
	if (p && !afcq_str_empty(p->pair_desc))
		afcq_buf_printf(b, "  %s", p->pair_desc);
	else if (p && !afcq_str_empty(p->tran_desc) && !afcq_str_empty(p->serv_desc))
		afcq_buf_printf(b, "  %s / %s", p->tran_desc, p->serv_desc);
	else
		afcq_buf_printf(b, "  T/S %lld/%lld", it->tran.set ? it->tran.v : 0,
				it->serv.set ? it->serv.v : 0);
	char a[48], c[48];
	double charge = afcq_money_item_charge(it, res);
	long long qty = it->qty.set && it->qty.v > 1 ? it->qty.v : 1;
	/* the item repeated qty times: so are its lines */
	long long lines = it->line.set ? it->line.v * qty : 0;
	const char *sep = ": ";
	if (charge != 0 || lines <= 0) {
		if (qty > 1 && it->chg.set)
			afcq_buf_printf(b, "%s%s (%lld x %s)", sep, afcq_money_format(charge, a, sizeof a),
					qty, afcq_money_format(it->chg.v, c, sizeof c));
		else
			afcq_buf_printf(b, "%s%s", sep, afcq_money_format(charge, a, sizeof a));
		sep = ", ";
	}
	if (lines > 0)
		afcq_buf_printf(b, "%s%lld line%s", sep, lines, lines == 1 ? "" : "s");
	afcq_buf_puts(b, "\n");
}

static const char *first_error(const struct afcq_response *resp, size_t inv)
{
	if (resp->err.n)
		return resp->err.v[0].msg;
	if (inv >= resp->n_inv)
		return NULL;
	const struct afcq_invoice_result *ir = &resp->inv[inv];
	if (ir->err.n)
		return ir->err.v[0].msg;
	for (size_t i = 0; i < ir->n_itms; i++)
		if (ir->itms[i].err.n)
			return ir->itms[i].err.v[0].msg;
	return NULL;
}

static void tax_lines(struct afcq_buf *b, const struct rb_taxes *ts, bool bill)
{
	char a[48];
	for (size_t i = 0; i < ts->n; i++) {
		const struct rb_tax *x = &ts->v[i];
		if (x->bill != bill)
			continue;
		afcq_buf_printf(b, "  %s (%s): %s\n", afcq_str_empty(x->name) ? "Tax" : x->name,
				afcq_level_name(x->lvl),
				afcq_money_format(afcq_sum_value(&x->sum), a, sizeof a));
	}
}

static void invoice_words(struct afcq_buf *b, const struct afcq_readback *rb, size_t i)
{
	const struct afcq_invoice *inv = &rb->req->inv[i];
	const struct afcq_invoice_result *ir =
		rb->resp && i < rb->resp->n_inv ? &rb->resp->inv[i] : NULL;
	if (rb->req->n_inv > 1)
		afcq_buf_printf(b, "Invoice %zu of %zu\n", i + 1, rb->req->n_inv);
	afcq_buf_puts(b, "Items:\n");
	for (size_t k = 0; k < inv->n_itms; k++)
		item_words(b, &inv->itms[k], ir && k < ir->n_itms ? &ir->itms[k] : NULL, rb->pairs);
	if (!rb->resp)
		return;
	const char *why = first_error(rb->resp, i);
	if (why) {
		afcq_buf_printf(b, "Not priced: %s\n", afcq_str_empty(why) ? "the answer holds an error"
									    : why);
		return;
	}
	struct rb_taxes ts = { 0 };
	for (size_t k = 0; ir && k < ir->n_itms; k++) {
		const struct afcq_item_result *r = &ir->itms[k];
		for (size_t t = 0; t < r->n_txs; t++)
			taxes_add(&ts, &r->txs[t]);
		for (size_t p = 0; p < r->n_brdg; p++)
			for (size_t t = 0; t < r->brdg[p].n_txs; t++)
				taxes_add(&ts, &r->brdg[p].txs[t]);
	}
	struct afcq_totals tot;
	afcq_money_totals(rb->req, rb->resp, i, &tot);
	size_t nbill = 0;
	for (size_t k = 0; k < ts.n; k++)
		nbill += ts.v[k].bill;
	char a[48];
	if (nbill) {
		afcq_buf_puts(b, "Taxes and fees:\n");
		tax_lines(b, &ts, true);
	} else {
		afcq_buf_puts(b, "Taxes and fees: none\n");
	}
	if (nbill < ts.n) {
		afcq_buf_puts(b, "Not billed to the customer:\n");
		tax_lines(b, &ts, false);
	}
	free(ts.v);
	if (rb->req->n_inv > 1)
		afcq_buf_printf(b, "Invoice %zu total: %s\n", i + 1,
				afcq_money_format(tot.total_due, a, sizeof a));
}

char *afcq_readback_text(const struct afcq_readback *rb)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	if (!afcq_str_empty(rb->customer))
		afcq_buf_printf(&b, "Customer: %s\n", rb->customer);
	if (rb->n_products) {
		afcq_buf_puts(&b, "Products: ");
		for (size_t i = 0; i < rb->n_products; i++)
			afcq_buf_printf(&b, "%s%s", i ? ", " : "", rb->products[i]);
		afcq_buf_puts(&b, "\n");
	}
	if (!rb->req || !rb->req->n_inv) {
		afcq_buf_puts(&b, "No quote yet.\n");
		return afcq_buf_steal(&b);
	}
	for (size_t i = 0; i < rb->req->n_inv; i++)
		invoice_words(&b, rb, i);
	if (!rb->resp) {
		afcq_buf_puts(&b, "No quote yet.\n");
		return afcq_buf_steal(&b);
	}
	struct afcq_totals tot;
	afcq_money_totals(rb->req, rb->resp, (size_t)-1, &tot);
	char a[48], c[48], d[48];
	if (tot.n_errors) {
		afcq_buf_printf(&b, "Charges: %s\nNo total: the answer holds errors.\n",
				afcq_money_format(tot.charges, a, sizeof a));
		return afcq_buf_steal(&b);
	}
	afcq_buf_printf(&b, "Charges: %s\nTotal taxes and fees: %s\nTotal due: %s\n",
			afcq_money_format(tot.charges, a, sizeof a),
			afcq_money_format(tot.billable, c, sizeof c),
			afcq_money_format(tot.total_due, d, sizeof d));
	return afcq_buf_steal(&b);
}
