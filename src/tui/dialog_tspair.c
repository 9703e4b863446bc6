/* dialog_tspair.c - the T/S pair picker (F11 or Alt-p on the form).
 *
 * Type words of a pair's description: the list narrows as you type (the
 * catalog search of the core: every word must match, ignoring case; a
 * number matches the transaction or the service).  Each row shows the
 * pair, its description and which quantities it uses; Enter puts the
 * selected pair into the line item's T/S field, Esc leaves the field as it
 * was.  The list is the workstation's T/S catalog; while it is still on
 * its way the picker says so and fills in when it arrives.  Only the
 * visible rows are drawn, so the full catalog scrolls as fast as ten rows.
 * The query is a libform field (textform.c) and the matches a libmenu list
 * (listmenu.c), both owned by the picker.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/catalog.h"
#include "afcq/str.h"

#define PAIR_W 9    /* "1234/1234" */
#define USES_W 18   /* "chg+lines+locs+min" */
#define QUERY_MAX 255 /* bytes of the words typed */

struct picker {
	size_t row;                 /* the line item whose T/S is picked */
	struct tui_textform *query; /* one input: the words */
	char *searched;             /* query the matches were computed for */
	const struct afcq_tspair *searched_v; /* catalog they point into */
	size_t searched_n;
	struct afcq_tspair_matches m;
	struct tui_list *list;      /* one row per match */
	long long want_tran, want_serv; /* the row's pair, selected when listed */
	bool have_want;
	bool picked;
	bool from_cell;             /* the query began as words typed in the T/S cell */
};

/* Short form of the quantities a pair uses, for the list column. */
static const char *uses_short(const struct afcq_tspair *p, char *buf, size_t n)
{
	struct afcq_tspair_inputs in = afcq_catalog_tspair_inputs(p);
	if (!in.known) {
		snprintf(buf, n, "any");
		return buf;
	}
	snprintf(buf, n, "%s%s%s%s%s%s%s", in.charge ? "chg" : "",
		 in.charge && (in.lines || in.locations || in.minutes) ? "+" : "",
		 in.lines ? "lines" : "", in.lines && (in.locations || in.minutes) ? "+" : "",
		 in.locations ? "locs" : "", in.locations && in.minutes ? "+" : "",
		 in.minutes ? "min" : "");
	return buf;
}

static const char *pair_desc(const struct afcq_tspair *p, char *buf, size_t n)
{
	if (!afcq_str_empty(p->pair_desc))
		snprintf(buf, n, "%s", p->pair_desc);
	else
		snprintf(buf, n, "%s - %s", p->tran_desc ? p->tran_desc : "",
			 p->serv_desc ? p->serv_desc : "");
	return buf;
}

/* Re-runs the search when the query or the catalog changed. */
static void research(struct tui_app *app, struct picker *k)
{
	if (!app->tspairs_loaded)
		return;
	const char *query = tui_textform_text(k->query, 0);
	if (k->searched && strcmp(k->searched, query) == 0 &&
	    k->searched_v == app->tspairs.v && k->searched_n == app->tspairs.n)
		return;
	afcq_tspair_matches_done(&k->m);
	memset(&k->m, 0, sizeof k->m);
	char *searched = afcq_xstrdup(query);
	afcq_catalog_search_tspairs(&app->tspairs, searched, &k->m);
	free(k->searched);
	k->searched = searched;
	k->searched_v = app->tspairs.v;
	k->searched_n = app->tspairs.n;
	size_t sel = 0;
	/* with nothing typed, start on the pair the row already has */
	if (k->have_want && !*searched)
		for (size_t i = 0; i < k->m.n; i++)
			if (k->m.v[i].pair->tran == k->want_tran &&
			    k->m.v[i].pair->serv == k->want_serv) {
				sel = i;
				break;
			}
	tui_list_set(k->list, k->m.n, sel);
	app->dirty = true;
}

/* Rows of the list at the current size (the frame is drawn the same way). */
static int list_rows(void)
{
	int h = LINES - 2 < 22 ? LINES - 2 : 22;
	return h - 2 - 5;
}

static void picker_draw(struct tui_app *app, struct tui_view *v)
{
	struct picker *k = v->state;
	research(app, k);
	int w = COLS - 2 < 100 ? COLS - 2 : 100;
	int h = LINES - 2 < 22 ? LINES - 2 : 22;
	char title[64];
	snprintf(title, sizeof title, "T/S pair for line item %zu", k->row + 1);
	struct tui_rect in = tui_dialog_frame(app, h, w, title);
	int rows = list_rows();
	char buf[1024], age[64];

	tui_put(app, in.y, in.x, 6, ROLE_LABEL, "Find:");
	int qw = in.w - 6 - 22;
	char count[48] = "";
	if (app->tspairs_loaded)
		snprintf(count, sizeof count, "%zu of %zu pairs", k->m.n, app->tspairs.n);
	tui_put(app, in.y, in.x + in.w - (int)strlen(count), (int)strlen(count), ROLE_DIM, count);

	const char *src = app->lookup_api.endpoint_label ? app->lookup_api.endpoint_label : "?";
	char *key = afcq_catalog_endpoint_key(src);
	if (app->tspairs_loaded)
		snprintf(buf, sizeof buf, "catalog %s from %s",
			 afcq_catalog_age_text(app->tspairs_fetched, 0, age, sizeof age),
			 key ? key : src);
	else if (app->ts_pending || app->ts_reading)
		snprintf(buf, sizeof buf, "loading the T/S catalog from %s...", key ? key : src);
	else
		snprintf(buf, sizeof buf, "no T/S catalog from %s: %s", key ? key : src,
			 app->msg[0] ? app->msg : "not loaded");
	free(key);
	tui_put(app, in.y + 1, in.x, in.w, app->tspairs_loaded || app->ts_pending || app->ts_reading ? ROLE_DIM
										 : ROLE_ERROR, buf);

	int uses_x = in.x + in.w - USES_W;
	int desc_x = in.x + PAIR_W + 2;
	int desc_w = uses_x - desc_x - 1;
	tui_fill(app, in.y + 2, in.x, in.w, ROLE_HEADER);
	tui_put(app, in.y + 2, in.x, PAIR_W, ROLE_HEADER, "Tran/Serv");
	tui_put(app, in.y + 2, desc_x, desc_w, ROLE_HEADER, "Description");
	tui_put(app, in.y + 2, uses_x, USES_W, ROLE_HEADER, "Uses");

	size_t top, sel;
	int vis = tui_list_view(k->list, rows, &top, &sel);
	if (k->m.n == 0 && rows > 0 && app->tspairs_loaded)
		tui_put(app, in.y + 3, in.x, in.w, ROLE_DIM,
			"  no pair matches every word; Backspace widens the search");
	for (int r = 0; r < vis; r++) {
		size_t i = top + (size_t)r;
		int y = in.y + 3 + r;
		const struct afcq_tspair *p = k->m.v[i].pair;
		enum tui_role role = i == sel ? ROLE_FOCUS : ROLE_DIALOG;
		if (i == sel)
			tui_fill(app, y, in.x, in.w, role);
		char pair[32], uses[32];
		snprintf(pair, sizeof pair, "%d/%d", p->tran, p->serv);
		tui_put(app, y, in.x, PAIR_W, role, pair);
		tui_put(app, y, desc_x, desc_w, role, pair_desc(p, buf, sizeof buf));
		tui_put(app, y, uses_x, USES_W, role, uses_short(p, uses, sizeof uses));
	}

	int foot = in.y + in.h - 2;
	if (sel < k->m.n) {
		const struct afcq_tspair *p = k->m.v[sel].pair;
		char uses[64], desc[160];
		tui_putf(app, foot, in.x, in.w, ROLE_DIALOG, "%d/%d %s%s: uses %s", p->tran, p->serv,
			 pair_desc(p, desc, sizeof desc), p->is_bundle ? " (bundle)" : "",
			 afcq_catalog_inputs_text(afcq_catalog_tspair_inputs(p), uses, sizeof uses));
	}
	tui_put(app, foot + 1, in.x, in.w, ROLE_DIM,
		"Type words to narrow  Up/Down/PgUp/PgDn choose  Enter picks  Esc cancels");
	tui_textform_set_width(k->query, 0, qw);
	tui_textform_draw(app, k->query, 0, in.y, in.x + 6, true, false);
}

static enum tui_result picker_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	struct picker *k = v->state;
	enum tui_result r = tui_textform_key(k->query, key);
	if (r != TUI_PASS)
		research(app, k);
	return r;
}

/* Puts the selected pair into the row's T/S field; false when there is none. */
static bool pick(struct tui_app *app, struct picker *k)
{
	size_t sel = tui_list_sel(k->list);
	if (sel >= k->m.n || k->row >= tui_form_n_items(app))
		return false;
	const struct afcq_tspair *p = k->m.v[sel].pair;
	int fi = tui_field_index(TBL_ITEM, "ts");
	char text[32], msg[256], desc[160], uses[64];
	snprintf(text, sizeof text, "%d/%d", p->tran, p->serv);
	if (fi < 0 || tui_field_set(app, TBL_ITEM, (size_t)fi, k->row, text, msg, sizeof msg) != 0) {
		tui_message(app, ROLE_ERROR, "%s", fi < 0 ? "no T/S field" : msg);
		return false;
	}
	tui_message(app, ROLE_OK, "item %zu: T/S %s %s (uses %s)", k->row + 1, text,
		    pair_desc(p, desc, sizeof desc),
		    afcq_catalog_inputs_text(afcq_catalog_tspair_inputs(p), uses, sizeof uses));
	return true;
}

static enum tui_result picker_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct picker *k = v->state;
	enum tui_result moved = tui_finder_action(k->query, k->list, a);
	if (moved != TUI_PASS)
		return moved;
	switch (a) {
	case ACT_ENTER:
		if (!pick(app, k)) {
			if (!app->tspairs_loaded)
				tui_message(app, ROLE_ERROR, "no T/S catalog yet: nothing to pick");
			return TUI_HANDLED;
		}
		k->picked = true;
		return TUI_CLOSE;
	case ACT_PICK_TSPAIR:
		return TUI_CLOSE;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void picker_on_tick(struct tui_app *app, struct tui_view *v)
{
	research(app, v->state);
}

/* The words of the query back into the row's T/S cell, as typed there. */
static void give_back(struct tui_app *app, size_t row, const char *query)
{
	struct tui_edit *e = &app->form.edit;
	int ts = tui_field_index(TBL_ITEM, "ts");
	size_t len = strlen(query);
	if (!e->active || e->t != TBL_ITEM || ts < 0 || e->fi != (size_t)ts || e->rec != row ||
	    len >= sizeof e->buf)
		return;
	memcpy(e->buf, query, len + 1);
	e->len = e->cur = len;
	e->fresh = false;
	e->dirty = true;
}

static void picker_close(struct tui_app *app, struct tui_view *v)
{
	struct picker *k = v->state;
	bool picked = k->picked, from_cell = k->from_cell;
	size_t row = k->row;
	char *query = afcq_xstrdup(tui_textform_text(k->query, 0));
	afcq_tspair_matches_done(&k->m);
	free(k->searched);
	tui_textform_free(k->query);
	tui_list_free(k->list);
	free(k);
	/* after a pick the focused cell re-reads the form; after Esc it keeps
	 * whatever was being typed in it */
	if (!picked && from_cell)
		give_back(app, row, query);
	free(query);
	if (picked) {
		/* on to the first quantity the pair uses */
		size_t n;
		tui_fields(TBL_ITEM, &n);
		int ts = tui_field_index(TBL_ITEM, "ts");
		if (app->form.in_grid && ts >= 0 && app->form.col == (size_t)ts) {
			size_t c = tui_items_next_col(app, app->form.row, (size_t)ts);
			if (c < n)
				app->form.col = c;
		}
		tui_form_refocus(app);
	}
}

const struct tui_view_ops tui_dialog_tspair_ops = {
	.name = "tspair",
	.draw = picker_draw,
	.on_key = picker_on_key,
	.on_action = picker_on_action,
	.on_tick = picker_on_tick,
	.close = picker_close,
	.text_focus = tui_dialog_text_always,
	.keys = "type words, Enter picks, Esc cancels",
};

/* Words typed into the T/S cell (not a pair yet) become the first query. */
static bool looks_like_pair(const char *s)
{
	long long t, sv;
	char extra;
	return sscanf(s, "%lld/%lld%c", &t, &sv, &extra) == 2;
}

void tui_open_tspair_picker(struct tui_app *app, size_t row)
{
	struct picker *k = afcq_xcalloc(1, sizeof *k);
	const struct tui_edit *e = &app->form.edit;
	int ts = tui_field_index(TBL_ITEM, "ts");
	k->row = row;
	static const int width = 46; /* the width at 80 columns; drawing follows the size */
	k->query = tui_textform_new(1, &width, QUERY_MAX);
	k->list = tui_list_new();
	bool on_ts = e->active && e->t == TBL_ITEM && ts >= 0 && e->fi == (size_t)ts && e->rec == row;
	if (on_ts && e->dirty && !looks_like_pair(e->buf)) {
		tui_textform_set(k->query, 0, e->buf);
		k->from_cell = true;
	}
	tui_textform_append(k->query); /* typing goes on after those words */
	/* Anything else being edited is stored first: picking re-reads the
	 * focused field.  Words typed in the T/S cell stay there until a pair
	 * is picked, so Esc gives the cell back as it was. */
	if (!on_ts)
		tui_form_commit_edit(app);
	char *cur = ts >= 0 ? tui_field_text(app, TBL_ITEM, (size_t)ts, row) : NULL;
	long long t, s;
	char extra;
	if (cur && sscanf(cur, "%lld/%lld%c", &t, &s, &extra) == 2) {
		k->want_tran = t;
		k->want_serv = s;
		k->have_want = true;
	}
	free(cur);
	if (!app->tspairs_loaded && !app->ts_pending && !app->ts_reading && tui_client(app))
		tui_calls_start_catalog(app); /* try again: it may have failed at start */
	tui_push(app, &tui_dialog_tspair_ops, k);
	research(app, k);
}
