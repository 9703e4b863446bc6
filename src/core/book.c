/* book.c - customers and products into a request, and back (see book.h). */
#include "afcq/book.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

static bool location_empty(const struct afcq_location *l)
{
	return !l->present;
}

static bool item_empty(const struct afcq_item *it)
{
	return !it->ref && location_empty(&it->from) && location_empty(&it->to) &&
	       location_empty(&it->bill) && !it->chg.set && !it->min.set && !it->plsp.set &&
	       !it->pror.set && !it->line.set && !it->loc.set && !it->tran.set && !it->serv.set &&
	       !it->proadj.set && !it->adjm.set && !it->disc.set && !it->prop.set && !it->qty.set &&
	       !it->incl.set && !it->dbt.set && !it->adj.set && !it->cust.set && !it->lfln.set &&
	       !it->date && !it->glref && it->n_opt == 0 && !it->brdg.present;
}

bool afcq_book_grid_empty(const struct afcq_invoice *inv)
{
	return inv->n_itms == 0 || (inv->n_itms == 1 && item_empty(&inv->itms[0]));
}

static void exms_replace(struct afcq_exemption **dst, size_t *n_dst,
			 const struct afcq_exemption *src, size_t n_src)
{
	for (size_t i = 0; i < *n_dst; i++)
		afcq_exemption_done(&(*dst)[i]);
	free(*dst);
	*dst = n_src ? afcq_xcalloc(n_src, sizeof **dst) : NULL;
	*n_dst = n_src;
	for (size_t i = 0; i < n_src; i++)
		afcq_exemption_copy(&(*dst)[i], &src[i]);
}

static void location_replace(struct afcq_location *dst, const struct afcq_location *src)
{
	afcq_location_done(dst);
	if (src->present)
		afcq_location_copy(dst, src);
}

void afcq_book_apply_customer(struct afcq_invoice *inv, const struct afcq_customer *c)
{
	location_replace(&inv->bill, &c->bill);
	if (c->cust.set)
		inv->cust = c->cust;
	inv->lfln = c->lfln;
	exms_replace(&inv->exms, &inv->n_exms, c->exms, c->n_exms);
	free(inv->acct); /* never the customer before's */
	inv->acct = c->account && c->account[0] ? afcq_xstrdup(c->account) : NULL;
}

/* An exemption row added and never filled in: nothing to keep. */
static bool exemption_empty(const struct afcq_exemption *e)
{
	return !e->loc.present && !e->tpe.set && !e->cat.set && !e->lvl.set && !e->dom.set &&
	       !e->scp.set && !e->frc.set && !e->exnb.set;
}

size_t afcq_book_n_exemptions(const struct afcq_invoice *inv)
{
	size_t n = 0;
	for (size_t i = 0; inv && i < inv->n_exms; i++)
		n += !exemption_empty(&inv->exms[i]);
	return n;
}

void afcq_book_customer_from_invoice(struct afcq_customer *c, const struct afcq_invoice *inv)
{
	location_replace(&c->bill, &inv->bill);
	c->cust = inv->cust;
	c->lfln = inv->lfln;
	/* only the exemptions filled in: an empty row would be refused at
	 * every quote of the customer */
	struct afcq_exemption *kept = NULL;
	size_t n = 0;
	if (inv->n_exms)
		kept = afcq_xcalloc(inv->n_exms, sizeof *kept);
	for (size_t i = 0; i < inv->n_exms; i++)
		if (!exemption_empty(&inv->exms[i]))
			kept[n++] = inv->exms[i]; /* borrowed: copied below */
	exms_replace(&c->exms, &c->n_exms, kept, n);
	free(kept);
}

enum afcq_status afcq_book_add_product(struct afcq_invoice *inv, const struct afcq_product *p,
				       long long count, size_t *first, struct afcq_error *err)
{
	if (count < 1 || count > AFCQ_BOOK_MAX_QTY)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "count",
				      "%lld is not a count of 1 to %d", count, AFCQ_BOOK_MAX_QTY);
	for (size_t i = 0; i < p->n_itms; i++) {
		const struct afcq_item *it = &p->itms[i];
		long long q = it->qty.set ? it->qty.v : 1;
		if (count > 1 && (q < 0 || q > AFCQ_BOOK_MAX_QTY / count))
			return afcq_error_set(err, AFCQ_ERR_USAGE, "count",
					      "%lld x qty %lld of item %zu of \"%s\" is more than %d",
					      count, q, i + 1, p->name ? p->name : "", AFCQ_BOOK_MAX_QTY);
	}
	if (afcq_book_grid_empty(inv))
		while (inv->n_itms > 0)
			afcq_invoice_delete_item(inv, inv->n_itms - 1);
	size_t at = inv->n_itms;
	if (first)
		*first = at;
	inv->itms = p->n_itms ? afcq_xrealloc(inv->itms, (at + p->n_itms) * sizeof *inv->itms)
			      : inv->itms;
	for (size_t i = 0; i < p->n_itms; i++) {
		struct afcq_item *it = &inv->itms[at + i];
		afcq_item_init(it);
		afcq_item_copy(it, &p->itms[i]);
		if (count > 1)
			it->qty = (struct afcq_oint){ true, (it->qty.set ? it->qty.v : 1) * count };
	}
	inv->n_itms = at + p->n_itms;
	return AFCQ_OK;
}

static void missing_add(char **missing, const char *name)
{
	if (!missing)
		return;
	char *s = *missing ? afcq_xasprintf("%s, %s", *missing, name) : afcq_xstrdup(name);
	free(*missing);
	*missing = s;
}

enum afcq_status afcq_book_load_customer(struct afcq_store *s, const struct afcq_customer *c,
					 struct afcq_invoice *inv, char **missing,
					 struct afcq_error *err)
{
	if (missing)
		*missing = NULL;
	afcq_book_apply_customer(inv, c);
	for (size_t i = 0; i < c->n_products; i++) {
		struct afcq_product p;
		afcq_product_init(&p);
		struct afcq_error e;
		afcq_error_clear(&e);
		enum afcq_status st = afcq_store_product_by_name(s, c->products[i], &p, &e);
		if (st == AFCQ_ERR_USAGE) {
			missing_add(missing, c->products[i]);
		} else if (st != AFCQ_OK) {
			afcq_product_done(&p);
			if (err)
				*err = e;
			return st;
		} else {
			st = afcq_book_add_product(inv, &p, 1, NULL, err);
			if (st != AFCQ_OK) {
				afcq_product_done(&p);
				return st;
			}
		}
		afcq_product_done(&p);
	}
	return AFCQ_OK;
}
