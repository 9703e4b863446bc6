/* cmd_history.c - afcq history [--customer TEXT] [list | show ID]: what was
 * sent, when, for which customer of the book, and how it ended.  Reads the
 * history store (the configuration's team store when it names one: one's
 * own entries, everyone's with --all); --customer lists the entries made
 * for a customer whose name or account has TEXT's words.
 * The list shows first what has an unknown outcome (an invoice, commit or
 * uncommit sent and never answered), each with the command that resolves
 * it (afcq resolve). */
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/money.h"
#include "afcq/str.h"

static const char *or_dash(const char *s)
{
	return s && s[0] ? s : "-";
}

static const char *total_text(const struct afcq_history_entry *e, char *buf, size_t n)
{
	if (!e->has_total)
		return "-";
	return afcq_money_format(e->total, buf, n);
}

static json_t *entry_json(const struct afcq_history_entry *e, bool bodies)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "time", json_string(e->time ? e->time : ""));
	json_object_set_new(o, "endpoint", json_string(e->endpoint ? e->endpoint : ""));
	json_object_set_new(o, "kind", json_string(e->kind ? e->kind : ""));
	json_object_set_new(o, "doc", e->doc ? json_string(e->doc) : json_null());
	json_object_set_new(o, "invn", e->invn ? json_string(e->invn) : json_null());
	json_object_set_new(o, "total", e->has_total ? json_real(e->total) : json_null());
	json_object_set_new(o, "outcome", json_string(afcq_outcome_name(e->outcome)));
	json_object_set_new(o, "http_status", json_integer(e->http_status));
	json_object_set_new(o, "latency_ms", json_real(e->latency_ms));
	json_object_set_new(o, "detail", e->detail ? json_string(e->detail) : json_null());
	if (e->by)
		json_object_set_new(o, "by", json_string(e->by));
	if (e->customer) {
		json_object_set_new(o, "customer", json_string(e->customer));
		json_object_set_new(o, "customer_account", e->customer_account
				    ? json_string(e->customer_account) : json_null());
		json_object_set_new(o, "customer_uid", e->customer_uid
				    ? json_string(e->customer_uid) : json_null());
	}
	if (bodies) {
		json_t *req = NULL, *resp = NULL;
		struct afcq_error err;
		if (e->request && afcq_json_parse(e->request, strlen(e->request), &req, &err) != AFCQ_OK)
			req = json_string(e->request);
		if (e->response &&
		    afcq_json_parse(e->response, strlen(e->response), &resp, &err) != AFCQ_OK)
			resp = json_string(e->response);
		json_object_set_new(o, "request", req ? req : json_null());
		json_object_set_new(o, "response", resp ? resp : json_null());
	}
	return o;
}

/* An unknown outcome that matters: the service may hold a document. */
static bool to_resolve(const struct afcq_history_entry *e)
{
	return e->outcome == AFCQ_OUTCOME_PENDING && e->kind &&
	       (strcmp(e->kind, "invoice") == 0 || strcmp(e->kind, "commit") == 0 ||
		strcmp(e->kind, "uncommit") == 0);
}

/* Moves the entries to resolve to the front, keeping each part's order. */
static void unknown_first(struct afcq_history_entry *v, size_t n)
{
	if (n == 0)
		return;
	struct afcq_history_entry *tmp = afcq_xcalloc(n, sizeof *tmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (to_resolve(&v[i]))
			tmp[k++] = v[i];
	for (size_t i = 0; i < n; i++)
		if (!to_resolve(&v[i]))
			tmp[k++] = v[i];
	memcpy(v, tmp, n * sizeof *v);
	free(tmp);
}

/* Entries with an unknown outcome, each with the command that resolves it. */
static void list_unknown(const struct cli_opts *o, const struct afcq_history_entry *v, size_t n)
{
	char hint[1200];
	size_t k = 0;
	while (k < n && to_resolve(&v[k]))
		k++;
	if (!k)
		return;
	printf("Outcome unknown: %zu sent, never answered. The service may have %s; resolve "
	       "before sending again:\n", k, k == 1 ? "it" : "them");
	for (size_t i = 0; i < k; i++)
		printf("%5" PRId64 "  %-20s  %-8s  %s%s%s  ->  %s\n", v[i].id, or_dash(v[i].time),
		       or_dash(v[i].kind), or_dash(v[i].doc), v[i].invn ? "  invoice " : "",
		       v[i].invn ? v[i].invn : "", cli_resolve_hint(o, &v[i], hint, sizeof hint));
	putchar('\n');
}

static void list(const struct cli_opts *o, struct afcq_history_entry *v, size_t n)
{
	char tb[64], hint[1200];
	unknown_first(v, n);
	if (o->format == CLI_FORMAT_JSON) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *j = entry_json(&v[i], false);
			if (to_resolve(&v[i]))
				json_object_set_new(j, "resolve",
						    json_string(cli_resolve_hint(o, &v[i], hint,
										 sizeof hint)));
			json_array_append_new(a, j);
		}
		cli_json_print(stdout, a);
		return;
	}
	if (o->format == CLI_FORMAT_CSV) {
		/* a team's journal adds who sent each entry */
		bool by = false, cust = false;
		for (size_t i = 0; i < n; i++) {
			by = by || v[i].by;
			cust = cust || v[i].customer;
		}
		printf("id,time,kind,doc,invn,total,outcome,endpoint,http_status,detail,resolve%s%s\n",
		       by ? ",by" : "", cust ? ",customer,customer_account" : "");
		for (size_t i = 0; i < n; i++) {
			const struct afcq_history_entry *e = &v[i];
			printf("%" PRId64 ",", e->id);
			cli_csv_next(stdout, e->time);
			cli_csv_next(stdout, e->kind);
			cli_csv_next(stdout, e->doc);
			cli_csv_next(stdout, e->invn);
			if (e->has_total)
				fputs(afcq_number_format(e->total, tb, sizeof tb), stdout);
			putchar(',');
			cli_csv_next(stdout, afcq_outcome_name(e->outcome));
			cli_csv_field(stdout, e->endpoint);
			printf(",%ld,", e->http_status);
			cli_csv_next(stdout, e->detail);
			if (to_resolve(e))
				cli_csv_field(stdout, cli_resolve_hint(o, e, hint, sizeof hint));
			if (by) {
				putchar(',');
				cli_csv_field(stdout, e->by);
			}
			if (cust) {
				putchar(',');
				cli_csv_next(stdout, e->customer);
				cli_csv_field(stdout, e->customer_account);
			}
			putchar('\n');
		}
		return;
	}
	list_unknown(o, v, n);
	int wd = 8, wi = 7, wb = 2;
	bool by = false;   /* a team's journal: who sent each */
	bool cust = false; /* entries made for a customer of the book */
	for (size_t i = 0; i < n; i++) {
		by = by || v[i].by;
		cust = cust || v[i].customer;
		if (v[i].by && (int)strlen(v[i].by) > wb)
			wb = (int)strlen(v[i].by);
		if (v[i].doc && (int)strlen(v[i].doc) > wd)
			wd = (int)strlen(v[i].doc);
		if (v[i].invn && (int)strlen(v[i].invn) > wi)
			wi = (int)strlen(v[i].invn);
	}
	/* the outcome (and By) padded only when a column follows: no line
	 * ends in spaces */
	int wo = by || cust ? 15 : 0;
	wb = cust ? wb : 0;
	printf("%5s  %-20s  %-8s  %-*s  %-*s  %12s  %-*s%s%-*s%s%s\n", "Id", "Time", "Kind", wd,
	       "Document", wi, "Invoice", "Total", wo, "Outcome", by ? "  " : "", by ? wb : 0,
	       by ? "By" : "", cust ? "  " : "", cust ? "Customer" : "");
	for (size_t i = 0; i < n; i++) {
		const struct afcq_history_entry *e = &v[i];
		char who[400] = "";
		if (cust && e->customer)
			snprintf(who, sizeof who, "%s%s%s%s", e->customer,
				 e->customer_account ? " (" : "",
				 e->customer_account ? e->customer_account : "",
				 e->customer_account ? ")" : "");
		printf("%5" PRId64 "  %-20s  %-8s  %-*s  %-*s  %12s  %-*s%s%-*s%s%s\n", e->id,
		       or_dash(e->time), or_dash(e->kind), wd, or_dash(e->doc), wi, or_dash(e->invn),
		       total_text(e, tb, sizeof tb), wo, afcq_outcome_name(e->outcome),
		       by ? "  " : "", by ? wb : 0, by ? or_dash(e->by) : "", cust ? "  " : "",
		       cust ? or_dash(who) : "");
	}
}

static void show(const struct cli_opts *o, const struct afcq_history_entry *e)
{
	char tb[64];
	if (o->format == CLI_FORMAT_JSON) {
		cli_json_print(stdout, entry_json(e, true));
		return;
	}
	printf("id        %" PRId64 "\n", e->id);
	printf("time      %s\n", or_dash(e->time));
	printf("endpoint  %s\n", or_dash(e->endpoint));
	printf("kind      %s\n", or_dash(e->kind));
	printf("document  %s\n", or_dash(e->doc));
	printf("invoice   %s\n", or_dash(e->invn));
	printf("outcome   %s\n", afcq_outcome_name(e->outcome));
	if (e->by)
		printf("sent by   %s\n", e->by);
	if (e->customer) {
		printf("customer  %s\n", e->customer);
		if (e->customer_account)
			printf("account   %s\n", e->customer_account);
		if (e->customer_uid)
			printf("uid       %s\n", e->customer_uid);
	}
	if (e->http_status)
		printf("http      %ld\n", e->http_status);
	printf("latency   %.0f ms\n", e->latency_ms);
	printf("total     %s\n", total_text(e, tb, sizeof tb));
	if (e->detail)
		printf("detail    %s\n", e->detail);
	printf("request:\n");
	if (e->request)
		cli_json_body(stdout, e->request);
	else
		printf("(none)\n");
	char note[400];
	if (afcq_history_shortened(e->response, note, sizeof note))
		printf("note      %s\n", note);
	printf("response:\n");
	if (e->response)
		cli_json_body(stdout, e->response);
	else
		printf("(none)\n");
}

int cmd_history(const struct cli_opts *o)
{
	const char *what = o->n_args ? o->args[0] : "list";
	int64_t id = 0;
	if (strcmp(what, "list") == 0) {
		if (o->n_args > 1)
			return cli_failf(CLI_EXIT_USAGE, "history list: takes no argument");
	} else if (strcmp(what, "show") == 0 && o->customer) {
		return cli_failf(CLI_EXIT_USAGE, "history show: --customer goes with list "
				 "(afcq history --customer TEXT)");
	} else if (strcmp(what, "show") == 0) {
		if (o->n_args != 2)
			return cli_failf(CLI_EXIT_USAGE, "history show: missing ID (see afcq history list)");
		char *end = NULL;
		errno = 0;
		long long v = strtoll(o->args[1], &end, 10);
		if (errno || end == o->args[1] || *end || v <= 0)
			return cli_failf(CLI_EXIT_USAGE, "history show: '%s' is not an entry id",
					 o->args[1]);
		id = v;
	} else {
		return cli_failf(CLI_EXIT_USAGE, "history: unknown action '%s' (list or show ID)", what);
	}
	struct cli_session s = { .opts = o };
	/* The configuration says where the journal is (a team's store). */
	int rc = cli_session_config(&s, o);
	if (!rc)
		rc = cli_session_open(&s, CLI_NEED_HISTORY);
	struct afcq_error err;
	afcq_error_clear(&err);
	if (!rc && id == 0) {
		struct afcq_history_entry *v = NULL;
		size_t n = 0;
		enum afcq_status st =
			o->customer ? afcq_history_find_customer(s.history, o->customer, 0, o->all,
								 &v, &n, &err)
				    : afcq_history_list_by(s.history, 0, o->all, &v, &n, &err);
		if (st != AFCQ_OK) {
			rc = cli_fail(&err);
		} else if (n == 0 && o->customer && o->format == CLI_FORMAT_TABLE) {
			printf("No entry made for a customer whose name or account has '%s'.\n",
			       o->customer);
		} else {
			list(o, v, n);
			afcq_history_list_free(v, n);
		}
	} else if (!rc) {
		struct afcq_history_entry e = { 0 };
		enum afcq_status st = afcq_history_get(s.history, id, &e, &err);
		if (st == AFCQ_ERR_USAGE)
			rc = cli_failf(CLI_EXIT_USAGE, "history show: no entry %" PRId64, id);
		else if (st != AFCQ_OK)
			rc = cli_fail(&err);
		else
			show(o, &e);
		afcq_history_entry_done(&e);
	}
	cli_session_done(&s);
	return rc;
}
