/* pane_summary.c - the summary pane: the invoice's summary rows (taxes
 * summed by jurisdiction) followed by the totals: charges, billable taxes,
 * non-billable taxes, total due, to the cent.  Enter on a row opens it in
 * full precision.
 */
#include "tui.h"
#include "day.h"

#include <stdio.h>
#include <string.h>

#include "afcq/money.h"

enum { N_TOTALS = 4 };

/* Summary rows of every invoice, then the totals. */
static size_t n_summ(const struct tui_results *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->resp.n_inv; i++)
		n += r->resp.inv[i].n_summ;
	return n;
}

static const struct afcq_summary *summ_at(const struct tui_results *r, size_t k, size_t *inv,
					  size_t *idx)
{
	for (size_t i = 0; i < r->resp.n_inv; i++) {
		if (k < r->resp.inv[i].n_summ) {
			*inv = i;
			*idx = k;
			return &r->resp.inv[i].summ[k];
		}
		k -= r->resp.inv[i].n_summ;
	}
	return NULL;
}

/* Summary rows, then (comparing) the rows only the other quote has, then
 * the totals. */
static size_t n_rows(const struct tui_app *app)
{
	const struct tui_results *r = &app->res;
	return r->have ? n_summ(r) + tui_compare_n_gone_summ(app) + N_TOTALS : 0;
}

static void row_text(const struct tui_app *app, size_t k, int w, char *buf, size_t n,
		     enum tui_role *role)
{
	const struct tui_results *r = &app->res;
	struct tui_taxcols c = tui_taxcols(w, tui_compare_on(app));
	char a[48], chg[48];
	size_t ns = n_summ(r), ng = tui_compare_n_gone_summ(app);
	*role = ROLE_NORMAL;
	if (k < ns) {
		size_t inv = 0, idx = 0;
		const struct afcq_summary *s = summ_at(r, k, &inv, &idx);
		tui_taxcol_line(&c, buf, n, s->name ? s->name : "?", afcq_level_name(s->lvl), s->pcd,
				s->calc, s->rate, s->tchg, s->lns, afcq_money_format(s->tax, a, sizeof a),
				tui_compare_summ_change(app, inv, idx, false, chg, sizeof chg));
		return;
	}
	if (k < ns + ng) {
		const struct afcq_summary *s = tui_compare_gone_summ(app, k - ns);
		tui_taxcol_line(&c, buf, n, s->name ? s->name : "?", afcq_level_name(s->lvl), s->pcd,
				s->calc, s->rate, s->tchg, s->lns, "-",
				tui_compare_summ_change(app, 0, k - ns, true, chg, sizeof chg));
		*role = ROLE_DIM;
		return;
	}
	static const char *const names[N_TOTALS] = { "Charges", "Billable taxes",
						     "Non-billable taxes", "Total due" };
	size_t t = k - ns - ng;
	double v = 0;
	switch (t) {
	case 0: v = r->totals.charges; break;
	case 1: v = r->totals.billable; break;
	case 2: v = r->totals.nonbillable; break;
	default: v = r->totals.total_due; break;
	}
	*role = t == 3 ? ROLE_TOTAL : ROLE_TITLE;
	tui_taxcol_total(&c, buf, n, names[t], r->has_total ? afcq_money_format(v, a, sizeof a) : "-",
			 tui_compare_total_change(app, (int)t, chg, sizeof chg));
}

static void summary_draw(struct tui_app *app, struct tui_view *v)
{
	(void)v;
	const struct tui_rect *p = &app->lay.summary;
	struct tui_results *r = &app->res;
	bool focus = app->focus == PANE_SUMMARY;
	char titled[64], vs[32] = "";
	size_t nr = n_rows(app);
	bool cmp = tui_compare_on(app);
	if (cmp)
		snprintf(vs, sizeof vs, "%s vs %s", app->day->showing_pin ? " PINNED" : "",
			 tui_compare_other_name(app));
	if (nr > (size_t)(p->h - 1))
		snprintf(titled, sizeof titled, "Summary%s %zu/%zu", vs, r->sum_sel + 1, nr);
	else
		snprintf(titled, sizeof titled, "Summary%s", vs);
	struct tui_taxcols c = tui_taxcols(p->w, cmp);
	tui_taxcol_head(app, p, &c, titled, focus,
			" Up/Down select  Enter: the row in full  Tab: the form  Esc: back to the form");
	if (r->sum_sel >= nr)
		r->sum_sel = nr ? nr - 1 : 0;
	struct tui_rows rows = { .y = p->y + 1, .w = p->w, .vis = p->h - 1, .n = nr,
				 .sel = r->sum_sel, .focus = focus, .text = row_text };
	tui_rows_draw(app, &rows, &r->sum_top);
}

static enum tui_result summary_on_action(struct tui_app *app, struct tui_view *v,
					 enum tui_action a)
{
	(void)v;
	struct tui_results *r = &app->res;
	size_t nr = n_rows(app);
	/* the rows are few: PgUp/PgDn go to the first/last */
	if (tui_rows_move(&r->sum_sel, nr, SIZE_MAX, a))
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_CANCEL:
		tui_form_take_focus(app);
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
		app->focus = PANE_TAXES;
		return TUI_HANDLED;
	case ACT_ENTER: {
		size_t inv, idx;
		if (r->have && r->sum_sel < n_summ(r) && summ_at(r, r->sum_sel, &inv, &idx))
			tui_open_tax(app, inv, 0, idx, true);
		return TUI_HANDLED;
	}
	default:
		return TUI_PASS;
	}
}

const struct tui_view_ops tui_pane_summary_ops = {
	.name = "summary",
	.draw = summary_draw,
	.on_action = summary_on_action,
};
