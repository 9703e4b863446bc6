/* api.h - the AFC operations, shared by the command line and the workstation.
 *
 * Each operation: validate, encode, record in history (when h is given),
 * send through the client, parse, complete the history record.  The
 * asynchronous pair afcq_api_start_* / afcq_api_finish lets the workstation
 * keep its keyboard; the blocking afcq_api_* functions are start + pump +
 * finish.  Exchanges keep the exact bodies sent and received for the raw
 * view and `--format json`.
 *
 * History: quotes, invoices, commits and uncommits are recorded before they
 * are sent (outcome pending) and completed by afcq_api_finish (outcome,
 * status, latency, body received, error line, total due on success).  When
 * the record cannot be made an invoice/commit/uncommit is not sent
 * (AFCQ_ERR_DB); a quote is sent unrecorded.  Lookups are not recorded.
 * An invoice whose number history shows was sent to the same endpoint with
 * an unknown outcome (or resolved as "the service has it") is refused
 * before it is recorded or sent: AFCQ_ERR_INVALID, "not sent: ..." naming
 * that document (afcq_history_begin_invoice).
 *
 * Failures from finish, in order: AFCQ_ERR_NET / AFCQ_ERR_HTTP /
 * AFCQ_ERR_CANCELLED from the client (where = URL); AFCQ_ERR_PARSE with
 * cause EMPTY or MALFORMED (where = URL); AFCQ_ERR_API with where = the
 * level of the first err entry ("err", "inv[0]", "inv[0].itms[2]", "ok")
 * and msg "error CODE: MESSAGE".
 *
 * Answers that are not answers:
 *  - a CalcTaxes answer without err entries that holds fewer invoices than
 *    were sent ({}, {"inv": []}) is AFCQ_ERR_PARSE, cause MALFORMED, msg
 *    "malformed answer: no results for invoice K of N";
 *  - a Commit answer is accepted as {"ok": true} or as an echo of the
 *    request ({"doc": the code sent, "cmmt": the flag sent}); err entries
 *    or "ok": false are AFCQ_ERR_API; anything else leaves the outcome
 *    unknown: AFCQ_ERR_PARSE with cause AFCQ_CAUSE_UNKNOWN_OUTCOME, and the
 *    history record stays "outcome unknown" (AFCQ_OUTCOME_PENDING) with the
 *    answer and that message.
 */
#ifndef AFCQ_API_H
#define AFCQ_API_H

#include <stdbool.h>
#include <stdint.h>

#include "afcq/client.h"
#include "afcq/error.h"
#include "afcq/history.h"
#include "afcq/log.h"
#include "afcq/model.h"
#include "afcq/money.h"
#include "afcq/stream.h"

enum afcq_op {
	AFCQ_OP_QUOTE,
	AFCQ_OP_INVOICE,
	AFCQ_OP_COMMIT,
	AFCQ_OP_UNCOMMIT,
	AFCQ_OP_TSPAIRS,
	AFCQ_OP_TAXTYPE,
	AFCQ_OP_PCODE,
	AFCQ_OP_LOCATION,
	AFCQ_OP_PRIMARY,
	AFCQ_OP_SERVICEINFO,
};
const char *afcq_op_name(enum afcq_op op);

/* One request/answer round trip, owned by the caller (afcq_exchange_done). */
struct afcq_exchange {
	enum afcq_op op;
	char *request_body;          /* exactly as sent (NULL for GET, and when
				      * let go: see posted) */
	bool posted;                 /* a POST whose body was let go once sent
				      * (afcq_api_stream's let_items_go, no
				      * debug log to write it) */
	struct afcq_http_result http;
	struct afcq_response response;           /* QUOTE / INVOICE */
	struct afcq_commit_response commit;      /* COMMIT / UNCOMMIT */
	struct afcq_tspair_list tspairs;
	struct afcq_taxtype_list taxtypes;
	struct afcq_pcode_result pcodes;         /* PCODE / LOCATION / PRIMARY */
	struct afcq_service_info info;
	int64_t history_id;                      /* 0 when not recorded */
	char *doc;                   /* COMMIT / UNCOMMIT: the document code sent */
	struct afcq_request sent;    /* QUOTE / INVOICE: the request as sent
				      * (moved in by afcq_api_take; gives the
				      * total due that history records) */
	struct afcq_charges charges; /* when sent's line items were let go
				      * (afcq_api_stream's let_items_go): what
				      * the total due needs of them; else empty */
};
void afcq_exchange_done(struct afcq_exchange *x);

struct afcq_api_ctx {
	struct afcq_client *client;     /* borrowed */
	struct afcq_history *history;   /* borrowed, may be NULL */
	const char *endpoint_label;     /* for history: base URL or "sandbox" */
	/* A dry run (--print-curl): when set, the start functions hand the
	 * request to it instead of recording and sending it, and return NULL
	 * with AFCQ_NOT_SENT (exit code 0).  NULL: requests are sent. */
	void (*dry_run)(void *ud, const char *method, const char *path, const char *body);
	void *dry_run_ud;
	struct afcq_log *log;           /* borrowed, may be NULL: each exchange is logged */
	/* history is the local file standing in for a team's store that could
	 * not be reached: quotes are recorded there, invoices and commits are
	 * refused (the team's journal must hold them). */
	bool journal_local;
	/* The customer of the book the next requests are made for (borrowed,
	 * read when a request is recorded; NULL: none): history keeps them
	 * with the entry and finds it by them (afcq_history_find_customer). */
	const char *customer;           /* name */
	const char *customer_account;
	const char *customer_uid;
};

/* Prepares a quote: a copy of req with cmmt forced false on every invoice.
 * Prepares an invoice: sets invn and doc on every invoice (a fresh code
 * from afcq_api_new_doc when doc is NULL; with several invoices the code
 * gets "-1", "-2"... suffixes) and cmmt.  dst must be zeroed.  The make_
 * forms do the same to r itself, without a copy (for a long request). */
void afcq_api_prepare_quote(struct afcq_request *dst, const struct afcq_request *src);
void afcq_api_prepare_invoice(struct afcq_request *dst, const struct afcq_request *src,
			      const char *invn, const char *doc, bool commit);
void afcq_api_make_quote(struct afcq_request *r);
void afcq_api_make_invoice(struct afcq_request *r, const char *invn, const char *doc,
			   bool commit);
/* A fresh unique document code such as "AFCQ-20261203-101500-4f3a9c2e":
 * the date, the time and 8 hex digits from /dev/urandom; never one
 * history knows (h may be NULL).
 * afcq_api_prepare_invoice with doc NULL uses afcq_api_new_doc(NULL);
 * callers holding a history store pass afcq_api_new_doc(h) instead.
 * Caller frees. */
char *afcq_api_new_doc(struct afcq_history *h);

/* Asynchronous: validation problems are reported as AFCQ_ERR_INVALID with
 * the first problem in *err (nothing is sent).  The call is owned by the
 * returned pending struct, which afcq_api_finish frees (also after a
 * cancel).  A QUOTE is sent with cmmt false whatever req says; an INVOICE
 * is sent as given (use afcq_api_prepare_invoice first). */
struct afcq_pending;
struct afcq_pending *afcq_api_start_calc(struct afcq_api_ctx *ctx, enum afcq_op op,
					 const struct afcq_request *req, struct afcq_error *err);
struct afcq_pending *afcq_api_start_commit(struct afcq_api_ctx *ctx, const char *doc, bool commit,
					   struct afcq_error *err);
/* afcq_api_start_calc in two steps, for a caller that encodes a large
 * request off its loop.  afcq_api_encode_calc validates, copies and
 * encodes req (it touches nothing else, so it may run on another thread);
 * errors as afcq_api_start_calc's, NULL then.  afcq_api_send_calc records
 * and sends it on the thread that pumps the client, taking p over: NULL
 * with *err when it cannot (p is freed).  afcq_api_discard frees a p that
 * is not to be sent. */
struct afcq_pending *afcq_api_encode_calc(enum afcq_op op, const struct afcq_request *req,
					  struct afcq_error *err);
/* afcq_api_encode_calc without the copy: once req passes the checks, the
 * pending call takes its content over (*req is left empty; afcq_api_take
 * hands it on in x->sent).  A request the checks refuse (NULL) stays the
 * caller's, untouched. */
struct afcq_pending *afcq_api_encode_calc_take(enum afcq_op op, struct afcq_request *req,
					       struct afcq_error *err);
struct afcq_pending *afcq_api_send_calc(struct afcq_api_ctx *ctx, struct afcq_pending *p,
					struct afcq_error *err);
void afcq_api_discard(struct afcq_pending *p);
/* GET lookups: arg is the tax type id / "*" / PCode; body for PCODE is the
 * lookup request JSON made by the caller through the codec. */
struct afcq_pending *afcq_api_start_lookup(struct afcq_api_ctx *ctx, enum afcq_op op,
					   const char *arg, const struct afcq_pcode_request *pr,
					   struct afcq_error *err);
bool afcq_pending_done(const struct afcq_pending *p);
double afcq_pending_elapsed_ms(const struct afcq_pending *p);
void afcq_pending_cancel(struct afcq_pending *p);
/* Completes: fills *x (zeroed by caller), records history, frees p.  If
 * the call is still running it pumps the client until it is done.
 * Returns AFCQ_OK, AFCQ_ERR_API when the answer holds err entries (x is
 * still filled), or the failure. */
enum afcq_status afcq_api_finish(struct afcq_api_ctx *ctx, struct afcq_pending *p,
				 struct afcq_exchange *x, struct afcq_error *err);

/* afcq_api_finish in three steps, so the expensive parse of a large answer
 * can run off the thread that owns the client and the history store.
 * finish == take, then decode when take returned AFCQ_OK, then record.
 *
 * afcq_api_take (the thread that owns ctx): fills *x (zeroed here) with the
 * operation, the body sent, the history id, the request as sent and the
 * HTTP result, and frees p (pumping the client first if the call is still
 * running).  Returns AFCQ_OK when an HTTP answer was received, otherwise
 * the client's failure (AFCQ_ERR_NET / HTTP / CANCELLED) in *err, or
 * AFCQ_ERR_USAGE when p is NULL.  Nothing is parsed or recorded yet.
 *
 * afcq_api_decode (any thread): parses x->http.body into x's model fields
 * and returns what afcq_api_finish would: AFCQ_OK, AFCQ_ERR_PARSE (EMPTY
 * or MALFORMED) or AFCQ_ERR_API (x still filled).  It touches only *x and
 * *err, no shared state: safe on a worker thread while the owner of ctx
 * keeps using the client and the history store, as long as nobody else
 * touches *x meanwhile.
 *
 * afcq_api_record (the thread that owns ctx): completes x's history record
 * (if any) with status st and, when st is not AFCQ_OK, the error line of
 * *why; total due on AFCQ_OK quotes and invoices.  A store failure is
 * ignored (the answer already arrived).  Call it exactly once per taken
 * exchange, also after a failed take, so the record does not stay pending. */
enum afcq_status afcq_api_take(struct afcq_api_ctx *ctx, struct afcq_pending *p,
			       struct afcq_exchange *x, struct afcq_error *err);
enum afcq_status afcq_api_decode(struct afcq_exchange *x, struct afcq_error *err);
void afcq_api_record(struct afcq_api_ctx *ctx, const struct afcq_exchange *x,
		     enum afcq_status st, const struct afcq_error *why);

/* true when x (an invoice, commit or uncommit that ended with status st)
 * went out and got no answer (network failure or cancel after the request
 * was sent): the service may have done it, so history records its outcome
 * as unknown (AFCQ_OUTCOME_PENDING) and the invoice number is not sent
 * again until it is resolved (resolve.h). */
bool afcq_api_outcome_unknown(const struct afcq_exchange *x, enum afcq_status st);

/* A blocking CalcTaxes whose answer is decoded as it arrives (stream.h),
 * otherwise as afcq_api_calc: validated, recorded, sent, checked, recorded
 * again.  The stream's callbacks (NULL for none) see each line item and
 * each invoice as soon as they are complete and may let used items go.
 * The body is kept whole in x->http.body when keep_body is set (to print
 * it, --format json); otherwise only its first AFCQ_HISTORY_ANSWER_MAX
 * bytes (x->http.received counts them all).  An answer the stream refuses
 * is read again by the jansson decoder when it was kept whole, so the
 * outcome is afcq_api_calc's; beyond that size the stream's refusal is
 * final (AFCQ_ERR_PARSE, cause MALFORMED), and the callbacks have seen
 * whatever came before it.  A callback may use the answer as final only
 * once more than AFCQ_HISTORY_ANSWER_MAX bytes were fed (ev->fed): before
 * that, a refusal could still send the answer to the other decoder.
 * req is taken as afcq_api_encode_calc_take takes it: once it passes the
 * checks *req is left empty and the request as sent is in x->sent (when it
 * could not be sent at all, it is freed); refused, it stays the caller's. */
struct afcq_api_stream {
	afcq_stream_item_fn on_item;
	afcq_stream_invoice_fn on_invoice;
	void *ud;
	bool keep_body;
	/* Also sees each piece of the body of a 2xx answer as it arrives
	 * (after the decoder), with ud; NULL for none. */
	afcq_body_fn on_body;
	/* The caller needs no line item of the request once it is encoded
	 * (it prints CSV or JSON): they are let go before the request is
	 * recorded and sent, x->sent keeps the rest (its invoices without
	 * items) and x->charges what the total due needs of them; nor the
	 * text sent: x->request_body is NULL after (let go once the call
	 * has its copy, unless a debug log is to write it, then once the
	 * answer is in). */
	bool let_items_go;
	/* With let_items_go: called with answer_ud once the outcome is known
	 * (x, its status and error as afcq_api_calc_stream returns them),
	 * before the history record is completed, for the caller to use the
	 * answer; its model is let go after the call (x->response empty on
	 * return).  Not called when nothing was sent (x zeroed).  NULL: the
	 * answer is kept for after. */
	void (*on_answer)(void *answer_ud, const struct afcq_exchange *x, enum afcq_status st,
			  const struct afcq_error *err);
	void *answer_ud;
};
enum afcq_status afcq_api_calc_stream(struct afcq_api_ctx *ctx, enum afcq_op op,
				      struct afcq_request *req,
				      const struct afcq_api_stream *how, struct afcq_exchange *x,
				      struct afcq_error *err);
/* afcq_api_calc_stream of a quote read and checked one invoice at a time
 * (outgoing.h: afcq_outgoing_finish found no problem): not checked again;
 * o's request (without its items), text and charges are taken over (x->sent
 * and x->charges hold them after).  AFCQ_ERR_USAGE when o has no text. */
struct afcq_outgoing;
enum afcq_status afcq_api_calc_outgoing(struct afcq_api_ctx *ctx, struct afcq_outgoing *o,
					const struct afcq_api_stream *how,
					struct afcq_exchange *x, struct afcq_error *err);

/* Blocking forms. */
enum afcq_status afcq_api_calc(struct afcq_api_ctx *ctx, enum afcq_op op,
			       const struct afcq_request *req, struct afcq_exchange *x,
			       struct afcq_error *err);
enum afcq_status afcq_api_commit(struct afcq_api_ctx *ctx, const char *doc, bool commit,
				 struct afcq_exchange *x, struct afcq_error *err);
enum afcq_status afcq_api_lookup(struct afcq_api_ctx *ctx, enum afcq_op op, const char *arg,
				 const struct afcq_pcode_request *pr, struct afcq_exchange *x,
				 struct afcq_error *err);

#endif
