#include "api_pending.h"

/* Finishing an AFC operation (see api.c for the whole pipeline): take the
 * answer out of the call, decode it (pure, may run on another thread),
 * record it in the history store and the log; and CalcTaxes with its answer
 * decoded as it arrives. */

#include <ctype.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "api_log.h"
#include "afcq/money.h"
#include "afcq/str.h"
#include "afcq/stream.h"

/* ---- finishing ----------------------------------------------------------- */

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; s && i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

static enum afcq_status parse_answer(struct afcq_exchange *x, struct afcq_error *err)
{
	const char *t = x->http.body;
	size_t n = x->http.len;
	switch (x->op) {
	case AFCQ_OP_QUOTE:
	case AFCQ_OP_INVOICE:
		/* The streaming decoder is several times faster on a large
		 * answer; what it refuses (the relaxed syntax, see stream.h) the
		 * tree decoder reads, and says why it cannot. */
		if (afcq_stream_decode(t, n, &x->response, err) == AFCQ_OK)
			return AFCQ_OK;
		afcq_error_clear(err);
		afcq_response_done(&x->response);
		return afcq_codec_parse_response(t, n, &x->response, err);
	case AFCQ_OP_COMMIT:
	case AFCQ_OP_UNCOMMIT:
		return afcq_codec_parse_commit_response(t, n, &x->commit, err);
	case AFCQ_OP_TSPAIRS:
		return afcq_codec_parse_tspairs(t, n, &x->tspairs, err);
	case AFCQ_OP_TAXTYPE:
		return afcq_codec_parse_taxtypes(t, n, &x->taxtypes, err);
	case AFCQ_OP_PCODE:
	case AFCQ_OP_LOCATION:
	case AFCQ_OP_PRIMARY:
		return afcq_codec_parse_pcode_result(t, n, &x->pcodes, err);
	case AFCQ_OP_SERVICEINFO:
		return afcq_codec_parse_service_info(t, n, &x->info, err);
	}
	return afcq_error_set(err, AFCQ_ERR_USAGE, "", "unknown operation");
}

/* Notes the first err entry met (where, code, message) and counts all. */
struct err_scan {
	size_t n;
	char where[96];
	int code;
	const char *msg;
};

static void scan(struct err_scan *s, const struct afcq_errors *e, const char *where)
{
	if (e->n && !s->n) {
		snprintf(s->where, sizeof s->where, "%s", where);
		s->code = e->v[0].code;
		s->msg = e->v[0].msg;
	}
	s->n += e->n;
}

static void scan_response(struct err_scan *s, const struct afcq_response *r)
{
	char where[96];
	scan(s, &r->err, "err");
	for (size_t i = 0; i < r->n_inv; i++) {
		const struct afcq_invoice_result *inv = &r->inv[i];
		snprintf(where, sizeof where, "inv[%zu]", i);
		scan(s, &inv->err, where);
		for (size_t k = 0; k < inv->n_itms; k++) {
			snprintf(where, sizeof where, "inv[%zu].itms[%zu]", i, k);
			scan(s, &inv->itms[k].err, where);
		}
	}
}

/* A Commit answer says it was done: {"ok": true}, or the request echoed
 * ({"doc": the code sent, "cmmt": the flag sent}) as the service's own
 * sample answers. */
static bool commit_confirmed(const struct afcq_exchange *x)
{
	const struct afcq_commit_response *c = &x->commit;
	if (c->ok.set)
		return c->ok.v;
	bool commit = x->op == AFCQ_OP_COMMIT;
	return c->doc && x->doc && strcmp(c->doc, x->doc) == 0 && c->cmmt.set &&
	       c->cmmt.v == commit;
}

static enum afcq_status commit_unknown(const struct afcq_exchange *x, struct afcq_error *err)
{
	const char *what = x->op == AFCQ_OP_COMMIT ? "committed" : "uncommitted";
	afcq_error_set(err, AFCQ_ERR_PARSE, x->http.url,
		       "outcome unknown: the answer neither confirms nor refuses (no \"ok\", no "
		       "echo of the document); document %s may or may not be %s",
		       x->doc ? x->doc : "", what);
	err->cause = AFCQ_CAUSE_UNKNOWN_OUTCOME;
	err->http_status = x->http.status;
	return AFCQ_ERR_PARSE;
}

/* A CalcTaxes answer without err entries must answer every invoice sent:
 * {} or {"inv": []} are not answers. */
static enum afcq_status calc_complete(const struct afcq_exchange *x, struct afcq_error *err)
{
	const struct afcq_response *r = &x->response;
	size_t sent = x->sent.n_inv;
	if (r->err.n || r->n_inv >= sent)
		return AFCQ_OK;
	afcq_error_set(err, AFCQ_ERR_PARSE, x->http.url,
		       "malformed answer: no results for invoice %zu of %zu", r->n_inv + 1, sent);
	err->cause = AFCQ_CAUSE_MALFORMED;
	err->http_status = x->http.status;
	return AFCQ_ERR_PARSE;
}

/* AFCQ_ERR_API with the first problem, or AFCQ_OK. */
enum afcq_status api_errors(const struct afcq_exchange *x, struct afcq_error *err)
{
	struct err_scan s = { 0 };
	switch (x->op) {
	case AFCQ_OP_QUOTE:
	case AFCQ_OP_INVOICE:
		if (calc_complete(x, err) != AFCQ_OK)
			return err->status;
		scan_response(&s, &x->response);
		break;
	case AFCQ_OP_COMMIT:
	case AFCQ_OP_UNCOMMIT:
		scan(&s, &x->commit.err, "err");
		if (!s.n && x->commit.ok.set && !x->commit.ok.v)
			return afcq_error_set(err, AFCQ_ERR_API, "ok",
					      "the server did not %s the document",
					      x->op == AFCQ_OP_COMMIT ? "commit" : "uncommit");
		if (!s.n && !commit_confirmed(x))
			return commit_unknown(x, err);
		break;
	case AFCQ_OP_SERVICEINFO:
		if (!afcq_str_empty(x->info.error))
			return afcq_error_set(err, AFCQ_ERR_API, "Error", "%s", x->info.error);
		break;
	default:
		break;
	}
	if (!s.n)
		return AFCQ_OK;
	const char *msg = s.msg ? s.msg : "(no message)";
	if (s.n > 1)
		return afcq_error_set(err, AFCQ_ERR_API, s.where, "error %d: %s (%zu errors in all)",
				      s.code, msg, s.n);
	return afcq_error_set(err, AFCQ_ERR_API, s.where, "error %d: %s", s.code, msg);
}

bool afcq_api_outcome_unknown(const struct afcq_exchange *x, enum afcq_status st)
{
	/* An invoice or commit that left and got no answer (timed out, the
	 * connection dropped, cancelled while waiting) may have been done. */
	return api_must_record(x->op) && (st == AFCQ_ERR_NET || st == AFCQ_ERR_CANCELLED) &&
	       x->http.request_sent;
}

static enum afcq_outcome outcome_of(const struct afcq_exchange *x, enum afcq_status st,
				    const struct afcq_error *why)
{
	if (st == AFCQ_ERR_PARSE && why && why->cause == AFCQ_CAUSE_UNKNOWN_OUTCOME)
		return AFCQ_OUTCOME_PENDING; /* answered, but not whether it was done */
	if (afcq_api_outcome_unknown(x, st))
		return AFCQ_OUTCOME_PENDING;
	switch (st) {
	case AFCQ_OK: return AFCQ_OUTCOME_OK;
	case AFCQ_ERR_API: return AFCQ_OUTCOME_API_ERROR;
	case AFCQ_ERR_CANCELLED: return AFCQ_OUTCOME_CANCELLED;
	default: return AFCQ_OUTCOME_FAILED;
	}
}

/* Completes x's history record; with drop (x's own answer model, which
 * the caller needs no more), lets the answer's model go once the total and
 * the kept text are had, before the store writes. */
static void history_complete(struct afcq_api_ctx *ctx, const struct afcq_exchange *x,
			     enum afcq_status st, const struct afcq_error *why,
			     struct afcq_response *drop)
{
	if (!ctx->history || x->history_id <= 0)
		return;
	char line[1024];
	const char *detail = NULL;
	if (st != AFCQ_OK)
		detail = afcq_error_line(why, line, sizeof line);
	bool has_total = false;
	double total = 0;
	if (st == AFCQ_OK && (x->op == AFCQ_OP_QUOTE || x->op == AFCQ_OP_INVOICE)) {
		struct afcq_totals t;
		if (x->charges.n_inv)
			afcq_money_totals_charged(&x->charges, &x->response, (size_t)-1, &t);
		else
			afcq_money_totals(&x->sent, &x->response, (size_t)-1, &t);
		has_total = true;
		total = t.total_due;
	}
	struct afcq_error ignored;
	/* A huge answer is kept shortened: the model without its items when
	 * it was decoded, else its start. */
	bool decoded = (st == AFCQ_OK || st == AFCQ_ERR_API) &&
		       (x->op == AFCQ_OP_QUOTE || x->op == AFCQ_OP_INVOICE);
	char *kept = afcq_history_shorten(x->http.body, x->http.len, x->http.received,
					  decoded ? &x->response : NULL);
	if (drop) {
		afcq_response_done(drop);
		/* A long answer's model was many small pieces: give them back
		 * to the system rather than have the store's writing grow the
		 * heap past them. */
		if (x->http.received > AFCQ_HISTORY_ANSWER_MAX)
			malloc_trim(0);
	}
	/* The answer already arrived: a store failure now cannot undo it, so
	 * it does not change what the caller is told. */
	afcq_history_finish(ctx->history, x->history_id, outcome_of(x, st, why), x->http.status,
			    x->http.latency_ms, kept ? kept : x->http.body, detail, has_total, total,
			    &ignored);
	free(kept);
}

enum afcq_status afcq_api_take(struct afcq_api_ctx *ctx, struct afcq_pending *p,
			       struct afcq_exchange *x, struct afcq_error *err)
{
	struct afcq_error local;
	if (!err)
		err = &local;
	afcq_error_clear(err);
	memset(x, 0, sizeof *x);
	if (!p)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "", "nothing to finish");
	while (!afcq_call_done(p->call))
		afcq_client_pump(ctx->client, 100);

	x->op = p->op;
	x->request_body = p->request_body;
	p->request_body = NULL;
	x->posted = p->text_gone;
	x->history_id = p->history_id;
	x->sent = p->req;
	afcq_request_init(&p->req);
	x->charges = p->charges;
	memset(&p->charges, 0, sizeof p->charges);
	x->doc = p->doc;
	p->doc = NULL;

	enum afcq_status st = afcq_call_take(p->call, &x->http, err);
	api_pending_free(p);
	return st;
}

enum afcq_status afcq_api_decode(struct afcq_exchange *x, struct afcq_error *err)
{
	struct afcq_error local;
	if (!err)
		err = &local;
	afcq_error_clear(err);
	if (!x->http.body || blank(x->http.body, x->http.len)) {
		enum afcq_status st = afcq_error_set(err, AFCQ_ERR_PARSE, x->http.url,
						     "empty answer (HTTP %ld)", x->http.status);
		err->cause = AFCQ_CAUSE_EMPTY;
		err->http_status = x->http.status;
		return st;
	}
	struct afcq_error perr;
	afcq_error_clear(&perr);
	if (parse_answer(x, &perr) != AFCQ_OK) {
		char line[600];
		afcq_error_line(&perr, line, sizeof line);
		enum afcq_status st = afcq_error_set(err, AFCQ_ERR_PARSE, x->http.url,
						     "malformed answer: %s", line);
		err->cause = AFCQ_CAUSE_MALFORMED;
		err->http_status = x->http.status;
		err->line = 0;
		return st;
	}
	return api_errors(x, err);
}

void afcq_api_record(struct afcq_api_ctx *ctx, const struct afcq_exchange *x,
		     enum afcq_status st, const struct afcq_error *why)
{
	history_complete(ctx, x, st, why, NULL);
	api_log_exchange(ctx, x, st, why);
}

enum afcq_status afcq_api_finish(struct afcq_api_ctx *ctx, struct afcq_pending *p,
				 struct afcq_exchange *x, struct afcq_error *err)
{
	struct afcq_error local;
	if (!err)
		err = &local;
	if (!p) {
		afcq_error_clear(err);
		memset(x, 0, sizeof *x);
		return afcq_error_set(err, AFCQ_ERR_USAGE, "", "nothing to finish");
	}
	enum afcq_status st = afcq_api_take(ctx, p, x, err);
	if (st == AFCQ_OK)
		st = afcq_api_decode(x, err);
	afcq_api_record(ctx, x, st, err);
	return st;
}

/* ---- streamed CalcTaxes --------------------------------------------------- */

struct feed {
	struct afcq_stream *stream;
	enum afcq_status st;
	struct afcq_error err;
	const struct afcq_api_stream *how;
};

static void feed_body(void *ud, const char *data, size_t len)
{
	struct feed *f = ud;
	if (f->st == AFCQ_OK)
		f->st = afcq_stream_feed(f->stream, data, len, &f->err);
	if (f->how && f->how->on_body)
		f->how->on_body(f->how->ud, data, len);
}

/* The stream's refusal of an answer not kept whole, as afcq_api_decode
 * words a malformed one. */
static enum afcq_status stream_refused(const struct afcq_exchange *x, const struct afcq_error *why,
				       struct afcq_error *err)
{
	char line[600];
	afcq_error_line(why, line, sizeof line);
	enum afcq_status st = afcq_error_set(err, AFCQ_ERR_PARSE, x->http.url,
					     "malformed answer: %s", line);
	err->cause = AFCQ_CAUSE_MALFORMED;
	err->http_status = x->http.status;
	return st;
}

/* afcq_api_calc_stream and afcq_api_calc_outgoing once p is made: sends
 * it (taking it over), decodes the answer as it arrives and records it. */
static enum afcq_status run_stream(struct afcq_api_ctx *ctx, struct afcq_pending *p,
				   const struct afcq_api_stream *how, struct afcq_exchange *x,
				   struct afcq_error *err)
{
	if (p)
		p = afcq_api_send_calc(ctx, p, err);
	if (!p) {
		memset(x, 0, sizeof *x);
		return err->status != AFCQ_OK ? err->status : AFCQ_ERR_USAGE;
	}
	struct afcq_response resp = { 0 };
	struct feed f = {
		.stream = afcq_stream_new(&resp, how ? how->on_item : NULL,
					  how ? how->on_invoice : NULL, how ? how->ud : NULL),
		.how = how,
	};
	afcq_error_clear(&f.err);
	afcq_call_stream(p->call, feed_body, &f,
			 how && how->keep_body ? SIZE_MAX : AFCQ_HISTORY_ANSWER_MAX);
	enum afcq_status st = afcq_api_take(ctx, p, x, err);
	if (st == AFCQ_OK) {
		if (f.st == AFCQ_OK)
			f.st = afcq_stream_finish(f.stream, &f.err);
		if (f.st == AFCQ_OK) {
			x->response = resp;
			memset(&resp, 0, sizeof resp);
			afcq_error_clear(err);
			st = api_errors(x, err);
		} else if (x->http.len == x->http.received) {
			st = afcq_api_decode(x, err); /* kept whole: the jansson decoder */
		} else {
			st = stream_refused(x, &f.err, err);
		}
	}
	afcq_stream_free(f.stream);
	afcq_response_done(&resp);
	if (how && how->let_items_go) {
		/* Logged and shown first, so that the text sent and the
		 * answer's model are let go before the record is completed
		 * (SQLite rewrites the whole row, the request's text included,
		 * once more). */
		api_log_exchange(ctx, x, st, err);
		free(x->request_body);
		x->request_body = NULL;
		if (how->on_answer)
			how->on_answer(how->answer_ud, x, st, err);
		history_complete(ctx, x, st, err, how->on_answer ? &x->response : NULL);
		if (how->on_answer)
			afcq_response_done(&x->response); /* also when not recorded */
	} else {
		afcq_api_record(ctx, x, st, err);
	}
	return st;
}

enum afcq_status afcq_api_calc_stream(struct afcq_api_ctx *ctx, enum afcq_op op,
				      struct afcq_request *req,
				      const struct afcq_api_stream *how, struct afcq_exchange *x,
				      struct afcq_error *err)
{
	struct afcq_error local;
	if (!err)
		err = &local;
	/* A long request is held once: the model goes into the pending call
	 * and comes out in x->sent; its items, when the caller does not need
	 * them, go as they are encoded, before it is recorded and sent. */
	return run_stream(ctx, api_encode_take(op, req, how && how->let_items_go, err), how, x,
			  err);
}

enum afcq_status afcq_api_calc_outgoing(struct afcq_api_ctx *ctx, struct afcq_outgoing *o,
					const struct afcq_api_stream *how,
					struct afcq_exchange *x, struct afcq_error *err)
{
	struct afcq_error local;
	if (!err)
		err = &local;
	afcq_error_clear(err);
	if (!o->body) {
		memset(x, 0, sizeof *x);
		return afcq_error_set(err, AFCQ_ERR_USAGE, "", "the request was not read and checked");
	}
	return run_stream(ctx, api_encoded(o), how, x, err);
}
