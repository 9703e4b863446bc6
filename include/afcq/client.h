/* client.h - HTTP client on libcurl.
 *
 * One struct afcq_client per endpoint owns a curl multi handle.  Requests are
 * asynchronous calls (struct afcq_call) that a user-interface loop drives
 * with afcq_client_pump(); the blocking form afcq_client_request() is the
 * same machinery pumped to completion.  TLS verification is always on and
 * TLS 1.2 is the minimum.  Credentials are sent as HTTP Basic auth and never
 * copied into errors or results.
 *
 * Failures are classified into struct afcq_error: AFCQ_ERR_NET with cause
 * RESOLVE / REFUSED / TIMEOUT / TLS, AFCQ_ERR_HTTP for a non-2xx status
 * (msg holds the `error` response header or the first line of the body),
 * AFCQ_ERR_CANCELLED after afcq_call_cancel().  Malformed or empty bodies are
 * the codec's business (the caller parses).  err->where is always the full
 * URL ("http://127.0.0.1:9/api/v2/afc/CalcTaxes: connection refused").
 *
 * libcurl is loaded by the first afcq_client_new() (afcq/curl_api.h), which
 * also calls curl_global_init() once per process; main() need not.  Requests
 * to 127.0.0.1/localhost never use a proxy from the environment.
 */
#ifndef AFCQ_CLIENT_H
#define AFCQ_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/error.h"

struct afcq_endpoint {
	char *base_url;             /* "https://host" or "http://127.0.0.1:PORT" */
	char *username;             /* NULL: no auth */
	char *password;             /* never logged */
	bool has_client_id;
	long long client_id;
	bool has_client_profile_id;
	long long client_profile_id;
	long timeout_s;             /* total; 0 = default 30 */
	long connect_timeout_s;     /* 0 = default 10 */
	char *ca_file;              /* optional CA bundle */
};

/* The request headers afcq sends to ep (besides authentication and the
 * user agent), one "Name: value" line each, into lines; returns how many
 * (at most max).  The client and `--print-curl` both use it, so a printed
 * curl command sends the same headers. */
#define AFCQ_MAX_HEADERS 8
#define AFCQ_HEADER_LINE 96
size_t afcq_client_header_lines(const struct afcq_endpoint *ep, bool has_body,
				char lines[][AFCQ_HEADER_LINE], size_t max);

/* Deep copy / release of an endpoint's strings. */
void afcq_endpoint_copy(struct afcq_endpoint *dst, const struct afcq_endpoint *src);
void afcq_endpoint_done(struct afcq_endpoint *ep);

struct afcq_http_result {
	long status;                /* HTTP status, 0 if none */
	char *body;                 /* NUL-terminated, owned */
	size_t len;
	size_t received;            /* bytes of body received: len, or more when the
				     * call kept only the first ones (afcq_call_stream) */
	char *error_header;         /* value of the `error` header, owned or NULL */
	char *url;                  /* full URL requested, owned */
	double latency_ms;
	bool request_sent;          /* the request (some of it at least) went out:
				     * a failure after that may have reached the
				     * server (set on every take, failed or not) */
};
void afcq_http_result_done(struct afcq_http_result *r);

struct afcq_client;
struct afcq_call;

/* Creates a client for ep (copied), loading libcurl the first time.  The
 * caller owns the client (afcq_client_free).  Returns NULL only when libcurl
 * cannot be loaded or started; err (may be NULL) then says why and what to
 * install. */
struct afcq_client *afcq_client_new(const struct afcq_endpoint *ep, struct afcq_error *err);
/* Loads libcurl (as afcq_client_new does the first time) without making a
 * client: a worker thread can take that time off a user interface's
 * thread.  Thread-safe; false when it cannot be loaded (err says why). */
bool afcq_client_preload(struct afcq_error *err);
/* The endpoint the client sends to (borrowed from c). */
const struct afcq_endpoint *afcq_client_endpoint(const struct afcq_client *c);
/* Cancels and frees every outstanding call, then the client: call pointers
 * (and afcq_pending objects built on them) must not be used afterwards. */
void afcq_client_free(struct afcq_client *c);

/* Starts a request.  method "GET" or "POST"; path like "/api/v2/afc/CalcTaxes";
 * body may be NULL for GET.  The call belongs to the client until
 * afcq_call_free().  Returns NULL and sets *err if it cannot start. */
struct afcq_call *afcq_client_start(struct afcq_client *c, const char *method, const char *path,
				    const char *body, struct afcq_error *err);

/* Drives transfers, waiting at most timeout_ms for activity (0 = do not
 * wait).  Returns the number of calls still running. */
int afcq_client_pump(struct afcq_client *c, int timeout_ms);
/* The same, but the wait also ends as soon as fd (e.g. the terminal, 0) is
 * readable, so a UI loop can sleep in here and still answer every key at
 * once.  fd < 0: as afcq_client_pump.  Nothing is read from fd. */
int afcq_client_pump_fd(struct afcq_client *c, int timeout_ms, int fd);

/* Hands each piece of a 2xx answer's body to fn as it arrives (for a
 * streaming decoder, stream.h), in order, on the thread that pumps; the
 * call then keeps only the first keep bytes of the body in its result
 * (received counts them all).  Call right after afcq_client_start. */
typedef void (*afcq_body_fn)(void *ud, const char *data, size_t len);
void afcq_call_stream(struct afcq_call *call, afcq_body_fn fn, void *ud, size_t keep);

bool afcq_call_done(const struct afcq_call *call);
/* Milliseconds since the call started. */
double afcq_call_elapsed_ms(const struct afcq_call *call);
/* Stops a running call; it then reports AFCQ_ERR_CANCELLED. */
void afcq_call_cancel(struct afcq_call *call);
/* When done: moves the result into *out (caller owns it, afcq_http_result_done)
 * and returns AFCQ_OK, or returns the failure with *err filled (a non-2xx
 * answer is a failure, but *out still receives the body and status). */
enum afcq_status afcq_call_take(struct afcq_call *call, struct afcq_http_result *out,
				struct afcq_error *err);
void afcq_call_free(struct afcq_call *call);

/* Blocking request: start + pump until done + take. */
enum afcq_status afcq_client_request(struct afcq_client *c, const char *method, const char *path,
				     const char *body, struct afcq_http_result *out,
				     struct afcq_error *err);

#endif
