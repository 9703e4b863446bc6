/* calls_catalog.c - the T/S catalog the workstation checks pairs against,
 * loaded from the cache or fetched without blocking (calls.c pumps the
 * lookups), and the form's check before sending that uses it. */
#include "tui.h"
#include "calls_int.h"
#include "labels.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "afcq/catalog.h"
#include "afcq/str.h"
#include "afcq/validate.h"

/* The T/S catalog comes from the cache the command line keeps too
 * (afcq_catalog_*), under the lookup context's endpoint label: "sandbox"
 * for the bundled server, whose port changes every run, the base URL
 * otherwise.  A fresh cache is used as it is; a missing or old one is
 * replaced by fetching both catalogs without blocking (an old list is
 * used meanwhile), and the cache is rewritten once both have come. */
/* The cache is read (about 8 ms for a real service's catalog) on a worker,
 * so that keys typed just after the first screen are not kept waiting. */
struct tui_catalog_read {
	pthread_t thread;
	bool thread_started;
	atomic_bool done;
	char *key;                  /* the endpoint label read under */
	struct afcq_catalog cat;
	enum afcq_status st;
};

static void *read_main(void *arg)
{
	struct tui_catalog_read *r = arg;
	struct afcq_error err;
	afcq_error_clear(&err);
	r->st = afcq_catalog_read_cache(&r->cat, r->key, NULL, &err);
	atomic_store_explicit(&r->done, true, memory_order_release);
	return NULL;
}

static void read_free(struct tui_catalog_read *r)
{
	if (r->thread_started)
		pthread_join(r->thread, NULL);
	afcq_catalog_done(&r->cat);
	free(r->key);
	free(r);
}

/* Takes a finished read's catalog; true when it is fresh (nothing to fetch). */
static bool take_catalog_read(struct tui_app *app, struct tui_catalog_read *r)
{
	struct afcq_catalog *cat = &r->cat;
	bool fresh = false;
	if (r->st == AFCQ_OK && cat->absent && afcq_catalog_is_fresh(cat, 0, 0)) {
		/* Remembered: this endpoint has no catalog; not asked again yet. */
		tui_message(app, ROLE_ERROR, "T/S catalog unavailable (%s): pairs are not checked",
			    cat->absent_why);
		fresh = true;
	} else if (r->st == AFCQ_OK && cat->tspairs.n && !app->tspairs_loaded) {
		afcq_tspair_list_done(&app->tspairs);
		app->tspairs = cat->tspairs;
		memset(&cat->tspairs, 0, sizeof cat->tspairs);
		app->tspairs_loaded = true;
		app->tspairs_from_cache = true;
		app->tspairs_fetched = cat->fetched;
		fresh = afcq_catalog_is_fresh(cat, 0, 0);
	}
	app->dirty = true;
	return fresh;
}

void tui_calls_catalog_wait(const struct tui_app *app, int ms)
{
	const struct tui_catalog_read *r = app->ts_reading;
	for (int t = 0; r && t < ms && !atomic_load_explicit(&r->done, memory_order_acquire);
	     t++) {
		struct timespec one = { .tv_sec = 0, .tv_nsec = 1000000L };
		nanosleep(&one, NULL);
	}
}

void tui_calls_catalog_end(struct tui_app *app)
{
	if (app->ts_reading)
		read_free(app->ts_reading);
	app->ts_reading = NULL;
}

/* Fetches both catalogs without blocking (the poll takes them in). */
static void fetch_catalog(struct tui_app *app)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	app->ts_fetched = app->tt_fetched = false;
	if (!tui_client(app))
		return;
	app->ts_pending = afcq_api_start_lookup(&app->lookup_api, AFCQ_OP_TSPAIRS, NULL, NULL, &err);
	if (!app->ts_pending) {
		char line[800];
		tui_message(app, ROLE_ERROR, "T/S catalog not %s: %s",
			    app->tspairs_loaded ? "refreshed" : "loaded",
			    tui_error_text(&err, line, sizeof line));
		return;
	}
	if (!app->tt_pending)
		app->tt_pending = afcq_api_start_lookup(&app->lookup_api, AFCQ_OP_TAXTYPE, "*", NULL,
							&err);
}

void tui_calls_start_catalog(struct tui_app *app)
{
	if (app->ts_pending || app->ts_reading)
		return;
	const char *key = app->lookup_api.endpoint_label;
	if (!key || app->tspairs_loaded) {
		fetch_catalog(app);
		return;
	}
	struct tui_catalog_read *r = afcq_xcalloc(1, sizeof *r);
	r->key = afcq_xstrdup(key);
	afcq_catalog_init(&r->cat);
	atomic_init(&r->done, false);
	app->ts_reading = r;
	if (pthread_create(&r->thread, NULL, read_main, r) == 0)
		r->thread_started = true;
	else
		read_main(r);
}

/* The command line's hook over the same list: it answers the "any pair
 * with this transaction type?" questions, so messages name the wrong half.
 * It notes whether a whole pair was refused.  The last question's answer
 * is kept: the items of a large invoice mostly ask about the same pair,
 * and the list is searched from its start each time. */
struct pair_check {
	struct tui_app *app;
	bool refused;
	bool have_last;
	long long last_tran, last_serv;
	bool last_known;
};

static bool known_pair(void *ctx, long long tran, long long serv)
{
	struct pair_check *c = ctx;
	if (!c->app->tspairs_loaded)
		return true;
	bool known;
	if (c->have_last && c->last_tran == tran && c->last_serv == serv) {
		known = c->last_known;
	} else {
		known = afcq_tspair_list_known(&c->app->tspairs, tran, serv);
		c->have_last = true;
		c->last_tran = tran;
		c->last_serv = serv;
		c->last_known = known;
	}
	if (!known && tran != AFCQ_TSPAIR_ANY && serv != AFCQ_TSPAIR_ANY)
		c->refused = true;
	return known;
}

size_t tui_calls_validate(struct tui_app *app, char *msg, size_t n)
{
	if (tui_form_commit_edit(app) != 0) {
		snprintf(msg, n, "%s", app->msg);
		return 1;
	}
	tui_marks_clear(app, true);
	char first[512];
	size_t typed = tui_marks_typed(app, first, sizeof first);
	if (typed) {
		snprintf(msg, n, "fix the marked field first: %s", first);
		for (size_t i = 0; i < app->n_marks; i++)
			if (app->marks[i].text) {
				struct tui_mark m = app->marks[i];
				tui_form_focus_mark(app, &m);
				break;
			}
		return typed;
	}
	struct afcq_problems probs = { 0 };
	struct pair_check pc = { .app = app };
	size_t count = afcq_validate_request(&app->req, known_pair, &pc, &probs);
	for (size_t i = 0; i < probs.n; i++)
		tui_marks_add_problem(app, probs.v[i].path, probs.v[i].msg);
	/* A cached catalog that refuses a pair is fetched again, once: the
	 * pair may be new on the server, or the cache wrong. */
	bool recheck = pc.refused && app->tspairs_from_cache && !app->ts_rechecked &&
		       !app->ts_pending;
	if (recheck) {
		app->ts_rechecked = true;
		fetch_catalog(app);
	}
	const char *again = recheck ? " (the cached T/S catalog is being fetched again: send "
				      "again once it has come)" : "";
	if (count && probs.n) {
		char where[160], said[512];
		tui_path_words(app, probs.v[0].path, where, sizeof where);
		tui_problem_words(probs.v[0].msg, said, sizeof said);
		if (probs.n > 1)
			snprintf(msg, n, "%s: %s (and %zu more)%s", where, said, probs.n - 1, again);
		else
			snprintf(msg, n, "%s: %s%s", where, said, again);
		tui_form_focus_path(app, probs.v[0].path);
	}
	afcq_problems_done(&probs);
	return count;
}

/* Both lists fetched: the cache gets them (they are moved in and back). */
static void write_catalog_cache(struct tui_app *app)
{
	const char *key = app->lookup_api.endpoint_label;
	if (!key || !app->ts_fetched || !app->tt_fetched)
		return;
	app->ts_fetched = app->tt_fetched = false;
	struct afcq_catalog cat;
	struct afcq_error err;
	afcq_catalog_init(&cat);
	afcq_error_clear(&err);
	afcq_catalog_set(&cat, &app->tspairs, &app->taxtypes, app->tspairs_fetched);
	if (afcq_catalog_write_cache(&cat, key, NULL, &err) != AFCQ_OK) {
		char line[800];
		tui_message(app, ROLE_ERROR, "T/S catalog not cached: %s",
			    afcq_error_line(&err, line, sizeof line));
	}
	app->tspairs = cat.tspairs;
	app->taxtypes = cat.taxtypes;
	memset(&cat.tspairs, 0, sizeof cat.tspairs);
	memset(&cat.taxtypes, 0, sizeof cat.taxtypes);
	afcq_catalog_done(&cat);
}

/* The endpoint answered its T/S lookup with something that is not a
 * catalog (or 404): said once, and remembered in the cache so the next
 * start does not ask again for a while (see catalog.h). */
static void remember_absent(struct tui_app *app, const struct afcq_error *why)
{
	char line[800];
	tui_error_text(why, line, sizeof line);
	tui_message(app, ROLE_ERROR, "T/S catalog unavailable: pairs are not checked (%s)", line);
	const char *key = app->lookup_api.endpoint_label;
	if (!key)
		return;
	struct afcq_catalog cat;
	struct afcq_error err;
	afcq_catalog_init(&cat);
	char *reason = afcq_catalog_absent_reason(why);
	afcq_catalog_set_absent(&cat, reason, 0);
	free(reason);
	afcq_catalog_write_cache(&cat, key, NULL, &err); /* best effort */
	afcq_catalog_done(&cat);
}

static void poll_taxtypes(struct tui_app *app)
{
	if (!app->tt_pending || !afcq_pending_done(app->tt_pending))
		return;
	struct afcq_exchange x;
	struct afcq_error err;
	memset(&x, 0, sizeof x);
	afcq_error_clear(&err);
	enum afcq_status st = afcq_api_finish(&app->lookup_api, app->tt_pending, &x, &err);
	app->tt_pending = NULL;
	if (st == AFCQ_OK && x.taxtypes.n) {
		afcq_taxtype_list_done(&app->taxtypes);
		app->taxtypes = x.taxtypes;
		memset(&x.taxtypes, 0, sizeof x.taxtypes);
		app->tt_fetched = true;
	}
	afcq_exchange_done(&x);
}

void tui_calls_poll_catalog(struct tui_app *app)
{
	struct tui_catalog_read *r = app->ts_reading;
	if (r && atomic_load_explicit(&r->done, memory_order_acquire)) {
		app->ts_reading = NULL;
		bool fresh = take_catalog_read(app, r);
		read_free(r);
		if (!fresh)
			fetch_catalog(app);
	}
	poll_taxtypes(app);
	if (app->ts_pending && afcq_pending_done(app->ts_pending)) {
		struct afcq_exchange x;
		struct afcq_error err;
		memset(&x, 0, sizeof x);
		afcq_error_clear(&err);
		enum afcq_status st = afcq_api_finish(&app->lookup_api, app->ts_pending, &x, &err);
		app->ts_pending = NULL;
		if (st == AFCQ_OK && x.tspairs.n == 0) {
			tui_message(app, ROLE_ERROR,
				    "the server's T/S catalog is empty: pairs are not checked");
		} else if (st == AFCQ_OK) {
			afcq_tspair_list_done(&app->tspairs);
			app->tspairs = x.tspairs;
			memset(&x.tspairs, 0, sizeof x.tspairs);
			app->tspairs_loaded = true;
			app->tspairs_from_cache = false;
			app->tspairs_fetched = time(NULL);
			app->ts_fetched = true;
			if (app->ts_rechecked)
				tui_message(app, ROLE_OK,
					    "T/S catalog fetched again (%zu pairs): send again",
					    app->tspairs.n);
		} else if (afcq_catalog_absent_error(&err) && !app->tspairs_loaded) {
			remember_absent(app, &err);
		} else {
			char line[800];
			tui_message(app, ROLE_ERROR, "T/S catalog not %s: %s",
				    app->tspairs_loaded ? "refreshed (the cached one is used)"
							: "loaded",
				    tui_error_text(&err, line, sizeof line));
		}
		afcq_exchange_done(&x);
		app->dirty = true;
	}
	if (!app->ts_pending && !app->tt_pending)
		write_catalog_cache(app);
}
