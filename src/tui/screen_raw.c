/* screen_raw.c - F9: the exact request and response of the last exchange,
 * scrollable and searchable; either can be saved byte for byte.
 *
 * Tab switches request/response, p switches pretty-printed and exact
 * text, / searches (case-insensitive), n finds the next match, F2 saves
 * the shown body exactly as it was sent or received.  Lines wider than
 * the screen wrap (the exact text is one line), so every byte shows; the
 * counter counts screen lines.  A body over RAW_REINDENT_FROM bytes is
 * pretty-printed from its text (afcq_json_reindent: the same layout, its
 * values as written), a smaller one or one that is not strict JSON through
 * its tree.
 */
#include "tui.h"
#include "clipboard.h"
#include "folders.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "afcq/codec.h"
#include "afcq/curl_command.h"
#include "afcq/str.h"

enum { RAW_REINDENT_FROM = 256 * 1024 };

struct raw {
	int which;            /* 0 request, 1 response */
	bool exact;
	char **lines;
	size_t n, top;
	char search[128];
	long match;           /* line of the current match, -1 none */
	int cols;             /* the width the lines were wrapped at */
	char said[512];       /* the view's own last message (search, keys) */
};

/* What the view says about itself (a search's result, its keys): taken
 * off the message line when the view closes, as it would be stale there. */
static void said(const struct tui_app *app, struct raw *r)
{
	snprintf(r->said, sizeof r->said, "%s", app->msg);
}

static const char *body(const struct tui_app *app, const struct raw *r)
{
	return r->which == 0 ? app->raw_request : app->raw_response;
}

static void clear_lines(struct raw *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->lines[i]);
	free(r->lines);
	r->lines = NULL;
	r->n = 0;
}

static void build(struct tui_app *app, struct raw *r)
{
	clear_lines(r);
	r->top = 0;
	r->match = -1;
	const char *b = body(app, r);
	if (!b) {
		r->lines = afcq_xcalloc(1, sizeof *r->lines);
		r->lines[0] = afcq_xstrdup(r->which == 0 ? "(nothing sent yet)" : "(no answer)");
		r->n = 1;
		return;
	}
	char *pretty = NULL;
	/* a large body is laid out from its text (a tree of a 10,000-item
	 * answer takes a third of a second to build, print and free) */
	if (!r->exact && strlen(b) > RAW_REINDENT_FROM)
		pretty = afcq_json_reindent(b, strlen(b));
	if (!r->exact && !pretty) {
		json_t *j = NULL;
		struct afcq_error err;
		afcq_error_clear(&err);
		if (afcq_json_parse(b, strlen(b), &j, &err) == AFCQ_OK) {
			pretty = afcq_json_dump(j, AFCQ_JSON_PRETTY);
			json_decref(j);
		}
	}
	const char *t = pretty ? pretty : b;
	size_t cap = 0;
	r->cols = COLS > 1 ? COLS : 1;
	for (const char *p = t;;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		/* one screen line per piece that fits the width, whole characters */
		size_t at = 0;
		do {
			size_t end = at;
			int width = 0; /* of p[at, end): widths add up, character by character */
			while (end < len) {
				unsigned long cp;
				size_t k = tui_utf8_decode(p + end, len - end, &cp);
				int w = tui_text_width(p + end, k);
				if (end > at && width + w > r->cols)
					break;
				width += w;
				end += k;
			}
			if (r->n == cap) {
				cap = cap ? cap * 2 : 256;
				r->lines = afcq_xrealloc(r->lines, cap * sizeof *r->lines);
			}
			r->lines[r->n++] = afcq_xstrndup(p + at, end - at);
			at = end;
		} while (at < len);
		if (!e)
			break;
		p = e + 1;
	}
	free(pretty);
}

/* The first line shown when the last page is shown. */
static size_t last_top(const struct raw *r, size_t h)
{
	return r->n > h ? r->n - h : 0;
}

static void raw_open(struct tui_app *app, struct tui_view *v)
{
	build(app, v->state);
}

static void raw_draw(struct tui_app *app, struct tui_view *v)
{
	struct raw *r = v->state;
	int y0 = app->lay.status.y + 1, y1 = app->lay.total.y; /* rows [y0, y1) */
	int h = y1 - y0 - 1;
	if (r->cols != COLS) {
		/* wrapped again at the new width, near the same place */
		size_t top = r->top, n = r->n;
		long match = r->match;
		build(app, r);
		r->top = n ? top * r->n / n : 0;
		r->match = match >= 0 && n ? (long)((size_t)match * r->n / n) : -1;
	}
	if (h > 0 && r->top > last_top(r, (size_t)h))
		r->top = last_top(r, (size_t)h);
	for (int y = y0; y < y1; y++)
		tui_fill(app, y, 0, COLS, ROLE_NORMAL);
	tui_fill(app, y0, 0, COLS, ROLE_HEADER);
	/* what is shown and where in it first; the keys as far as they fit */
	tui_putf_words(app, y0, 0, COLS, ROLE_HEADER,
		 "RAW %s of %s  lines %zu-%zu of %zu (%s)  Tab other  / search  p %s  F2 save  "
		 "Esc back",
		 r->which == 0 ? "REQUEST" : "RESPONSE",
		 app->raw_title ? app->raw_title : "nothing yet",
		 r->n ? r->top + 1 : 0, r->top + (size_t)h < r->n ? r->top + (size_t)h : r->n, r->n,
		 r->exact ? "exact" : "pretty", r->exact ? "pretty" : "exact");
	for (int k = 0; k < h; k++) {
		size_t i = r->top + (size_t)k;
		if (i >= r->n)
			break;
		tui_put(app, y0 + 1 + k, 0, COLS,
			(long)i == r->match ? ROLE_MATCH : ROLE_NORMAL, r->lines[i]);
	}
}

static void find_next(struct tui_app *app, struct raw *r, size_t from)
{
	if (!r->search[0])
		return;
	for (size_t k = 0; k < r->n; k++) {
		size_t i = (from + k) % r->n;
		if (afcq_str_icontains(r->lines[i], r->search)) {
			r->match = (long)i;
			r->top = i > 2 ? i - 2 : 0;
			tui_message(app, ROLE_NORMAL, "\"%s\" at line %zu", r->search, i + 1);
			said(app, r);
			return;
		}
	}
	r->match = -1;
	tui_message(app, ROLE_ERROR, "\"%s\" not found", r->search);
	said(app, r);
}

static void search_done(struct tui_app *app, void *data, const char *text)
{
	(void)data;
	struct tui_view *v = tui_top(app);
	if (v->ops != &tui_screen_raw_ops)
		return;
	struct raw *r = v->state;
	snprintf(r->search, sizeof r->search, "%s", text);
	find_next(app, r, r->top);
}

static void save_body(struct tui_app *app, struct raw *r, const char *path);

/* y to "Replace FILE?": data is the path. */
static void save_replacing(struct tui_app *app, void *data)
{
	struct tui_view *v = tui_top(app);
	if (v->ops == &tui_screen_raw_ops)
		save_body(app, v->state, data);
}

static void save_done(struct tui_app *app, void *data, const char *typed)
{
	(void)data;
	struct tui_view *v = tui_top(app);
	if (v->ops != &tui_screen_raw_ops || afcq_str_empty(typed))
		return;
	char *path = tui_folder_resolve(typed);
	struct stat st;
	if (stat(path, &st) == 0) {
		/* another file is never replaced unasked */
		char *q = afcq_xasprintf("%s exists.\nReplace it with the body shown? (y/N)", path);
		tui_confirm_default_no(app, "Replace the file?", q, save_replacing, path);
		free(q);
		return;
	}
	save_body(app, v->state, path);
	free(path);
}

static void save_body(struct tui_app *app, struct raw *r, const char *path)
{
	const char *b = body(app, r);
	if (!b) {
		tui_message(app, ROLE_ERROR, "nothing to save");
		return;
	}
	FILE *f = fopen(path, "w");
	if (!f || fwrite(b, 1, strlen(b), f) != strlen(b)) {
		tui_message(app, ROLE_ERROR, "%s: cannot write: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return;
	}
	if (fclose(f) != 0) {
		tui_message(app, ROLE_ERROR, "%s: cannot write: %s", path, strerror(errno));
		return;
	}
	tui_folder_remember(path);
	tui_message(app, ROLE_OK, "saved the %s to %s", r->which ? "response" : "request", path);
}

/* COPY: the request shown sent again by curl, the password read from the
 * profile's variable (never its value). */
static void copy_curl(struct tui_app *app)
{
	if (!app->raw_request) {
		tui_message(app, ROLE_ERROR, "nothing sent yet: no request to copy as curl");
		return;
	}
	if (!app->args->endpoint || !app->args->endpoint->base_url) {
		tui_message(app, ROLE_ERROR, "no endpoint: nothing to address the curl command to");
		return;
	}
	bool commit = app->raw_op == AFCQ_OP_COMMIT || app->raw_op == AFCQ_OP_UNCOMMIT;
	char *cmd = afcq_curl_command(app->args->endpoint, app->cfg ? app->cfg->password_env : NULL,
				      "POST", commit ? "/api/v2/afc/Commit" : "/api/v2/afc/CalcTaxes",
				      app->raw_request);
	tui_clipboard_copy(app, cmd, "copied as curl: the request shown, the password as $VARIABLE");
	free(cmd);
}

static enum tui_result raw_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct raw *r = v->state;
	size_t page = (size_t)(app->lay.total.y - app->lay.status.y - 3);
	switch (a) {
	case ACT_UP:
		if (r->top)
			r->top--;
		return TUI_HANDLED;
	case ACT_DOWN:
		if (r->top < last_top(r, page))
			r->top++;
		return TUI_HANDLED;
	case ACT_PAGE_UP:
		r->top = r->top > page ? r->top - page : 0;
		return TUI_HANDLED;
	case ACT_PAGE_DOWN:
		r->top = r->top + page < last_top(r, page) ? r->top + page : last_top(r, page);
		return TUI_HANDLED;
	case ACT_HOME:
		r->top = 0;
		return TUI_HANDLED;
	case ACT_END:
		r->top = last_top(r, page);
		return TUI_HANDLED;
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		r->which = !r->which;
		build(app, r);
		return TUI_HANDLED;
	case ACT_PRETTY:
		r->exact = !r->exact;
		build(app, r);
		return TUI_HANDLED;
	case ACT_SEARCH:
		tui_prompt(app, "Search", "Find:", r->search, search_done, NULL);
		return TUI_HANDLED;
	case ACT_SEARCH_NEXT:
		find_next(app, r, r->match >= 0 ? (size_t)r->match + 1 : r->top);
		return TUI_HANDLED;
	case ACT_SAVE:
	{
		char *dir = tui_folder_default();
		char *offer = tui_folder_free_name(dir, r->which ? "response.json" : "request.json");
		tui_prompt(app, r->which ? "Save the response" : "Save the request", "File:", offer,
			   save_done, NULL);
		free(offer);
		free(dir);
		return TUI_HANDLED;
	}
	case ACT_COPY:
		copy_curl(app);
		return TUI_HANDLED;
	case ACT_CANCEL:
	case ACT_RAW:
		return TUI_CLOSE;
	default:
		return TUI_PASS;
	}
}

static void raw_close(struct tui_app *app, struct tui_view *v)
{
	struct raw *r = v->state;
	if (r->said[0] && strcmp(app->msg, r->said) == 0)
		tui_message(app, ROLE_NORMAL, "%s", "");
	clear_lines(r);
	free(r);
}

const struct tui_view_ops tui_screen_raw_ops = {
	.name = "raw",
	.open = raw_open,
	.draw = raw_draw,
	.on_action = raw_on_action,
	.close = raw_close,
	.keys = "Tab request/response, / finds, p pretty/exact, F2 saves, Esc back",
	.full_screen = true,
};

void tui_open_raw(struct tui_app *app)
{
	struct raw *r = afcq_xcalloc(1, sizeof *r);
	r->which = app->raw_response ? 1 : 0;
	r->match = -1;
	if (app->raw_request) {
		tui_message(app, ROLE_NORMAL,
			    "Ctrl-Y copies the request as a curl command; F2 saves the body shown");
		said(app, r);
	}
	tui_push(app, &tui_screen_raw_ops, r);
}
