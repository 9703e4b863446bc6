/* pane_items.c - the line-item grid: one row per item, one column per
 * common field; only the visible rows are drawn, so 10,000 items scroll
 * as fast as ten.
 *
 * The T/S column shows the pair's description from the server's catalog
 * as it is typed; an unknown pair is flagged at once and refused before
 * sending (validation uses the same catalog).
 */
#include "tui.h"
#include "labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/catalog.h"
#include "afcq/str.h"

#define NUM_W 6

/* Column x positions for the current width; the description column gets
 * whatever the others leave. */
struct grid_cols { int x[16]; int desc_x, desc_w; };

static void grid_cols(int width, struct grid_cols *c)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_ITEM, &n);
	int fixed = NUM_W;
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < n; i++)
		fixed += (f[i].type == FT_BOOL ? 3 : f[i].width) + 1;
	c->desc_w = width - fixed - 1;
	if (c->desc_w < 0)
		c->desc_w = 0;
	int x = NUM_W;
	for (size_t i = 0; i < n; i++) {
		c->x[i] = x;
		x += (f[i].type == FT_BOOL ? 3 : f[i].width) + 1;
		if (strcmp(f[i].key, "ts") == 0) {
			c->desc_x = x;
			x += c->desc_w + 1;
		}
	}
}

/* The Description cell: the catalog's words for the pair, or a note short
 * enough for the column at 80 columns (18), never cut mid-word. */
static const char *ts_desc(const struct tui_app *app, const char *text, char *buf, size_t n)
{
	long long t, s;
	char extra;
	if (!app->tspairs_loaded)
		return afcq_str_empty(text) ? "" : "(no catalog yet)";
	if (afcq_str_empty(text))
		return "";
	if (sscanf(text, "%lld/%lld%c", &t, &s, &extra) != 2)
		return "? 19/6, or F11";
	const struct afcq_tspair *p = tui_tspair_find(app, t, s);
	if (!p) {
		return "? unknown pair";
	}
	snprintf(buf, n, "%s", p->pair_desc ? p->pair_desc : "");
	if (afcq_str_empty(buf))
		snprintf(buf, n, "%s - %s", p->tran_desc ? p->tran_desc : "",
			 p->serv_desc ? p->serv_desc : "");
	return buf;
}

static void draw_cell(struct tui_app *app, size_t fi, size_t row, int y, int x, int w, bool focus)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_ITEM, &n);
	const char *problem = tui_field_problem(app, TBL_ITEM, fi, row);
	enum tui_role r = focus ? ROLE_FOCUS : problem ? ROLE_INVALID : ROLE_FIELD;
	const struct tui_edit *e = &app->form.edit;
	if (focus && e->active && e->t == TBL_ITEM && e->fi == fi && e->rec == row) {
		tui_edit_draw(app, e, y, x, w, true);
		return;
	}
	char *s = tui_field_text(app, TBL_ITEM, fi, row);
	tui_fill(app, y, x, w, r);
	if (f[fi].type == FT_BOOL) {
		tui_putf(app, y, x, 3, r, "[%s]", strcmp(s, "x") == 0 ? "x" : " ");
		if (focus)
			move(y, x + 1);
	} else if (f[fi].type == FT_DBL || f[fi].type == FT_INT) {
		int len = (int)strlen(s);
		tui_put(app, y, len < w ? x + w - len : x, w, r, s);
	} else {
		tui_put(app, y, x, w, r, s);
	}
	if (problem && !focus)
		tui_put(app, y, x, 1, ROLE_INVALID, "!");
	free(s);
}

/* The grid's column titles on its first line. */
static void draw_head(struct tui_app *app, const struct tui_rect *r, const struct grid_cols *cp,
		      size_t rows)
{
	const struct grid_cols c = *cp;
	size_t nf;
	const struct tui_field_def *f = tui_fields(TBL_ITEM, &nf);
	tui_fill(app, r->y, 0, r->w, ROLE_HEADER);
	tui_putf(app, r->y, 0, NUM_W, ROLE_HEADER, "%5s", "#");
	for (size_t i = 0; i < nf; i++)
		tui_put(app, r->y, c.x[i], f[i].type == FT_BOOL ? 3 : f[i].width, ROLE_HEADER,
			f[i].label);
	if (c.desc_w > 0) {
		char cnt[48], lab[40];
		snprintf(cnt, sizeof cnt, "Description (%zu)", rows);
		/* which invoice, when there are several: right of the count when
		 * both fit, else instead of it */
		int lw = (int)strlen(tui_form_invoice_label(app, lab, sizeof lab));
		if (lw && c.desc_w >= (int)strlen(cnt) + 2 + lw)
			tui_put(app, r->y, c.desc_x + c.desc_w - lw, lw, ROLE_HEADER, lab);
		else if (lw)
			snprintf(cnt, sizeof cnt, "%s", lab);
		tui_put(app, r->y, c.desc_x, c.desc_w, ROLE_HEADER, cnt);
	}
}

static void items_draw(struct tui_app *app, struct tui_view *v)
{
	(void)v;
	const struct tui_rect *r = &app->lay.grid;
	struct grid_cols c;
	grid_cols(r->w, &c);
	size_t nf;
	const struct tui_field_def *f = tui_fields(TBL_ITEM, &nf);
	size_t rows = tui_form_n_items(app);
	int vis = r->h - 1;
	struct tui_form_state *fs = &app->form;
	/* folded: the item row with the focus is the form's one line */
	bool folded = app->lay.folded;
	if (folded && !fs->in_grid)
		return;
	size_t top = folded ? fs->row : fs->top;
	int y0 = folded ? r->y : r->y + 1;
	if (folded)
		vis = 1;
	if (!folded) {
		if (fs->row < fs->top)
			fs->top = fs->row;
		if (fs->row >= fs->top + (size_t)vis)
			fs->top = fs->row - (size_t)vis + 1;
		if (fs->top >= rows && rows)
			fs->top = rows - 1;
		top = fs->top;
		draw_head(app, r, &c, rows);
	}
	bool focus_here = app->focus == PANE_FORM && fs->in_grid;
	int cur_y = -1, cur_x = 0;
	for (int k = 0; k < vis; k++) {
		size_t row = top + (size_t)k;
		int y = y0 + k;
		if (row >= rows) {
			if (row == rows && k == 0)
				tui_put(app, y, 0, r->w, ROLE_DIM,
					"  (no line items: Ins or Ctrl-N adds one)");
			continue;
		}
		bool row_focus = focus_here && row == fs->row;
		tui_putf(app, y, 0, NUM_W, row_focus ? ROLE_SELECTED : ROLE_LABEL, "%5zu", row + 1);
		for (size_t i = 0; i < nf; i++) {
			int w = f[i].type == FT_BOOL ? 3 : f[i].width;
			bool focus = row_focus && fs->col == i;
			draw_cell(app, i, row, y, c.x[i], w, focus);
			if (focus) {
				cur_y = y;
				cur_x = c.x[i];
			}
		}
		if (c.desc_w > 0) {
			char buf[160];
			int ts = tui_field_index(TBL_ITEM, "ts");
			const char *text;
			char *owned = NULL;
			if (row_focus && fs->col == (size_t)ts && fs->edit.active)
				text = fs->edit.buf;
			else
				text = owned = tui_field_text(app, TBL_ITEM, (size_t)ts, row);
			const char *d = ts_desc(app, text, buf, sizeof buf);
			/* a quantity (a product added 3 times) is seen beside the pair */
			const struct afcq_invoice *inv = tui_form_invoice_c(app);
			char with_qty[200];
			if (d[0] != '?' && inv && row < inv->n_itms && inv->itms[row].qty.set &&
			    inv->itms[row].qty.v > 1) {
				snprintf(with_qty, sizeof with_qty, "x%lld %s", inv->itms[row].qty.v, d);
				d = with_qty;
			}
			tui_put(app, y, c.desc_x, c.desc_w, d[0] == '?' ? ROLE_ERROR : ROLE_DIM, d);
			free(owned);
		}
	}
	if (focus_here) {
		const struct tui_field_def *fd = &f[fs->col];
		const char *problem = tui_field_problem(app, TBL_ITEM, fs->col, fs->row);
		const struct tui_rect *h = &app->lay.hint;
		/* what is being typed is checked as it is typed */
		char typed[300];
		if (fs->edit.active && fs->edit.dirty && fd->type != FT_TS &&
		    tui_field_try(app, TBL_ITEM, fs->col, fs->edit.buf, typed, sizeof typed) != 0)
			problem = typed;
		else if (fs->edit.active && fs->edit.dirty)
			problem = NULL;
		tui_fill(app, h->y, 0, h->w, ROLE_NORMAL);
		if (problem) {
			tui_putf_words(app, h->y, 0, h->w, ROLE_ERROR, " ! item %zu %s", fs->row + 1,
				       problem);
		} else if (fd->type == FT_TS) {
			char buf[160];
			const char *text = fs->edit.active ? fs->edit.buf : "";
			const char *d = ts_desc(app, text, buf, sizeof buf);
			tui_putf_words(app, h->y, 0, h->w, d[0] == '?' ? ROLE_ERROR : ROLE_DIM,
				       " item %zu T/S %s: %s", fs->row + 1, text, *d ? d : fd->hint);
		} else {
			/* the row keys when they fit beside the field's hint */
			char key[32], line[400];
			int n = snprintf(line, sizeof line, " item %zu %s: %s", fs->row + 1,
					 tui_field_words(fd),
					 fd->hint);
			char keys[96];
			snprintf(keys, sizeof keys, "   (F4 more, Ins add, %s delete)",
				 tui_action_key_text(ACT_ROW_DELETE, key, sizeof key));
			if (n > 0 && (size_t)n + strlen(keys) <= (size_t)h->w &&
			    (size_t)n + strlen(keys) < sizeof line)
				strcat(line, keys);
			tui_put_words(app, h->y, 0, h->w, ROLE_DIM, line);
		}
		if (cur_y >= 0) {
			if (fd->type == FT_BOOL) {
				move(cur_y, cur_x + 1);
			} else {
				move(cur_y, cur_x + tui_edit_cursor_col(&fs->edit, fd->width));
			}
		}
	}
}

/* Whether Tab stops on column col of row: a quantity (charge, lines,
 * minutes, locations) the row's pair does not use, by the catalog, is
 * skipped unless it holds something; the arrows still reach it. */
static bool col_wanted(const struct tui_app *app, size_t row, size_t col)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_ITEM, &n);
	if (col >= n)
		return false;
	const char *k = f[col].key;
	bool chg = strcmp(k, "chg") == 0, line = strcmp(k, "line") == 0;
	bool min = strcmp(k, "min") == 0, loc = strcmp(k, "loc") == 0;
	if (!chg && !line && !min && !loc)
		return true;
	char *val = tui_field_text(app, TBL_ITEM, col, row);
	bool filled = !afcq_str_empty(val) || tui_field_problem(app, TBL_ITEM, col, row);
	free(val);
	if (filled)
		return true;
	int ts = tui_field_index(TBL_ITEM, "ts");
	char *text = tui_field_text(app, TBL_ITEM, (size_t)ts, row);
	long long t, sv;
	char extra;
	const struct afcq_tspair *p = NULL;
	if (sscanf(text, "%lld/%lld%c", &t, &sv, &extra) == 2)
		p = tui_tspair_find(app, t, sv);
	free(text);
	struct afcq_tspair_inputs in = afcq_catalog_tspair_inputs(p);
	if (!in.known)
		return true;
	return chg ? in.charge : line ? in.lines : min ? in.minutes : in.locations;
}

size_t tui_items_next_col(const struct tui_app *app, size_t row, size_t col)
{
	size_t n;
	tui_fields(TBL_ITEM, &n);
	size_t c = col + 1;
	while (c < n && !col_wanted(app, row, c))
		c++;
	return c;
}

/* The last column before col that Tab stops on; n when there is none. */
static size_t prev_col(const struct tui_app *app, size_t row, size_t col)
{
	size_t n;
	tui_fields(TBL_ITEM, &n);
	for (size_t c = col; c-- > 0;)
		if (col_wanted(app, row, c))
			return c;
	return n;
}

static void go(struct tui_app *app, size_t row, size_t col)
{
	tui_form_commit_edit(app);
	app->form.row = row;
	app->form.col = col;
	tui_form_refocus(app);
}

static void to_header(struct tui_app *app, bool last)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_HEADER, &n);
	tui_form_commit_edit(app);
	app->form.in_grid = false;
	if (last) {
		app->form.hfield = n - 1;
	} else {
		/* the first field of the last header row */
		size_t i = n - 1;
		while (i > 0 && f[i - 1].row == f[n - 1].row)
			i--;
		app->form.hfield = i;
	}
	tui_form_refocus(app);
}

/* Tab past the last cell wraps to the first header field. */
static void to_header_first(struct tui_app *app)
{
	tui_form_commit_edit(app);
	app->form.in_grid = false;
	app->form.hfield = 0;
	tui_form_refocus(app);
}

/* The T/S cell holds words, not a pair: they are a search. */
static bool words_in_ts(const struct tui_form_state *fs)
{
	if (!fs->edit.active || !fs->edit.dirty)
		return false;
	for (const char *c = fs->edit.buf; *c; c++)
		if (!((*c >= '0' && *c <= '9') || *c == '/' || *c == ' '))
			return true;
	return false;
}

/* The words move to the picker; Esc there gives them back to the cell. */
static void search_words(struct tui_app *app)
{
	tui_open_tspair_picker(app, app->form.row);
}

static enum tui_result items_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)v;
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_ITEM, &n);
	if (tui_form_n_items(app) == 0)
		return TUI_PASS;
	if (f[app->form.col].type == FT_BOOL) {
		const char *val = tui_field_check_key(key);
		if (!val)
			return TUI_PASS;
		tui_field_check(app, TBL_ITEM, app->form.col, app->form.row, val);
		return TUI_HANDLED;
	}
	enum tui_result r = tui_edit_key(&app->form.edit, key);
	/* a word typed into the T/S cell opens the picker with it, and the
	 * typing goes on there */
	unsigned long cp = tui_typed_char(key);
	if (r == TUI_HANDLED && f[app->form.col].type == FT_TS && cp &&
	    !(cp < 128 && strchr("0123456789/ ", (int)cp)) &&
	    words_in_ts(&app->form))
		search_words(app);
	return r;
}

static enum tui_result items_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	(void)v;
	size_t n;
	const struct tui_field_def *f = tui_fields(TBL_ITEM, &n);
	struct tui_form_state *fs = &app->form;
	size_t rows = tui_form_n_items(app);
	int page = app->lay.grid.h - 1;
	/* Home/End go to the first/last row here, not within the cell */
	if (a != ACT_HOME && a != ACT_END && tui_edit_action(&fs->edit, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_ENTER:
		if (a == ACT_ENTER && rows && f[fs->col].type == FT_BOOL) {
			tui_field_check(app, TBL_ITEM, fs->col, fs->row, NULL);
			return TUI_HANDLED;
		}
		if (rows && f[fs->col].type == FT_TS && words_in_ts(fs)) {
			search_words(app);
			return TUI_HANDLED;
		}
		tui_form_commit_edit(app); /* the pair typed decides what is next */
		if (tui_items_next_col(app, fs->row, fs->col) < n)
			go(app, fs->row, tui_items_next_col(app, fs->row, fs->col));
		else if (fs->row + 1 < rows)
			go(app, fs->row + 1, 0);
		else
			to_header_first(app);
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
		tui_form_commit_edit(app);
		if (prev_col(app, fs->row, fs->col) < n)
			go(app, fs->row, prev_col(app, fs->row, fs->col));
		else if (fs->row > 0)
			go(app, fs->row - 1, prev_col(app, fs->row - 1, n));
		else
			to_header(app, true);
		return TUI_HANDLED;
	case ACT_TOGGLE:
		if (rows && f[fs->col].type == FT_BOOL) {
			tui_field_check(app, TBL_ITEM, fs->col, fs->row, NULL);
			return TUI_HANDLED;
		}
		return TUI_PASS;
	case ACT_LEFT:
		if (fs->col > 0)
			go(app, fs->row, fs->col - 1);
		return TUI_HANDLED;
	case ACT_RIGHT:
		if (fs->col + 1 < n)
			go(app, fs->row, fs->col + 1);
		return TUI_HANDLED;
	case ACT_UP:
		if (fs->row > 0)
			go(app, fs->row - 1, fs->col);
		else
			to_header(app, false);
		return TUI_HANDLED;
	case ACT_DOWN:
		if (fs->row + 1 < rows)
			go(app, fs->row + 1, fs->col);
		return TUI_HANDLED;
	case ACT_PAGE_UP:
		go(app, fs->row > (size_t)page ? fs->row - (size_t)page : 0, fs->col);
		return TUI_HANDLED;
	case ACT_PAGE_DOWN:
		if (rows)
			go(app, fs->row + (size_t)page < rows ? fs->row + (size_t)page : rows - 1,
			   fs->col);
		return TUI_HANDLED;
	case ACT_HOME:
		go(app, 0, fs->col);
		return TUI_HANDLED;
	case ACT_END:
		if (rows)
			go(app, rows - 1, fs->col);
		return TUI_HANDLED;
	case ACT_ROW_INSERT:
		tui_form_insert_row(app, rows ? fs->row + 1 : 0);
		return TUI_HANDLED;
	case ACT_ROW_DELETE:
		if (rows) {
			size_t gone = fs->row;
			char what[96] = "", desc[160], key[32];
			int ts = tui_field_index(TBL_ITEM, "ts");
			char *pair = tui_field_text(app, TBL_ITEM, (size_t)ts, gone);
			if (*pair)
				snprintf(what, sizeof what, " (%s %.60s)", pair,
					 ts_desc(app, pair, desc, sizeof desc));
			free(pair);
			tui_form_delete_row(app, gone);
			tui_message(app, ROLE_NORMAL, "deleted item %zu%s; %s brings it back", gone + 1,
				    what, tui_action_key_text(ACT_UNDO, key, sizeof key));
		}
		return TUI_HANDLED;
	case ACT_ROW_DUP:
		if (rows)
			tui_form_dup_row(app, fs->row);
		return TUI_HANDLED;
	case ACT_ROW_UP:
		tui_form_move_row(app, fs->row, -1);
		return TUI_HANDLED;
	case ACT_ROW_DOWN:
		tui_form_move_row(app, fs->row, 1);
		return TUI_HANDLED;
	case ACT_CANCEL:
		return tui_form_abandon_edit(app);
	default:
		return TUI_PASS;
	}
}

const struct tui_view_ops tui_pane_items_ops = {
	.name = "items",
	.draw = items_draw,
	.on_key = items_on_key,
	.on_action = items_on_action,
};
