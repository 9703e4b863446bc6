/* routes.h - the sandbox's HTTP surface.
 *
 * How a request flows: the server (routes_http.c) sees the headers first
 * and asks routes_admit() whether the path, method and credentials are
 * acceptable, so a bad request is answered before its body is read; it
 * then gathers the body (up to max_body bytes, else 413) and hands
 * (method, path, body) to routes_dispatch(), which fills a struct
 * routes_reply; the server sends it with its `error` header if any.
 *
 * routes_dispatch() knows nothing of libmicrohttpd: it is a plain function
 * of the context and the request, so it can be called directly.
 *
 * Everything in the context is read-only after start-up except the
 * document store, which has its own mutex; handlers run on the server's
 * threads at the same time.
 */
#ifndef AFCQ_SANDBOX_ROUTES_H
#define AFCQ_SANDBOX_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

struct ratebook;
struct store;
struct catalog;

/* Everything a handler needs; owned by main(), outlives the server. */
struct sandbox_ctx {
	const struct ratebook *rb;
	struct store *store;
	const struct catalog *cat;   /* NULL: lookups answer 503 */
	char *auth;                  /* expected "Basic ..." header, NULL = no auth */
	char now[32];                /* pinned clock "YYYY-MM-DD[THH:MM:SSZ]", "" = real time */
	size_t max_body;             /* larger request bodies get 413 */
};

/* The answer to one request.  body is malloc'd (NULL = empty), error is
 * the text of the `error` response header (malloc'd, NULL = none). */
struct routes_reply {
	unsigned status;
	char *body;
	const char *content_type;    /* static string */
	char *error;
	const char *allow;           /* Allow header for 405, static */
	bool challenge;              /* add WWW-Authenticate (401) */
	/* Work that may wait until the answer is on its way (freeing a large
	 * request's model): the HTTP layer runs it once the answer is sent;
	 * routes_reply_done runs it if nothing took it before.  May be NULL. */
	void (*later)(void *arg);
	void *later_arg;
};

/* Frees body and error, runs r->later if set, and zeroes *r; NULL is
 * fine. */
void routes_reply_done(struct routes_reply *r);

/* Sets an error reply: status, `error` header = msg, and a small JSON
 * body {"error": msg}. */
void routes_reply_error(struct routes_reply *r, unsigned status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* How the sandbox writes JSON: compact, numbers in the service's shapes
 * (a whole number is written as an integer: "max": 2147483647, "tm": 15). */
#define ROUTES_JSON (AFCQ_JSON_COMPACT | AFCQ_JSON_WHOLE_BARE)

/* Sets a 200 reply with the JSON text body (taken over). */
void routes_reply_json(struct routes_reply *r, char *body);

/* Checks path, method and credentials.  Returns true when the request
 * may go on; otherwise fills *out (404, 405 or 401) and returns false. */
bool routes_admit(const struct sandbox_ctx *ctx, const char *method, const char *path,
		  const char *auth, struct routes_reply *out);

/* Answers one request: routes_admit, then the route's handler.  path is
 * the URL path (no query), auth the Authorization header (NULL if
 * absent).  *out is zeroed by the caller; free with routes_reply_done. */
void routes_dispatch(const struct sandbox_ctx *ctx, const char *method, const char *path,
		     const char *auth, const char *body, size_t len, struct routes_reply *out);

/* Today's date ("YYYY-MM-DD", UTC) on the sandbox's clock. */
void routes_today(const struct sandbox_ctx *ctx, char out[11]);
/* The current time as "YYYY-MM-DDTHH:MM:SSZ" on the sandbox's clock. */
void routes_now_iso(const struct sandbox_ctx *ctx, char out[32]);

/* The HTTP server (routes_http.c, on libmicrohttpd with an internal
 * thread pool).  Listens on host (an IPv4 or IPv6 literal) and port (0
 * picks a free one; the port bound is written to *bound_port).  ctx must
 * outlive the server.  Returns NULL and sets *err (AFCQ_ERR_NET) when it
 * cannot listen. */
struct routes_server;
struct afcq_error;
struct routes_server *routes_server_start(const struct sandbox_ctx *ctx, const char *host,
					  unsigned port, unsigned *bound_port,
					  struct afcq_error *err);
/* Stops accepting, finishes the requests in flight and frees srv. */
void routes_server_stop(struct routes_server *srv);
/* Called by the main thread now and then (every few seconds): when
 * requests were served since the last call, gives the memory they freed
 * back to the system (malloc_trim), so an idle sandbox shrinks back. */
void routes_server_idle(struct routes_server *srv);

/* Handlers, one file per family (routes_calc.c, routes_lookup.c).  arg
 * is what follows the route's prefix ("525" in /taxtype/525, "" for exact
 * routes), body/len the request body.  Each fills *out. */
typedef void routes_handler_fn(const struct sandbox_ctx *ctx, const char *arg,
			       const char *body, size_t len, struct routes_reply *out);

routes_handler_fn routes_calc_taxes;   /* POST /api/v2/afc/CalcTaxes */
routes_handler_fn routes_commit;       /* POST /api/v2/afc/Commit */
routes_handler_fn routes_tspairs;      /* GET  /api/v2/afc/tspairs */
routes_handler_fn routes_taxtype;      /* GET  /api/v2/afc/taxtype/{id|*} */
routes_handler_fn routes_pcode;        /* POST /api/v2/afc/PCode */
routes_handler_fn routes_location;     /* GET  /api/v2/afc/location/{pcode} */
routes_handler_fn routes_primary;      /* GET  /api/v2/afc/primary/{pcode} */
routes_handler_fn routes_service_info; /* GET  /api/v2/afc/serviceinfo */

#endif
