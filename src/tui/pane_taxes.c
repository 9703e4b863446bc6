/* pane_taxes.c - the line-item tax pane: per item, each tax's name, level,
 * PCode, rate (shown by calculation type), base and amount to the cent;
 * item errors in place.  Rows come from the index built once per answer
 * (tui_results_index), and only the visible ones are drawn.  Enter on a
 * tax opens it in full precision with the calculation in words.
 */
#include "tui.h"
#include "day.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"

static const struct afcq_item *sent_item(const struct tui_results *r, size_t inv, size_t item)
{
	if (inv < r->sent.n_inv && item < r->sent.inv[inv].n_itms)
		return &r->sent.inv[inv].itms[item];
	return NULL;
}

/* A tax row; gone rows (taxes only the compared quote has) show no amount. */
static void tax_line(const struct tui_app *app, const struct tui_trow *row, int w, char *buf,
		     size_t n, const struct afcq_tax *t)
{
	struct tui_taxcols c = tui_taxcols(w, tui_compare_on(app));
	char name[160], amt[48], chg[48];
	static const char nb[] = " (not billed)";
	if (t->bill) {
		snprintf(name, sizeof name, "%s", t->name ? t->name : "?");
	} else {
		/* the mark always shows: the name gives way to it, by whole
		 * words, else its first word shortened with a period */
		int room = c.nw - (int)strlen(nb);
		if (room < 4)
			room = 4;
		char *fit = tui_words_fit(t->name ? t->name : "?", room);
		if ((int)strlen(fit) > room)
			snprintf(name, sizeof name, "%.*s.%s", room - 1, fit, nb);
		else
			snprintf(name, sizeof name, "%s%s", fit, nb);
		free(fit);
	}
	if (row->kind == TROW_GONE)
		snprintf(amt, sizeof amt, "-");
	else
		afcq_money_format(t->tax, amt, sizeof amt);
	tui_taxcol_line(&c, buf, n, name, afcq_tax_level_name(t), t->pcd, t->calc, t->rate, t->tm,
			t->lns, amt, tui_compare_tax_change(app, row, chg, sizeof chg));
}

static void row_text(const struct tui_app *app, size_t i, int w, char *buf, size_t n,
		     enum tui_role *role)
{
	const struct tui_results *r = &app->res;
	const struct tui_trow *row = &r->rows[i];
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
	case TROW_TAX: {
		const struct afcq_tax *t = tui_trow_tax(r, row);
		if (!t)
			break;
		tax_line(app, row, w, buf, n, t);
		if (!t->bill)
			*role = ROLE_DIM;
		break;
	}
	case TROW_GONE:
		tax_line(app, row, w, buf, n, tui_compare_gone_tax(app, row));
		*role = ROLE_DIM;
		break;
	case TROW_BRIDGE: {
		const struct afcq_bridge_result *b =
			&r->resp.inv[row->inv].itms[row->item].brdg[row->brdg - 1];
		const char *err = b->err.n && b->err.v[0].msg ? b->err.v[0].msg : NULL;
		snprintf(buf, n, "  Bridge participant %s (T/S %lld/%lld)%s%s",
			 b->ref ? b->ref : "(no ref)", b->tran.v, b->serv.v, err ? "  ! " : "",
			 err ? err : "");
		*role = err ? ROLE_ERROR : ROLE_TITLE;
		break;
	}
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
	const char *title = !r->have ? "Taxes"
			    : r->op == AFCQ_OP_INVOICE ? (r->commit ? "Taxes INVOICE (commit)"
								    : "Taxes INVOICE")
						       : "Taxes (quote)";
	char titled[96], vs[32] = "";
	bool cmp = tui_compare_on(app);
	if (cmp)
		snprintf(vs, sizeof vs, "%s vs %s", app->day->showing_pin ? " PINNED" : "",
			 tui_compare_other_name(app));
	if (r->have && r->n_rows > (size_t)(p->h - 1))
		snprintf(titled, sizeof titled, "%s%s %zu/%zu", cmp ? "Taxes" : title, vs,
			 r->tax_sel + 1, r->n_rows);
	else
		snprintf(titled, sizeof titled, "%s%s", cmp ? "Taxes" : title, vs);
	struct tui_taxcols c = tui_taxcols(p->w, cmp);
	tui_taxcol_head(app, p, &c, titled, focus,
			" Up/Down select  Enter: the tax in full  Tab: summary  Esc: back to the form");
	int vis = p->h - 1;
	if (!r->have) {
		if (r->status != AFCQ_OK) {
			char line[800];
			tui_putf(app, p->y + 1, 0, p->w, ROLE_ERROR, "! %s failed: %s",
				 afcq_op_name(r->op), tui_error_text(&r->err, line, sizeof line));
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
	struct tui_rows rows = { .y = p->y + (p->h - vis), .w = p->w, .vis = vis, .n = r->n_rows,
				 .sel = r->tax_sel, .focus = focus, .text = row_text };
	tui_rows_draw(app, &rows, &r->tax_top);
}

static enum tui_result taxes_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	(void)v;
	struct tui_results *r = &app->res;
	size_t page = (size_t)(app->lay.taxes.h > 2 ? app->lay.taxes.h - 2 : 1);
	if (tui_rows_move(&r->tax_sel, r->n_rows, page, a))
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
		app->focus = PANE_SUMMARY;
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
	case ACT_CANCEL:
		tui_form_take_focus(app);
		return TUI_HANDLED;
	case ACT_ENTER:
		if (r->have && r->tax_sel < r->n_rows) {
			const struct tui_trow *row = &r->rows[r->tax_sel];
			if (row->kind == TROW_TAX)
				tui_open_tax(app, row->inv, row->item, r->tax_sel, false);
			else if (row->kind == TROW_GONE)
				tui_message(app, ROLE_NORMAL,
					    "only the %s quote has this tax (Ctrl-V shows that quote)",
					    tui_compare_other_name(app));
			else if (row->kind == TROW_ITEM || row->kind == TROW_ITEMERR) {
				/* jump to the item in the form, on its invoice */
				if (row->inv < app->req.n_inv && row->inv != app->cur_inv &&
				    tui_form_show_invoice(app, row->inv) != 0)
					return TUI_HANDLED;
				tui_form_focus_row(app, row->item);
			}
		}
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
