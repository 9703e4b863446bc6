/* overlay.c - a dialog's own window, stacked over the main screen by
 * libpanel.
 *
 * The main screen (and the full-screen views: history, raw) is drawn on
 * stdscr; every dialog is drawn in a window of its own held in a PANEL
 * above it, in the order the dialogs were opened.  The view stack (app.c)
 * owns one struct tui_overlay per dialog; tui_dialog_frame() places it
 * where the dialog's box goes and makes its window the one drawing
 * happens on.  Closing a dialog deletes its panel: update_panels() and
 * doupdate() put back what was under it from the windows below, without
 * redrawing them.
 */
#include "tui.h"

#include <panel.h>
#include <stdio.h>
#include <stdlib.h>

#include "afcq/str.h"

struct tui_overlay {
	WINDOW *win;
	PANEL *panel;
};

/* Under the address sanitizer: the leak checker is told to look away
 * while libpanel makes its own panel (see tui_overlay_init). */
#if defined(__SANITIZE_ADDRESS__)
#define LSAN_AVAILABLE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LSAN_AVAILABLE 1
#endif
#endif
#ifdef LSAN_AVAILABLE
#include <sanitizer/lsan_interface.h>
#endif

void tui_overlay_init(void)
{
	/* libpanel keeps a panel of its own for stdscr, made with the first
	 * new_panel() and freed only by its leak-checking builds.  It is made
	 * here, once, so a leak report names our panels only. */
	WINDOW *w = newwin(1, 1, 0, 0);
	if (!w)
		return;
#ifdef LSAN_AVAILABLE
	__lsan_disable();
#endif
	PANEL *p = new_panel(w);
#ifdef LSAN_AVAILABLE
	__lsan_enable();
#endif
	if (p)
		del_panel(p);
	delwin(w);
}

struct tui_overlay *tui_overlay_new(void)
{
	return afcq_xcalloc(1, sizeof(struct tui_overlay));
}

void tui_overlay_free(struct tui_overlay *o)
{
	if (!o)
		return;
	if (o->panel)
		del_panel(o->panel);
	if (o->win)
		delwin(o->win);
	free(o);
}

WINDOW *tui_overlay_place(struct tui_overlay *o, int y, int x, int h, int w)
{
	if (o->win && getbegy(o->win) == y && getbegx(o->win) == x && getmaxy(o->win) == h &&
	    getmaxx(o->win) == w) {
		show_panel(o->panel);
		return o->win;
	}
	WINDOW *win = newwin(h, w, y, x);
	if (!win)
		return NULL; /* does not fit: the caller draws on stdscr */
	if (o->panel) {
		/* same place in the stack, new size or place */
		replace_panel(o->panel, win);
		delwin(o->win);
	} else {
		o->panel = new_panel(win);
		if (!o->panel) {
			delwin(win);
			return NULL;
		}
	}
	o->win = win;
	show_panel(o->panel);
	return win;
}

void tui_overlay_hide(struct tui_overlay *o)
{
	if (o && o->panel)
		hide_panel(o->panel);
}
