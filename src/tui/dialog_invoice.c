/* dialog_invoice.c - F6: re-send the form as an invoice.
 *
 * Asks for the invoice number, the document code (prefilled with a fresh
 * unique code, editable, refused when history shows it was used) and the
 * commit flag; then a confirmation says exactly what will happen.  An
 * invoice number whose earlier send to this endpoint has an unknown outcome
 * is refused, and resolving it is offered (calls_resolve.c).  The
 * two text inputs are libform fields (textform.c) owned by the dialog.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"
#include "afcq/str.h"

enum { F_INVN, F_DOC, F_COMMIT, F_COUNT };

/* The text inputs: F_INVN and F_DOC are also their textform indexes. */
#define TEXT_W 51          /* columns: the box is 72 wide from 80 columns on */
#define TEXT_MAX 255       /* bytes each input holds */

struct invoice_dlg {
	struct tui_textform *text; /* F_INVN, F_DOC */
	bool commit;
	int focus;
};

struct invoice_go {
	char invn[256], doc[256];
	bool commit;
};

static void set_focus(struct invoice_dlg *d, int focus)
{
	d->focus = focus;
	if (focus != F_COMMIT)
		tui_textform_focus(d->text, (size_t)focus);
}

static void invoice_draw(struct tui_app *app, struct tui_view *v)
{
	struct invoice_dlg *d = v->state;
	struct tui_rect in = tui_dialog_frame(app, 10, 72, "Invoice (F6)");
	tui_put(app, in.y, in.x, in.w, ROLE_DIALOG,
		"Re-send the form as an invoice, recorded by the server.");
	tui_put(app, in.y + 2, in.x, 16, ROLE_LABEL, "Invoice number:");
	tui_put(app, in.y + 3, in.x, 16, ROLE_LABEL, "Document code:");
	tui_put(app, in.y + 4, in.x, 16, ROLE_LABEL, "Commit:");
	tui_putf(app, in.y + 4, in.x + 17, 3, d->focus == F_COMMIT ? ROLE_FOCUS : ROLE_FIELD, "[%c]",
		 d->commit ? 'x' : ' ');
	tui_put(app, in.y + 4, in.x + 21, in.w - 21, ROLE_DIM,
		d->commit ? "commit the transactions (reported)" : "leave uncommitted");
	tui_put(app, in.y + 6, in.x, in.w, ROLE_DIM,
		"Tab: next field  Space: toggle  Enter: continue  Esc: cancel");
	/* the focused edit last, so the cursor stays in it */
	if (d->focus != F_INVN)
		tui_textform_draw(app, d->text, F_INVN, in.y + 2, in.x + 17, false, false);
	if (d->focus != F_DOC)
		tui_textform_draw(app, d->text, F_DOC, in.y + 3, in.x + 17, false, false);
	if (d->focus == F_INVN)
		tui_textform_draw(app, d->text, F_INVN, in.y + 2, in.x + 17, true, false);
	else if (d->focus == F_DOC)
		tui_textform_draw(app, d->text, F_DOC, in.y + 3, in.x + 17, true, false);
	else
		tui_move(app, in.y + 4, in.x + 18);
}

static void go_invoice(struct tui_app *app, void *data)
{
	struct invoice_go *g = data;
	tui_calls_invoice(app, g->invn, g->doc, g->commit);
}

static void confirm_texts(struct tui_app *app, struct invoice_dlg *d, const char *invn,
			  const char *doc);

static void confirm(struct tui_app *app, struct invoice_dlg *d)
{
	char *invn = afcq_xstrdup(tui_textform_text(d->text, F_INVN));
	char *doc = afcq_xstrdup(tui_textform_text(d->text, F_DOC));
	confirm_texts(app, d, invn, doc);
	free(invn);
	free(doc);
}

static void confirm_texts(struct tui_app *app, struct invoice_dlg *d, const char *invn,
			  const char *doc)
{
	if (afcq_str_empty(invn)) {
		tui_message(app, ROLE_ERROR, "an invoice needs an invoice number");
		set_focus(d, F_INVN);
		return;
	}
	if (afcq_str_empty(doc) || strlen(doc) > AFCQ_MAX_STR) {
		tui_message(app, ROLE_ERROR, "an invoice needs a document code (up to %d characters)",
			    AFCQ_MAX_STR);
		set_focus(d, F_DOC);
		return;
	}
	if (app->history && afcq_history_doc_used(app->history, doc)) {
		tui_message(app, ROLE_ERROR,
			    "document code %s was already used (history); choose another", doc);
		set_focus(d, F_DOC);
		return;
	}
	struct afcq_history_entry blocker;
	if (tui_invoice_blocked(app, invn, &blocker)) {
		/* an earlier send may be at the service: offer to ask it */
		tui_pop(app);
		if (blocker.id && blocker.outcome == AFCQ_OUTCOME_PENDING)
			tui_offer_resolve(app, &blocker);
		afcq_history_entry_done(&blocker);
		return;
	}
	char msg[800];
	if (tui_calls_validate(app, msg, sizeof msg)) {
		tui_message(app, ROLE_ERROR, "not sent: %s", msg);
		tui_pop(app);
		return;
	}
	struct invoice_go *g = afcq_xcalloc(1, sizeof *g);
	snprintf(g->invn, sizeof g->invn, "%s", invn);
	snprintf(g->doc, sizeof g->doc, "%s", doc);
	g->commit = d->commit;
	char quoted[128] = "The form has not been quoted yet.";
	if (app->res.have && app->res.has_total && app->res.op == AFCQ_OP_QUOTE) {
		char amt[48];
		afcq_money_format(app->res.totals.total_due, amt, sizeof amt);
		/* a quote of another form is no promise of this invoice's total */
		if (app->res.from_history)
			snprintf(quoted, sizeof quoted,
				 "The quote shown is from history (total due %s).", amt);
		else if (app->res.form_gen != app->form_gen)
			snprintf(quoted, sizeof quoted,
				 "The form changed since the last quote (total due %s).", amt);
		else
			snprintf(quoted, sizeof quoted, "Last quote: total due %s.", amt);
	}
	char text[1400];
	snprintf(text, sizeof text,
		 "Send %zu item(s) as an INVOICE to\n  %s\nInvoice number: %s\nDocument code:  %s\n"
		 "%s\n%s",
		 tui_form_n_items(app), app->endpoint_label, g->invn, g->doc,
		 g->commit ? "COMMIT: yes - the transactions are committed for tax reporting."
			   : "Commit: no - the document stays uncommitted (F7 can commit it later).",
		 quoted);
	tui_pop(app);
	/* what the dialog refused before ("needs an invoice number") holds no more */
	tui_message(app, ROLE_NORMAL, "%s", "");
	tui_confirm(app, "Send this invoice?", text, go_invoice, g);
}


static enum tui_result invoice_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)app;
	struct invoice_dlg *d = v->state;
	if (d->focus != F_COMMIT)
		return tui_textform_key(d->text, key);
	const char *value = tui_field_check_key(key);
	if (!value)
		return TUI_PASS;
	d->commit = value[0] == 'x';
	return TUI_HANDLED;
}

static enum tui_result invoice_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct invoice_dlg *d = v->state;
	if (d->focus != F_COMMIT && tui_textform_action(d->text, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_DOWN:
		set_focus(d, (d->focus + 1) % F_COUNT);
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
	case ACT_UP:
		set_focus(d, (d->focus + F_COUNT - 1) % F_COUNT);
		return TUI_HANDLED;
	case ACT_TOGGLE:
		d->commit = !d->commit;
		return TUI_HANDLED;
	case ACT_ENTER:
	case ACT_INVOICE:
		confirm(app, d);
		return TUI_HANDLED;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static bool invoice_text_focus(const struct tui_app *app, const struct tui_view *v)
{
	(void)app;
	const struct invoice_dlg *d = v->state;
	return d->focus != F_COMMIT;
}

static void invoice_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct invoice_dlg *d = v->state;
	tui_textform_free(d->text);
	free(d);
}

const struct tui_view_ops tui_dialog_invoice_ops = {
	.name = "invoice",
	.draw = invoice_draw,
	.on_key = invoice_on_key,
	.on_action = invoice_on_action,
	.close = invoice_close,
	.text_focus = invoice_text_focus,
	.keys = "Tab next field, Enter continues, Esc cancels",
};

void tui_open_invoice(struct tui_app *app)
{
	if (tui_busy_refuse(app))
		return;
	struct invoice_dlg *d = afcq_xcalloc(1, sizeof *d);
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	static const int widths[] = { TEXT_W, TEXT_W };
	d->text = tui_textform_new(2, widths, TEXT_MAX);
	char *doc = afcq_api_new_doc(app->history);
	tui_textform_set(d->text, F_DOC, doc);
	free(doc);
	tui_textform_set(d->text, F_INVN, inv && inv->invn ? inv->invn : "");
	set_focus(d, F_INVN);
	d->commit = true;
	tui_push(app, &tui_dialog_invoice_ops, d);
}
