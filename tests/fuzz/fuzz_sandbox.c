/* fuzz_sandbox.c - the sandbox's request handling, from body to answer,
 * through routes_dispatch() (no sockets).
 *
 * An input is up to eight requests separated by a line "%%", each
 *     METHOD PATH [AUTHORIZATION]\n
 *     body...
 * answered in order by one sandbox (rate book and catalogs of the tree,
 * clock pinned, a fresh in-memory document store per input, Basic
 * authentication demanded).  Without an AUTHORIZATION the right one is
 * sent, so a CalcTaxes can be followed by a Commit of its document.
 *
 * For any input: every request gets an answer; no internal failure (500);
 * a refusal has a one-line `error` header and a JSON body; every JSON
 * answer is JSON our reader takes, and the client reads it as an answer
 * to the request sent (afcq_api_decode): err entries perhaps, never a
 * malformed answer.
 *
 * The rate book and catalogs are loaded once (libFuzzer calls
 * LLVMFuzzerInitialize before any input); the tree is $AFCQ_TOP, else the
 * current directory.
 */
#include "fuzzlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/api.h"
#include "afcq/codec.h"
#include "afcq/str.h"
#include "catalog.h"
#include "engine.h"
#include "routes.h"
#include "store.h"

enum { MAX_REQUESTS = 8 };

static const char good_auth[] = "Basic dXNlcjpwYXNz";   /* user:pass */
static const char separator[] = "\n%%\n";

/* Read-only after LLVMFuzzerInitialize; the store is set per input. */
static struct sandbox_ctx base_ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct afcq_error err;
	char line[800];
	char *rb_dir = afcq_xasprintf("%s/data/sandbox", fuzz_top());
	char *cat_dir = afcq_xasprintf("%s/catalog", rb_dir);
	struct ratebook *rb;
	struct catalog *cat;

	afcq_error_clear(&err);
	rb = ratebook_load(rb_dir, &err);
	cat = rb ? catalog_load(cat_dir, &err) : NULL;
	if (!rb || !cat) {
		fprintf(stderr, "fuzz_sandbox: %s (set AFCQ_TOP to the source tree)\n",
			afcq_error_line(&err, line, sizeof(line)));
		exit(1);
	}
	base_ctx.rb = rb;
	base_ctx.cat = cat;
	base_ctx.auth = afcq_xstrdup(good_auth);
	snprintf(base_ctx.now, sizeof(base_ctx.now), "2026-03-15T12:00:00Z");
	base_ctx.max_body = 64 * 1024 * 1024;
	free(cat_dir);
	free(rb_dir);
	return 0;
}

/* Which client operation reads the answer of a route. */
static const struct {
	const char *path;    /* a prefix when it ends in '/' */
	enum afcq_op op;
} route_ops[] = {
	{ "/api/v2/afc/CalcTaxes", AFCQ_OP_QUOTE },
	{ "/api/v2/afc/Commit", AFCQ_OP_COMMIT },
	{ "/api/v2/afc/tspairs", AFCQ_OP_TSPAIRS },
	{ "/api/v2/afc/taxtype/", AFCQ_OP_TAXTYPE },
	{ "/api/v2/afc/PCode", AFCQ_OP_PCODE },
	{ "/api/v2/afc/location/", AFCQ_OP_LOCATION },
	{ "/api/v2/afc/primary/", AFCQ_OP_PRIMARY },
	{ "/api/v2/afc/serviceinfo", AFCQ_OP_SERVICEINFO },
};

static bool route_op(const char *path, enum afcq_op *op)
{
	for (size_t i = 0; i < sizeof(route_ops) / sizeof(route_ops[0]); i++) {
		const char *p = route_ops[i].path;
		size_t n = strlen(p);

		if (p[n - 1] == '/' ? strncasecmp(path, p, n) == 0 : strcasecmp(path, p) == 0) {
			*op = route_ops[i].op;
			return true;
		}
	}
	return false;
}

/* Reads a 200 answer the way the client does (afcq_api_decode, with the
 * request it answers): it may report err entries, never a malformed
 * answer. */
static void client_reads(const char *path, const char *body, size_t len,
			 const struct routes_reply *r)
{
	struct afcq_exchange x = { 0 };
	struct afcq_commit_request commit = { 0 };
	struct afcq_error err;
	char line[800];

	if (!route_op(path, &x.op))
		return;
	if (x.op == AFCQ_OP_QUOTE) {
		fuzz_check(afcq_codec_parse_request(body, len, &x.sent, NULL) == AFCQ_OK,
			   "a CalcTaxes answered 200 whose request does not decode", path, NULL);
	} else if (x.op == AFCQ_OP_COMMIT) {
		fuzz_check(afcq_codec_parse_commit_request(body, len, &commit, NULL) == AFCQ_OK,
			   "a Commit answered 200 whose request does not decode", path, NULL);
		x.op = commit.cmmt.set && commit.cmmt.v ? AFCQ_OP_COMMIT : AFCQ_OP_UNCOMMIT;
		x.doc = afcq_xstrdup(commit.doc ? commit.doc : "");
		afcq_commit_request_done(&commit);
	}
	x.http.status = (long)r->status;
	x.http.body = afcq_xstrdup(r->body);
	x.http.len = strlen(r->body);
	x.http.url = afcq_xstrdup(path);
	afcq_error_clear(&err);
	fuzz_check(afcq_api_decode(&x, &err) != AFCQ_ERR_PARSE,
		   "the client finds a sandbox answer malformed or not saying what was done",
		   afcq_error_line(&err, line, sizeof(line)), r->body);
	afcq_exchange_done(&x);
}

static void check_reply(const char *path, const char *body, size_t len,
			const struct routes_reply *r)
{
	char status[16];
	json_t *j = NULL;

	snprintf(status, sizeof(status), "%u", r->status);
	fuzz_check(r->status >= 200 && r->status < 500, "an internal failure or no answer",
		   status, r->error);
	if (r->status != 200) {
		fuzz_check(r->error && r->error[0] && !strpbrk(r->error, "\r\n"),
			   "a refusal without a one-line error header", status, r->error);
		fuzz_check(r->body && afcq_json_parse(r->body, strlen(r->body), &j, NULL) == AFCQ_OK,
			   "a refusal without a JSON body", status, r->body);
		json_decref(j);
		return;
	}
	fuzz_check(r->body != NULL, "an answer without a body", path, NULL);
	if (!r->content_type || strncmp(r->content_type, "application/json", 16) != 0)
		return;
	fuzz_check(afcq_json_parse(r->body, strlen(r->body), &j, NULL) == AFCQ_OK,
		   "a JSON answer our reader refuses", path, r->body);
	json_decref(j);
	client_reads(path, body, len, r);
}

/* Answers one "METHOD PATH [AUTH]\nbody" request of len bytes. */
static void one_request(const struct sandbox_ctx *ctx, const char *req, size_t len)
{
	const char *nl = memchr(req, '\n', len);
	size_t head_len = nl ? (size_t)(nl - req) : len;
	char *head = afcq_xstrndup(req, head_len);
	char *method = head, *path, *auth;
	struct routes_reply reply = { 0 };

	path = strchr(method, ' ');
	if (!path || strlen(head) != head_len) {
		free(head);
		return;
	}
	*path++ = '\0';
	auth = strchr(path, ' ');
	if (auth)
		*auth++ = '\0';
	else
		auth = (char *)good_auth;
	/* The body is exactly the bytes that follow: no terminating NUL. */
	const char *body = nl ? nl + 1 : NULL;
	size_t body_len = nl ? len - head_len - 1 : 0;

	routes_dispatch(ctx, method, path, auth, body, body_len, &reply);
	check_reply(path, body ? body : "", body_len, &reply);
	routes_reply_done(&reply);
	free(head);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sandbox_ctx ctx = base_ctx;
	struct afcq_error err;
	const char *p = (const char *)data, *end = p + size;

	afcq_error_clear(&err);
	ctx.store = store_open(NULL, &err);
	fuzz_check(ctx.store != NULL, "cannot open an in-memory store", err.msg, NULL);
	for (int n = 0; n < MAX_REQUESTS && p < end; n++) {
		const char *sep = memmem(p, (size_t)(end - p), separator, sizeof(separator) - 1);
		size_t len = sep ? (size_t)(sep - p) : (size_t)(end - p);
		char *req = afcq_xmalloc(len ? len : 1);

		/* A copy of its own, so reading past a request is caught. */
		memcpy(req, p, len);
		one_request(&ctx, req, len);
		free(req);
		p += len + (sep ? sizeof(separator) - 1 : 0);
		if (!sep)
			break;
	}
	store_close(ctx.store);
	return 0;
}
