/* cmd_resolve.c - afcq resolve [DOC]: settles what history records as
 * "outcome unknown" (an invoice, commit or uncommit sent and never
 * answered) by asking the service with a Commit call (resolve.h), and
 * completes the record: "the service has it" or "never arrived".  Only
 * records sent to the session's endpoint are asked about: another service
 * would not know the document and would wrongly say it never arrived.
 *
 * Exit codes: 0 every record asked about is settled (or none was unknown),
 * 1 the service answered something that does not settle one, 2 usage (DOC
 * has no unknown outcome, or was sent to another endpoint), 3 config,
 * 4 network or HTTP, 5 the history store.
 */
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/resolve.h"
#include "afcq/str.h"

const char *cli_resolve_hint(const struct cli_opts *o, const struct afcq_history_entry *e,
			     char *buf, size_t n)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "afcq resolve");
	if (o && o->config_path)
		afcq_buf_printf(&b, " -c '%s'", o->config_path);
	if (o && o->profile)
		afcq_buf_printf(&b, " -p '%s'", o->profile);
	if (e->endpoint && strcmp(e->endpoint, "sandbox") == 0)
		afcq_buf_puts(&b, " --sandbox");
	else if (!afcq_str_empty(e->endpoint))
		afcq_buf_printf(&b, " -e '%s'", e->endpoint);
	afcq_buf_printf(&b, " '%s'", e->doc ? e->doc : "");
	snprintf(buf, n, "%s", b.data);
	afcq_buf_done(&b);
	return buf;
}

int cli_invoice_blocked(const struct cli_session *s, const char *invn)
{
	struct afcq_history_entry b;
	bool found = false;
	struct afcq_error err;
	afcq_error_clear(&err);
	const char *label = cli_session_endpoint_label(s);
	if (afcq_history_invoice_blocker(s->history, label, invn, &b, &found, &err) != AFCQ_OK)
		return cli_fail(&err);
	if (!found)
		return CLI_EXIT_OK;
	char line[700], hint[1200];
	afcq_history_blocker_line(&b, line, sizeof line);
	if (b.outcome == AFCQ_OUTCOME_PENDING)
		cli_failf(CLI_EXIT_USAGE, "not sent: %s; resolve it first: %s", line,
			  cli_resolve_hint(s->opts, &b, hint, sizeof hint));
	else
		cli_failf(CLI_EXIT_USAGE, "not sent: %s (history entry %" PRId64
			  "); use another invoice number for a new invoice", line, b.id);
	afcq_history_entry_done(&b);
	return CLI_EXIT_USAGE;
}

static void print_one(const struct cli_opts *o, const struct afcq_history_entry *e,
		      enum afcq_resolution r)
{
	const char *kind = e->kind ? e->kind : "";
	switch (o->format) {
	case CLI_FORMAT_JSON: {
		json_t *j = json_object();
		json_object_set_new(j, "id", json_integer(e->id));
		json_object_set_new(j, "doc", json_string(e->doc ? e->doc : ""));
		json_object_set_new(j, "kind", json_string(kind));
		json_object_set_new(j, "invn", e->invn ? json_string(e->invn) : json_null());
		json_object_set_new(j, "time", json_string(e->time ? e->time : ""));
		json_object_set_new(j, "resolution", json_string(afcq_resolution_name(r)));
		cli_json_print(stdout, j);
		break;
	}
	case CLI_FORMAT_CSV:
		printf("%" PRId64 ",", e->id);
		cli_csv_next(stdout, e->doc);
		cli_csv_next(stdout, kind);
		cli_csv_next(stdout, e->invn);
		cli_csv_next(stdout, e->time);
		cli_csv_field(stdout, afcq_resolution_name(r));
		putchar('\n');
		break;
	case CLI_FORMAT_TABLE:
		printf("%s %s", kind, e->doc ? e->doc : "");
		if (e->invn)
			printf(" (invoice %s)", e->invn);
		printf(" sent %s: %s", e->time ? e->time : "?", afcq_resolution_name(r));
		if (strcmp(kind, "invoice") == 0 && r == AFCQ_RESOLVED_ARRIVED)
			fputs("; do not send it again", stdout);
		else if (strcmp(kind, "invoice") == 0 && r == AFCQ_RESOLVED_NEVER_ARRIVED)
			printf("; invoice %s may be sent again", e->invn ? e->invn : "");
		putchar('\n');
		break;
	}
	fflush(stdout);
}

/* Asks about one record (read again with its request); returns an exit code. */
static int resolve_one(struct cli_session *s, const struct afcq_history_entry *brief)
{
	struct afcq_history_entry e;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_history_get(s->history, brief->id, &e, &err) != AFCQ_OK)
		return cli_fail(&err);
	struct afcq_exchange x = { 0 };
	enum afcq_resolution r;
	enum afcq_status st = afcq_resolve(&s->api, &e, &r, &x, &err);
	int rc = CLI_EXIT_OK;
	if (r != AFCQ_RESOLVED_UNKNOWN)
		print_one(s->opts, &e, r);
	if (st != AFCQ_OK) {
		char line[1024];
		rc = cli_failf(afcq_status_exit_code(st), "%s: outcome still unknown: %s",
			       e.doc ? e.doc : "?", afcq_error_line(&err, line, sizeof line));
	}
	afcq_exchange_done(&x);
	afcq_history_entry_done(&e);
	return rc;
}

int cmd_resolve(const struct cli_opts *o)
{
	if (o->n_args > 1)
		return cli_failf(CLI_EXIT_USAGE, "resolve: one DOC at most");
	const char *doc = o->n_args ? o->args[0] : NULL;
	if (doc && strlen(doc) > 150)
		return cli_failf(CLI_EXIT_USAGE, "DOC: longer than 150 bytes");
	struct cli_session s = { 0 };
	int rc = cli_session_config(&s, o);
	/* The question is a Commit call carrying the send's commit flag: it
	 * may commit the document, which a quote-only profile may not. */
	if (!rc)
		rc = cli_session_may_commit(&s, "resolve a send (resolve asks with a Commit call)");
	if (!rc)
		rc = cli_session_open(&s, CLI_NEED_HISTORY);
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (!rc && afcq_history_unknown(s.history, NULL, doc, &v, &n, &err) != AFCQ_OK)
		rc = cli_fail(&err);
	if (!rc && n == 0) {
		if (doc)
			rc = cli_failf(CLI_EXIT_USAGE,
				       "resolve: no send of document %s has an unknown outcome "
				       "(see afcq history)", doc);
		else if (o->format == CLI_FORMAT_TABLE)
			puts("no unknown outcomes");
	}
	if (!rc && n)
		rc = cli_session_open(&s, CLI_NEED_ENDPOINT);
	bool ready = rc == CLI_EXIT_OK && n;
	const char *label = ready ? cli_session_endpoint_label(&s) : NULL;
	if (ready && o->format == CLI_FORMAT_CSV)
		puts("id,doc,kind,invn,time,resolution");
	for (size_t i = 0; ready && i < n; i++) {
		char hint[1200];
		if (strcmp(v[i].endpoint ? v[i].endpoint : "", label ? label : "") != 0) {
			/* Asked elsewhere, the answer would be "never arrived". */
			int code = cli_failf(CLI_EXIT_USAGE, "%s: sent to %s, not to %s; resolve it there: %s",
					     v[i].doc ? v[i].doc : "?", v[i].endpoint, label,
					     cli_resolve_hint(o, &v[i], hint, sizeof hint));
			if (doc && !rc)
				rc = code;
			continue;
		}
		int one = resolve_one(&s, &v[i]);
		if (one && !rc)
			rc = one;
	}
	afcq_history_list_free(v, n);
	cli_session_done(&s);
	return rc;
}
