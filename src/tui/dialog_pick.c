/* dialog_pick.c - pick one of a few lines (pick.h).  The selection and
 * the scrolling are a libmenu list (listmenu.c) owned by the dialog; the
 * box is as tall as the lines need, up to the screen.
 */
#include "pick.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct pick {
	char *title, *hint;
	char **lines;
	size_t n;
	struct tui_list *list;
	tui_pick_fn picked;
};

/* The box's height for n lines: the lines, the hint, the borders. */
static int box_h(size_t n)
{
	int want = (int)(n < 100 ? n : 100) + 4;
	int most = LINES - 2 > 6 ? LINES - 2 : 6;
	return want < most ? want : most;
}

static int list_rows(const struct pick *p)
{
	return box_h(p->n) - 4;
}

static void pick_draw(struct tui_app *app, struct tui_view *v)
{
	struct pick *p = v->state;
	int w = COLS - 2 < 70 ? COLS - 2 : 70;
	struct tui_rect in = tui_dialog_frame(app, box_h(p->n), w, p->title);
	size_t top, sel;
	int vis = tui_list_view(p->list, list_rows(p), &top, &sel);
	for (int r = 0; r < vis; r++) {
		size_t i = top + (size_t)r;
		enum tui_role role = i == sel ? ROLE_FOCUS : ROLE_DIALOG;
		if (i == sel)
			tui_fill(app, in.y + r, in.x, in.w, role);
		tui_put(app, in.y + r, in.x, in.w, role, p->lines[i]);
	}
	tui_put_words(app, in.y + in.h - 1, in.x, in.w, ROLE_DIM, p->hint);
}

static enum tui_result pick_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct pick *p = v->state;
	if (tui_list_action(p->list, a) == TUI_HANDLED)
		return TUI_HANDLED;
	if (a != ACT_ENTER)
		return tui_dialog_action_rest(app, a);
	size_t i = tui_list_sel(p->list);
	tui_pick_fn picked = p->picked;
	if (i >= p->n)
		return TUI_CLOSE;
	tui_pop(app); /* p is freed: the view under it acts on the pick */
	picked(app, i);
	return TUI_HANDLED;
}

static void pick_on_resize(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct pick *p = v->state;
	tui_list_set_rows(p->list, list_rows(p));
}

static void pick_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct pick *p = v->state;
	for (size_t i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	free(p->title);
	free(p->hint);
	tui_list_free(p->list);
	free(p);
}

static const struct tui_view_ops tui_dialog_pick_ops = {
	.name = "pick",
	.draw = pick_draw,
	.on_action = pick_on_action,
	.on_resize = pick_on_resize,
	.close = pick_close,
	.keys = "Up/Down move, Enter picks, Esc cancels",
};

void tui_pick(struct tui_app *app, const char *title, const char *const *lines, size_t n,
	      size_t sel, const char *hint, tui_pick_fn picked)
{
	struct pick *p = afcq_xcalloc(1, sizeof *p);
	p->title = afcq_xstrdup(title);
	p->hint = afcq_xstrdup(hint);
	p->lines = afcq_xcalloc(n ? n : 1, sizeof *p->lines);
	for (size_t i = 0; i < n; i++)
		p->lines[i] = afcq_xstrdup(lines[i]);
	p->n = n;
	p->picked = picked;
	p->list = tui_list_new();
	tui_list_set_rows(p->list, list_rows(p));
	tui_list_set(p->list, n, sel);
	tui_push(app, &tui_dialog_pick_ops, p);
}
