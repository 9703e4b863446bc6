/* customer.c - the customer book on the workstation: the store, loading a
 * customer into the form, and undoing a load (day.h says how).
 */
#include "day.h"
#include "teamstore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/book.h"
#include "afcq/str.h"

struct tui_day_undo {
	char *what;                    /* "loading Ada Lovelace" */
	struct afcq_request req;       /* the form before */
	size_t cur_inv;
	struct tui_form_state form;    /* its focus (no edit) */
	char *form_clean;              /* what it was compared with for changes */
	bool have_customer;            /* the caller before */
	struct afcq_customer customer;
	struct tui_day_product *products;
	size_t n_products;
	unsigned long gen;             /* the form's generation after the change */
	unsigned long seq;             /* app->undo_seq when it was kept */
};

unsigned long tui_day_undo_seq(const struct tui_app *app)
{
	return app->day && app->day->undo ? app->day->undo->seq : 0;
}

void tui_day_undo_free(struct tui_day *d)
{
	struct tui_day_undo *u = d->undo;
	if (!u)
		return;
	free(u->what);
	free(u->form_clean);
	afcq_request_done(&u->req);
	afcq_customer_done(&u->customer);
	for (size_t i = 0; i < u->n_products; i++)
		free(u->products[i].name);
	free(u->products);
	free(u);
	d->undo = NULL;
}

struct afcq_store *tui_day_store(struct tui_app *app)
{
	struct tui_day *d = app->day;
	if (app->team) {
		/* the team's: opened and opened again by the link, never here */
		if (!d->store)
			tui_message(app, ROLE_ERROR, "customer book not available (the team's store is "
						     "unavailable); quoting goes on");
		return d->store;
	}
	if (!d->store && !d->store_failed) {
		struct afcq_error err;
		afcq_error_clear(&err);
		/* the config's team store, else the local file */
		const char *where = app->cfg && !afcq_str_empty(app->cfg->store) ? app->cfg->store : NULL;
		d->store = afcq_store_open(where, &err);
		if (!d->store) {
			d->store_failed = true;
			snprintf(d->store_why, sizeof d->store_why, "%s", err.msg);
		}
	}
	if (!d->store) {
		/* the whole cause when it fits, else its last part, else none */
		char msg[sizeof app->msg];
		if (snprintf(msg, sizeof msg, "customer book not available: %s; quoting goes on without it",
			     d->store_why) > TUI_MSG_COLS &&
		    snprintf(msg, sizeof msg, "customer book not available (%s); quoting goes on without it",
			     tui_cause(d->store_why)) > TUI_MSG_COLS)
			snprintf(msg, sizeof msg, "customer book not available; quoting goes on without it");
		tui_message(app, ROLE_ERROR, "%s", msg);
	}
	return d->store;
}

const char *tui_day_caller(const struct tui_app *app)
{
	const struct tui_day *d = app->day;
	return d && d->have_customer && !afcq_str_empty(d->customer.name) ? d->customer.name : NULL;
}

const char *tui_day_status(const struct tui_app *app)
{
	const char *who = tui_day_caller(app);
	if (who)
		return who;
	return app->day && app->day->store_failed ? "no customer book" : NULL;
}

bool tui_day_undo_keep(struct tui_app *app, const char *what)
{
	char first[160];
	if (tui_form_commit_edit(app) != 0 || tui_marks_typed(app, first, sizeof first) > 0) {
		/* what to do first: the line is cut at the screen's width */
		if (tui_marks_typed(app, first, sizeof first))
			tui_message(app, ROLE_ERROR, "first correct or clear %s", first);
		else
			tui_message(app, ROLE_ERROR,
				    "first correct or clear the field being edited: its value does not read");
		return false;
	}
	struct tui_day *d = app->day;
	tui_day_undo_free(d);
	struct tui_day_undo *u = afcq_xcalloc(1, sizeof *u);
	u->what = afcq_xstrdup(what);
	afcq_request_init(&u->req);
	if (afcq_request_copy(&u->req, &app->req) != 0) {
		free(u->what);
		free(u);
		tui_message(app, ROLE_ERROR, "out of memory");
		return false;
	}
	u->cur_inv = app->cur_inv;
	u->form_clean = app->form_clean ? afcq_xstrdup(app->form_clean) : NULL;
	u->form = app->form;
	memset(&u->form.edit, 0, sizeof u->form.edit);
	u->have_customer = d->have_customer;
	if (d->have_customer)
		afcq_customer_copy(&u->customer, &d->customer);
	if (d->n_products) {
		u->products = afcq_xcalloc(d->n_products, sizeof *u->products);
		for (size_t i = 0; i < d->n_products; i++)
			u->products[i] = (struct tui_day_product){
				afcq_xstrdup(d->products[i].name), d->products[i].count };
		u->n_products = d->n_products;
	}
	u->gen = app->form_gen;
	u->seq = ++app->undo_seq;
	d->undo = u;
	return true;
}

void tui_day_undo_mark(struct tui_app *app)
{
	app->form_gen++;
	tui_marks_clear(app, true);
	if (app->day->undo)
		app->day->undo->gen = app->form_gen;
}

/* Puts the form and the caller back as the undo copy has them. */
static void restore(struct tui_app *app)
{
	struct tui_day *d = app->day;
	struct tui_day_undo *u = d->undo;
	if (!u)
		return;
	afcq_request_done(&app->req);
	app->req = u->req;
	afcq_request_init(&u->req);
	app->cur_inv = u->cur_inv < app->req.n_inv ? u->cur_inv : 0;
	free(app->form_clean);
	app->form_clean = u->form_clean;
	u->form_clean = NULL;
	tui_marks_clear(app, false);
	app->form = u->form;
	afcq_customer_done(&d->customer);
	d->have_customer = u->have_customer;
	d->customer = u->customer;
	afcq_customer_init(&u->customer);
	for (size_t i = 0; i < d->n_products; i++)
		free(d->products[i].name);
	free(d->products);
	d->products = u->products;
	d->n_products = u->n_products;
	u->products = NULL;
	u->n_products = 0;
	app->form_gen++;
	tui_form_refocus(app);
}

static void undo_now(struct tui_app *app, void *data)
{
	(void)data;
	struct tui_day_undo *u = app->day->undo;
	if (!u)
		return;
	char *what = afcq_xstrdup(u->what);
	restore(app);
	tui_day_undo_free(app->day);
	tui_message(app, ROLE_OK, "undone: %s; the form is as it was before", what);
	free(what);
}

void tui_day_undo(struct tui_app *app)
{
	struct tui_day_undo *u = app->day->undo;
	if (!u)
		return;
	tui_form_commit_edit(app);
	if (app->form_gen != u->gen || tui_marks_typed(app, NULL, 0) > 0) {
		char lines[400];
		snprintf(lines, sizeof lines,
			 "The form changed since %s.\n"
			 "Undo it anyway and lose those changes too? (y/N)", u->what);
		tui_confirm_default_no(app, "Undo", lines, undo_now, NULL);
		return;
	}
	undo_now(app, NULL);
}

/* "PCode 3726100, Residential, lifeline, 2 exemptions" for messages. */
static void describe(const struct afcq_customer *c, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	if (c->bill.present && c->bill.pcd.set)
		o += (size_t)snprintf(buf + o, n - o, "PCode %lld", c->bill.pcd.v);
	else if (c->bill.present && c->bill.zip)
		o += (size_t)snprintf(buf + o, n - o, "ZIP %s", c->bill.zip);
	else
		o += (size_t)snprintf(buf + o, n - o, "no bill-to");
	if (o < n && c->cust.set)
		o += (size_t)snprintf(buf + o, n - o, ", %s", afcq_cust_name(c->cust.v));
	if (o < n && c->lfln.set && c->lfln.v)
		o += (size_t)snprintf(buf + o, n - o, ", lifeline");
	if (o < n && c->n_exms)
		snprintf(buf + o, n - o, ", %zu exemption%s", c->n_exms, c->n_exms == 1 ? "" : "s");
}

bool tui_customer_load(struct tui_app *app, const struct afcq_customer *c)
{
	struct afcq_store *s = tui_day_store(app);
	if (!s)
		return false;
	/* a form nobody changed stays so: what comes from the book is loaded,
	 * as a file is, and leaving or a new call need not ask */
	bool was_clean = !tui_form_changed(app);
	char *what = afcq_xasprintf("loading %s", c->name ? c->name : "the customer");
	bool kept = tui_day_undo_keep(app, what);
	free(what);
	if (!kept)
		return false;
	struct tui_day *d = app->day;
	struct afcq_invoice *inv = tui_form_invoice(app);
	size_t before = inv->n_itms;
	bool was_empty = afcq_book_grid_empty(inv);
	char *missing = NULL;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_book_load_customer(s, c, inv, &missing, &err) != AFCQ_OK) {
		restore(app);
		tui_day_undo_free(d);
		free(missing);
		char line[800];
		tui_message(app, ROLE_ERROR, "customer not loaded: %s",
			    afcq_error_line(&err, line, sizeof line));
		tui_team_failed(app, &err);
		return false;
	}
	size_t added = afcq_book_grid_empty(inv) ? 0 : was_empty ? inv->n_itms : inv->n_itms - before;
	/* the caller is this customer now; the products are its usual ones */
	afcq_customer_done(&d->customer);
	afcq_customer_copy(&d->customer, c);
	d->have_customer = true;
	for (size_t i = 0; i < d->n_products; i++)
		free(d->products[i].name);
	free(d->products);
	d->products = NULL;
	d->n_products = 0;
	for (size_t i = 0; i < c->n_products; i++) {
		bool gone = false;
		/* missing is "a, b": a name in it was skipped */
		for (const char *m = missing; m && *m && !gone;) {
			const char *e = strstr(m, ", ");
			size_t len = e ? (size_t)(e - m) : strlen(m);
			gone = strlen(c->products[i]) == len && strncmp(m, c->products[i], len) == 0;
			m = e ? e + 2 : m + len;
		}
		if (!gone)
			tui_day_add_product(d, c->products[i], 1);
	}
	tui_day_undo_mark(app);
	if (was_clean)
		tui_form_set_clean(app);
	if (was_empty) {
		app->form.row = 0;
		app->form.top = 0;
	}
	tui_form_refocus(app);
	/* recently used first; a failure changes only the order, the load stands */
	if (c->id)
		(void)afcq_store_customer_touch(s, c->id, &err);
	char desc[160];
	describe(c, desc, sizeof desc);
	if (missing)
		/* the news first: the line is cut at the screen's width */
		tui_message(app, ROLE_ERROR,
			    "not in the products: %s; loaded %s: %s, %zu item%s. Alt-z undoes",
			    missing, c->name ? c->name : "?", desc, added, added == 1 ? "" : "s");
	else
		tui_message(app, ROLE_OK, "loaded %s: %s, %zu item%s. Alt-z undoes", c->name ? c->name : "?",
			    desc, added, added == 1 ? "" : "s");
	free(missing);
	return true;
}
