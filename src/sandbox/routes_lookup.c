/* routes_lookup.c - the lookup endpoints: tspairs, taxtype, PCode,
 * location, primary, serviceinfo.
 *
 * Answers are built from the catalogs (catalog.h) and emitted with the
 * core codec, then given the shape of the service's own answers where the
 * codec leaves absent values out (InputMatchType and MatchTypeApplied are
 * null for location/primary; LocationData is [] when nothing matched).
 */
#include "routes.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "afcq/codec.h"
#include "afcq/str.h"
#include "catalog.h"

#ifndef AFCQ_VERSION
#define AFCQ_VERSION "0"
#endif

static bool have_catalog(const struct sandbox_ctx *ctx, struct routes_reply *out)
{
	if (ctx->cat)
		return true;
	routes_reply_error(out, 503, "The lookup catalogs are not loaded.");
	return false;
}

static void reply_json(struct routes_reply *out, json_t *j)
{
	routes_reply_json(out, afcq_json_dump(j, ROUTES_JSON));
	json_decref(j);
}

void routes_tspairs(const struct sandbox_ctx *ctx, const char *arg, const char *body,
		    size_t len, struct routes_reply *out)
{
	struct afcq_tspair_list l = { 0 };

	if (!have_catalog(ctx, out))
		return;
	catalog_tspairs(ctx->cat, &l);
	reply_json(out, afcq_codec_tspairs_to_json(&l));
	afcq_tspair_list_done(&l);
}

/* A non-negative integer path argument, or -1. */
static long long path_number(const char *arg)
{
	char *end;
	long long v;

	if (!arg[0] || arg[0] == '-' || arg[0] == '+')
		return -1;
	errno = 0;
	v = strtoll(arg, &end, 10);
	return *end || errno ? -1 : v;
}

void routes_taxtype(const struct sandbox_ctx *ctx, const char *arg, const char *body,
		    size_t len, struct routes_reply *out)
{
	struct afcq_taxtype_list l = { 0 };
	long long tid = strcmp(arg, "*") == 0 ? -1 : path_number(arg);

	if (!have_catalog(ctx, out))
		return;
	if (tid < 0 && strcmp(arg, "*") != 0) {
		routes_reply_error(out, 400, "Tax type must be a number or '*', not '%s'.", arg);
		return;
	}
	catalog_taxtypes(ctx->cat, tid > INT32_MAX ? INT32_MAX : (long)tid, &l);
	reply_json(out, afcq_codec_taxtypes_to_json(&l));
	afcq_taxtype_list_done(&l);
}

/* Gives a PCode answer the service's shape whatever the codec omitted. */
static json_t *pcode_json(const struct afcq_pcode_result *r)
{
	json_t *j = afcq_codec_pcode_result_to_json(r);

	if (!json_is_array(json_object_get(j, "LocationData")))
		json_object_set_new(j, "LocationData", json_array());
	json_object_set_new(j, "MatchCount", json_integer(r->match_count));
	json_object_set_new(j, "InputMatchType",
			    r->input_match_type ? json_string(r->input_match_type) : json_null());
	json_object_set_new(j, "MatchTypeApplied",
			    r->match_type_applied ? json_string(r->match_type_applied)
						  : json_null());
	json_object_set_new(j, "ResultsLimit", json_integer(r->results_limit));
	return j;
}

void routes_pcode(const struct sandbox_ctx *ctx, const char *arg, const char *body, size_t len,
		  struct routes_reply *out)
{
	struct afcq_pcode_request req = { 0 };
	struct afcq_pcode_result res = { 0 };
	struct afcq_error err;
	char line[800];

	if (!have_catalog(ctx, out))
		return;
	afcq_error_clear(&err);
	if (len == 0) {
		routes_reply_error(out, 400, "The request body is empty.");
		return;
	}
	if (afcq_codec_parse_pcode_request(body, len, &req, &err) != AFCQ_OK) {
		routes_reply_error(out, 400, "The request is invalid: %s",
				   afcq_error_line(&err, line, sizeof(line)));
		return;
	}
	catalog_pcode_lookup(ctx->cat, &req, &res);
	reply_json(out, pcode_json(&res));
	afcq_pcode_result_done(&res);
	afcq_pcode_request_done(&req);
}

static void location(const struct sandbox_ctx *ctx, const char *arg, bool primary,
		     struct routes_reply *out)
{
	struct afcq_pcode_result res = { 0 };
	long long pcode = path_number(arg);

	if (!have_catalog(ctx, out))
		return;
	if (pcode < 0) {
		routes_reply_error(out, 400, "PCode must be a number, not '%s'.", arg);
		return;
	}
	catalog_location(ctx->cat, pcode, primary, &res);
	reply_json(out, pcode_json(&res));
	afcq_pcode_result_done(&res);
}

void routes_location(const struct sandbox_ctx *ctx, const char *arg, const char *body,
		     size_t len, struct routes_reply *out)
{
	location(ctx, arg, false, out);
}

void routes_primary(const struct sandbox_ctx *ctx, const char *arg, const char *body,
		    size_t len, struct routes_reply *out)
{
	location(ctx, arg, true, out);
}

void routes_service_info(const struct sandbox_ctx *ctx, const char *arg, const char *body,
			 size_t len, struct routes_reply *out)
{
	struct afcq_service_info si = { 0 };
	char now[32];

	routes_now_iso(ctx, now);
	si.server_time = now;
	si.engine_version = (char *)"afcq-sandbox " AFCQ_VERSION;
	si.build_version = (char *)AFCQ_VERSION;
	reply_json(out, afcq_codec_service_info_to_json(&si));
}
