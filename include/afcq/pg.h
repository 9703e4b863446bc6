/* pg.h - a connection to a team's PostgreSQL store (libpq).
 *
 * The team store is one PostgreSQL database holding the customer book, the
 * products and the journal of what was sent.  Both the store's PostgreSQL
 * back end (src/store/postgres.c) and the journal (src/core/history_pg.c)
 * talk to it through this small layer, which:
 *   - takes the config's `store` setting, a libpq URI
 *     ("postgresql://user@host/db") or key=value string, and refuses one
 *     holding a password (libpq finds it in PGPASSWORD, PGPASSFILE or a
 *     service file);
 *   - names the server in every message ("postgresql://afcq@db:5432/team"),
 *     never a password;
 *   - creates or upgrades the schema (table afcq_schema holds its version)
 *     in one transaction, and refuses a newer one naming both versions;
 *     the check at open (the schema's lock and version) is given up after
 *     4 s when the server accepted the connection and hangs, and after 3 s
 *     when another session keeps the schema's lock, each named with what
 *     to do (an upgrade's own steps have no limit);
 *   - reconnects once when the connection was lost, outside a transaction;
 *   - gives up connecting after 5 s (libpq's connect_timeout, unless the
 *     setting says otherwise), and with a time limit (afcq_pg_set_wait,
 *     the workstation's) sends each statement without blocking and gives
 *     the connection up when the server does not answer in time: a hung
 *     server costs a few seconds once, and a new handle is the way back.
 *
 * Ownership: struct afcq_pg is a heap object (afcq_pg_open/afcq_pg_close).
 * A PGresult returned by afcq_pg_exec belongs to the caller (PQclear).
 */
#ifndef AFCQ_PG_H
#define AFCQ_PG_H

#include <stdbool.h>
#include <stdint.h>

#include "afcq/error.h"

/* The schema version this afcq writes. */
#define AFCQ_PG_SCHEMA_VERSION 5

struct afcq_pg;
struct pg_result;

/* true when where names a PostgreSQL store (a postgres:// or
 * postgresql:// URI, or a libpq key=value string) rather than a file. */
bool afcq_pg_is_url(const char *where);

/* NULL when where is acceptable as the config's store setting ("" or a
 * connection string without a password), else what is wrong (static). */
const char *afcq_pg_check_setting(const char *where);

/* Connects and brings the schema up to date.  NULL and *err on failure:
 * AFCQ_ERR_CONFIG for a setting that holds a password or does not parse,
 * AFCQ_ERR_DB for the server (unreachable, refused, hung, schema locked
 * by another session, newer schema), the message naming the server and
 * the cause.  The handle returned has no statement time limit. */
struct afcq_pg *afcq_pg_open(const char *where, struct afcq_error *err);
void afcq_pg_close(struct afcq_pg *pg);

/* The server as shown in messages (no password).  Owned by pg. */
const char *afcq_pg_where(const struct afcq_pg *pg);
/* "user@host" of this process, written with each change.  Owned by pg. */
const char *afcq_pg_actor(const struct afcq_pg *pg);

/* Runs sql with n text parameters (NULL for SQL NULL).  Returns the result
 * (tuples or command ok), or NULL with *err: AFCQ_ERR_DB naming the server
 * and what ("cannot save the customer: ..."); *sqlstate (when not NULL)
 * receives the five-character SQLSTATE ("23505" for a unique violation) or
 * "" when none.  A lost connection outside a transaction is reconnected and
 * the statement run once more. */
struct pg_result *afcq_pg_exec(struct afcq_pg *pg, const char *sql, int n,
			       const char *const *params, const char *what, char sqlstate[6],
			       struct afcq_error *err);
/* Accessors on a result (row, column from 0).  Text values are owned by the
 * result; afcq_pg_dup copies one (NULL for SQL NULL). */
int afcq_pg_rows(const struct pg_result *r);
int afcq_pg_changed(const struct pg_result *r);
bool afcq_pg_null(const struct pg_result *r, int row, int col);
const char *afcq_pg_text(const struct pg_result *r, int row, int col);
char *afcq_pg_dup(const struct pg_result *r, int row, int col);
int64_t afcq_pg_int(const struct pg_result *r, int row, int col);
double afcq_pg_double(const struct pg_result *r, int row, int col);
void afcq_pg_clear(struct pg_result *r);

/* Runs a statement without parameters whose result is not needed. */
enum afcq_status afcq_pg_run(struct afcq_pg *pg, const char *sql, const char *what,
			     struct afcq_error *err);

/* Statements from now on give up after ms milliseconds without an answer
 * (0: wait as long as libpq does).  A statement that runs out of time, or a
 * reconnection that does, fails with "no answer within N s" naming the
 * server, and every later statement fails at once: the handle is given
 * up (afcq_pg_check says so).  For callers that must not wait long, as a
 * workstation's input loop. */
void afcq_pg_set_wait(struct afcq_pg *pg, int ms);
/* false when the connection is lost (the server closed it, or a statement
 * ran out of time), true while it looks usable.  Never blocks: it reads
 * what the server sent meanwhile (a shutdown says so before it closes). */
bool afcq_pg_check(struct afcq_pg *pg);

/* Transactions: BEGIN/COMMIT/ROLLBACK.  Not nested.  Rollback never fails. */
enum afcq_status afcq_pg_begin(struct afcq_pg *pg, struct afcq_error *err);
enum afcq_status afcq_pg_commit(struct afcq_pg *pg, struct afcq_error *err);
void afcq_pg_rollback(struct afcq_pg *pg);

/* Schema step 3, written by the store's back end (src/store/postgres.c):
 * writes every customer's and product's search key again, inside the
 * migration's transaction.  AFCQ_ERR_DB and *err on failure. */
enum afcq_status afcq_pg_rebuild_search_keys(struct afcq_pg *pg, struct afcq_error *err);

#endif
