/* api_log.h - private to the api layer: one log line per exchange. */
#ifndef AFCQ_API_LOG_H
#define AFCQ_API_LOG_H

#include "afcq/api.h"

/* Logs x to ctx->log (nothing when there is none): at info the method,
 * URL, status, size and latency (warn when st is a failure, with its error
 * line); at debug also the request headers (credentials and client ids
 * redacted) and both bodies. */
void api_log_exchange(const struct afcq_api_ctx *ctx, const struct afcq_exchange *x,
		      enum afcq_status st, const struct afcq_error *why);

#endif
