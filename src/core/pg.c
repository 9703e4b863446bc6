/* pg.c - the connection to a team's PostgreSQL store: the setting, the
 * server's name in messages, the schema and its migrations, statements
 * with one reconnection.  See afcq/pg.h.
 *
 * Every value travels as text (PQexecParams with text parameters, casts in
 * the SQL), so no binary formats are involved.  The schema's version is the
 * one row of afcq_schema; opening takes a transaction-scoped advisory lock
 * first, so two workstations opening a fresh database at once cannot both
 * create it.  That check is given up within a few seconds (OPEN_WAIT_MS)
 * when the server hangs or another session keeps the lock.
 */
#include "afcq/pg.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "afcq/actor.h"
#include "afcq/pq_api.h"
#include "afcq/str.h"

/* Seconds libpq waits for a connection (the setting may say otherwise). */
#define CONNECT_TIMEOUT "5"

/* Any constant will do: it names "afcq's schema" among advisory locks
 * (pg_locks shows it as classid 1, objid 3060640745). */
#define SCHEMA_LOCK_KEY "7355608041"

/* Opening's check of the schema (its lock, its version) is given up after
 * this long: a server that accepted the connection and hangs, or another
 * session holding the schema's lock, must not hold up a workstation or a
 * command.  The server itself stops waiting for the lock a little sooner,
 * so that case is named as what it is. */
#define OPEN_WAIT_MS 4000
#define SCHEMA_LOCK_TIMEOUT "3s"
#define LOCK_NOT_AVAILABLE "55P03"

struct afcq_pg {
	PGconn *conn;
	char *where;     /* the server, for messages */
	char *actor;     /* user@host */
	bool in_tx;      /* a lost connection inside one cannot be retried */
	int wait_ms;     /* a statement's time limit (0: none), afcq_pg_set_wait */
	bool hung;       /* a statement ran out of time: the connection is given up */
};

/* libpq's table.  Every path to a connection or a result starts in
 * afcq_pg_open or afcq_pg_check_setting, which load libpq first (and stop
 * when it cannot be loaded), so here it is always loaded. */
static const struct afcq_pq_api *pq(void)
{
	return afcq_pq_api(NULL);
}

/* A schema step: its SQL, then what SQL alone cannot do (when set), in the
 * same transaction. */
struct migration {
	const char *sql;
	enum afcq_status (*run)(struct afcq_pg *pg, struct afcq_error *err);
};

/* migrations[i] brings the schema from version i to i + 1. */
static const struct migration migrations[AFCQ_PG_SCHEMA_VERSION] = {
	/* 1: the customer book and the products (as in the SQLite store). */
	{ .sql = "CREATE TABLE customers ("
	" id BIGSERIAL PRIMARY KEY,"
	" uid TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" account TEXT,"
	" phones TEXT NOT NULL DEFAULT '[]',"
	" bill TEXT NOT NULL DEFAULT '{}',"
	" cust BIGINT,"
	" lfln BOOLEAN,"
	" exms TEXT NOT NULL DEFAULT '[]',"
	" products TEXT NOT NULL DEFAULT '[]',"
	" search TEXT NOT NULL DEFAULT '',"
	" used BIGINT NOT NULL DEFAULT 0,"
	" rev BIGINT NOT NULL DEFAULT 1,"
	" changed_by TEXT,"
	" changed_at TEXT);"
	"CREATE INDEX customers_account ON customers(account);"
	"CREATE INDEX customers_used ON customers(used);"
	"CREATE TABLE products ("
	" id BIGSERIAL PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" search TEXT NOT NULL DEFAULT '',"
	" itms TEXT NOT NULL DEFAULT '[]');"
	"CREATE UNIQUE INDEX products_name ON products(lower(name));" },
	/* 2: the journal of what was sent, shared by the team: who sent it,
	 * and document codes unique among invoices. */
	{ .sql = "CREATE TABLE journal ("
	" id BIGSERIAL PRIMARY KEY,"
	" time TEXT NOT NULL,"
	" endpoint TEXT NOT NULL DEFAULT '',"
	" kind TEXT NOT NULL DEFAULT '',"
	" doc TEXT,"
	" invn TEXT,"
	" request TEXT,"
	" response TEXT,"
	" http_status BIGINT NOT NULL DEFAULT 0,"
	" latency_ms DOUBLE PRECISION NOT NULL DEFAULT 0,"
	" outcome INTEGER NOT NULL DEFAULT 0,"
	" detail TEXT,"
	" total DOUBLE PRECISION,"
	" by_user TEXT NOT NULL DEFAULT '',"
	" origin TEXT UNIQUE);"
	"CREATE UNIQUE INDEX journal_invoice_doc ON journal(doc) WHERE kind = 'invoice';"
	"CREATE INDEX journal_invn ON journal(invn, kind);"
	"CREATE INDEX journal_by ON journal(by_user);" },
	/* 3: every search key as the store makes it now (O'Brien found by
	 * "obri"). */
	{ .run = afcq_pg_rebuild_search_keys },
	/* 4: again, as words with accents are keyed without them too (José
	 * found by "jose"). */
	{ .run = afcq_pg_rebuild_search_keys },
	/* 5: the customer of the book each journal entry was made for, and
	 * the words it is found by (afcq/words.h); rows before have none. */
	{ .sql = "ALTER TABLE journal ADD COLUMN IF NOT EXISTS customer TEXT,"
	" ADD COLUMN IF NOT EXISTS customer_account TEXT,"
	" ADD COLUMN IF NOT EXISTS customer_uid TEXT,"
	" ADD COLUMN IF NOT EXISTS customer_key TEXT;" },
};

bool afcq_pg_is_url(const char *where)
{
	if (!where)
		return false;
	if (strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0)
		return true;
	/* key=value: a first word of letters and '_' followed by '=' */
	const char *p = where;
	while (*p == ' ')
		p++;
	const char *w = p;
	while ((*p >= 'a' && *p <= 'z') || *p == '_')
		p++;
	while (*p == ' ')
		p++;
	return p > w && *p == '=';
}

/* The first line of libpq's message, without "ERROR:  " and the newline. */
static void first_line(const char *msg, char *buf, size_t n)
{
	if (!msg)
		msg = "";
	if (strncmp(msg, "ERROR:  ", 8) == 0)
		msg += 8;
	size_t len = strcspn(msg, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(buf, msg, len);
	buf[len] = '\0';
	if (!buf[0])
		snprintf(buf, n, "no reason given");
}

/* "postgresql://user@host:port/db" from the parsed setting, or "" when
 * nothing says; sets *password when the setting holds one. */
static char *describe(PQconninfoOption *opts, bool *password)
{
	const char *host = NULL, *hostaddr = NULL, *port = NULL, *db = NULL, *user = NULL,
		   *service = NULL;
	*password = false;
	for (PQconninfoOption *o = opts; o && o->keyword; o++) {
		if (!o->val || !o->val[0])
			continue;
		if (strcmp(o->keyword, "host") == 0)
			host = o->val;
		else if (strcmp(o->keyword, "hostaddr") == 0)
			hostaddr = o->val;
		else if (strcmp(o->keyword, "port") == 0)
			port = o->val;
		else if (strcmp(o->keyword, "dbname") == 0)
			db = o->val;
		else if (strcmp(o->keyword, "user") == 0)
			user = o->val;
		else if (strcmp(o->keyword, "service") == 0)
			service = o->val;
		else if (strcmp(o->keyword, "password") == 0)
			*password = true;
	}
	if (!host)
		host = hostaddr;
	if (service && !host)
		return afcq_xasprintf("postgresql service %s", service);
	return afcq_xasprintf("postgresql://%s%s%s%s%s/%s", user ? user : "", user ? "@" : "",
			      host ? host : "localhost", port ? ":" : "", port ? port : "",
			      db ? db : (user ? user : ""));
}

static enum afcq_status server_error(struct afcq_pg *pg, const char *what, const char *msg,
				     struct afcq_error *err)
{
	char line[400];
	first_line(msg, line, sizeof line);
	return afcq_error_set(err, AFCQ_ERR_DB, pg->where, "%s: %s", what, line);
}

/* ---- statements -------------------------------------------------------------- */

static bool lost(struct afcq_pg *pg)
{
	return pg->hung || pq()->PQstatus(pg->conn) == CONNECTION_BAD;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits until the connection's socket is ready for events or the deadline
 * passes: > 0 ready, 0 out of time, < 0 no socket. */
static int wait_socket(PGconn *conn, short events, int64_t deadline)
{
	int fd = pq()->PQsocket(conn);
	if (fd < 0)
		return -1;
	for (;;) {
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return 0;
		struct pollfd p = { .fd = fd, .events = events };
		int r = poll(&p, 1, (int)left);
		if (r >= 0 || errno != EINTR)
			return r;
	}
}

/* A statement within pg->wait_ms: sent without blocking, its answer read
 * as it comes.  The last result, as PQexec gives it; NULL with *late set
 * when the server did not answer in time (the connection is then given
 * up: its state is unknown), or NULL when it could not be sent. */
static PGresult *run_waiting(struct afcq_pg *pg, const char *sql, int n,
			     const char *const *params, bool *late)
{
	*late = false;
	PGconn *c = pg->conn;
	int sent = n ? pq()->PQsendQueryParams(c, sql, n, NULL, params, NULL, NULL, 0)
		     : pq()->PQsendQuery(c, sql);
	if (!sent)
		return NULL;
	int64_t deadline = now_ms() + pg->wait_ms;
	PGresult *last = NULL;
	for (;;) {
		int f = pq()->PQflush(c);
		if (f < 0)
			break;
		if (f == 0 && !pq()->PQisBusy(c)) {
			PGresult *r = pq()->PQgetResult(c);
			if (!r)
				break;
			pq()->PQclear(last);
			last = r;
			continue;
		}
		int w = wait_socket(c, f ? POLLIN | POLLOUT : POLLIN, deadline);
		if (w == 0) {
			pq()->PQclear(last);
			pg->hung = true;
			*late = true;
			return NULL;
		}
		if (w < 0 || !pq()->PQconsumeInput(c))
			break;
	}
	if (!last)
		last = pq()->PQgetResult(c);
	return last;
}

/* A new connection in place of a lost one: PQreset, within pg->wait_ms
 * when there is a limit (libpq's connect_timeout otherwise). */
static bool reconnect(struct afcq_pg *pg)
{
	pg->hung = false;
	if (!pg->wait_ms) {
		pq()->PQreset(pg->conn);
		return pq()->PQstatus(pg->conn) == CONNECTION_OK;
	}
	if (!pq()->PQresetStart(pg->conn))
		return false;
	int64_t deadline = now_ms() + pg->wait_ms;
	/* as libpq asks: first wait until the socket can be written */
	for (PostgresPollingStatusType st = PGRES_POLLING_WRITING;;) {
		if (wait_socket(pg->conn, st == PGRES_POLLING_READING ? POLLIN : POLLOUT,
				deadline) <= 0) {
			pg->hung = true;
			return false;
		}
		st = pq()->PQresetPoll(pg->conn);
		if (st == PGRES_POLLING_OK) {
			pq()->PQsetnonblocking(pg->conn, 1);
			return true;
		}
		if (st == PGRES_POLLING_FAILED)
			return false;
	}
}

void afcq_pg_set_wait(struct afcq_pg *pg, int ms)
{
	pg->wait_ms = ms > 0 ? ms : 0;
	pq()->PQsetnonblocking(pg->conn, pg->wait_ms > 0);
}

bool afcq_pg_check(struct afcq_pg *pg)
{
	if (lost(pg))
		return false;
	/* Idle, nothing is expected: what arrives is the server saying it
	 * goes away (a shutdown), or the end of the connection. */
	if (pq()->PQtransactionStatus(pg->conn) == PQTRANS_IDLE && pq()->PQconsumeInput(pg->conn))
		(void)pq()->PQisBusy(pg->conn);
	return !lost(pg);
}

struct pg_result *afcq_pg_exec(struct afcq_pg *pg, const char *sql, int n,
			       const char *const *params, const char *what, char sqlstate[6],
			       struct afcq_error *err)
{
	if (sqlstate)
		sqlstate[0] = '\0';
	for (int attempt = 0;; attempt++) {
		if (pg->hung) {
			/* a statement ran out of time before: given up for
			 * good (a new handle is the way back, afcq_pg_check) */
			pg->in_tx = false;
			server_error(pg, what, "the server stopped answering (it may be hung or "
					       "unreachable)", err);
			return NULL;
		}
		/* Without parameters a setting may hold several statements. */
		bool late = false;
		PGresult *r = pg->wait_ms ? run_waiting(pg, sql, n, params, &late)
			      : n ? pq()->PQexecParams(pg->conn, sql, n, NULL, params, NULL, NULL, 0)
				  : pq()->PQexec(pg->conn, sql);
		if (late) {
			char why[96];
			snprintf(why, sizeof why, "no answer within %d s (the server may be hung "
						  "or unreachable)", (pg->wait_ms + 999) / 1000);
			pg->in_tx = false;
			server_error(pg, what, why, err);
			return NULL;
		}
		ExecStatusType st = r ? pq()->PQresultStatus(r) : PGRES_FATAL_ERROR;
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
			return (struct pg_result *)r;
		if (attempt == 0 && !pg->in_tx && lost(pg)) {
			/* The server went away (restart, idle timeout): once more
			 * on a new connection. */
			pq()->PQclear(r);
			if (reconnect(pg))
				continue;
			server_error(pg, "connection lost and not regained",
				     pg->hung ? "no answer in time" : pq()->PQerrorMessage(pg->conn), err);
			return NULL;
		}
		if (lost(pg))
			pg->in_tx = false;
		const char *state = r ? pq()->PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
		if (sqlstate && state)
			snprintf(sqlstate, 6, "%s", state);
		server_error(pg, what, r ? pq()->PQresultErrorMessage(r) : pq()->PQerrorMessage(pg->conn), err);
		pq()->PQclear(r);
		return NULL;
	}
}

int afcq_pg_rows(const struct pg_result *r)
{
	return pq()->PQntuples((const PGresult *)r);
}

int afcq_pg_changed(const struct pg_result *r)
{
	const char *s = pq()->PQcmdTuples((PGresult *)r);
	return s && *s ? atoi(s) : 0;
}

bool afcq_pg_null(const struct pg_result *r, int row, int col)
{
	return pq()->PQgetisnull((const PGresult *)r, row, col) != 0;
}

const char *afcq_pg_text(const struct pg_result *r, int row, int col)
{
	return afcq_pg_null(r, row, col) ? NULL : pq()->PQgetvalue((const PGresult *)r, row, col);
}

char *afcq_pg_dup(const struct pg_result *r, int row, int col)
{
	const char *s = afcq_pg_text(r, row, col);
	return s ? afcq_xstrdup(s) : NULL;
}

int64_t afcq_pg_int(const struct pg_result *r, int row, int col)
{
	const char *s = afcq_pg_text(r, row, col);
	if (!s)
		return 0;
	if (strcmp(s, "t") == 0)
		return 1;
	return strtoll(s, NULL, 10);
}

double afcq_pg_double(const struct pg_result *r, int row, int col)
{
	const char *s = afcq_pg_text(r, row, col);
	return s ? strtod(s, NULL) : 0;
}

void afcq_pg_clear(struct pg_result *r)
{
	pq()->PQclear((PGresult *)r);
}

enum afcq_status afcq_pg_run(struct afcq_pg *pg, const char *sql, const char *what,
			     struct afcq_error *err)
{
	struct pg_result *r = afcq_pg_exec(pg, sql, 0, NULL, what, NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	afcq_pg_clear(r);
	return AFCQ_OK;
}

enum afcq_status afcq_pg_begin(struct afcq_pg *pg, struct afcq_error *err)
{
	enum afcq_status st = afcq_pg_run(pg, "BEGIN", "cannot begin a transaction", err);
	pg->in_tx = st == AFCQ_OK;
	return st;
}

enum afcq_status afcq_pg_commit(struct afcq_pg *pg, struct afcq_error *err)
{
	enum afcq_status st = afcq_pg_run(pg, "COMMIT", "cannot commit", err);
	pg->in_tx = false;
	return st;
}

void afcq_pg_rollback(struct afcq_pg *pg)
{
	bool late;
	if (!lost(pg))
		pq()->PQclear(pg->wait_ms ? run_waiting(pg, "ROLLBACK", 0, NULL, &late)
				    : pq()->PQexec(pg->conn, "ROLLBACK"));
	pg->in_tx = false;
}

/* ---- schema ------------------------------------------------------------------- */

/* The schema's version as it stands, read without the lock: -1 when
 * there is no schema yet, or it cannot be read (the locked path then
 * says why). */
static int version_unlocked(struct afcq_pg *pg)
{
	struct afcq_error ignored;
	afcq_error_clear(&ignored);
	struct pg_result *r = afcq_pg_exec(pg,
					   "SELECT COALESCE(MAX(version), -1) FROM afcq_schema",
					   0, NULL, "cannot read the schema version", NULL, &ignored);
	int v = r && afcq_pg_rows(r) == 1 && !afcq_pg_null(r, 0, 0) ? (int)afcq_pg_int(r, 0, 0) : -1;
	afcq_pg_clear(r);
	return v;
}

static enum afcq_status migrate(struct afcq_pg *pg, struct afcq_error *err)
{
	/* The usual case, a schema at this version, is read without the lock,
	 * so that opening never waits for a session that holds it (an upgrade
	 * under way reads as the version before it, and waits as below). */
	if (version_unlocked(pg) == AFCQ_PG_SCHEMA_VERSION)
		return AFCQ_OK;
	if (afcq_pg_begin(pg, err) != AFCQ_OK)
		return AFCQ_ERR_DB;
	/* The lock waited for at most SCHEMA_LOCK_TIMEOUT; the steps after
	 * it wait for their tables' locks as long as it takes. */
	char state[6];
	struct pg_result *r = afcq_pg_exec(pg, "SET LOCAL lock_timeout = '" SCHEMA_LOCK_TIMEOUT "';"
					   "SELECT pg_advisory_xact_lock(" SCHEMA_LOCK_KEY ");"
					   "SET LOCAL lock_timeout = 0",
					   0, NULL, "cannot lock the schema", state, err);
	enum afcq_status st = r ? AFCQ_OK : AFCQ_ERR_DB;
	afcq_pg_clear(r);
	if (!r && strcmp(state, LOCK_NOT_AVAILABLE) == 0)
		afcq_error_set(err, AFCQ_ERR_DB, pg->where,
			       "cannot open the store: schema lock busy (held by another session, "
			       "an afcq upgrading the tables or one stopped while opening them; "
			       "pg_locks shows it as an advisory lock with objid 3060640745); try "
			       "again in a moment, or end that session with pg_terminate_backend");
	/* Asked first: a rep's role may lack the right to create tables, which
	 * even CREATE ... IF NOT EXISTS checks. */
	r = NULL;
	if (st == AFCQ_OK)
		r = afcq_pg_exec(pg, "SELECT to_regclass('afcq_schema') IS NULL", 0, NULL,
				 "cannot read the schema version", NULL, err);
	if (!r)
		st = AFCQ_ERR_DB;
	else if (afcq_pg_int(r, 0, 0))
		st = afcq_pg_run(pg, "CREATE TABLE afcq_schema (version INTEGER NOT NULL)",
				 "cannot create the schema", err);
	afcq_pg_clear(r);
	r = NULL;
	if (st == AFCQ_OK)
		r = afcq_pg_exec(pg, "SELECT COALESCE(MAX(version), 0) FROM afcq_schema", 0, NULL,
				 "cannot read the schema version", NULL, err);
	if (!r) {
		afcq_pg_rollback(pg);
		return AFCQ_ERR_DB;
	}
	int v = (int)afcq_pg_int(r, 0, 0);
	afcq_pg_clear(r);
	if (v > AFCQ_PG_SCHEMA_VERSION) {
		afcq_pg_rollback(pg);
		return afcq_error_set(err, AFCQ_ERR_DB, pg->where,
				      "written by a newer afcq (schema %d, this one knows %d)", v,
				      AFCQ_PG_SCHEMA_VERSION);
	}
	/* An upgrade (rare: once a version, by whoever opens first) may take
	 * longer than a check: its steps are not given up. */
	if (v < AFCQ_PG_SCHEMA_VERSION)
		afcq_pg_set_wait(pg, 0);
	for (; st == AFCQ_OK && v < AFCQ_PG_SCHEMA_VERSION; v++) {
		char what[64], sql[96];
		snprintf(what, sizeof what, "cannot upgrade the schema to version %d", v + 1);
		snprintf(sql, sizeof sql, "DELETE FROM afcq_schema; INSERT INTO afcq_schema VALUES (%d)",
			 v + 1);
		if (migrations[v].sql)
			st = afcq_pg_run(pg, migrations[v].sql, what, err);
		if (st == AFCQ_OK && migrations[v].run)
			st = migrations[v].run(pg, err);
		if (st == AFCQ_OK)
			st = afcq_pg_run(pg, sql, what, err);
	}
	if (st == AFCQ_OK)
		return afcq_pg_commit(pg, err);
	afcq_pg_rollback(pg);
	return st;
}

const char *afcq_pg_check_setting(const char *where)
{
	if (afcq_str_empty(where))
		return NULL;
	if (!afcq_pg_is_url(where))
		return "must be a PostgreSQL connection string: postgresql://USER@HOST/DATABASE "
		       "or host=... dbname=...";
	if (!afcq_pq_api(NULL))
		return "needs libpq, which cannot be loaded: install Debian's package libpq5";
	PQconninfoOption *opts = pq()->PQconninfoParse(where, NULL);
	if (!opts)
		return "is not a PostgreSQL connection string: write postgresql://USER@HOST/DATABASE";
	bool password;
	free(describe(opts, &password));
	pq()->PQconninfoFree(opts);
	return password ? "must not hold a password: give it to libpq through PGPASSFILE "
			  "(~/.pgpass), PGPASSWORD or a service file"
			: NULL;
}

/* ---- open and close ------------------------------------------------------------- */

static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* libpq's parse message, unless it might quote a password (it can quote
 * the setting itself). */
static const char *safe_parse_message(const char *where, const char *msg)
{
	return strchr(where, '@') || strstr(where, "password") ? "" : msg;
}

struct afcq_pg *afcq_pg_open(const char *where, struct afcq_error *err)
{
	if (!afcq_pq_api(err))
		return NULL;
	char *perr = NULL;
	PQconninfoOption *opts = pq()->PQconninfoParse(where, &perr);
	if (!opts) {
		char line[300];
		first_line(safe_parse_message(where, perr ? perr : ""), line, sizeof line);
		pq()->PQfreemem(perr);
		afcq_error_set(err, AFCQ_ERR_CONFIG, "store",
			       "not a PostgreSQL connection string (%s); write "
			       "postgresql://USER@HOST/DATABASE or host=... dbname=...",
			       line);
		return NULL;
	}
	bool password;
	char *label = describe(opts, &password);
	pq()->PQconninfoFree(opts);
	if (password) {
		afcq_error_set(err, AFCQ_ERR_CONFIG, "store",
			       "%s: a password in the store setting is refused; give it to "
			       "libpq through PGPASSFILE (~/.pgpass), PGPASSWORD or a service file",
			       label);
		free(label);
		return NULL;
	}
	struct afcq_pg *pg = afcq_xcalloc(1, sizeof *pg);
	pg->where = label;
	/* Defaults first: what the setting says wins (expand_dbname). */
	/* A server that does not answer is given up within a few seconds;
	 * keepalives find a connection whose server vanished while idle. */
	const char *const keys[] = { "connect_timeout", "keepalives", "keepalives_idle",
				     "keepalives_interval", "keepalives_count",
				     "application_name", "dbname", NULL };
	const char *const vals[] = { CONNECT_TIMEOUT, "1", "30", "10", "3",
				     "afcq", where, NULL };
	pg->conn = pq()->PQconnectdbParams(keys, vals, 1);
	if (!pg->conn) {
		afcq_error_set(err, AFCQ_ERR_NOMEM, pg->where, "cannot connect: out of memory");
		afcq_pg_close(pg);
		return NULL;
	}
	if (pq()->PQstatus(pg->conn) != CONNECTION_OK) {
		server_error(pg, "cannot connect", pq()->PQerrorMessage(pg->conn), err);
		/* libpq's connect_timeout: say what it means */
		if (err && strstr(err->msg, "timeout expired"))
			snprintf(err->msg + strlen(err->msg), sizeof err->msg - strlen(err->msg),
				 " (nothing answered as a PostgreSQL server does; check the host "
				 "and port, and that the server is running and not overloaded)");
		afcq_pg_close(pg);
		return NULL;
	}
	/* Notices and warnings ("table exists, skipping") would land on the
	 * terminal under the workstation: libpq's default prints them to
	 * stderr.  The processor stays with the connection across PQreset. */
	pq()->PQsetNoticeProcessor(pg->conn, ignore_notice, NULL);
	afcq_pg_set_wait(pg, OPEN_WAIT_MS);
	if (migrate(pg, err) != AFCQ_OK) {
		if (pg->hung)
			afcq_error_set(err, AFCQ_ERR_DB, pg->where,
				       "cannot check the schema: no answer within %d s (the server "
				       "accepted the connection and then stopped answering; check that "
				       "it is running and not overloaded, then try again)",
				       OPEN_WAIT_MS / 1000);
		afcq_pg_close(pg);
		return NULL;
	}
	/* the caller sets its own limit, if any (afcq_pg_set_wait) */
	afcq_pg_set_wait(pg, 0);
	pg->actor = afcq_actor();
	return pg;
}

void afcq_pg_close(struct afcq_pg *pg)
{
	if (!pg)
		return;
	pq()->PQfinish(pg->conn);
	free(pg->where);
	free(pg->actor);
	free(pg);
}

const char *afcq_pg_where(const struct afcq_pg *pg)
{
	return pg->where;
}

const char *afcq_pg_actor(const struct afcq_pg *pg)
{
	return pg->actor;
}
