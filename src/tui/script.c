/* script.c - replays named actions without a keyboard (AFCQ_SCRIPT=FILE or
 * afcq --script FILE), under a real curses screen, and asserts on what it
 * shows.  One command per line; # starts a comment.
 *
 *   type TEXT              keys, one per character, as if typed; UTF-8
 *                          text arrives as the wide characters a terminal
 *                          sends ("Montréal": eight keys)
 *   key NAME...            named keys: F5 Tab S-Tab Enter Esc Up PgDn C-n M-q x
 *   action ACT_NAME        an action from actions.def (ACT_ prefix optional)
 *   type-state KEY         types a state value (e.g. doc: the last document)
 *   set-field NAME VALUE   a form field by name: bill.pcd, itms[1].ts, exms[0].tpe
 *                          (of the invoice shown; assert-field also reads
 *                          any invoice's: inv[1].itms[0].chg)
 *   wait-idle [MS]         until no request is running (default 20000 ms)
 *   wait-screen TEXT       until TEXT is on screen (10 s at most; "TEXT" MS:
 *                          MS milliseconds)
 *   sleep MS               ticks the loop for MS milliseconds
 *   wait-file PATH         until PATH exists (30 s at most): a step of
 *                          another process the test runs alongside
 *   resize COLS LINES      resizes the screen (as a terminal would)
 *   click X Y              a left click at column X, row Y (needs ui.mouse)
 *   assert-screen TEXT     TEXT is on screen (fails the script otherwise)
 *   assert-not-screen TEXT
 *   assert-field NAME VALUE
 *   assert-state KEY VALUE total, charges, billable, nonbillable, items,
 *                          taxrows, status, view, message (contains), focus,
 *                          exemptions (of the invoice shown), invoices,
 *                          invoice (the one shown, from 1)
 *   dump-screen FILE       writes the screen text to FILE
 *   mark NAME              draws the screen if anything changed (as the
 *                          loop would), then prints "mark NAME MS" to
 *                          stderr: CLOCK_MONOTONIC in milliseconds, three
 *                          decimals (for bench/bench_tui.sh)
 *   quit                   as F10: ends the session, or asks first when the
 *                          form changed ("type y" answers)
 *
 * A failed command prints "afcq: script LINE: ..." and the screen to
 * stderr, and the session ends with exit code 1.
 */
#include "tui.h"
#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "afcq/money.h"
#include "afcq/str.h"

struct tui_script {
	char **lines;
	size_t n, next;
};

struct tui_script *tui_script_open(const char *path, char *msg, size_t n)
{
	size_t len;
	char *text = afcq_read_file(path, &len);
	if (!text) {
		snprintf(msg, n, "%s: cannot read the script", path);
		return NULL;
	}
	struct tui_script *s = afcq_xcalloc(1, sizeof *s);
	size_t cap = 0;
	for (char *p = text;;) {
		char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l && p[l - 1] == '\r')
			l--;
		if (s->n == cap) {
			cap = cap ? cap * 2 : 64;
			s->lines = afcq_xrealloc(s->lines, cap * sizeof *s->lines);
		}
		s->lines[s->n++] = afcq_xstrndup(p, l);
		if (!e)
			break;
		p = e + 1;
	}
	free(text);
	return s;
}

void tui_script_free(struct tui_script *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->lines[i]);
	free(s->lines);
	free(s);
}

char *tui_screen_text(void)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	/* what the terminal was sent: stdscr with the dialogs' panels over
	 * it (tui_draw ends with doupdate) */
	int cy, cx;
	getyx(curscr, cy, cx);
	/* a cell may hold a character of several bytes */
	int cap = COLS * 8;
	char *line = afcq_xmalloc((size_t)cap + 1);
	for (int y = 0; y < LINES; y++) {
		int n = mvwinnstr(curscr, y, 0, line, cap);
		if (n < 0)
			n = 0;
		line[n] = '\0';
		while (n > 0 && line[n - 1] == ' ')
			line[--n] = '\0';
		afcq_buf_puts(&b, line);
		afcq_buf_puts(&b, "\n");
	}
	free(line);
	wmove(curscr, cy, cx);
	return afcq_buf_steal(&b);
}

/* Strips one level of double quotes (with \" and \\ inside). */
static char *unquote(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		char *out = afcq_xmalloc(n);
		size_t j = 0;
		for (size_t i = 1; i + 1 < n; i++) {
			if (s[i] == '\\' && i + 2 < n)
				i++;
			out[j++] = s[i];
		}
		out[j] = '\0';
		return out;
	}
	return afcq_xstrndup(s, n);
}

/* Splits "NAME rest": *name malloc'd, returns the rest (unquoted, malloc'd). */
static char *split2(const char *args, char **name)
{
	while (*args == ' ')
		args++;
	const char *sp = strpbrk(args, " \t");
	if (!sp) {
		*name = afcq_xstrdup(args);
		return afcq_xstrdup("");
	}
	*name = afcq_xstrndup(args, (size_t)(sp - args));
	return unquote(sp + 1);
}

static bool on_screen(struct tui_app *app, const char *text)
{
	tui_draw(app);
	char *screen = tui_screen_text();
	bool found = strstr(screen, text) != NULL;
	free(screen);
	return found;
}

static bool fail(struct tui_app *app, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct tui_app *app, size_t line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	tui_draw(app);
	char *screen = tui_screen_text();
	fprintf(stderr, "afcq: script line %zu: %s\n--- screen ---\n%s--------------\n", line, msg,
		screen);
	free(screen);
	app->exit_code = 1;
	return false;
}

static void ticks(struct tui_app *app, long ms)
{
	for (long t = 0; t < ms; t += 10) {
		tui_tick(app, 10);
		napms(0);
	}
}

static bool wait_idle(struct tui_app *app, long ms)
{
	for (long t = 0; t < ms; t += 10) {
		if (!tui_busy(app) && !app->ts_pending && !app->ts_reading && !app->tt_pending &&
		    !app->lookup_pending &&
		    !tui_places_busy(app))
			return true;
		tui_tick(app, 10);
	}
	return !tui_busy(app) && !app->ts_pending && !app->ts_reading && !app->tt_pending &&
		    !app->lookup_pending &&
	       !tui_places_busy(app);
}

static bool feed_named_keys(struct tui_app *app, size_t ln, const char *args)
{
	char *copy = afcq_xstrdup(args);
	bool ok = true;
	for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		bool meta = false;
		const char *name = w;
		if ((w[0] == 'M' || w[0] == 'A') && w[1] == '-' && w[2]) {
			meta = true;
			name = w + 2;
		}
		int k = tui_key_by_name(name);
		if (k < 0) {
			ok = fail(app, ln, "unknown key %s", w);
			break;
		}
		tui_feed_key(app, k, meta);
		tui_tick(app, 0);
	}
	free(copy);
	return ok;
}

static const char *state_value(struct tui_app *app, const char *key, char *buf, size_t n)
{
	const struct tui_results *r = &app->res;
	if (strcmp(key, "total") == 0)
		return r->has_total ? afcq_money_format(r->totals.total_due, buf, n) : "none";
	if (strcmp(key, "charges") == 0)
		return r->has_total ? afcq_money_format(r->totals.charges, buf, n) : "none";
	if (strcmp(key, "billable") == 0)
		return r->has_total ? afcq_money_format(r->totals.billable, buf, n) : "none";
	if (strcmp(key, "nonbillable") == 0)
		return r->has_total ? afcq_money_format(r->totals.nonbillable, buf, n) : "none";
	if (strcmp(key, "items") == 0) {
		snprintf(buf, n, "%zu", tui_form_n_items(app));
		return buf;
	}
	if (strcmp(key, "exemptions") == 0) {
		const struct afcq_invoice *inv = tui_form_invoice_c(app);
		snprintf(buf, n, "%zu", inv ? inv->n_exms : 0);
		return buf;
	}
	if (strcmp(key, "invoice") == 0) {
		snprintf(buf, n, "%zu", app->cur_inv + 1);
		return buf;
	}
	if (strcmp(key, "invoices") == 0) {
		snprintf(buf, n, "%zu", app->req.n_inv);
		return buf;
	}
	if (strcmp(key, "taxrows") == 0) {
		snprintf(buf, n, "%zu", r->n_rows);
		return buf;
	}
	if (strcmp(key, "status") == 0)
		return r->status == AFCQ_OK ? "ok" : afcq_status_name(r->status);
	if (strcmp(key, "op") == 0)
		return r->have || r->status ? afcq_op_name(r->op) : "none";
	if (strcmp(key, "view") == 0)
		return tui_top(app)->ops->name;
	if (strcmp(key, "message") == 0)
		return app->msg;
	if (strcmp(key, "focus") == 0) {
		if (app->focus == PANE_TAXES)
			return "taxes";
		if (app->focus == PANE_SUMMARY)
			return "summary";
		size_t nf;
		const struct tui_field_def *f;
		if (app->form.in_grid) {
			f = tui_fields(TBL_ITEM, &nf);
			snprintf(buf, n, "itms[%zu].%s", app->form.row, f[app->form.col].key);
		} else {
			f = tui_fields(TBL_HEADER, &nf);
			snprintf(buf, n, "%s", f[app->form.hfield].key);
		}
		return buf;
	}
	if (strcmp(key, "doc") == 0)
		return app->last_doc ? app->last_doc : "none";
	return NULL;
}

/* Types text as a terminal would send it: one key per character. */
static void type_text(struct tui_app *app, const char *t)
{
	size_t n = strlen(t);
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		i += tui_utf8_decode(t + i, n - i, &cp);
		tui_feed_key(app, TUI_KEY_CHAR(cp), false);
		tui_tick(app, 0);
	}
}

static bool run(struct tui_app *app, size_t ln, const char *cmd, const char *args)
{
	char buf[512];
	if (strcmp(cmd, "type") == 0) {
		char *t = unquote(args);
		type_text(app, t);
		free(t);
		return true;
	}
	if (strcmp(cmd, "key") == 0)
		return feed_named_keys(app, ln, args);
	if (strcmp(cmd, "type-state") == 0) {
		const char *v = state_value(app, args, buf, sizeof buf);
		if (!v)
			return fail(app, ln, "unknown state %s", args);
		char *copy = afcq_xstrdup(v);
		type_text(app, copy);
		free(copy);
		return true;
	}
	if (strcmp(cmd, "action") == 0) {
		char *t = unquote(args);
		enum tui_action a = tui_action_by_name(t);
		free(t);
		if (a == ACT_NONE)
			return fail(app, ln, "unknown action %s", args);
		tui_dispatch(app, a);
		return true;
	}
	if (strcmp(cmd, "set-field") == 0) {
		char *name;
		char *value = split2(args, &name);
		char msg[512];
		if (tui_field_set_by_name(app, name, value, msg, sizeof msg) != 0 &&
		    strstr(msg, "no such"))
			fail(app, ln, "%s", msg);
		else
			tui_form_refocus(app);
		bool ok = app->exit_code == 0;
		free(name);
		free(value);
		app->dirty = true;
		return ok;
	}
	if (strcmp(cmd, "wait-idle") == 0) {
		long ms = *args ? atol(args) : 20000;
		if (!wait_idle(app, ms))
			return fail(app, ln, "still busy after %ld ms", ms);
		return true;
	}
	if (strcmp(cmd, "wait-screen") == 0) {
		/* TEXT, or "TEXT" MS: real time, as other processes (a server
		 * coming back) take it */
		long ms = 10000;
		const char *q = args[0] == '"' ? strrchr(args, '"') : NULL;
		char *text;
		if (q && q > args && atol(q + 1) > 0) {
			ms = atol(q + 1);
			char *quoted = afcq_xstrndup(args, (size_t)(q - args) + 1);
			text = unquote(quoted);
			free(quoted);
		} else {
			text = unquote(args);
		}
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (long t = 0; t < ms;) {
			if (on_screen(app, text)) {
				free(text);
				return true;
			}
			tui_tick(app, 20);
			napms(5);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			t = (long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		}
		bool ok = fail(app, ln, "\"%s\" did not appear", text);
		free(text);
		return ok;
	}
	if (strcmp(cmd, "sleep") == 0) {
		ticks(app, atol(args));
		return true;
	}
	if (strcmp(cmd, "wait-file") == 0) {
		/* another process's step (a second workstation's save) */
		char *path = unquote(args);
		/* real time: the other process runs at its own pace */
		const struct timespec step = { 0, 20 * 1000000L };
		for (long t = 0; t < 30000; t += 20) {
			if (access(path, F_OK) == 0) {
				free(path);
				return true;
			}
			tui_tick(app, 0);
			nanosleep(&step, NULL);
		}
		bool ok = fail(app, ln, "%s did not appear", path);
		free(path);
		return ok;
	}
	if (strcmp(cmd, "resize") == 0) {
		int c = 0, l = 0;
		if (sscanf(args, "%d %d", &c, &l) != 2 || c < 1 || l < 1)
			return fail(app, ln, "resize COLS LINES");
		resizeterm(l, c);
		tui_feed_key(app, KEY_RESIZE, false);
		return true;
	}
	if (strcmp(cmd, "click") == 0) {
		MEVENT ev;
		memset(&ev, 0, sizeof ev);
		if (sscanf(args, "%d %d", &ev.x, &ev.y) != 2)
			return fail(app, ln, "click X Y");
		ev.bstate = BUTTON1_CLICKED;
		if (ungetmouse(&ev) != OK)
			return fail(app, ln, "no mouse (set ui.mouse = true)");
		tui_feed_key(app, KEY_MOUSE, false);
		return true;
	}
	if (strcmp(cmd, "assert-screen") == 0 || strcmp(cmd, "assert-not-screen") == 0) {
		char *text = unquote(args);
		bool want = strcmp(cmd, "assert-screen") == 0;
		bool ok = on_screen(app, text) == want ||
			  fail(app, ln, "\"%s\" %s on screen", text, want ? "is not" : "is");
		free(text);
		return ok;
	}
	if (strcmp(cmd, "assert-field") == 0) {
		char *name;
		char *want = split2(args, &name);
		/* what is typed in the focused field counts: store it first */
		if (tui_top(app)->ops == &tui_screen_main_ops)
			tui_form_commit_edit(app);
		char *got = tui_field_get_by_name(app, name);
		bool ok = (got && strcmp(got, want) == 0) ||
			  fail(app, ln, "field %s is \"%s\", wanted \"%s\"", name, got ? got : "(none)",
			       want);
		free(got);
		free(name);
		free(want);
		return ok;
	}
	if (strcmp(cmd, "assert-state") == 0) {
		char *key;
		char *want = split2(args, &key);
		const char *got = state_value(app, key, buf, sizeof buf);
		bool ok;
		if (!got)
			ok = fail(app, ln, "unknown state %s", key);
		else if (strcmp(key, "message") == 0)
			ok = strstr(got, want) || fail(app, ln, "message is \"%s\", wanted \"%s\"", got,
						      want);
		else
			ok = strcmp(got, want) == 0 ||
			     fail(app, ln, "%s is \"%s\", wanted \"%s\"", key, got, want);
		free(key);
		free(want);
		return ok;
	}
	if (strcmp(cmd, "dump-screen") == 0) {
		char *path = unquote(args);
		tui_draw(app);
		char *screen = tui_screen_text();
		FILE *f = fopen(path, "w");
		bool ok = f != NULL;
		if (f) {
			fputs(screen, f);
			ok = fclose(f) == 0;
		}
		free(screen);
		if (!ok)
			fail(app, ln, "cannot write %s", path);
		free(path);
		return ok;
	}
	if (strcmp(cmd, "mark") == 0) {
		if (app->dirty)
			tui_draw(app);
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		fprintf(stderr, "mark %s %.3f\n", args,
			(double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
		return true;
	}
	if (strcmp(cmd, "quit") == 0) {
		tui_dispatch(app, ACT_QUIT);
		return true;
	}
	return fail(app, ln, "unknown command %s", cmd);
}

bool tui_script_step(struct tui_app *app)
{
	struct tui_script *s = app->script;
	while (s->next < s->n) {
		size_t ln = s->next + 1;
		const char *line = s->lines[s->next++];
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || *line == '#')
			continue;
		char cmd[32];
		size_t k = 0;
		while (line[k] && line[k] != ' ' && line[k] != '\t' && k + 1 < sizeof cmd) {
			cmd[k] = line[k];
			k++;
		}
		cmd[k] = '\0';
		const char *args = line + k;
		while (*args == ' ' || *args == '\t')
			args++;
		if (!run(app, ln, cmd, args))
			return false;
		return true;
	}
	return false;
}
