/* dialog_fields.c - a dialog of labelled fields over one record: the
 * less common fields of a line item (F4) and the invoice's exemptions
 * (Ctrl-E, one exemption at a time; Ins adds, Ctrl-D deletes, PgUp/PgDn
 * pages).  Fields come from the tables in fields.c; values are stored as
 * they are left, bad ones are kept as typed and marked.  The text fields
 * are libform fields (textform.c) owned by the dialog: the focused one is
 * loaded from the form when it gets the focus and stored when left.
 */
#include "tui.h"
#include "undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct fields_dlg {
	enum tui_table t;
	size_t rec;
	size_t focus;
	struct tui_textform *in;    /* one input per field of the table */
	bool editing;               /* the focused input holds its field's text */
};

#define INPUT_MAX 255               /* bytes of a field that is no string */

/* Columns a field shows: the box is 74 wide from 80 columns on. */
static int field_cols(const struct tui_field_def *f)
{
	return f->width < 50 ? f->width : 50;
}

static void load(struct tui_app *app, struct fields_dlg *d)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(d->t, &n);
	d->editing = false;
	if (d->rec < tui_records(app, d->t) && f[d->focus].type != FT_BOOL) {
		char *s = tui_field_text(app, d->t, d->focus, d->rec);
		tui_textform_focus(d->in, d->focus);
		tui_textform_set(d->in, d->focus, s); /* typing replaces it */
		free(s);
		d->editing = true;
	}
}

/* Stores the focused field when typing changed it. */
static void store(struct tui_app *app, struct fields_dlg *d)
{
	if (!d->editing || !tui_textform_dirty(d->in))
		return;
	tui_textform_clean(d->in);
	char msg[512];
	if (tui_field_set(app, d->t, d->focus, d->rec, tui_textform_text(d->in, d->focus), msg,
			  sizeof msg) != 0)
		tui_message(app, ROLE_ERROR, "%s", msg);
}

static void fields_draw(struct tui_app *app, struct tui_view *v)
{
	struct fields_dlg *d = v->state;
	size_t n;
	const struct tui_field_def *f = tui_fields(d->t, &n);
	size_t recs = tui_records(app, d->t);
	char title[96];
	/* back on top after a dialog that set a field (the PCode finder) */
	if (!d->editing && tui_top(app) == v)
		load(app, d);
	if (d->t == TBL_EXEMPTION)
		snprintf(title, sizeof title, "Exemptions: %zu of %zu", recs ? d->rec + 1 : 0, recs);
	else
		snprintf(title, sizeof title, "Line item %zu: more fields", d->rec + 1);
	int h = (int)n + 5;
	struct tui_rect in = tui_dialog_frame(app, h, 74, title);
	if (d->t == TBL_EXEMPTION && recs == 0) {
		tui_put(app, in.y, in.x, in.w, ROLE_DIALOG, "No exemptions. Ins adds one; Esc closes.");
		return;
	}
	int cy = -1, cx = 0;
	for (size_t i = 0; i < n && (int)i < in.h - 2; i++) {
		int y = in.y + (int)i;
		tui_put(app, y, in.x, 17, ROLE_LABEL, f[i].label);
		bool focus = i == d->focus;
		int w = field_cols(&f[i]);
		if (w > in.w - 20)
			w = in.w - 20;
		const char *problem = tui_field_problem(app, d->t, i, d->rec);
		if (focus && d->editing) {
			tui_put(app, y, in.x + 17, 1, ROLE_LABEL, "[");
			tui_put(app, y, in.x + 18 + w, 1, ROLE_LABEL, "]");
			cy = y;
			cx = in.x + 18;
			continue;
		}
		char *s = tui_field_text(app, d->t, i, d->rec);
		enum tui_role r = focus ? ROLE_FOCUS : problem ? ROLE_INVALID : ROLE_FIELD;
		if (f[i].type == FT_BOOL) {
			tui_put(app, y, in.x + 17, 1, ROLE_LABEL, "[");
			tui_put(app, y, in.x + 18, 1, r, strcmp(s, "x") == 0 ? "x" : " ");
			tui_put(app, y, in.x + 19, 1, ROLE_LABEL, "]");
		} else {
			tui_put(app, y, in.x + 17, 1, ROLE_LABEL, "[");
			tui_fill(app, y, in.x + 18, w, r);
			tui_put(app, y, in.x + 18, w, r, s);
			tui_put(app, y, in.x + 18 + w, 1, ROLE_LABEL, "]");
		}
		if (problem)
			tui_put_words(app, y, in.x + 20 + w, in.w - 20 - w, ROLE_ERROR, problem);
		free(s);
	}
	const char *problem = tui_field_problem(app, d->t, d->focus, d->rec);
	tui_put_words(app, in.y + in.h - 1, in.x, in.w, problem ? ROLE_ERROR : ROLE_DIM,
		problem ? problem : f[d->focus].hint);
	tui_put(app, in.y + in.h - 2, in.x, in.w, ROLE_DIM,
		d->t == TBL_EXEMPTION ? "Tab/Up/Down move  Ins add  C-d delete  PgUp/PgDn other  Esc done"
				      : "Tab/Up/Down move  Space toggles  Enter/Esc done");
	if (cy >= 0) {
		tui_textform_draw(app, d->in, d->focus, cy, cx, true, false);
	} else {
		tui_move(app, in.y + (int)d->focus, in.x + 18);
	}
}

static void exemption_add(struct tui_app *app, struct fields_dlg *d)
{
	struct afcq_invoice *inv = tui_form_invoice(app);
	inv->exms = afcq_xrealloc(inv->exms, (inv->n_exms + 1) * sizeof *inv->exms);
	memset(&inv->exms[inv->n_exms], 0, sizeof inv->exms[0]);
	d->rec = inv->n_exms++;
	d->focus = 0;
	app->form_gen++;
}

static void exemption_delete(struct tui_app *app, struct fields_dlg *d)
{
	struct afcq_invoice *inv = tui_form_invoice(app);
	if (d->rec >= inv->n_exms)
		return;
	tui_undo_keep_exemption(app, d->rec);
	char key[32];
	tui_message(app, ROLE_NORMAL, "deleted exemption %zu; %s brings it back", d->rec + 1,
		    tui_action_key_text(ACT_UNDO, key, sizeof key));
	afcq_location_done(&inv->exms[d->rec].loc);
	memmove(&inv->exms[d->rec], &inv->exms[d->rec + 1],
		(inv->n_exms - d->rec - 1) * sizeof inv->exms[0]);
	inv->n_exms--;
	app->form_gen++;
	tui_marks_shift(app, TBL_EXEMPTION, d->rec, -1);
	if (d->rec >= inv->n_exms && d->rec > 0)
		d->rec--;
}

/* PgDn, PgUp, Ins, Ctrl-D in the exemptions dialog; one that cannot do
 * anything says why on the border. */
static void exemption_action(struct tui_app *app, struct fields_dlg *d, enum tui_action a)
{
	size_t recs = tui_records(app, d->t);
	switch (a) {
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP: {
		bool down = a == ACT_PAGE_DOWN;
		if (recs == 0) {
			tui_dialog_refused(app, a, "no exemptions yet (Ins adds one)");
			return;
		}
		if (down ? d->rec + 1 >= recs : d->rec == 0) {
			tui_dialog_refused(app, a, "no %s exemption, this is %zu of %zu",
					   down ? "next" : "previous", d->rec + 1, recs);
			return;
		}
		store(app, d);
		d->rec = down ? d->rec + 1 : d->rec - 1;
		load(app, d);
		return;
	}
	case ACT_ROW_INSERT:
		store(app, d);
		exemption_add(app, d);
		load(app, d);
		return;
	default: /* ACT_ROW_DELETE */
		if (d->rec >= recs) {
			tui_dialog_refused(app, a, "no exemption to delete (Ins adds one)");
			return;
		}
		d->editing = false; /* the record goes, with what was typed */
		exemption_delete(app, d);
		load(app, d);
		return;
	}
}

/* UNDO here does what it does on the form (undo.h).  A deleted exemption
 * comes back in the exemptions dialog and a deleted line item in the
 * item's fields, shown there.  Anything else is undone on the form with
 * this dialog closed first: a deleted exemption opens the exemptions
 * dialog on it, a deleted item is focused in the grid, and a customer
 * loaded or a product added puts the whole form back as it was before,
 * where the record shown here may not be.  Nothing to undo: said, the
 * dialog stays.  What was typed in the field is stored first.  d is freed
 * when the dialog closes. */
static void undo_here(struct tui_app *app, struct fields_dlg *d)
{
	store(app, d);
	enum tui_undo_kind k = tui_undo_next(app);
	long at = -1;
	if (k == TUI_UNDO_NOTHING) {
		tui_undo(app);
		return;
	}
	if (k == TUI_UNDO_EXEMPTION && d->t == TBL_EXEMPTION) {
		at = tui_undo_exemption(app);
		d->focus = 0;
	} else if (k == TUI_UNDO_ITEM && d->t == TBL_DETAIL) {
		at = tui_undo_item(app);
	} else {
		tui_pop(app);
		tui_undo(app);
		return;
	}
	if (at >= 0)
		d->rec = (size_t)at;
	load(app, d);
}

static enum tui_result fields_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	struct fields_dlg *d = v->state;
	size_t n;
	const struct tui_field_def *f = tui_fields(d->t, &n);
	if (d->rec >= tui_records(app, d->t))
		return TUI_PASS;
	if (f[d->focus].type == FT_BOOL) {
		const char *value = tui_field_check_key(key);
		if (!value)
			return TUI_PASS;
		tui_field_check(app, d->t, d->focus, d->rec, value);
		return TUI_HANDLED;
	}
	if (!d->editing)
		return TUI_PASS;
	return tui_textform_key(d->in, key);
}

static enum tui_result fields_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct fields_dlg *d = v->state;
	size_t n;
	const struct tui_field_def *f = tui_fields(d->t, &n);
	size_t recs = tui_records(app, d->t);
	if (d->editing && tui_textform_action(d->in, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_DOWN:
		store(app, d);
		d->focus = (d->focus + 1) % n;
		load(app, d);
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
	case ACT_UP:
		store(app, d);
		d->focus = (d->focus + n - 1) % n;
		load(app, d);
		return TUI_HANDLED;
	case ACT_TOGGLE:
		if (d->rec < recs && f[d->focus].type == FT_BOOL)
			tui_field_check(app, d->t, d->focus, d->rec, NULL);
		return TUI_HANDLED;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_ROW_INSERT:
	case ACT_ROW_DELETE:
		/* the exemptions' own keys: an item's fields do nothing with them */
		if (d->t != TBL_EXEMPTION)
			tui_dialog_ignored(app, a);
		else
			exemption_action(app, d, a);
		return TUI_HANDLED;
	case ACT_UNDO:
		undo_here(app, d);
		return TUI_HANDLED;
	case ACT_ENTER:
		if (d->rec < recs && f[d->focus].type == FT_BOOL) {
			tui_field_check(app, d->t, d->focus, d->rec, NULL);
			return TUI_HANDLED;
		}
		store(app, d);
		return TUI_CLOSE;
	case ACT_FIND_PCODE: {
		/* the focused PCode field, else the item's bill-to */
		const char *key = f[d->focus].key;
		size_t kl = strlen(key);
		if (kl < 4 || strcmp(key + kl - 4, ".pcd") != 0)
			key = d->t == TBL_DETAIL ? "bill.pcd" : "loc.pcd";
		store(app, d);
		if (d->rec >= recs)
			return TUI_HANDLED;
		d->editing = false; /* re-read when back on top */
		tui_open_pcode_finder(app, d->t, d->rec, key);
		return TUI_HANDLED;
	}
	case ACT_CANCEL:
	case ACT_DETAIL:
	case ACT_EXEMPTIONS:
		store(app, d);
		return TUI_CLOSE;
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_REDRAW:
		store(app, d);
		return TUI_PASS;
	default:
		tui_dialog_ignored(app, a);
		return TUI_HANDLED;
	}
}

static void fields_close(struct tui_app *app, struct tui_view *v)
{
	struct fields_dlg *d = v->state;
	tui_textform_free(d->in);
	free(d);
	/* the grid shows the same item: re-read it */
	tui_form_refocus(app);
}

static bool fields_text_focus(const struct tui_app *app, const struct tui_view *v)
{
	(void)app;
	const struct fields_dlg *d = v->state;
	return d->editing;
}

const struct tui_view_ops tui_dialog_fields_ops = {
	.name = "fields",
	.draw = fields_draw,
	.on_key = fields_on_key,
	.on_action = fields_on_action,
	.close = fields_close,
	.text_focus = fields_text_focus,
	.keys = "Tab moves, Enter or Esc done",
};

void tui_open_fields(struct tui_app *app, enum tui_table t, size_t rec, const char *key)
{
	struct fields_dlg *d = afcq_xcalloc(1, sizeof *d);
	d->t = t;
	d->rec = rec;
	int fi = key ? tui_field_index(t, key) : -1;
	d->focus = fi >= 0 ? (size_t)fi : 0;
	size_t n;
	const struct tui_field_def *f = tui_fields(t, &n);
	int *widths = afcq_xcalloc(n, sizeof *widths);
	for (size_t i = 0; i < n; i++)
		widths[i] = field_cols(&f[i]);
	d->in = tui_textform_new(n, widths, INPUT_MAX);
	free(widths);
	for (size_t i = 0; i < n; i++)
		if (f[i].type == FT_STR)
			tui_textform_set_limit(d->in, i, AFCQ_MAX_STR);
	tui_push(app, &tui_dialog_fields_ops, d);
	load(app, d);
}
