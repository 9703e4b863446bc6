/* cmd_commit.c - afcq commit DOC / afcq uncommit DOC: the Commit API. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "afcq/validate.h"

static void print_commit(const struct cli_session *s, const char *doc, bool commit,
			 const struct afcq_exchange *x, bool ok)
{
	switch (s->opts->format) {
	case CLI_FORMAT_JSON:
		cli_json_body(stdout, x->http.body);
		break;
	case CLI_FORMAT_CSV:
		fputs("doc,cmmt,ok\n", stdout);
		cli_csv_field(stdout, doc);
		printf(",%s,%s\n", commit ? "true" : "false", ok ? "true" : "false");
		break;
	case CLI_FORMAT_TABLE:
		if (ok)
			printf("document %s %s\n", doc, commit ? "committed" : "uncommitted");
		else
			printf("document %s not %s\n", doc, commit ? "committed" : "uncommitted");
		for (size_t i = 0; i < x->commit.err.n; i++)
			printf("  error %d: %s\n", x->commit.err.v[i].code,
			       x->commit.err.v[i].msg ? x->commit.err.v[i].msg : "");
		break;
	}
	fflush(stdout);
}

static int run(const struct cli_opts *o, bool commit)
{
	if (o->n_args != 1)
		return cli_failf(CLI_EXIT_USAGE, "%s: %s", o->command,
				 o->n_args ? "one DOC expected" : "missing DOC (a document code)");
	const char *doc = o->args[0];
	if (strlen(doc) > AFCQ_MAX_STR)
		return cli_failf(CLI_EXIT_USAGE, "DOC: longer than %d bytes", AFCQ_MAX_STR);
	struct cli_session s = { 0 };
	int rc = cli_session_config(&s, o);
	if (!rc)
		rc = cli_session_may_commit(&s, commit ? "commit a document" : "uncommit a document");
	if (!rc)
		rc = cli_session_open(&s, CLI_NEED_HISTORY | CLI_NEED_ENDPOINT);
	if (!rc) {
		struct afcq_exchange x = { 0 };
		struct afcq_error err;
		afcq_error_clear(&err);
		enum afcq_status st = afcq_api_commit(&s.api, doc, commit, &x, &err);
		if (st != AFCQ_OK && st != AFCQ_ERR_API) {
			rc = cli_fail(&err);
		} else {
			bool ok = st == AFCQ_OK && (!x.commit.ok.set || x.commit.ok.v) &&
				  x.commit.err.n == 0;
			print_commit(&s, doc, commit, &x, ok);
			for (size_t i = 0; i < x.commit.err.n; i++)
				fprintf(stderr, "afcq: %s: %d %s\n", doc, x.commit.err.v[i].code,
					x.commit.err.v[i].msg ? x.commit.err.v[i].msg : "");
			if (!ok && x.commit.err.n == 0)
				fprintf(stderr, "afcq: %s: not %s\n", doc,
					commit ? "committed" : "uncommitted");
			rc = ok ? CLI_EXIT_OK : CLI_EXIT_API;
		}
		afcq_exchange_done(&x);
	}
	cli_session_done(&s);
	return rc;
}

int cmd_commit(const struct cli_opts *o)
{
	return run(o, true);
}

int cmd_uncommit(const struct cli_opts *o)
{
	return run(o, false);
}
