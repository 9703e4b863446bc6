/* dialog_pcode.c - the PCode finder (Ctrl-F or Alt-f on the form).
 *
 * A small form (ZIP, city, state, county, NPA-NXX, FIPS, country, a best
 * match check box and a result limit: what `afcq pcode` takes), prefilled
 * from the location the PCode belongs to.  Enter sends a PCode lookup with
 * whatever is filled in, through the asynchronous api: the dialog owns the
 * call (app->lookup_pending, which the loop pumps) and completes it from
 * its tick, so the keyboard never waits; Esc cancels it.  One match fills
 * the PCode at once; several are listed (PCode, country, state, county,
 * locality) to choose from, unless they all share one PCode (a ZIP
 * across several localities): that PCode is filled at once.  A failure or a cancel is said in the dialog
 * and nothing typed in its form is lost; the request form is only touched
 * when a PCode is chosen.  The text inputs are libform fields
 * (textform.c) and the matches a libmenu list (listmenu.c), both owned by
 * the finder; the check box is the finder's own flag (Space toggles it).
 */
#include "tui.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/str.h"

/* Text inputs first (the libform fields), then the check box; in the
 * order they are laid out, row by row, which is the order Tab visits. */
enum { F_ZIP, F_NPANXX, F_FIPS, F_CITY, F_STATE, F_COUNTY, F_COUNTRY, F_LIMIT, F_TEXTS,
       F_BEST = F_TEXTS, F_COUNT };

/* Where each input sits: label, row, label x, field x, width shown, and
 * the location field it is prefilled from. */
static const struct {
	const char *label;
	int row, x, fx, w;
	const char *loc;
} inputs[F_COUNT] = {
	[F_ZIP] = { "ZIP", 0, 0, 8, 10, "zip" },
	[F_CITY] = { "City", 1, 0, 8, 20, "city" },
	[F_STATE] = { "State", 1, 31, 38, 3, "st" },
	[F_COUNTY] = { "County", 1, 44, 51, 20, "cnty" },
	[F_NPANXX] = { "NPA-NXX", 0, 22, 31, 8, "npa" },
	[F_FIPS] = { "FIPS", 0, 42, 48, 12, "fips" },
	[F_COUNTRY] = { "Country", 2, 0, 9, 4, "ctry" },
	[F_LIMIT] = { "Limit", 2, 22, 29, 6, NULL },
	[F_BEST] = { "Best match", 2, 42, 54, 1, NULL },
};
#define LAST_ROW 2

#define INPUT_MAX 255  /* bytes each input holds */

struct finder {
	enum tui_table t;
	size_t rec;
	char *key;                  /* the PCode field filled: "bill.pcd" */
	struct tui_textform *in;    /* the F_TEXTS text inputs */
	size_t focus;               /* an input, or F_BEST */
	bool best;                  /* BestMatch: the closest places when none is exact */
	bool in_list;               /* the focus is on the matches */
	struct afcq_pending *p;     /* the lookup under way, or NULL */
	unsigned spin;
	struct afcq_pcode_result res;
	struct tui_list *list;      /* one row per match of res */
	char status[900];
	enum tui_role status_role;
	bool filled;
};

static void focus_input(struct finder *d, size_t i)
{
	d->focus = i;
	if (i < F_TEXTS)
		tui_textform_focus(d->in, i); /* typing replaces, as in the form */
}

/* Rows the match list has at the current size (see finder_draw). */
static int list_rows(void)
{
	int h = LINES - 2 < 20 ? LINES - 2 : 20;
	return h - 2 - 8;
}

/* "bill.pcd" -> "bill.zip" etc.; the text of that field of the record, or
 * "" when the table has no such field. */
static char *location_text(struct tui_app *app, const struct finder *d, const char *part)
{
	const char *dot = strrchr(d->key, '.');
	size_t pre = dot ? (size_t)(dot - d->key) + 1 : 0;
	char name[64];
	snprintf(name, sizeof name, "%.*s%s", (int)pre, d->key, part);
	int fi = tui_field_index(d->t, name);
	if (fi < 0 || d->rec >= tui_records(app, d->t))
		return afcq_xstrdup("");
	return tui_field_text(app, d->t, (size_t)fi, d->rec);
}

/* "Bill-to PCode", "item 2 From PCode", "exemption 1 PCode". */
static const char *target_label(const struct finder *d, char *buf, size_t n)
{
	size_t nf;
	const struct tui_field_def *f = tui_fields(d->t, &nf);
	int fi = tui_field_index(d->t, d->key);
	const char *label = fi >= 0 ? f[fi].label : d->key;
	if (d->t == TBL_DETAIL)
		snprintf(buf, n, "item %zu %s", d->rec + 1, label);
	else if (d->t == TBL_EXEMPTION)
		snprintf(buf, n, "exemption %zu %s", d->rec + 1, label);
	else
		snprintf(buf, n, "%s", label);
	return buf;
}

static void say(struct finder *d, enum tui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct finder *d, enum tui_role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->status, sizeof d->status, fmt, ap);
	va_end(ap);
	d->status_role = role;
}

/* Trimmed copy of an input, NULL when blank. */
static char *input_value(struct finder *d, size_t i)
{
	const char *s = tui_textform_text(d->in, i);
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return n ? afcq_xstrndup(s, n) : NULL;
}

/* Checks the inputs; on a problem says it, focuses the input and returns
 * false (nothing is sent). */
static bool check_inputs(struct finder *d)
{
	bool any = false;
	for (size_t i = 0; i < F_TEXTS; i++) {
		char *v = i == F_LIMIT ? NULL : input_value(d, i);
		any = any || v;
		free(v);
	}
	if (!any) {
		say(d, ROLE_ERROR, "type a ZIP, a city and state, a county, a country, an NPA-NXX "
				   "or a FIPS code");
		focus_input(d, F_ZIP);
		return false;
	}
	char *ctry = input_value(d, F_COUNTRY);
	bool ctry_ok = true;
	for (size_t i = 0; ctry && ctry[i]; i++)
		ctry_ok = ctry_ok && isalpha((unsigned char)ctry[i]);
	if (ctry && (!ctry_ok || strlen(ctry) < 2 || strlen(ctry) > 3)) {
		free(ctry);
		say(d, ROLE_ERROR, "Country: an ISO code of letters (USA, CAN, IND)");
		focus_input(d, F_COUNTRY);
		return false;
	}
	free(ctry);
	char *limit = input_value(d, F_LIMIT);
	bool limit_ok = !limit || strlen(limit) <= 9;
	for (size_t i = 0; limit && limit[i]; i++)
		limit_ok = limit_ok && isdigit((unsigned char)limit[i]);
	if (limit && (!limit_ok || atol(limit) < 1)) {
		free(limit);
		say(d, ROLE_ERROR, "Limit: how many places at most (1 or more), or blank for all");
		focus_input(d, F_LIMIT);
		return false;
	}
	free(limit);
	char *npa = input_value(d, F_NPANXX);
	if (npa) {
		size_t digits = 0;
		bool ok = true;
		for (const char *s = npa; *s; s++) {
			if (isdigit((unsigned char)*s))
				digits++;
			else if (*s != '-' && *s != ' ' && *s != '(' && *s != ')')
				ok = false;
		}
		free(npa);
		if (!ok || (digits != 6 && digits != 10)) {
			say(d, ROLE_ERROR, "NPA-NXX: six digits (212-555), or a ten-digit number");
			focus_input(d, F_NPANXX);
			return false;
		}
	}
	char *fips = input_value(d, F_FIPS);
	if (fips) {
		size_t n = strlen(fips);
		bool ok = n <= 11;
		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)fips[i]) && !(fips[i] == '*' && i == n - 1 && i > 0))
				ok = false;
		free(fips);
		if (!ok) {
			say(d, ROLE_ERROR, "FIPS: digits, with a final * for every code it starts");
			focus_input(d, F_FIPS);
			return false;
		}
	}
	return true;
}

static void search(struct tui_app *app, struct finder *d)
{
	if (d->p) {
		say(d, ROLE_ERROR, "a lookup is already running (Esc cancels it)");
		return;
	}
	if (!check_inputs(d))
		return;
	if (!tui_client(app)) {
		say(d, ROLE_ERROR, "no endpoint: nothing can be looked up");
		return;
	}
	struct afcq_pcode_request pr = { 0 };
	pr.zip = input_value(d, F_ZIP);
	pr.city = input_value(d, F_CITY);
	pr.st = input_value(d, F_STATE);
	pr.cnty = input_value(d, F_COUNTY);
	pr.npanxx = input_value(d, F_NPANXX);
	pr.fips = input_value(d, F_FIPS);
	pr.ctry = input_value(d, F_COUNTRY);
	char *limit = input_value(d, F_LIMIT);
	if (limit)
		pr.limit = (struct afcq_oint){ .set = true, .v = atoll(limit) };
	free(limit);
	if (d->best)
		pr.best_match = (struct afcq_obool){ .set = true, .v = true };
	struct afcq_error err;
	afcq_error_clear(&err);
	d->p = afcq_api_start_lookup(&app->lookup_api, AFCQ_OP_PCODE, NULL, &pr, &err);
	afcq_pcode_request_done(&pr);
	if (!d->p) {
		char line[800];
		say(d, ROLE_ERROR, "not sent: %s", afcq_error_line(&err, line, sizeof line));
		return;
	}
	app->lookup_pending = d->p;
	afcq_pcode_result_done(&d->res);
	tui_list_set(d->list, 0, 0);
	d->in_list = false;
	d->status[0] = '\0';
}

/* Puts match i into the target field; false (said) when it cannot. */
static bool fill(struct tui_app *app, struct finder *d, size_t i)
{
	const struct afcq_pcode_location *l = &d->res.v[i];
	int fi = tui_field_index(d->t, d->key);
	char text[32], msg[256];
	snprintf(text, sizeof text, "%lld", l->pcode);
	if (fi < 0 || d->rec >= tui_records(app, d->t) ||
	    tui_field_set(app, d->t, (size_t)fi, d->rec, text, msg, sizeof msg) != 0) {
		say(d, ROLE_ERROR, "%s", fi < 0 ? "nowhere to put the PCode" : msg);
		return false;
	}
	char tl[96];
	tui_message(app, ROLE_OK, "%s %s: %s, %s %s (%s)", target_label(d, tl, sizeof tl), text,
		    l->locality ? l->locality : "", l->cnty ? l->cnty : "", l->st ? l->st : "",
		    l->ctry ? l->ctry : "");
	d->filled = true;
	return true;
}

/* How many different PCodes the matches have. */
static size_t distinct_pcodes(const struct afcq_pcode_result *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++) {
		size_t j = 0;
		while (j < i && r->v[j].pcode != r->v[i].pcode)
			j++;
		n += j == i;
	}
	return n;
}

static bool same_text(const char *a, const char *b)
{
	return strcasecmp(a ? a : "", b ? b : "") == 0;
}

/* Which of country, state, county and locality differ among the matches. */
static const char *differ_by(const struct afcq_pcode_result *r, char *buf, size_t n)
{
	bool ctry = false, st = false, cnty = false, loc = false;
	for (size_t i = 1; i < r->n; i++) {
		ctry = ctry || !same_text(r->v[i].ctry, r->v[0].ctry);
		st = st || !same_text(r->v[i].st, r->v[0].st);
		cnty = cnty || !same_text(r->v[i].cnty, r->v[0].cnty);
		loc = loc || !same_text(r->v[i].locality, r->v[0].locality);
	}
	snprintf(buf, n, "%s%s%s%s", ctry ? "country, " : "", st ? "state, " : "",
		 cnty ? "county, " : "", loc ? "locality, " : "");
	size_t l = strlen(buf);
	if (l >= 2)
		buf[l - 2] = '\0';
	else
		snprintf(buf, n, "PCode only");
	return buf;
}

/* Completes a finished lookup.  Returns true when the dialog is done. */
static bool complete(struct tui_app *app, struct finder *d)
{
	struct afcq_exchange x;
	struct afcq_error err;
	memset(&x, 0, sizeof x);
	afcq_error_clear(&err);
	enum afcq_status st = afcq_api_finish(&app->lookup_api, d->p, &x, &err);
	d->p = NULL;
	app->lookup_pending = NULL;
	app->dirty = true;
	bool done = false;
	if (st == AFCQ_ERR_CANCELLED) {
		say(d, ROLE_ERROR, "lookup cancelled; Enter searches again");
	} else if (tui_sandbox_back(app, st, &err)) {
		say(d, ROLE_ERROR, "the bundled sandbox had stopped and runs again; Enter searches");
	} else if (st != AFCQ_OK) {
		char line[800];
		say(d, ROLE_ERROR, "lookup failed: %s", tui_error_text(&err, line, sizeof line));
	} else if (x.pcodes.n == 0) {
		say(d, ROLE_ERROR, "no place matches; change the search and press Enter");
	} else {
		d->res = x.pcodes;
		memset(&x.pcodes, 0, sizeof x.pcodes);
		tui_list_set(d->list, d->res.n, 0);
		size_t pcodes = distinct_pcodes(&d->res);
		if (pcodes == 1) {
			done = fill(app, d, 0);
			if (done && d->res.n > 1) {
				char was[512];
				snprintf(was, sizeof was, "%s", app->msg);
				tui_message(app, ROLE_OK, "%s; all %zu places found share it", was,
					    d->res.n);
			}
		} else {
			d->in_list = true;
			char tl[96], how[64];
			say(d, ROLE_OK, "%zu places, %zu PCodes (they differ by %s): choose one, "
			    "Enter puts its PCode in %s", d->res.n, pcodes, differ_by(&d->res, how,
			    sizeof how), target_label(d, tl, sizeof tl));
		}
	}
	afcq_exchange_done(&x);
	return done;
}

static void finder_tick(struct tui_app *app, struct tui_view *v)
{
	struct finder *d = v->state;
	if (!d->p)
		return;
	if (!afcq_pending_done(d->p)) {
		d->spin++;
		app->dirty = true;
		return;
	}
	if (!complete(app, d))
		return;
	if (tui_top(app) == v)
		tui_pop(app);
	else /* another dialog on top (help): say it here too */
		say(d, ROLE_OK, "%s", app->msg);
}

static void draw_matches(struct tui_app *app, struct finder *d, struct tui_rect in)
{
	int y0 = in.y + 5, rows = list_rows();
	tui_fill(app, y0, in.x, in.w, ROLE_HEADER);
	tui_putf(app, y0, in.x, in.w, ROLE_HEADER, "%-9s %-4s %-5s %-22s %s", "PCode", "Ctry",
		 "State", "County", "Locality");
	size_t top, sel;
	int vis = tui_list_view(d->list, rows, &top, &sel);
	for (int r = 0; r < vis; r++) {
		size_t i = top + (size_t)r;
		const struct afcq_pcode_location *l = &d->res.v[i];
		enum tui_role role = i != sel ? ROLE_DIALOG : d->in_list ? ROLE_FOCUS : ROLE_SELECTED;
		int y = y0 + 1 + r;
		if (i == sel)
			tui_fill(app, y, in.x, in.w, role);
		tui_putf(app, y, in.x, in.w, role, "%-9lld %-4.4s %-5.5s %-22.22s %s%s", l->pcode,
			 l->ctry ? l->ctry : "", l->st ? l->st : "", l->cnty ? l->cnty : "",
			 l->locality ? l->locality : "",
			 l->is_alternate.set && l->is_alternate.v ? " (alternate)" : "");
	}
	if (d->res.n > (size_t)rows && rows > 0)
		tui_putf(app, in.y + in.h - 2, in.x, in.w, ROLE_DIM, "match %zu of %zu", sel + 1,
			 d->res.n);
}

static void finder_draw(struct tui_app *app, struct tui_view *v)
{
	struct finder *d = v->state;
	int h = LINES - 2 < 20 ? LINES - 2 : 20;
	char title[128], tl[96];
	snprintf(title, sizeof title, "Find a PCode for %s", target_label(d, tl, sizeof tl));
	struct tui_rect in = tui_dialog_frame(app, h, 78, title);
	for (size_t i = 0; i < F_COUNT; i++) {
		int y = in.y + inputs[i].row;
		tui_put(app, y, in.x + inputs[i].x, inputs[i].fx - inputs[i].x - 1, ROLE_LABEL,
			inputs[i].label);
		tui_put(app, y, in.x + inputs[i].fx - 1, 1, ROLE_LABEL, "[");
		tui_put(app, y, in.x + inputs[i].fx + inputs[i].w, 1, ROLE_LABEL, "]");
		if (i == F_BEST)
			tui_put(app, y, in.x + inputs[i].fx, 1,
				i == d->focus && !d->in_list ? ROLE_FOCUS : ROLE_FIELD,
				d->best ? "x" : " ");
		else if (i != d->focus || d->in_list)
			tui_textform_draw(app, d->in, i, y, in.x + inputs[i].fx, false, false);
	}
	if (d->p) {
		static const char spin[] = "|/-\\";
		tui_putf(app, in.y + 4, in.x, in.w, ROLE_OK, "%c looking up... %.1f s  (Esc cancels)",
			 spin[d->spin % 4], afcq_pending_elapsed_ms(d->p) / 1000.0);
	} else {
		tui_put(app, in.y + 4, in.x, in.w, d->status_role, d->status);
	}
	if (d->res.n)
		draw_matches(app, d, in);
	tui_put(app, in.y + in.h - 1, in.x, in.w, ROLE_DIM,
		d->in_list ? "Up/Down choose  Enter fills the PCode  Tab/Esc back to the search"
			   : "Tab moves  Space: best match  Enter searches  Esc closes (form unchanged)");
	if (d->in_list || d->focus == F_BEST) {
		if (!d->in_list)
			tui_move(app, in.y + inputs[F_BEST].row, in.x + inputs[F_BEST].fx);
	} else {
		size_t i = d->focus;
		tui_textform_draw(app, d->in, i, in.y + inputs[i].row, in.x + inputs[i].fx, true,
				  false);
	}
}

static enum tui_result finder_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)app;
	struct finder *d = v->state;
	if (d->in_list || d->focus == F_BEST)
		return TUI_PASS;
	return tui_textform_key(d->in, key);
}

static enum tui_result list_action(struct tui_app *app, struct finder *d, enum tui_action a)
{
	if (tui_list_action(d->list, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_ENTER:
		return fill(app, d, tui_list_sel(d->list)) ? TUI_CLOSE : TUI_HANDLED;
	case ACT_CANCEL:
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		d->in_list = false;
		focus_input(d, d->focus);
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}

static enum tui_result finder_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct finder *d = v->state;
	if (a == ACT_CANCEL && d->p) {
		afcq_pending_cancel(d->p);
		return TUI_HANDLED;
	}
	if (d->in_list && d->res.n) {
		enum tui_result r = list_action(app, d, a);
		if (r != TUI_PASS)
			return r;
	} else if (d->focus < F_TEXTS && tui_textform_action(d->in, a) == TUI_HANDLED) {
		return TUI_HANDLED;
	}
	switch (a) {
	case ACT_TOGGLE:
		if (d->focus != F_BEST)
			return TUI_PASS;
		d->best = !d->best;
		return TUI_HANDLED;
	case ACT_NEXT_FIELD:
	case ACT_DOWN:
		if (a == ACT_DOWN && d->res.n && inputs[d->focus].row == LAST_ROW) {
			d->in_list = true; /* from the last row of the form into the list */
			return TUI_HANDLED;
		}
		focus_input(d, (d->focus + 1) % F_COUNT);
		return TUI_HANDLED;
	case ACT_PREV_FIELD:
	case ACT_UP:
		focus_input(d, (d->focus + F_COUNT - 1) % F_COUNT);
		return TUI_HANDLED;
	case ACT_ENTER:
		search(app, d);
		return TUI_HANDLED;
	case ACT_FIND_PCODE:
		return TUI_CLOSE;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void finder_close(struct tui_app *app, struct tui_view *v)
{
	struct finder *d = v->state;
	if (d->p) {
		struct afcq_exchange x;
		struct afcq_error err;
		memset(&x, 0, sizeof x);
		afcq_error_clear(&err);
		afcq_pending_cancel(d->p);
		afcq_api_finish(&app->lookup_api, d->p, &x, &err);
		afcq_exchange_done(&x);
		app->lookup_pending = NULL;
	}
	bool filled = d->filled;
	afcq_pcode_result_done(&d->res);
	tui_list_free(d->list);
	tui_textform_free(d->in);
	free(d->key);
	free(d);
	if (filled)
		tui_form_refocus(app);
}

static bool finder_text_focus(const struct tui_app *app, const struct tui_view *v)
{
	(void)app;
	const struct finder *d = v->state;
	return !d->in_list && d->focus != F_BEST;
}

const struct tui_view_ops tui_dialog_pcode_ops = {
	.name = "pcode",
	.draw = finder_draw,
	.on_key = finder_on_key,
	.on_action = finder_on_action,
	.on_tick = finder_tick,
	.close = finder_close,
	.text_focus = finder_text_focus,
	.keys = "Tab moves, Enter searches or fills, Esc closes",
};

void tui_open_pcode_finder(struct tui_app *app, enum tui_table t, size_t rec, const char *key)
{
	if (app->lookup_pending) {
		tui_message(app, ROLE_ERROR, "a PCode lookup is already running");
		return;
	}
	struct finder *d = afcq_xcalloc(1, sizeof *d);
	d->t = t;
	d->rec = rec;
	d->key = afcq_xstrdup(key);
	d->status_role = ROLE_DIM;
	int widths[F_TEXTS];
	for (size_t i = 0; i < F_TEXTS; i++)
		widths[i] = inputs[i].w;
	d->in = tui_textform_new(F_TEXTS, widths, INPUT_MAX);
	d->list = tui_list_new();
	for (size_t i = 0; i < F_TEXTS; i++) {
		if (!inputs[i].loc)
			continue;
		char *s = location_text(app, d, inputs[i].loc);
		tui_textform_set(d->in, i, s);
		free(s);
	}
	focus_input(d, F_ZIP);
	snprintf(d->status, sizeof d->status, "Fill in what you know, then Enter");
	tui_push(app, &tui_dialog_pcode_ops, d);
}
