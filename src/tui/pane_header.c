/* pane_header.c - the form's header: company flags, bill-to, customer
 * type, lifeline, date, invoice mode flags.
 *
 * Fields come from the header table in fields.c (positions included).  The
 * field with the focus is edited in place; leaving it stores the text (or
 * marks it invalid, keeping what was typed).  Check boxes toggle with
 * Space or Enter, and take x/y/1 and -/n/0.
 */
#include "tui.h"
#include "labels.h"
#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLACE_W 11 /* columns between the PCode and ZIP */

/* The place of the bill-to PCode beside it, once known (places.h); a
 * PCode the service does not know says so at once, not at F5. */
static void draw_place(struct tui_app *app, long long pcode, int y, int x)
{
	const struct afcq_pcode_location *l = tui_place(app, pcode);
	if (!l && tui_place_none(app, pcode))
		tui_put(app, y, x, PLACE_W, ROLE_ERROR, "? unknown");
	if (!l)
		return;
	char buf[PLACE_W + 1];
	tui_put(app, y, x, PLACE_W, ROLE_DIM, tui_place_short(l, buf, sizeof buf));
}

static void header_draw(struct tui_app *app, struct tui_view *v)
{
	(void)v;
	const struct tui_rect *r = &app->lay.header;
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_HEADER, &n);
	bool focus_here = app->focus == PANE_FORM && !app->form.in_grid;
	/* folded: the row of the field with the focus is the form's one line */
	bool folded = app->lay.folded;
	if (folded && app->form.in_grid)
		return;
	for (size_t i = 0; i < n; i++) {
		if (folded && f[i].row != f[app->form.hfield].row)
			continue;
		int y = r->y + (folded ? 0 : f[i].row), x = f[i].col;
		int ll = (int)strlen(f[i].label);
		tui_put(app, y, x, ll, ROLE_LABEL, f[i].label);
		bool focus = focus_here && app->form.hfield == i;
		tui_field_draw(app, TBL_HEADER, i, 0, y, x + ll, f[i].width, focus);
		const struct afcq_invoice *inv = tui_form_invoice_c(app);
		if (strcmp(f[i].key, "cust") == 0 && inv && inv->cust.set)
			tui_put(app, y, x + ll + f[i].width + 3, 12, ROLE_DIM,
				afcq_cust_name(inv->cust.v));
		if (strcmp(f[i].key, "bill.pcd") == 0 && inv && inv->bill.pcd.set)
			draw_place(app, inv->bill.pcd.v, y, x + ll + f[i].width + 3);
	}
	if (focus_here) {
		const struct tui_field_def *fd = &f[app->form.hfield];
		const char *problem = tui_field_problem(app, TBL_HEADER, app->form.hfield, 0);
		/* what is being typed is checked as it is typed */
		const struct tui_edit *ed = &app->form.edit;
		char typed[300];
		if (ed->active && ed->dirty &&
		    tui_field_try(app, TBL_HEADER, app->form.hfield, ed->buf, typed, sizeof typed) != 0)
			problem = typed;
		else if (ed->active && ed->dirty)
			problem = NULL;
		const struct tui_rect *h = &app->lay.hint;
		tui_fill(app, h->y, 0, h->w, ROLE_NORMAL);
		if (problem)
			tui_putf_words(app, h->y, 0, h->w, ROLE_ERROR, " ! %s", problem);
		else
			tui_putf_words(app, h->y, 0, h->w, ROLE_DIM, " %s: %s", tui_field_words(fd),
				       fd->hint);
		/* the cursor goes back into the field being edited */
		if (fd->type != FT_BOOL) {
			int y = r->y + fd->row, x = fd->col + (int)strlen(fd->label) + 1;
			const struct tui_edit *e = &app->form.edit;
			size_t start = e->cur >= (size_t)fd->width ? e->cur - (size_t)fd->width + 1 : 0;
			move(y, x + (int)(e->cur - start));
		} else {
			move(r->y + fd->row, fd->col + (int)strlen(fd->label) + 1);
		}
	}
}

/* The field on a neighbouring row nearest to the current column. */
static size_t nearest_on_row(const struct tui_field_def *f, size_t n, int row, int col)
{
	size_t best = n;
	int bestd = 1 << 30;
	for (size_t i = 0; i < n; i++) {
		if (f[i].row != row)
			continue;
		int d = abs(f[i].col - col);
		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

static void go(struct tui_app *app, size_t field)
{
	tui_form_commit_edit(app);
	app->form.hfield = field;
	tui_form_refocus(app);
}

static void to_grid(struct tui_app *app)
{
	tui_form_commit_edit(app);
	if (tui_form_n_items(app) == 0)
		tui_form_insert_row(app, 0);
	app->form.in_grid = true;
	app->form.col = 0;
	app->form.row = app->form.top;
	tui_form_refocus(app);
}

static enum tui_result header_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)v;
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_HEADER, &n);
	if (f[app->form.hfield].type == FT_BOOL) {
		const char *val = tui_field_check_key(key);
		if (!val)
			return TUI_PASS;
		tui_field_check(app, TBL_HEADER, app->form.hfield, 0, val);
		return TUI_HANDLED;
	}
	return tui_edit_key(&app->form.edit, key);
}

static enum tui_result header_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	(void)v;
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_HEADER, &n);
	size_t cur = app->form.hfield;
	if (tui_edit_action(&app->form.edit, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_ENTER:
		if (a == ACT_ENTER && f[cur].type == FT_BOOL) {
			tui_field_check(app, TBL_HEADER, cur, 0, NULL);
			return TUI_HANDLED;
		}
		if (cur + 1 < n)
			go(app, cur + 1);
		else
			to_grid(app);
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
		if (cur > 0)
			go(app, cur - 1);
		return TUI_HANDLED;
	case ACT_TOGGLE:
		if (f[cur].type == FT_BOOL) {
			tui_field_check(app, TBL_HEADER, cur, 0, NULL);
			return TUI_HANDLED;
		}
		return TUI_PASS;
	case ACT_UP: {
		size_t to = nearest_on_row(f, n, f[cur].row - 1, f[cur].col);
		if (to < n)
			go(app, to);
		return TUI_HANDLED;
	}
	case ACT_DOWN: {
		size_t to = nearest_on_row(f, n, f[cur].row + 1, f[cur].col);
		if (to < n)
			go(app, to);
		else
			to_grid(app);
		return TUI_HANDLED;
	}
	case ACT_LEFT:
		if (cur > 0 && f[cur - 1].row == f[cur].row)
			go(app, cur - 1);
		return TUI_HANDLED;
	case ACT_RIGHT:
		if (cur + 1 < n && f[cur + 1].row == f[cur].row)
			go(app, cur + 1);
		return TUI_HANDLED;
	case ACT_CANCEL:
		return tui_form_abandon_edit(app);
	default:
		return TUI_PASS;
	}
}

const struct tui_view_ops tui_pane_header_ops = {
	.name = "header",
	.draw = header_draw,
	.on_key = header_on_key,
	.on_action = header_on_action,
};
