/* history_pg.h - the journal in a team's PostgreSQL store (private to the
 * history module: afcq/history.h's functions hand over to these when the
 * history was opened on a connection string).
 *
 * Same contracts as the afcq_history_* functions of the same names, with
 * these differences: every entry records who sent it (by_user,
 * "user@host"); the list shows one's own entries unless all is asked;
 * document codes of invoices are unique in the table (the database refuses
 * a second one, AFCQ_ERR_INVALID); an invoice's check for an earlier send
 * of its number and its record are one transaction under a lock on that
 * number, so two workstations cannot both pass.
 */
#ifndef AFCQ_HISTORY_PG_H
#define AFCQ_HISTORY_PG_H

#include "afcq/history.h"

struct history_pg;

struct history_pg *history_pg_open(const char *where, struct afcq_error *err);
void history_pg_close(struct history_pg *h);
const char *history_pg_where(const struct history_pg *h);
void history_pg_set_wait(struct history_pg *h, int ms);
bool history_pg_check(struct history_pg *h);

/* blocker: NULL for a plain begin (no check of the invoice number). */
enum afcq_status history_pg_begin(struct history_pg *h, const struct afcq_history_entry *e,
				  bool invoice, int64_t *id, struct afcq_history_entry *blocker,
				  struct afcq_error *err);
enum afcq_status history_pg_finish(struct history_pg *h, int64_t id, enum afcq_outcome outcome,
				   long http_status, double latency_ms, const char *response,
				   const char *detail, bool has_total, double total,
				   struct afcq_error *err);
enum afcq_status history_pg_list(struct history_pg *h, size_t limit, bool all,
				 struct afcq_history_entry **out, size_t *n, struct afcq_error *err);
bool history_pg_doc_customer(struct history_pg *h, const char *doc,
			     struct afcq_history_entry *out);
/* Entries whose customer_key matches every one of the n LIKE patterns. */
enum afcq_status history_pg_find_customer(struct history_pg *h, char **patterns, size_t n_patterns,
					  size_t limit, bool all, struct afcq_history_entry **out,
					  size_t *n, struct afcq_error *err);
enum afcq_status history_pg_get(struct history_pg *h, int64_t id, struct afcq_history_entry *out,
				struct afcq_error *err);
enum afcq_status history_pg_unknown(struct history_pg *h, const char *endpoint, const char *doc,
				    struct afcq_history_entry **out, size_t *n,
				    struct afcq_error *err);
enum afcq_status history_pg_invoice_blocker(struct history_pg *h, const char *endpoint,
					    const char *invn, struct afcq_history_entry *out,
					    bool *found, struct afcq_error *err);
enum afcq_status history_pg_resolve(struct history_pg *h, int64_t id, enum afcq_outcome outcome,
				    const char *detail, struct afcq_error *err);
bool history_pg_doc_used(struct history_pg *h, const char *doc);
enum afcq_status history_pg_import(struct history_pg *h, const struct afcq_history_entry *e,
				   const char *origin, bool *added, struct afcq_error *err);

/* The words an entry is found by (its customer's name and account,
 * afcq/words.h), malloc'd; NULL when it has no customer.  (history_find.c) */
char *history_customer_key(const struct afcq_history_entry *e);

#endif
