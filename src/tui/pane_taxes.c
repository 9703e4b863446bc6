/* pane_taxes.c - the line-item tax pane: per item, each tax's name, level,
 * PCode, rate (shown by calculation type), base and amount to the cent;
 * item errors in place.  Rows come from the index built once per answer
 * (tui_results_index), and only the visible ones are drawn.  Enter on a
 * tax opens it in full precision with the calculation in words.
 */
#include "tui.h"

#include <stdio.h>
#include <string.h>

#include "afcq/money.h"

/* Column widths after the name. */
enum { W_LVL = 7, W_PCD = 8, W_RATE = 11, W_BASE = 10, W_TAX = 9 };

static int name_width(int w)
{
	int nw = w - 2 - (W_LVL + W_PCD + W_RATE + W_BASE + W_TAX + 5);
	return nw < 8 ? 8 : nw;
}

static const struct afcq_item *sent_item(const struct tui_results *r, size_t inv, size_t item)
{
	if (inv < r->sent.n_inv && item < r->sent.inv[inv].n_itms)
		return &r->sent.inv[inv].itms[item];
	return NULL;
}

static void tax_line(char *buf, size_t n, int nw, const struct afcq_tax *t)
{
	char rate[48], base[48], amt[48], name[160];
	snprintf(name, sizeof name, "%s%s", t->name ? t->name : "?", t->bill ? "" : " (not billed)");
	if (t->calc == 4) /* per line: the base is the line count */
		snprintf(base, sizeof base, "%lld line%s", t->lns, t->lns == 1 ? "" : "s");
	else
		afcq_money_format(t->tm, base, sizeof base);
	snprintf(buf, n, "  %-*.*s %-*.*s %*lld %*s %*s %*s", nw, nw, name, W_LVL, W_LVL,
		 afcq_level_name(t->lvl), W_PCD, t->pcd, W_RATE,
		 tui_rate_text(t->calc, t->rate, rate, sizeof rate), W_BASE, base, W_TAX,
		 afcq_money_format(t->tax, amt, sizeof amt));
}

static void row_text(const struct tui_app *app, const struct tui_trow *row, int w, char *buf,
		     size_t n, enum tui_role *role)
{
	const struct tui_results *r = &app->res;
	int nw = name_width(w);
	*role = ROLE_NORMAL;
	switch (row->kind) {
	case TROW_REQERR: {
		const struct afcq_error_entry *e = &r->resp.err.v[row->idx];
		snprintf(buf, n, "! request error %d: %s", e->code, e->msg ? e->msg : "");
		*role = ROLE_ERROR;
		break;
	}
	case TROW_INVERR: {
		const struct afcq_error_entry *e = &r->resp.inv[row->inv].err.v[row->idx];
		snprintf(buf, n, "! invoice %zu error %d: %s", row->inv + 1, e->code, e->msg ? e->msg : "");
		*role = ROLE_ERROR;
		break;
	}
	case TROW_ITEM: {
		const struct afcq_item_result *ir = &r->resp.inv[row->inv].itms[row->item];
		const struct afcq_item *it = sent_item(r, row->inv, row->item);
		char chg[48] = "";
		char ts[48] = "";
		if (it) {
			afcq_money_format(afcq_money_item_charge(it, ir), chg, sizeof chg);
			snprintf(ts, sizeof ts, "%lld/%lld", it->tran.v, it->serv.v);
		}
		char inv[32] = "";
		if (r->resp.n_inv > 1)
			snprintf(inv, sizeof inv, "inv %zu ", row->inv + 1);
		snprintf(buf, n, "%sItem %zu%s%s%s %s  charge %s", inv, row->item + 1,
			 ir->ref ? " \"" : "", ir->ref ? ir->ref : "", ir->ref ? "\"" : "", ts, chg);
		*role = ROLE_TITLE;
		break;
	}
	case TROW_TAX:
		tax_line(buf, n, nw, &r->resp.inv[row->inv].itms[row->item].txs[row->idx]);
		if (!r->resp.inv[row->inv].itms[row->item].txs[row->idx].bill)
			*role = ROLE_DIM;
		break;
	case TROW_ITEMERR: {
		const struct afcq_error_entry *e =
			&r->resp.inv[row->inv].itms[row->item].err.v[row->idx];
		snprintf(buf, n, "  ! error %d: %s", e->code, e->msg ? e->msg : "");
		*role = ROLE_ERROR;
		break;
	}
	case TROW_NOTAX:
		snprintf(buf, n, "  (no tax applies)");
		*role = ROLE_DIM;
		break;
	}
}

static void taxes_draw(struct tui_app *app, struct tui_view *v)
{
	(void)v;
	const struct tui_rect *p = &app->lay.taxes;
	struct tui_results *r = &app->res;
	bool focus = app->focus == PANE_TAXES;
	int nw = name_width(p->w);
	char head[256];
	const char *title = !r->have ? "Taxes"
			    : r->op == AFCQ_OP_INVOICE ? (r->commit ? "Taxes INVOICE (commit)"
								    : "Taxes INVOICE")
						       : "Taxes (quote)";
	char titled[96];
	if (r->have && r->n_rows > (size_t)(p->h - 1))
		snprintf(titled, sizeof titled, "%s %zu/%zu", title, r->tax_sel + 1, r->n_rows);
	else
		snprintf(titled, sizeof titled, "%s", title);
	snprintf(head, sizeof head, "%-*.*s %-*s %*s %*s %*s %*s", nw + 2, nw + 2, titled, W_LVL,
		 "Level", W_PCD, "PCode", W_RATE, "Rate", W_BASE, "Base", W_TAX, "Tax");
	tui_fill(app, p->y, 0, p->w, focus ? ROLE_FOCUS : ROLE_HEADER);
	tui_put(app, p->y, 0, p->w, focus ? ROLE_FOCUS : ROLE_HEADER, head);
	if (focus)
		tui_put(app, app->lay.hint.y, 0, app->lay.hint.w, ROLE_DIM,
			" Up/Down select  Enter: the tax in full  Tab: summary  Esc: back to the form");
	int vis = p->h - 1;
	if (!r->have) {
		if (r->status != AFCQ_OK) {
			char line[800];
			tui_putf(app, p->y + 1, 0, p->w, ROLE_ERROR, "! %s failed: %s",
				 afcq_op_name(r->op), afcq_error_line(&r->err, line, sizeof line));
			tui_put(app, p->y + 2, 0, p->w, ROLE_DIM,
				"  The form is unchanged; fix the cause and press F5 again.");
		}
		return;
	}
	if (r->op == AFCQ_OP_INVOICE && r->doc && vis > 1) {
		/* the invoice banner takes the first row */
		tui_putf(app, p->y + 1, 0, p->w, ROLE_OK, "INVOICE %s  number %s  %s", r->doc,
			 r->invn ? r->invn : "-", r->commit ? "committed" : "not committed");
		vis--;
	}
	int y0 = p->y + (p->h - vis);
	if (r->tax_sel < r->tax_top)
		r->tax_top = r->tax_sel;
	if (r->tax_sel >= r->tax_top + (size_t)vis)
		r->tax_top = r->tax_sel - (size_t)vis + 1;
	for (int k = 0; k < vis; k++) {
		size_t i = r->tax_top + (size_t)k;
		if (i >= r->n_rows)
			break;
		char buf[512];
		enum tui_role role;
		row_text(app, &r->rows[i], p->w, buf, sizeof buf, &role);
		if (focus && i == r->tax_sel)
			role = ROLE_SELECTED;
		tui_fill(app, y0 + k, 0, p->w, role);
		tui_put(app, y0 + k, 0, p->w, role, buf);
	}
}

static enum tui_result taxes_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	(void)v;
	struct tui_results *r = &app->res;
	size_t page = (size_t)(app->lay.taxes.h > 2 ? app->lay.taxes.h - 2 : 1);
	switch (a) {
	case ACT_UP:
		if (r->tax_sel > 0)
			r->tax_sel--;
		return TUI_HANDLED;
	case ACT_DOWN:
		if (r->tax_sel + 1 < r->n_rows)
			r->tax_sel++;
		return TUI_HANDLED;
	case ACT_PAGE_UP:
		r->tax_sel = r->tax_sel > page ? r->tax_sel - page : 0;
		return TUI_HANDLED;
	case ACT_PAGE_DOWN:
		if (r->n_rows)
			r->tax_sel = r->tax_sel + page < r->n_rows ? r->tax_sel + page : r->n_rows - 1;
		return TUI_HANDLED;
	case ACT_HOME:
		r->tax_sel = 0;
		return TUI_HANDLED;
	case ACT_END:
		r->tax_sel = r->n_rows ? r->n_rows - 1 : 0;
		return TUI_HANDLED;
	case ACT_NEXT_FIELD:
		app->focus = PANE_SUMMARY;
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
		app->focus = PANE_FORM;
		tui_form_refocus(app);
		return TUI_HANDLED;
	case ACT_ENTER:
		if (r->have && r->tax_sel < r->n_rows) {
			const struct tui_trow *row = &r->rows[r->tax_sel];
			if (row->kind == TROW_TAX)
				tui_open_tax(app, row->inv, row->item, row->idx, false);
			else if (row->kind == TROW_ITEM || row->kind == TROW_ITEMERR) {
				/* jump to the item in the form */
				app->focus = PANE_FORM;
				app->form.in_grid = true;
				app->form.row = row->item;
				tui_form_refocus(app);
			}
		}
		return TUI_HANDLED;
	case ACT_CANCEL:
		app->focus = PANE_FORM;
		tui_form_refocus(app);
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}

const struct tui_view_ops tui_pane_taxes_ops = {
	.name = "taxes",
	.draw = taxes_draw,
	.on_action = taxes_on_action,
};
