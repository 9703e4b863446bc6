/* slowproxy.c - afcq-slowproxy: a loopback HTTP proxy that holds answers,
 * for the tests that kill a client while it waits.
 *
 *   afcq-slowproxy --upstream URL [--listen ADDR:PORT] [--hold-path PATH]
 *                  [--hold-before-ms N] [--hold-after-ms N] [--hold-count N]
 *                  [--log FILE]
 *
 * Every request is passed to URL (same method, path, body, Content-Type and
 * Authorization) and its answer passed back.  Requests to PATH (default
 * /api/v2/afc/CalcTaxes) are held: N ms before they are passed on (the
 * service never sees them if the proxy is stopped meanwhile) and N ms after
 * the service answered (the service has them; the client still waits).
 * With --hold-count N only the first N of them are held; later ones pass.
 * The first line on stdout is "listening on http://ADDR:PORT".  The log
 * gets one line per step, flushed, so a test can wait for "answered" (the
 * service has the request) or "holding" instead of sleeping:
 *   received METHOD PATH / holding METHOD PATH / forwarded METHOD PATH /
 *   answered STATUS METHOD PATH / replied STATUS METHOD PATH
 * SIGTERM or SIGINT stops it at once (held requests are dropped).
 * Test-only: built with the tests, never installed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <curl/curl.h>
#include <microhttpd.h>

#include "afcq/str.h"

struct proxy {
	const char *upstream;
	const char *hold_path;
	long hold_before_ms, hold_after_ms;
	long hold_count;          /* requests still to hold; -1 = every one */
	FILE *log;
	pthread_mutex_t log_lock; /* the log and hold_count */
	atomic_bool stop;
};

struct conn {
	struct afcq_buf body;
};

static void logf_(struct proxy *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(struct proxy *p, const char *fmt, ...)
{
	va_list ap;
	pthread_mutex_lock(&p->log_lock);
	va_start(ap, fmt);
	vfprintf(p->log, fmt, ap);
	va_end(ap);
	fputc('\n', p->log);
	fflush(p->log);
	pthread_mutex_unlock(&p->log_lock);
}

/* Sleeps ms in small steps; false when told to stop meanwhile. */
static bool hold(struct proxy *p, long ms)
{
	for (long left = ms; left > 0; left -= 10) {
		if (atomic_load(&p->stop))
			return false;
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
	return !atomic_load(&p->stop);
}

static size_t collect(char *data, size_t size, size_t n, void *ud)
{
	afcq_buf_append(ud, data, size * n);
	return size * n;
}

/* Passes the request on; *status 502 when the upstream cannot be reached. */
static void forward(struct proxy *p, struct MHD_Connection *c, const char *method,
		    const char *url, const struct afcq_buf *body, long *status,
		    struct afcq_buf *answer)
{
	CURL *h = curl_easy_init();
	char *full = afcq_xasprintf("%s%s", p->upstream, url);
	struct curl_slist *hdrs = NULL;
	const char *names[] = { "Content-Type", "Authorization" };
	for (size_t i = 0; i < 2; i++) {
		const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, names[i]);
		if (v) {
			char *line = afcq_xasprintf("%s: %s", names[i], v);
			hdrs = curl_slist_append(hdrs, line);
			free(line);
		}
	}
	hdrs = curl_slist_append(hdrs, "Expect:");
	curl_easy_setopt(h, CURLOPT_URL, full);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	if (body->len || strcmp(method, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->data ? body->data : "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body->len);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, answer);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	*status = 502;
	if (curl_easy_perform(h) == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(h);
	free(full);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *data_size, void **con_cls)
{
	(void)version;
	struct proxy *p = cls;
	struct conn *k = *con_cls;
	if (!k) {
		k = afcq_xcalloc(1, sizeof *k);
		afcq_buf_init(&k->body);
		*con_cls = k;
		logf_(p, "received %s %s", method, url);
		return MHD_YES;
	}
	if (*data_size) {
		afcq_buf_append(&k->body, data, *data_size);
		*data_size = 0;
		return MHD_YES;
	}
	bool held = false;
	if (strcmp(url, p->hold_path) == 0) {
		pthread_mutex_lock(&p->log_lock);
		held = p->hold_count != 0;
		if (p->hold_count > 0)
			p->hold_count--;
		pthread_mutex_unlock(&p->log_lock);
	}
	if (held) {
		logf_(p, "holding %s %s", method, url);
		if (!hold(p, p->hold_before_ms))
			return MHD_NO;
	}
	long status = 0;
	struct afcq_buf answer;
	afcq_buf_init(&answer);
	logf_(p, "forwarded %s %s", method, url);
	forward(p, c, method, url, &k->body, &status, &answer);
	logf_(p, "answered %ld %s %s", status, method, url);
	if (held && !hold(p, p->hold_after_ms)) {
		afcq_buf_done(&answer);
		return MHD_NO;
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(
		answer.len, answer.data ? answer.data : (char *)"", MHD_RESPMEM_MUST_COPY);
	afcq_buf_done(&answer);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "application/json");
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	logf_(p, "replied %ld %s %s", status, method, url);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct conn *k = *con_cls;
	if (k) {
		afcq_buf_done(&k->body);
		free(k);
	}
	*con_cls = NULL;
}

static long number(const char *s, const char *what)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0) {
		fprintf(stderr, "afcq-slowproxy: %s: not a whole number: %s\n", what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	struct proxy p = { .hold_path = "/api/v2/afc/CalcTaxes", .log = stderr, .hold_count = -1 };
	const char *listen = "127.0.0.1:0";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v) {
			fprintf(stderr, "afcq-slowproxy: %s: missing value\n", a);
			return 2;
		}
		i++;
		if (strcmp(a, "--upstream") == 0)
			p.upstream = v;
		else if (strcmp(a, "--listen") == 0)
			listen = v;
		else if (strcmp(a, "--hold-path") == 0)
			p.hold_path = v;
		else if (strcmp(a, "--hold-before-ms") == 0)
			p.hold_before_ms = number(v, a);
		else if (strcmp(a, "--hold-after-ms") == 0)
			p.hold_after_ms = number(v, a);
		else if (strcmp(a, "--hold-count") == 0)
			p.hold_count = number(v, a);
		else if (strcmp(a, "--log") == 0) {
			p.log = fopen(v, "a");
			if (!p.log) {
				perror(v);
				return 2;
			}
		} else {
			fprintf(stderr, "afcq-slowproxy: unknown option %s\n", a);
			return 2;
		}
	}
	if (!p.upstream) {
		fprintf(stderr, "usage: afcq-slowproxy --upstream URL [--listen ADDR:PORT] "
				"[--hold-path PATH] [--hold-before-ms N] [--hold-after-ms N] [--hold-count N] "
				"[--log FILE]\n");
		return 2;
	}
	pthread_mutex_init(&p.log_lock, NULL);
	char host[64];
	unsigned port = 0;
	if (sscanf(listen, "%63[^:]:%u", host, &port) != 2 || port > 65535) {
		fprintf(stderr, "afcq-slowproxy: --listen wants ADDR:PORT\n");
		return 2;
	}
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
		fprintf(stderr, "afcq-slowproxy: %s: not an IPv4 address\n", host);
		return 2;
	}
	/* Signals are taken by sigwait below, never by the server's threads. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL,
		on_request, &p, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &p, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "afcq-slowproxy: cannot listen on %s\n", listen);
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on http://%s:%u\n", host, info ? (unsigned)info->port : port);
	fflush(stdout);
	int sig = 0;
	sigwait(&set, &sig);
	atomic_store(&p.stop, true);
	MHD_stop_daemon(d);
	curl_global_cleanup();
	if (p.log != stderr)
		fclose(p.log);
	pthread_mutex_destroy(&p.log_lock);
	return 0;
}
