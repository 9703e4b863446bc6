/* calls.c - requests to the server without blocking the keyboard.
 *
 * One user request (quote, invoice, commit) may be in flight at a time,
 * plus the T/S catalog lookup started with the workstation.  The input
 * loop calls tui_tick() every TUI_TICK_MS: it pumps the client and, when a
 * call is done, afcq_api_take() moves its answer into a struct tui_decode
 * and a worker thread parses it (afcq_api_decode(): a 10,000-item answer
 * takes a few hundred milliseconds, which the keyboard must not wait for).
 * The worker also completes the history record (afcq_api_record()) through
 * its own connection to the same store, opened by the first worker and
 * kept for the next ones (the loop's connection stays the loop's; writing a
 * large answer takes tens of milliseconds), and builds the result rows and
 * totals.  One answer is parsed at a time; the loop keeps ticking (the
 * spinner runs, keys are handled, new requests are refused as busy).  When
 * the worker is done the loop joins it and moves the answer into the result
 * panes; it records the outcome itself only when the worker could not (no
 * second connection: an in-memory store, or the store refused it).  Esc while the answer is being parsed does nothing: the
 * answer has arrived and is shown once parsed.  Catalog lookups (small
 * answers) are finished in the loop with afcq_api_finish().  A failure
 * never touches the form: it is shown in the message line and the panes
 * say why there is no total.  The catalog itself (cache, lookups, the
 * check before sending) is in calls_catalog.c.
 */
#include "tui.h"
#include "day.h"
#include "teamstore.h"
#include "calls_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "afcq/codec.h"
#include "afcq/money.h"
#include "afcq/str.h"

bool tui_busy(const struct tui_app *app)
{
	return app->fly.enc != NULL || app->fly.p != NULL || app->fly.dec != NULL;
}

bool tui_busy_refuse(struct tui_app *app)
{
	if (!tui_busy(app))
		return false;
	tui_message(app, ROLE_ERROR, "a request is already running (Esc cancels it)");
	return true;
}

static void inflight_done(struct tui_inflight *f)
{
	afcq_history_entry_done(&f->resolving);
	afcq_request_done(&f->req);
	free(f->doc);
	free(f->invn);
	memset(f, 0, sizeof *f);
}

/* ---- the request encoded on a worker thread ---------------------------- */

/* A 10,000-item request takes tens of milliseconds to check and encode:
 * a worker does it (afcq_api_encode_calc, from app->fly.req, which nothing
 * changes meanwhile), and the loop records and sends the result
 * (afcq_api_send_calc: the store and the client are the loop's).  The UI
 * thread touches p, err and cancelled only once `done` is set, and joins
 * the worker then. */
struct tui_encode {
	pthread_t thread;
	bool thread_started;
	enum afcq_op op;
	const struct afcq_request *req;
	struct afcq_pending *p;
	struct afcq_error err;
	atomic_bool done;
	bool cancelled;             /* Esc before it was sent: not sent */
	bool preload;               /* load libcurl here, off the loop's thread */
	struct timespec started;
	char state_before[sizeof ((struct tui_app *)0)->state_line]; /* shown again if not sent */
};

static void *encode_main(void *arg)
{
	struct tui_encode *e = arg;
	if (e->preload)
		afcq_client_preload(NULL);
	e->p = afcq_api_encode_calc(e->op, e->req, &e->err);
	atomic_store_explicit(&e->done, true, memory_order_release);
	return NULL;
}

static bool start_calc(struct tui_app *app, enum afcq_op op)
{
	app->fly.op = op;
	app->fly.form_gen = app->form_gen;
	struct tui_encode *e = afcq_xcalloc(1, sizeof *e);
	e->op = op;
	e->req = &app->fly.req;
	e->preload = app->client_wanted;
	afcq_error_clear(&e->err);
	atomic_init(&e->done, false);
	clock_gettime(CLOCK_MONOTONIC, &e->started);
	snprintf(e->state_before, sizeof e->state_before, "%s", app->state_line);
	app->fly.enc = e;
	app->msg_in_flight = false; /* what was said before is not news of this request */
	if (pthread_create(&e->thread, NULL, encode_main, e) == 0)
		e->thread_started = true;
	else
		encode_main(e);
	snprintf(app->state_line, sizeof app->state_line, "%s running", afcq_op_name(op));
	return true;
}

/* The request is encoded (the worker joined): sent, unless cancelled. */
static void encode_finish(struct tui_app *app)
{
	struct tui_encode *e = app->fly.enc;
	if (e->thread_started)
		pthread_join(e->thread, NULL);
	app->fly.enc = NULL;
	struct afcq_error err = e->err;
	struct afcq_pending *p = e->p;
	bool cancelled = e->cancelled;
	char before[sizeof app->state_line];
	snprintf(before, sizeof before, "%s", e->state_before);
	free(e);
	if (p && cancelled) {
		afcq_api_discard(p);
		tui_message(app, ROLE_ERROR, "%s cancelled before it was sent; the form is unchanged",
			    afcq_op_name(app->fly.op));
		snprintf(app->state_line, sizeof app->state_line, "%s", before);
		inflight_done(&app->fly);
		app->dirty = true;
		return;
	}
	if (p) {
		tui_client(app);
		/* history keeps the customer loaded with the entry (lent for
		 * the call only: a new call frees it) */
		const struct tui_day *d = app->day;
		if (d && d->have_customer) {
			app->api.customer = d->customer.name;
			app->api.customer_account = d->customer.account;
			app->api.customer_uid = d->customer.uid;
		}
		app->fly.p = afcq_api_send_calc(&app->api, p, &err);
		app->api.customer = NULL;
		app->api.customer_account = NULL;
		app->api.customer_uid = NULL;
	}
	if (!app->fly.p) {
		char line[800];
		tui_message(app, ROLE_ERROR, "not sent: %s", afcq_error_line(&err, line, sizeof line));
		if (err.where[0])
			tui_form_focus_path(app, err.where);
		snprintf(app->state_line, sizeof app->state_line, "%s", before);
		inflight_done(&app->fly);
	}
	app->dirty = true;
}

/* Nothing running and the form valid (else says why, marking fields). */
static bool ready_to_send(struct tui_app *app)
{
	char msg[800];
	if (tui_busy_refuse(app))
		return false;
	if (tui_calls_validate(app, msg, sizeof msg)) {
		tui_message(app, ROLE_ERROR, "not sent: %s", msg);
		return false;
	}
	return true;
}

bool tui_calls_quote(struct tui_app *app)
{
	if (!ready_to_send(app))
		return false;
	afcq_request_init(&app->fly.req);
	afcq_api_prepare_quote(&app->fly.req, &app->req);
	return start_calc(app, AFCQ_OP_QUOTE);
}

bool tui_calls_invoice(struct tui_app *app, const char *invn, const char *doc, bool commit)
{
	if (!ready_to_send(app))
		return false;
	afcq_request_init(&app->fly.req);
	afcq_api_prepare_invoice(&app->fly.req, &app->req, invn, doc, commit);
	app->fly.doc = afcq_xstrdup(doc);
	app->fly.invn = afcq_xstrdup(invn);
	app->fly.commit = commit;
	return start_calc(app, AFCQ_OP_INVOICE);
}

bool tui_calls_commit(struct tui_app *app, const char *doc, bool commit)
{
	if (tui_busy_refuse(app))
		return false;
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_op op = commit ? AFCQ_OP_COMMIT : AFCQ_OP_UNCOMMIT;
	tui_client(app);
	app->fly.p = afcq_api_start_commit(&app->api, doc, commit, &err);
	app->msg_in_flight = false;
	if (!app->fly.p) {
		char line[800];
		tui_message(app, ROLE_ERROR, "not sent: %s", afcq_error_line(&err, line, sizeof line));
		return false;
	}
	app->fly.op = op;
	app->fly.doc = afcq_xstrdup(doc);
	app->fly.commit = commit;
	snprintf(app->state_line, sizeof app->state_line, "%s running", afcq_op_name(op));
	return true;
}

void tui_calls_cancel(struct tui_app *app)
{
	if (app->fly.enc)
		app->fly.enc->cancelled = true;
	if (app->fly.p)
		afcq_pending_cancel(app->fly.p);
}

void tui_results_clear(struct tui_results *r)
{
	afcq_request_done(&r->sent);
	afcq_response_done(&r->resp);
	free(r->doc);
	free(r->invn);
	free(r->rows);
	memset(r, 0, sizeof *r);
}

static struct tui_trow *add_row(struct tui_results *r, size_t *cap, enum tui_trow_kind k,
			       size_t inv, size_t item, size_t idx)
{
	if (r->n_rows == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		r->rows = afcq_xrealloc(r->rows, *cap * sizeof *r->rows);
	}
	struct tui_trow *t = &r->rows[r->n_rows++];
	t->kind = k;
	t->inv = inv;
	t->item = item;
	t->idx = idx;
	t->brdg = 0;
	return t;
}

const struct afcq_tax *tui_trow_tax(const struct tui_results *r, const struct tui_trow *row)
{
	if (row->kind != TROW_TAX || row->inv >= r->resp.n_inv ||
	    row->item >= r->resp.inv[row->inv].n_itms)
		return NULL;
	const struct afcq_item_result *it = &r->resp.inv[row->inv].itms[row->item];
	if (row->brdg == 0)
		return row->idx < it->n_txs ? &it->txs[row->idx] : NULL;
	if (row->brdg > it->n_brdg || row->idx >= it->brdg[row->brdg - 1].n_txs)
		return NULL;
	return &it->brdg[row->brdg - 1].txs[row->idx];
}

void tui_results_index(struct tui_results *r)
{
	size_t cap = 0;
	free(r->rows);
	r->rows = NULL;
	r->n_rows = 0;
	for (size_t e = 0; e < r->resp.err.n; e++)
		add_row(r, &cap, TROW_REQERR, 0, 0, e);
	for (size_t i = 0; i < r->resp.n_inv; i++) {
		const struct afcq_invoice_result *ir = &r->resp.inv[i];
		for (size_t e = 0; e < ir->err.n; e++)
			add_row(r, &cap, TROW_INVERR, i, 0, e);
		for (size_t j = 0; j < ir->n_itms; j++) {
			const struct afcq_item_result *it = &ir->itms[j];
			add_row(r, &cap, TROW_ITEM, i, j, 0);
			for (size_t e = 0; e < it->err.n; e++)
				add_row(r, &cap, TROW_ITEMERR, i, j, e);
			for (size_t t = 0; t < it->n_txs; t++)
				add_row(r, &cap, TROW_TAX, i, j, t);
			if (it->n_txs == 0 && it->n_brdg == 0 && it->err.n == 0)
				add_row(r, &cap, TROW_NOTAX, i, j, 0);
			for (size_t b = 0; b < it->n_brdg; b++) {
				add_row(r, &cap, TROW_BRIDGE, i, j, 0)->brdg = b + 1;
				for (size_t t = 0; t < it->brdg[b].n_txs; t++)
					add_row(r, &cap, TROW_TAX, i, j, t)->brdg = b + 1;
			}
		}
	}
	if (r->tax_sel >= r->n_rows)
		r->tax_sel = 0;
	r->tax_top = 0;
	r->sum_sel = r->sum_top = 0;
}

/* Totals are shown only when no invoice failed as a whole. */
static void compute_totals(struct tui_results *r)
{
	afcq_money_totals(&r->sent, &r->resp, (size_t)-1, &r->totals);
	bool failed = r->resp.err.n > 0 || r->resp.n_inv == 0;
	for (size_t i = 0; i < r->resp.n_inv; i++)
		if (r->resp.inv[i].err.n)
			failed = true;
	r->has_total = !failed;
}

/* ---- freeing a large answer off the loop ------------------------------ */

/* The results an answer replaces and the request copy it was sent from are
 * freed on a thread of their own (a 10,000-item answer takes about 10 ms
 * to free); the next such thread, or the end of the session, joins it. */
struct tui_reaper {
	pthread_t thread;
	struct tui_results res;
	struct afcq_request req;
};

static void *reap_main(void *arg)
{
	struct tui_reaper *rp = arg;
	tui_results_clear(&rp->res);
	afcq_request_done(&rp->req);
	return NULL;
}

void tui_calls_reap(struct tui_app *app)
{
	if (!app->reaper)
		return;
	pthread_join(app->reaper->thread, NULL);
	free(app->reaper);
	app->reaper = NULL;
}

/* Empties *res and *req (both taken over and freed later, or now when no
 * thread can be started). */
static void drop_later(struct tui_app *app, struct tui_results *res, struct afcq_request *req)
{
	tui_calls_reap(app);
	struct tui_reaper *rp = afcq_xcalloc(1, sizeof *rp);
	rp->res = *res;
	memset(res, 0, sizeof *res);
	rp->req = *req;
	afcq_request_init(req);
	if (pthread_create(&rp->thread, NULL, reap_main, rp) == 0) {
		app->reaper = rp;
	} else {
		reap_main(rp);
		free(rp);
	}
}

/* The raw view's texts: req and resp are taken over (freed later). */
static void set_raw_take(struct tui_app *app, enum afcq_op op, const char *title, char *req,
			 char *resp)
{
	app->raw_op = op;
	free(app->raw_title);
	free(app->raw_request);
	free(app->raw_response);
	app->raw_title = afcq_xstrdup(title);
	app->raw_request = req;
	app->raw_response = resp;
}

static void set_raw(struct tui_app *app, enum afcq_op op, const char *title, const char *req,
		    const char *resp)
{
	set_raw_take(app, op, title, req ? afcq_xstrdup(req) : NULL,
		     resp ? afcq_xstrdup(resp) : NULL);
}

bool tui_sandbox_back(struct tui_app *app, enum afcq_status st, const struct afcq_error *err)
{
	const struct tui_args *a = app->args;
	if (st != AFCQ_ERR_NET || err->cause != AFCQ_CAUSE_REFUSED || !a || !a->sandbox ||
	    !a->restart_sandbox)
		return false;
	struct afcq_error why;
	afcq_error_clear(&why);
	return a->restart_sandbox(a->restart_ctx, &why) == AFCQ_OK;
}

/* pre, when it has an answer, holds the request as sent and the answer
 * with their rows and totals (built by the worker); it is taken over. */
static void finish_calc(struct tui_app *app, enum afcq_status st, struct afcq_exchange *x,
			const struct afcq_error *err, struct tui_results *pre)
{
	struct tui_results *r = &app->res;
	char line[800];
	bool answered = st == AFCQ_OK || st == AFCQ_ERR_API;
	tui_compare_before_results(app);
	if (!answered) {
		/* keep the form; drop stale results so no old total is read aloud */
		drop_later(app, r, &app->fly.req);
		r->op = app->fly.op;
		r->status = st;
		r->err = *err;
		r->latency_ms = x->http.latency_ms;
		/* nobody listening at the bundled sandbox: it is started again */
		bool back = !afcq_api_outcome_unknown(x, st) && st != AFCQ_ERR_CANCELLED &&
			    tui_sandbox_back(app, st, err);
		if (afcq_api_outcome_unknown(x, st)) {
			/* it went out: the service may have it */
			tui_message(app, ROLE_ERROR, "%s %s, no answer: outcome unknown (Alt-R "
				    "resolves); the form is unchanged", afcq_op_name(app->fly.op),
				    st == AFCQ_ERR_CANCELLED ? "cancelled" : "failed");
		} else if (st == AFCQ_ERR_CANCELLED) {
			tui_message(app, ROLE_ERROR, "%s cancelled; the form is unchanged",
				    afcq_op_name(app->fly.op));
		} else if (back && app->fly.op == AFCQ_OP_QUOTE) {
			/* a quote commits nothing: it goes again by itself */
			app->resend_quote = true;
			tui_message(app, ROLE_ERROR, "the bundled sandbox had stopped and runs again: "
				    "the quote is sent again");
		} else if (back) {
			/* an invoice goes again only when the rep says so */
			tui_message(app, ROLE_ERROR, "%s not sent: the bundled sandbox had stopped and "
				    "runs again; F6 sends it", afcq_op_name(app->fly.op));
		} else {
			tui_message(app, ROLE_ERROR, "%s failed: %s", afcq_op_name(app->fly.op),
				    tui_error_text(err, line, sizeof line));
		}
		tui_compare_after_results(app);
		return;
	}
	if (pre->have) {
		drop_later(app, r, &app->fly.req);
		*r = *pre;
		memset(pre, 0, sizeof *pre);
	} else {
		tui_results_clear(r);
		r->sent = app->fly.req;
		afcq_request_init(&app->fly.req);
		r->resp = x->response;
		afcq_response_init(&x->response);
		tui_results_index(r);
		compute_totals(r);
	}
	r->have = true;
	app->fold = true; /* room for the answer until the form is edited again */
	r->op = app->fly.op;
	r->status = st;
	r->err = *err;
	r->doc = app->fly.doc;
	r->invn = app->fly.invn;
	app->fly.doc = app->fly.invn = NULL;
	r->commit = app->fly.commit;
	r->form_gen = app->fly.form_gen;
	r->history_id = x->history_id;
	r->latency_ms = x->http.latency_ms;
	tui_compare_after_results(app);
	char amt[64];
	if (r->op == AFCQ_OP_INVOICE && r->doc) {
		free(app->last_doc);
		app->last_doc = afcq_xstrdup(r->doc);
		app->last_doc_committed = r->commit && st == AFCQ_OK;
	}
	if (r->has_total)
		tui_message(app, st == AFCQ_OK ? ROLE_OK : ROLE_ERROR, "%s%s: total due %s%s",
			    r->op == AFCQ_OP_INVOICE ? "Invoice " : "Quote",
			    r->op == AFCQ_OP_INVOICE ? r->doc : "",
			    afcq_money_format(r->totals.total_due, amt, sizeof amt),
			    st == AFCQ_OK ? "" : " (some items have errors: see the tax pane)");
	else
		tui_message(app, ROLE_ERROR, "%s answered with errors: no total (see the tax pane)",
			    afcq_op_name(r->op));
	if (app->api.history && x->history_id <= 0) {
		/* history could not take it (its file became unwritable since
		 * the start): said, as the command line warns */
		char was[sizeof app->msg];
		snprintf(was, sizeof was, "%s", app->msg);
		tui_message(app, ROLE_ERROR, "%s - not in history: its file cannot be written", was);
	}
}

/* The server confirmed doc's state: the results of its invoice and F7's
 * next offer follow it. */
static void note_doc_state(struct tui_app *app, const char *doc, bool committed)
{
	if (app->res.have && app->res.doc && strcmp(app->res.doc, doc) == 0)
		app->res.commit = committed;
	if (app->last_doc && strcmp(app->last_doc, doc) == 0)
		app->last_doc_committed = committed;
}

/* true when the answer's errors say the document is locked. */
static bool answer_locked(const struct afcq_commit_response *c)
{
	for (size_t i = 0; i < c->err.n; i++)
		if (c->err.v[i].msg && strstr(c->err.v[i].msg, "locked"))
			return true;
	return false;
}

static const char lock_help[] =
	"\n\nA locked document has been pulled into compliance: it was committed in\n"
	"a month that has closed, and its transactions are being reported. It can\n"
	"no longer be uncommitted or replaced. To correct it, send an adjustment:\n"
	"a new invoice whose items carry adj (the Adj column, Space ticks it) for\n"
	"the amounts to take back or add.";

static void finish_commit(struct tui_app *app, enum afcq_status st, struct afcq_exchange *x,
			  const struct afcq_error *err)
{
	char line[800], text[2400];
	const char *what = app->fly.commit ? "commit" : "uncommit";
	if (st == AFCQ_OK && x->commit.ok.set && !x->commit.ok.v)
		st = AFCQ_ERR_API;
	if (st == AFCQ_OK) {
		/* said on the message line and in the results' heading: no box to
		 * close, which would take the next key the rep types */
		tui_message(app, ROLE_OK, "%s %s: done, the server answered ok", what, app->fly.doc);
		note_doc_state(app, app->fly.doc, app->fly.commit);
		return;
	} else if (st == AFCQ_ERR_API) {
		struct afcq_buf b;
		afcq_buf_init(&b);
		afcq_buf_printf(&b, "Document %s: %s NOT done.\nThe server answered:", app->fly.doc,
				what);
		for (size_t i = 0; i < x->commit.err.n; i++)
			afcq_buf_printf(&b, "\n  error %d: %s", x->commit.err.v[i].code,
					x->commit.err.v[i].msg ? x->commit.err.v[i].msg : "");
		if (x->commit.err.n == 0)
			afcq_buf_puts(&b, "\n  ok: false");
		bool locked = answer_locked(&x->commit);
		if (locked)
			afcq_buf_puts(&b, lock_help);
		snprintf(text, sizeof text, "%s", b.data);
		afcq_buf_done(&b);
		tui_message(app, ROLE_ERROR, "%s %s: %s", what, app->fly.doc,
			    locked ? "locked (send an adjustment instead)" : "refused by the server");
		if (locked)
			note_doc_state(app, app->fly.doc, true); /* only committed ones lock */
	} else if (st == AFCQ_ERR_PARSE && err->cause == AFCQ_CAUSE_UNKNOWN_OUTCOME) {
		snprintf(text, sizeof text,
			 "Document %s: %s outcome UNKNOWN.\nThe server's answer neither confirms "
			 "nor refuses it:\n  %.600s\nHistory records it as \"outcome unknown\".",
			 app->fly.doc, what, x->http.body ? x->http.body : "");
		tui_message(app, ROLE_ERROR, "%s %s: outcome unknown", what, app->fly.doc);
	} else if (tui_sandbox_back(app, st, err)) {
		snprintf(text, sizeof text, "Document %s: %s not sent.\nThe bundled sandbox had "
			 "stopped; it runs again: F7 sends it.", app->fly.doc, what);
		tui_message(app, ROLE_ERROR, "%s not sent: the bundled sandbox had stopped and runs "
			    "again; F7 sends it", what);
	} else {
		snprintf(text, sizeof text, "Document %s: %s failed.\n%s", app->fly.doc, what,
			 tui_error_text(err, line, sizeof line));
		tui_message(app, ROLE_ERROR, "%s failed: %s", what, line);
	}
	tui_show_message(app, app->fly.commit ? "Commit" : "Uncommit", text);
}

/* ---- the answer parsed on a worker thread ------------------------------ */

/* Everything the worker touches: the exchange it decodes, the recorder
 * connection, the prepared results.  The UI thread does not touch any of
 * it until `done` is set; after that the worker does not touch them again
 * and is joined. */
struct tui_decode {
	pthread_t thread;
	bool thread_started;
	struct afcq_exchange x;
	enum afcq_status st;        /* take's status, then decode's */
	struct afcq_error err;
	atomic_bool done;
	double elapsed_ms;          /* the call's time when its answer arrived */
	struct timespec taken;      /* when it arrived */
	bool record;                /* the worker records the outcome ... */
	const char *store;          /* ... in this store (NULL: the local file) */
	struct afcq_history *rec;   /* ... through this connection (opened
				     * here when NULL; the app keeps it) */
	struct afcq_api_ctx api;    /* the app's, with rec as its history */
	bool recorded;              /* it did */
	bool prepare;               /* it builds pre from an answer */
	struct tui_results pre;
};

static void *decode_main(void *arg)
{
	struct tui_decode *d = arg;
	d->st = afcq_api_decode(&d->x, &d->err);
	if (d->record) {
		if (!d->rec) {
			struct afcq_error oerr;
			afcq_error_clear(&oerr);
			d->rec = afcq_history_open(d->store, &oerr);
			/* a hung team's store gives up in a few seconds */
			afcq_history_set_wait(d->rec, TUI_TEAM_WAIT_MS);
		}
		if (d->rec) {
			d->api.history = d->rec;
			afcq_api_record(&d->api, &d->x, d->st, &d->err);
			d->recorded = true;
		}
	}
	if (d->prepare && (d->st == AFCQ_OK || d->st == AFCQ_ERR_API)) {
		struct tui_results *r = &d->pre;
		r->sent = d->x.sent;
		afcq_request_init(&d->x.sent);
		r->resp = d->x.response;
		afcq_response_init(&d->x.response);
		tui_results_index(r);
		compute_totals(r);
		r->have = true;
	}
	atomic_store_explicit(&d->done, true, memory_order_release);
	return NULL;
}

/* A second connection to the loop's store: not to an in-memory one (it
 * would be another store). */
static bool second_connection(const struct tui_app *app)
{
	return app->history && !(app->history_spec && strcmp(app->history_spec, ":memory:") == 0);
}

static double ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) * 1000.0 +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

double tui_calls_elapsed_ms(const struct tui_app *app)
{
	if (app->fly.enc)
		return ms_since(&app->fly.enc->started);
	if (app->fly.dec)
		return app->fly.dec->elapsed_ms + ms_since(&app->fly.dec->taken);
	return afcq_pending_elapsed_ms(app->fly.p);
}

/* The call is done: its answer goes to a worker thread (parsed inline
 * when no thread can be started, or when the call failed and there is
 * nothing to parse). */
static void decode_start(struct tui_app *app)
{
	struct tui_decode *d = afcq_xcalloc(1, sizeof *d);
	afcq_error_clear(&d->err);
	atomic_init(&d->done, false);
	d->elapsed_ms = afcq_pending_elapsed_ms(app->fly.p);
	clock_gettime(CLOCK_MONOTONIC, &d->taken);
	d->st = afcq_api_take(&app->api, app->fly.p, &d->x, &d->err);
	app->fly.p = NULL;
	app->fly.dec = d;
	d->api = app->api;
	d->record = second_connection(app);
	d->store = app->history_spec;
	d->rec = app->history_rec;
	app->history_rec = NULL;
	d->prepare = !app->fly.resolving.id &&
		     (app->fly.op == AFCQ_OP_QUOTE || app->fly.op == AFCQ_OP_INVOICE);
	if (d->st != AFCQ_OK) {
		atomic_store(&d->done, true);
		return;
	}
	if (pthread_create(&d->thread, NULL, decode_main, d) == 0)
		d->thread_started = true;
	else
		decode_main(d);
}

/* The answer is parsed (the worker joined): record it, show it. */
static void decode_finish(struct tui_app *app)
{
	struct tui_decode *d = app->fly.dec;
	if (d->thread_started)
		pthread_join(d->thread, NULL);
	app->fly.dec = NULL;
	app->history_rec = d->rec;
	struct afcq_exchange *x = &d->x;
	enum afcq_status st = d->st;
	if (!d->recorded)
		afcq_api_record(&app->api, x, st, &d->err);
	enum afcq_op op = app->fly.op;
	if (x->http.latency_ms <= 0)
		x->http.latency_ms = d->elapsed_ms;
	char title[128];
	snprintf(title, sizeof title, "%s%s%s", afcq_op_name(op), app->fly.doc ? " " : "",
		 app->fly.doc ? app->fly.doc : "");
	snprintf(app->state_line, sizeof app->state_line, "%s %s %.0f ms", afcq_op_name(op),
		 st == AFCQ_OK ? "OK" : st == AFCQ_ERR_API ? "API errors" : afcq_status_name(st),
		 x->http.latency_ms);
	if (app->fly.resolving.id)
		tui_resolve_finish(app, st, x, &d->err);
	else if (op == AFCQ_OP_COMMIT || op == AFCQ_OP_UNCOMMIT)
		finish_commit(app, st, x, &d->err);
	else
		finish_calc(app, st, x, &d->err, &d->pre);
	set_raw_take(app, op, title, x->request_body, x->http.body);
	x->request_body = x->http.body = NULL;
	tui_unknown_recount(app);
	afcq_exchange_done(x);
	tui_results_clear(&d->pre);
	free(d);
	inflight_done(&app->fly);
	app->dirty = true;
}

void tui_calls_poll(struct tui_app *app)
{
	tui_calls_poll_catalog(app);
	if (app->fly.enc && atomic_load_explicit(&app->fly.enc->done, memory_order_acquire))
		encode_finish(app);
	if (app->fly.p && afcq_pending_done(app->fly.p))
		decode_start(app);
	if (app->fly.dec && atomic_load_explicit(&app->fly.dec->done, memory_order_acquire))
		decode_finish(app);
}

void tui_calls_wait(const struct tui_app *app, int ms)
{
	const struct tui_decode *d = app->fly.dec;
	const struct tui_encode *e = app->fly.enc;
	struct timespec nap = { 0, 1000000L };
	for (int i = 0; (d || e) && i < ms; i++) {
		if (d && atomic_load_explicit(&d->done, memory_order_acquire))
			return;
		if (e && atomic_load_explicit(&e->done, memory_order_acquire))
			return;
		nanosleep(&nap, NULL);
	}
}

void tui_calls_drain(struct tui_app *app)
{
	if (app->fly.enc) {
		app->fly.enc->cancelled = true;
		encode_finish(app);
	}
	if (app->fly.dec)
		decode_finish(app);
}

void tui_results_show(struct tui_app *app, enum afcq_op op, const char *request_text,
		      const char *response_text, int64_t history_id)
{
	struct tui_results *r = &app->res;
	struct afcq_error err;
	afcq_error_clear(&err);
	tui_compare_before_results(app);
	tui_results_clear(r);
	r->op = op;
	r->from_history = true;
	r->history_id = history_id;
	if (request_text)
		afcq_codec_parse_request(request_text, strlen(request_text), &r->sent, &err);
	if (!response_text) {
		r->status = AFCQ_ERR_NET;
		afcq_error_set(&r->err, AFCQ_ERR_NET, NULL, "history entry %lld has no answer",
			       (long long)history_id);
		return;
	}
	if (afcq_codec_parse_response(response_text, strlen(response_text), &r->resp, &err) != AFCQ_OK) {
		r->status = AFCQ_ERR_PARSE;
		r->err = err;
		return;
	}
	r->have = true;
	r->status = AFCQ_OK;
	if (r->sent.n_inv) {
		r->doc = afcq_xstrdup(r->sent.inv[0].doc);
		r->invn = afcq_xstrdup(r->sent.inv[0].invn);
		r->commit = r->sent.inv[0].cmmt.set && r->sent.inv[0].cmmt.v;
	}
	tui_results_index(r);
	compute_totals(r);
	tui_compare_after_results(app);
	char title[64];
	snprintf(title, sizeof title, "history #%lld", (long long)history_id);
	set_raw(app, op, title, request_text, response_text);
}
