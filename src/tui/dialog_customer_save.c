/* dialog_customer_save.c - the form's customer saved into the book.
 *
 * From the customer finder: F2 saves into the customer loaded, Ins as a
 * new customer.  The dialog asks the name, account and phone numbers
 * (prefilled from the customer loaded, or from the words typed in the
 * finder); the bill-to, customer type, lifeline and exemptions come from
 * the invoice shown, and a new customer's usual products are the products
 * added in this call.  Changing a stored customer asks first.  When the
 * customer changed in the book since it was loaded (AFCQ_ERR_CONFLICT) the
 * store's message is shown with a choice: o overwrites it with the form's
 * fields, r reloads the stored one into the form (undoable), Esc leaves
 * both as they are.  The customer being saved waits in day->pending while
 * a question about it is open.
 */
#include "day.h"
#include "teamstore.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/book.h"
#include "afcq/str.h"

enum { S_NAME, S_ACCOUNT, S_PHONES, S_COUNT };
#define TEXT_W 44
#define TEXT_MAX 200

struct save_dlg {
	struct tui_textform *text;
	bool new_one;
	size_t focus;
};

static void set_focus(struct save_dlg *d, size_t focus)
{
	d->focus = focus;
	tui_textform_focus(d->text, focus);
}

static void save_draw(struct tui_app *app, struct tui_view *v)
{
	struct save_dlg *d = v->state;
	struct tui_rect in = tui_dialog_frame(app, 11, 72,
					      d->new_one ? "New customer" : "Update the customer");
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	char where[64] = "no bill-to";
	if (inv && inv->bill.present && inv->bill.pcd.set)
		snprintf(where, sizeof where, "PCode %lld", inv->bill.pcd.v);
	else if (inv && inv->bill.present)
		snprintf(where, sizeof where, "the bill-to address");
	size_t nx = afcq_book_n_exemptions(inv);
	tui_putf(app, in.y, in.x, in.w, ROLE_DIALOG, "From the form: %s, %s%s, %zu exemption%s",
		 where, inv && inv->cust.set ? afcq_cust_name(inv->cust.v) : "type not set",
		 inv && inv->lfln.set && inv->lfln.v ? ", lifeline" : "", nx, nx == 1 ? "" : "s");
	static const char *const labels[S_COUNT] = { "Name:", "Account:", "Phones:" };
	for (size_t i = 0; i < S_COUNT; i++)
		tui_put(app, in.y + 2 + (int)i, in.x, 10, ROLE_LABEL, labels[i]);
	tui_put(app, in.y + 5, in.x, in.w, ROLE_DIM, "Phones: several separated by commas.");
	tui_put(app, in.y + 7, in.x, in.w, ROLE_DIM, "Tab: next field  Enter: save  Esc: cancel");
	for (size_t i = 0; i < S_COUNT; i++)
		if (i != d->focus)
			tui_textform_draw(app, d->text, i, in.y + 2 + (int)i, in.x + 10, false, false);
	tui_textform_draw(app, d->text, d->focus, in.y + 2 + (int)d->focus, in.x + 10, true, false);
}

/* Splits "a, b" into the customer's phones (replacing them). */
static void set_phones(struct afcq_customer *c, const char *text)
{
	for (size_t i = 0; i < c->n_phones; i++)
		free(c->phones[i]);
	free(c->phones);
	c->phones = NULL;
	c->n_phones = 0;
	char *copy = afcq_xstrdup(text);
	for (char *save = NULL, *p = strtok_r(copy, ",;", &save); p; p = strtok_r(NULL, ",;", &save)) {
		while (isspace((unsigned char)*p))
			p++;
		size_t len = strlen(p);
		while (len && isspace((unsigned char)p[len - 1]))
			p[--len] = '\0';
		if (*p)
			afcq_customer_add_phone(c, p);
	}
	free(copy);
}

static void conflict_choice(struct tui_app *app, const char *msg);

static void saved(struct tui_app *app, bool was_new)
{
	struct tui_day *d = app->day;
	afcq_customer_done(&d->customer);
	d->customer = d->pending;
	afcq_customer_init(&d->pending);
	d->have_pending = false;
	d->have_customer = true;
	tui_message(app, ROLE_OK, "%s %s in the customer book",
		    was_new ? "saved the new customer" : "updated", d->customer.name);
}

static void store_pending(struct tui_app *app, bool overwrite)
{
	struct tui_day *d = app->day;
	struct afcq_store *s = tui_day_store(app);
	if (!s || !d->have_pending)
		return;
	bool was_new = d->pending.id == 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = afcq_store_customer_save(s, &d->pending, overwrite, &err);
	if (st == AFCQ_OK) {
		saved(app, was_new);
		return;
	}
	if (st == AFCQ_ERR_CONFLICT) {
		conflict_choice(app, err.msg);
		return;
	}
	/* the cause before the file's name, which may be long */
	tui_message(app, ROLE_ERROR, "not saved: %s%s%s%s", err.msg, err.where[0] ? " (" : "",
		    err.where, err.where[0] ? ")" : "");
	afcq_customer_done(&d->pending);
	d->have_pending = false;
	tui_team_failed(app, &err);
}

static void update_yes(struct tui_app *app, void *data)
{
	(void)data;
	store_pending(app, false);
}

/* Enter: the record from the inputs and the form, then saved (a stored
 * customer after asking). */
static void save_go(struct tui_app *app, struct save_dlg *d)
{
	const char *name = tui_textform_text(d->text, S_NAME);
	if (afcq_str_empty(name)) {
		tui_message(app, ROLE_ERROR, "a customer needs a name");
		set_focus(d, S_NAME);
		return;
	}
	struct tui_day *day = app->day;
	afcq_customer_done(&day->pending);
	afcq_customer_init(&day->pending);
	struct afcq_customer *c = &day->pending;
	if (!d->new_one && day->have_customer) {
		afcq_customer_copy(c, &day->customer);
	} else {
		/* the products added in this call are the new customer's usual ones */
		for (size_t i = 0; i < day->n_products; i++)
			afcq_customer_add_product(c, day->products[i].name);
	}
	free(c->name);
	c->name = afcq_xstrdup(name);
	const char *acct = tui_textform_text(d->text, S_ACCOUNT);
	free(c->account);
	c->account = afcq_str_empty(acct) ? NULL : afcq_xstrdup(acct);
	set_phones(c, tui_textform_text(d->text, S_PHONES));
	const struct afcq_invoice *inv = tui_form_invoice(app);
	afcq_book_customer_from_invoice(c, inv);
	day->have_pending = true;
	bool new_one = c->id == 0;
	tui_pop(app);
	if (new_one) {
		store_pending(app, false);
		return;
	}
	char lines[600], where[64] = "no bill-to";
	if (c->bill.present && c->bill.pcd.set)
		snprintf(where, sizeof where, "PCode %lld", c->bill.pcd.v);
	else if (c->bill.present)
		snprintf(where, sizeof where, "the bill-to address");
	snprintf(lines, sizeof lines,
		 "Change the stored customer %s?\n"
		 "It gets the form's %s, %s%s and %zu exemption(s),\n"
		 "and the name, account and phones typed. (y/N)",
		 c->name, where, c->cust.set ? afcq_cust_name(c->cust.v) : "no type",
		 c->lfln.set && c->lfln.v ? ", lifeline" : "", c->n_exms);
	tui_confirm_default_no(app, "Update the customer", lines, update_yes, NULL);
}

static enum tui_result save_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)app;
	struct save_dlg *d = v->state;
	return tui_textform_key(d->text, key);
}

static enum tui_result save_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct save_dlg *d = v->state;
	if (tui_textform_action(d->text, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_DOWN:
		set_focus(d, (d->focus + 1) % S_COUNT);
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
	case ACT_UP:
		set_focus(d, (d->focus + S_COUNT - 1) % S_COUNT);
		return TUI_HANDLED;
	case ACT_ENTER:
	case ACT_SAVE:
		save_go(app, d);
		return TUI_HANDLED;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void save_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct save_dlg *d = v->state;
	tui_textform_free(d->text);
	free(d);
}

static const struct tui_view_ops tui_dialog_customer_save_ops = {
	.name = "customer-save",
	.draw = save_draw,
	.on_key = save_on_key,
	.on_action = save_on_action,
	.close = save_close,
	.text_focus = tui_dialog_text_always,
	.keys = "Tab next field, Enter saves, Esc cancels",
};

static bool all_digits(const char *s)
{
	bool any = false;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			any = true;
		else if (!strchr(" ()+-./", *s))
			return false;
	}
	return any;
}

void tui_open_customer_save(struct tui_app *app, bool new_one, const char *query)
{
	if (!tui_day_store(app))
		return;
	if (tui_form_commit_edit(app) != 0)
		return;
	struct tui_day *day = app->day;
	if (!new_one && !day->have_customer)
		new_one = true;
	struct save_dlg *d = afcq_xcalloc(1, sizeof *d);
	static const int widths[S_COUNT] = { TEXT_W, TEXT_W, TEXT_W };
	d->text = tui_textform_new(S_COUNT, widths, TEXT_MAX);
	d->new_one = new_one;
	if (!new_one) {
		const struct afcq_customer *c = &day->customer;
		tui_textform_set(d->text, S_NAME, c->name ? c->name : "");
		tui_textform_set(d->text, S_ACCOUNT, c->account ? c->account : "");
		struct afcq_buf b;
		afcq_buf_init(&b);
		afcq_buf_puts(&b, "");
		for (size_t i = 0; i < c->n_phones; i++)
			afcq_buf_printf(&b, "%s%s", i ? ", " : "", c->phones[i]);
		tui_textform_set(d->text, S_PHONES, b.data);
		afcq_buf_done(&b);
	} else if (!afcq_str_empty(query)) {
		/* what was typed in the finder: a phone number, or the name */
		tui_textform_set(d->text, all_digits(query) ? S_PHONES : S_NAME, query);
	}
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	if (new_one && inv && !afcq_str_empty(inv->acct))
		tui_textform_set(d->text, S_ACCOUNT, inv->acct);
	set_focus(d, S_NAME);
	tui_textform_append(d->text);
	tui_push(app, &tui_dialog_customer_save_ops, d);
}

/* ---- the conflict: overwrite, reload, or neither -------------------------- */
struct conflict_dlg {
	char *msg;
};

static void conflict_draw(struct tui_app *app, struct tui_view *v)
{
	struct conflict_dlg *k = v->state;
	const char *name = app->day->pending.name ? app->day->pending.name : "the customer";
	struct tui_rect in = tui_dialog_frame(app, 10, 70, "The customer changed in the book");
	tui_putf(app, in.y, in.x, in.w, ROLE_DIALOG, "%s was", name);
	tui_putf(app, in.y + 1, in.x, in.w, ROLE_DIALOG, "%s.", k->msg);
	tui_put(app, in.y + 3, in.x, in.w, ROLE_DIALOG,
		"o    overwrite it with the form's fields and what you typed");
	tui_put(app, in.y + 4, in.x, in.w, ROLE_DIALOG,
		"r    reload the stored customer into the form (Alt-z undoes)");
	tui_put(app, in.y + 5, in.x, in.w, ROLE_DIALOG, "Esc  leave both as they are");
	tui_put(app, in.y + in.h - 1, in.x, in.w, ROLE_TITLE, "o: overwrite    r: reload    Esc: neither");
}

static void reload(struct tui_app *app)
{
	struct tui_day *d = app->day;
	struct afcq_store *s = tui_day_store(app);
	if (!s)
		return;
	struct afcq_customer c;
	afcq_customer_init(&c);
	struct afcq_error err;
	afcq_error_clear(&err);
	int64_t id = d->pending.id;
	afcq_customer_done(&d->pending);
	d->have_pending = false;
	if (afcq_store_customer_get(s, id, &c, &err) != AFCQ_OK) {
		char line[800];
		tui_message(app, ROLE_ERROR, "not reloaded: %s", afcq_error_line(&err, line, sizeof line));
		tui_team_failed(app, &err);
	} else
		tui_customer_load(app, &c);
	afcq_customer_done(&c);
}

static enum tui_result conflict_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)v;
	if (key == 'o' || key == 'O') {
		tui_pop(app);
		store_pending(app, true);
		return TUI_HANDLED;
	}
	if (key == 'r' || key == 'R') {
		tui_pop(app);
		reload(app);
		return TUI_HANDLED;
	}
	return TUI_PASS;
}

static enum tui_result conflict_on_action(struct tui_app *app, struct tui_view *v,
					  enum tui_action a)
{
	(void)v;
	if (a == ACT_CANCEL) {
		afcq_customer_done(&app->day->pending);
		app->day->have_pending = false;
		tui_message(app, ROLE_NORMAL, "not saved: the book and the form are as they were");
		return TUI_CLOSE;
	}
	return tui_dialog_action_rest(app, a);
}

static void conflict_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct conflict_dlg *k = v->state;
	free(k->msg);
	free(k);
}

static const struct tui_view_ops tui_dialog_customer_conflict_ops = {
	.name = "customer-conflict",
	.draw = conflict_draw,
	.on_key = conflict_on_key,
	.on_action = conflict_on_action,
	.close = conflict_close,
	.keys = "o overwrites, r reloads, Esc neither",
};

static void conflict_choice(struct tui_app *app, const char *msg)
{
	struct conflict_dlg *k = afcq_xcalloc(1, sizeof *k);
	k->msg = afcq_xstrdup(msg);
	tui_push(app, &tui_dialog_customer_conflict_ops, k);
}
