/* store.h - the sandbox's document store.
 *
 * A CalcTaxes invoice that carries a non-empty `doc` is kept under that
 * code: its invoice date, whether it is committed and the answer the
 * sandbox gave for it (whole up to STORE_ANSWER_MAX bytes; the caller
 * shortens a longer one, see below).  The Commit API then commits or
 * un-commits it.
 *
 * Documents live in SQLite: an in-memory database by default, a file with
 * --store FILE (kept across restarts).  Every call takes the store's own
 * mutex, so one store can serve all of the HTTP server's threads.
 *
 * Locking, the service's rule: committed documents are pulled into
 * compliance at the close of the month in which they were committed.  So a
 * committed document locks on the first day of the month after the month
 * it was last committed; an uncommitted document never locks; a locked
 * document can be neither un-committed nor replaced (committing it again
 * is done, unchanged).  Dates are "YYYY-MM-DD" strings; "today" always
 * comes from the caller (the sandbox's clock, pinned by --now in tests), so
 * the store itself never reads the time.
 */
#ifndef AFCQ_SANDBOX_STORE_H
#define AFCQ_SANDBOX_STORE_H

#include <stdbool.h>

#include "afcq/error.h"

/* A document's answer is kept whole up to this many bytes (the invoice's
 * text within the CalcTaxes answer).  A longer one (a quote of thousands of
 * line items) is kept without its line items' results: an object whose
 * first key "afcq_shortened" holds a note saying what was left out, then
 * the invoice's answer without `itms` (doc, summary rows, reporting).
 * Commit never reads it: copying megabytes per calculation into the store
 * would buy nothing later calls use. */
#define STORE_ANSWER_MAX ((size_t)256 * 1024)

struct store;

/* One stored document.  Strings are owned (store_doc_done frees them). */
struct store_doc {
	char *doc;
	char *inv_date;   /* "YYYY-MM-DD" */
	bool committed;
	char *committed_on; /* "YYYY-MM-DD" it was last committed; NULL when not committed */
	char *answer;     /* JSON text of the invoice's answer (see STORE_ANSWER_MAX), may be NULL */
	size_t answer_len; /* its length when answer is not NUL-terminated there, else 0 */
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

/* Writes the first day of the month after date's month into out
 * ("YYYY-MM-DD"): the day a document committed on date locks.  date must
 * be valid (store_date_valid). */
void store_lock_date(const char *date, char out[11]);

/* true when document d is locked on day today: committed, and today is on
 * or after the lock date of the day it was last committed. */
bool store_is_locked(const struct store_doc *d, const char *today);

enum store_put_result {
	STORE_PUT_NEW,             /* stored under a code not seen before */
	STORE_PUT_REPLACED,        /* an uncommitted document was replaced */
	STORE_PUT_KEPT_COMMITTED,  /* a committed document exists: unchanged */
	STORE_PUT_KEPT_LOCKED,     /* a locked document exists: unchanged */
};

/* Stores d (d->doc non-empty, d->inv_date valid) as of day today (a
 * committed d is committed on today; d->committed_on is not read).  An
 * existing uncommitted document under the same code is replaced; a
 * committed or locked one is kept as it was.  *res says which happened.  Returns AFCQ_OK, or AFCQ_ERR_DB / AFCQ_ERR_INVALID with *err. */
enum afcq_status store_put(struct store *st, const struct store_doc *d, const char *today,
			   enum store_put_result *res, struct afcq_error *err);

enum store_commit_result {
	STORE_COMMIT_DONE,     /* the flag now equals the requested value */
	STORE_COMMIT_UNKNOWN,  /* no document under that code */
	STORE_COMMIT_LOCKED,   /* the document is locked: unchanged */
};

/* Sets the committed flag of doc to commit, as of day today (a commit
 * records today as the day it was committed).  Committing a committed
 * document (or un-committing an uncommitted one) is DONE; un-committing a
 * locked one is LOCKED, committing it again DONE, unchanged.
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
