/* cmd_store.c - afcq store copy --to URL: the rep's local customer book,
 * products and journal into a team's PostgreSQL store.  The local files
 * are read, never changed; what the team's store has already is left
 * alone, so running it again adds nothing. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afcq/pg.h"
#include "afcq/store_copy.h"
#include "afcq/str.h"

static int copy(struct cli_session *s, const char *to)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_store *from = NULL, *dst = NULL;
	struct afcq_history *from_h = NULL, *dst_h = NULL;
	int rc = CLI_EXIT_OK;
	/* No local book is an empty one (not a file created for nothing). */
	char *book = afcq_store_default_path();
	bool have_book = book && access(book, F_OK) == 0;
	free(book);
	if (!(from = afcq_store_open(have_book ? NULL : ":memory:", &err)) ||
	    !(dst = afcq_store_open(to, &err)) ||
	    !(dst_h = afcq_history_open(to, &err)))
		rc = cli_fail(&err);
	if (!rc) {
		/* No local journal yet is nothing to copy, not a failure. */
		char *path = afcq_history_default_path();
		if (path && access(path, F_OK) == 0 && !(from_h = afcq_history_open(path, &err)))
			rc = cli_fail(&err);
		free(path);
	}
	struct afcq_store_copied n;
	if (!rc && afcq_store_copy(from, from_h, dst, dst_h, &n, &err) != AFCQ_OK)
		rc = cli_fail(&err);
	if (!rc)
		printf("copied to %s:\n"
		       "  customers  %zu added, %zu already there\n"
		       "  products   %zu added, %zu already there\n"
		       "  journal    %zu added, %zu already there\n",
		       afcq_store_where(dst), n.customers, n.customers_kept, n.products,
		       n.products_kept, n.entries, n.entries_kept);
	afcq_history_close(from_h);
	afcq_history_close(dst_h);
	afcq_store_close(from);
	afcq_store_close(dst);
	return rc;
}

int cmd_store(const struct cli_opts *o)
{
	const char *what = o->n_args ? o->args[0] : "";
	if (strcmp(what, "copy") != 0)
		return cli_failf(CLI_EXIT_USAGE, "store: %s (store copy --to URL)",
				 *what ? "unknown action" : "missing action");
	if (o->n_args > 1)
		return cli_failf(CLI_EXIT_USAGE, "store copy: takes no argument but --to URL");
	struct cli_session s = { .opts = o };
	int rc = cli_session_config(&s, o);
	const char *to = o->to ? o->to : (afcq_str_empty(s.cfg.store) ? NULL : s.cfg.store);
	if (!rc && !to)
		rc = cli_failf(CLI_EXIT_USAGE,
			       "store copy: --to URL: the team's store, such as "
			       "postgresql://USER@HOST/DATABASE");
	if (!rc && !afcq_pg_is_url(to))
		rc = cli_failf(CLI_EXIT_USAGE,
			       "store copy: --to: not a PostgreSQL connection string; write "
			       "postgresql://USER@HOST/DATABASE");
	if (!rc)
		rc = copy(&s, to);
	cli_session_done(&s);
	return rc;
}
