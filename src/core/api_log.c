#include "api_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

/* The headers the client sent, as one line, with the values of the
 * Authorization, client_id and client_profile_id headers redacted. */
static char *headers_line(const struct afcq_api_ctx *ctx, bool has_body)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	const struct afcq_endpoint *ep = ctx->client ? afcq_client_endpoint(ctx->client) : NULL;
	if (!ep)
		return afcq_buf_steal(&b);
	char lines[AFCQ_MAX_HEADERS][AFCQ_HEADER_LINE];
	size_t n = afcq_client_header_lines(ep, has_body, lines, AFCQ_MAX_HEADERS);
	for (size_t i = 0; i < n; i++) {
		if (strncmp(lines[i], "client_", 7) == 0) {
			char *colon = strchr(lines[i], ':');
			if (colon)
				snprintf(colon, sizeof lines[i] - (size_t)(colon - lines[i]),
					 ": (redacted)");
		}
		afcq_buf_printf(&b, "%s%s", i ? "; " : "", lines[i]);
	}
	if (!afcq_str_empty(ep->username))
		afcq_buf_puts(&b, "; Authorization: Basic (redacted)");
	return afcq_buf_steal(&b);
}

void api_log_exchange(const struct afcq_api_ctx *ctx, const struct afcq_exchange *x,
		      enum afcq_status st, const struct afcq_error *why)
{
	struct afcq_log *l = ctx->log;
	bool failed = st != AFCQ_OK && st != AFCQ_ERR_API;
	if (!afcq_log_wants(l, failed ? AFCQ_LOG_WARN : AFCQ_LOG_INFO))
		return;
	const char *method = x->request_body || x->posted ? "POST" : "GET";
	const char *url = x->http.url ? x->http.url : "?";
	if (failed) {
		char line[800];
		afcq_logf(l, AFCQ_LOG_WARN, "%s %s %s: HTTP %ld, %zu bytes, %.0f ms: %s",
			  afcq_op_name(x->op), method, url, x->http.status, x->http.len,
			  x->http.latency_ms, why ? afcq_error_line(why, line, sizeof line) : "failed");
	} else {
		afcq_logf(l, AFCQ_LOG_INFO, "%s %s %s: HTTP %ld, %zu bytes, %.0f ms%s",
			  afcq_op_name(x->op), method, url, x->http.status, x->http.len,
			  x->http.latency_ms, st == AFCQ_ERR_API ? ", err entries in the answer" : "");
	}
	if (!afcq_log_wants(l, AFCQ_LOG_DEBUG))
		return;
	char *h = headers_line(ctx, x->request_body != NULL);
	afcq_logf(l, AFCQ_LOG_DEBUG, "request headers: %s", h);
	free(h);
	if (x->request_body)
		afcq_logf(l, AFCQ_LOG_DEBUG, "request body: %s", x->request_body);
	afcq_logf(l, AFCQ_LOG_DEBUG, "response body: %s", x->http.body ? x->http.body : "");
}
