/* routes_calc.c - CalcTaxes and Commit.
 *
 * CalcTaxes: the body is parsed with the core codec (comments, trailing
 * commas and repeated "inv" keys are accepted, as the documentation's
 * examples need); a body that cannot be parsed is a 400 whose `error`
 * header says why.  The engine answers; business problems are `err`
 * entries inside a 200 answer.  Each invoice with a non-empty `doc` and no
 * invoice-level error is then kept in the document store (see store.h and
 * data/sandbox/README.md, "Documents"), with its answer whole up to
 * STORE_ANSWER_MAX bytes and without its line items beyond.
 *
 * Commit: {doc, cmmt} sets the committed flag of a stored document;
 * unknown and locked documents get ok:false and the service's messages.
 */
#include "routes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "afcq/codec.h"
#include "afcq/str.h"
#include "afcq/stream.h"
#include "engine.h"
#include "store.h"

enum { DOC_ERROR_CODE = -2000 };

static const char msg_no_doc[] = "No transactions found for document code.";
static const char msg_locked[] = "Document code has been locked.";

/* The answer kept for invoice i of resp when its text, bytes long, is
 * over STORE_ANSWER_MAX (store.h): a note, then the invoice's answer
 * without its line items' results.  malloc'd; the caller frees. */
static char *shortened_answer(const struct afcq_response *resp, size_t i, size_t bytes)
{
	struct afcq_invoice_result head = resp->inv[i];
	const struct afcq_response one = { .inv = &head, .n_inv = 1 };
	struct afcq_buf b;

	head.itms = NULL;
	head.n_itms = 0;
	char *rest = afcq_codec_invoice_result_dump(&one, 0, ROUTES_JSON);
	afcq_buf_init(&b);
	afcq_buf_printf(&b,
			"{\"afcq_shortened\":\"answer of %zu bytes kept without its %zu line"
			" items' results; doc, summary and reporting kept\"",
			bytes, resp->inv[i].n_itms);
	/* rest is an object: its members follow the note. */
	if (rest[0] == '{' && rest[1] != '}')
		afcq_buf_puts(&b, ",");
	afcq_buf_puts(&b, rest[0] == '{' ? rest + 1 : "}");
	free(rest);
	return afcq_buf_steal(&b);
}

/* Keeps every invoice of req that names a document.  Returns AFCQ_OK or
 * the store's error. */
static enum afcq_status keep_documents(const struct sandbox_ctx *ctx,
				       const struct afcq_request *req,
				       const struct afcq_response *resp, const char *answer,
				       const size_t *span, struct afcq_error *err)
{
	char today[11];

	routes_today(ctx, today);
	for (size_t i = 0; i < req->n_inv && i < resp->n_inv; i++) {
		const struct afcq_invoice *inv = &req->inv[i];
		struct store_doc d = { 0 };
		enum store_put_result res;
		enum afcq_status s;

		if (afcq_str_empty(inv->doc) || resp->inv[i].err.n > 0)
			continue;
		d.doc = inv->doc;
		/* An invoice without a usable date is dated today. */
		d.inv_date = store_date_valid(inv->date) ? inv->date : today;
		d.committed = inv->cmmt.set && inv->cmmt.v;
		size_t bytes = span[2 * i + 1] - span[2 * i];
		char *shortened = NULL;
		if (bytes <= STORE_ANSWER_MAX) {
			/* the invoice's text within the answer, not copied */
			d.answer = (char *)answer + span[2 * i];
			d.answer_len = bytes;
		} else {
			d.answer = shortened = shortened_answer(resp, i, bytes);
		}
		s = store_put(ctx->store, &d, today, &res, err);
		free(shortened);
		if (s != AFCQ_OK)
			return s;
	}
	return AFCQ_OK;
}

/* A calculation's models, freed once its answer is sent (a 10,000-item
 * one takes a while to free). */
struct calc_models {
	struct afcq_request req;
	struct afcq_response resp;
};

static void free_models(void *arg)
{
	struct calc_models *m = arg;
	afcq_response_done(&m->resp);
	afcq_request_done(&m->req);
	free(m);
}

void routes_calc_taxes(const struct sandbox_ctx *ctx, const char *arg, const char *body,
		       size_t len, struct routes_reply *out)
{
	struct afcq_error err;
	char line[800];

	if (len == 0) {
		routes_reply_error(out, 400, "The request body is empty.");
		return;
	}
	struct calc_models *m = afcq_xcalloc(1, sizeof *m);
	struct afcq_request req;
	struct afcq_response resp;
	afcq_request_init(&req);
	afcq_response_init(&resp);
	afcq_error_clear(&err);
	/* Streamed into the model (a large request's tree costs more than
	 * its text); what only the relaxed reader takes goes to it. */
	if (afcq_stream_decode_request(body, len, &req, &err) != AFCQ_OK &&
	    afcq_codec_parse_request(body, len, &req, &err) != AFCQ_OK) {
		routes_reply_error(out, 400, "The request is invalid: %s",
				   afcq_error_line(&err, line, sizeof(line)));
		goto done;
	}
	if (engine_calc(ctx->rb, &req, &resp, &err) != AFCQ_OK) {
		routes_reply_error(out, 500, "Tax calculation failed: %s",
				   afcq_error_line(&err, line, sizeof(line)));
		goto done;
	}
	/* Written straight from the model: a 10,000-item answer's tree would
	 * cost more than its text. */
	size_t *span = afcq_xcalloc(2 * resp.n_inv + 1, sizeof *span);
	char *answer = afcq_codec_response_dump_spans(&resp, ROUTES_JSON, span);
	if (keep_documents(ctx, &req, &resp, answer, span, &err) != AFCQ_OK) {
		routes_reply_error(out, 500, "Document store: %s",
				   afcq_error_line(&err, line, sizeof(line)));
		free(answer);
	} else {
		routes_reply_json(out, answer);
	}
	free(span);
done:
	m->req = req;
	m->resp = resp;
	out->later = free_models;
	out->later_arg = m;
}

static void add_error(struct afcq_commit_response *r, int code, const char *msg)
{
	r->err.v = afcq_xrealloc(r->err.v, (r->err.n + 1) * sizeof(*r->err.v));
	r->err.v[r->err.n].code = code;
	r->err.v[r->err.n].msg = afcq_xstrdup(msg);
	r->err.n++;
}

void routes_commit(const struct sandbox_ctx *ctx, const char *arg, const char *body,
		   size_t len, struct routes_reply *out)
{
	struct afcq_commit_request req = { 0 };
	struct afcq_commit_response resp = { 0 };
	enum store_commit_result res = STORE_COMMIT_UNKNOWN;
	struct afcq_error err;
	char line[800], today[11];
	json_t *j;

	afcq_error_clear(&err);
	if (len == 0) {
		routes_reply_error(out, 400, "The request body is empty.");
		return;
	}
	if (afcq_codec_parse_commit_request(body, len, &req, &err) != AFCQ_OK) {
		routes_reply_error(out, 400, "The request is invalid: %s",
				   afcq_error_line(&err, line, sizeof(line)));
		goto done;
	}
	routes_today(ctx, today);
	/* An absent cmmt means false (un-commit), as in the service's model. */
	if (store_commit(ctx->store, req.doc, req.cmmt.set && req.cmmt.v, today, &res, &err) !=
	    AFCQ_OK) {
		routes_reply_error(out, 500, "Document store: %s",
				   afcq_error_line(&err, line, sizeof(line)));
		goto done;
	}
	resp.ok.set = true;
	resp.ok.v = res == STORE_COMMIT_DONE;
	if (res == STORE_COMMIT_UNKNOWN)
		add_error(&resp, DOC_ERROR_CODE, msg_no_doc);
	else if (res == STORE_COMMIT_LOCKED)
		add_error(&resp, DOC_ERROR_CODE, msg_locked);
	j = afcq_codec_commit_response_to_json(&resp);
	routes_reply_json(out, afcq_json_dump(j, ROUTES_JSON));
	json_decref(j);
done:
	afcq_commit_response_done(&resp);
	afcq_commit_request_done(&req);
}
