/* undo.c - the last row deleted, a line item or an exemption, kept so
 * that UNDO brings it back: its fields, what was typed in it that did not
 * parse (its marks), its invoice and its place.  One row is kept; a newer
 * deletion replaces it, and a form replaced by another (new call, a file,
 * history) drops it.  UNDO itself (undo.h) picks between it and a load
 * kept by customer.c.
 */
#include "undo.h"

#include "day.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct tui_undo {
	unsigned long seq;        /* app->undo_seq when kept */
	bool exemption;           /* exm was deleted, else item */
	size_t inv, row;
	struct afcq_item item;
	struct afcq_exemption exm;
	struct tui_mark *marks;   /* the row's marks, rec unused */
	size_t n_marks;
};

static bool item_table(enum tui_table t)
{
	return t == TBL_ITEM || t == TBL_DETAIL;
}

void tui_undo_forget(struct tui_app *app)
{
	struct tui_undo *u = app->undo;
	if (!u)
		return;
	afcq_item_done(&u->item);
	afcq_exemption_done(&u->exm);
	for (size_t i = 0; i < u->n_marks; i++) {
		free(u->marks[i].text);
		free(u->marks[i].msg);
	}
	free(u->marks);
	free(u);
	app->undo = NULL;
}

/* Copies the marks of row of the invoice shown (items' or exemptions'). */
static void keep_marks(struct tui_app *app, struct tui_undo *u, bool exemption, size_t row)
{
	for (size_t i = 0; i < app->n_marks; i++) {
		const struct tui_mark *m = &app->marks[i];
		bool table = exemption ? m->t == TBL_EXEMPTION : item_table(m->t);
		if (!table || m->inv != app->cur_inv || m->rec != row)
			continue;
		u->marks = afcq_xrealloc(u->marks, (u->n_marks + 1) * sizeof *u->marks);
		struct tui_mark *c = &u->marks[u->n_marks++];
		*c = *m;
		c->text = m->text ? afcq_xstrdup(m->text) : NULL;
		c->msg = m->msg ? afcq_xstrdup(m->msg) : NULL;
	}
}

void tui_undo_keep_item(struct tui_app *app, size_t row)
{
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	if (!inv || row >= inv->n_itms)
		return;
	tui_undo_forget(app);
	struct tui_undo *u = afcq_xcalloc(1, sizeof *u);
	afcq_item_init(&u->item);
	if (afcq_item_copy(&u->item, &inv->itms[row]) != 0) {
		free(u);
		return;
	}
	u->seq = ++app->undo_seq;
	u->inv = app->cur_inv;
	u->row = row;
	keep_marks(app, u, false, row);
	app->undo = u;
}

void tui_undo_keep_exemption(struct tui_app *app, size_t row)
{
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	if (!inv || row >= inv->n_exms)
		return;
	tui_undo_forget(app);
	struct tui_undo *u = afcq_xcalloc(1, sizeof *u);
	afcq_item_init(&u->item);
	if (afcq_exemption_copy(&u->exm, &inv->exms[row]) != 0) {
		afcq_exemption_done(&u->exm);
		free(u);
		return;
	}
	u->exemption = true;
	u->seq = ++app->undo_seq;
	u->inv = app->cur_inv;
	u->row = row;
	keep_marks(app, u, true, row);
	app->undo = u;
}

enum tui_undo_kind tui_undo_next(const struct tui_app *app)
{
	unsigned long row = app->undo ? app->undo->seq : 0;
	unsigned long load = tui_day_undo_seq(app);
	if (row > load)
		return app->undo->exemption ? TUI_UNDO_EXEMPTION : TUI_UNDO_ITEM;
	return load ? TUI_UNDO_LOAD : TUI_UNDO_NOTHING;
}

/* Moves the row's kept marks in as row at of the invoice shown. */
static void restore_marks(struct tui_app *app, struct tui_undo *u, size_t at)
{
	for (size_t i = 0; i < u->n_marks; i++) {
		app->marks = afcq_xrealloc(app->marks, (app->n_marks + 1) * sizeof *app->marks);
		struct tui_mark *m = &app->marks[app->n_marks++];
		*m = u->marks[i];
		m->rec = at;
		u->marks[i].text = u->marks[i].msg = NULL;
	}
}

/* Shows the invoice the kept row was deleted from; -1 (said) when it is
 * gone. */
static int show_its_invoice(struct tui_app *app, struct tui_undo *u, const char *what)
{
	if (u->inv >= app->req.n_inv) {
		tui_message(app, ROLE_ERROR, "the invoice of the deleted %s is gone", what);
		tui_undo_forget(app);
		return -1;
	}
	if (u->inv != app->cur_inv && tui_form_show_invoice(app, u->inv) != 0)
		return -1;
	return 0;
}

long tui_undo_exemption(struct tui_app *app)
{
	struct tui_undo *u = app->undo;
	if (!u || !u->exemption) {
		tui_message(app, ROLE_NORMAL, "no deleted exemption to bring back");
		return -1;
	}
	if (show_its_invoice(app, u, "exemption") != 0)
		return -1;
	tui_form_commit_edit(app);
	struct afcq_invoice *inv = tui_form_invoice(app);
	size_t at = u->row <= inv->n_exms ? u->row : inv->n_exms;
	inv->exms = afcq_xrealloc(inv->exms, (inv->n_exms + 1) * sizeof *inv->exms);
	memmove(&inv->exms[at + 1], &inv->exms[at], (inv->n_exms - at) * sizeof inv->exms[0]);
	inv->n_exms++;
	tui_marks_shift(app, TBL_EXEMPTION, at, 1);
	inv->exms[at] = u->exm; /* moved in */
	memset(&u->exm, 0, sizeof u->exm);
	restore_marks(app, u, at);
	tui_undo_forget(app);
	app->form_gen++;
	tui_message(app, ROLE_OK, "exemption %zu is back", at + 1);
	return (long)at;
}

long tui_undo_item(struct tui_app *app)
{
	struct tui_undo *u = app->undo;
	if (!u || u->exemption) {
		tui_message(app, ROLE_NORMAL, "no deleted line item to bring back");
		return -1;
	}
	if (show_its_invoice(app, u, "item") != 0)
		return -1;
	tui_form_commit_edit(app);
	struct afcq_invoice *inv = tui_form_invoice(app);
	if (inv->n_itms >= AFCQ_MAX_ITEMS) {
		tui_message(app, ROLE_ERROR, "an invoice holds at most %d items", AFCQ_MAX_ITEMS);
		return -1;
	}
	size_t at = u->row <= inv->n_itms ? u->row : inv->n_itms;
	if (afcq_invoice_insert_item(inv, at) < 0)
		return -1;
	tui_marks_shift(app, TBL_ITEM, at, 1);
	afcq_item_done(&inv->itms[at]);
	inv->itms[at] = u->item; /* moved in */
	afcq_item_init(&u->item);
	restore_marks(app, u, at);
	tui_undo_forget(app);
	app->form_gen++;
	tui_form_focus_row(app, at);
	tui_message(app, ROLE_OK, "item %zu is back", at + 1);
	return (long)at;
}

void tui_undo(struct tui_app *app)
{
	enum tui_undo_kind k = tui_undo_next(app);
	if (k == TUI_UNDO_EXEMPTION) {
		/* back in the dialog it was deleted from, on it */
		long at = tui_undo_exemption(app);
		if (at >= 0)
			tui_open_fields(app, TBL_EXEMPTION, (size_t)at, NULL);
	} else if (k == TUI_UNDO_ITEM) {
		tui_undo_item(app);
	} else if (k == TUI_UNDO_LOAD) {
		tui_day_undo(app);
	} else {
		char key[32];
		tui_message(app, ROLE_NORMAL,
			    "nothing to undo (%s undoes a deleted item or exemption, a customer "
			    "load, a product added)", tui_action_key_text(ACT_UNDO, key, sizeof key));
	}
}
