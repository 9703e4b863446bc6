/* store_copy.h - moving a rep's local book and journal into a team's store
 * (afcq store copy --to URL), and the quotes kept locally while it was
 * unreachable.
 *
 * Idempotent: a customer already in the destination (same uid), a product
 * of the same name (any case) and a journal entry copied before (same
 * origin: who, which entry, when) are left as they are, so running the
 * copy twice adds nothing.  The source is only read.
 */
#ifndef AFCQ_STORE_COPY_H
#define AFCQ_STORE_COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/error.h"
#include "afcq/history.h"
#include "afcq/store.h"

struct afcq_store_copied {
	size_t customers, customers_kept;  /* added / already there */
	size_t products, products_kept;
	size_t entries, entries_kept;
};

/* Copies customers and products from `from` to `to` (one transaction in
 * `to`: all or nothing), then every journal entry of from_h into to_h
 * (each on its own; a failed run can be repeated).  from_h may be NULL (no
 * local journal).  *out counts what was added and what was there already.
 * Errors as the store's and the history's (AFCQ_ERR_DB naming the file or
 * server); to_h must be a team's store (AFCQ_ERR_USAGE otherwise). */
enum afcq_status afcq_store_copy(struct afcq_store *from, struct afcq_history *from_h,
				 struct afcq_store *to, struct afcq_history *to_h,
				 struct afcq_store_copied *out, struct afcq_error *err);

/* Quotes sent while a team's store could not be reached are recorded in a
 * local file of their own (this path, malloc'd: $XDG_STATE_HOME/afcq/
 * offline.sqlite; NULL without a home), invoices and commits never.  Once
 * the team's store opens again, afcq_store_flush_offline copies them into
 * its journal (as afcq_store_copy does) and takes exactly those out of the
 * file, which stays: a quote another program adds meanwhile is kept for
 * the next time, never lost, and one copied twice (a crash between the
 * two steps, two programs flushing at once) is added once.  A quote still
 * pending less than an hour after it was recorded is left in the file
 * (its sender may yet complete it).  *moved says how many were added.
 * Nothing to do (no file, team not a team's store): AFCQ_OK.  On failure
 * the entries not yet copied stay for the next time. */
char *afcq_history_offline_path(void);
enum afcq_status afcq_store_flush_offline(struct afcq_history *team, size_t *moved,
					  struct afcq_error *err);
/* afcq_store_flush_offline calling copied(ud) (when not NULL) once the
 * entries read are in the team's journal and before any leaves the file:
 * the tests hold the flush there while another program adds a quote. */
enum afcq_status afcq_store_flush_offline_step(struct afcq_history *team, size_t *moved,
					       void (*copied)(void *ud), void *ud,
					       struct afcq_error *err);
/* true when the offline file holds quotes to write (or cannot be read:
 * the flush then says why); false without a file. */
bool afcq_store_offline_waiting(void);

/* The journal the front ends write to: the local history file when store
 * is NULL or "", else the team's store named by store, its offline quotes
 * flushed into it (a failure there is left for the next time).  When the
 * team's store cannot be opened, *err says why and the offline file is
 * returned with *offline set (quotes only: the caller sets its api
 * context's journal_local); NULL when that cannot be opened either.  The
 * caller closes what it gets with afcq_history_close. */
struct afcq_history *afcq_store_journal_open(const char *store, bool *offline,
					     struct afcq_error *err);

#endif
