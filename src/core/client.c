#include "afcq/client.h"

/* The HTTP pump.
 *
 * A client owns one curl multi handle and the list of calls it started.
 * Each call is one easy handle with its own header list, response buffer
 * and copy of the request body, so nothing a caller passes in has to outlive
 * afcq_client_start().  afcq_client_pump() runs curl_multi_perform(), waits
 * at most the caller's timeout in curl_multi_poll() when transfers are still
 * running, performs again and then collects finished transfers with
 * curl_multi_info_read(); a finished call keeps its curl result code until
 * afcq_call_take() turns it into a struct afcq_error.  Cancelling removes
 * the easy handle from the multi handle at once, so a cancelled transfer
 * never delivers anything more.
 *
 * libcurl is not linked: the first afcq_client_new() loads it
 * (afcq/curl_api.h), which also runs curl_global_init() exactly once, and
 * every call goes through the client's table.  The global cleanup is never
 * run (it is not safe while any other library might still use curl).
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "afcq/curl_api.h"
#include "afcq/str.h"

#ifndef AFCQ_VERSION
#define AFCQ_VERSION "dev"
#endif

enum {
	DEFAULT_TIMEOUT_S = 30,
	DEFAULT_CONNECT_TIMEOUT_S = 10,
	FIRST_LINE_MAX = 200,
	MAX_TIMEOUT_S = 86400,
};

/* Answers larger than this are refused rather than buffered. */
#define MAX_BODY ((size_t)256 * 1024 * 1024)

struct afcq_call {
	struct afcq_client *client;
	CURL *easy;
	struct curl_slist *headers;
	char *request_body;         /* our copy; curl reads it in place */
	char *url;                  /* as shown in errors and results: no user:password@ */
	char *fetch_url;            /* as given to curl */
	struct afcq_buf body;
	size_t received;            /* body bytes, kept or not */
	size_t keep;                /* body bytes kept (SIZE_MAX: all) */
	afcq_body_fn sink;          /* streaming reader, or NULL */
	void *sink_ud;
	char *error_header;
	char errbuf[CURL_ERROR_SIZE];
	double started_ms;
	double latency_ms;
	bool in_multi;
	bool done;
	bool cancelled;
	bool too_large;
	CURLcode result;
	long status;
};

struct afcq_client {
	const struct afcq_curl_api *api; /* libcurl, loaded by afcq_client_new */
	struct afcq_endpoint ep;
	CURLM *multi;
	struct afcq_call **calls;
	size_t n_calls, cap_calls;
};

/* ---- endpoint and result ------------------------------------------------ */

void afcq_endpoint_copy(struct afcq_endpoint *dst, const struct afcq_endpoint *src)
{
	*dst = *src;
	dst->base_url = afcq_xstrdup(src->base_url);
	dst->username = afcq_xstrdup(src->username);
	dst->password = afcq_xstrdup(src->password);
	dst->ca_file = afcq_xstrdup(src->ca_file);
}

void afcq_endpoint_done(struct afcq_endpoint *ep)
{
	if (!ep)
		return;
	free(ep->base_url);
	free(ep->username);
	if (ep->password) {
		/* Do not leave the secret lying in freed memory. */
		volatile char *p = ep->password;
		while (*p)
			*p++ = 0;
		free(ep->password);
	}
	free(ep->ca_file);
	memset(ep, 0, sizeof *ep);
}

void afcq_http_result_done(struct afcq_http_result *r)
{
	if (!r)
		return;
	free(r->body);
	free(r->error_header);
	free(r->url);
	memset(r, 0, sizeof *r);
}

/* ---- helpers ------------------------------------------------------------- */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* base "http://h:1/" + path "/api" -> "http://h:1/api" */
static char *join_url(const char *base, const char *path)
{
	size_t blen = strlen(base);
	while (blen && base[blen - 1] == '/')
		blen--;
	if (!path)
		path = "";
	while (*path == '/')
		path++;
	return afcq_xasprintf("%.*s/%s", (int)blen, base, path);
}

static size_t on_body(char *data, size_t size, size_t n, void *userdata)
{
	struct afcq_call *call = userdata;
	size_t len = size * n;
	if (call->received + len > MAX_BODY) {
		call->too_large = true;
		return 0;
	}
	call->received += len;
	if (call->sink) {
		long status = 0;
		call->client->api->easy_getinfo(call->easy, CURLINFO_RESPONSE_CODE, &status);
		if (status >= 200 && status <= 299)
			call->sink(call->sink_ud, data, len);
	}
	if (call->body.len < call->keep) {
		size_t room = call->keep - call->body.len;
		afcq_buf_append(&call->body, data, len < room ? len : room);
	}
	return len;
}

/* Keeps the value of the last `error` header of the final response; a new
 * status line (e.g. after 100 Continue) starts over. */
static size_t on_header(char *data, size_t size, size_t n, void *userdata)
{
	struct afcq_call *call = userdata;
	size_t len = size * n;
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(call->error_header);
		call->error_header = NULL;
		return len;
	}
	static const char name[] = "error:";
	size_t nlen = sizeof name - 1;
	if (len > nlen && strncasecmp(data, name, nlen) == 0) {
		const char *v = data + nlen;
		const char *end = data + len;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' ||
				   end[-1] == '\t'))
			end--;
		free(call->error_header);
		call->error_header = afcq_xstrndup(v, (size_t)(end - v));
	}
	return len;
}

static void client_add_call(struct afcq_client *c, struct afcq_call *call)
{
	if (c->n_calls == c->cap_calls) {
		c->cap_calls = c->cap_calls ? c->cap_calls * 2 : 4;
		c->calls = afcq_xrealloc(c->calls, c->cap_calls * sizeof *c->calls);
	}
	c->calls[c->n_calls++] = call;
}

static void client_remove_call(struct afcq_client *c, struct afcq_call *call)
{
	for (size_t i = 0; i < c->n_calls; i++) {
		if (c->calls[i] == call) {
			c->calls[i] = c->calls[--c->n_calls];
			return;
		}
	}
}

static void call_detach(struct afcq_call *call)
{
	if (call->in_multi) {
		call->client->api->multi_remove_handle(call->client->multi, call->easy);
		call->in_multi = false;
	}
}

static void call_finish(struct afcq_call *call, CURLcode rc)
{
	call->result = rc;
	call->done = true;
	call->latency_ms = now_ms() - call->started_ms;
	call->client->api->easy_getinfo(call->easy, CURLINFO_RESPONSE_CODE, &call->status);
	call_detach(call);
}

/* ---- lifecycle ----------------------------------------------------------- */

struct afcq_client *afcq_client_new(const struct afcq_endpoint *ep, struct afcq_error *err)
{
	const struct afcq_curl_api *api = afcq_curl_api(err);
	if (!api)
		return NULL;
	CURLM *multi = api->multi_init();
	if (!multi) {
		afcq_error_set(err, AFCQ_ERR_NOMEM, "libcurl", "cannot start the HTTP client");
		return NULL;
	}
	struct afcq_client *c = afcq_xcalloc(1, sizeof *c);
	c->api = api;
	c->multi = multi;
	afcq_endpoint_copy(&c->ep, ep);
	return c;
}

bool afcq_client_preload(struct afcq_error *err)
{
	return afcq_curl_api(err) != NULL;
}

const struct afcq_endpoint *afcq_client_endpoint(const struct afcq_client *c)
{
	return &c->ep;
}

static void call_destroy(struct afcq_call *call)
{
	call_detach(call);
	call->client->api->easy_cleanup(call->easy);
	call->client->api->slist_free_all(call->headers);
	free(call->request_body);
	free(call->url);
	free(call->fetch_url);
	free(call->error_header);
	afcq_buf_done(&call->body);
	free(call);
}

void afcq_client_free(struct afcq_client *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_calls; i++)
		call_destroy(c->calls[i]);
	free(c->calls);
	c->api->multi_cleanup(c->multi);
	afcq_endpoint_done(&c->ep);
	free(c);
}

/* ---- starting a call ----------------------------------------------------- */

static struct curl_slist *add_header(const struct afcq_curl_api *api, struct curl_slist *list,
				     const char *line)
{
	struct curl_slist *l = api->slist_append(list, line);
	if (!l) {
		fputs("afcq: out of memory\n", stderr);
		exit(70);
	}
	return l;
}

size_t afcq_client_header_lines(const struct afcq_endpoint *ep, bool has_body,
				char lines[][AFCQ_HEADER_LINE], size_t max)
{
	size_t n = 0;
#define LINE(...)                                                         \
	do {                                                              \
		if (n < max)                                              \
			snprintf(lines[n++], AFCQ_HEADER_LINE, __VA_ARGS__); \
	} while (0)
	LINE("Accept: application/json");
	if (has_body)
		LINE("Content-Type: application/json");
	/* No "Expect: 100-continue" round trip for large bodies. */
	LINE("Expect:");
	if (ep->has_client_id)
		LINE("client_id: %lld", ep->client_id);
	if (ep->has_client_profile_id)
		LINE("client_profile_id: %lld", ep->client_profile_id);
#undef LINE
	return n;
}

static struct curl_slist *build_headers(const struct afcq_curl_api *api,
				       const struct afcq_endpoint *ep, bool has_body)
{
	struct curl_slist *h = NULL;
	char lines[AFCQ_MAX_HEADERS][AFCQ_HEADER_LINE];
	size_t n = afcq_client_header_lines(ep, has_body, lines, AFCQ_MAX_HEADERS);
	for (size_t i = 0; i < n; i++)
		h = add_header(api, h, lines[i]);
	return h;
}

/* url without any "user:password@" a configured endpoint might carry, so
 * that errors, results and history never show a credential. */
static char *redact_url(const char *url)
{
	const char *slashes = strstr(url, "//");
	if (!slashes)
		return afcq_xstrdup(url);
	const char *host = slashes + 2;
	size_t authority = strcspn(host, "/?#");
	const char *at = memchr(host, '@', authority);
	if (!at)
		return afcq_xstrdup(url);
	/* The last '@' of the authority ends the user information. */
	const char *last = at;
	while ((at = memchr(last + 1, '@', authority - (size_t)(last + 1 - host))))
		last = at;
	return afcq_xasprintf("%.*s%s", (int)(host - url), url, last + 1);
}

/* true when url names this machine: such requests never go through a proxy
 * from the environment (the sandbox is always on the loopback). */
static bool is_loopback(const struct afcq_curl_api *api, const char *url)
{
	bool yes = false;
	char *host = NULL;
	CURLU *u = api->url();
	if (u && api->url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    api->url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host)
		yes = strcmp(host, "127.0.0.1") == 0 || strcasecmp(host, "localhost") == 0 ||
		      strcmp(host, "[::1]") == 0;
	api->free(host);
	api->url_cleanup(u);
	return yes;
}

/* Sets every option; returns the first failing option's code. */
static CURLcode configure(struct afcq_call *call, const struct afcq_endpoint *ep, bool post)
{
	CURL *e = call->easy;
	CURLcode rc = CURLE_OK;
	long total_s = ep->timeout_s > 0 ? ep->timeout_s : DEFAULT_TIMEOUT_S;
	long connect_s = ep->connect_timeout_s > 0 ? ep->connect_timeout_s
						   : DEFAULT_CONNECT_TIMEOUT_S;
	/* A day is "no limit" for our purposes and keeps the ms values in range. */
	if (total_s > MAX_TIMEOUT_S)
		total_s = MAX_TIMEOUT_S;
	if (connect_s > total_s)
		connect_s = total_s;

#define SET(opt, val)                                             \
	do {                                                      \
		if (rc == CURLE_OK)                               \
			rc = call->client->api->easy_setopt(e, opt, val);       \
	} while (0)

	SET(CURLOPT_URL, call->fetch_url);
	SET(CURLOPT_ERRORBUFFER, call->errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_NOPROGRESS, 1L);
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	if (is_loopback(call->client->api, call->fetch_url))
		SET(CURLOPT_NOPROXY, "*");
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SET(CURLOPT_USERAGENT, "afcq/" AFCQ_VERSION);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (ep->ca_file)
		SET(CURLOPT_CAINFO, ep->ca_file);
	SET(CURLOPT_CONNECTTIMEOUT_MS, connect_s * 1000L);
	SET(CURLOPT_TIMEOUT_MS, total_s * 1000L);
	SET(CURLOPT_HTTPHEADER, call->headers);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, call);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, call);
	SET(CURLOPT_PRIVATE, call);
	if (!afcq_str_empty(ep->username)) {
		SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		SET(CURLOPT_USERNAME, ep->username);
		SET(CURLOPT_PASSWORD, ep->password ? ep->password : "");
	}
	if (post) {
		SET(CURLOPT_POST, 1L);
		SET(CURLOPT_POSTFIELDS, call->request_body);
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(call->request_body));
	} else {
		SET(CURLOPT_HTTPGET, 1L);
	}
#undef SET
	return rc;
}

struct afcq_call *afcq_client_start(struct afcq_client *c, const char *method, const char *path,
				    const char *body, struct afcq_error *err)
{
	afcq_error_clear(err);
	if (!c || !method) {
		afcq_error_set(err, AFCQ_ERR_USAGE, path, "no client or method");
		return NULL;
	}
	bool post = strcmp(method, "POST") == 0;
	if (!post && strcmp(method, "GET") != 0) {
		afcq_error_set(err, AFCQ_ERR_USAGE, method, "unsupported HTTP method");
		return NULL;
	}
	if (afcq_str_empty(c->ep.base_url)) {
		afcq_error_set(err, AFCQ_ERR_CONFIG, path, "no endpoint URL configured");
		return NULL;
	}
	struct afcq_call *call = afcq_xcalloc(1, sizeof *call);
	call->client = c;
	call->fetch_url = join_url(c->ep.base_url, path);
	call->url = redact_url(call->fetch_url);
	afcq_buf_init(&call->body);
	call->keep = SIZE_MAX;
	if (post)
		call->request_body = afcq_xstrdup(body ? body : "");
	call->easy = c->api->easy_init();
	if (!call->easy) {
		afcq_error_set(err, AFCQ_ERR_NOMEM, call->url, "cannot start a transfer");
		call_destroy(call);
		return NULL;
	}
	call->headers = build_headers(c->api, &c->ep, post);
	CURLcode rc = configure(call, &c->ep, post);
	if (rc != CURLE_OK) {
		if (err) {
			afcq_error_clear(err);
			afcq_error_set(err, AFCQ_ERR_NET, call->url, "%s", c->api->easy_strerror(rc));
			err->cause = AFCQ_CAUSE_OTHER;
		}
		call_destroy(call);
		return NULL;
	}
	call->started_ms = now_ms();
	CURLMcode mrc = c->api->multi_add_handle(c->multi, call->easy);
	if (mrc != CURLM_OK) {
		if (err) {
			afcq_error_clear(err);
			afcq_error_set(err, AFCQ_ERR_NET, call->url, "%s", c->api->multi_strerror(mrc));
			err->cause = AFCQ_CAUSE_OTHER;
		}
		call_destroy(call);
		return NULL;
	}
	call->in_multi = true;
	client_add_call(c, call);
	return call;
}

/* ---- pumping ------------------------------------------------------------- */

static void collect(struct afcq_client *c)
{
	CURLMsg *m;
	int left;
	while ((m = c->api->multi_info_read(c->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		char *priv = NULL;
		c->api->easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		struct afcq_call *call = (struct afcq_call *)priv;
		/* Read the result before call_finish removes the handle:
		 * removing invalidates m. */
		CURLcode rc = m->data.result;
		if (call && !call->done)
			call_finish(call, rc);
	}
}

static int count_running(const struct afcq_client *c)
{
	int n = 0;
	for (size_t i = 0; i < c->n_calls; i++)
		if (!c->calls[i]->done)
			n++;
	return n;
}

int afcq_client_pump_fd(struct afcq_client *c, int timeout_ms, int fd)
{
	if (!c)
		return 0;
	int running = 0;
	c->api->multi_perform(c->multi, &running);
	collect(c);
	if (count_running(c) > 0 && timeout_ms > 0) {
		struct curl_waitfd extra = { .fd = fd, .events = CURL_WAIT_POLLIN };
		c->api->multi_poll(c->multi, fd >= 0 ? &extra : NULL, fd >= 0 ? 1 : 0, timeout_ms,
				NULL);
		c->api->multi_perform(c->multi, &running);
		collect(c);
	}
	return count_running(c);
}

int afcq_client_pump(struct afcq_client *c, int timeout_ms)
{
	return afcq_client_pump_fd(c, timeout_ms, -1);
}

bool afcq_call_done(const struct afcq_call *call)
{
	return call && call->done;
}

double afcq_call_elapsed_ms(const struct afcq_call *call)
{
	if (!call)
		return 0;
	return call->done ? call->latency_ms : now_ms() - call->started_ms;
}

void afcq_call_cancel(struct afcq_call *call)
{
	if (!call || call->done)
		return;
	call->cancelled = true;
	call->done = true;
	call->latency_ms = now_ms() - call->started_ms;
	call_detach(call);
}

/* ---- results ------------------------------------------------------------- */

static bool is_tls_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_USE_SSL_FAILED:
		return true;
	default:
		return false;
	}
}

/* curl's own message when it has one, else the generic text for rc. */
static const char *curl_reason(const struct afcq_call *call)
{
	return call->errbuf[0] ? call->errbuf : call->client->api->easy_strerror(call->result);
}

static void classify_transport(const struct afcq_call *call, struct afcq_error *err)
{
	CURLcode rc = call->result;
	enum afcq_cause cause = AFCQ_CAUSE_OTHER;
	const char *where = call->url;

	if (call->too_large) {
		afcq_error_set(err, AFCQ_ERR_NET, where, "answer larger than %zu MiB refused",
			       MAX_BODY >> 20);
	} else if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY) {
		char *host = NULL;
		const struct afcq_curl_api *api = call->client->api;
		CURLU *u = api->url();
		if (u && api->url_set(u, CURLUPART_URL, call->url, 0) == CURLUE_OK)
			api->url_get(u, CURLUPART_HOST, &host, 0);
		afcq_error_set(err, AFCQ_ERR_NET, where, "cannot resolve host name %s",
			       host ? host : "");
		api->free(host);
		api->url_cleanup(u);
		cause = AFCQ_CAUSE_RESOLVE;
	} else if (rc == CURLE_COULDNT_CONNECT) {
		long os_errno = 0;
		call->client->api->easy_getinfo(call->easy, CURLINFO_OS_ERRNO, &os_errno);
		if (os_errno == ECONNREFUSED || os_errno == 0) {
			afcq_error_set(err, AFCQ_ERR_NET, where, "connection refused");
			cause = AFCQ_CAUSE_REFUSED;
		} else {
			afcq_error_set(err, AFCQ_ERR_NET, where, "cannot connect: %s",
				       strerror((int)os_errno));
		}
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		double connect_s = 0;
		call->client->api->easy_getinfo(call->easy, CURLINFO_CONNECT_TIME, &connect_s);
		if (connect_s <= 0)
			afcq_error_set(err, AFCQ_ERR_NET, where,
				       "timed out connecting after %.1f s", call->latency_ms / 1000.0);
		else
			afcq_error_set(err, AFCQ_ERR_NET, where,
				       "timed out after %.1f s waiting for the answer",
				       call->latency_ms / 1000.0);
		cause = AFCQ_CAUSE_TIMEOUT;
	} else if (is_tls_error(rc)) {
		afcq_error_set(err, AFCQ_ERR_NET, where, "TLS failure: %s", curl_reason(call));
		cause = AFCQ_CAUSE_TLS;
	} else if (rc == CURLE_GOT_NOTHING) {
		afcq_error_set(err, AFCQ_ERR_NET, where, "the server closed the connection "
			       "without answering");
	} else {
		afcq_error_set(err, AFCQ_ERR_NET, where, "%s", curl_reason(call));
	}
	if (err)
		err->cause = cause;
}

/* Copies the first non-blank line of body, at most FIRST_LINE_MAX bytes. */
static void first_line(const char *body, char *out, size_t n)
{
	out[0] = 0;
	if (!body)
		return;
	while (*body == ' ' || *body == '\t' || *body == '\r' || *body == '\n')
		body++;
	size_t len = strcspn(body, "\r\n");
	if (len > FIRST_LINE_MAX)
		len = FIRST_LINE_MAX;
	snprintf(out, n, "%.*s", (int)len, body);
}

static void classify_http(const struct afcq_call *call, struct afcq_error *err)
{
	char line[FIRST_LINE_MAX + 1];
	const char *why = NULL;
	if (!afcq_str_empty(call->error_header)) {
		why = call->error_header;
	} else {
		first_line(call->body.data, line, sizeof line);
		if (line[0])
			why = line;
	}
	if (why)
		afcq_error_set(err, AFCQ_ERR_HTTP, call->url, "HTTP %ld: %s", call->status, why);
	else
		afcq_error_set(err, AFCQ_ERR_HTTP, call->url, "HTTP %ld with no reason given",
			       call->status);
	if (err) {
		err->cause = AFCQ_CAUSE_HTTP;
		err->http_status = call->status;
	}
}

enum afcq_status afcq_call_take(struct afcq_call *call, struct afcq_http_result *out,
				struct afcq_error *err)
{
	afcq_error_clear(err);
	if (out)
		memset(out, 0, sizeof *out);
	if (!call)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "", "no call");
	if (!call->done)
		return afcq_error_set(err, AFCQ_ERR_USAGE, call->url, "the request is still running");
	if (out) {
		out->url = afcq_xstrdup(call->url);
		out->latency_ms = call->latency_ms;
		long sent = 0;
		out->request_sent = call->easy &&
				    call->client->api->easy_getinfo(call->easy, CURLINFO_REQUEST_SIZE, &sent) ==
					    CURLE_OK &&
				    sent > 0;
	}
	if (call->cancelled)
		return afcq_error_set(err, AFCQ_ERR_CANCELLED, call->url, "cancelled");
	if (call->result != CURLE_OK) {
		classify_transport(call, err);
		return AFCQ_ERR_NET;
	}
	if (out) {
		out->status = call->status;
		out->len = call->body.len;
		out->received = call->received;
		out->body = call->body.data ? afcq_buf_steal(&call->body) : afcq_xstrdup("");
		out->error_header = call->error_header;
		call->error_header = NULL;
	}
	if (call->status < 200 || call->status > 299) {
		/* out may already own the body: classify from it. */
		struct afcq_call view = *call;
		if (out) {
			view.body.data = out->body;
			view.error_header = out->error_header;
		}
		classify_http(&view, err);
		return AFCQ_ERR_HTTP;
	}
	return AFCQ_OK;
}

void afcq_call_stream(struct afcq_call *call, afcq_body_fn fn, void *ud, size_t keep)
{
	if (!call)
		return;
	call->sink = fn;
	call->sink_ud = ud;
	call->keep = keep;
}

void afcq_call_free(struct afcq_call *call)
{
	if (!call)
		return;
	client_remove_call(call->client, call);
	call_destroy(call);
}

enum afcq_status afcq_client_request(struct afcq_client *c, const char *method, const char *path,
				     const char *body, struct afcq_http_result *out,
				     struct afcq_error *err)
{
	struct afcq_call *call = afcq_client_start(c, method, path, body, err);
	if (!call) {
		if (out)
			memset(out, 0, sizeof *out);
		return err && err->status != AFCQ_OK ? err->status : AFCQ_ERR_NET;
	}
	while (!call->done)
		afcq_client_pump(c, 100);
	enum afcq_status st = afcq_call_take(call, out, err);
	afcq_call_free(call);
	return st;
}
