/* store.c - documents kept by the sandbox, in SQLite (see store.h). */
#include "store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct store {
	sqlite3 *db;
	pthread_mutex_t lock;
	char *where;   /* file name or ":memory:", for error messages */
};

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS documents ("
	" doc TEXT PRIMARY KEY NOT NULL,"
	" inv_date TEXT NOT NULL,"
	" committed INTEGER NOT NULL DEFAULT 0,"
	" answer TEXT,"
	" updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	" committed_on TEXT"
	");";

/* A file written before documents knew the day they were committed: the
 * column is added, and a committed document is taken as committed on the
 * day it was last updated. */
static const char migrate_sql[] =
	"ALTER TABLE documents ADD COLUMN committed_on TEXT;"
	"UPDATE documents SET committed_on = substr(updated, 1, 10) WHERE committed <> 0;";

void store_doc_done(struct store_doc *d)
{
	if (!d)
		return;
	free(d->doc);
	free(d->inv_date);
	free(d->committed_on);
	free(d->answer);
	memset(d, 0, sizeof(*d));
}

static enum afcq_status db_error(struct store *st, struct afcq_error *err, const char *what)
{
	return afcq_error_set(err, AFCQ_ERR_DB, st->where, "%s: %s", what, sqlite3_errmsg(st->db));
}

struct store *store_open(const char *path, struct afcq_error *err)
{
	struct store *st = afcq_xcalloc(1, sizeof(*st));
	const char *file = path ? path : ":memory:";
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
	char *msg = NULL;

	st->where = afcq_xstrdup(file);
	pthread_mutex_init(&st->lock, NULL);
	if (sqlite3_open_v2(file, &st->db, flags, NULL) != SQLITE_OK) {
		afcq_error_set(err, AFCQ_ERR_DB, file, "cannot open: %s",
			       st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return NULL;
	}
	sqlite3_busy_timeout(st->db, 5000);
	if (sqlite3_exec(st->db, schema_sql, NULL, NULL, &msg) != SQLITE_OK) {
		afcq_error_set(err, AFCQ_ERR_DB, file, "cannot create the documents table: %s",
			       msg ? msg : "unknown error");
		sqlite3_free(msg);
		store_close(st);
		return NULL;
	}
	sqlite3_stmt *probe = NULL;
	bool old_file = sqlite3_prepare_v2(st->db, "SELECT committed_on FROM documents LIMIT 0", -1,
					   &probe, NULL) != SQLITE_OK;
	sqlite3_finalize(probe);
	if (old_file && sqlite3_exec(st->db, migrate_sql, NULL, NULL, &msg) != SQLITE_OK) {
		afcq_error_set(err, AFCQ_ERR_DB, file, "cannot add committed_on to documents: %s",
			       msg ? msg : "unknown error");
		sqlite3_free(msg);
		store_close(st);
		return NULL;
	}
	return st;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->db)
		sqlite3_close(st->db);
	pthread_mutex_destroy(&st->lock);
	free(st->where);
	free(st);
}

/* ---- dates ------------------------------------------------------------ */

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

bool store_date_valid(const char *s)
{
	int y, m, d;

	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days_in_month(y, m);
}

void store_lock_date(const char *date, char out[11])
{
	int y = digits(date, 4), m = digits(date + 5, 2);

	if (m == 12) {
		y++;
		m = 1;
	} else {
		m++;
	}
	char buf[32];

	snprintf(buf, sizeof(buf), "%04d-%02d-01", y, m);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

bool store_is_locked(const struct store_doc *d, const char *today)
{
	char lock[11];

	if (!d->committed || !store_date_valid(d->committed_on))
		return false;
	store_lock_date(d->committed_on, lock);
	/* Same fixed-width format: byte order is date order. */
	return strncmp(today, lock, 10) >= 0;
}

/* ---- statements ------------------------------------------------------- */

/* Reads the row of doc into *out when present, its answer only when
 * with_answer (it can be megabytes; deciding on a write never needs it);
 * caller holds the lock. */
static enum afcq_status fetch(struct store *st, const char *doc, bool with_answer,
			      struct store_doc *out, bool *found, struct afcq_error *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*found = false;
	if (sqlite3_prepare_v2(st->db,
			       with_answer
				       ? "SELECT doc, inv_date, committed, answer, committed_on"
					 " FROM documents WHERE doc = ?1"
				       : "SELECT doc, inv_date, committed, NULL, committed_on"
					 " FROM documents WHERE doc = ?1",
			       -1, &q, NULL) != SQLITE_OK)
		return db_error(st, err, "cannot read a document");
	sqlite3_bind_text(q, 1, doc, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*found = true;
		out->doc = afcq_xstrdup((const char *)sqlite3_column_text(q, 0));
		out->inv_date = afcq_xstrdup((const char *)sqlite3_column_text(q, 1));
		out->committed = sqlite3_column_int(q, 2) != 0;
		out->answer = afcq_xstrdup((const char *)sqlite3_column_text(q, 3));
		out->committed_on = afcq_xstrdup((const char *)sqlite3_column_text(q, 4));
	} else if (rc != SQLITE_DONE) {
		enum afcq_status s = db_error(st, err, "cannot read a document");

		sqlite3_finalize(q);
		return s;
	}
	sqlite3_finalize(q);
	return AFCQ_OK;
}

/* Runs a prepared statement to completion; caller holds the lock. */
static enum afcq_status finish(struct store *st, sqlite3_stmt *q, const char *what,
			       struct afcq_error *err)
{
	enum afcq_status s = AFCQ_OK;

	if (sqlite3_step(q) != SQLITE_DONE)
		s = db_error(st, err, what);
	sqlite3_finalize(q);
	return s;
}

static enum afcq_status upsert(struct store *st, const struct store_doc *d, const char *date,
			       const char *today, struct afcq_error *err)
{
	static const char what[] = "cannot store a document";
	sqlite3_stmt *q = NULL;

	if (sqlite3_prepare_v2(st->db,
			       "INSERT OR REPLACE INTO documents"
			       " (doc, inv_date, committed, answer, updated, committed_on)"
			       " VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?5)",
			       -1, &q, NULL) != SQLITE_OK)
		return db_error(st, err, what);
	sqlite3_bind_text(q, 1, d->doc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 3, d->committed ? 1 : 0);
	if (d->committed)
		sqlite3_bind_text(q, 5, today, 10, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, 5);
	/* The text outlives the statement: no copy of a large answer. */
	if (d->answer)
		sqlite3_bind_text(q, 4, d->answer, d->answer_len ? (int)d->answer_len : -1,
				  SQLITE_STATIC);
	else
		sqlite3_bind_null(q, 4);
	return finish(st, q, what, err);
}

static enum afcq_status set_committed(struct store *st, const char *doc, bool commit,
				      const char *today, struct afcq_error *err)
{
	static const char what[] = "cannot update a document";
	sqlite3_stmt *q = NULL;

	if (sqlite3_prepare_v2(st->db,
			       "UPDATE documents SET committed = ?2, committed_on = ?3,"
			       " updated = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE doc = ?1",
			       -1, &q, NULL) != SQLITE_OK)
		return db_error(st, err, what);
	sqlite3_bind_text(q, 1, doc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, commit ? 1 : 0);
	if (commit)
		sqlite3_bind_text(q, 3, today, 10, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, 3);
	return finish(st, q, what, err);
}

enum afcq_status store_put(struct store *st, const struct store_doc *d, const char *today,
			   enum store_put_result *res, struct afcq_error *err)
{
	struct store_doc old = { 0 };
	bool found = false;
	enum afcq_status s;
	char date[11];

	if (afcq_str_empty(d->doc))
		return afcq_error_set(err, AFCQ_ERR_INVALID, "doc", "empty document code");
	if (!store_date_valid(d->inv_date))
		return afcq_error_set(err, AFCQ_ERR_INVALID, "date", "not a YYYY-MM-DD date: %s",
				      d->inv_date ? d->inv_date : "(none)");
	memcpy(date, d->inv_date, 10);
	date[10] = '\0';

	pthread_mutex_lock(&st->lock);
	s = fetch(st, d->doc, false, &old, &found, err);
	if (s != AFCQ_OK)
		goto out;
	if (found && store_is_locked(&old, today)) {
		*res = STORE_PUT_KEPT_LOCKED;
		goto out;
	}
	if (found && old.committed) {
		*res = STORE_PUT_KEPT_COMMITTED;
		goto out;
	}
	s = upsert(st, d, date, today, err);
	if (s == AFCQ_OK)
		*res = found ? STORE_PUT_REPLACED : STORE_PUT_NEW;
out:
	pthread_mutex_unlock(&st->lock);
	store_doc_done(&old);
	return s;
}

enum afcq_status store_commit(struct store *st, const char *doc, bool commit, const char *today,
			      enum store_commit_result *res, struct afcq_error *err)
{
	struct store_doc old = { 0 };
	bool found = false;
	enum afcq_status s;

	*res = STORE_COMMIT_UNKNOWN;
	if (afcq_str_empty(doc))
		return AFCQ_OK;
	pthread_mutex_lock(&st->lock);
	s = fetch(st, doc, false, &old, &found, err);
	if (s != AFCQ_OK || !found)
		goto out;
	if (store_is_locked(&old, today)) {
		/* Pulled into compliance: it stays committed as it was. */
		*res = commit ? STORE_COMMIT_DONE : STORE_COMMIT_LOCKED;
		goto out;
	}
	s = set_committed(st, doc, commit, today, err);
	if (s == AFCQ_OK)
		*res = STORE_COMMIT_DONE;
out:
	pthread_mutex_unlock(&st->lock);
	store_doc_done(&old);
	return s;
}

enum afcq_status store_get(struct store *st, const char *doc, struct store_doc *out,
			   bool *found, struct afcq_error *err)
{
	enum afcq_status s;

	pthread_mutex_lock(&st->lock);
	s = fetch(st, doc ? doc : "", true, out, found, err);
	pthread_mutex_unlock(&st->lock);
	return s;
}

long store_count(struct store *st)
{
	sqlite3_stmt *q = NULL;
	long n = -1;

	pthread_mutex_lock(&st->lock);
	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM documents", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	pthread_mutex_unlock(&st->lock);
	return n;
}
