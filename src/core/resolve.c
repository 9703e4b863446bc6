/* resolve.c - settling an unknown outcome by asking the service with a
 * Commit call (see resolve.h for the rule). */
#include "afcq/resolve.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "afcq/codec.h"
#include "afcq/str.h"

/* The service's words for a document it does not have. */
static const char msg_not_found[] = "No transactions found for document code";

const char *afcq_resolution_name(enum afcq_resolution r)
{
	switch (r) {
	case AFCQ_RESOLVED_ARRIVED: return "the service has it";
	case AFCQ_RESOLVED_NEVER_ARRIVED: return "it never arrived";
	case AFCQ_RESOLVED_UNKNOWN: break;
	}
	return "still unknown";
}

/* The "cmmt" of the first invoice of a recorded request body. */
static bool intended_commit(const char *request)
{
	json_t *j = NULL;
	struct afcq_error err;
	if (!request || afcq_json_parse(request, strlen(request), &j, &err) != AFCQ_OK)
		return false;
	json_t *inv = json_array_get(json_object_get(j, "inv"), 0);
	bool c = json_is_true(json_object_get(inv, "cmmt"));
	json_decref(j);
	return c;
}

bool afcq_resolve_probe(const struct afcq_history_entry *e, const char **doc, bool *cmmt,
			struct afcq_error *err)
{
	const char *kind = e->kind ? e->kind : "";
	if (afcq_str_empty(e->doc)) {
		afcq_error_set(err, AFCQ_ERR_USAGE, "history",
			       "entry %lld has no document code to ask the service about",
			       (long long)e->id);
		return false;
	}
	if (strcmp(kind, "invoice") == 0)
		*cmmt = intended_commit(e->request);
	else if (strcmp(kind, "commit") == 0)
		*cmmt = true;
	else if (strcmp(kind, "uncommit") == 0)
		*cmmt = false;
	else {
		afcq_error_set(err, AFCQ_ERR_USAGE, "history",
			       "entry %lld is a %s: only invoices, commits and uncommits are resolved",
			       (long long)e->id, kind);
		return false;
	}
	*doc = e->doc;
	return true;
}

enum afcq_resolution afcq_resolve_verdict(enum afcq_status st, const struct afcq_exchange *x)
{
	const struct afcq_commit_response *c = &x->commit;
	if (st == AFCQ_OK && c->err.n == 0 && (!c->ok.set || c->ok.v))
		return AFCQ_RESOLVED_ARRIVED;
	if (st != AFCQ_ERR_API)
		return AFCQ_RESOLVED_UNKNOWN;
	for (size_t i = 0; i < c->err.n; i++) {
		const char *m = c->err.v[i].msg ? c->err.v[i].msg : "";
		if (afcq_str_icontains(m, msg_not_found))
			return AFCQ_RESOLVED_NEVER_ARRIVED;
		/* Locked: the service has it, and reported it already. */
		if (afcq_str_icontains(m, "has been locked"))
			return AFCQ_RESOLVED_ARRIVED;
	}
	return AFCQ_RESOLVED_UNKNOWN;
}

enum afcq_status afcq_resolve_record(struct afcq_history *h, const struct afcq_history_entry *e,
				     enum afcq_resolution r, struct afcq_error *err)
{
	if (r == AFCQ_RESOLVED_UNKNOWN)
		return AFCQ_OK;
	char when[32], detail[160];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(detail, sizeof detail, "resolved %s: %s (asked with a Commit call)", when,
		 afcq_resolution_name(r));
	return afcq_history_resolve(h, e->id,
				    r == AFCQ_RESOLVED_ARRIVED ? AFCQ_OUTCOME_ARRIVED
							       : AFCQ_OUTCOME_NEVER_ARRIVED,
				    detail, err);
}

enum afcq_status afcq_resolve(struct afcq_api_ctx *ctx, const struct afcq_history_entry *e,
			      enum afcq_resolution *r, struct afcq_exchange *x,
			      struct afcq_error *err)
{
	*r = AFCQ_RESOLVED_UNKNOWN;
	const char *doc = NULL;
	bool cmmt = false;
	if (!afcq_resolve_probe(e, &doc, &cmmt, err))
		return AFCQ_ERR_USAGE;
	enum afcq_status st = afcq_api_commit(ctx, doc, cmmt, x, err);
	*r = afcq_resolve_verdict(st, x);
	if (*r == AFCQ_RESOLVED_UNKNOWN)
		return st == AFCQ_OK ? afcq_error_set(err, AFCQ_ERR_API, doc,
						      "the service's answer does not say")
				     : st;
	afcq_error_clear(err);
	return afcq_resolve_record(ctx->history, e, *r, err);
}
