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
 * answer is JSON our reader takes; a CalcTaxes or Commit answer decodes
 * with the client's own decoder.
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

static void check_reply(const char *path, const struct routes_reply *r)
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
	if (strcasecmp(path, "/api/v2/afc/CalcTaxes") == 0) {
		struct afcq_response resp;

		afcq_response_init(&resp);
		fuzz_check(afcq_codec_parse_response(r->body, strlen(r->body), &resp, NULL) ==
				   AFCQ_OK,
			   "a CalcTaxes answer the client cannot decode", r->body, NULL);
		afcq_response_done(&resp);
	} else if (strcasecmp(path, "/api/v2/afc/Commit") == 0) {
		struct afcq_commit_response resp = { 0 };

		fuzz_check(afcq_codec_parse_commit_response(r->body, strlen(r->body), &resp,
							    NULL) == AFCQ_OK,
			   "a Commit answer the client cannot decode", r->body, NULL);
		afcq_commit_response_done(&resp);
	}
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
	routes_dispatch(ctx, method, path, auth, nl ? nl + 1 : NULL,
			nl ? len - head_len - 1 : 0, &reply);
	check_reply(path, &reply);
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
