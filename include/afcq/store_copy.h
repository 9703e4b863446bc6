/* store_copy.h - moving a rep's local book and journal into a team's store
 * (afcq store copy --to URL).
 *
 * Idempotent: a customer already in the destination (same uid), a product
 * of the same name (any case) and a journal entry copied before (same
 * origin: who, which entry, when) are left as they are, so running the
 * copy twice adds nothing.  The source is only read.
 */
#ifndef AFCQ_STORE_COPY_H
#define AFCQ_STORE_COPY_H

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

#endif
