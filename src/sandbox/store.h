/* store.h - the sandbox's document store.
 *
 * A CalcTaxes invoice that carries a non-empty `doc` is kept under that
 * code: its invoice date, whether it is committed and the answer the
 * sandbox gave for it.  The Commit API then commits or un-commits it.
 *
 * Documents live in SQLite: an in-memory database by default, a file with
 * --store FILE (kept across restarts).  Every call takes the store's own
 * mutex, so one store can serve all of the HTTP server's threads.
 *
 * Locking: a document is locked from the first day of the month after its
 * invoice month.  Dates are "YYYY-MM-DD" strings; "today" always comes
 * from the caller (the sandbox's clock, pinned by --now in tests), so the
 * store itself never reads the time.  A locked document can be neither
 * committed, un-committed nor replaced.
 */
#ifndef AFCQ_SANDBOX_STORE_H
#define AFCQ_SANDBOX_STORE_H

#include <stdbool.h>

#include "afcq/error.h"

struct store;

/* One stored document.  Strings are owned (store_doc_done frees them). */
struct store_doc {
	char *doc;
	char *inv_date;   /* "YYYY-MM-DD" */
	bool committed;
	char *answer;     /* JSON text of the invoice's answer, may be NULL */
};

/* Frees the strings of *d and zeroes it; NULL is fine. */
void store_doc_done(struct store_doc *d);

/* Opens (creating if needed) the store in the SQLite file at path, or an
 * in-memory store when path is NULL.  Returns NULL and sets *err
 * (AFCQ_ERR_DB, with the file and SQLite's reason) on failure.  Free with
 * store_close. */
struct store *store_open(const char *path, struct afcq_error *err);

/* Closes the database and frees st; NULL is fine. */
void store_close(struct store *st);

/* true when s is a valid calendar date written "YYYY-MM-DD" (a longer
 * ISO date-time is fine: only its first ten characters are read). */
bool store_date_valid(const char *s);

/* Writes the first day of the month after inv_date's month into
 * out ("YYYY-MM-DD").  inv_date must be valid (store_date_valid). */
void store_lock_date(const char *inv_date, char out[11]);

/* true when a document dated inv_date is locked on day today. */
bool store_is_locked(const char *inv_date, const char *today);

enum store_put_result {
	STORE_PUT_NEW,             /* stored under a code not seen before */
	STORE_PUT_REPLACED,        /* an uncommitted document was replaced */
	STORE_PUT_KEPT_COMMITTED,  /* a committed document exists: unchanged */
	STORE_PUT_KEPT_LOCKED,     /* a locked document exists: unchanged */
};

/* Stores d (d->doc non-empty, d->inv_date valid) as of day today.  An
 * existing uncommitted, unlocked document under the same code is
 * replaced; a committed or locked one is kept as it was.  *res says which
 * happened.  Returns AFCQ_OK, or AFCQ_ERR_DB / AFCQ_ERR_INVALID with *err. */
enum afcq_status store_put(struct store *st, const struct store_doc *d, const char *today,
			   enum store_put_result *res, struct afcq_error *err);

enum store_commit_result {
	STORE_COMMIT_DONE,     /* the flag now equals the requested value */
	STORE_COMMIT_UNKNOWN,  /* no document under that code */
	STORE_COMMIT_LOCKED,   /* the document is locked: unchanged */
};

/* Sets the committed flag of doc to commit, as of day today.  Committing
 * a committed document (or un-committing an uncommitted one) is DONE.
 * Returns AFCQ_OK with *res, or AFCQ_ERR_DB with *err. */
enum afcq_status store_commit(struct store *st, const char *doc, bool commit, const char *today,
			      enum store_commit_result *res, struct afcq_error *err);

/* Looks doc up.  When found, *out (zeroed by the caller) gets a copy and
 * *found is true; free with store_doc_done.  Returns AFCQ_OK or
 * AFCQ_ERR_DB with *err. */
enum afcq_status store_get(struct store *st, const char *doc, struct store_doc *out,
			   bool *found, struct afcq_error *err);

/* Number of stored documents, -1 on a database error. */
long store_count(struct store *st);

#endif
