/* undo.h - UNDO, the one undo key: it undoes the newest undoable change
 * still kept, then the one before.  Two kinds are kept, one of each: the
 * row deleted last, a line item or an exemption (here), and the last
 * customer loaded or product added (a copy of the form and the caller,
 * customer.c); each is numbered from app->undo_seq when kept, and UNDO
 * takes the higher number. */
#ifndef AFCQ_TUI_UNDO_H
#define AFCQ_TUI_UNDO_H

#include <stdbool.h>
#include <stddef.h>

struct tui_app;

/* Keeps a copy of item row of the invoice shown, with what was typed in
 * it, in place of the item kept before (app->undo owns it). */
void tui_undo_keep_item(struct tui_app *app, size_t row);
/* Puts the item kept back where it was, in its invoice (shown), focuses
 * it and says so; returns its index, or -1 (said) when there is none. */
long tui_undo_item(struct tui_app *app);
/* Keeps a copy of exemption row of the invoice shown, with what was typed
 * in it, in place of the row kept before (app->undo owns it). */
void tui_undo_keep_exemption(struct tui_app *app, size_t row);
/* What UNDO would undo now: the newest change kept. */
enum tui_undo_kind {
	TUI_UNDO_NOTHING,
	TUI_UNDO_ITEM,            /* a line item deleted */
	TUI_UNDO_EXEMPTION,       /* an exemption deleted */
	TUI_UNDO_LOAD,            /* a customer loaded or a product added */
};
enum tui_undo_kind tui_undo_next(const struct tui_app *app);
/* Puts the exemption kept back where it was, in its invoice (shown), and
 * says so; returns its index, or -1 (said) when there is none. */
long tui_undo_exemption(struct tui_app *app);
/* Drops the item kept (the form was replaced: it belongs to no form). */
void tui_undo_forget(struct tui_app *app);
/* UNDO: the newest change kept undone, or says there is nothing to undo. */
void tui_undo(struct tui_app *app);

#endif
