/* test_book_schema.c - the store's file and schema (include/afcq/store.h):
 * the schema version, an older file or database upgraded, the default file
 * and its modes, a store in memory; on PostgreSQL the connection lost and
 * found again, and a server that does not answer.
 *
 * The tests of the SQLite file run on real files in a temporary folder;
 * when AFCQ_TEST_STORE holds a connection string (tests/cli/store_pg.sh
 * starts a private server and sets it) those of the server's schema and
 * connection run instead, each from emptied tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/store.h"
#include "afcq/str.h"
#include "book_testlib.h"

/* ---- the SQLite file ----------------------------------------------------------- */

static int pragma_int(const char *path, const char *pragma)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, pragma, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static void test_schema_versioned(void **state)
{
	struct book_fixture *f = *state;
	assert_int_equal(pragma_int(f->path, "PRAGMA user_version"), 3);
	/* A file from a newer afcq is refused, naming both versions. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 7", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_null(afcq_store_open(f->path, &err));
	assert_int_equal(err.status, AFCQ_ERR_DB);
	assert_non_null(strstr(err.msg, "schema 7"));
	assert_non_null(strstr(err.msg, "knows 3"));
	assert_string_equal(err.where, f->path);
}

/* The first schema (version 1), as an afcq from before the search keys
 * joined the parts of a word wrote it: "O'Brien" was keyed " o brien ". */
static const char old_schema_sql[] =
	"CREATE TABLE customers ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" account TEXT, phones TEXT NOT NULL DEFAULT '[]', bill TEXT NOT NULL DEFAULT '{}',"
	" cust INTEGER, lfln INTEGER, exms TEXT NOT NULL DEFAULT '[]',"
	" products TEXT NOT NULL DEFAULT '[]', search TEXT NOT NULL DEFAULT '',"
	" used INTEGER NOT NULL DEFAULT 0, rev INTEGER NOT NULL DEFAULT 1, changed_by TEXT,"
	" changed_at TEXT);"
	"CREATE INDEX customers_account ON customers(account);"
	"CREATE INDEX customers_used ON customers(used);"
	"CREATE TABLE products (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"
	" search TEXT NOT NULL DEFAULT '', itms TEXT NOT NULL DEFAULT '[]');"
	"CREATE UNIQUE INDEX products_name ON products(name COLLATE NOCASE);"
	"INSERT INTO customers (uid, name, account, phones, bill, search, rev)"
	" VALUES ('5f1e0c2a9b7d4e3f8a6c1b0d2e4f6a8c', 'Sean O''Brien', 'ACC-9', "
	" '[\"(214) 555-0142\"]', '{\"pcd\":2650300,\"city\":\"Dallas\"}',"
	" ' sean o brien acc 9 dallas 2650300 2145550142 ', 3);"
	"INSERT INTO products (name, search, itms) VALUES ('AT&T line', ' at t line ',"
	" '[{\"tran\":19,\"serv\":21}]');"
	"PRAGMA user_version = 1;";

/* A file of the first schema is upgraded when opened: its search keys are
 * made again, so "obri" finds O'Brien and "att" the AT&T product, and
 * nothing else of the records changes. */
static void test_old_keys_rebuilt(void **state)
{
	struct book_fixture *f = *state;
	char *path = afcq_xasprintf("%s/old.sqlite", f->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, old_schema_sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct afcq_store *s = book_test_open(path);
	assert_found(s, "obri", "Sean O'Brien");
	assert_found(s, "o'bri", "Sean O'Brien");
	assert_found(s, "brien 0142 dallas", "Sean O'Brien");
	assert_found(s, "2650300 acc", "Sean O'Brien");
	struct afcq_customer c;
	afcq_customer_init(&c);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customer_get(s, 1, &c, &err), AFCQ_OK);
	assert_int_equal(c.rev, 3);
	assert_null(c.changed_at);
	afcq_customer_done(&c);
	struct afcq_product *p = NULL;
	size_t n = 0;
	assert_int_equal(afcq_store_products_find(s, "att", 0, &p, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].name, "AT&T line");
	afcq_products_free(p, n);
	afcq_store_close(s);
	assert_int_equal(pragma_int(path, "PRAGMA user_version"), 3);
	free(path);
}

static void test_default_file_private(void **state)
{
	struct book_fixture *f = *state;
	char *data = afcq_xasprintf("%s/data", f->dir);
	setenv("XDG_DATA_HOME", data, 1);
	char *p = afcq_store_default_path();
	char *expect = afcq_xasprintf("%s/afcq/book.sqlite", data);
	assert_string_equal(p, expect);
	struct afcq_store *s = book_test_open(NULL);
	assert_string_equal(afcq_store_where(s), expect);
	afcq_store_close(s);
	struct stat sb;
	assert_int_equal(stat(expect, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *dir = afcq_xasprintf("%s/afcq", data);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	/* A relative XDG_DATA_HOME is ignored, as the XDG spec says. */
	setenv("XDG_DATA_HOME", "relative", 1);
	setenv("HOME", f->dir, 1);
	free(p);
	p = afcq_store_default_path();
	free(expect);
	expect = afcq_xasprintf("%s/.local/share/afcq/book.sqlite", f->dir);
	assert_string_equal(p, expect);
	unsetenv("XDG_DATA_HOME");
	free(p);
	free(expect);
	free(dir);
	free(data);
}

static void test_memory_store(void **state)
{
	(void)state;
	struct afcq_store *s = book_test_open(":memory:");
	book_test_add_customer(s, "Kept in memory", NULL, NULL, NULL, 0);
	assert_found(s, "memory", "Kept in memory");
	afcq_store_close(s);
	afcq_store_close(NULL);
}

/* PostgreSQL: the schema's version is a row; an older schema is upgraded
 * in one go (here from 1, before the journal), a newer one refused naming
 * both versions and the server, never a password. */
static void test_pg_schema(void **state)
{
	struct book_fixture *f = *state;
	afcq_store_close(f->s);
	f->s = NULL;
	book_test_pg_sql(f->path, "DROP TABLE journal; UPDATE afcq_schema SET version = 1");
	struct afcq_store *s = book_test_open(f->path);
	afcq_store_close(s);
	book_test_pg_sql(f->path, "SELECT 1 FROM journal");
	book_test_pg_sql(f->path, "UPDATE afcq_schema SET version = 9");
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_null(afcq_store_open(f->path, &err));
	assert_int_equal(err.status, AFCQ_ERR_DB);
	assert_non_null(strstr(err.msg, "schema 9"));
	assert_non_null(strstr(err.msg, "knows 5"));
	assert_non_null(strstr(err.where, "postgresql://"));
	book_test_pg_sql(f->path, "UPDATE afcq_schema SET version = 5");
}

/* A database of schema 2 keeps the search keys written before they joined
 * the parts of a word ("O'Brien" keyed " o brien "): opening it brings it
 * to 3 and makes them again, so "obri" finds O'Brien and "att" AT&T. */
static void test_pg_old_keys_rebuilt(void **state)
{
	struct book_fixture *f = *state;
	book_test_add_customer(f->s, "Sean O'Brien", "ACC-9", "(214) 555-0142", "Dallas", 2650300);
	struct afcq_product p;
	afcq_product_init(&p);
	p.name = afcq_xstrdup("AT&T line");
	p.n_itms = 1;
	p.itms = afcq_xcalloc(1, sizeof *p.itms);
	book_test_set_item(&p.itms[0], 19, 21, 0);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_product_save(f->s, &p, &err), AFCQ_OK);
	afcq_product_done(&p);
	afcq_store_close(f->s);
	f->s = NULL;
	book_test_pg_sql(f->path, "UPDATE customers SET search = ' sean o brien acc 9 dallas 2650300 "
			"2145550142 '; UPDATE products SET search = ' at t line ';"
			"UPDATE afcq_schema SET version = 2");
	f->s = book_test_open(f->path);
	assert_found(f->s, "obri", "Sean O'Brien");
	assert_found(f->s, "brien 0142 dallas", "Sean O'Brien");
	struct afcq_product *v = NULL;
	size_t n = 0;
	assert_int_equal(afcq_store_products_find(f->s, "att", 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "AT&T line");
	afcq_products_free(v, n);
}

/* A database of schema 3 keeps keys made before words with accents were
 * keyed without them too (José Müller keyed " josé müller "): opening it
 * brings it to 4 and makes them again, so "jose muller" finds José Müller
 * and "pena" the product PEÑA line; typed with accents still works. */
static void test_pg_accent_keys_rebuilt(void **state)
{
	struct book_fixture *f = *state;
	book_test_add_customer(f->s, "Jos\xc3\xa9 M\xc3\xbcller", "ACC-7", NULL, "San Jos\xc3\xa9", 0);
	struct afcq_product p;
	afcq_product_init(&p);
	p.name = afcq_xstrdup("PE\xc3\x91" "A line");
	p.n_itms = 1;
	p.itms = afcq_xcalloc(1, sizeof *p.itms);
	book_test_set_item(&p.itms[0], 19, 21, 0);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_product_save(f->s, &p, &err), AFCQ_OK);
	afcq_product_done(&p);
	afcq_store_close(f->s);
	f->s = NULL;
	book_test_pg_sql(f->path, "UPDATE customers SET search = ' jos\xc3\xa9 m\xc3\xbcller acc 7 "
			"san jos\xc3\xa9 '; UPDATE products SET search = ' pe\xc3\xb1" "a line ';"
			"UPDATE afcq_schema SET version = 3");
	f->s = book_test_open(f->path);
	assert_found(f->s, "jose muller", "Jos\xc3\xa9 M\xc3\xbcller");
	assert_found(f->s, "san jose", "Jos\xc3\xa9 M\xc3\xbcller");
	assert_found(f->s, "jos\xc3\xa9", "Jos\xc3\xa9 M\xc3\xbcller");
	struct afcq_product *v = NULL;
	size_t n = 0;
	assert_int_equal(afcq_store_products_find(f->s, "pena", 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "PE\xc3\x91" "A line");
	afcq_products_free(v, n);
}

/* The server drops the connection (restart, idle timeout): the next call
 * connects again once and goes through. */
static void test_pg_reconnects(void **state)
{
	struct book_fixture *f = *state;
	book_test_add_customer(f->s, "Before the cut", NULL, NULL, NULL, 0);
	book_test_pg_sql(f->path, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
			" WHERE application_name = 'afcq' AND pid <> pg_backend_pid()");
	assert_found(f->s, "cut", "Before the cut");
	book_test_add_customer(f->s, "After the cut", NULL, NULL, NULL, 0);
	assert_found(f->s, "the", "After the cut,Before the cut");
}

/* A file has no connection to lose: a time limit changes nothing. */
static void test_file_always_usable(void **state)
{
	struct book_fixture *f = *state;
	afcq_store_set_wait(f->s, 1);
	book_test_add_customer(f->s, "Filed", NULL, NULL, NULL, 0);
	assert_true(afcq_store_check(f->s));
	assert_found(f->s, "filed", "Filed");
}

/* A connection the server closed is seen without a statement (what the
 * workstation's status line follows), and with a time limit the next call
 * still connects again and goes through. */
static void test_pg_check_sees_the_cut(void **state)
{
	struct book_fixture *f = *state;
	afcq_store_set_wait(f->s, 4000);
	book_test_add_customer(f->s, "Before the cut", NULL, NULL, NULL, 0);
	assert_true(afcq_store_check(f->s));
	book_test_pg_sql(f->path, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
			" WHERE application_name = 'afcq' AND pid <> pg_backend_pid()");
	/* the server's goodbye arrives when it arrives: looked for a while */
	bool seen = false;
	for (int i = 0; i < 500 && !seen; i++) {
		seen = !afcq_store_check(f->s);
		if (!seen)
			usleep(10000);
	}
	assert_true(seen);
	assert_found(f->s, "cut", "Before the cut");
	assert_true(afcq_store_check(f->s));
}

/* A server that does not answer (here: a statement waiting for a lock
 * another connection holds) is given up after the time limit, naming the
 * server, and the handle with it: later calls fail at once. */
static void test_pg_wait_gives_up(void **state)
{
	struct book_fixture *f = *state;
	book_test_add_customer(f->s, "Locked out", NULL, NULL, NULL, 0);
	afcq_store_set_wait(f->s, 1000);
	PGconn *c = PQconnectdb(f->path);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	PQclear(PQexec(c, "BEGIN"));
	PQclear(PQexec(c, "LOCK TABLE customers IN ACCESS EXCLUSIVE MODE"));
	struct afcq_customer *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customers_find(f->s, "locked", 0, &v, &n, &err), AFCQ_ERR_DB);
	assert_non_null(strstr(err.msg, "no answer within 1 s"));
	assert_non_null(strstr(err.where, "postgresql://"));
	assert_false(afcq_store_check(f->s));
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customers_find(f->s, "locked", 0, &v, &n, &err), AFCQ_ERR_DB);
	assert_non_null(strstr(err.msg, "stopped answering"));
	PQclear(PQexec(c, "ROLLBACK"));
	PQfinish(c);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, book_test_setup, book_test_teardown)

int main(void)
{
	const struct CMUnitTest sqlite_only[] = {
		T(test_schema_versioned),
		T(test_old_keys_rebuilt),
		T(test_default_file_private),
		T(test_memory_store),
		T(test_file_always_usable),
	};
	const struct CMUnitTest pg_only[] = {
		T(test_pg_schema),
		T(test_pg_old_keys_rebuilt),
		T(test_pg_accent_keys_rebuilt),
		T(test_pg_reconnects),
		T(test_pg_check_sees_the_cut),
		T(test_pg_wait_gives_up),
	};
	const char *url = getenv("AFCQ_TEST_STORE");
	if (url && *url)
		return cmocka_run_group_tests_name("postgresql", pg_only, NULL, NULL);
	return cmocka_run_group_tests_name("sqlite", sqlite_only, NULL, NULL);
}
