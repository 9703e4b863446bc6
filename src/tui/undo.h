/* undo.h - bringing back the last line item deleted (ACT_UNDO). */
#ifndef AFCQ_TUI_UNDO_H
#define AFCQ_TUI_UNDO_H

#include <stddef.h>

struct tui_app;

/* Keeps a copy of item row of the invoice shown, with what was typed in
 * it, in place of the item kept before (app->undo owns it). */
void tui_undo_keep_item(struct tui_app *app, size_t row);
/* Puts the item kept back where it was, in its invoice, and focuses it;
 * says so, or that there is nothing to bring back.  0 when it came back. */
int tui_undo_item(struct tui_app *app);
/* Drops the item kept (the form was replaced: it belongs to no form). */
void tui_undo_forget(struct tui_app *app);

#endif
