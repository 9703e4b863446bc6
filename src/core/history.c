/* history.c - the history store in SQLite.
 *
 * How it works: one table, `requests`, one row per request sent.  A row is
 * inserted before the request goes out (outcome 0, pending) and updated when
 * the answer is in; each statement is its own committed transaction, in a
 * file in WAL mode.  Durability depends on what the row is:
 *  - invoices, commits and uncommits (and resolutions of them) are written
 *    with synchronous=FULL: each commit reaches the disk before the call
 *    returns, so a row that was begun survives a crash or power cut and
 *    shows as "outcome unknown", and a completed one stays completed;
 *  - quotes are written with synchronous=NORMAL: no sync per commit, so a
 *    crash of the machine (not of afcq) can lose the last quotes' rows,
 *    never an invoice's (a FULL commit syncs the whole log before it);
 *  - closing does not checkpoint the log into the file (the next opener
 *    reads it back), so a one-shot quote costs no sync; the log is
 *    checkpointed once it passes 1 MiB, which keeps that read short and
 *    costs a few syncs every hundred small quotes or so.
 * The schema
 * is versioned with PRAGMA user_version; a file from a newer afcq is
 * refused rather than guessed at.  Folders we create are 0700 and the file
 * 0600 (SQLite gives its -wal and -shm files the same mode), since request
 * bodies hold customer addresses.  No column holds HTTP headers, so
 * credentials have nowhere to go.
 */
#include "afcq/history.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "afcq/actor.h"
#include "afcq/paths.h"
#include "afcq/pg.h"
#include "history_int.h"
#include "history_pg.h"
#include "afcq/str.h"

#define HISTORY_SCHEMA_VERSION 4
#define HISTORY_BUSY_TIMEOUT_MS 5000

static const char schema_v1[] =
	"CREATE TABLE requests ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" time TEXT NOT NULL,"
	" endpoint TEXT NOT NULL DEFAULT '',"
	" kind TEXT NOT NULL DEFAULT '',"
	" doc TEXT,"
	" invn TEXT,"
	" request TEXT,"
	" response TEXT,"
	" http_status INTEGER NOT NULL DEFAULT 0,"
	" latency_ms REAL NOT NULL DEFAULT 0,"
	" outcome INTEGER NOT NULL DEFAULT 0,"
	" detail TEXT,"
	" total REAL"
	");"
	"CREATE INDEX requests_doc ON requests(doc, kind);";

/* 2: who sent each entry, so that a copy into a team's store says so (files
 * written before know nobody: NULL). */
static const char schema_v2[] = "ALTER TABLE requests ADD COLUMN by_user TEXT;";

/* 3: document codes unique among invoices, enforced by the file itself (as
 * a team's store does), not only by the check before sending.  A file
 * written before may already hold an invoice code twice (two programs
 * checked at once): every row stays as it was, the later ones of a code
 * marked in doc_dup with their own id, so the index takes them all while
 * no new invoice (doc_dup 0) can reuse any code already there. */
static const char schema_v3[] =
	"ALTER TABLE requests ADD COLUMN doc_dup INTEGER NOT NULL DEFAULT 0;"
	"UPDATE requests SET doc_dup = id WHERE kind = 'invoice' AND doc IS NOT NULL"
	" AND EXISTS (SELECT 1 FROM requests r WHERE r.kind = 'invoice' AND r.doc = requests.doc"
	" AND r.id < requests.id);"
	"CREATE UNIQUE INDEX requests_invoice_doc ON requests(doc, doc_dup) WHERE kind = 'invoice';";

/* 4: the customer of the book each entry was made for, and the words it
 * is found by (afcq/words.h); entries written before have none (NULL). */
static const char schema_v4[] =
	"ALTER TABLE requests ADD COLUMN customer TEXT;"
	"ALTER TABLE requests ADD COLUMN customer_account TEXT;"
	"ALTER TABLE requests ADD COLUMN customer_uid TEXT;"
	"ALTER TABLE requests ADD COLUMN customer_key TEXT;";

const char *afcq_outcome_name(enum afcq_outcome o)
{
	switch (o) {
	case AFCQ_OUTCOME_PENDING: return "outcome unknown";
	case AFCQ_OUTCOME_OK: return "ok";
	case AFCQ_OUTCOME_API_ERROR: return "API error";
	case AFCQ_OUTCOME_FAILED: return "failed";
	case AFCQ_OUTCOME_CANCELLED: return "cancelled";
	case AFCQ_OUTCOME_ARRIVED: return "the service has it";
	case AFCQ_OUTCOME_NEVER_ARRIVED: return "never arrived";
	}
	return "?";
}

void afcq_history_entry_done(struct afcq_history_entry *e)
{
	if (!e)
		return;
	free(e->time);
	free(e->endpoint);
	free(e->kind);
	free(e->doc);
	free(e->invn);
	free(e->request);
	free(e->response);
	free(e->detail);
	free(e->by);
	free(e->customer);
	free(e->customer_account);
	free(e->customer_uid);
	memset(e, 0, sizeof *e);
}

enum afcq_status history_db_error(struct afcq_error *err, const struct afcq_history *h,
				 const char *what)
{
	return afcq_error_set(err, AFCQ_ERR_DB, h->path, "%s: %s", what, sqlite3_errmsg(h->db));
}

/* ---- paths ----------------------------------------------------------- */

char *afcq_history_default_path(void)
{
	return afcq_xdg_path("XDG_STATE_HOME", ".local/state", "history.sqlite");
}

/* ---- durability --------------------------------------------------------- */

/* Every commit from now on is synced (FULL) or left to the next checkpoint
 * (NORMAL).  The setting belongs to this handle only. */
static enum afcq_status set_durable(struct afcq_history *h, bool full, struct afcq_error *err)
{
	const char *sql = full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
	if (sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot set synchronous writes");
	return AFCQ_OK;
}

/* Rows the service may act on: what a crash loses of them matters. */
static bool durable_kind(const char *kind)
{
	return kind && (strcmp(kind, "invoice") == 0 || strcmp(kind, "commit") == 0 ||
			strcmp(kind, "uncommit") == 0);
}

/* The kind of row id ("" when there is none, or it cannot be read: then
 * the row is written durably). */
static bool durable_row(struct afcq_history *h, int64_t id)
{
	sqlite3_stmt *st = NULL;
	bool durable = true;
	if (sqlite3_prepare_v2(h->db, "SELECT kind FROM requests WHERE id = ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			durable = durable_kind((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return durable;
}

/* ---- open and schema --------------------------------------------------- */

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Brings the schema to HISTORY_SCHEMA_VERSION inside one write transaction,
 * so two handles opening a new file at once cannot both create it. */
static enum afcq_status migrate(struct afcq_history *h, struct afcq_error *err)
{
	/* The usual case, a file already at this version, needs no write lock:
	 * every command opens the history, and waiting for another's lock
	 * would cost them all. */
	if (user_version(h->db) == HISTORY_SCHEMA_VERSION)
		return AFCQ_OK;
	if (sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot lock");
	int v = user_version(h->db);
	if (v < 0) {
		history_db_error(err, h, "cannot read the schema version");
		goto fail;
	}
	if (v > HISTORY_SCHEMA_VERSION) {
		afcq_error_set(err, AFCQ_ERR_DB, h->path,
			       "written by a newer afcq (schema %d, this one knows %d)", v,
			       HISTORY_SCHEMA_VERSION);
		goto fail;
	}
	if (v < HISTORY_SCHEMA_VERSION) {
		/* every step, then the version: all or nothing */
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", HISTORY_SCHEMA_VERSION);
		if ((v < 1 && sqlite3_exec(h->db, schema_v1, NULL, NULL, NULL) != SQLITE_OK) ||
		    (v < 2 && sqlite3_exec(h->db, schema_v2, NULL, NULL, NULL) != SQLITE_OK) ||
		    (v < 3 && sqlite3_exec(h->db, schema_v3, NULL, NULL, NULL) != SQLITE_OK) ||
		    (v < 4 && sqlite3_exec(h->db, schema_v4, NULL, NULL, NULL) != SQLITE_OK) ||
		    sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			history_db_error(err, h, v ? "cannot upgrade the schema" : "cannot create the schema");
			goto fail;
		}
	}
	if (sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		history_db_error(err, h, "cannot commit the schema");
		goto fail;
	}
	return AFCQ_OK;
fail:
	sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return err ? err->status : AFCQ_ERR_DB;
}

struct afcq_history *afcq_history_open(const char *path, struct afcq_error *err)
{
	if (afcq_pg_is_url(path)) {
		struct history_pg *pg = history_pg_open(path, err);
		if (!pg)
			return NULL;
		struct afcq_history *h = afcq_xcalloc(1, sizeof *h);
		h->pg = pg;
		h->path = afcq_xstrdup(history_pg_where(pg));
		return h;
	}
	char *p = path ? afcq_xstrdup(path) : afcq_history_default_path();
	if (!p) {
		afcq_error_set(err, AFCQ_ERR_IO, "history",
			       "no place for the history store: neither XDG_STATE_HOME nor HOME is set");
		return NULL;
	}
	bool memory = strcmp(p, ":memory:") == 0;
	if (!memory && (afcq_make_parents(p, err) != AFCQ_OK || afcq_make_private_file(p, err) != AFCQ_OK)) {
		free(p);
		return NULL;
	}
	struct afcq_history *h = afcq_xcalloc(1, sizeof *h);
	h->path = p;
	h->actor = afcq_actor();
	if (sqlite3_open_v2(p, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		if (h->db)
			history_db_error(err, h, "cannot open");
		else
			afcq_error_set(err, AFCQ_ERR_NOMEM, p, "cannot open: out of memory");
		afcq_history_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h->db, HISTORY_BUSY_TIMEOUT_MS);
	/* WAL where the file system allows it; the schema is created durably,
	 * then quotes are written without a sync each (set_durable). */
	if (!memory) {
		/* WAL stays with the file once set: a file at this schema was
		 * set when it was made or upgraded (a file system without WAL
		 * keeps the rollback journal either way) */
		if (user_version(h->db) != HISTORY_SCHEMA_VERSION)
			sqlite3_exec(h->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		sqlite3_db_config(h->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		/* The first opener reads the whole log back (SQLite's recovery),
		 * so the log is kept short: checkpointed past 256 pages (1 MiB:
		 * every hundred small quotes or so, their only syncs) and cut back
		 * to 1 MiB. */
		sqlite3_exec(h->db, "PRAGMA wal_autocheckpoint = 256", NULL, NULL, NULL);
		sqlite3_exec(h->db, "PRAGMA journal_size_limit = 1048576", NULL, NULL, NULL);
	}
	/* the schema is created durably, then quotes are written without a
	 * sync each */
	if (set_durable(h, true, err) != AFCQ_OK || migrate(h, err) != AFCQ_OK ||
	    set_durable(h, false, err) != AFCQ_OK) {
		afcq_history_close(h);
		return NULL;
	}
	return h;
}

void afcq_history_close(struct afcq_history *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	history_pg_close(h->pg);
	free(h->path);
	free(h->actor);
	free(h);
}

/* ---- writing ------------------------------------------------------------ */

static void now_iso(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int history_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

/* The refusal of an invoice whose document code the file holds already
 * (its unique index said so): when the earlier one was sent. */
static enum afcq_status doc_taken(struct afcq_history *h, const char *doc,
				  struct afcq_error *err)
{
	sqlite3_stmt *st = NULL;
	const char *at = NULL;
	if (sqlite3_prepare_v2(h->db, "SELECT time FROM requests WHERE doc = ? AND kind = 'invoice'"
				      " ORDER BY id LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
		history_bind_text(st, 1, doc);
		if (sqlite3_step(st) == SQLITE_ROW)
			at = (const char *)sqlite3_column_text(st, 0);
	}
	enum afcq_status rc =
		at ? afcq_error_set(err, AFCQ_ERR_INVALID, "doc",
				    "document code %s is already in the journal (sent at %s)", doc, at)
		   : afcq_error_set(err, AFCQ_ERR_INVALID, "doc",
				    "document code %s is already in the journal", doc);
	sqlite3_finalize(st);
	return rc;
}

/* Inserts e as a pending record (one statement: its own transaction unless
 * the caller holds one). */
static enum afcq_status insert_pending(struct afcq_history *h, const struct afcq_history_entry *e,
				       int64_t *id, struct afcq_error *err)
{
	static const char sql[] =
		"INSERT INTO requests (time, endpoint, kind, doc, invn, request, outcome, by_user,"
		" customer, customer_account, customer_uid, customer_key)"
		" VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot record the request");
	char when[32];
	now_iso(when, sizeof when);
	history_bind_text(st, 1, when);
	history_bind_text(st, 2, e->endpoint ? e->endpoint : "");
	history_bind_text(st, 3, e->kind ? e->kind : "");
	history_bind_text(st, 4, e->doc);
	history_bind_text(st, 5, e->invn);
	/* not copied: a long request's text is held once more by the record
	 * SQLite writes, and outlives the statement */
	if (e->request)
		sqlite3_bind_text(st, 6, e->request, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
	history_bind_text(st, 7, h->actor);
	history_bind_text(st, 8, e->customer);
	history_bind_text(st, 9, e->customer ? e->customer_account : NULL);
	history_bind_text(st, 10, e->customer ? e->customer_uid : NULL);
	char *key = history_customer_key(e);
	if (key)
		sqlite3_bind_text(st, 11, key, -1, free);
	else
		sqlite3_bind_null(st, 11);
	enum afcq_status rc = AFCQ_OK;
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(h->db) == SQLITE_CONSTRAINT_UNIQUE && e->doc)
			rc = doc_taken(h, e->doc, err);
		else
			rc = history_db_error(err, h, "cannot record the request");
	} else if (id) {
		*id = sqlite3_last_insert_rowid(h->db);
	}
	sqlite3_finalize(st);
	return rc;
}

enum afcq_status afcq_history_begin(struct afcq_history *h, const struct afcq_history_entry *e,
				    int64_t *id, struct afcq_error *err)
{
	if (!h || !e)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store or no entry");
	if (h->pg)
		return history_pg_begin(h->pg, e, false, id, NULL, err);
	bool full = durable_kind(e->kind);
	enum afcq_status rc = full ? set_durable(h, true, err) : AFCQ_OK;
	if (rc != AFCQ_OK)
		return rc;
	rc = insert_pending(h, e, id, err);
	if (full)
		set_durable(h, false, NULL);
	return rc;
}

enum afcq_status afcq_history_finish(struct afcq_history *h, int64_t id, enum afcq_outcome outcome,
				     long http_status, double latency_ms, const char *response,
				     const char *detail, bool has_total, double total,
				     struct afcq_error *err)
{
	if (!h)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store");
	if (h->pg)
		return history_pg_finish(h->pg, id, outcome, http_status, latency_ms, response,
					 detail, has_total, total, err);
	static const char sql[] =
		"UPDATE requests SET outcome = ?, http_status = ?, latency_ms = ?, response = ?,"
		" detail = ?, total = ? WHERE id = ?";
	bool full = durable_row(h, id);
	enum afcq_status rc = full ? set_durable(h, true, err) : AFCQ_OK;
	if (rc != AFCQ_OK)
		return rc;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = history_db_error(err, h, "cannot complete the record");
		if (full)
			set_durable(h, false, NULL);
		return rc;
	}
	sqlite3_bind_int(st, 1, (int)outcome);
	sqlite3_bind_int64(st, 2, http_status);
	sqlite3_bind_double(st, 3, latency_ms);
	history_bind_text(st, 4, response);
	history_bind_text(st, 5, detail);
	if (has_total)
		sqlite3_bind_double(st, 6, total);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_int64(st, 7, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = history_db_error(err, h, "cannot complete the record");
	else if (sqlite3_changes(h->db) == 0)
		rc = afcq_error_set(err, AFCQ_ERR_USAGE, h->path, "no history entry %lld",
				    (long long)id);
	sqlite3_finalize(st);
	if (full)
		set_durable(h, false, NULL);
	return rc;
}

/* ---- reading ------------------------------------------------------------ */

static char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? afcq_xstrdup((const char *)s) : NULL;
}

static void read_entry(sqlite3_stmt *st, bool full, struct afcq_history_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	e->time = column_text(st, 1);
	e->endpoint = column_text(st, 2);
	e->kind = column_text(st, 3);
	e->doc = column_text(st, 4);
	e->invn = column_text(st, 5);
	e->http_status = (long)sqlite3_column_int64(st, 6);
	e->latency_ms = sqlite3_column_double(st, 7);
	int o = sqlite3_column_int(st, 8);
	e->outcome = o >= AFCQ_OUTCOME_PENDING && o <= AFCQ_OUTCOME_NEVER_ARRIVED
			     ? (enum afcq_outcome)o : AFCQ_OUTCOME_FAILED;
	e->detail = column_text(st, 9);
	e->has_total = sqlite3_column_type(st, 10) != SQLITE_NULL;
	e->total = e->has_total ? sqlite3_column_double(st, 10) : 0;
	e->customer = column_text(st, 11);
	e->customer_account = column_text(st, 12);
	e->customer_uid = column_text(st, 13);
	if (full) {
		e->request = column_text(st, 14);
		e->response = column_text(st, 15);
		e->by = column_text(st, 16);
	}
}

enum afcq_status history_collect(struct afcq_history *h, sqlite3_stmt *st,
				struct afcq_history_entry **out, size_t *n, struct afcq_error *err)
{
	struct afcq_history_entry *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = afcq_xrealloc(v, cap * sizeof *v);
		}
		read_entry(st, false, &v[len++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		afcq_history_list_free(v, len);
		return history_db_error(err, h, "cannot read the history");
	}
	*out = v;
	*n = len;
	return AFCQ_OK;
}

enum afcq_status afcq_history_list(struct afcq_history *h, size_t limit,
				   struct afcq_history_entry **out, size_t *n, struct afcq_error *err)
{
	return afcq_history_list_by(h, limit, false, out, n, err);
}

enum afcq_status afcq_history_list_by(struct afcq_history *h, size_t limit, bool all,
				      struct afcq_history_entry **out, size_t *n,
				      struct afcq_error *err)
{
	*out = NULL;
	*n = 0;
	if (!h)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store");
	if (h->pg)
		return history_pg_list(h->pg, limit, all, out, n, err);
	static const char sql[] =
		"SELECT " HISTORY_ENTRY_COLUMNS " FROM requests ORDER BY id DESC LIMIT ?";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot read the history");
	sqlite3_bind_int64(st, 1, limit == 0 || (uint64_t)limit > (uint64_t)INT64_MAX ? -1 : (sqlite3_int64)limit);
	return history_collect(h, st, out, n, err);
}

void afcq_history_list_free(struct afcq_history_entry *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		afcq_history_entry_done(&v[i]);
	free(v);
}

enum afcq_status afcq_history_get(struct afcq_history *h, int64_t id, struct afcq_history_entry *out,
				  struct afcq_error *err)
{
	memset(out, 0, sizeof *out);
	if (!h)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store");
	if (h->pg)
		return history_pg_get(h->pg, id, out, err);
	static const char sql[] =
		"SELECT " HISTORY_ENTRY_COLUMNS ", request, response, by_user FROM requests WHERE id = ?";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot read the history");
	sqlite3_bind_int64(st, 1, id);
	enum afcq_status status = AFCQ_OK;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_entry(st, true, out);
	else if (rc == SQLITE_DONE)
		status = afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no history entry %lld",
					(long long)id);
	else
		status = history_db_error(err, h, "cannot read the history");
	sqlite3_finalize(st);
	return status;
}

bool afcq_history_doc_used(struct afcq_history *h, const char *doc)
{
	if (!h || afcq_str_empty(doc))
		return false;
	if (h->pg)
		return history_pg_doc_used(h->pg, doc);
	static const char sql[] =
		"SELECT 1 FROM requests WHERE doc = ? AND kind = 'invoice' LIMIT 1";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	history_bind_text(st, 1, doc);
	bool used = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return used;
}

/* ---- unknown outcomes ----------------------------------------------------- */

enum afcq_status afcq_history_unknown(struct afcq_history *h, const char *endpoint,
				      const char *doc, struct afcq_history_entry **out, size_t *n,
				      struct afcq_error *err)
{
	*out = NULL;
	*n = 0;
	if (!h)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store");
	if (h->pg)
		return history_pg_unknown(h->pg, endpoint, doc, out, n, err);
	static const char sql[] =
		"SELECT " HISTORY_ENTRY_COLUMNS " FROM requests WHERE outcome = 0"
		" AND kind IN ('invoice', 'commit', 'uncommit')"
		" AND (?1 IS NULL OR endpoint = ?1) AND (?2 IS NULL OR doc = ?2) ORDER BY id";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot read the history");
	history_bind_text(st, 1, endpoint);
	history_bind_text(st, 2, doc);
	return history_collect(h, st, out, n, err);
}

enum afcq_status afcq_history_invoice_blocker(struct afcq_history *h, const char *endpoint,
					      const char *invn, struct afcq_history_entry *out,
					      bool *found, struct afcq_error *err)
{
	*found = false;
	memset(out, 0, sizeof *out);
	if (!h)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store");
	if (afcq_str_empty(invn))
		return AFCQ_OK;
	if (h->pg)
		return history_pg_invoice_blocker(h->pg, endpoint, invn, out, found, err);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT " HISTORY_ENTRY_COLUMNS " FROM requests WHERE kind = 'invoice' AND endpoint = ?"
		 " AND invn = ? AND outcome IN (%d, %d) ORDER BY id LIMIT 1",
		 (int)AFCQ_OUTCOME_PENDING, (int)AFCQ_OUTCOME_ARRIVED);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot read the history");
	history_bind_text(st, 1, endpoint ? endpoint : "");
	history_bind_text(st, 2, invn);
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	enum afcq_status rc = history_collect(h, st, &v, &n, err);
	if (rc == AFCQ_OK && n) {
		*out = v[0];
		*found = true;
		free(v);
	}
	return rc;
}

const char *afcq_history_blocker_line(const struct afcq_history_entry *b, char *buf, size_t n)
{
	const char *doc = b->doc ? b->doc : "(no document code)";
	const char *when = b->time ? b->time : "?";
	if (b->outcome == AFCQ_OUTCOME_ARRIVED)
		snprintf(buf, n,
			 "invoice %s: the service already has it as document %s (sent %s to %s); "
			 "sending it again would make a second document",
			 b->invn ? b->invn : "", doc, when, b->endpoint ? b->endpoint : "");
	else
		snprintf(buf, n,
			 "invoice %s: document %s sent %s to %s has an unknown outcome "
			 "(the service may have it); sending it again could make a second document",
			 b->invn ? b->invn : "", doc, when, b->endpoint ? b->endpoint : "");
	return buf;
}

enum afcq_status afcq_history_begin_invoice(struct afcq_history *h,
					    const struct afcq_history_entry *e, int64_t *id,
					    struct afcq_history_entry *blocker,
					    struct afcq_error *err)
{
	if (blocker)
		memset(blocker, 0, sizeof *blocker);
	if (!h || !e)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store or no entry");
	if (h->pg)
		return history_pg_begin(h->pg, e, true, id, blocker, err);
	if (set_durable(h, true, err) != AFCQ_OK)
		return AFCQ_ERR_DB;
	if (sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		enum afcq_status rc = history_db_error(err, h, "cannot lock");
		set_durable(h, false, NULL);
		return rc;
	}
	struct afcq_history_entry b;
	bool found = false;
	enum afcq_status rc = afcq_history_invoice_blocker(h, e->endpoint, e->invn, &b, &found, err);
	if (rc == AFCQ_OK && found) {
		char line[sizeof err->msg];
		rc = afcq_error_set(err, AFCQ_ERR_INVALID, "", "%s",
				    afcq_history_blocker_line(&b, line, sizeof line));
		if (blocker)
			*blocker = b;
		else
			afcq_history_entry_done(&b);
	}
	if (rc == AFCQ_OK)
		rc = insert_pending(h, e, id, err);
	if (rc == AFCQ_OK && sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = history_db_error(err, h, "cannot record the request");
	if (rc != AFCQ_OK)
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	set_durable(h, false, NULL);
	return rc;
}

enum afcq_status afcq_history_resolve(struct afcq_history *h, int64_t id,
				      enum afcq_outcome outcome, const char *detail,
				      struct afcq_error *err)
{
	if (!h)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no store");
	if (outcome != AFCQ_OUTCOME_ARRIVED && outcome != AFCQ_OUTCOME_NEVER_ARRIVED)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history", "not a resolution");
	if (h->pg)
		return history_pg_resolve(h->pg, id, outcome, detail, err);
	static const char sql[] =
		"UPDATE requests SET outcome = ?, detail = ? WHERE id = ? AND outcome = 0";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot complete the record");
	sqlite3_bind_int(st, 1, (int)outcome);
	history_bind_text(st, 2, detail);
	sqlite3_bind_int64(st, 3, id);
	enum afcq_status rc = set_durable(h, true, err);
	if (rc != AFCQ_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = history_db_error(err, h, "cannot complete the record");
	else if (sqlite3_changes(h->db) == 0)
		rc = afcq_error_set(err, AFCQ_ERR_USAGE, h->path,
				    "history entry %lld has no unknown outcome", (long long)id);
	sqlite3_finalize(st);
	set_durable(h, false, NULL);
	return rc;
}

/* ---- a team's journal ---------------------------------------------------------- */

void afcq_history_set_wait(struct afcq_history *h, int ms)
{
	if (h && h->pg)
		history_pg_set_wait(h->pg, ms);
}

bool afcq_history_check(struct afcq_history *h)
{
	return !h || !h->pg || history_pg_check(h->pg);
}

bool afcq_history_shared(const struct afcq_history *h)
{
	return h && h->pg;
}

const char *afcq_history_where(const struct afcq_history *h)
{
	return h ? h->path : "history";
}

enum afcq_status afcq_history_import(struct afcq_history *h, const struct afcq_history_entry *e,
				     const char *origin, bool *added, struct afcq_error *err)
{
	*added = false;
	if (!h || !h->pg)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history",
				      "entries are copied into a team's store only");
	return history_pg_import(h->pg, e, origin, added, err);
}

enum afcq_status afcq_history_forget(struct afcq_history *h, const int64_t *ids, size_t n,
				     struct afcq_error *err)
{
	if (!h || h->pg)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "history",
				      "entries are removed from a file only");
	if (n == 0)
		return AFCQ_OK;
	if (sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return history_db_error(err, h, "cannot lock");
	sqlite3_stmt *st = NULL;
	enum afcq_status rc = AFCQ_OK;
	if (sqlite3_prepare_v2(h->db, "DELETE FROM requests WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		rc = history_db_error(err, h, "cannot remove entries");
	for (size_t i = 0; rc == AFCQ_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = history_db_error(err, h, "cannot remove entries");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == AFCQ_OK && sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = history_db_error(err, h, "cannot remove entries");
	if (rc != AFCQ_OK)
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
