/* app.c - the workstation's driver: start-up, the input loop, the view
 * stack and the way out; the frame it draws is in frame.c.
 *
 * The loop never blocks: wgetch() waits at most TUI_TICK_MS, then the HTTP
 * client is pumped and finished calls are completed.  A key becomes an
 * action through the keymap and goes to the top view; the main screen
 * offers it to the focused pane first; the rest comes here (global map).
 * The terminal is restored on every exit path: normal quit, script end,
 * SIGINT/SIGTERM/SIGHUP (a flag checked each tick) and exit() from an
 * allocation failure (atexit handler).
 */
#include "tui_main.h"
#include "tui.h"
#include "undo.h"
#include "places.h"
#include "day.h"
#include "teamstore.h"
#include "frame.h"

#include <ctype.h>
#include <locale.h>
#include <panel.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "afcq/store_copy.h"
#include "afcq/str.h"

/* The one static: set by signal handlers, read by the loop. */
static volatile sig_atomic_t tui_got_signal;

static void on_signal(int sig)
{
	tui_got_signal = sig;
}

static void restore_terminal(void)
{
	if (stdscr && !isendwin())
		endwin();
}

void tui_push(struct tui_app *app, const struct tui_view_ops *ops, void *state)
{
	if (app->n_views >= sizeof app->stack / sizeof app->stack[0]) {
		tui_message(app, ROLE_ERROR, "too many windows open");
		free(state);
		return;
	}
	struct tui_view *v = &app->stack[app->n_views++];
	v->ops = ops;
	v->state = state;
	v->overlay = NULL;
	v->overlaid = false;
	if (ops->open)
		ops->open(app, v);
	app->dirty = true;
}

void tui_pop(struct tui_app *app)
{
	if (app->n_views <= 1)
		return;
	struct tui_view *v = &app->stack[--app->n_views];
	const struct tui_view_ops *ops = v->ops;
	if (ops->close)
		ops->close(app, v);
	else
		free(v->state);
	v->state = NULL;
	/* what was under the dialog comes back from the panels below */
	tui_overlay_free(v->overlay);
	v->overlay = NULL;
	v->overlaid = false;
	app->dirty = true;
}

struct tui_view *tui_top(struct tui_app *app)
{
	return &app->stack[app->n_views - 1];
}

void tui_message(struct tui_app *app, enum tui_role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	app->msg_role = role;
	app->msg_in_flight = tui_busy(app);
	app->dirty = true;
}

const char *tui_cause(const char *msg)
{
	const char *m = msg;
	for (const char *p = strstr(msg, ": "); p; p = strstr(p + 2, ": "))
		if (p[2])
			m = p + 2;
	return m;
}

/* ---- dispatch --------------------------------------------------------------- */
static void apply(struct tui_app *app, enum tui_result r)
{
	switch (r) {
	case TUI_CLOSE:
		tui_pop(app);
		break;
	case TUI_QUIT:
		app->quit = true;
		break;
	case TUI_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
	app->dirty = true;
}

static void quit_confirmed(struct tui_app *app, void *data)
{
	(void)data;
	if (tui_busy(app))
		tui_calls_cancel(app);
	app->quit = true;
}

static enum tui_result global_action(struct tui_app *app, enum tui_action a)
{
	switch (a) {
	case ACT_HELP:
		tui_open_help(app);
		return TUI_HANDLED;
	case ACT_QUIT:
		/* nothing typed is lost without being asked */
		if (tui_form_changed(app)) {
			tui_confirm_default_no(app, "Quit",
					       "The form was changed since it was last loaded or saved.\n"
					       "Quit and discard the changes? (y/N)",
					       quit_confirmed, NULL);
			return TUI_HANDLED;
		}
		if (tui_busy(app))
			tui_calls_cancel(app);
		return TUI_QUIT;
	case ACT_REDRAW:
		return TUI_REDRAW;
	case ACT_CANCEL:
		if (tui_busy(app)) {
			tui_calls_cancel(app);
			return TUI_HANDLED;
		}
		return TUI_PASS;
	default:
		return TUI_PASS;
	}
}

void tui_dispatch(struct tui_app *app, enum tui_action a)
{
	if (!app->key_now_set)
		app->dialog_note[0] = '\0'; /* a script's action: the next "key" */
	if (a == ACT_NONE)
		return;
	if (app->lay.too_small && a != ACT_QUIT && a != ACT_REDRAW)
		return;
	/* Esc cancels a running request before it closes anything. */
	if (a == ACT_CANCEL && tui_busy(app)) {
		apply(app, global_action(app, a));
		return;
	}
	const char *why = tui_action_unavailable(app, a);
	if (why) {
		tui_message(app, ROLE_ERROR, "%s: not available: %s", tui_action_info(a)->name + 4,
			    why);
		app->dirty = true;
		return;
	}
	struct tui_view *v = tui_top(app);
	enum tui_result r = v->ops->on_action ? v->ops->on_action(app, v, a) : TUI_PASS;
	if (r == TUI_PASS)
		r = global_action(app, a);
	/* no one took it: the view says so (Esc on the main screen with
	 * nothing to cancel is no news) */
	if (r == TUI_PASS && !(a == ACT_CANCEL && tui_top(app)->ops->full_screen))
		tui_dialog_ignored(app, a);
	apply(app, r);
}

static void on_mouse(struct tui_app *app)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	if (ev.y == app->lay.keybar.y) {
		int x = 0;
		bool wide = tui_keybar_wide(app);
		for (int a = 1; a < ACT_COUNT; a++) {
			const struct tui_action_info *ai = tui_action_info((enum tui_action)a);
			if (!ai->label)
				continue;
			int w = tui_keybar_entry_width(ai, wide);
			if (ev.x >= x && ev.x < x + w) {
				tui_dispatch(app, ai->id);
				return;
			}
			x += w;
		}
		return;
	}
	if (app->n_views != 1)
		return;
	const struct tui_rect *g = &app->lay.grid;
	if (ev.y > g->y && ev.y < g->y + g->h) {
		size_t row = app->form.top + (size_t)(ev.y - g->y - 1);
		if (row < tui_form_n_items(app)) {
			tui_form_commit_edit(app);
			tui_form_focus_row(app, row);
		}
		return;
	}
	const struct tui_rect *t = &app->lay.taxes;
	if (ev.y > t->y && ev.y < t->y + t->h) {
		size_t row = app->res.tax_top + (size_t)(ev.y - t->y - 1);
		if (row < app->res.n_rows) {
			tui_form_commit_edit(app);
			app->focus = PANE_TAXES;
			app->res.tax_sel = row;
		}
	}
}

static void feed_key(struct tui_app *app, int key, bool meta)
{
	if (key == '\r')
		key = '\n';
	if (key == KEY_RESIZE) {
		for (size_t i = 0; i < app->n_views; i++)
			if (app->stack[i].ops->on_resize)
				app->stack[i].ops->on_resize(app, &app->stack[i]);
		clearok(curscr, TRUE);
		return;
	}
	if (key == KEY_MOUSE) {
		if (app->mouse)
			on_mouse(app);
		return;
	}
	tui_compute_layout(app);
	struct tui_view *v = tui_top(app);
	/* a question stays answerable on a screen too small to show it, and
	 * text typed into the field that has the focus is kept (the screen
	 * shows it once it is large enough again); other keys wait */
	bool printable = key >= ' ' && key < KEY_MIN && key != 127;
	bool small_ok = v->ops == &tui_dialog_confirm_ops ||
			(printable && v->ops->text_focus && v->ops->text_focus(app, v));
	if (!meta && (!app->lay.too_small || small_ok) && v->ops->on_key) {
		enum tui_result r = v->ops->on_key(app, v, key);
		if (r != TUI_PASS) {
			apply(app, r);
			return;
		}
	}
	bool text = v->ops->text_focus && v->ops->text_focus(app, v);
	enum tui_action a = tui_keymap_lookup(key, meta, text);
	/* A letter that is a key of the history or the raw view (n: next
	 * match, l, u, p) is, on the main screen, the action it is the letter
	 * of (n: new call), as the help says of letters where no field has the
	 * focus. */
	if (!meta && !text && printable && v->ops == &tui_screen_main_ops) {
		enum tui_action by_letter = tui_keymap_lookup(key, true, false);
		if (by_letter != ACT_NONE)
			a = by_letter;
	}
	bool reflex = a == ACT_NONE && !meta && (key == 3 || key == 17 || key == 19 || key == 26);
	if (reflex && (!v->ops->keys || v->ops->full_screen)) {
		/* left unbound on purpose (a reflex never ends a call), but said,
		 * so that a rep who presses them knows what does */
		char k[32];
		tui_message(app, ROLE_NORMAL, "Ctrl-%c does nothing here: %s quits, Esc cancels",
			    key + '@', tui_action_key_text(ACT_QUIT, k, sizeof k));
		return;
	}
	if (a == ACT_NONE && v->ops->keys && !app->lay.too_small) {
		tui_dialog_ignored(app, a);
		return;
	}
	tui_dispatch(app, a);
}

void tui_feed_key(struct tui_app *app, int key, bool meta)
{
	app->dirty = true;
	app->dialog_note[0] = '\0';
	app->key_now = key;
	app->key_now_meta = meta;
	app->key_now_set = true;
	feed_key(app, key, meta);
	app->key_now_set = false;
}

void tui_tick(struct tui_app *app, int wait_ms)
{
	if (app->client && (app->fly.p || app->ts_pending || app->tt_pending || app->lookup_pending ||
			    tui_places_busy(app)))
		afcq_client_pump(app->client, wait_ms);
	else if (app->fly.enc || app->fly.dec)
		tui_calls_wait(app, wait_ms);
	else if (app->ts_reading)
		tui_calls_catalog_wait(app, wait_ms);
	tui_calls_poll(app);
	if (app->resend_quote && !tui_busy(app)) {
		app->resend_quote = false;
		tui_calls_quote(app);
	}
	tui_team_tick(app);
	tui_places_tick(app);
	for (size_t i = 0; i < app->n_views; i++)
		if (app->stack[i].ops->on_tick)
			app->stack[i].ops->on_tick(app, &app->stack[i]);
	if (tui_busy(app)) {
		app->spin++;
		app->dirty = true;
	}
}

/* ---- start-up and shut-down ---------------------------------------------- */
static void set_today(struct tui_app *app)
{
	const char *now = getenv("AFCQ_NOW");
	if (now && strlen(now) >= 10) {
		char d[11];
		memcpy(d, now, 10);
		d[10] = '\0';
		if (afcq_valid_date(d)) {
			snprintf(app->today, sizeof app->today, "%s", d);
			return;
		}
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(app->today, sizeof app->today, "%Y-%m-%d", &tm);
}

static bool loopback(const char *url)
{
	return url && (strstr(url, "://127.") || strstr(url, "://localhost") || strstr(url, "://[::1]"));
}

static void set_endpoint_label(struct tui_app *app)
{
	const struct tui_args *a = app->args;
	const char *url = a->endpoint && a->endpoint->base_url ? a->endpoint->base_url
			  : a->endpoint_wait ? "starting" : "(none)";
	free(app->endpoint_label);
	if (a->sandbox) {
		app->sandbox = true;
		app->endpoint_label = afcq_xasprintf("SANDBOX (bundled) %s", url);
	} else if (loopback(url)) {
		app->sandbox = true;
		app->endpoint_label = afcq_xasprintf("LOCAL TEST %s", url);
	} else if (strstr(url, "communicationsua.")) {
		app->sandbox = true;
		app->endpoint_label = afcq_xasprintf("AVALARA SANDBOX %s", url);
	} else {
		app->sandbox = false;
		app->endpoint_label = afcq_xasprintf("PRODUCTION %s", url);
	}
}

/* The history (or the team's journal) is opened once the first screen is
 * shown: quotes go out without it, and a team's server may take seconds to
 * answer. */
static void open_journal(struct tui_app *app)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	const char *store = app->cfg ? app->cfg->store : NULL;
	/* the team's store down: quotes are kept locally until it is back,
	 * invoices and commits wait for the team's journal */
	bool offline = false;
	app->history = afcq_store_journal_open(store, &offline, &err);
	app->journal_pending = false;
	app->store_down = !afcq_str_empty(store) && (!app->history || offline);
	app->api.journal_local = offline;
	if (offline)
		app->history_spec = afcq_history_offline_path();
	else if (!afcq_str_empty(store))
		app->history_spec = afcq_xstrdup(store);
	tui_team_start(app);
	app->api.history = app->history;
	if (app->team && app->store_down)
		tui_team_say_down(app, &err);
	else if (!app->history || app->store_down)
		/* the cause before the file's name, which may be long */
		tui_message(app, ROLE_ERROR, "store unavailable: %s%s%s%s",
			    err.msg[0] ? err.msg : "cannot be opened", err.where[0] ? " (" : "",
			    err.where, err.where[0] ? ")" : "");
	tui_unknown_recount(app);
	app->dirty = true;
}

struct afcq_client *tui_client(struct tui_app *app)
{
	if (app->client || !app->client_wanted)
		return app->client;
	app->client_wanted = false; /* one try: a failure is said once */
	struct afcq_error err;
	afcq_error_clear(&err);
	app->client = afcq_client_new(app->args->endpoint, &err);
	app->api.client = app->client;
	app->lookup_api.client = app->client;
	if (!app->client) {
		char line[400];
		tui_message(app, ROLE_ERROR, "%s; quotes cannot be sent",
			    afcq_error_line(&err, line, sizeof line));
	}
	return app->client;
}

/* The first screen is shown before the HTTP client is made (starting
 * libcurl and its TLS library takes a while) and while a bundled sandbox
 * loads its rate book; then the sandbox is waited for and the client made,
 * and the T/S catalog asked for.  false (the terminal to be left) when the
 * sandbox did not start. */
static bool connect_endpoint(struct tui_app *app)
{
	const struct tui_args *a = app->args;
	tui_draw(app);
	open_journal(app);
	if (a->endpoint_wait) {
		if (a->endpoint_wait(a->endpoint_ud, a->endpoint_err) != AFCQ_OK)
			return false;
		set_endpoint_label(app);
	}
	app->client_wanted = a->endpoint && a->endpoint->base_url;
	if (app->client_wanted)
		tui_calls_start_catalog(app);
	else if (a->endpoint_wait)
		tui_message(app, ROLE_ERROR, "no endpoint: quotes cannot be sent");
	app->dirty = true;
	return true;
}

static SCREEN *start_curses(bool scripted, FILE **out, FILE **in)
{
	*out = *in = NULL;
	if (scripted && !isatty(STDOUT_FILENO)) {
		/* A real curses screen on a file: the script reads it back. */
		const char *term = getenv("TERM");
		if (!term || !*term || strcmp(term, "dumb") == 0)
			term = "xterm";
		*out = fopen("/dev/null", "w");
		*in = fopen("/dev/null", "r");
		if (!*out || !*in)
			return NULL;
		SCREEN *s = newterm(term, *out, *in);
		if (s)
			set_term(s);
		return s;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return NULL;
	const char *term = getenv("TERM");
	SCREEN *s = newterm(term && *term ? term : "xterm", stdout, stdin);
	if (s)
		set_term(s);
	return s;
}

static void app_done(struct tui_app *app)
{
	while (app->n_views > 1)
		tui_pop(app);
	if (app->n_views == 1 && app->stack[0].ops->close)
		app->stack[0].ops->close(app, &app->stack[0]);
	app->n_views = 0;
	tui_calls_cancel(app);
	if (app->fly.enc || app->fly.p || app->fly.dec || app->ts_pending || app->tt_pending) {
		/* let cancelled calls complete so history records their outcome */
		for (int i = 0; i < 40 && (app->fly.enc || app->fly.p || app->fly.dec || app->ts_pending ||
					   app->tt_pending); i++) {
			if (app->ts_pending)
				afcq_pending_cancel(app->ts_pending);
			if (app->tt_pending)
				afcq_pending_cancel(app->tt_pending);
			tui_tick(app, 25);
		}
	}
	tui_calls_catalog_end(app);
	tui_places_free(app, app->places);
	app->places = NULL;
	tui_team_free(app->team);
	app->team = NULL;
	tui_calls_drain(app);
	tui_calls_reap(app);
	tui_day_free(app->day);
	app->day = NULL;
	tui_results_clear(&app->res);
	afcq_request_done(&app->fly.req);
	free(app->fly.doc);
	free(app->fly.invn);
	afcq_request_done(&app->req);
	afcq_tspair_list_done(&app->tspairs);
	afcq_taxtype_list_done(&app->taxtypes);
	tui_marks_done(app);
	tui_undo_forget(app);
	free(app->file);
	free(app->form_clean);
	free(app->last_doc);
	free(app->raw_request);
	free(app->raw_response);
	free(app->raw_title);
	free(app->endpoint_label);
	if (app->script)
		tui_script_free(app->script);
	afcq_history_close(app->history_rec);
	free(app->history_spec);
	if (app->history)
		afcq_history_close(app->history);
	if (app->client)
		afcq_client_free(app->client);
	tui_theme_done(&app->theme);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* One key from the terminal: a curses key code, an ASCII character, or
 * TUI_KEY_CHAR(code point) for any other character the locale decoded
 * (UTF-8 text such as "Montréal"); ERR when none came in time.  Without a
 * multibyte locale, bytes above ASCII cannot be told apart and are
 * dropped rather than typed as the wrong letters. */
static int read_key(void)
{
	wint_t wc;
	int r = get_wch(&wc);
	if (r == KEY_CODE_YES)
		return (int)wc;
	if (r == ERR)
		return ERR;
	if (wc < 0x80)
		return (int)wc;
	if (MB_CUR_MAX == 1 || wc > 0x10ffff)
		return ERR;
	return TUI_KEY_CHAR((unsigned long)wc);
}

static void run_loop(struct tui_app *app)
{
	while (!app->quit) {
		if (tui_got_signal) {
			app->exit_code = 128 + (int)tui_got_signal;
			break;
		}
		tui_tick(app, 0);
		if (app->dirty)
			tui_draw(app);
		if (app->scripted) {
			if (!tui_script_step(app))
				break;
			continue;
		}
		int ch = read_key();
		if (ch == ERR) {
			/* idle: the time to load libcurl before a key needs it */
			if (app->client_wanted)
				tui_client(app);
			continue;
		}
		bool meta = false;
		if (ch == 27) {
			timeout(30);
			int next = read_key();
			timeout(TUI_TICK_MS);
			if (next >= 32 && next < 127) {
				ch = next; /* Esc then a letter: Alt+letter */
				meta = true;
			} else if (next != ERR && (next & TUI_KEY_UNICODE)) {
				unget_wch((wchar_t)(next & ~TUI_KEY_UNICODE));
			} else if (next != ERR) {
				ungetch(next); /* a lone Esc, then another key */
			}
		}
		tui_feed_key(app, ch, meta);
	}
}

int tui_main(const struct tui_args *args)
{
	struct tui_app *app = afcq_xcalloc(1, sizeof *app);
	char msg[800];
	app->args = args;
	app->cfg = args->config;
	set_today(app);
	set_endpoint_label(app);
	afcq_request_init(&app->req);
	afcq_response_init(&app->res.resp);

	const char *script = args->script ? args->script : getenv("AFCQ_SCRIPT");
	if (script && *script) {
		app->script = tui_script_open(script, msg, sizeof msg);
		if (!app->script) {
			fprintf(stderr, "afcq: %s\n", msg);
			free(app->endpoint_label);
			free(app);
			return 2;
		}
		app->scripted = true;
	}

	tui_form_new(app);
	app->day = tui_day_new();
	if (args->file && tui_form_load_file(app, args->file, msg, sizeof msg) != 0) {
		fprintf(stderr, "afcq: %s\n", msg);
		app_done(app);
		free(app);
		return 2;
	}

	const char *store = args->config ? args->config->store : NULL;
	app->team = tui_team_new(store);
	app->journal_pending = true;
	app->api.client = app->client;
	app->api.log = args->log;
	app->api.endpoint_label = args->sandbox ? "sandbox"
						: (args->endpoint ? args->endpoint->base_url : NULL);
	app->lookup_api = app->api;
	app->lookup_api.history = NULL;
	app->places = tui_places_new();

	FILE *out, *in;
	/* Text is the terminal's: UTF-8 names are typed and shown as such.
	 * Only the character type: numbers keep the C locale's dot. */
	setlocale(LC_CTYPE, "");
	atexit(restore_terminal);
	SCREEN *scr = start_curses(app->scripted, &out, &in);
	if (!scr) {
		fprintf(stderr, "afcq: the workstation needs a terminal (or use a subcommand, see "
				"afcq --help)\n");
		if (out)
			fclose(out);
		if (in)
			fclose(in);
		app_done(app);
		free(app);
		return 2;
	}
	install_signals();
	tui_overlay_init();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(TUI_TICK_MS);
	const char *no_color = getenv("NO_COLOR");
	bool nc = args->no_color || (no_color && *no_color);
	const char *theme = app->cfg && app->cfg->ui.theme ? app->cfg->ui.theme : "default";
	if (nc)
		theme = "mono";
	if (tui_theme_load(&app->theme, theme, args->argv0, nc, msg, sizeof msg) != 0) {
		tui_message(app, ROLE_ERROR, "%s", msg);
	} else {
		/* the first thing a rep on a call does: find the caller */
		char k[32], ctrl[40];
		tui_action_key_text(ACT_CUSTOMER, k, sizeof k);
		if (k[0] == 'C' && k[1] == '-' && k[2] && !k[3]) /* "C-p" reads "Ctrl-P" */
			snprintf(ctrl, sizeof ctrl, "Ctrl-%c", toupper((unsigned char)k[2]));
		else
			snprintf(ctrl, sizeof ctrl, "%s", k);
		tui_message(app, ROLE_NORMAL,
			    "%s finds a customer, or fill in the form; Tab moves, F5 quotes, F1 help.",
			    ctrl);
	}
	bkgdset(' ' | app->theme.attr[ROLE_NORMAL]);
	app->mouse = app->cfg && app->cfg->ui.mouse;
	if (app->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	if (!(args->endpoint && args->endpoint->base_url) && !args->endpoint_wait)
		tui_message(app, ROLE_ERROR, "no endpoint: quotes cannot be sent");

	tui_push(app, &tui_screen_main_ops, NULL);
	if (connect_endpoint(app))
		run_loop(app);
	else
		app->exit_code = 4;

	int rc = app->exit_code;
	app_done(app);
	free(app);
	endwin();
	delscreen(scr);
	if (out)
		fclose(out);
	if (in)
		fclose(in);
	return rc;
}
