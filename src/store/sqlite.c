/* sqlite.c - the store's SQLite back end: one file of user data.
 *
 * Two tables, customers and products; list-like parts of a record are JSON
 * text columns (record.c) and each row carries its search key (search.c),
 * narrowed with LIKE, which is case-insensitive for ASCII in SQLite.  The
 * schema version is PRAGMA user_version; opening runs the missing
 * migrations in one write transaction and refuses a newer file.  Each
 * statement outside afcq_store_begin/commit is its own transaction; the
 * file is in WAL mode and several handles (the workstation and a command
 * in another terminal) may use it at once, waiting up to 5 s for a lock.
 * A file that cannot be written (no write permission on it or on its
 * folder) is opened read-only: found and read, never saved to.
 */
#include "store_int.h"

#include <libgen.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/paths.h"
#include "afcq/str.h"

#define BUSY_TIMEOUT_MS 5000

struct sqlite_store {
	struct afcq_store base;   /* first: the interface's handle */
	sqlite3 *db;
	bool read_only;           /* opened read-only: saving is refused */
};

static struct sqlite_store *impl(struct afcq_store *s)
{
	return (struct sqlite_store *)s;
}

/* Migrations: migrations[i] brings the schema from version i to i + 1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	"CREATE TABLE customers ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" uid TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" account TEXT,"
	" phones TEXT NOT NULL DEFAULT '[]',"
	" bill TEXT NOT NULL DEFAULT '{}',"
	" cust INTEGER,"
	" lfln INTEGER,"
	" exms TEXT NOT NULL DEFAULT '[]',"
	" products TEXT NOT NULL DEFAULT '[]',"
	" search TEXT NOT NULL DEFAULT '',"
	" used INTEGER NOT NULL DEFAULT 0,"
	" rev INTEGER NOT NULL DEFAULT 1,"
	" changed_by TEXT,"
	" changed_at TEXT"
	");"
	"CREATE INDEX customers_account ON customers(account);"
	"CREATE INDEX customers_used ON customers(used);"
	"CREATE TABLE products ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" name TEXT NOT NULL,"
	" search TEXT NOT NULL DEFAULT '',"
	" itms TEXT NOT NULL DEFAULT '[]'"
	");"
	"CREATE UNIQUE INDEX products_name ON products(name COLLATE NOCASE);",
	/* 2: every search key as search.c makes it now (O'Brien found by
	 * "obri"); afcq_customer_key and afcq_product_key are this
	 * connection's functions (key_functions). */
	"UPDATE customers SET search = afcq_customer_key(name, account, phones, bill);"
	"UPDATE products SET search = afcq_product_key(name);",
	/* 3: again, as words with accents are keyed without them too (José
	 * found by "jose") */
	"UPDATE customers SET search = afcq_customer_key(name, account, phones, bill);"
	"UPDATE products SET search = afcq_product_key(name);",
};

static enum afcq_status db_error(struct afcq_error *err, struct sqlite_store *q, const char *what)
{
	return afcq_error_set(err, AFCQ_ERR_DB, q->base.where, "%s: %s", what,
			      sqlite3_errmsg(q->db));
}

/* A change asked of a read-only book: refused, naming the file and the fix. */
static enum afcq_status refuse_read_only(struct afcq_error *err, struct sqlite_store *q,
					 const char *what)
{
	return afcq_error_set(err, AFCQ_ERR_DB, q->base.where,
			      "read-only book: %s (write permission on the file and its folder "
			      "needed)", what);
}

/* The URI opening path read-only.  In a folder that cannot be written and
 * with no write-ahead log beside it, SQLite could not make the shared
 * memory file it reads a WAL file with: the file is then read as
 * immutable, which nobody can change without writing in that folder. */
static char *read_only_uri(const char *path)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "file:");
	for (const char *c = path; *c; c++) {
		if (*c == '%' || *c == '?' || *c == '#')
			afcq_buf_printf(&b, "%%%02X", (unsigned char)*c);
		else
			afcq_buf_append(&b, c, 1);
	}
	afcq_buf_puts(&b, "?mode=ro");
	char *wal = afcq_xasprintf("%s-wal", path);
	char *copy = afcq_xstrdup(path);
	if (access(wal, F_OK) != 0 && access(dirname(copy), W_OK) != 0)
		afcq_buf_puts(&b, "&immutable=1");
	free(copy);
	free(wal);
	return afcq_buf_steal(&b);
}

/* Whether the file at path exists and cannot be written: no write
 * permission on it or on its folder (SQLite writes its journal there).
 * The permission bits count even where the user could write anyway
 * (root): a book made read-only is kept so. */
static bool cannot_write(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return false;
	if (!(sb.st_mode & 0222) || access(path, W_OK) != 0)
		return true;
	char *copy = afcq_xstrdup(path);
	const char *dir = dirname(copy);
	bool ro = stat(dir, &sb) == 0 && (!(sb.st_mode & 0222) || access(dir, W_OK) != 0);
	free(copy);
	return ro;
}

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

static char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? afcq_xstrdup((const char *)s) : NULL;
}

static sqlite3_stmt *prepare(struct sqlite_store *q, const char *sql, const char *what,
			     struct afcq_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_error(err, q, what);
		return NULL;
	}
	return st;
}

/* Steps st to the end, reading each row into a growing array of elements
 * of elem bytes; finalizes st.  On error frees what was read. */
static enum afcq_status collect(struct sqlite_store *q, sqlite3_stmt *st, size_t elem,
				void (*read)(sqlite3_stmt *, void *), void (*free_all)(void *, size_t),
				void **out, size_t *n, const char *what, struct afcq_error *err)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = afcq_xrealloc(v, cap * elem);
		}
		read(st, v + len++ * elem);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free_all(v, len);
		return db_error(err, q, what);
	}
	*out = v;
	*n = len;
	return AFCQ_OK;
}

/* ---- open, schema, transactions ------------------------------------------- */

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

static const char *arg_text(sqlite3_value **argv, int i)
{
	return (const char *)sqlite3_value_text(argv[i]);
}

static void result_key(sqlite3_context *ctx, char *key)
{
	sqlite3_result_text(ctx, key, -1, SQLITE_TRANSIENT);
	free(key);
}

/* afcq_customer_key(name, account, phones, bill): a customer's search key
 * from its columns. */
static void customer_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	result_key(ctx, store_search_key_of_cols(arg_text(argv, 0), arg_text(argv, 1),
						 arg_text(argv, 2), arg_text(argv, 3)));
}

/* afcq_product_key(name). */
static void product_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = arg_text(argv, 0);
	result_key(ctx, store_product_key(name ? name : ""));
}

/* The search-key functions the migrations call, on this connection only. */
static enum afcq_status key_functions(struct sqlite_store *q, struct afcq_error *err)
{
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
	if (sqlite3_create_function(q->db, "afcq_customer_key", 4, flags, NULL, customer_key_fn,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(q->db, "afcq_product_key", 1, flags, NULL, product_key_fn, NULL,
				    NULL) != SQLITE_OK)
		return db_error(err, q, "cannot prepare the schema");
	return AFCQ_OK;
}

static enum afcq_status migrate(struct sqlite_store *q, struct afcq_error *err)
{
	if (key_functions(q, err) != AFCQ_OK)
		return AFCQ_ERR_DB;
	if (q->read_only) {
		/* read as it is: an older file keeps its keys */
		int v = user_version(q->db);
		if (v < 0)
			return db_error(err, q, "cannot read the schema version");
		if (v > STORE_SCHEMA_VERSION)
			return afcq_error_set(err, AFCQ_ERR_DB, q->base.where,
					      "written by a newer afcq (schema %d, this one knows %d)", v,
					      STORE_SCHEMA_VERSION);
		return AFCQ_OK;
	}
	if (sqlite3_exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(err, q, "cannot lock");
	int v = user_version(q->db);
	if (v < 0) {
		db_error(err, q, "cannot read the schema version");
		goto fail;
	}
	if (v > STORE_SCHEMA_VERSION) {
		afcq_error_set(err, AFCQ_ERR_DB, q->base.where,
			       "written by a newer afcq (schema %d, this one knows %d)", v,
			       STORE_SCHEMA_VERSION);
		goto fail;
	}
	for (; v < STORE_SCHEMA_VERSION; v++) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (sqlite3_exec(q->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(q->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			char what[64];
			snprintf(what, sizeof what, "cannot upgrade the schema to version %d", v + 1);
			db_error(err, q, what);
			goto fail;
		}
	}
	if (sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(err, q, "cannot commit the schema");
		goto fail;
	}
	return AFCQ_OK;
fail:
	sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	return err ? err->status : AFCQ_ERR_DB;
}

static void sq_close(struct afcq_store *s)
{
	struct sqlite_store *q = impl(s);
	sqlite3_close(q->db);
	free(q);
}

static enum afcq_status sq_exec(struct afcq_store *s, const char *sql, const char *what,
				struct afcq_error *err)
{
	struct sqlite_store *q = impl(s);
	if (sqlite3_exec(q->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(err, q, what);
	return AFCQ_OK;
}

static enum afcq_status sq_begin(struct afcq_store *s, struct afcq_error *err)
{
	if (impl(s)->read_only)
		return refuse_read_only(err, impl(s), "cannot begin a transaction");
	return sq_exec(s, "BEGIN IMMEDIATE", "cannot begin a transaction", err);
}

static enum afcq_status sq_commit(struct afcq_store *s, struct afcq_error *err)
{
	return sq_exec(s, "COMMIT", "cannot commit", err);
}

static void sq_rollback(struct afcq_store *s)
{
	sqlite3_exec(impl(s)->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- customers ------------------------------------------------------------ */

#define CUSTOMER_COLUMNS \
	"id, uid, name, account, phones, bill, cust, lfln, exms, products, rev, changed_by, " \
	"changed_at"

static void read_customer(sqlite3_stmt *st, struct afcq_customer *c)
{
	afcq_customer_init(c);
	c->id = sqlite3_column_int64(st, 0);
	c->uid = column_text(st, 1);
	c->name = column_text(st, 2);
	c->account = column_text(st, 3);
	store_customer_from_cols(c, (const char *)sqlite3_column_text(st, 4),
				 (const char *)sqlite3_column_text(st, 5),
				 (const char *)sqlite3_column_text(st, 8),
				 (const char *)sqlite3_column_text(st, 9));
	if (sqlite3_column_type(st, 6) != SQLITE_NULL)
		c->cust = (struct afcq_oint){ true, sqlite3_column_int64(st, 6) };
	if (sqlite3_column_type(st, 7) != SQLITE_NULL)
		c->lfln = (struct afcq_obool){ true, sqlite3_column_int(st, 7) != 0 };
	c->rev = sqlite3_column_int64(st, 10);
	c->changed_by = column_text(st, 11);
	c->changed_at = column_text(st, 12);
}

static void read_customer_row(sqlite3_stmt *st, void *c)
{
	read_customer(st, c);
}

static void free_customers(void *v, size_t n)
{
	afcq_customers_free(v, n);
}

/* "SELECT ... WHERE search LIKE ? AND ... ORDER BY ... LIMIT ?". */
static char *find_sql(const char *select, size_t n_patterns, const char *order)
{
	struct afcq_buf sql;
	afcq_buf_init(&sql);
	afcq_buf_puts(&sql, select);
	for (size_t i = 0; i < n_patterns; i++)
		afcq_buf_puts(&sql, i ? " AND search LIKE ?" : " WHERE search LIKE ?");
	afcq_buf_printf(&sql, " ORDER BY %s LIMIT ?", order);
	return afcq_buf_steal(&sql);
}

static void bind_find(sqlite3_stmt *st, char **patterns, size_t n_patterns, size_t limit)
{
	for (size_t i = 0; i < n_patterns; i++)
		bind_text(st, (int)i + 1, patterns[i]);
	sqlite3_bind_int64(st, (int)n_patterns + 1,
			   limit == 0 || limit > (size_t)INT64_MAX ? -1 : (sqlite3_int64)limit);
}

static enum afcq_status sq_customers_find(struct afcq_store *s, char **patterns, size_t n_patterns,
					  size_t limit, struct afcq_customer **out, size_t *n,
					  struct afcq_error *err)
{
	struct sqlite_store *q = impl(s);
	char *sql = find_sql("SELECT " CUSTOMER_COLUMNS " FROM customers", n_patterns,
			     "used DESC, name COLLATE NOCASE, id");
	sqlite3_stmt *st = prepare(q, sql, "cannot read the customers", err);
	free(sql);
	if (!st)
		return AFCQ_ERR_DB;
	bind_find(st, patterns, n_patterns, limit);
	return collect(q, st, sizeof **out, read_customer_row, free_customers, (void **)out, n,
		       "cannot read the customers", err);
}

static enum afcq_status no_customer(struct afcq_error *err, int64_t id)
{
	return afcq_error_set(err, AFCQ_ERR_USAGE, "customer", "no customer %lld", (long long)id);
}

static enum afcq_status sq_customer_get(struct afcq_store *s, int64_t id, struct afcq_customer *out,
					struct afcq_error *err)
{
	struct sqlite_store *q = impl(s);
	sqlite3_stmt *st = prepare(q, "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE id = ?",
				   "cannot read the customer", err);
	if (!st)
		return AFCQ_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	enum afcq_status status = AFCQ_OK;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_customer(st, out);
	else if (rc == SQLITE_DONE)
		status = no_customer(err, id);
	else
		status = db_error(err, q, "cannot read the customer");
	sqlite3_finalize(st);
	return status;
}

static enum afcq_status sq_customer_by_account(struct afcq_store *s, const char *account,
					       int64_t *id, struct afcq_error *err)
{
	struct sqlite_store *q = impl(s);
	sqlite3_stmt *st = prepare(q, "SELECT id FROM customers WHERE account = ? ORDER BY id LIMIT 1",
				   "cannot read the customers", err);
	if (!st)
		return AFCQ_ERR_DB;
	bind_text(st, 1, account);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? AFCQ_OK
						     : db_error(err, q, "cannot read the customers");
}

/* Why an update matched no row: gone, or changed by someone else. */
static enum afcq_status update_refused(struct sqlite_store *q, int64_t id, struct afcq_error *err)
{
	sqlite3_stmt *st = prepare(q, "SELECT changed_by, changed_at FROM customers WHERE id = ?",
				   "cannot read the customer", err);
	if (!st)
		return AFCQ_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	enum afcq_status status;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *by = (const char *)sqlite3_column_text(st, 0);
		const char *at = (const char *)sqlite3_column_text(st, 1);
		char where[64];
		snprintf(where, sizeof where, "customer %lld", (long long)id);
		status = afcq_error_set(err, AFCQ_ERR_CONFLICT, where,
					"changed by %s at %s since you loaded it", by ? by : "someone",
					at ? at : "an unknown time");
	} else {
		status = no_customer(err, id);
	}
	sqlite3_finalize(st);
	return status;
}

static enum afcq_status sq_customer_save(struct afcq_store *s, struct afcq_customer *c,
					 int64_t old_rev, struct afcq_error *err)
{
	struct sqlite_store *q = impl(s);
	if (q->read_only)
		return refuse_read_only(err, q, "cannot save the customer");
	/* Parameters 1-13 are the same for both statements. */
	static const char insert_sql[] =
		"INSERT INTO customers (uid, name, account, phones, bill, cust, lfln, exms, products,"
		" search, changed_by, changed_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
		" ON CONFLICT(uid) DO UPDATE SET name = excluded.name, account = excluded.account,"
		" phones = excluded.phones, bill = excluded.bill, cust = excluded.cust,"
		" lfln = excluded.lfln, exms = excluded.exms, products = excluded.products,"
		" search = excluded.search, changed_by = excluded.changed_by,"
		" changed_at = excluded.changed_at, rev = customers.rev + 1"
		" RETURNING id, rev";
	static const char update_sql[] =
		"UPDATE customers SET uid = ?, name = ?, account = ?, phones = ?, bill = ?, cust = ?,"
		" lfln = ?, exms = ?, products = ?, search = ?, changed_by = ?, changed_at = ?,"
		" rev = rev + 1 WHERE id = ? AND (? < 0 OR rev = ?) RETURNING id, rev";
	sqlite3_stmt *st = prepare(q, c->id ? update_sql : insert_sql, "cannot save the customer",
				   err);
	if (!st)
		return AFCQ_ERR_DB;
	struct store_customer_cols cols;
	store_customer_cols(c, &cols);
	bind_text(st, 1, c->uid);
	bind_text(st, 2, c->name);
	bind_text(st, 3, afcq_str_empty(c->account) ? NULL : c->account);
	bind_text(st, 4, cols.phones);
	bind_text(st, 5, cols.bill);
	if (c->cust.set)
		sqlite3_bind_int64(st, 6, c->cust.v);
	if (c->lfln.set)
		sqlite3_bind_int(st, 7, c->lfln.v);
	bind_text(st, 8, cols.exms);
	bind_text(st, 9, cols.products);
	bind_text(st, 10, cols.search);
	bind_text(st, 11, c->changed_by);
	bind_text(st, 12, c->changed_at);
	if (c->id) {
		sqlite3_bind_int64(st, 13, c->id);
		sqlite3_bind_int64(st, 14, old_rev);
		sqlite3_bind_int64(st, 15, old_rev);
	}
	enum afcq_status status = AFCQ_OK;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		c->rev = sqlite3_column_int64(st, 1);
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE)
		status = db_error(err, q, "cannot save the customer");
	else if (sqlite3_changes(q->db) == 0)
		status = update_refused(q, c->id, err);
	sqlite3_finalize(st);
	store_customer_cols_done(&cols);
	return status;
}

/* Runs a one-parameter statement on customer or product id; AFCQ_ERR_USAGE
 * from missing() when it changed nothing. */
static enum afcq_status run_on_id(struct sqlite_store *q, const char *sql, int64_t id,
				  const char *what, enum afcq_status (*missing)(struct afcq_error *,
										 int64_t),
				  struct afcq_error *err)
{
	sqlite3_stmt *st = prepare(q, sql, what, err);
	if (!st)
		return AFCQ_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	enum afcq_status status = AFCQ_OK;
	if (sqlite3_step(st) != SQLITE_DONE)
		status = db_error(err, q, what);
	else if (sqlite3_changes(q->db) == 0)
		status = missing(err, id);
	sqlite3_finalize(st);
	return status;
}

static enum afcq_status sq_customer_delete(struct afcq_store *s, int64_t id, struct afcq_error *err)
{
	if (impl(s)->read_only)
		return refuse_read_only(err, impl(s), "cannot remove the customer");
	return run_on_id(impl(s), "DELETE FROM customers WHERE id = ?", id,
			 "cannot remove the customer", no_customer, err);
}

static enum afcq_status sq_customer_touch(struct afcq_store *s, int64_t id, struct afcq_error *err)
{
	if (impl(s)->read_only)
		return AFCQ_OK; /* loading from it still works: the order stays */
	return run_on_id(impl(s),
			 "UPDATE customers SET used = (SELECT COALESCE(MAX(used), 0) + 1 FROM customers)"
			 " WHERE id = ?",
			 id, "cannot mark the customer used", no_customer, err);
}

/* ---- products ------------------------------------------------------------- */

static void read_product(sqlite3_stmt *st, struct afcq_product *p)
{
	afcq_product_init(p);
	p->id = sqlite3_column_int64(st, 0);
	p->name = column_text(st, 1);
	store_product_items_from_json(p, (const char *)sqlite3_column_text(st, 2));
}

static void read_product_row(sqlite3_stmt *st, void *p)
{
	read_product(st, p);
}

static void free_products(void *v, size_t n)
{
	afcq_products_free(v, n);
}

static enum afcq_status sq_products_find(struct afcq_store *s, char **patterns, size_t n_patterns,
					 size_t limit, struct afcq_product **out, size_t *n,
					 struct afcq_error *err)
{
	struct sqlite_store *q = impl(s);
	char *sql = find_sql("SELECT id, name, itms FROM products", n_patterns,
			     "name COLLATE NOCASE, id");
	sqlite3_stmt *st = prepare(q, sql, "cannot read the products", err);
	free(sql);
	if (!st)
		return AFCQ_ERR_DB;
	bind_find(st, patterns, n_patterns, limit);
	return collect(q, st, sizeof **out, read_product_row, free_products, (void **)out, n,
		       "cannot read the products", err);
}

static enum afcq_status no_product(struct afcq_error *err, int64_t id)
{
	return afcq_error_set(err, AFCQ_ERR_USAGE, "product", "no product %lld", (long long)id);
}

static enum afcq_status sq_product_get(struct afcq_store *s, int64_t id, const char *name,
				       struct afcq_product *out, struct afcq_error *err)
{
	struct sqlite_store *q = impl(s);
	sqlite3_stmt *st = prepare(q, name ? "SELECT id, name, itms FROM products"
					     " WHERE name = ? COLLATE NOCASE"
					   : "SELECT id, name, itms FROM products WHERE id = ?",
				   "cannot read the product", err);
	if (!st)
		return AFCQ_ERR_DB;
	if (name)
		bind_text(st, 1, name);
	else
		sqlite3_bind_int64(st, 1, id);
	enum afcq_status status = AFCQ_OK;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_product(st, out);
	else if (rc != SQLITE_DONE)
		status = db_error(err, q, "cannot read the product");
	else if (name)
		status = afcq_error_set(err, AFCQ_ERR_USAGE, "product", "no product named \"%s\"",
					name);
	else
		status = no_product(err, id);
	sqlite3_finalize(st);
	return status;
}

static enum afcq_status sq_product_save(struct afcq_store *s, struct afcq_product *p,
					struct afcq_error *err)
{
	struct sqlite_store *q = impl(s);
	if (q->read_only)
		return refuse_read_only(err, q, "cannot save the product");
	sqlite3_stmt *st = prepare(q, p->id ? "UPDATE products SET name = ?, search = ?, itms = ?"
					      " WHERE id = ?"
					    : "INSERT INTO products (name, search, itms) VALUES (?, ?, ?)",
				   "cannot save the product", err);
	if (!st)
		return AFCQ_ERR_DB;
	char *key = store_product_key(p->name);
	char *itms = store_items_json(p);
	bind_text(st, 1, p->name);
	bind_text(st, 2, key);
	bind_text(st, 3, itms);
	if (p->id)
		sqlite3_bind_int64(st, 4, p->id);
	enum afcq_status status = AFCQ_OK;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_CONSTRAINT)
		status = afcq_error_set(err, AFCQ_ERR_INVALID, "name",
					"a product named \"%s\" already exists", p->name);
	else if (rc != SQLITE_DONE)
		status = db_error(err, q, "cannot save the product");
	else if (p->id && sqlite3_changes(q->db) == 0)
		status = no_product(err, p->id);
	else if (!p->id)
		p->id = sqlite3_last_insert_rowid(q->db);
	sqlite3_finalize(st);
	free(key);
	free(itms);
	return status;
}

static enum afcq_status sq_product_delete(struct afcq_store *s, int64_t id, struct afcq_error *err)
{
	if (impl(s)->read_only)
		return refuse_read_only(err, impl(s), "cannot remove the product");
	return run_on_id(impl(s), "DELETE FROM products WHERE id = ?", id,
			 "cannot remove the product", no_product, err);
}

static const struct store_ops sqlite_ops = {
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.customers_find = sq_customers_find,
	.customer_get = sq_customer_get,
	.customer_by_account = sq_customer_by_account,
	.customer_save = sq_customer_save,
	.customer_delete = sq_customer_delete,
	.customer_touch = sq_customer_touch,
	.products_find = sq_products_find,
	.product_get = sq_product_get,
	.product_save = sq_product_save,
	.product_delete = sq_product_delete,
};

struct afcq_store *store_sqlite_open(const char *path, struct afcq_error *err)
{
	bool memory = strcmp(path, ":memory:") == 0;
	bool read_only = !memory && cannot_write(path);
	if (!memory && !read_only &&
	    (afcq_make_parents(path, err) != AFCQ_OK || afcq_make_private_file(path, err) != AFCQ_OK))
		return NULL;
	struct sqlite_store *q = afcq_xcalloc(1, sizeof *q);
	q->base.ops = &sqlite_ops;
	q->base.where = afcq_xstrdup(path);
	q->read_only = read_only;
	int flags = read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
			      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	char *uri = read_only ? read_only_uri(path) : NULL;
	int rc = sqlite3_open_v2(uri ? uri : path, &q->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		if (q->db)
			db_error(err, q, "cannot open");
		else
			afcq_error_set(err, AFCQ_ERR_NOMEM, path, "cannot open: out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(q->db, BUSY_TIMEOUT_MS);
	if (!memory && !read_only)
		sqlite3_exec(q->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	if (migrate(q, err) != AFCQ_OK)
		goto fail;
	return &q->base;
fail:
	free(q->base.where);
	sq_close(&q->base);
	return NULL;
}
