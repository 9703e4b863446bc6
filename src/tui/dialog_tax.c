/* dialog_tax.c - one tax (or summary row) with every field in full
 * precision and the calculation in words ("per line: 1 x 1.72 = 1.72").
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"
#include "afcq/str.h"

struct tax_dlg {
	char *title;
	char *text;
};

static void add_num(struct afcq_buf *b, const char *label, double v)
{
	char n[64];
	afcq_buf_printf(b, "%-22s %s\n", label, afcq_number_format(v, n, sizeof n));
}

/* The lines a tax and a summary row both start with: where it is, what
 * tax, where it applies, how it is computed. */
static void add_head(struct afcq_buf *b, const char *where, const char *name, int tid, int cid,
		     const char *cat, const char *level, int lvl, long long pcd, int calc,
		     double rate)
{
	char r[64];
	afcq_buf_printf(b, "%s\n", where);
	afcq_buf_printf(b, "%-22s %s\n", "Name", name ? name : "");
	afcq_buf_printf(b, "%-22s %d\n", "Tax type (tid)", tid);
	afcq_buf_printf(b, "%-22s %d %s\n", "Category (cid)", cid, cat ? cat : "");
	if (strcmp(level, afcq_level_name(lvl)) != 0)
		afcq_buf_printf(b, "%-22s %s (a NO TAX placeholder row)\n", "Level (lvl)", level);
	else
		afcq_buf_printf(b, "%-22s %d %s\n", "Level (lvl)", lvl, level);
	afcq_buf_printf(b, "%-22s %lld\n", "PCode (pcd)", pcd);
	afcq_buf_printf(b, "%-22s %d %s (%s)\n", "Calculation (calc)", calc, afcq_calc_name(calc),
			tui_rate_text(calc, rate, r, sizeof r));
	add_num(b, "Rate", rate);
}

static char *tax_text(const struct afcq_tax *t, const char *where)
{
	struct afcq_buf b;
	char expl[256];
	afcq_buf_init(&b);
	add_head(&b, where, t->name, t->tid, t->cid, t->cat, afcq_tax_level_name(t), t->lvl, t->pcd,
		 t->calc, t->rate);
	add_num(&b, "Taxable measure (tm)", t->tm);
	afcq_buf_printf(&b, "%-22s %lld\n", "Lines (lns)", t->lns);
	add_num(&b, "Minutes (min)", t->min);
	add_num(&b, "Exempt (exm)", t->exm);
	add_num(&b, "Tax", t->tax);
	afcq_buf_printf(&b, "%-22s %s  compliance %s  surcharge %s\n", "Billable",
			t->bill ? "yes" : "no", t->cmpl ? "yes" : "no", t->sur ? "yes" : "no");
	/* extended fields (cfg.retext), when the server sent them */
	if (t->taxpcd.set || t->trans.set || t->svc.set || t->chg.set || t->usexm.set ||
	    t->notax.set) {
		char c[64] = "-";
		if (t->chg.set)
			afcq_number_format(t->chg.v, c, sizeof c);
		afcq_buf_printf(&b, "%-22s taxpcd %lld  T/S %lld/%lld  chg %s%s%s\n", "Extended",
				t->taxpcd.v, t->trans.v, t->svc.v, c,
				t->usexm.set && t->usexm.v ? "  usexm" : "",
				t->notax.set && t->notax.v ? "  notax" : "");
	}
	afcq_buf_printf(&b, "\nCalculation: %s", afcq_money_explain(t, expl, sizeof expl));
	return afcq_buf_steal(&b);
}

static char *summary_text(const struct afcq_summary *s, const char *where)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	add_head(&b, where, s->name, s->tid, s->cid, s->cat, afcq_level_name(s->lvl), s->lvl, s->pcd,
		 s->calc, s->rate);
	add_num(&b, "Total charge (tchg)", s->tchg);
	afcq_buf_printf(&b, "%-22s %lld\n", "Lines (lns)", s->lns);
	add_num(&b, "Minutes (min)", s->min);
	add_num(&b, "Maximum (max)", s->max);
	add_num(&b, "Exempt (exm)", s->exm);
	add_num(&b, "Tax", s->tax);
	afcq_buf_printf(&b, "%-22s %s\n", "Surcharge", s->sur ? "yes" : "no");
	/* the same words as for a tax, on the summed base */
	struct afcq_tax t;
	char expl[256];
	memset(&t, 0, sizeof t);
	t.calc = s->calc;
	t.rate = s->rate;
	t.tm = s->tchg;
	t.lns = s->lns;
	t.min = s->min;
	t.exm = s->exm;
	t.tax = s->tax;
	afcq_buf_printf(&b, "\nCalculation: %s", afcq_money_explain(&t, expl, sizeof expl));
	return afcq_buf_steal(&b);
}

static void tax_draw(struct tui_app *app, struct tui_view *v)
{
	struct tax_dlg *d = v->state;
	int n = 1;
	for (const char *p = d->text; *p; p++)
		n += *p == '\n';
	struct tui_rect in = tui_dialog_frame(app, n + 3, 76, d->title);
	const char *p = d->text;
	for (int i = 0; i < n && i < in.h; i++) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char line[256];
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		tui_put(app, in.y + i, in.x, in.w,
			strncmp(line, "Calculation:", 12) == 0 ? ROLE_TITLE : ROLE_DIALOG, line);
		p = e ? e + 1 : p + len;
	}
	tui_put(app, in.y + in.h - 1, in.x, in.w, ROLE_DIM, "Enter or Esc: close");
}

static enum tui_result tax_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	(void)app;
	(void)v;
	return a == ACT_ENTER ? TUI_CLOSE : tui_dialog_action_rest(a);
}

static void tax_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct tax_dlg *d = v->state;
	free(d->title);
	free(d->text);
	free(d);
}

const struct tui_view_ops tui_dialog_tax_ops = {
	.name = "tax",
	.draw = tax_draw,
	.on_action = tax_on_action,
	.close = tax_close,
};

void tui_open_tax(struct tui_app *app, size_t inv, size_t item, size_t idx, bool summary)
{
	const struct afcq_response *r = &app->res.resp;
	if (inv >= r->n_inv)
		return;
	struct tax_dlg *d = afcq_xcalloc(1, sizeof *d);
	char where[128];
	if (summary) {
		if (idx >= r->inv[inv].n_summ) {
			free(d);
			return;
		}
		snprintf(where, sizeof where, "Summary row %zu of invoice %zu", idx + 1, inv + 1);
		d->title = afcq_xstrdup("Summary tax in full");
		d->text = summary_text(&r->inv[inv].summ[idx], where);
	} else {
		/* idx: the row of the taxes pane (an item's tax or a bridge
		 * participant's) */
		const struct tui_trow *row = idx < app->res.n_rows ? &app->res.rows[idx] : NULL;
		const struct afcq_tax *t = row ? tui_trow_tax(&app->res, row) : NULL;
		if (!t) {
			free(d);
			return;
		}
		const struct afcq_item_result *ir = &r->inv[row->inv].itms[row->item];
		char part[64] = "";
		if (row->brdg)
			snprintf(part, sizeof part, ", participant %s",
				 ir->brdg[row->brdg - 1].ref ? ir->brdg[row->brdg - 1].ref : "?");
		snprintf(where, sizeof where, "Item %zu%s%s%s, tax %zu", row->item + 1,
			 ir->ref ? " " : "", ir->ref ? ir->ref : "", part, row->idx + 1);
		d->title = afcq_xstrdup("Tax in full");
		d->text = tax_text(t, where);
	}
	tui_push(app, &tui_dialog_tax_ops, d);
}
