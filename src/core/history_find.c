/* history_find.c - history entries found by the customer they were made
 * for: the words of the customer's name and account (afcq/words.h, as the
 * customer book finds its customers), kept with each entry as
 * customer_key and narrowed with LIKE, in the file or in a team's store.
 */
#include <stdint.h>
#include <stdlib.h>

#include "afcq/str.h"
#include "afcq/words.h"
#include "history_int.h"
#include "history_pg.h"

char *history_customer_key(const struct afcq_history_entry *e)
{
	if (!e->customer)
		return NULL;
	const char *texts[] = { e->customer, e->customer_account };
	return afcq_words_key(texts, 2);
}

enum afcq_status afcq_history_find_customer(struct afcq_history *h, const char *text,
					    size_t limit, bool all,
					    struct afcq_history_entry **out, size_t *n,
					    struct afcq_error *err)
{
	*out = NULL;
	*n = 0;
	if (!h)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store");
	size_t np = 0;
	char **pats = afcq_words_patterns(text, &np);
	enum afcq_status rc;
	if (h->pg) {
		rc = history_pg_find_customer(h->pg, pats, np, limit, all, out, n, err);
		afcq_words_patterns_free(pats, np);
		return rc;
	}
	struct afcq_buf sql;
	afcq_buf_init(&sql);
	afcq_buf_puts(&sql, "SELECT " HISTORY_ENTRY_COLUMNS " FROM requests"
			    " WHERE customer_key IS NOT NULL");
	for (size_t i = 0; i < np; i++)
		afcq_buf_puts(&sql, " AND customer_key LIKE ?");
	afcq_buf_puts(&sql, " ORDER BY id DESC LIMIT ?");
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
		rc = history_db_error(err, h, "cannot read the history");
	} else {
		for (size_t i = 0; i < np; i++)
			history_bind_text(st, (int)i + 1, pats[i]);
		sqlite3_bind_int64(st, (int)np + 1,
				   limit == 0 || (uint64_t)limit > (uint64_t)INT64_MAX
					   ? -1 : (sqlite3_int64)limit);
		rc = history_collect(h, st, out, n, err);
	}
	afcq_buf_done(&sql);
	afcq_words_patterns_free(pats, np);
	return rc;
}
