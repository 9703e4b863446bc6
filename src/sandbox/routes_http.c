/* routes_http.c - the sandbox's HTTP server on libmicrohttpd.
 *
 * libmicrohttpd calls access_cb once when the headers are in, once per
 * chunk of body and once more at the end.  The first call admits or
 * refuses the request (route, credentials, method, declared size), so a
 * refused request is answered before its body is read (a client that
 * sends "Expect: 100-continue" never sends it).  Body chunks go into a
 * per-request buffer (struct pending, freed by completed_cb); past
 * max_body the rest is dropped and the answer is 413.  The last call
 * hands the request to routes_dispatch().
 *
 * Memory: a large body (up to 64 MB) and the JSON trees made from it are
 * freed with their request, but glibc keeps freed memory in its arenas (one
 * per pool thread) and raises its mmap threshold after a large free, so the
 * process would stay at its peak.  The mmap threshold is fixed (large
 * buffers are mapped and unmapped, never kept), and the main thread trims
 * the arenas (malloc_trim) once a while after any traffic
 * (routes_server_idle).  Not after each large request: the next one would
 * fault all that memory back in (a fifth of a 10,000-item calculation).
 */
#include "routes.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "afcq/error.h"
#include "afcq/str.h"

enum { POOL_THREADS = 4, CONNECTION_TIMEOUT_S = 60 };
/* Buffers from this size on are mapped on their own (and returned when
 * freed). */
enum { LARGE_BYTES = 256 * 1024 };

struct routes_server {
	struct MHD_Daemon *daemon;
	atomic_ulong completed;   /* requests finished so far */
	unsigned long trimmed_at; /* `completed` at the last idle trim (main thread) */
};

struct pending {
	struct afcq_buf body;
	bool answered;   /* a refusal was queued on the first call */
	bool too_big;
	void (*later)(void *arg);  /* the reply's work left for after sending */
	void *later_arg;
};

static enum MHD_Result send_reply(struct MHD_Connection *conn, struct routes_reply *r,
				  struct pending *p)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (p && r->later) {
		/* done in completed_cb, once the answer is sent */
		p->later = r->later;
		p->later_arg = r->later_arg;
		r->later = NULL;
	}
	if (r->body) {
		resp = MHD_create_response_from_buffer(strlen(r->body), r->body,
						       MHD_RESPMEM_MUST_FREE);
		if (resp)
			r->body = NULL;   /* libmicrohttpd free()s it */
	} else {
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	if (!resp) {
		routes_reply_done(r);
		return MHD_NO;
	}
	if (r->content_type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
	if (r->error)
		MHD_add_response_header(resp, "error", r->error);
	if (r->allow)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
	if (r->challenge)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
					"Basic realm=\"afcq-sandbox\"");
	ret = MHD_queue_response(conn, r->status, resp);
	MHD_destroy_response(resp);
	routes_reply_done(r);
	return ret;
}

static const char *header(struct MHD_Connection *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

static enum MHD_Result first_call(const struct sandbox_ctx *ctx, struct MHD_Connection *conn,
				  const char *url, const char *method, struct pending *p)
{
	struct routes_reply r = { 0 };
	const char *cl = header(conn, MHD_HTTP_HEADER_CONTENT_LENGTH);

	if (!routes_admit(ctx, method, url, header(conn, MHD_HTTP_HEADER_AUTHORIZATION), &r)) {
		p->answered = true;
		return send_reply(conn, &r, p);
	}
	if (cl && strtoull(cl, NULL, 10) > ctx->max_body) {
		p->answered = true;
		routes_reply_error(&r, 413, "Request body of %s bytes is larger than %zu bytes.",
				   cl, ctx->max_body);
		return send_reply(conn, &r, p);
	}
	return MHD_YES;
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn, const char *url,
				 const char *method, const char *version,
				 const char *upload_data, size_t *upload_data_size,
				 void **con_cls)
{
	const struct sandbox_ctx *ctx = cls;
	struct pending *p = *con_cls;
	struct routes_reply r = { 0 };

	if (!p) {
		p = afcq_xcalloc(1, sizeof(*p));
		afcq_buf_init(&p->body);
		*con_cls = p;
		return first_call(ctx, conn, url, method, p);
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;

		*upload_data_size = 0;
		if (p->answered || p->too_big)
			return MHD_YES;
		if (p->body.len + n > ctx->max_body) {
			p->too_big = true;
			afcq_buf_done(&p->body);
			return MHD_YES;
		}
		afcq_buf_append(&p->body, upload_data, n);
		return MHD_YES;
	}
	if (p->answered)
		return MHD_YES;
	if (p->too_big) {
		routes_reply_error(&r, 413, "Request body is larger than %zu bytes.", ctx->max_body);
		return send_reply(conn, &r, p);
	}
	routes_dispatch(ctx, method, url, header(conn, MHD_HTTP_HEADER_AUTHORIZATION),
			p->body.data, p->body.len, &r);
	/* the answer is made: the body is not needed any more */
	afcq_buf_done(&p->body);
	return send_reply(conn, &r, p);
}

static void completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct routes_server *srv = cls;
	struct pending *p = *con_cls;

	if (!p)
		return;
	if (p->later)
		p->later(p->later_arg);
	afcq_buf_done(&p->body);
	free(p);
	*con_cls = NULL;
	atomic_fetch_add(&srv->completed, 1);
}

void routes_server_idle(struct routes_server *srv)
{
	unsigned long done = atomic_load(&srv->completed);
	if (done == srv->trimmed_at)
		return;
	srv->trimmed_at = done;
	malloc_trim(0);
}

struct routes_server *routes_server_start(const struct sandbox_ctx *ctx, const char *host,
					  unsigned port, unsigned *bound_port,
					  struct afcq_error *err)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
	struct routes_server *srv;
	const union MHD_DaemonInfo *info;

	memset(&ss, 0, sizeof(ss));
	if (port > 65535)
		goto bad_address;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((unsigned short)port);
	} else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((unsigned short)port);
		flags |= MHD_USE_IPv6;
	} else {
		goto bad_address;
	}

	/* A fixed threshold: glibc would otherwise raise it to the size of
	 * the last large block freed and keep later ones in its arenas. */
	mallopt(M_MMAP_THRESHOLD, LARGE_BYTES);
	srv = afcq_xcalloc(1, sizeof(*srv));
	atomic_init(&srv->completed, 0);
	srv->daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, access_cb, (void *)ctx,
				       MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
				       MHD_OPTION_THREAD_POOL_SIZE, (unsigned)POOL_THREADS,
				       MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
				       MHD_OPTION_NOTIFY_COMPLETED, completed_cb, srv,
				       MHD_OPTION_END);
	if (!srv->daemon) {
		free(srv);
		afcq_error_set(err, AFCQ_ERR_NET, host,
			       "cannot listen on port %u (in use or not allowed?)", port);
		return NULL;
	}
	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	*bound_port = info ? info->port : port;
	return srv;

bad_address:
	afcq_error_set(err, AFCQ_ERR_USAGE, host, "not an IP address and port");
	return NULL;
}

void routes_server_stop(struct routes_server *srv)
{
	if (!srv)
		return;
	MHD_stop_daemon(srv->daemon);
	free(srv);
}
