#include "httpd_fixture.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "afcq/str.h"

struct recorded_header { char *name, *value; };

struct httpd_fixture {
	struct MHD_Daemon *daemon;
	char url[64];
	atomic_bool stopping;
	pthread_mutex_t lock;
	/* the script */
	unsigned status;
	char *headers;
	char *body;
	unsigned delay_ms;
	/* the last request */
	unsigned n_requests;
	char *method, *path, *req_body;
	struct recorded_header *hdrs;
	size_t n_hdrs;
};

/* Per-request state: the body as it arrives. */
struct req_state { struct afcq_buf body; };

static void clear_last(struct httpd_fixture *f)
{
	for (size_t i = 0; i < f->n_hdrs; i++) {
		free(f->hdrs[i].name);
		free(f->hdrs[i].value);
	}
	free(f->hdrs);
	f->hdrs = NULL;
	f->n_hdrs = 0;
	free(f->method);
	free(f->path);
	free(f->req_body);
	f->method = f->path = f->req_body = NULL;
}

static enum MHD_Result record_header(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct httpd_fixture *f = cls;
	f->hdrs = afcq_xrealloc(f->hdrs, (f->n_hdrs + 1) * sizeof *f->hdrs);
	f->hdrs[f->n_hdrs].name = afcq_xstrdup(key);
	f->hdrs[f->n_hdrs].value = afcq_xstrdup(value ? value : "");
	f->n_hdrs++;
	return MHD_YES;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Adds "Name: value" lines of spec to r. */
static void add_headers(struct MHD_Response *r, const char *spec)
{
	if (!spec)
		return;
	char *copy = afcq_xstrdup(spec);
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = 0;
		char *v = colon + 1;
		while (*v == ' ')
			v++;
		MHD_add_response_header(r, line, v);
	}
	free(copy);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **req_cls)
{
	struct httpd_fixture *f = cls;
	struct req_state *st = *req_cls;
	if (!st) {
		st = afcq_xcalloc(1, sizeof *st);
		afcq_buf_init(&st->body);
		*req_cls = st;
		return MHD_YES;
	}
	if (*upload_data_size) {
		afcq_buf_append(&st->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}

	pthread_mutex_lock(&f->lock);
	clear_last(f);
	f->n_requests++;
	f->method = afcq_xstrdup(method);
	f->path = afcq_xstrdup(url);
	f->req_body = afcq_xstrdup(st->body.data ? st->body.data : "");
	MHD_get_connection_values(conn, MHD_HEADER_KIND, record_header, f);
	unsigned status = f->status;
	unsigned delay = f->delay_ms;
	char *headers = afcq_xstrdup(f->headers);
	char *body = afcq_xstrdup(f->body ? f->body : "");
	pthread_mutex_unlock(&f->lock);

	for (unsigned waited = 0; waited < delay && !atomic_load(&f->stopping); waited += 10)
		sleep_ms(10);

	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
	add_headers(r, headers);
	free(headers);
	enum MHD_Result rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct req_state *st = *req_cls;
	if (!st)
		return;
	afcq_buf_done(&st->body);
	free(st);
	*req_cls = NULL;
}

struct httpd_fixture *httpd_fixture_start(const char *cert_pem, const char *key_pem)
{
	struct httpd_fixture *f = afcq_xcalloc(1, sizeof *f);
	pthread_mutex_init(&f->lock, NULL);
	atomic_init(&f->stopping, false);
	f->status = 200;
	f->body = afcq_xstrdup("{}");

	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	/* No MHD_USE_ERROR_LOG: refused handshakes are expected here. */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
	if (cert_pem && key_pem) {
		flags |= MHD_USE_TLS;
		f->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, f,
					     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
					     MHD_OPTION_NOTIFY_COMPLETED, on_completed, f,
					     MHD_OPTION_HTTPS_MEM_CERT, cert_pem,
					     MHD_OPTION_HTTPS_MEM_KEY, key_pem, MHD_OPTION_END);
	} else {
		f->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, f,
					     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
					     MHD_OPTION_NOTIFY_COMPLETED, on_completed, f,
					     MHD_OPTION_END);
	}
	if (!f->daemon) {
		free(f->body);
		pthread_mutex_destroy(&f->lock);
		free(f);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(f->daemon,
							       MHD_DAEMON_INFO_BIND_PORT);
	snprintf(f->url, sizeof f->url, "%s://127.0.0.1:%u", cert_pem ? "https" : "http",
		 info ? (unsigned)info->port : 0u);
	return f;
}

void httpd_fixture_stop(struct httpd_fixture *f)
{
	if (!f)
		return;
	atomic_store(&f->stopping, true);
	MHD_stop_daemon(f->daemon);
	clear_last(f);
	free(f->headers);
	free(f->body);
	pthread_mutex_destroy(&f->lock);
	free(f);
}

const char *httpd_fixture_url(const struct httpd_fixture *f)
{
	return f->url;
}

void httpd_fixture_script(struct httpd_fixture *f, unsigned status, const char *headers,
			  const char *body, unsigned delay_ms)
{
	pthread_mutex_lock(&f->lock);
	free(f->headers);
	free(f->body);
	f->status = status;
	f->headers = afcq_xstrdup(headers);
	f->body = afcq_xstrdup(body);
	f->delay_ms = delay_ms;
	pthread_mutex_unlock(&f->lock);
}

unsigned httpd_fixture_requests(struct httpd_fixture *f)
{
	pthread_mutex_lock(&f->lock);
	unsigned n = f->n_requests;
	pthread_mutex_unlock(&f->lock);
	return n;
}

char *httpd_fixture_last_header(struct httpd_fixture *f, const char *name)
{
	char *v = NULL;
	pthread_mutex_lock(&f->lock);
	for (size_t i = 0; i < f->n_hdrs && !v; i++)
		if (strcasecmp(f->hdrs[i].name, name) == 0)
			v = afcq_xstrdup(f->hdrs[i].value);
	pthread_mutex_unlock(&f->lock);
	return v;
}

static char *locked_copy(struct httpd_fixture *f, char *const *field)
{
	pthread_mutex_lock(&f->lock);
	char *v = afcq_xstrdup(*field);
	pthread_mutex_unlock(&f->lock);
	return v;
}

char *httpd_fixture_last_method(struct httpd_fixture *f)
{
	return locked_copy(f, &f->method);
}

char *httpd_fixture_last_path(struct httpd_fixture *f)
{
	return locked_copy(f, &f->path);
}

char *httpd_fixture_last_body(struct httpd_fixture *f)
{
	return locked_copy(f, &f->req_body);
}
