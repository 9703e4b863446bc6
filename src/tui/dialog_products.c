/* dialog_products.c - the product picker (PRODUCTS, Ctrl-O).
 *
 * Type words of a product's name: the list narrows as you type (the
 * store's search).  A count typed first adds the product that many times
 * ("3 voip", "3 x voip", "3 lines": AFC's repeat count, each item's qty,
 * see book.h); "line" and "lines" after a count are the unit, not words of
 * a name, unless a product's name has them.  Enter adds the selected
 * product's items to the invoice shown, replacing a grid nobody has filled
 * in yet, and puts the focus on the first item added; Alt-z undoes it, and
 * F4 on an item changes its quantity afterwards.  A product whose items are
 * on the invoice already (each added the same number of times) asks first:
 * c changes that number ("4 lines" after "3 lines"), a adds it again.  The query is a libform
 * field (textform.c), the matches a libmenu list (listmenu.c).
 */
#include "day.h"
#include "teamstore.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/book.h"
#include "afcq/str.h"

#define QUERY_MAX 200
#define FIND_LIMIT 500

struct picker {
	struct tui_textform *query;
	char *searched;
	long long count;              /* from the query; 1 when none typed */
	bool bad_count;
	struct afcq_product *v;
	size_t n;
	struct tui_list *list;
	char why[512];
};

/* Splits the query into a count and the words to search for; the words
 * without the unit ("lines") go into *bare (both malloc'd). */
static char *parse(const char *q, long long *count, bool *bad, char **bare)
{
	*count = 1;
	*bad = false;
	while (isspace((unsigned char)*q))
		q++;
	const char *p = q;
	if (isdigit((unsigned char)*p)) {
		long long n = 0;
		while (isdigit((unsigned char)*p)) {
			if (n <= AFCQ_BOOK_MAX_QTY)
				n = n * 10 + (*p - '0');
			p++;
		}
		if (*p == 'x' || *p == 'X')
			p++;
		if (*p == '\0' || isspace((unsigned char)*p)) {
			*count = n;
			*bad = n < 1 || n > AFCQ_BOOK_MAX_QTY;
			q = p;
			while (isspace((unsigned char)*q))
				q++;
			if ((q[0] == 'x' || q[0] == 'X') && (q[1] == '\0' || isspace((unsigned char)q[1])))
				q++;
		} else {
			p = q; /* "100mb": a word, not a count */
		}
	}
	char *words = afcq_xstrdup(q);
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	char *copy = afcq_xstrdup(words);
	for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		if (strcasecmp(w, "line") != 0 && strcasecmp(w, "lines") != 0)
			afcq_buf_printf(&b, "%s%s", b.len ? " " : "", w);
	free(copy);
	*bare = afcq_buf_steal(&b);
	return words;
}

static bool has_lines(const struct afcq_product *p)
{
	for (size_t i = 0; i < p->n_itms; i++)
		if (p->itms[i].line.set && p->itms[i].line.v > 0)
			return true;
	return false;
}

/* "3 lines": the products that sell lines come first (in their order). */
static void lines_first(struct afcq_product *v, size_t n)
{
	size_t at = 0;
	for (size_t i = 0; i < n; i++)
		if (has_lines(&v[i])) {
			struct afcq_product p = v[i];
			memmove(&v[at + 1], &v[at], (i - at) * sizeof *v);
			v[at++] = p;
		}
}

static void research(struct tui_app *app, struct picker *k, bool force)
{
	const char *q = tui_textform_text(k->query, 0);
	if (!force && k->searched && strcmp(k->searched, q) == 0)
		return;
	free(k->searched);
	k->searched = afcq_xstrdup(q);
	afcq_products_free(k->v, k->n);
	k->v = NULL;
	k->n = 0;
	k->why[0] = '\0';
	char *bare = NULL;
	char *words = parse(q, &k->count, &k->bad_count, &bare);
	struct afcq_store *s = app->day->store;
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = AFCQ_OK;
	if (s) {
		st = afcq_store_products_find(s, words, FIND_LIMIT, &k->v, &k->n, &err);
		/* "3 lines": the unit is no word of a name */
		if (st == AFCQ_OK && k->n == 0 && strcmp(bare, words) != 0) {
			st = afcq_store_products_find(s, bare, FIND_LIMIT, &k->v, &k->n, &err);
			if (st == AFCQ_OK)
				lines_first(k->v, k->n);
		}
	}
	if (!s && app->team) {
		snprintf(k->why, sizeof k->why, "the products are not available: the team's store "
						 "is unavailable");
	} else if (st != AFCQ_OK) {
		afcq_error_line(&err, k->why, sizeof k->why);
		tui_team_failed(app, &err);
	}
	free(words);
	free(bare);
	tui_list_set(k->list, k->n, 0);
	app->dirty = true;
}

static int list_rows(void)
{
	int h = LINES - 2 < 20 ? LINES - 2 : 20;
	return h - 2 - 5;
}

/* "19/6 15.00 + 19/21 1 line + 19/43 1.00" */
static void items_text(const struct afcq_product *p, struct afcq_buf *b)
{
	char a[48];
	for (size_t i = 0; i < p->n_itms; i++) {
		const struct afcq_item *it = &p->itms[i];
		afcq_buf_printf(b, "%s%lld/%lld", i ? " + " : "", it->tran.set ? it->tran.v : 0,
				it->serv.set ? it->serv.v : 0);
		if (it->chg.set && (it->chg.v != 0 || !it->line.set))
			afcq_buf_printf(b, " %s", afcq_number_format(it->chg.v, a, sizeof a));
		if (it->line.set && it->line.v)
			afcq_buf_printf(b, " %lld line%s", it->line.v, it->line.v == 1 ? "" : "s");
		if (it->qty.set && it->qty.v > 1)
			afcq_buf_printf(b, " x%lld", it->qty.v);
	}
}

static void picker_draw(struct tui_app *app, struct tui_view *v)
{
	struct picker *k = v->state;
	int w = COLS - 2 < 100 ? COLS - 2 : 100;
	int h = LINES - 2 < 20 ? LINES - 2 : 20;
	struct tui_rect in = tui_dialog_frame(app, h, w, "Products");
	int rows = list_rows();
	tui_put(app, in.y, in.x, 6, ROLE_LABEL, "Find:");
	char count[48];
	snprintf(count, sizeof count, "%zu found", k->n);
	tui_put(app, in.y, in.x + in.w - (int)strlen(count), (int)strlen(count), ROLE_DIM, count);
	if (k->bad_count)
		tui_putf(app, in.y + 1, in.x, in.w, ROLE_ERROR, "a count is 1 to %d", AFCQ_BOOK_MAX_QTY);
	else if (k->count > 1)
		tui_putf(app, in.y + 1, in.x, in.w, ROLE_DIALOG,
			 "Count: %lld (each item's quantity x%lld)", k->count, k->count);
	else
		tui_put(app, in.y + 1, in.x, in.w, ROLE_DIM,
			"A number first adds it that many times: \"3 voip\", \"3 lines\"");
	int name_w = in.w * 2 / 5;
	tui_fill(app, in.y + 2, in.x, in.w, ROLE_HEADER);
	tui_put(app, in.y + 2, in.x, name_w, ROLE_HEADER, "Product");
	tui_put(app, in.y + 2, in.x + name_w + 1, in.w - name_w - 1, ROLE_HEADER, "Items");
	size_t top, sel;
	int vis = tui_list_view(k->list, rows, &top, &sel);
	if (k->why[0])
		tui_put(app, in.y + 3, in.x, in.w, ROLE_ERROR, k->why);
	else if (k->n == 0 && rows > 0)
		tui_put(app, in.y + 3, in.x, in.w, ROLE_DIM,
			k->searched && *k->searched
				? "  no product matches every word; Backspace widens the search"
				: "  no products yet: afcq products import FILE adds them");
	for (int r = 0; r < vis; r++) {
		size_t i = top + (size_t)r;
		int y = in.y + 3 + r;
		const struct afcq_product *p = &k->v[i];
		enum tui_role role = i == sel ? ROLE_FOCUS : ROLE_DIALOG;
		if (i == sel)
			tui_fill(app, y, in.x, in.w, role);
		tui_put(app, y, in.x, name_w, role, p->name ? p->name : "");
		struct afcq_buf b;
		afcq_buf_init(&b);
		afcq_buf_puts(&b, "");
		items_text(p, &b);
		tui_put(app, y, in.x + name_w + 1, in.w - name_w - 1, role, b.data);
		afcq_buf_done(&b);
	}
	int foot = in.y + in.h - 2;
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	bool empty = !inv || afcq_book_grid_empty(inv);
	tui_put(app, foot, in.x, in.w, ROLE_DIALOG,
		empty ? "Enter: its items replace the empty grid"
		      : "Enter: its items are added after the invoice's items");
	tui_put(app, foot + 1, in.x, in.w, ROLE_DIM,
		"Type words to narrow  Up/Down choose  Enter adds  Esc closes");
	tui_textform_set_width(k->query, 0, in.w - 6 - (int)strlen(count) - 1);
	tui_textform_draw(app, k->query, 0, in.y, in.x + 6, true, false);
}

static enum tui_result picker_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	struct picker *k = v->state;
	enum tui_result r = tui_textform_key(k->query, key);
	if (r != TUI_PASS)
		research(app, k, false);
	return r;
}

/* Adds product p count times to the invoice shown (undoable). */
static void add(struct tui_app *app, const struct afcq_product *p, long long count)
{
	char *what = count > 1 ? afcq_xasprintf("adding %lld x %s", count, p->name)
			       : afcq_xasprintf("adding %s", p->name);
	bool kept = tui_day_undo_keep(app, what);
	if (!kept) {
		free(what);
		return;
	}
	struct afcq_invoice *inv = tui_form_invoice(app);
	size_t first = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_book_add_product(inv, p, count, &first, &err) != AFCQ_OK) {
		tui_day_undo_free(app->day);
		tui_message(app, ROLE_ERROR, "not added: %s", err.msg);
		free(what);
		return;
	}
	tui_day_add_product(app->day, p->name, count);
	tui_day_undo_mark(app);
	app->focus = PANE_FORM;
	tui_form_focus_row(app, first);
	size_t last = inv->n_itms;
	if (count > 1 && last - first > 1)
		tui_message(app, ROLE_OK,
			    "added %lld x %s as items %zu-%zu (quantity %lld, F4 edits); Alt-z undoes",
			    count, p->name, first + 1, last, count);
	else if (count > 1)
		tui_message(app, ROLE_OK,
			    "added %lld x %s as item %zu (quantity %lld, F4 edits); Alt-z undoes",
			    count, p->name, first + 1, count);
	else if (last - first > 1)
		tui_message(app, ROLE_OK, "added %s: items %zu-%zu. Alt-z undoes", p->name, first + 1,
			    last);
	else
		tui_message(app, ROLE_OK, "added %s: item %zu. Alt-z undoes", p->name, first + 1);
	free(what);
}

/* ---- a product already on the invoice: its count changed ---------------- */
static bool same_oint(struct afcq_oint a, struct afcq_oint b)
{
	return a.set == b.set && (!a.set || a.v == b.v);
}

static bool same_odbl(struct afcq_odbl a, struct afcq_odbl b)
{
	return a.set == b.set && (!a.set || a.v == b.v);
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Item it of an invoice is item pi of the product, added n times (*n). */
static bool item_is(const struct afcq_item *it, const struct afcq_item *pi, long long *n)
{
	if (!same_oint(it->tran, pi->tran) || !same_oint(it->serv, pi->serv) ||
	    !same_odbl(it->chg, pi->chg) || !same_oint(it->line, pi->line) ||
	    !same_odbl(it->min, pi->min) || !same_oint(it->loc, pi->loc) ||
	    !same_oint(it->sale, pi->sale) || !same_str(it->ref, pi->ref))
		return false;
	long long base = pi->qty.set ? pi->qty.v : 1;
	long long q = it->qty.set ? it->qty.v : 1;
	if (base < 1 || q % base != 0)
		return false;
	*n = q / base;
	return *n >= 1;
}

/* Where the product's items are on the invoice, each added the same number
 * of times: true with the first item and that count. */
static bool find_on_invoice(const struct afcq_invoice *inv, const struct afcq_product *p,
			    size_t *at, long long *count)
{
	if (!p->n_itms || inv->n_itms < p->n_itms)
		return false;
	for (size_t i = 0; i + p->n_itms <= inv->n_itms; i++) {
		long long n0 = 0, n = 0;
		size_t k = 0;
		for (; k < p->n_itms; k++) {
			if (!item_is(&inv->itms[i + k], &p->itms[k], &n) || (k && n != n0))
				break;
			n0 = n;
		}
		if (k == p->n_itms) {
			*at = i;
			*count = n0;
			return true;
		}
	}
	return false;
}

/* Sets the count of the product's items at at (undoable). */
static void recount(struct tui_app *app, const struct afcq_product *p, size_t at, long long count)
{
	char *what = afcq_xasprintf("changing %s to %lld", p->name, count);
	bool kept = tui_day_undo_keep(app, what);
	free(what);
	if (!kept)
		return;
	struct afcq_invoice *inv = tui_form_invoice(app);
	for (size_t k = 0; k < p->n_itms && at + k < inv->n_itms; k++) {
		const struct afcq_item *pi = &p->itms[k];
		long long base = pi->qty.set ? pi->qty.v : 1;
		if (count == 1)
			inv->itms[at + k].qty = pi->qty;
		else
			inv->itms[at + k].qty = (struct afcq_oint){ true, base * count };
	}
	struct tui_day *d = app->day;
	bool named = false;
	for (size_t i = 0; i < d->n_products && !named; i++)
		if (d->products[i].name && strcmp(d->products[i].name, p->name) == 0) {
			d->products[i].count = count;
			named = true;
		}
	if (!named)
		tui_day_add_product(d, p->name, count);
	tui_day_undo_mark(app);
	app->focus = PANE_FORM;
	tui_form_focus_row(app, at);
	tui_message(app, ROLE_OK, "%s changed to %lld x (items %zu-%zu); Alt-z undoes", p->name,
		    count, at + 1, at + p->n_itms);
}

struct again {
	struct afcq_product p;
	size_t at;
	long long was, count;
};

/* "once", "3 times": how many times a product is on the invoice. */
static const char *times(long long n, char *buf, size_t len)
{
	if (n == 1)
		snprintf(buf, len, "once");
	else
		snprintf(buf, len, "%lld times", n);
	return buf;
}

static void again_draw(struct tui_app *app, struct tui_view *v)
{
	struct again *g = v->state;
	struct tui_rect in = tui_dialog_frame(app, 9, 70, "Already on the invoice");
	char was[32], count[32];
	tui_putf_words(app, in.y, in.x, in.w, ROLE_DIALOG, "%s is on the invoice already:",
		       g->p.name);
	tui_putf(app, in.y + 1, in.x, in.w, ROLE_DIALOG, "items %zu-%zu, %s.", g->at + 1,
		 g->at + g->p.n_itms, times(g->was, was, sizeof was));
	times(g->count, count, sizeof count);
	tui_putf(app, in.y + 3, in.x, in.w, ROLE_DIALOG, "c    change it to %s", count);
	tui_putf(app, in.y + 4, in.x, in.w, ROLE_DIALOG, "a    add it %s more, as new items", count);
	tui_put(app, in.y + in.h - 1, in.x, in.w, ROLE_TITLE, "c: change    a: add    Esc: neither");
}

static enum tui_result again_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	struct again *g = v->state;
	struct afcq_product p = g->p;
	size_t at = g->at;
	long long count = g->count;
	if (key == 'c' || key == 'C' || key == 'a' || key == 'A') {
		afcq_product_init(&g->p); /* p moves out; the view goes */
		tui_pop(app);
		if (key == 'c' || key == 'C')
			recount(app, &p, at, count);
		else
			add(app, &p, count);
		afcq_product_done(&p);
		return TUI_HANDLED;
	}
	return TUI_PASS;
}

static enum tui_result again_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	(void)app;
	(void)v;
	return tui_dialog_action_rest(app, a);
}

static void again_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct again *g = v->state;
	afcq_product_done(&g->p);
	free(g);
}

static const struct tui_view_ops tui_dialog_again_ops = {
	.name = "product-again",
	.draw = again_draw,
	.on_key = again_on_key,
	.on_action = again_on_action,
	.close = again_close,
	.keys = "c changes, a adds, Esc neither",
};

/* Enter on a product: added, or when it is on the invoice already, asked
 * whether its count changes or it is added again. */
static void pick(struct tui_app *app, const struct afcq_product *p, long long count)
{
	size_t at = 0;
	long long was = 0;
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	if (inv && find_on_invoice(inv, p, &at, &was)) {
		struct again *g = afcq_xcalloc(1, sizeof *g);
		afcq_product_init(&g->p);
		afcq_product_copy(&g->p, p);
		g->at = at;
		g->was = was;
		g->count = count;
		tui_push(app, &tui_dialog_again_ops, g);
		return;
	}
	add(app, p, count);
}

static enum tui_result picker_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct picker *k = v->state;
	enum tui_result moved = tui_finder_action(k->query, k->list, a);
	if (moved != TUI_PASS)
		return moved;
	switch (a) {
	case ACT_ENTER: {
		size_t sel = tui_list_sel(k->list);
		if (k->bad_count) {
			tui_message(app, ROLE_ERROR, "count: a count is 1 to %d", AFCQ_BOOK_MAX_QTY);
			return TUI_HANDLED;
		}
		if (sel >= k->n) {
			tui_message(app, ROLE_ERROR, "no product selected: type words of its name");
			return TUI_HANDLED;
		}
		struct afcq_product p;
		afcq_product_init(&p);
		afcq_product_copy(&p, &k->v[sel]);
		long long count = k->count;
		tui_pop(app);
		tui_form_commit_edit(app);
		pick(app, &p, count);
		afcq_product_done(&p);
		return TUI_HANDLED;
	}
	case ACT_PRODUCTS:
		return TUI_CLOSE;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void picker_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct picker *k = v->state;
	afcq_products_free(k->v, k->n);
	free(k->searched);
	tui_textform_free(k->query);
	tui_list_free(k->list);
	free(k);
}

static void picker_on_resize(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct picker *k = v->state;
	tui_list_set_rows(k->list, list_rows());
}

static const struct tui_view_ops tui_dialog_products_ops = {
	.name = "products",
	.draw = picker_draw,
	.on_key = picker_on_key,
	.on_action = picker_on_action,
	.on_resize = picker_on_resize,
	.close = picker_close,
	.text_focus = tui_dialog_text_always,
	.keys = "type words, Enter adds, Esc closes",
};

void tui_open_products(struct tui_app *app)
{
	if (!tui_day_store(app))
		return;
	tui_form_commit_edit(app);
	struct picker *k = afcq_xcalloc(1, sizeof *k);
	static const int width = 50;
	k->query = tui_textform_new(1, &width, QUERY_MAX);
	k->list = tui_list_new();
	k->count = 1;
	tui_list_set_rows(k->list, list_rows());
	tui_push(app, &tui_dialog_products_ops, k);
	research(app, k, true);
}
