/* listmenu.c - the selection and scrolling of a list, kept by libmenu.
 *
 * A screen or dialog that shows a list (history entries, T/S pairs, PCode
 * matches) owns one struct tui_list: a MENU of one ITEM per row of the
 * list, formatted as many rows high as the list shows, posted on a window
 * of its own that is never shown.  Our actions become menu_driver()
 * requests (Up/Down items, PgUp/PgDn pages, Home/End ends); libmenu keeps
 * the current item and the top row.  The owner draws only the visible rows
 * (top to top + rows) from its own data in our colour roles, so the list
 * costs the same with ten rows or the whole T/S catalog.
 */
#include "tui.h"

#include <menu.h>
#include <stdio.h>
#include <stdlib.h>

#include "afcq/str.h"

struct tui_list {
	MENU *menu;              /* NULL while the list is empty */
	ITEM **items;            /* n + 1, NULL-terminated */
	WINDOW *win;             /* the menu's own window, never refreshed */
	size_t n;
	int rows;                /* rows shown */
};

static void out_of_memory(void)
{
	fputs("afcq: out of memory (list)\n", stderr);
	exit(70);
}

struct tui_list *tui_list_new(void)
{
	struct tui_list *l = afcq_xcalloc(1, sizeof *l);
	l->rows = 1;
	return l;
}

/* Unposts and frees the menu and its items. */
static void drop(struct tui_list *l)
{
	if (l->menu) {
		unpost_menu(l->menu);
		free_menu(l->menu);
		l->menu = NULL;
	}
	for (size_t i = 0; i < l->n; i++)
		free_item(l->items[i]);
	free(l->items);
	l->items = NULL;
	if (l->win) {
		delwin(l->win);
		l->win = NULL;
	}
}

/* Builds the menu for n items, rows high, item sel current. */
static void build(struct tui_list *l, size_t n, int rows, size_t sel)
{
	drop(l);
	l->n = n;
	l->rows = rows > 0 ? rows : 1;
	if (n == 0)
		return;
	l->items = afcq_xcalloc(n + 1, sizeof *l->items);
	for (size_t i = 0; i < n; i++) {
		/* the owner draws the rows: an item only needs a name */
		l->items[i] = new_item("-", "");
		if (!l->items[i])
			out_of_memory();
	}
	l->menu = new_menu(l->items);
	if (!l->menu)
		out_of_memory();
	set_menu_mark(l->menu, "");
	menu_opts_off(l->menu, O_SHOWDESC);
	set_menu_format(l->menu, l->rows, 1);
	int r, c;
	scale_menu(l->menu, &r, &c);
	l->win = newwin(r, c > 0 ? c : 1, 0, 0);
	if (!l->win)
		out_of_memory();
	set_menu_win(l->menu, l->win);
	set_menu_sub(l->menu, l->win);
	post_menu(l->menu);
	set_current_item(l->menu, l->items[sel < n ? sel : n - 1]);
}

void tui_list_free(struct tui_list *l)
{
	if (!l)
		return;
	drop(l);
	free(l);
}

void tui_list_set(struct tui_list *l, size_t n, size_t sel)
{
	build(l, n, l->rows, sel);
}

void tui_list_set_rows(struct tui_list *l, int rows)
{
	if (rows < 1)
		rows = 1;
	if (rows == l->rows)
		return;
	size_t sel = tui_list_sel(l), n = l->n;
	build(l, n, rows, sel);
}

size_t tui_list_count(const struct tui_list *l)
{
	return l->n;
}

size_t tui_list_sel(const struct tui_list *l)
{
	if (!l->menu)
		return 0;
	int i = item_index(current_item(l->menu));
	return i < 0 ? 0 : (size_t)i;
}

size_t tui_list_top(const struct tui_list *l)
{
	if (!l->menu)
		return 0;
	int t = top_row(l->menu);
	return t < 0 ? 0 : (size_t)t;
}

int tui_list_view(struct tui_list *l, int rows, size_t *top, size_t *sel)
{
	tui_list_set_rows(l, rows);
	*sel = tui_list_sel(l);
	*top = tui_list_top(l);
	if (rows <= 0 || *top >= l->n)
		return 0;
	return l->n - *top < (size_t)rows ? (int)(l->n - *top) : rows;
}

void tui_list_select(struct tui_list *l, size_t i)
{
	if (l->menu && i < l->n)
		set_current_item(l->menu, l->items[i]);
}

enum tui_result tui_list_action(struct tui_list *l, enum tui_action a)
{
	int req;
	switch (a) {
	case ACT_UP: req = REQ_UP_ITEM; break;
	case ACT_DOWN: req = REQ_DOWN_ITEM; break;
	case ACT_PAGE_UP: req = REQ_SCR_UPAGE; break;
	case ACT_PAGE_DOWN: req = REQ_SCR_DPAGE; break;
	case ACT_HOME: req = REQ_FIRST_ITEM; break;
	case ACT_END: req = REQ_LAST_ITEM; break;
	default: return TUI_PASS;
	}
	/* at an end libmenu refuses the request: nothing moves, still ours */
	if (l->menu)
		menu_driver(l->menu, req);
	return TUI_HANDLED;
}

enum tui_result tui_finder_action(struct tui_textform *query, struct tui_list *l,
				  enum tui_action a)
{
	switch (a) {
	case ACT_LEFT:
	case ACT_RIGHT:
		tui_textform_action(query, a);
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
		return tui_list_action(l, ACT_UP);
	case ACT_NEXT_FIELD:
		return tui_list_action(l, ACT_DOWN);
	default:
		return tui_list_action(l, a);
	}
}
