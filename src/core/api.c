#include "afcq/api.h"

/* The AFC operations.
 *
 * Every operation runs the same pipeline: check the input (validate.h),
 * encode it (codec.h), record it in the history store before it leaves
 * (quotes, invoices, commits and uncommits; lookups are not recorded), start
 * the HTTP call, and later, in afcq_api_finish(), take the answer, parse it,
 * decide the outcome and complete the history record.  Finishing is three
 * steps callers may also run apart: take (moves the answer and the request
 * as sent out of the call), decode (pure: touches only the exchange, so it
 * may run on another thread) and record (the history store).  A pending operation
 * owns the prepared request (needed for totals), the body as sent and the
 * call.  Failure order in finish: transport or HTTP status first (no usable
 * answer), then an empty or malformed body, then err entries in a well-formed
 * answer (AFCQ_ERR_API: the exchange is still filled for display).
 * This file checks, encodes and sends; api_finish.c takes, decodes and
 * records.
 */

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "afcq/codec.h"
#include "api_pending.h"
#include "afcq/str.h"
#include "afcq/validate.h"

#define PATH_CALC "/api/v2/afc/CalcTaxes"
#define PATH_COMMIT "/api/v2/afc/Commit"
#define PATH_PREFIX "/api/v2/afc/"

const char *afcq_op_name(enum afcq_op op)
{
	switch (op) {
	case AFCQ_OP_QUOTE: return "quote";
	case AFCQ_OP_INVOICE: return "invoice";
	case AFCQ_OP_COMMIT: return "commit";
	case AFCQ_OP_UNCOMMIT: return "uncommit";
	case AFCQ_OP_TSPAIRS: return "tspairs";
	case AFCQ_OP_TAXTYPE: return "taxtype";
	case AFCQ_OP_PCODE: return "pcode";
	case AFCQ_OP_LOCATION: return "location";
	case AFCQ_OP_PRIMARY: return "primary";
	case AFCQ_OP_SERVICEINFO: return "serviceinfo";
	}
	return "?";
}

void afcq_exchange_done(struct afcq_exchange *x)
{
	if (!x)
		return;
	free(x->request_body);
	afcq_http_result_done(&x->http);
	afcq_response_done(&x->response);
	afcq_commit_response_done(&x->commit);
	afcq_tspair_list_done(&x->tspairs);
	afcq_taxtype_list_done(&x->taxtypes);
	afcq_pcode_result_done(&x->pcodes);
	afcq_service_info_done(&x->info);
	afcq_request_done(&x->sent);
	afcq_charges_done(&x->charges);
	free(x->doc);
	memset(x, 0, sizeof *x);
}

/* ---- preparing requests ------------------------------------------------- */

static void copy_request(struct afcq_request *dst, const struct afcq_request *src)
{
	if (afcq_request_copy(dst, src) != 0) {
		fputs("afcq: out of memory\n", stderr);
		exit(70);
	}
}

void afcq_api_make_quote(struct afcq_request *r)
{
	for (size_t i = 0; i < r->n_inv; i++)
		r->inv[i].cmmt = (struct afcq_obool){ .set = true, .v = false };
}

void afcq_api_prepare_quote(struct afcq_request *dst, const struct afcq_request *src)
{
	copy_request(dst, src);
	afcq_api_make_quote(dst);
}

void afcq_api_prepare_invoice(struct afcq_request *dst, const struct afcq_request *src,
			      const char *invn, const char *doc, bool commit)
{
	copy_request(dst, src);
	afcq_api_make_invoice(dst, invn, doc, commit);
}

void afcq_api_make_invoice(struct afcq_request *r, const char *invn, const char *doc, bool commit)
{
	char *base = doc ? afcq_xstrdup(doc) : afcq_api_new_doc(NULL);
	for (size_t i = 0; i < r->n_inv; i++) {
		struct afcq_invoice *inv = &r->inv[i];
		free(inv->invn);
		inv->invn = afcq_xstrdup(invn);
		free(inv->doc);
		inv->doc = r->n_inv > 1 ? afcq_xasprintf("%s-%zu", base, i + 1)
					  : afcq_xstrdup(base);
		inv->cmmt = (struct afcq_obool){ .set = true, .v = commit };
	}
	free(base);
}

static void random_bytes(unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);
		if (r > 0) {
			got += (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		break;
	}
	if (got == n)
		return;
	/* No getrandom (old kernel): the device it reads from. */
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		while (got < n) {
			ssize_t r = read(fd, buf + got, n - got);
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		close(fd);
	}
	/* Last resort: clock noise.  Uniqueness is still checked by callers. */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	unsigned long long x = (unsigned long long)ts.tv_nsec ^
			       ((unsigned long long)getpid() << 32);
	for (; got < n; got++, x = x * 6364136223846793005ULL + 1442695040888963407ULL)
		buf[got] = (unsigned char)(x >> 56);
}

char *afcq_api_new_doc(struct afcq_history *h)
{
	for (int attempt = 0;; attempt++) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		char stamp[32];
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		unsigned char r[4];
		random_bytes(r, sizeof r);
		char *doc = afcq_xasprintf("AFCQ-%s-%02x%02x%02x%02x", stamp, r[0], r[1], r[2], r[3]);
		/* 2^32 codes per second: a clash is practically never repeated. */
		if (!h || attempt >= 100 || !afcq_history_doc_used(h, doc))
			return doc;
		free(doc);
	}
}

/* ---- starting ------------------------------------------------------------ */

static bool recorded_op(enum afcq_op op)
{
	return op == AFCQ_OP_QUOTE || op == AFCQ_OP_INVOICE || op == AFCQ_OP_COMMIT ||
	       op == AFCQ_OP_UNCOMMIT;
}

/* Sending an invoice or a commit that history could not record would leave
 * no trace of a real transaction, so those are refused; a quote goes out
 * unrecorded. */
bool api_must_record(enum afcq_op op)
{
	return op == AFCQ_OP_INVOICE || op == AFCQ_OP_COMMIT || op == AFCQ_OP_UNCOMMIT;
}

void api_pending_free(struct afcq_pending *p)
{
	if (!p)
		return;
	afcq_call_free(p->call);
	free(p->request_body);
	afcq_request_done(&p->req);
	afcq_charges_done(&p->charges);
	free(p->doc);
	free(p);
}

static void history_fail(struct afcq_api_ctx *ctx, int64_t id, enum afcq_outcome outcome,
			 const struct afcq_error *why)
{
	if (!ctx->history || id <= 0)
		return;
	char line[1024];
	afcq_error_line(why, line, sizeof line);
	struct afcq_error ignored;
	afcq_history_finish(ctx->history, id, outcome, why->http_status, 0, NULL, line, false, 0,
			    &ignored);
}

/* Records (when asked), then sends.  Takes ownership of p. */
static struct afcq_pending *launch(struct afcq_api_ctx *ctx, struct afcq_pending *p,
				   const char *method, const char *path, const char *doc,
				   const char *invn, struct afcq_error *err)
{
	if (ctx->dry_run) {
		ctx->dry_run(ctx->dry_run_ud, method, path, p->request_body);
		afcq_error_set(err, AFCQ_NOT_SENT, path, "not sent (dry run)");
		api_pending_free(p);
		return NULL;
	}
	if ((!ctx->history || ctx->journal_local) && api_must_record(p->op)) {
		/* nothing goes out that cannot be recorded in the journal */
		afcq_error_set(err, AFCQ_ERR_DB, "history", "not sent: %s",
			       ctx->history ? "the team's store is unavailable and its journal "
					      "must record invoices and commits"
					    : "no journal to record it in (the store is unavailable)");
		api_pending_free(p);
		return NULL;
	}
	if (ctx->history && recorded_op(p->op)) {
		/* A commit or uncommit carries the customer of the invoice it
		 * acts on when none is loaded. */
		struct afcq_history_entry of_doc = { 0 };
		if (!ctx->customer && (p->op == AFCQ_OP_COMMIT || p->op == AFCQ_OP_UNCOMMIT))
			afcq_history_doc_customer(ctx->history, doc, &of_doc);
		struct afcq_history_entry e = {
			.endpoint = (char *)(ctx->endpoint_label ? ctx->endpoint_label : ""),
			.kind = (char *)afcq_op_name(p->op),
			.doc = (char *)doc,
			.invn = (char *)invn,
			.request = p->request_body,
			.customer = of_doc.customer ? of_doc.customer : (char *)ctx->customer,
			.customer_account = of_doc.customer ? of_doc.customer_account
							    : (char *)ctx->customer_account,
			.customer_uid = of_doc.customer ? of_doc.customer_uid
							: (char *)ctx->customer_uid,
		};
		struct afcq_error herr;
		afcq_error_clear(&herr);
		/* An invoice number whose earlier send may have reached the
		 * service is not sent again (checked and recorded at once). */
		enum afcq_status hst =
			p->op == AFCQ_OP_INVOICE
				? afcq_history_begin_invoice(ctx->history, &e, &p->history_id,
							     NULL, &herr)
				: afcq_history_begin(ctx->history, &e, &p->history_id, &herr);
		afcq_history_entry_done(&of_doc);
		if (hst == AFCQ_ERR_INVALID) {
			afcq_error_set(err, AFCQ_ERR_INVALID, "", "not sent: %s", herr.msg);
			api_pending_free(p);
			return NULL;
		}
		if (hst != AFCQ_OK) {
			p->history_id = 0;
			if (api_must_record(p->op)) {
				afcq_error_set(err, AFCQ_ERR_DB, herr.where[0] ? herr.where : "history",
					       "not sent: cannot record it in history: %s", herr.msg);
				api_pending_free(p);
				return NULL;
			}
		}
	}
	p->call = afcq_client_start(ctx->client, method, path, p->request_body, err);
	if (!p->call) {
		if (err)
			history_fail(ctx, p->history_id, AFCQ_OUTCOME_FAILED, err);
		api_pending_free(p);
		return NULL;
	}
	/* The call sends its own copy; the text is kept after only for a log
	 * that writes bodies. */
	if (p->text_go && !afcq_log_wants(ctx->log, AFCQ_LOG_DEBUG)) {
		free(p->request_body);
		p->request_body = NULL;
		p->text_gone = true;
	}
	return p;
}

static bool report_problems(struct afcq_problems *pr, struct afcq_error *err)
{
	if (pr->n == 0)
		return false;
	if (pr->n > 1)
		afcq_error_set(err, AFCQ_ERR_INVALID, pr->v[0].path, "%s (and %zu more problems)",
			       pr->v[0].msg, pr->n - 1);
	else
		afcq_error_set(err, AFCQ_ERR_INVALID, pr->v[0].path, "%s", pr->v[0].msg);
	afcq_problems_done(pr);
	return true;
}

/* The checks afcq_api_encode_calc and afcq_api_encode_calc_take share:
 * true when req may be encoded as op. */
static bool calc_ok(enum afcq_op op, const struct afcq_request *req, struct afcq_error *err)
{
	afcq_error_clear(err);
	if (op != AFCQ_OP_QUOTE && op != AFCQ_OP_INVOICE) {
		afcq_error_set(err, AFCQ_ERR_USAGE, afcq_op_name(op), "not a tax calculation");
		return false;
	}
	struct afcq_problems pr = { 0 };
	afcq_validate_request(req, NULL, NULL, &pr);
	return !report_problems(&pr, err);
}

/* Encodes p->req, which p owns, as p->op's body; with items_go, lets the
 * request's line items go as they are written, keeping their charges. */
static struct afcq_pending *encode_pending(struct afcq_pending *p, bool items_go)
{
	/* A quote never commits, whatever the form says. */
	if (p->op == AFCQ_OP_QUOTE)
		afcq_api_make_quote(&p->req);
	p->text_go = items_go;
	if (items_go) {
		afcq_charges_of(&p->charges, &p->req);
		p->request_body = afcq_codec_request_dump_items_go(&p->req, AFCQ_JSON_COMPACT);
	} else {
		p->request_body = afcq_codec_request_dump(&p->req, AFCQ_JSON_COMPACT);
	}
	return p;
}

struct afcq_pending *afcq_api_encode_calc(enum afcq_op op, const struct afcq_request *req,
					  struct afcq_error *err)
{
	if (!calc_ok(op, req, err))
		return NULL;
	struct afcq_pending *p = afcq_xcalloc(1, sizeof *p);
	p->op = op;
	copy_request(&p->req, req);
	return encode_pending(p, false);
}

struct afcq_pending *api_encode_take(enum afcq_op op, struct afcq_request *req, bool items_go,
				     struct afcq_error *err)
{
	if (!calc_ok(op, req, err))
		return NULL;
	struct afcq_pending *p = afcq_xcalloc(1, sizeof *p);
	p->op = op;
	p->req = *req;
	afcq_request_init(req);
	return encode_pending(p, items_go);
}

struct afcq_pending *api_encoded(struct afcq_outgoing *o)
{
	struct afcq_pending *p = afcq_xcalloc(1, sizeof *p);
	p->op = AFCQ_OP_QUOTE;
	p->req = o->req;
	afcq_request_init(&o->req);
	p->request_body = o->body;
	o->body = NULL;
	p->charges = o->charges;
	memset(&o->charges, 0, sizeof o->charges);
	p->text_go = true;
	return p;
}

struct afcq_pending *afcq_api_encode_calc_take(enum afcq_op op, struct afcq_request *req,
					       struct afcq_error *err)
{
	return api_encode_take(op, req, false, err);
}

struct afcq_pending *afcq_api_send_calc(struct afcq_api_ctx *ctx, struct afcq_pending *p,
					struct afcq_error *err)
{
	afcq_error_clear(err);
	const char *doc = p->req.n_inv ? p->req.inv[0].doc : NULL;
	const char *invn = p->req.n_inv ? p->req.inv[0].invn : NULL;
	return launch(ctx, p, "POST", PATH_CALC, doc, invn, err);
}

void afcq_api_discard(struct afcq_pending *p)
{
	api_pending_free(p);
}

struct afcq_pending *afcq_api_start_calc(struct afcq_api_ctx *ctx, enum afcq_op op,
					 const struct afcq_request *req, struct afcq_error *err)
{
	struct afcq_pending *p = afcq_api_encode_calc(op, req, err);
	return p ? afcq_api_send_calc(ctx, p, err) : NULL;
}

struct afcq_pending *afcq_api_start_commit(struct afcq_api_ctx *ctx, const char *doc, bool commit,
					   struct afcq_error *err)
{
	afcq_error_clear(err);
	struct afcq_commit_request cr = {
		.doc = (char *)doc,
		.cmmt = { .set = true, .v = commit },
	};
	struct afcq_problems pr = { 0 };
	afcq_validate_commit(&cr, &pr);
	if (report_problems(&pr, err))
		return NULL;
	if (afcq_str_empty(doc)) {
		afcq_error_set(err, AFCQ_ERR_INVALID, "doc", "a document code is required");
		return NULL;
	}
	json_t *j = afcq_codec_commit_request_to_json(&cr);
	struct afcq_pending *p = afcq_xcalloc(1, sizeof *p);
	p->op = commit ? AFCQ_OP_COMMIT : AFCQ_OP_UNCOMMIT;
	p->doc = afcq_xstrdup(doc);
	p->request_body = afcq_json_dump(j, AFCQ_JSON_COMPACT);
	json_decref(j);
	return launch(ctx, p, "POST", PATH_COMMIT, doc, NULL, err);
}

/* Path arguments go into the URL as they are, so only what the API takes
 * there is accepted: digits, or "*" for every tax type. */
static bool path_arg_ok(const char *arg, bool star_ok)
{
	if (afcq_str_empty(arg) || strlen(arg) > 20)
		return false;
	if (star_ok && strcmp(arg, "*") == 0)
		return true;
	for (const char *s = arg; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

struct afcq_pending *afcq_api_start_lookup(struct afcq_api_ctx *ctx, enum afcq_op op,
					   const char *arg, const struct afcq_pcode_request *pr,
					   struct afcq_error *err)
{
	afcq_error_clear(err);
	char *path = NULL;
	const char *method = "GET";
	char *body = NULL;
	switch (op) {
	case AFCQ_OP_TSPAIRS:
		path = afcq_xstrdup(PATH_PREFIX "tspairs");
		break;
	case AFCQ_OP_SERVICEINFO:
		path = afcq_xstrdup(PATH_PREFIX "serviceinfo");
		break;
	case AFCQ_OP_TAXTYPE:
		if (!path_arg_ok(arg, true)) {
			afcq_error_set(err, AFCQ_ERR_INVALID, "taxtype",
				       "expected a tax type number or '*', got \"%s\"",
				       arg ? arg : "");
			return NULL;
		}
		path = afcq_xasprintf(PATH_PREFIX "taxtype/%s", arg);
		break;
	case AFCQ_OP_LOCATION:
	case AFCQ_OP_PRIMARY:
		if (!path_arg_ok(arg, false)) {
			afcq_error_set(err, AFCQ_ERR_INVALID, "pcode",
				       "expected a PCode (digits), got \"%s\"", arg ? arg : "");
			return NULL;
		}
		path = afcq_xasprintf(PATH_PREFIX "%s/%s",
				      op == AFCQ_OP_LOCATION ? "location" : "primary", arg);
		break;
	case AFCQ_OP_PCODE: {
		if (!pr) {
			afcq_error_set(err, AFCQ_ERR_USAGE, "pcode", "no lookup request given");
			return NULL;
		}
		json_t *j = afcq_codec_pcode_request_to_json(pr);
		body = afcq_json_dump(j, AFCQ_JSON_COMPACT);
		json_decref(j);
		method = "POST";
		path = afcq_xstrdup(PATH_PREFIX "PCode");
		break;
	}
	default:
		afcq_error_set(err, AFCQ_ERR_USAGE, afcq_op_name(op), "not a lookup");
		return NULL;
	}
	struct afcq_pending *p = afcq_xcalloc(1, sizeof *p);
	p->op = op;
	p->request_body = body;
	struct afcq_pending *r = launch(ctx, p, method, path, NULL, NULL, err);
	free(path);
	return r;
}

bool afcq_pending_done(const struct afcq_pending *p)
{
	return p && afcq_call_done(p->call);
}

double afcq_pending_elapsed_ms(const struct afcq_pending *p)
{
	return p ? afcq_call_elapsed_ms(p->call) : 0;
}

void afcq_pending_cancel(struct afcq_pending *p)
{
	if (p)
		afcq_call_cancel(p->call);
}

/* ---- blocking forms ------------------------------------------------------ */

static enum afcq_status run(struct afcq_api_ctx *ctx, struct afcq_pending *p,
			    struct afcq_exchange *x, struct afcq_error *err)
{
	if (!p) {
		memset(x, 0, sizeof *x);
		return err->status != AFCQ_OK ? err->status : AFCQ_ERR_USAGE;
	}
	return afcq_api_finish(ctx, p, x, err);
}

enum afcq_status afcq_api_calc(struct afcq_api_ctx *ctx, enum afcq_op op,
			       const struct afcq_request *req, struct afcq_exchange *x,
			       struct afcq_error *err)
{
	struct afcq_error local;
	if (!err)
		err = &local;
	return run(ctx, afcq_api_start_calc(ctx, op, req, err), x, err);
}

enum afcq_status afcq_api_commit(struct afcq_api_ctx *ctx, const char *doc, bool commit,
				 struct afcq_exchange *x, struct afcq_error *err)
{
	struct afcq_error local;
	if (!err)
		err = &local;
	return run(ctx, afcq_api_start_commit(ctx, doc, commit, err), x, err);
}

enum afcq_status afcq_api_lookup(struct afcq_api_ctx *ctx, enum afcq_op op, const char *arg,
				 const struct afcq_pcode_request *pr, struct afcq_exchange *x,
				 struct afcq_error *err)
{
	struct afcq_error local;
	if (!err)
		err = &local;
	return run(ctx, afcq_api_start_lookup(ctx, op, arg, pr, err), x, err);
}
