/* history_int.h - the SQLite history's handle and helpers, shared by the
 * history module's files (history.c, history_find.c); not a public header.
 */
#ifndef AFCQ_HISTORY_INT_H
#define AFCQ_HISTORY_INT_H

#include <sqlite3.h>

#include "afcq/history.h"

struct afcq_history {
	sqlite3 *db;
	char *path;
	struct history_pg *pg;   /* a team's store instead of the file (history_pg.c) */
	char *actor;             /* "user@host" recorded with each entry */
};

/* Columns every read selects, in this order; full reads add request,
 * response and who sent it at the end (lists of one's own file leave it
 * out, as they always did). */
#define HISTORY_ENTRY_COLUMNS \
	"id, time, endpoint, kind, doc, invn, http_status, latency_ms, outcome, detail, total," \
	" customer, customer_account, customer_uid"

/* Sets *err to AFCQ_ERR_DB: what, then SQLite's message; returns it. */
enum afcq_status history_db_error(struct afcq_error *err, const struct afcq_history *h,
				  const char *what);
/* Binds s (copied), or NULL for NULL. */
int history_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Runs a prepared read of HISTORY_ENTRY_COLUMNS, collects every row
 * (without bodies) into *out (malloc'd, afcq_history_list_free) and *n,
 * and finalizes st. */
enum afcq_status history_collect(struct afcq_history *h, sqlite3_stmt *st,
				 struct afcq_history_entry **out, size_t *n, struct afcq_error *err);

#endif
