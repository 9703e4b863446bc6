/* compare.c - matching the taxes of two answers (see compare.h). */
#include "afcq/compare.h"

#include <stdio.h>
#include <string.h>

#include "afcq/money.h"

static bool same_tax(const struct afcq_tax *x, const struct afcq_tax *y)
{
	return x->tid == y->tid && x->lvl == y->lvl && x->pcd == y->pcd;
}

static bool same_summary(const struct afcq_summary *x, const struct afcq_summary *y)
{
	return x->tid == y->tid && x->lvl == y->lvl && x->pcd == y->pcd;
}

static const struct afcq_item_result *item_of(const struct afcq_response *r, size_t inv,
					      size_t item)
{
	if (!r || inv >= r->n_inv || item >= r->inv[inv].n_itms)
		return NULL;
	return &r->inv[inv].itms[item];
}

long afcq_compare_tax(const struct afcq_tax *ta, size_t idx, const struct afcq_tax *tb, size_t nb)
{
	const struct afcq_tax *t = &ta[idx];
	size_t k = 0;
	for (size_t i = 0; i < idx; i++)
		if (same_tax(&ta[i], t))
			k++;
	for (size_t j = 0; j < nb; j++)
		if (same_tax(&tb[j], t) && k-- == 0)
			return (long)j;
	return -1;
}

long afcq_compare_item_tax(const struct afcq_response *a, size_t inv, size_t item, size_t idx,
			   const struct afcq_response *b)
{
	const struct afcq_item_result *ia = item_of(a, inv, item);
	const struct afcq_item_result *ib = item_of(b, inv, item);
	if (!ia || !ib || idx >= ia->n_txs)
		return -1;
	return afcq_compare_tax(ia->txs, idx, ib->txs, ib->n_txs);
}

static bool has_ref(const struct afcq_bridge_result *p)
{
	return p->ref && p->ref[0];
}

long afcq_compare_bridge(const struct afcq_response *a, size_t inv, size_t item, size_t p,
			 const struct afcq_response *b)
{
	const struct afcq_item_result *ia = item_of(a, inv, item);
	const struct afcq_item_result *ib = item_of(b, inv, item);
	if (!ia || !ib || p >= ia->n_brdg)
		return -1;
	const struct afcq_bridge_result *pa = &ia->brdg[p];
	if (!has_ref(pa))
		return p < ib->n_brdg && !has_ref(&ib->brdg[p]) ? (long)p : -1;
	size_t k = 0;
	for (size_t i = 0; i < p; i++)
		if (has_ref(&ia->brdg[i]) && strcmp(ia->brdg[i].ref, pa->ref) == 0)
			k++;
	for (size_t j = 0; j < ib->n_brdg; j++)
		if (has_ref(&ib->brdg[j]) && strcmp(ib->brdg[j].ref, pa->ref) == 0 && k-- == 0)
			return (long)j;
	return -1;
}

long afcq_compare_bridge_tax(const struct afcq_response *a, size_t inv, size_t item, size_t p,
			     size_t idx, const struct afcq_response *b)
{
	long q = afcq_compare_bridge(a, inv, item, p, b);
	if (q < 0)
		return -1;
	const struct afcq_bridge_result *pa = &a->inv[inv].itms[item].brdg[p];
	const struct afcq_bridge_result *pb = &b->inv[inv].itms[item].brdg[q];
	if (idx >= pa->n_txs)
		return -1;
	return afcq_compare_tax(pa->txs, idx, pb->txs, pb->n_txs);
}

long afcq_compare_summary(const struct afcq_response *a, size_t inv, size_t idx,
			  const struct afcq_response *b)
{
	if (!a || !b || inv >= a->n_inv || inv >= b->n_inv || idx >= a->inv[inv].n_summ)
		return -1;
	const struct afcq_invoice_result *ra = &a->inv[inv], *rb = &b->inv[inv];
	const struct afcq_summary *s = &ra->summ[idx];
	size_t k = 0;
	for (size_t i = 0; i < idx; i++)
		if (same_summary(&ra->summ[i], s))
			k++;
	for (size_t j = 0; j < rb->n_summ; j++)
		if (same_summary(&rb->summ[j], s) && k-- == 0)
			return (long)j;
	return -1;
}

const char *afcq_money_format_change(double from, double to, char *buf, size_t n)
{
	long long c = afcq_money_cents(to) - afcq_money_cents(from);
	unsigned long long m = c < 0 ? (unsigned long long)-(c + 1) + 1 : (unsigned long long)c;
	snprintf(buf, n, "%s%llu.%02llu", c > 0 ? "+" : c < 0 ? "-" : "", m / 100, m % 100);
	return buf;
}
