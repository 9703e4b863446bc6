/* dialog_customer.c - the customer finder (CUSTOMER, Ctrl-P).
 *
 * Type any words of the name, the account, the phone digits (with any
 * punctuation), the city or the PCode: the list narrows as you type,
 * recently used customers first (the store's search, store.h).  Enter
 * loads the selected customer into the invoice shown (customer.c); F2
 * saves the form's customer fields into the customer loaded, Ins (Ctrl-N)
 * as a new customer (dialog_customer_save.c).  The query is a libform
 * field (textform.c), the matches a libmenu list (listmenu.c).
 */
#include "day.h"
#include "teamstore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

#define QUERY_MAX 200
#define FIND_LIMIT 500

struct finder {
	struct tui_textform *query;
	char *searched;              /* the query the matches are for */
	struct afcq_customer *v;     /* matches, most recently used first */
	size_t n;
	struct tui_list *list;
	char why[512];               /* the store's error, "" when none */
	bool failed;                 /* why holds this finder's failed search */
};

static void research(struct tui_app *app, struct finder *f, bool force)
{
	const char *q = tui_textform_text(f->query, 0);
	if (!force && f->searched && strcmp(f->searched, q) == 0)
		return;
	free(f->searched);
	f->searched = afcq_xstrdup(q);
	afcq_customers_free(f->v, f->n);
	f->v = NULL;
	f->n = 0;
	struct afcq_store *s = app->day->store;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (!s && app->team) {
		/* a failure this finder saw, naming the server, stays said */
		if (!f->failed)
			snprintf(f->why, sizeof f->why, "the customer book is not available: the "
							 "team's store is unavailable");
	} else if (s && afcq_store_customers_find(s, f->searched, FIND_LIMIT, &f->v, &f->n, &err) !=
		   AFCQ_OK) {
		/* the server named: a hung one gives up within a few seconds */
		afcq_error_line(&err, f->why, sizeof f->why);
		f->failed = true;
		tui_team_failed(app, &err);
	} else {
		f->why[0] = '\0';
		f->failed = false;
	}
	tui_list_set(f->list, f->n, 0);
	app->dirty = true;
}

static int list_rows(void)
{
	int h = LINES - 2 < 20 ? LINES - 2 : 20;
	return h - 2 - 4;
}

/* Where the customer is: city and state, else the ZIP, else the PCode. */
static const char *place(const struct afcq_customer *c, char *buf, size_t n)
{
	const struct afcq_location *l = &c->bill;
	buf[0] = '\0';
	if (!l->present)
		return buf;
	if (l->city)
		snprintf(buf, n, "%s%s%s", l->city, l->st ? " " : "", l->st ? l->st : "");
	else if (l->zip)
		snprintf(buf, n, "ZIP %s", l->zip);
	else if (l->pcd.set)
		snprintf(buf, n, "PCode %lld", l->pcd.v);
	return buf;
}

static void finder_draw(struct tui_app *app, struct tui_view *v)
{
	struct finder *f = v->state;
	int w = COLS - 2 < 100 ? COLS - 2 : 100;
	int h = LINES - 2 < 20 ? LINES - 2 : 20;
	struct tui_rect in = tui_dialog_frame(app, h, w, "Customer");
	int rows = list_rows();
	tui_put(app, in.y, in.x, 6, ROLE_LABEL, "Find:");
	char count[48];
	snprintf(count, sizeof count, "%zu found", f->n);
	tui_put(app, in.y, in.x + in.w - (int)strlen(count), (int)strlen(count), ROLE_DIM, count);

	int acct_w = 12, phone_w = 16;
	int place_w = in.w >= 90 ? 24 : 14;
	int name_w = in.w - acct_w - phone_w - place_w - 3;
	int ax = in.x + name_w + 1, px = ax + acct_w + 1, cx = px + phone_w + 1;
	tui_fill(app, in.y + 1, in.x, in.w, ROLE_HEADER);
	tui_put(app, in.y + 1, in.x, name_w, ROLE_HEADER, "Name");
	tui_put(app, in.y + 1, ax, acct_w, ROLE_HEADER, "Account");
	tui_put(app, in.y + 1, px, phone_w, ROLE_HEADER, "Phone");
	tui_put(app, in.y + 1, cx, place_w, ROLE_HEADER, "Place");

	size_t top, sel;
	int vis = tui_list_view(f->list, rows, &top, &sel);
	if (f->why[0])
		tui_put(app, in.y + 2, in.x, in.w, ROLE_ERROR, f->why);
	else if (f->n == 0 && rows > 0)
		tui_put(app, in.y + 2, in.x, in.w, ROLE_DIM,
			*f->searched ? "  no customer matches every word; Backspace widens the search"
				     : "  the book is empty: Ins saves the form's customer as a new one");
	char buf[160];
	for (int r = 0; r < vis; r++) {
		size_t i = top + (size_t)r;
		int y = in.y + 2 + r;
		const struct afcq_customer *c = &f->v[i];
		enum tui_role role = i == sel ? ROLE_FOCUS : ROLE_DIALOG;
		if (i == sel)
			tui_fill(app, y, in.x, in.w, role);
		tui_put(app, y, in.x, name_w, role, c->name ? c->name : "");
		tui_put(app, y, ax, acct_w, role, c->account ? c->account : "");
		tui_put(app, y, px, phone_w, role, c->n_phones ? c->phones[0] : "");
		tui_put(app, y, cx, place_w, role, place(c, buf, sizeof buf));
	}

	int foot = in.y + in.h - 2;
	if (sel < f->n) {
		const struct afcq_customer *c = &f->v[sel];
		struct afcq_buf b;
		afcq_buf_init(&b);
		afcq_buf_printf(&b, "%s", c->cust.set ? afcq_cust_name(c->cust.v) : "type not set");
		if (c->bill.present && c->bill.pcd.set)
			afcq_buf_printf(&b, ", PCode %lld", c->bill.pcd.v);
		if (c->lfln.set && c->lfln.v)
			afcq_buf_puts(&b, ", lifeline");
		if (c->n_exms)
			afcq_buf_printf(&b, ", %zu exemption%s", c->n_exms, c->n_exms == 1 ? "" : "s");
		for (size_t k = 0; k < c->n_products; k++)
			afcq_buf_printf(&b, "%s%s", k ? ", " : "; usual: ", c->products[k]);
		tui_put(app, foot, in.x, in.w, ROLE_DIALOG, b.data);
		afcq_buf_done(&b);
	}
	const char *loaded = tui_day_caller(app);
	tui_put(app, foot + 1, in.x, in.w, ROLE_DIM,
		loaded ? "Enter loads  F2 saves the form into the loaded one  Ins saves as new  Esc"
		       : "Enter loads the customer  Ins saves the form's customer as new  Esc closes");
	tui_textform_set_width(f->query, 0, in.w - 6 - (int)strlen(count) - 1);
	tui_textform_draw(app, f->query, 0, in.y, in.x + 6, true, false);
}

static enum tui_result finder_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	struct finder *f = v->state;
	enum tui_result r = tui_textform_key(f->query, key);
	if (r != TUI_PASS)
		research(app, f, false);
	return r;
}

static enum tui_result finder_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct finder *f = v->state;
	enum tui_result moved = tui_finder_action(f->query, f->list, a);
	if (moved != TUI_PASS)
		return moved;
	switch (a) {
	case ACT_ENTER: {
		size_t sel = tui_list_sel(f->list);
		if (sel >= f->n) {
			tui_message(app, ROLE_ERROR, "no customer selected: type words of a name, "
						     "account, phone, city or PCode");
			return TUI_HANDLED;
		}
		struct afcq_customer c;
		afcq_customer_init(&c);
		afcq_customer_copy(&c, &f->v[sel]);
		tui_pop(app); /* the finder goes first: a refusal is said on the form */
		tui_customer_load(app, &c);
		afcq_customer_done(&c);
		return TUI_HANDLED;
	}
	case ACT_SAVE:
	case ACT_ROW_INSERT: {
		bool new_one = a == ACT_ROW_INSERT || !tui_day_caller(app);
		char *q = afcq_xstrdup(tui_textform_text(f->query, 0));
		tui_pop(app);
		tui_open_customer_save(app, new_one, q);
		free(q);
		return TUI_HANDLED;
	}
	case ACT_CUSTOMER:
		return TUI_CLOSE;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void finder_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct finder *f = v->state;
	afcq_customers_free(f->v, f->n);
	free(f->searched);
	tui_textform_free(f->query);
	tui_list_free(f->list);
	free(f);
}

static void finder_on_resize(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct finder *f = v->state;
	tui_list_set_rows(f->list, list_rows());
}

static const struct tui_view_ops tui_dialog_customer_ops = {
	.name = "customer",
	.draw = finder_draw,
	.on_key = finder_on_key,
	.on_action = finder_on_action,
	.on_resize = finder_on_resize,
	.close = finder_close,
	.text_focus = tui_dialog_text_always,
	.keys = "type words, Enter loads, Esc closes",
};

void tui_open_customer_finder(struct tui_app *app)
{
	if (!tui_day_store(app))
		return;
	tui_form_commit_edit(app);
	struct finder *f = afcq_xcalloc(1, sizeof *f);
	static const int width = 50; /* drawing follows the size */
	f->query = tui_textform_new(1, &width, QUERY_MAX);
	f->list = tui_list_new();
	tui_list_set_rows(f->list, list_rows());
	tui_push(app, &tui_dialog_customer_ops, f);
	research(app, f, true);
}
