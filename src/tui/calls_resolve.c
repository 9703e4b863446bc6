/* calls_resolve.c - unknown outcomes in the workstation.
 *
 * An invoice, commit or uncommit that history shows as sent and never
 * answered (the workstation was killed while it waited) may or may not be
 * at the service.  The status line says how many there are; F6 refuses to
 * send an invoice number whose earlier send to this endpoint is one of them
 * (or reached the service) and offers to resolve it; R resolves one: a
 * Commit call with the flag the send intended, run like any other call
 * (calls.c), whose answer settles the record (resolve.h).
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/resolve.h"
#include "afcq/str.h"

void tui_unknown_recount(struct tui_app *app)
{
	app->history_gen++;
	app->n_unknown = 0;
	if (!app->history)
		return;
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	if (afcq_history_unknown(app->history, NULL, NULL, &v, &n, &err) == AFCQ_OK)
		app->n_unknown = n;
	afcq_history_list_free(v, n);
}

/* The record as the confirmation and the answer describe it. */
static void describe(const struct afcq_history_entry *e, char *buf, size_t n)
{
	char inv[300] = "";
	if (e->invn)
		snprintf(inv, sizeof inv, " (invoice %s)", e->invn);
	snprintf(buf, n, "%s %s%s, sent %s", e->kind ? e->kind : "?", e->doc ? e->doc : "?", inv,
		 e->time ? e->time : "?");
}

bool tui_calls_resolve(struct tui_app *app, int64_t id)
{
	if (tui_busy_refuse(app))
		return false;
	if (!app->history || !tui_client(app)) {
		tui_message(app, ROLE_ERROR, "cannot resolve: %s",
			    app->history ? "no endpoint" : "history is not available");
		return false;
	}
	struct afcq_history_entry e;
	struct afcq_error err;
	char line[800];
	afcq_error_clear(&err);
	if (afcq_history_get(app->history, id, &e, &err) != AFCQ_OK) {
		tui_message(app, ROLE_ERROR, "history: %s", afcq_error_line(&err, line, sizeof line));
		return false;
	}
	const char *doc = NULL;
	bool cmmt = false;
	const char *here = app->api.endpoint_label ? app->api.endpoint_label : "";
	bool ok = false;
	if (e.outcome != AFCQ_OUTCOME_PENDING)
		tui_message(app, ROLE_ERROR, "entry %lld: its outcome is known (%s)", (long long)id,
			    afcq_outcome_name(e.outcome));
	else if (!afcq_resolve_probe(&e, &doc, &cmmt, &err))
		tui_message(app, ROLE_ERROR, "%s", afcq_error_line(&err, line, sizeof line));
	else if (strcmp(e.endpoint ? e.endpoint : "", here) != 0)
		/* another service would not know it and would say "never arrived" */
		tui_message(app, ROLE_ERROR, "%s was sent to %s, not here: resolve it there "
			    "(afcq resolve -e URL %s)", doc, e.endpoint ? e.endpoint : "?", doc);
	else
		ok = tui_calls_commit(app, doc, cmmt);
	if (ok) {
		afcq_history_entry_done(&app->fly.resolving);
		/* the brief record: bodies are not needed any more */
		free(e.request);
		free(e.response);
		e.request = e.response = NULL;
		app->fly.resolving = e;
		snprintf(app->state_line, sizeof app->state_line, "resolving %s", doc);
		return true;
	}
	afcq_history_entry_done(&e);
	return false;
}

void tui_resolve_finish(struct tui_app *app, enum afcq_status st, const struct afcq_exchange *x,
			const struct afcq_error *err)
{
	const struct afcq_history_entry *e = &app->fly.resolving;
	enum afcq_resolution r = afcq_resolve_verdict(st, x);
	char what[400], line[800], text[1600];
	describe(e, what, sizeof what);
	struct afcq_error werr;
	afcq_error_clear(&werr);
	if (r != AFCQ_RESOLVED_UNKNOWN && afcq_resolve_record(app->history, e, r, &werr) != AFCQ_OK)
		tui_message(app, ROLE_ERROR, "history: %s",
			    afcq_error_line(&werr, line, sizeof line));
	bool invoice = e->kind && strcmp(e->kind, "invoice") == 0;
	if (r == AFCQ_RESOLVED_ARRIVED) {
		snprintf(text, sizeof text, "%s:\nthe service has it.%s", what,
			 invoice ? "\nDo not send it again (use another invoice number for a new one)."
				 : "");
		tui_message(app, ROLE_OK, "resolved %s: the service has it", e->doc);
	} else if (r == AFCQ_RESOLVED_NEVER_ARRIVED) {
		snprintf(text, sizeof text, "%s:\nit never arrived.%s%s%s", what,
			 invoice ? "\nInvoice " : "", invoice && e->invn ? e->invn : "",
			 invoice ? " may be sent again (F6)." : "");
		tui_message(app, ROLE_OK, "resolved %s: it never arrived", e->doc);
	} else {
		snprintf(text, sizeof text, "%s:\noutcome still unknown.\n%s", what,
			 st == AFCQ_OK ? "The service's answer does not say."
				       : afcq_error_line(err, line, sizeof line));
		tui_message(app, ROLE_ERROR, "%s: outcome still unknown", e->doc);
	}
	tui_unknown_recount(app);
	tui_show_message(app, "Resolve", text);
}

struct resolve_go {
	int64_t id;
};

static void go_resolve(struct tui_app *app, void *data)
{
	const struct resolve_go *g = data;
	tui_calls_resolve(app, g->id);
}

void tui_offer_resolve(struct tui_app *app, const struct afcq_history_entry *e)
{
	char what[400], text[1200];
	describe(e, what, sizeof what);
	snprintf(text, sizeof text,
		 "%s:\noutcome unknown - the service may or may not have it.\n"
		 "Ask the service now (a Commit call for %s)?",
		 what, e->doc ? e->doc : "?");
	struct resolve_go *g = afcq_xcalloc(1, sizeof *g);
	g->id = e->id;
	tui_confirm(app, "Resolve an unknown outcome", text, go_resolve, g);
}

bool tui_invoice_blocked(struct tui_app *app, const char *invn, struct afcq_history_entry *b)
{
	memset(b, 0, sizeof *b);
	if (!app->history)
		return false;
	bool found = false;
	struct afcq_error err;
	char line[800];
	afcq_error_clear(&err);
	if (afcq_history_invoice_blocker(app->history, app->api.endpoint_label, invn, b, &found,
					 &err) != AFCQ_OK) {
		tui_message(app, ROLE_ERROR, "not sent: %s", afcq_error_line(&err, line, sizeof line));
		return true;
	}
	if (found)
		tui_message(app, ROLE_ERROR, "not sent: %s",
			    afcq_history_blocker_line(b, line, sizeof line));
	return found;
}

void tui_resolve_oldest(struct tui_app *app)
{
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	if (!app->history ||
	    afcq_history_unknown(app->history, app->api.endpoint_label, NULL, &v, &n, &err) !=
		    AFCQ_OK ||
	    n == 0)
		tui_message(app, ROLE_NORMAL, "no unknown outcome to resolve for this endpoint");
	else
		tui_offer_resolve(app, &v[0]);
	afcq_history_list_free(v, n);
}
