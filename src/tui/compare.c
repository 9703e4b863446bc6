/* compare.c - the pinned quote and the one it is compared with (day.h says
 * how the two are kept).  Which tax of one quote is which of the other is
 * the core's afcq_compare_* (the same rules as `afcq compare`); here the
 * rows only the other quote has are added to the panes, and the changes
 * are formatted for the change column and the total line.
 */
#include "day.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/compare.h"
#include "afcq/money.h"
#include "afcq/str.h"

bool tui_compare_on(const struct tui_app *app)
{
	const struct tui_day *d = app->day;
	return d && d->pinned && !d->pin_is_res && app->res.have && d->other.have;
}

const char *tui_compare_other_name(const struct tui_app *app)
{
	return app->day && app->day->showing_pin ? "newer" : "pinned";
}

static void add_row(struct tui_trow **rows, size_t *n, size_t *cap, struct tui_trow row)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*rows = afcq_xrealloc(*rows, *cap * sizeof **rows);
	}
	(*rows)[(*n)++] = row;
}

/* Taxes of participant q of other's item (inv, item) that the shown
 * quote's matching participant does not have (all, when none matches). */
static void add_gone_bridge_taxes(const struct tui_app *app, struct tui_trow **rows, size_t *n,
				  size_t *cap, size_t inv, size_t item, size_t q)
{
	const struct afcq_response *o = &app->day->other.resp;
	for (size_t t = 0; t < o->inv[inv].itms[item].brdg[q].n_txs; t++)
		if (afcq_compare_bridge_tax(o, inv, item, q, t, &app->res.resp) < 0)
			add_row(rows, n, cap,
				(struct tui_trow){ .kind = TROW_GONE, .inv = inv, .item = item,
						   .idx = t, .brdg = q + 1 });
}

/* Taxes of other's item (inv, item) that the shown quote does not have,
 * and those of its bridge participants the shown item has not. */
static void add_gone_taxes(const struct tui_app *app, struct tui_trow **rows, size_t *n,
			   size_t *cap, size_t inv, size_t item)
{
	const struct afcq_response *o = &app->day->other.resp;
	if (inv >= o->n_inv || item >= o->inv[inv].n_itms)
		return;
	for (size_t t = 0; t < o->inv[inv].itms[item].n_txs; t++)
		if (afcq_compare_item_tax(o, inv, item, t, &app->res.resp) < 0)
			add_row(rows, n, cap,
				(struct tui_trow){ .kind = TROW_GONE, .inv = inv, .item = item,
						   .idx = t });
	for (size_t q = 0; q < o->inv[inv].itms[item].n_brdg; q++)
		if (afcq_compare_bridge(o, inv, item, q, &app->res.resp) < 0)
			add_gone_bridge_taxes(app, rows, n, cap, inv, item, q);
}

/* After the last row of the shown quote's participant row.brdg: the
 * taxes only the other quote's matching participant has. */
static void add_gone_participant(const struct tui_app *app, struct tui_trow **rows, size_t *n,
				 size_t *cap, const struct tui_trow *row)
{
	const struct afcq_response *o = &app->day->other.resp;
	long q = afcq_compare_bridge(&app->res.resp, row->inv, row->item, row->brdg - 1, o);
	if (q >= 0)
		add_gone_bridge_taxes(app, rows, n, cap, row->inv, row->item, (size_t)q);
}

/* The shown quote's rows with the gone ones after each item's own rows
 * (and after the last item of an invoice, those of items only the other
 * quote has). */
static void add_gone_rows(struct tui_app *app)
{
	struct tui_results *r = &app->res;
	const struct afcq_response *o = &app->day->other.resp;
	struct tui_trow *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < r->n_rows; i++) {
		struct tui_trow row = r->rows[i];
		add_row(&rows, &n, &cap, row);
		const struct tui_trow *next = i + 1 < r->n_rows ? &r->rows[i + 1] : NULL;
		if (row.brdg && (row.kind == TROW_TAX || row.kind == TROW_BRIDGE) &&
		    (!next || next->inv != row.inv || next->item != row.item ||
		     next->brdg != row.brdg || next->kind == TROW_ITEM))
			add_gone_participant(app, &rows, &n, &cap, &row);
		bool item_row = row.kind == TROW_TAX || row.kind == TROW_ITEMERR ||
				row.kind == TROW_NOTAX || row.kind == TROW_ITEM ||
				row.kind == TROW_BRIDGE;
		bool last_of_item = item_row &&
				    (i + 1 == r->n_rows || r->rows[i + 1].kind == TROW_ITEM ||
				     r->rows[i + 1].inv != row.inv || r->rows[i + 1].kind == TROW_INVERR);
		if (!last_of_item)
			continue;
		add_gone_taxes(app, &rows, &n, &cap, row.inv, row.item);
		bool last_of_inv = i + 1 == r->n_rows || r->rows[i + 1].inv != row.inv;
		if (last_of_inv && row.inv < o->n_inv)
			for (size_t j = row.item + 1; j < o->inv[row.inv].n_itms; j++)
				add_gone_taxes(app, &rows, &n, &cap, row.inv, j);
	}
	free(r->rows);
	r->rows = rows;
	r->n_rows = n;
}

static void index_gone_summ(struct tui_app *app)
{
	struct tui_day *d = app->day;
	const struct afcq_response *o = &d->other.resp;
	free(d->gone_summ);
	d->gone_summ = NULL;
	d->n_gone_summ = 0;
	size_t cap = 0;
	for (size_t i = 0; i < o->n_inv; i++)
		for (size_t k = 0; k < o->inv[i].n_summ; k++) {
			if (afcq_compare_summary(o, i, k, &app->res.resp) >= 0)
				continue;
			if (d->n_gone_summ == cap) {
				cap = cap ? cap * 2 : 16;
				d->gone_summ = afcq_xrealloc(d->gone_summ, cap * sizeof *d->gone_summ);
			}
			d->gone_summ[d->n_gone_summ][0] = i;
			d->gone_summ[d->n_gone_summ][1] = k;
			d->n_gone_summ++;
		}
}

/* Indexes both quotes again; the shown one gets the gone rows. */
static void reindex(struct tui_app *app)
{
	struct tui_day *d = app->day;
	size_t sel = app->res.tax_sel;
	if (app->res.have)
		tui_results_index(&app->res);
	if (d->other.have)
		tui_results_index(&d->other);
	free(d->gone_summ);
	d->gone_summ = NULL;
	d->n_gone_summ = 0;
	if (tui_compare_on(app)) {
		add_gone_rows(app);
		index_gone_summ(app);
	}
	app->res.tax_sel = sel < app->res.n_rows ? sel : 0;
	app->dirty = true;
}

static void swap_results(struct tui_app *app)
{
	struct tui_results t = app->res;
	app->res = app->day->other;
	app->day->other = t;
	app->day->showing_pin = !app->day->showing_pin;
}

void tui_compare_clear(struct tui_app *app)
{
	struct tui_day *d = app->day;
	if (!d)
		return;
	if (d->showing_pin)
		swap_results(app);
	tui_results_clear(&d->other);
	d->pinned = d->pin_is_res = d->showing_pin = false;
	reindex(app);
}

void tui_compare_pin(struct tui_app *app)
{
	struct tui_day *d = app->day;
	char amt[48];
	if (d->showing_pin || d->pin_is_res) {
		if (d->showing_pin) {
			tui_message(app, ROLE_NORMAL,
				    "this is the pinned quote (Ctrl-V shows the newer one)");
			return;
		}
		d->pinned = d->pin_is_res = false;
		tui_message(app, ROLE_OK, "pin removed");
		return;
	}
	if (!app->res.have) {
		tui_message(app, ROLE_ERROR, "nothing to pin: quote first (F5)");
		return;
	}
	tui_results_clear(&d->other);
	d->pinned = d->pin_is_res = true;
	reindex(app);
	if (app->res.has_total)
		tui_message(app, ROLE_OK,
			    "pinned the quote shown (total due %s): change the form and F5 to compare",
			    afcq_money_format(app->res.totals.total_due, amt, sizeof amt));
	else
		tui_message(app, ROLE_OK,
			    "pinned the answer shown: change the form and F5 to compare");
}

void tui_compare_swap(struct tui_app *app)
{
	if (!tui_compare_on(app)) {
		tui_message(app, ROLE_ERROR, "%s",
			    app->day->pinned ? "no newer quote yet: change the form and F5"
					     : "no pinned quote: PIN (Ctrl-G) keeps the quote shown");
		return;
	}
	swap_results(app);
	reindex(app);
	tui_message(app, ROLE_OK, "showing the %s quote (Ctrl-V switches back)",
		    app->day->showing_pin ? "pinned" : "newer");
}

void tui_compare_before_results(struct tui_app *app)
{
	struct tui_day *d = app->day;
	if (!d || !d->pinned)
		return;
	if (d->showing_pin)
		swap_results(app);
	if (d->pin_is_res) {
		/* the pinned quote leaves the panes' way; res is replaced next */
		tui_results_clear(&d->other);
		d->other = app->res;
		memset(&app->res, 0, sizeof app->res);
		d->pin_is_res = false;
	}
}

void tui_compare_after_results(struct tui_app *app)
{
	if (app->day && app->day->pinned)
		reindex(app);
}

const struct afcq_tax *tui_compare_gone_tax(const struct tui_app *app, const struct tui_trow *row)
{
	const struct afcq_response *o = &app->day->other.resp;
	const struct afcq_item_result *it = &o->inv[row->inv].itms[row->item];
	return row->brdg ? &it->brdg[row->brdg - 1].txs[row->idx] : &it->txs[row->idx];
}

size_t tui_compare_n_gone_summ(const struct tui_app *app)
{
	return tui_compare_on(app) ? app->day->n_gone_summ : 0;
}

const struct afcq_summary *tui_compare_gone_summ(const struct tui_app *app, size_t k)
{
	const struct tui_day *d = app->day;
	return &d->other.resp.inv[d->gone_summ[k][0]].summ[d->gone_summ[k][1]];
}

/* "new +0.94", or "new" when the amount does not fit the column. */
static const char *marked(const char *mark, double from, double to, char *buf, size_t n)
{
	char amt[48];
	snprintf(buf, n, "%s %s", mark, afcq_money_format_change(from, to, amt, sizeof amt));
	if (strlen(buf) > TAXCOL_CHG)
		snprintf(buf, n, "%s", mark);
	return buf;
}

const char *tui_compare_tax_change(const struct tui_app *app, const struct tui_trow *row,
				   char *buf, size_t n)
{
	buf[0] = '\0';
	if (!tui_compare_on(app))
		return buf;
	const struct afcq_response *s = &app->res.resp, *o = &app->day->other.resp;
	if (row->kind == TROW_GONE)
		return marked("gone", tui_compare_gone_tax(app, row)->tax, 0, buf, n);
	if (row->kind != TROW_TAX)
		return buf;
	if (row->brdg) {
		const struct afcq_tax *t = tui_trow_tax(&app->res, row);
		size_t p = row->brdg - 1;
		long q = afcq_compare_bridge(s, row->inv, row->item, p, o);
		long j = afcq_compare_bridge_tax(s, row->inv, row->item, p, row->idx, o);
		if (!t)
			return buf;
		if (j < 0)
			return marked("new", 0, t->tax, buf, n);
		return afcq_money_format_change(o->inv[row->inv].itms[row->item].brdg[q].txs[j].tax,
						t->tax, buf, n);
	}
	double tax = s->inv[row->inv].itms[row->item].txs[row->idx].tax;
	long j = afcq_compare_item_tax(s, row->inv, row->item, row->idx, o);
	if (j < 0)
		return marked("new", 0, tax, buf, n);
	return afcq_money_format_change(o->inv[row->inv].itms[row->item].txs[j].tax, tax, buf, n);
}

const char *tui_compare_summ_change(const struct tui_app *app, size_t inv, size_t idx, bool gone,
				    char *buf, size_t n)
{
	buf[0] = '\0';
	if (!tui_compare_on(app))
		return buf;
	if (gone)
		return marked("gone", tui_compare_gone_summ(app, idx)->tax, 0, buf, n);
	const struct afcq_response *s = &app->res.resp, *o = &app->day->other.resp;
	double tax = s->inv[inv].summ[idx].tax;
	long j = afcq_compare_summary(s, inv, idx, o);
	if (j < 0)
		return marked("new", 0, tax, buf, n);
	return afcq_money_format_change(o->inv[inv].summ[j].tax, tax, buf, n);
}

static double total_of(const struct afcq_totals *t, int which)
{
	switch (which) {
	case 0: return t->charges;
	case 1: return t->billable;
	case 2: return t->nonbillable;
	default: return t->total_due;
	}
}

const char *tui_compare_total_change(const struct tui_app *app, int t, char *buf, size_t n)
{
	buf[0] = '\0';
	const struct tui_results *s = &app->res;
	if (!tui_compare_on(app) || !s->has_total || !app->day->other.has_total)
		return buf;
	return afcq_money_format_change(total_of(&app->day->other.totals, t), total_of(&s->totals, t),
					buf, n);
}

void tui_compare_draw_total(struct tui_app *app, const struct tui_rect *r)
{
	const struct tui_results *s = &app->res, *o = &app->day->other;
	char a[48], b[48], c[48], t[48], x[48];
	const char *shown = app->day->showing_pin ? "Pinned total" : "Total due";
	const char *other = tui_compare_other_name(app);
	if (s->has_total && o->has_total)
		tui_putf(app, r->y, 0, r->w, ROLE_TOTAL,
			 " %s %s  %s %s  difference %s (charges %s, taxes %s)", shown,
			 afcq_money_format(s->totals.total_due, a, sizeof a), other,
			 afcq_money_format(o->totals.total_due, b, sizeof b),
			 afcq_money_format_change(o->totals.total_due, s->totals.total_due, c,
						  sizeof c),
			 afcq_money_format_change(o->totals.charges, s->totals.charges, x, sizeof x),
			 afcq_money_format_change(o->totals.billable, s->totals.billable, t,
						  sizeof t));
	else if (s->has_total)
		tui_putf(app, r->y, 0, r->w, ROLE_TOTAL, " %s %s  %s: no total (errors)", shown,
			 afcq_money_format(s->totals.total_due, a, sizeof a), other);
	else if (o->has_total)
		tui_putf(app, r->y, 0, r->w, ROLE_TOTAL, " %s: no total (errors)  %s %s", shown,
			 other, afcq_money_format(o->totals.total_due, b, sizeof b));
	else
		tui_putf(app, r->y, 0, r->w, ROLE_TOTAL, " No total in either quote (errors)");
}
