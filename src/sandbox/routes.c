/* routes.c - the route table, admission (path, credentials, method), the
 * reply helpers and the sandbox's clock.  See routes.h for the flow. */
#include "routes.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "afcq/codec.h"
#include "afcq/str.h"

static routes_handler_fn health_check;

/* Paths are matched without regard to case, as the real service does.
 * A prefix route ends in '/' and needs a non-empty argument after it. */
struct route {
	const char *path;
	const char *method;
	routes_handler_fn *fn;
	bool open;           /* no credentials needed */
};

static const struct route route_table[] = {
	{ .path = "/api/v2/afc/CalcTaxes", .method = "POST", .fn = routes_calc_taxes },
	{ .path = "/api/v2/afc/Commit", .method = "POST", .fn = routes_commit },
	{ .path = "/api/v2/afc/tspairs", .method = "GET", .fn = routes_tspairs },
	{ .path = "/api/v2/afc/taxtype/", .method = "GET", .fn = routes_taxtype },
	{ .path = "/api/v2/afc/PCode", .method = "POST", .fn = routes_pcode },
	{ .path = "/api/v2/afc/location/", .method = "GET", .fn = routes_location },
	{ .path = "/api/v2/afc/primary/", .method = "GET", .fn = routes_primary },
	{ .path = "/api/v2/afc/serviceinfo", .method = "GET", .fn = routes_service_info },
	{ .path = "/api/v2/HealthCheck", .method = "GET", .fn = health_check, .open = true },
};

/* ---- replies ------------------------------------------------------------ */

void routes_reply_done(struct routes_reply *r)
{
	if (!r)
		return;
	free(r->body);
	free(r->error);
	if (r->later)
		r->later(r->later_arg);
	memset(r, 0, sizeof(*r));
}

void routes_reply_error(struct routes_reply *r, unsigned status, const char *fmt, ...)
{
	va_list ap;
	json_t *j;

	routes_reply_done(r);
	va_start(ap, fmt);
	r->error = afcq_xvasprintf(fmt, ap);
	va_end(ap);
	/* A header value is one line: fold any line break the reason holds. */
	for (char *p = r->error; *p; p++)
		if (*p == '\r' || *p == '\n')
			*p = ' ';
	r->status = status;
	/* The reason may quote the request (a path is any bytes): the body
	 * stays valid JSON whatever it holds. */
	j = json_pack("{s:o}", "error", afcq_json_string(r->error));
	r->body = j ? afcq_json_dump(j, ROUTES_JSON) : NULL;
	json_decref(j);
	r->content_type = "application/json; charset=utf-8";
}

void routes_reply_json(struct routes_reply *r, char *body)
{
	routes_reply_done(r);
	r->status = 200;
	r->body = body;
	r->content_type = "application/json; charset=utf-8";
}

/* ---- clock ------------------------------------------------------------- */

void routes_now_iso(const struct sandbox_ctx *ctx, char out[32])
{
	time_t t;
	struct tm tm;

	if (ctx->now[0]) {
		if (strlen(ctx->now) == 10)
			snprintf(out, 32, "%.10sT00:00:00Z", ctx->now);
		else
			snprintf(out, 32, "%.20s", ctx->now);
		return;
	}
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void routes_today(const struct sandbox_ctx *ctx, char out[11])
{
	char iso[32];

	routes_now_iso(ctx, iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

/* ---- admission --------------------------------------------------------- */

static const struct route *find_route(const char *path, const char *method, bool *path_known,
				      const char **arg)
{
	*path_known = false;
	for (size_t i = 0; i < sizeof(route_table) / sizeof(route_table[0]); i++) {
		const struct route *r = &route_table[i];
		size_t n = strlen(r->path);

		if (r->path[n - 1] == '/') {
			if (strncasecmp(path, r->path, n) != 0 || path[n] == '\0' ||
			    strchr(path + n, '/'))
				continue;
			*arg = path + n;
		} else {
			if (strcasecmp(path, r->path) != 0)
				continue;
			*arg = "";
		}
		*path_known = true;
		/* HEAD is GET without a body; the server drops the body. */
		if (strcmp(method, r->method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0))
			return r;
	}
	return NULL;
}

/* Compares without stopping at the first difference, so the time taken
 * says nothing about how much of a guess was right. */
static bool same_secret(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	unsigned char diff = na != nb;

	for (size_t i = 0; i < na; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
	return diff == 0;
}

static bool check_route(const struct sandbox_ctx *ctx, const char *method, const char *path,
			const char *auth, struct routes_reply *out, const struct route **found,
			const char **arg)
{
	bool known;
	const struct route *r = find_route(path, method, &known, arg);

	if (!known) {
		routes_reply_error(out, 404, "No such resource: %s", path);
		return false;
	}
	if (ctx->auth && !(r && r->open) && !(auth && same_secret(auth, ctx->auth))) {
		routes_reply_error(out, 401, auth ? "Invalid username or password."
						  : "Authorization has been denied for this request.");
		out->challenge = true;
		return false;
	}
	if (!r) {
		/* Every path has exactly one method in the table. */
		const char *ignored;
		bool get = find_route(path, "GET", &known, &ignored) != NULL;

		routes_reply_error(out, 405, "The requested resource does not support http method '%s'.",
				   method);
		out->allow = get ? "GET, HEAD" : "POST";
		return false;
	}
	*found = r;
	return true;
}

bool routes_admit(const struct sandbox_ctx *ctx, const char *method, const char *path,
		  const char *auth, struct routes_reply *out)
{
	const struct route *r;
	const char *arg;

	return check_route(ctx, method, path, auth, out, &r, &arg);
}

void routes_dispatch(const struct sandbox_ctx *ctx, const char *method, const char *path,
		     const char *auth, const char *body, size_t len, struct routes_reply *out)
{
	const struct route *r;
	const char *arg;

	if (!check_route(ctx, method, path, auth, out, &r, &arg))
		return;
	r->fn(ctx, arg, body ? body : "", body ? len : 0, out);
	if (out->status == 0)
		routes_reply_error(out, 500, "handler gave no answer");
}

static void health_check(const struct sandbox_ctx *ctx, const char *arg, const char *body,
			 size_t len, struct routes_reply *out)
{
	routes_reply_done(out);
	out->status = 200;
	out->body = afcq_xstrdup("Healthy");
	out->content_type = "text/plain; charset=utf-8";
}
