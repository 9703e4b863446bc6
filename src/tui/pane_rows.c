/* pane_rows.c - what the two result panes (taxes, summary) share: the
 * columns of a tax row and their heading, the scrolled list of rows with
 * its selection, and the keys that move the selection.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>

#include "afcq/money.h"

struct tui_taxcols tui_taxcols(int w, bool change)
{
	struct tui_taxcols c = { .w = w, .rate = true, .change = change };
	int fixed = TAXCOL_LVL + TAXCOL_PCD + TAXCOL_RATE + TAXCOL_BASE + TAXCOL_TAX + 5;
	if (change)
		fixed += TAXCOL_CHG + 1;
	c.nw = w - 2 - fixed;
	if (change && c.nw < TAXCOL_NAME_MIN) {
		/* the rate gives way to the difference (Enter shows it) */
		c.rate = false;
		c.nw += TAXCOL_RATE + 1;
	}
	if (c.nw < 8)
		c.nw = 8;
	return c;
}

void tui_taxcol_line(const struct tui_taxcols *c, char *buf, size_t n, const char *name,
		     const char *level, long long pcd, int calc, double rate, double base,
		     long long lns, const char *tax, const char *change)
{
	char r[48], b[48], rc[64] = "", cc[64] = "";
	if (calc == 4) /* per line: the base is the line count */
		snprintf(b, sizeof b, "%lld line%s", lns, lns == 1 ? "" : "s");
	else
		afcq_money_format(base, b, sizeof b);
	if (c->rate)
		snprintf(rc, sizeof rc, " %*s", TAXCOL_RATE, tui_rate_text(calc, rate, r, sizeof r));
	if (c->change)
		snprintf(cc, sizeof cc, " %*s", TAXCOL_CHG, change ? change : "");
	/* a long name ends with its last whole word and "...", never as
	 * "Telecommunications Relay Sur" */
	char *fit = tui_words_fit(name, c->nw);
	snprintf(buf, n, "  %-*.*s %-*.*s %*lld%s %*s %*s%s", c->nw, c->nw, fit, TAXCOL_LVL,
		 TAXCOL_LVL, level, TAXCOL_PCD, pcd, rc, TAXCOL_BASE, b, TAXCOL_TAX,
		 tax, cc);
	free(fit);
}

void tui_taxcol_total(const struct tui_taxcols *c, char *buf, size_t n, const char *name,
		      const char *amount, const char *change)
{
	int cw = c->change ? TAXCOL_CHG + 1 : 0;
	snprintf(buf, n, "  %-*s %*s%s%*s", c->w - 4 - TAXCOL_TAX - cw, name, TAXCOL_TAX, amount,
		 c->change ? " " : "", c->change ? TAXCOL_CHG : 0, c->change && change ? change : "");
}

void tui_taxcol_head(const struct tui_app *app, const struct tui_rect *p,
		     const struct tui_taxcols *c, const char *title, bool focus, const char *hint)
{
	char head[256], rc[32] = "", cc[32] = "";
	enum tui_role role = focus ? ROLE_FOCUS : ROLE_HEADER;
	if (c->rate)
		snprintf(rc, sizeof rc, " %*s", TAXCOL_RATE, "Rate");
	if (c->change)
		snprintf(cc, sizeof cc, " %*s", TAXCOL_CHG, "Change");
	snprintf(head, sizeof head, "%-*.*s %-*s %*s%s %*s %*s%s", c->nw + 2, c->nw + 2, title,
		 TAXCOL_LVL, "Level", TAXCOL_PCD, "PCode", rc, TAXCOL_BASE, "Base", TAXCOL_TAX,
		 "Tax", cc);
	tui_fill(app, p->y, 0, p->w, role);
	tui_put(app, p->y, 0, p->w, role, head);
	if (focus)
		tui_put(app, app->lay.hint.y, 0, app->lay.hint.w, ROLE_DIM, hint);
}

void tui_rows_draw(const struct tui_app *app, const struct tui_rows *rows, size_t *top)
{
	if (rows->sel < *top)
		*top = rows->sel;
	if (rows->sel >= *top + (size_t)rows->vis)
		*top = rows->sel - (size_t)rows->vis + 1;
	for (int k = 0; k < rows->vis; k++) {
		size_t i = *top + (size_t)k;
		if (i >= rows->n)
			break;
		char buf[512];
		enum tui_role role;
		rows->text(app, i, rows->w, buf, sizeof buf, &role);
		if (rows->focus && i == rows->sel)
			role = ROLE_SELECTED;
		tui_fill(app, rows->y + k, 0, rows->w, role);
		tui_put(app, rows->y + k, 0, rows->w, role, buf);
	}
}

bool tui_rows_move(size_t *sel, size_t n, size_t page, enum tui_action a)
{
	switch (a) {
	case ACT_UP:
		if (*sel > 0)
			(*sel)--;
		return true;
	case ACT_DOWN:
		if (*sel + 1 < n)
			(*sel)++;
		return true;
	case ACT_PAGE_UP:
		*sel = *sel > page ? *sel - page : 0;
		return true;
	case ACT_PAGE_DOWN:
		if (n)
			*sel = *sel < n && n - *sel > page ? *sel + page : n - 1;
		return true;
	case ACT_HOME:
		*sel = 0;
		return true;
	case ACT_END:
		*sel = n ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}
