/* screen_history.c - F8: what was sent, newest first: time, kind, total,
 * outcome, the bill-to PCode and its place, the customer of the book it was
 * made for (on a screen of 100 columns or more; the selected entry's line
 * names it whatever the width), the endpoint, then (as wide as the screen
 * allows) invoice number and document.  / searches every column, the
 * customer's name and account (by their words, as afcq history --customer
 * does), and the request and answer sent, ignoring case and accents
 * ("jose" finds José), n finds the next match.  Enter shows an entry's
 * results in the panes; l loads its request into the form; R resolves an
 * unknown outcome (calls_resolve.c); A switches a team's journal between
 * one's own entries and every rep's, u shows one rep's (picked from those
 * who sent the entries, pick.h).  The list is read again when history
 * changed meanwhile (app->history_gen).  The entry
 * with the focus and the scrolling are a libmenu list (listmenu.c) owned
 * by the screen; only the visible rows are drawn.
 */
#include "tui.h"
#include "pick.h"
#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/money.h"
#include "afcq/str.h"
#include "afcq/words.h"

#define HISTORY_LIMIT 2000
/* The customer column: this wide, shown from this many columns more than
 * the row needs without it (80, or 91 with who sent each). */
#define CUSTOMER_COLS 18
#define CUSTOMER_ROOM 20

/* What a row shows of an entry's request (read when first drawn). */
struct bill {
	bool read;
	long long pcd;              /* 0: none */
	char where[24];             /* without a PCode: the ZIP or city, state */
};

struct hist {
	struct afcq_history_entry *v;
	size_t n;
	struct bill *bill;          /* per entry */
	char search[128];
	struct tui_list *list;      /* one row per entry */
	unsigned long gen;          /* app->history_gen when read */
	bool all;                   /* a team's journal: every rep's entries */
	char *user;                 /* ...or only those this rep sent (user@host) */
	bool cut;                   /* the list read held HISTORY_LIMIT entries */
	char **users;               /* the reps u offered, while its dialog is open */
	size_t n_users;
};

/* Keeps of v[0, *n) the entries user sent, in order; frees the others. */
static void keep_user(struct afcq_history_entry *v, size_t *n, const char *user)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (v[i].by && strcmp(v[i].by, user) == 0)
			v[k++] = v[i];
		else
			afcq_history_entry_done(&v[i]);
	}
	*n = k;
}

static void hist_open(struct tui_app *app, struct tui_view *v)
{
	struct hist *h = v->state;
	struct afcq_error err;
	afcq_error_clear(&err);
	size_t keep = tui_list_sel(h->list);
	afcq_history_list_free(h->v, h->n);
	free(h->bill);
	h->bill = NULL;
	h->v = NULL;
	h->n = 0;
	h->gen = app->history_gen;
	if (!app->history) {
		tui_message(app, ROLE_ERROR, "history is not available");
		return;
	}
	if (afcq_history_list_by(app->history, HISTORY_LIMIT, h->all || h->user, &h->v, &h->n,
				 &err) != AFCQ_OK) {
		char line[800];
		tui_message(app, ROLE_ERROR, "history: %s", afcq_error_line(&err, line, sizeof line));
		h->v = NULL;
		h->n = 0;
	}
	h->cut = h->n >= HISTORY_LIMIT;
	if (h->user)
		keep_user(h->v, &h->n, h->user);
	h->bill = afcq_xcalloc(h->n ? h->n : 1, sizeof *h->bill);
	tui_list_set(h->list, h->n, keep < h->n ? keep : 0);
}

/* The bill-to of entry i, from its request as sent. */
static const struct bill *bill_of(struct tui_app *app, struct hist *h, size_t i)
{
	struct bill *b = &h->bill[i];
	if (b->read)
		return b;
	b->read = true;
	struct afcq_history_entry e;
	struct afcq_error err;
	memset(&e, 0, sizeof e);
	afcq_error_clear(&err);
	if (afcq_history_get(app->history, h->v[i].id, &e, &err) != AFCQ_OK)
		return b;
	struct afcq_request r;
	afcq_request_init(&r);
	afcq_error_clear(&err);
	if (e.request && afcq_codec_parse_request(e.request, strlen(e.request), &r, &err) == AFCQ_OK &&
	    r.n_inv) {
		const struct afcq_location *l = &r.inv[0].bill;
		if (l->pcd.set)
			b->pcd = l->pcd.v;
		else if (l->zip)
			snprintf(b->where, sizeof b->where, "ZIP %s", l->zip);
		else if (l->city || l->st)
			snprintf(b->where, sizeof b->where, "%s%s%s", l->city ? l->city : "",
				 l->city && l->st ? ", " : "", l->st ? l->st : "");
	}
	afcq_request_done(&r);
	afcq_history_entry_done(&e);
	return b;
}

/* The endpoint as a row shows it: "sandbox", or the host and port. */
static const char *endpoint_short(const char *ep, char *buf, size_t n)
{
	if (!ep)
		return "";
	const char *p = strstr(ep, "://");
	p = p ? p + 3 : ep;
	snprintf(buf, n, "%.*s", (int)strcspn(p, "/"), p);
	return buf;
}

static const char *outcome_short(enum afcq_outcome o)
{
	switch (o) {
	case AFCQ_OUTCOME_OK: return "ok";
	case AFCQ_OUTCOME_API_ERROR: return "API err";
	case AFCQ_OUTCOME_FAILED: return "failed";
	case AFCQ_OUTCOME_CANCELLED: return "cancel";
	case AFCQ_OUTCOME_ARRIVED: return "arrived";
	case AFCQ_OUTCOME_NEVER_ARRIVED: return "never";
	default: return "unknown";
	}
}

/* The PCode and place (or ZIP, city) columns of entry i. */
static void row_bill(struct tui_app *app, struct hist *h, size_t i, char *pcd, size_t pn,
		     char *place, size_t n)
{
	const char *kind = h->v[i].kind;
	if (!kind || (strcmp(kind, "quote") != 0 && strcmp(kind, "invoice") != 0))
		return;
	const struct bill *b = bill_of(app, h, i);
	if (!b->pcd) {
		snprintf(place, n, "%s", b->where);
		return;
	}
	snprintf(pcd, pn, "%lld", b->pcd);
	const struct afcq_pcode_location *l = tui_place(app, b->pcd);
	if (l)
		tui_place_short(l, place, n < 14 ? n : 14);
}

/* What / looks for, folded as the customer book folds names: the text
 * lower-case without accents ("jose" finds José), and its words' patterns
 * for the customer (afcq/words.h, as afcq history --customer finds them). */
struct wanted {
	char *folded;
	char **pats;
	size_t n_pats;
};

/* Whether entry i holds w: the customer's name and account by their words,
 * or the text in a column or in what was sent or came back. */
static bool entry_has(struct tui_app *app, struct hist *h, size_t i, const struct wanted *w)
{
	const struct afcq_history_entry *e = &h->v[i];
	if (e->customer) {
		const char *texts[] = { e->customer, e->customer_account };
		char *key = afcq_words_key(texts, 2);
		bool found = afcq_words_match(key, w->pats, w->n_pats);
		free(key);
		if (found)
			return true;
	}
	char pcd[16] = "", place[24] = "", total[48] = "";
	row_bill(app, h, i, pcd, sizeof pcd, place, sizeof place);
	if (e->has_total)
		afcq_money_format(e->total, total, sizeof total);
	const char *cols[] = { e->time, e->kind, e->doc, e->invn, e->endpoint, e->by, e->detail,
			       outcome_short(e->outcome), pcd, place, total, e->customer,
			       e->customer_account };
	for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
		if (cols[k] && afcq_words_contains(cols[k], w->folded))
			return true;
	struct afcq_history_entry full;
	struct afcq_error err;
	memset(&full, 0, sizeof full);
	afcq_error_clear(&err);
	bool found = false;
	if (afcq_history_get(app->history, e->id, &full, &err) == AFCQ_OK)
		found = afcq_words_contains(full.request, w->folded) ||
			afcq_words_contains(full.response, w->folded);
	afcq_history_entry_done(&full);
	return found;
}

/* Selects the first entry from from on (going round) that holds the search. */
static void find_next(struct tui_app *app, struct hist *h, size_t from)
{
	if (!h->search[0] || !h->n)
		return;
	struct wanted w = { .folded = afcq_words_fold(h->search) };
	w.pats = afcq_words_patterns(h->search, &w.n_pats);
	bool found = false;
	for (size_t k = 0; k < h->n && !found; k++) {
		size_t i = (from + k) % h->n;
		if (entry_has(app, h, i, &w)) {
			tui_list_set(h->list, h->n, i);
			tui_message(app, ROLE_NORMAL, "history: \"%s\" in entry %lld (n: next)",
				    h->search, (long long)h->v[i].id);
			found = true;
		}
	}
	if (!found)
		tui_message(app, ROLE_ERROR, "history: \"%s\" not found", h->search);
	afcq_words_patterns_free(w.pats, w.n_pats);
	free(w.folded);
}

static void search_done(struct tui_app *app, void *data, const char *text)
{
	(void)data;
	struct tui_view *v = tui_top(app);
	if (v->ops != &tui_screen_history_ops || afcq_str_empty(text))
		return;
	struct hist *h = v->state;
	snprintf(h->search, sizeof h->search, "%s", text);
	find_next(app, h, tui_list_sel(h->list));
}

static void hist_draw(struct tui_app *app, struct tui_view *v)
{
	struct hist *h = v->state;
	if (h->gen != app->history_gen)
		hist_open(app, v);
	int y0 = app->lay.status.y + 1, y1 = app->lay.total.y;
	int rows = y1 - y0 - 3; /* the titles; the selected entry's line and the keys below */
	for (int y = y0; y < y1; y++)
		tui_fill(app, y, 0, COLS, ROLE_NORMAL);
	tui_fill(app, y0, 0, COLS, ROLE_HEADER);
	bool team = afcq_history_shared(app->history);
	/* the customer after the bill-to when there is room; the column
	 * starts where the bill-to ends */
	int cx = team ? 75 : 64;
	bool cust = COLS >= (team ? 91 : 80) + CUSTOMER_ROOM;
	char gap[CUSTOMER_COLS + 2] = "";
	if (cust)
		snprintf(gap, sizeof gap, "%-*s", CUSTOMER_COLS + 1, "Customer");
	/* a team's journal: who sent it comes before the place (80 columns) */
	tui_putf(app, y0, 0, COLS, ROLE_HEADER, "%3s %-11s %-8s %8s %-7s %s%-7s %-13s %s%-15s %s %s",
		 "#", "UTC time", "Kind", "Total", "Outcome", team ? "By         " : "", "PCode",
		 "Bill-to", gap, "Endpoint", "Invoice", "Document");
	if (cust)
		memset(gap, ' ', CUSTOMER_COLS + 1);
	if (h->n == 0) {
		tui_put(app, y0 + 1, 0, COLS, ROLE_DIM, "  nothing sent yet (Esc back)");
		return;
	}
	size_t top, sel;
	int vis = tui_list_view(h->list, rows, &top, &sel);
	for (int k = 0; k < vis; k++) {
		size_t i = top + (size_t)k;
		const struct afcq_history_entry *e = &h->v[i];
		char total[48] = "";
		if (e->has_total)
			afcq_money_format(e->total, total, sizeof total);
		char time[20] = "";
		/* "2022-03-02T05:12:51Z" -> "03-02 05:12" */
		if (e->time && strlen(e->time) >= 16)
			snprintf(time, sizeof time, "%.5s %.5s", e->time + 5, e->time + 11);
		enum tui_role role = i == sel ? ROLE_SELECTED
				     : e->outcome == AFCQ_OUTCOME_OK ? ROLE_NORMAL : ROLE_ERROR;
		tui_fill(app, y0 + 1 + k, 0, COLS, role);
		/* a team's journal: who sent it (the user part of user@host) */
		char by[12] = "";
		if (team)
			snprintf(by, sizeof by, "%-10.*s ",
				 e->by ? (int)strcspn(e->by, "@") : 0, e->by ? e->by : "");
		char pcd[16] = "", place[24] = "", ep[64];
		row_bill(app, h, i, pcd, sizeof pcd, place, sizeof place);
		tui_putf(app, y0 + 1 + k, 0, COLS, role,
			 "%3lld %-11s %-8.8s %8s %-7.7s %s%-7.7s %-13.13s %s%-15.15s %s %s",
			 (long long)e->id, time, e->kind ? e->kind : "", total,
			 outcome_short(e->outcome), by, pcd, place, gap,
			 endpoint_short(e->endpoint, ep, sizeof ep), e->invn ? e->invn : "-",
			 e->doc ? e->doc : "");
		/* clipped to its display columns (a name may hold any letter) */
		if (cust && e->customer)
			tui_put(app, y0 + 1 + k, cx, CUSTOMER_COLS, role, e->customer);
	}
	/* the selected entry's invoice number, document and customer,
	 * whatever the width */
	const struct afcq_history_entry *s = sel < h->n ? &h->v[sel] : NULL;
	if (s && (s->invn || s->doc || s->customer))
		/* the customer before the document, whose code may be long */
		tui_putf_words(app, y1 - 2, 0, COLS, ROLE_DIM, " #%lld %s%s%s%s%s%s%s%s  document %s",
			       (long long)s->id, s->kind ? s->kind : "", s->invn ? " number " : "",
			       s->invn ? s->invn : "", s->customer ? "  customer " : "",
			       s->customer ? s->customer : "",
			       s->customer && s->customer_account ? " (" : "",
			       s->customer && s->customer_account ? s->customer_account : "",
			       s->customer && s->customer_account ? ")" : "", s->doc ? s->doc : "-");
	if (!team) {
		tui_putf_words(app, y1 - 1, 0, COLS, ROLE_DIM,
			       " %zu entr%s  Enter: results  l: load  / find  R: resolve  Esc: back",
			       h->n, h->n == 1 ? "y" : "ies");
		return;
	}
	/* a team's: whose entries, and the keys that choose (R where it
	 * does something, so that the line fits 80 columns) */
	bool pending = sel < h->n && h->v[sel].outcome == AFCQ_OUTCOME_PENDING;
	tui_putf_words(app, y1 - 1, 0, COLS, ROLE_DIM,
		       " %zu entr%s%s%.*s  Enter results  l load  / find  %su one rep  A %s  Esc back",
		       h->n, h->n == 1 ? "y" : "ies", h->user ? " by " : "",
		       h->user ? (int)strcspn(h->user, "@") : 0, h->user ? h->user : "",
		       pending ? "R resolve  " : "", h->all || h->user ? "yours" : "every rep's");
}

static enum afcq_op kind_op(const char *kind)
{
	if (kind && strcmp(kind, "invoice") == 0)
		return AFCQ_OP_INVOICE;
	if (kind && strcmp(kind, "commit") == 0)
		return AFCQ_OP_COMMIT;
	if (kind && strcmp(kind, "uncommit") == 0)
		return AFCQ_OP_UNCOMMIT;
	return AFCQ_OP_QUOTE;
}

static enum tui_result open_entry(struct tui_app *app, struct hist *h, bool load)
{
	size_t sel = tui_list_sel(h->list);
	if (sel >= h->n)
		return TUI_HANDLED;
	struct afcq_history_entry e;
	struct afcq_error err;
	char msg[800];
	memset(&e, 0, sizeof e);
	afcq_error_clear(&err);
	if (afcq_history_get(app->history, h->v[sel].id, &e, &err) != AFCQ_OK) {
		tui_message(app, ROLE_ERROR, "history: %s", afcq_error_line(&err, msg, sizeof msg));
		return TUI_HANDLED;
	}
	enum afcq_op op = kind_op(e.kind);
	long long id = (long long)e.id;
	if (load) {
		if (op == AFCQ_OP_COMMIT || op == AFCQ_OP_UNCOMMIT || !e.request) {
			tui_message(app, ROLE_ERROR, "entry %lld is not a tax request", id);
		} else if (tui_form_load_text(app, e.request, msg, sizeof msg) != 0) {
			tui_message(app, ROLE_ERROR, "entry %lld: %s", id, msg);
		} else {
			tui_message(app, ROLE_OK, "loaded the request of history entry %lld into the form",
				    id);
			afcq_history_entry_done(&e);
			return TUI_CLOSE;
		}
		afcq_history_entry_done(&e);
		return TUI_HANDLED;
	}
	if (op == AFCQ_OP_COMMIT || op == AFCQ_OP_UNCOMMIT) {
		char text[1200];
		snprintf(text, sizeof text, "%s of %s at %s\noutcome: %s\nanswer: %.600s", e.kind,
			 e.doc ? e.doc : "?", e.time ? e.time : "?", afcq_outcome_name(e.outcome),
			 e.response ? e.response : "(none)");
		afcq_history_entry_done(&e);
		tui_show_message(app, "History entry", text);
		return TUI_HANDLED;
	}
	tui_results_show(app, op, e.request, e.response, e.id);
	char note[400];
	if (e.detail && !e.response)
		tui_message(app, ROLE_ERROR, "entry %lld: %s", id, e.detail);
	else if (afcq_history_shortened(e.response, note, sizeof note))
		tui_message(app, ROLE_OK, "entry %lld: %s", id, note);
	else
		tui_message(app, ROLE_OK, "showing history entry %lld (%s%s%s)", id, e.kind,
			    e.doc ? " " : "", e.doc ? e.doc : "");
	afcq_history_entry_done(&e);
	app->focus = PANE_TAXES;
	return TUI_CLOSE;
}

static void free_users(struct hist *h)
{
	for (size_t i = 0; i < h->n_users; i++)
		free(h->users[i]);
	free(h->users);
	h->users = NULL;
	h->n_users = 0;
}

static const char no_team[] = "this history is yours alone: a team's store (config key store) "
			      "shares one";

/* The rep offered as line i of u's dialog was picked: 0 every rep's
 * entries, else h->users[i - 1]'s. */
static void user_picked(struct tui_app *app, size_t i)
{
	struct tui_view *v = tui_top(app);
	if (v->ops != &tui_screen_history_ops)
		return;
	struct hist *h = v->state;
	free(h->user);
	h->user = i > 0 && i <= h->n_users ? afcq_xstrdup(h->users[i - 1]) : NULL;
	h->all = true;
	free_users(h);
	hist_open(app, v);
	if (!h->user)
		tui_message(app, ROLE_NORMAL, "history: every rep's entries");
	else if (h->cut)
		tui_message(app, ROLE_NORMAL, "history: the %zu entr%s %s sent among the team's "
					      "newest %d", h->n, h->n == 1 ? "y" : "ies", h->user,
			    HISTORY_LIMIT);
	else
		tui_message(app, ROLE_NORMAL, "history: the %zu entr%s %s sent", h->n,
			    h->n == 1 ? "y" : "ies", h->user);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* u: the reps who sent the team's entries (its newest HISTORY_LIMIT), in
 * alphabetical order, each with how many, offered to pick one. */
static void offer_users(struct tui_app *app, struct hist *h)
{
	if (!afcq_history_shared(app->history)) {
		tui_message(app, ROLE_NORMAL, "%s", no_team);
		return;
	}
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_history_list_by(app->history, HISTORY_LIMIT, true, &v, &n, &err) != AFCQ_OK) {
		char line[800];
		tui_message(app, ROLE_ERROR, "history: %s", afcq_error_line(&err, line, sizeof line));
		return;
	}
	free_users(h);
	h->users = afcq_xcalloc(n ? n : 1, sizeof *h->users);
	for (size_t i = 0; i < n; i++) {
		if (afcq_str_empty(v[i].by))
			continue;
		size_t k = 0;
		while (k < h->n_users && strcmp(h->users[k], v[i].by) != 0)
			k++;
		if (k == h->n_users)
			h->users[h->n_users++] = afcq_xstrdup(v[i].by);
	}
	if (h->n_users == 0) {
		tui_message(app, ROLE_NORMAL, "history: no entry names who sent it");
		afcq_history_list_free(v, n);
		return;
	}
	qsort(h->users, h->n_users, sizeof *h->users, by_name);
	size_t *count = afcq_xcalloc(h->n_users, sizeof *count);
	for (size_t i = 0; i < n; i++) {
		char *const *u = afcq_str_empty(v[i].by)
				 ? NULL
				 : bsearch(&v[i].by, h->users, h->n_users, sizeof *h->users, by_name);
		if (u)
			count[u - h->users]++;
	}
	char **lines = afcq_xcalloc(h->n_users + 1, sizeof *lines);
	size_t sel = 0;
	lines[0] = afcq_xasprintf("every rep's entries (%zu)", n);
	for (size_t k = 0; k < h->n_users; k++) {
		lines[k + 1] = afcq_xasprintf("%-40s %5zu entr%s", h->users[k], count[k],
					      count[k] == 1 ? "y" : "ies");
		if (h->user && strcmp(h->user, h->users[k]) == 0)
			sel = k + 1;
	}
	tui_pick(app, "Whose entries", (const char *const *)lines, h->n_users + 1, sel,
		 "Enter lists that rep's entries (who sent them), Esc keeps the list",
		 user_picked);
	for (size_t k = 0; k <= h->n_users; k++)
		free(lines[k]);
	free(lines);
	free(count);
	afcq_history_list_free(v, n);
}

static enum tui_result hist_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct hist *h = v->state;
	if (tui_list_action(h->list, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_SEARCH:
		tui_prompt(app, "Search the history", "Find:", h->search, search_done, NULL);
		return TUI_HANDLED;
	case ACT_SEARCH_NEXT:
		find_next(app, h, tui_list_sel(h->list) + 1);
		return TUI_HANDLED;
	case ACT_ENTER:
		return open_entry(app, h, false);
	case ACT_LOAD:
		return open_entry(app, h, true);
	case ACT_RESOLVE: {
		size_t sel = tui_list_sel(h->list);
		if (sel < h->n && h->v[sel].outcome == AFCQ_OUTCOME_PENDING)
			tui_offer_resolve(app, &h->v[sel]);
		else
			tui_message(app, ROLE_NORMAL, "the selected entry's outcome is known");
		return TUI_HANDLED;
	}
	case ACT_HISTORY_ALL:
		if (!afcq_history_shared(app->history)) {
			tui_message(app, ROLE_NORMAL, "%s", no_team);
			return TUI_HANDLED;
		}
		if (h->user) {
			/* one rep's: back to one's own */
			free(h->user);
			h->user = NULL;
			h->all = false;
		} else {
			h->all = !h->all;
		}
		hist_open(app, v);
		tui_message(app, ROLE_NORMAL, "history: %s", h->all ? "every rep's entries"
									: "your entries");
		return TUI_HANDLED;
	case ACT_HISTORY_USER:
		offer_users(app, h);
		return TUI_HANDLED;
	case ACT_CANCEL:
	case ACT_HISTORY:
		return TUI_CLOSE;
	default:
		return TUI_PASS;
	}
}

static void hist_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct hist *h = v->state;
	free(h->user);
	free_users(h);
	afcq_history_list_free(h->v, h->n);
	free(h->bill);
	tui_list_free(h->list);
	free(h);
}

const struct tui_view_ops tui_screen_history_ops = {
	.name = "history",
	.open = hist_open,
	.draw = hist_draw,
	.on_action = hist_on_action,
	.close = hist_close,
	.keys = "Enter results, l loads, / finds, R resolves, Esc back",
	.full_screen = true,
};

void tui_open_history(struct tui_app *app)
{
	struct hist *h = afcq_xcalloc(1, sizeof *h);
	h->list = tui_list_new();
	tui_push(app, &tui_screen_history_ops, h);
}
