/* dialog_tax.c - one tax (or summary row) with every field in full
 * precision and the calculation in words ("per line: 1 x 1.72 = 1.72"):
 * the jurisdiction by name (its place asked of the service in the
 * background, places.h, so the text is made again on each draw), why the
 * base is what it is (a tax on another tax of the same item), and a
 * maximum of 2147483647 as "no maximum".
 */
#include "tui.h"
#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"
#include "afcq/str.h"

struct tax_dlg {
	char *title;
	char *where;
	size_t inv, item, idx;      /* the answer's invoice and, for a tax, its pane row */
	bool summary;               /* idx is a summary row of the invoice */
	char *text;                 /* as last drawn */
	int top, rows, shown;       /* first line shown, lines, lines that fit */
};

static void add_num(struct afcq_buf *b, const char *label, double v)
{
	char n[64];
	afcq_buf_printf(b, "%-22s %s\n", label, afcq_number_format(v, n, sizeof n));
}

/* The lines a tax and a summary row both start with: where it is, what
 * tax, where it applies, how it is computed. */
/* "City of DALLAS, DALLAS county, TX" for a jurisdiction of level lvl
 * at pcd, once its place is known; NULL before. */
static const char *jurisdiction(struct tui_app *app, int lvl, long long pcd, char *buf, size_t n)
{
	const struct afcq_pcode_location *l = tui_place(app, pcd);
	if (!l)
		return NULL;
	const char *st = l->st ? l->st : "", *cnty = l->cnty ? l->cnty : "";
	const char *loc = l->locality ? l->locality : "";
	switch (lvl) {
	case 0: snprintf(buf, n, "%s (federal)", l->ctry ? l->ctry : "USA"); break;
	case 1: snprintf(buf, n, "State of %s", st); break;
	case 2: snprintf(buf, n, "%s county, %s", cnty, st); break;
	case 3:
	case 4:
		snprintf(buf, n, "%s of %s%s%s%s, %s", lvl == 3 ? "City" : "Unincorporated area",
			 loc, *cnty ? ", " : "", cnty, *cnty ? " county" : "", st);
		break;
	default: snprintf(buf, n, "%s%s%s, %s", loc, *loc ? ", " : "", cnty, st); break;
	}
	return buf;
}

static void add_head(struct tui_app *app, struct afcq_buf *b, const char *where, const char *name,
		     int tid, int cid, const char *cat, const char *level, int lvl, long long pcd,
		     int calc, double rate)
{
	char r[64], j[160];
	afcq_buf_printf(b, "%s\n", where);
	afcq_buf_printf(b, "%-22s %s\n", "Name", name ? name : "");
	afcq_buf_printf(b, "%-22s %d\n", "Tax type (tid)", tid);
	afcq_buf_printf(b, "%-22s %d %s\n", "Category (cid)", cid, cat ? cat : "");
	if (strcmp(level, afcq_level_name(lvl)) != 0)
		afcq_buf_printf(b, "%-22s %s (a NO TAX placeholder row)\n", "Level (lvl)", level);
	else
		afcq_buf_printf(b, "%-22s %d %s\n", "Level (lvl)", lvl, level);
	const char *place = jurisdiction(app, lvl, pcd, j, sizeof j);
	afcq_buf_printf(b, "%-22s %lld  %s\n", "PCode (pcd)", pcd,
			place ? place : "(its place is being asked for)");
	afcq_buf_printf(b, "%-22s %d %s (%s)\n", "Calculation (calc)", calc, afcq_calc_name(calc),
			tui_rate_text(calc, rate, r, sizeof r));
	add_num(b, "Rate", rate);
}

/* Why t's base is what it is when other taxes of its item (txs[0..n-1],
 * whose charge is chg) are in it: each named, with its amount and place
 * when there are several ("The base 16.8 is the charge 15 plus Sales Tax
 * 1.2 (State of TX) plus ...: a tax on taxes."). */
static void add_base(struct tui_app *app, struct afcq_buf *b, const struct afcq_tax *t,
		     const struct afcq_tax *txs, size_t n, double chg)
{
	struct afcq_base_parts parts;
	if (afcq_money_base_parts(txs, n, t, chg, &parts) == 0)
		return;
	char tm[64], num[64], j[160];
	afcq_buf_printf(b, "\nThe base %s ", afcq_number_format(t->tm, tm, sizeof tm));
	if (parts.with_exempt)
		afcq_buf_printf(b, "and the exempt %s (together) ",
				afcq_number_format(t->exm, num, sizeof num));
	afcq_buf_printf(b, "%s ", parts.with_exempt ? "are" : "is");
	if (parts.with_charge)
		afcq_buf_printf(b, "the charge %s plus ", afcq_number_format(chg, num, sizeof num));
	/* one tax alone is the base: its amount is the base just said */
	bool alone = parts.n == 1 && !parts.with_charge && !parts.with_exempt;
	for (size_t i = 0; i < parts.n; i++) {
		const struct afcq_tax *x = &txs[parts.idx[i]];
		const char *place = jurisdiction(app, x->lvl, x->pcd, j, sizeof j);
		afcq_buf_printf(b, "%sthe %s", i ? " plus " : "", x->name ? x->name : "tax");
		if (x == t)
			afcq_buf_puts(b, " itself");
		if (!alone)
			afcq_buf_printf(b, " %s", afcq_number_format(x->tax, num, sizeof num));
		else
			afcq_buf_puts(b, " on the same item");
		afcq_buf_printf(b, "%s%s%s", place ? " (" : "", place ? place : "", place ? ")" : "");
	}
	if (!alone)
		afcq_buf_printf(b, ", %s of the same item", parts.n > 1 ? "taxes" : "a tax");
	afcq_buf_printf(b, ": a tax on %s.", parts.n > 1 ? "taxes" : "a tax");
}

/* t is a tax of txs[0..n-1], the taxes of one item whose charge is chg. */
static char *tax_text(struct tui_app *app, const struct afcq_tax *t, const char *where,
		      const struct afcq_tax *txs, size_t n, double chg)
{
	struct afcq_buf b;
	char expl[256];
	afcq_buf_init(&b);
	add_head(app, &b, where, t->name, t->tid, t->cid, t->cat, afcq_tax_level_name(t), t->lvl, t->pcd,
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
	add_base(app, &b, t, txs, n, chg);
	return afcq_buf_steal(&b);
}

static char *summary_text(struct tui_app *app, const struct afcq_summary *s, const char *where)
{
	struct afcq_buf b;
	char mx[64];
	afcq_buf_init(&b);
	add_head(app, &b, where, s->name, s->tid, s->cid, s->cat, afcq_level_name(s->lvl), s->lvl, s->pcd,
		 s->calc, s->rate);
	add_num(&b, "Total charge (tchg)", s->tchg);
	afcq_buf_printf(&b, "%-22s %lld\n", "Lines (lns)", s->lns);
	add_num(&b, "Minutes (min)", s->min);
	afcq_buf_printf(&b, "%-22s %s\n", "Maximum (max)", afcq_money_max_text(s->max, mx, sizeof mx));
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

static char *make_text(struct tui_app *app, const struct tax_dlg *d);

/* Lines of text as shown in w columns: a line wider than that goes on
 * on the next, broken after a word (malloc'd array of malloc'd lines). */
static char **wrap(const char *text, int w, int *count)
{
	char **v = NULL;
	int n = 0;
	for (const char *p = text;;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		do {
			size_t take = len;
			if (tui_text_width(p, len) > w) {
				take = 0;
				for (size_t i = 1; i < len; i++)
					if (p[i] == ' ' && tui_text_width(p, i) <= w)
						take = i;
				if (take == 0)
					take = (size_t)w < len ? (size_t)w : len;
			}
			v = afcq_xrealloc(v, (size_t)(n + 1) * sizeof *v);
			v[n++] = afcq_xstrndup(p, take);
			while (take < len && p[take] == ' ')
				take++;
			p += take;
			len -= take;
		} while (len > 0);
		if (!e)
			break;
		p = e + 1;
	}
	*count = n;
	return v;
}

static void tax_draw(struct tui_app *app, struct tui_view *v)
{
	struct tax_dlg *d = v->state;
	char *text = make_text(app, d);
	if (text) {
		free(d->text);
		d->text = text;
	}
	int fw = COLS - 2 < 76 ? COLS - 2 : 76;
	int n;
	char **lines = wrap(d->text, fw - 4 > 1 ? fw - 4 : 1, &n);
	struct tui_rect in = tui_dialog_frame(app, n + 3, fw, d->title);
	/* a text taller than the screen scrolls (the explanation of a base
	 * of several taxes may not fit at 80x24) */
	d->rows = n;
	d->shown = in.h - 1 > 0 ? in.h - 1 : 0;
	if (d->top > n - d->shown)
		d->top = n - d->shown > 0 ? n - d->shown : 0;
	bool calc = false;
	for (int i = 0; i < n; i++) {
		/* the calculation and what explains it stand out */
		calc = calc || strncmp(lines[i], "Calculation:", 12) == 0;
		if (i >= d->top && i - d->top < d->shown)
			tui_put(app, in.y + i - d->top, in.x, in.w, calc ? ROLE_TITLE : ROLE_DIALOG,
				lines[i]);
		free(lines[i]);
	}
	free(lines);
	if (n > d->shown)
		tui_putf(app, in.y + in.h - 1, in.x, in.w, ROLE_DIM,
			 "Up/Down: lines %d-%d of %d    Enter or Esc: close", d->top + 1,
			 d->top + d->shown, n);
	else
		tui_put(app, in.y + in.h - 1, in.x, in.w, ROLE_DIM, "Enter or Esc: close");
}

static enum tui_result tax_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct tax_dlg *d = v->state;
	int last = d->rows - d->shown > 0 ? d->rows - d->shown : 0;
	switch (a) {
	case ACT_ENTER:
		return TUI_CLOSE;
	case ACT_UP:
		d->top = d->top > 0 ? d->top - 1 : 0;
		return TUI_HANDLED;
	case ACT_DOWN:
		d->top = d->top < last ? d->top + 1 : last;
		return TUI_HANDLED;
	case ACT_PAGE_UP:
		d->top = d->top > d->shown ? d->top - d->shown : 0;
		return TUI_HANDLED;
	case ACT_PAGE_DOWN:
		d->top = d->top + d->shown < last ? d->top + d->shown : last;
		return TUI_HANDLED;
	case ACT_HOME:
		d->top = 0;
		return TUI_HANDLED;
	case ACT_END:
		d->top = last;
		return TUI_HANDLED;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void tax_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct tax_dlg *d = v->state;
	free(d->title);
	free(d->where);
	free(d->text);
	free(d);
}

const struct tui_view_ops tui_dialog_tax_ops = {
	.name = "tax",
	.draw = tax_draw,
	.on_action = tax_on_action,
	.close = tax_close,
	.keys = "Up/Down scroll, Enter or Esc closes",
};

/* The text for what d shows, from the answer; NULL when it is gone. */
static char *make_text(struct tui_app *app, const struct tax_dlg *d)
{
	const struct afcq_response *r = &app->res.resp;
	if (d->inv >= r->n_inv)
		return NULL;
	if (d->summary)
		return d->idx < r->inv[d->inv].n_summ
			       ? summary_text(app, &r->inv[d->inv].summ[d->idx], d->where)
			       : NULL;
	const struct tui_trow *row = d->idx < app->res.n_rows ? &app->res.rows[d->idx] : NULL;
	const struct afcq_tax *t = row ? tui_trow_tax(&app->res, row) : NULL;
	if (!t)
		return NULL;
	const struct afcq_item_result *ir = &r->inv[row->inv].itms[row->item];
	const struct afcq_tax *txs = ir->txs;
	size_t n = ir->n_txs;
	if (row->brdg) {
		txs = ir->brdg[row->brdg - 1].txs;
		n = ir->brdg[row->brdg - 1].n_txs;
	}
	const struct tui_results *res = &app->res;
	double chg = 0;
	if (row->inv < res->sent.n_inv && row->item < res->sent.inv[row->inv].n_itms)
		chg = afcq_money_item_charge(&res->sent.inv[row->inv].itms[row->item], ir);
	return tax_text(app, t, d->where, txs, n, chg);
}

void tui_open_tax(struct tui_app *app, size_t inv, size_t item, size_t idx, bool summary)
{
	(void)item;
	const struct afcq_response *r = &app->res.resp;
	if (inv >= r->n_inv)
		return;
	struct tax_dlg *d = afcq_xcalloc(1, sizeof *d);
	char where[128];
	d->inv = inv;
	d->idx = idx;
	d->summary = summary;
	if (summary) {
		snprintf(where, sizeof where, "Summary row %zu of invoice %zu", idx + 1, inv + 1);
		d->title = afcq_xstrdup("Summary tax in full");
	} else {
		/* idx: the row of the taxes pane (an item's tax or a bridge
		 * participant's) */
		const struct tui_trow *row = idx < app->res.n_rows ? &app->res.rows[idx] : NULL;
		if (!row || !tui_trow_tax(&app->res, row)) {
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
	}
	d->where = afcq_xstrdup(where);
	d->text = make_text(app, d);
	if (!d->text) {
		free(d->title);
		free(d->where);
		free(d);
		return;
	}
	tui_push(app, &tui_dialog_tax_ops, d);
}
