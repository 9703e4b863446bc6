/* pick.h - a dialog offering a few lines, one of which is picked
 * (dialog_pick.c): Up/Down, PgUp/PgDn, Home/End move, Enter picks, Esc
 * cancels.  The lines are the caller's words; what a line stands for stays
 * with the caller, who is handed its index. */
#ifndef AFCQ_TUI_PICK_H
#define AFCQ_TUI_PICK_H

#include <stddef.h>

struct tui_app;

/* Called once the dialog has closed, with the index of the line picked
 * (never when it was cancelled); the view under it is on top again. */
typedef void (*tui_pick_fn)(struct tui_app *app, size_t picked);

/* Opens the dialog on top: title, the n lines (copied), sel the line
 * selected first, hint the line under the list ("Enter shows ..."). */
void tui_pick(struct tui_app *app, const char *title, const char *const *lines, size_t n,
	      size_t sel, const char *hint, tui_pick_fn picked);

#endif
