/* teamstore.c - the workstation's link to a team's store (teamstore.h). */
#include "teamstore.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "afcq/history.h"
#include "afcq/pg.h"
#include "afcq/store.h"
#include "afcq/store_copy.h"
#include "afcq/str.h"
#include "day.h"
#include "tui.h"

enum job_kind { JOB_CONNECT, JOB_FLUSH };

/* One worker: its fields are its own until done is set; then the loop
 * joins it and takes what it opened. */
struct team_job {
	pthread_t thread;
	enum job_kind kind;
	const char *store;          /* the link's */
	atomic_bool done;
	enum afcq_status st;
	struct afcq_error err;
	struct afcq_history *h;     /* JOB_CONNECT: the journal ... */
	struct afcq_store *book;    /* ... and the customer book */
	size_t moved;               /* JOB_FLUSH: quotes written */
};

struct tui_team {
	char *store;
	struct team_job *job;
	struct team_job *ready;     /* connected, waiting for no request in flight */
	bool flush;                 /* kept quotes to write once up */
	bool lost;                  /* a failed call lost the handles */
	char why[400];              /* ... saying this */
	int64_t next_try, next_check;
};

/* The cause in a store's message, the server being the one the config
 * names ("Connection refused" of "cannot connect: connection to server ...
 * failed: Connection refused"), without an explanation in parentheses.  Into why, of n bytes. */
static void cause_of(const struct afcq_error *err, char *why, size_t n)
{
	snprintf(why, n, "%s", err && err->msg[0] ? tui_cause(err->msg) : "cannot be reached");
	/* "no answer within 4 s", without the explanation that follows */
	char *more = strstr(why, " (");
	if (more)
		*more = '\0';
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct tui_team *tui_team_new(const char *store)
{
	if (afcq_str_empty(store) || !afcq_pg_is_url(store))
		return NULL;
	struct tui_team *t = afcq_xcalloc(1, sizeof *t);
	t->store = afcq_xstrdup(store);
	t->next_try = now_ms() + TUI_TEAM_RETRY_MS;
	t->next_check = now_ms() + TUI_TEAM_CHECK_MS;
	return t;
}

static void job_free(struct team_job *j)
{
	if (!j)
		return;
	afcq_history_close(j->h);
	afcq_store_close(j->book);
	free(j);
}

static void *job_main(void *arg)
{
	struct team_job *j = arg;
	afcq_error_clear(&j->err);
	if (j->kind == JOB_CONNECT) {
		j->h = afcq_history_open(j->store, &j->err);
		if (j->h)
			j->book = afcq_store_open(j->store, &j->err);
		if (j->h && !j->book) {
			afcq_history_close(j->h);
			j->h = NULL;
		}
		j->st = j->h ? AFCQ_OK : AFCQ_ERR_DB;
		if (j->h) {
			afcq_history_set_wait(j->h, TUI_TEAM_WAIT_MS);
			afcq_store_set_wait(j->book, TUI_TEAM_WAIT_MS);
		}
	} else {
		struct afcq_history *h = afcq_history_open(j->store, &j->err);
		j->st = AFCQ_ERR_DB;
		if (h) {
			afcq_history_set_wait(h, TUI_TEAM_WAIT_MS);
			j->st = afcq_store_flush_offline(h, &j->moved, &j->err);
			afcq_history_close(h);
		}
	}
	atomic_store_explicit(&j->done, true, memory_order_release);
	return NULL;
}

static void job_start(struct tui_team *t, enum job_kind kind)
{
	struct team_job *j = afcq_xcalloc(1, sizeof *j);
	j->kind = kind;
	j->store = t->store;
	atomic_init(&j->done, false);
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		/* no thread now: the next try may have one */
		free(j);
		t->next_try = now_ms() + TUI_TEAM_RETRY_MS;
		return;
	}
	t->job = j;
}

void tui_team_start(struct tui_app *app)
{
	struct tui_team *t = app->team;
	if (!t || app->store_down)
		return;
	afcq_history_set_wait(app->history, TUI_TEAM_WAIT_MS);
	struct afcq_error err;
	afcq_error_clear(&err);
	app->day->store = afcq_store_open(t->store, &err);
	if (!app->day->store) {
		cause_of(&err, t->why, sizeof t->why);
		t->lost = true;
		return;
	}
	afcq_store_set_wait(app->day->store, TUI_TEAM_WAIT_MS);
	t->flush = afcq_store_offline_waiting();
	t->next_try = now_ms();
}

void tui_team_free(struct tui_team *t)
{
	if (!t)
		return;
	if (t->job) {
		pthread_join(t->job->thread, NULL);
		job_free(t->job);
	}
	job_free(t->ready);
	free(t->store);
	free(t);
}

static void say_down(struct tui_app *app, const char *why)
{
	/* the cause left out when it would not fit */
	char msg[sizeof app->msg];
	if (snprintf(msg, sizeof msg, "store unavailable (%s); quotes kept locally, retry every %d s",
		     why, TUI_TEAM_RETRY_MS / 1000) > TUI_MSG_COLS)
		snprintf(msg, sizeof msg, "store unavailable; quotes kept locally, retry every %d s",
			 TUI_TEAM_RETRY_MS / 1000);
	tui_message(app, ROLE_ERROR, "%s", msg);
}

void tui_team_say_down(struct tui_app *app, const struct afcq_error *err)
{
	char why[200];
	cause_of(err, why, sizeof why);
	say_down(app, why);
}

/* The journal and the book let go; quotes go to the local file. */
static void go_down(struct tui_app *app, const char *why)
{
	struct tui_team *t = app->team;
	afcq_history_close(app->history);
	afcq_history_close(app->history_rec);
	app->history_rec = NULL;
	free(app->history_spec);
	app->history_spec = afcq_history_offline_path();
	struct afcq_error err;
	afcq_error_clear(&err);
	app->history = app->history_spec ? afcq_history_open(app->history_spec, &err) : NULL;
	app->api.history = app->history;
	app->api.journal_local = app->history != NULL;
	app->store_down = true;
	afcq_store_close(app->day->store);
	app->day->store = NULL;
	app->day->store_failed = false;
	t->lost = false;
	t->flush = false;
	t->next_try = now_ms() + TUI_TEAM_RETRY_MS;
	app->n_unknown = 0;
	app->history_gen++;
	/* the status line: "store unavailable  quotes only" */
	app->state_line[0] = '\0';
	say_down(app, why);
	app->dirty = true;
}

/* The team's handles take over from the local file. */
static void come_back(struct tui_app *app, struct team_job *j)
{
	struct tui_team *t = app->team;
	afcq_history_close(app->history);
	afcq_history_close(app->history_rec);
	app->history_rec = NULL;
	free(app->history_spec);
	app->history_spec = afcq_xstrdup(t->store);
	app->history = j->h;
	j->h = NULL;
	app->api.history = app->history;
	app->api.journal_local = false;
	app->store_down = false;
	afcq_store_close(app->day->store);
	app->day->store = j->book;
	j->book = NULL;
	app->day->store_failed = false;
	t->flush = afcq_store_offline_waiting();
	t->next_try = now_ms();
	t->next_check = now_ms() + TUI_TEAM_CHECK_MS;
	tui_unknown_recount(app);
	/* the status line says so until the next request's state */
	snprintf(app->state_line, sizeof app->state_line, "store back");
	tui_message(app, ROLE_OK, "store back: invoices and commits can go out%s",
		    t->flush ? "; writing the quotes kept meanwhile" : " again");
	app->dirty = true;
}

static void job_done(struct tui_app *app)
{
	struct tui_team *t = app->team;
	struct team_job *j = t->job;
	pthread_join(j->thread, NULL);
	t->job = NULL;
	if (j->kind == JOB_CONNECT) {
		if (j->st == AFCQ_OK) {
			t->ready = j;
			return;
		}
		t->next_try = now_ms() + TUI_TEAM_RETRY_MS;
		job_free(j);
		return;
	}
	if (j->st == AFCQ_OK) {
		t->flush = false;
		app->history_gen++;
		if (j->moved)
			tui_message(app, ROLE_OK, "store back: %zu quote%s kept while it was "
						  "unavailable now in the team's journal",
				    j->moved, j->moved == 1 ? "" : "s");
		else  /* another program wrote them, or one still waits for its answer */
			tui_message(app, ROLE_OK, "store back: invoices and commits can go out again");
		app->dirty = true;
	} else {
		/* the file stays; tried again with the next check */
		char why[200];
		cause_of(&j->err, why, sizeof why);
		char msg[sizeof app->msg];
		if (snprintf(msg, sizeof msg, "quotes kept locally not yet in the team's journal: %s",
			     why) > TUI_MSG_COLS)
			snprintf(msg, sizeof msg, "quotes kept locally not yet in the team's journal "
						  "(tried again)");
		tui_message(app, ROLE_ERROR, "%s", msg);
		t->next_try = now_ms() + TUI_TEAM_RETRY_MS;
	}
	job_free(j);
}

/* The kept quotes are being written: the handles change only once the
 * worker is done, so losing the store waits for that. */
static bool flushing(const struct tui_team *t)
{
	return t->job && t->job->kind == JOB_FLUSH;
}

void tui_team_failed(struct tui_app *app, const struct afcq_error *err)
{
	struct tui_team *t = app->team;
	if (!t || app->store_down || t->lost)
		return;
	if (afcq_history_check(app->history) && (!app->day->store || afcq_store_check(app->day->store)))
		return;
	cause_of(err, t->why, sizeof t->why);
	t->lost = true;
	if (!tui_busy(app) && !flushing(t))
		go_down(app, t->why);
}

void tui_team_tick(struct tui_app *app)
{
	struct tui_team *t = app->team;
	if (!t)
		return;
	if (t->job && atomic_load_explicit(&t->job->done, memory_order_acquire))
		job_done(app);
	/* handles change only between requests: a record begun in one
	 * journal is completed in the same one */
	if (tui_busy(app))
		return;
	if (t->ready) {
		come_back(app, t->ready);
		job_free(t->ready);
		t->ready = NULL;
	}
	int64_t now = now_ms();
	if (app->history_rec && !afcq_history_check(app->history_rec)) {
		/* the answer workers' connection: the next one opens another */
		afcq_history_close(app->history_rec);
		app->history_rec = NULL;
	}
	if (flushing(t)) {
		/* nothing changes hands until the worker is done */
	} else if (t->lost) {
		go_down(app, t->why);
	} else if (!app->store_down && now >= t->next_check) {
		t->next_check = now + TUI_TEAM_CHECK_MS;
		if (!afcq_history_check(app->history) ||
		    (app->day->store && !afcq_store_check(app->day->store))) {
			go_down(app, "connection lost");
		}
	}
	if (t->job || now < t->next_try)
		return;
	if (app->store_down)
		job_start(t, JOB_CONNECT);
	else if (t->flush)
		job_start(t, JOB_FLUSH);
}
