/* history_find.c - history entries found by the customer they were made
 * for: the words of the customer's name and account (afcq/words.h, as the
 * customer book finds its customers), kept with each entry as
 * customer_key and narrowed with LIKE, in the file or in a team's store;
 * and the customer an invoice was sent for, found by its document code.
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

bool afcq_history_doc_customer(struct afcq_history *h, const char *doc,
			       struct afcq_history_entry *out)
{
	if (!h || afcq_str_empty(doc))
		return false;
	if (h->pg)
		return history_pg_doc_customer(h->pg, doc, out);
	static const char sql[] =
		"SELECT customer, customer_account, customer_uid FROM requests"
		" WHERE doc = ? AND kind = 'invoice' AND customer IS NOT NULL"
		" ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	history_bind_text(st, 1, doc);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->customer = afcq_xstrdup((const char *)sqlite3_column_text(st, 0));
		const unsigned char *account = sqlite3_column_text(st, 1);
		const unsigned char *uid = sqlite3_column_text(st, 2);
		out->customer_account = account ? afcq_xstrdup((const char *)account) : NULL;
		out->customer_uid = uid ? afcq_xstrdup((const char *)uid) : NULL;
	}
	sqlite3_finalize(st);
	return found;
}
