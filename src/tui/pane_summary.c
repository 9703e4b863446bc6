/* pane_summary.c - the summary pane: the invoice's summary rows (taxes
 * summed by jurisdiction) followed by the totals: charges, billable taxes,
 * non-billable taxes, total due, to the cent.  Enter on a row opens it in
 * full precision.
 */
#include "tui.h"

#include <stdio.h>
#include <string.h>

#include "afcq/money.h"

enum { W_LVL = 7, W_PCD = 8, W_RATE = 11, W_BASE = 10, W_TAX = 9, N_TOTALS = 4 };

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

static size_t n_rows(const struct tui_results *r)
{
	return r->have ? n_summ(r) + N_TOTALS : 0;
}

static void row_text(const struct tui_results *r, size_t k, int w, char *buf, size_t n,
		     enum tui_role *role)
{
	char a[48], b[48], c[48];
	int nw = w - 2 - (W_LVL + W_PCD + W_RATE + W_BASE + W_TAX + 5);
	size_t ns = n_summ(r);
	*role = ROLE_NORMAL;
	if (k < ns) {
		size_t inv, idx;
		const struct afcq_summary *s = summ_at(r, k, &inv, &idx);
		if (s->calc == 4)
			snprintf(b, sizeof b, "%lld line%s", s->lns, s->lns == 1 ? "" : "s");
		else
			afcq_money_format(s->tchg, b, sizeof b);
		snprintf(buf, n, "  %-*.*s %-*.*s %*lld %*s %*s %*s", nw, nw, s->name ? s->name : "?",
			 W_LVL, W_LVL, afcq_level_name(s->lvl), W_PCD, s->pcd, W_RATE,
			 tui_rate_text(s->calc, s->rate, a, sizeof a), W_BASE, b, W_TAX,
			 afcq_money_format(s->tax, c, sizeof c));
		return;
	}
	static const char *const names[N_TOTALS] = { "Charges", "Billable taxes",
						     "Non-billable taxes", "Total due" };
	size_t t = k - ns;
	double v = 0;
	switch (t) {
	case 0: v = r->totals.charges; break;
	case 1: v = r->totals.billable; break;
	case 2: v = r->totals.nonbillable; break;
	default: v = r->totals.total_due; break;
	}
	*role = t == 3 ? ROLE_TOTAL : ROLE_TITLE;
	if (!r->has_total)
		snprintf(buf, n, "  %-*s %*s", w - 4 - W_TAX, names[t], W_TAX, "-");
	else
		snprintf(buf, n, "  %-*s %*s", w - 4 - W_TAX, names[t], W_TAX,
			 afcq_money_format(v, a, sizeof a));
}

static void summary_draw(struct tui_app *app, struct tui_view *v)
{
	(void)v;
	const struct tui_rect *p = &app->lay.summary;
	struct tui_results *r = &app->res;
	bool focus = app->focus == PANE_SUMMARY;
	int nw = p->w - 2 - (W_LVL + W_PCD + W_RATE + W_BASE + W_TAX + 5);
	char head[256], titled[64];
	size_t nr0 = n_rows(r);
	if (nr0 > (size_t)(p->h - 1))
		snprintf(titled, sizeof titled, "Summary %zu/%zu", r->sum_sel + 1, nr0);
	else
		snprintf(titled, sizeof titled, "Summary");
	snprintf(head, sizeof head, "%-*.*s %-*s %*s %*s %*s %*s", nw + 2, nw + 2, titled,
		 W_LVL, "Level", W_PCD, "PCode", W_RATE, "Rate", W_BASE, "Base", W_TAX, "Tax");
	tui_fill(app, p->y, 0, p->w, focus ? ROLE_FOCUS : ROLE_HEADER);
	tui_put(app, p->y, 0, p->w, focus ? ROLE_FOCUS : ROLE_HEADER, head);
	if (focus)
		tui_put(app, app->lay.hint.y, 0, app->lay.hint.w, ROLE_DIM,
			" Up/Down select  Enter: the row in full  Tab: the form  Esc: back to the form");
	size_t nr = n_rows(r);
	int vis = p->h - 1;
	if (r->sum_sel >= nr)
		r->sum_sel = nr ? nr - 1 : 0;
	if (r->sum_sel < r->sum_top)
		r->sum_top = r->sum_sel;
	if (r->sum_sel >= r->sum_top + (size_t)vis)
		r->sum_top = r->sum_sel - (size_t)vis + 1;
	for (int k = 0; k < vis; k++) {
		size_t i = r->sum_top + (size_t)k;
		if (i >= nr)
			break;
		char buf[512];
		enum tui_role role;
		row_text(r, i, p->w, buf, sizeof buf, &role);
		if (focus && i == r->sum_sel)
			role = ROLE_SELECTED;
		tui_fill(app, p->y + 1 + k, 0, p->w, role);
		tui_put(app, p->y + 1 + k, 0, p->w, role, buf);
	}
}

static enum tui_result summary_on_action(struct tui_app *app, struct tui_view *v,
					 enum tui_action a)
{
	(void)v;
	struct tui_results *r = &app->res;
	size_t nr = n_rows(r);
	switch (a) {
	case ACT_UP:
		if (r->sum_sel > 0)
			r->sum_sel--;
		return TUI_HANDLED;
	case ACT_DOWN:
		if (r->sum_sel + 1 < nr)
			r->sum_sel++;
		return TUI_HANDLED;
	case ACT_HOME:
		r->sum_sel = 0;
		return TUI_HANDLED;
	case ACT_END:
	case ACT_PAGE_DOWN:
		r->sum_sel = nr ? nr - 1 : 0;
		return TUI_HANDLED;
	case ACT_PAGE_UP:
		r->sum_sel = 0;
		return TUI_HANDLED;
	case ACT_NEXT_FIELD:
		app->focus = PANE_FORM;
		tui_form_refocus(app);
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
	case ACT_CANCEL:
		app->focus = PANE_FORM;
		tui_form_refocus(app);
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}

const struct tui_view_ops tui_pane_summary_ops = {
	.name = "summary",
	.draw = summary_draw,
	.on_action = summary_on_action,
};
