/* test_book.c - the store (include/afcq/store.h): customers and products on
 * real SQLite files in a temporary folder: round trips, narrowing by name,
 * account, phone digits, city and PCode, recently used first, edit
 * conflicts, transactions, product names, the schema version and the
 * default file.
 *
 * The same tests run against PostgreSQL when AFCQ_TEST_STORE holds a
 * connection string (tests/cli/store_pg.sh starts a private server and
 * sets it): each test then starts from emptied tables, and the tests of the
 * SQLite file (schema pragma, default file, memory) give way to those of
 * the server's schema.
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

#include "afcq/pg.h"
#include "afcq/store.h"
#include "afcq/str.h"
#include "api_testlib.h"

struct fixture {
	char *dir;   /* temporary folder, removed afterwards */
	char *path;  /* dir/book.sqlite */
	struct afcq_store *s;
};

static struct afcq_store *open_ok(const char *where)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_store *s = afcq_store_open(where, &err);
	if (!s)
		fail_msg("open %s: %s", where ? where : "(default)", err.msg);
	return s;
}

/* Runs sql on the PostgreSQL database at url, behind the store's back. */
static void pg_sql(const char *url, const char *sql)
{
	PGconn *c = PQconnectdb(url);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("connect %s: %s", url, PQerrorMessage(c));
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
}

static void pg_empty(const char *url)
{
	pg_sql(url, "TRUNCATE customers, products RESTART IDENTITY");
}

static int setup(void **state)
{
	struct fixture *f = afcq_xcalloc(1, sizeof *f);
	char dir[256];
	api_test_temp_dir(dir, sizeof dir);
	f->dir = afcq_xstrdup(dir);
	const char *url = getenv("AFCQ_TEST_STORE");
	if (url && *url) {
		f->path = afcq_xstrdup(url);
		f->s = open_ok(f->path);
		pg_empty(url);
	} else {
		f->path = afcq_xasprintf("%s/book.sqlite", f->dir);
		f->s = open_ok(f->path);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	afcq_store_close(f->s);
	api_test_remove_tree(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* Saves a new customer and returns its id. */
static int64_t add_customer(struct afcq_store *s, const char *name, const char *account,
			    const char *phone, const char *city, long long pcode)
{
	struct afcq_customer c;
	afcq_customer_init(&c);
	c.name = afcq_xstrdup(name);
	c.account = afcq_xstrdup(account);
	if (phone)
		afcq_customer_add_phone(&c, phone);
	if (city || pcode) {
		c.bill.present = true;
		c.bill.city = afcq_xstrdup(city);
		c.bill.pcd = (struct afcq_oint){ pcode != 0, pcode };
	}
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_store_customer_save(s, &c, false, &err) != AFCQ_OK)
		fail_msg("save %s: %s", name, err.msg);
	int64_t id = c.id;
	afcq_customer_done(&c);
	return id;
}

/* The names found for text, comma-separated, in order (caller frees). */
static char *found(struct afcq_store *s, const char *text, size_t limit)
{
	struct afcq_customer *v;
	size_t n;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_store_customers_find(s, text, limit, &v, &n, &err) != AFCQ_OK)
		fail_msg("find %s: %s", text ? text : "(all)", err.msg);
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	for (size_t i = 0; i < n; i++)
		afcq_buf_printf(&b, "%s%s", i ? "," : "", v[i].name);
	afcq_customers_free(v, n);
	return afcq_buf_steal(&b);
}

#define assert_found(s, text, expect)                                                    \
	do {                                                                             \
		char *got_ = found((s), (text), 0);                                       \
		assert_string_equal(got_, (expect));                                      \
		free(got_);                                                               \
	} while (0)

/* ---- customers ------------------------------------------------------------- */

static void test_customer_round_trip(void **state)
{
	struct fixture *f = *state;
	struct afcq_customer c;
	afcq_customer_init(&c);
	c.name = afcq_xstrdup("Dallas Dental Group");
	c.account = afcq_xstrdup("ACC-1001");
	afcq_customer_add_phone(&c, "(214) 555-0100");
	afcq_customer_add_phone(&c, "+1 214 555 0199");
	c.bill.present = true;
	c.bill.ctry = afcq_xstrdup("USA");
	c.bill.st = afcq_xstrdup("TX");
	c.bill.city = afcq_xstrdup("Dallas");
	c.bill.zip = afcq_xstrdup("75201");
	c.cust = (struct afcq_oint){ true, 1 };
	c.lfln = (struct afcq_obool){ true, false };
	c.exms = afcq_xcalloc(1, sizeof *c.exms);
	c.n_exms = 1;
	c.exms[0].loc.present = true;
	c.exms[0].loc.pcd = (struct afcq_oint){ true, 2650300 };
	c.exms[0].tpe = (struct afcq_oint){ true, 1 };
	c.exms[0].lvl = (struct afcq_oint){ true, 1 };
	afcq_customer_add_product(&c, "VoIP business line");
	afcq_customer_add_product(&c, "Toll-free number");

	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customer_save(f->s, &c, false, &err), AFCQ_OK);
	assert_true(c.id > 0);
	assert_int_equal(c.rev, 1);
	assert_non_null(c.uid);
	assert_int_equal(strlen(c.uid), 32);
	assert_non_null(strchr(c.changed_by, '@'));
	assert_non_null(c.changed_at);

	struct afcq_customer g;
	afcq_customer_init(&g);
	assert_int_equal(afcq_store_customer_get(f->s, c.id, &g, &err), AFCQ_OK);
	assert_string_equal(g.name, "Dallas Dental Group");
	assert_string_equal(g.account, "ACC-1001");
	assert_int_equal(g.n_phones, 2);
	assert_string_equal(g.phones[0], "(214) 555-0100");
	assert_string_equal(g.phones[1], "+1 214 555 0199");
	assert_true(g.bill.present);
	assert_string_equal(g.bill.city, "Dallas");
	assert_string_equal(g.bill.zip, "75201");
	assert_string_equal(g.bill.st, "TX");
	assert_false(g.bill.pcd.set);
	assert_true(g.cust.set);
	assert_int_equal(g.cust.v, 1);
	assert_true(g.lfln.set);
	assert_false(g.lfln.v);
	assert_int_equal(g.n_exms, 1);
	assert_int_equal(g.exms[0].loc.pcd.v, 2650300);
	assert_int_equal(g.exms[0].tpe.v, 1);
	assert_int_equal(g.n_products, 2);
	assert_string_equal(g.products[1], "Toll-free number");
	assert_string_equal(g.uid, c.uid);
	assert_int_equal(g.rev, 1);

	/* A copy is deep: freeing one leaves the other whole. */
	struct afcq_customer k;
	afcq_customer_copy(&k, &g);
	afcq_customer_done(&g);
	assert_string_equal(k.phones[0], "(214) 555-0100");
	assert_int_equal(k.exms[0].loc.pcd.v, 2650300);
	afcq_customer_done(&k);

	/* Unset type and lifeline stay unset; no bill-to stays absent. */
	int64_t bare = add_customer(f->s, "Bare", NULL, NULL, NULL, 0);
	assert_int_equal(afcq_store_customer_get(f->s, bare, &g, &err), AFCQ_OK);
	assert_false(g.cust.set);
	assert_false(g.lfln.set);
	assert_false(g.bill.present);
	assert_null(g.account);
	assert_int_equal(g.n_phones, 0);
	afcq_customer_done(&g);
	afcq_customer_done(&c);
}

static void test_customer_needs_a_name(void **state)
{
	struct fixture *f = *state;
	struct afcq_customer c;
	afcq_customer_init(&c);
	c.account = afcq_xstrdup("X1");
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customer_save(f->s, &c, false, &err), AFCQ_ERR_INVALID);
	assert_string_equal(err.where, "name");
	assert_int_equal(c.id, 0);
	assert_null(c.uid);
	afcq_customer_done(&c);
	assert_found(f->s, NULL, "");
}

/* A name with accents is found typed with or without them, as a keyboard
 * without accents writes it: "jose muller" finds José Müller, and so do
 * "josé" and "Müll"; a word typed with accents still wants them. */
static void test_find_without_accents(void **state)
{
	struct fixture *f = *state;
	add_customer(f->s, "Jos\xc3\xa9 M\xc3\xbcller", "ACC-7", NULL, "San Jos\xc3\xa9", 0);
	add_customer(f->s, "Jose Martin", "ACC-8", NULL, NULL, 0);
	add_customer(f->s, "\xc3\x89LODIE PE\xc3\x91" "A", NULL, NULL, NULL, 0);
	assert_found(f->s, "jose muller", "Jos\xc3\xa9 M\xc3\xbcller");
	assert_found(f->s, "jose", "Jose Martin,Jos\xc3\xa9 M\xc3\xbcller");
	assert_found(f->s, "jos\xc3\xa9", "Jos\xc3\xa9 M\xc3\xbcller");
	assert_found(f->s, "M\xc3\xbcll", "Jos\xc3\xa9 M\xc3\xbcller");
	assert_found(f->s, "san jose", "Jos\xc3\xa9 M\xc3\xbcller");
	assert_found(f->s, "elodie pena", "\xc3\x89LODIE PE\xc3\x91" "A");
	assert_found(f->s, "martin", "Jose Martin");
}

static void test_find_narrows(void **state)
{
	struct fixture *f = *state;
	add_customer(f->s, "Dallas Dental Group", "ACC-1001", "(214) 555-0100", "Dallas", 2650300);
	add_customer(f->s, "Acme Widgets", "77-4420", "972.555.0142", "Plano", 2650400);
	add_customer(f->s, "Ann O'Brien", NULL, "+1 512 555 0100", "Austin", 0);
	add_customer(f->s, "Rory O\xe2\x80\x99" "Neill", NULL, NULL, NULL, 0);
	assert_found(f->s, "oneil", "Rory O\xe2\x80\x99" "Neill");
	assert_found(f->s, "o'neil", "Rory O\xe2\x80\x99" "Neill");
	assert_found(f->s, "neil", "Rory O\xe2\x80\x99" "Neill");
	{
		int64_t id;
		struct afcq_customer *v;
		size_t n;
		struct afcq_error err;
		assert_int_equal(afcq_store_customers_find(f->s, "rory", 0, &v, &n, &err), AFCQ_OK);
		assert_int_equal(n, 1);
		id = v[0].id;
		afcq_customers_free(v, n);
		assert_int_equal(afcq_store_customer_delete(f->s, id, &err), AFCQ_OK);
	}

	assert_found(f->s, NULL, "Acme Widgets,Ann O'Brien,Dallas Dental Group");
	assert_found(f->s, "", "Acme Widgets,Ann O'Brien,Dallas Dental Group");
	/* Any word of the name, from its start, in any case. */
	assert_found(f->s, "den", "Dallas Dental Group");
	assert_found(f->s, "GRO", "Dallas Dental Group");
	assert_found(f->s, "ental", "");
	assert_found(f->s, "brien", "Ann O'Brien");
	/* Punctuation inside a word is ignored, typed or stored, straight or
	 * curly: O'Brien is found by "obri" as well as by its parts. */
	assert_found(f->s, "obri", "Ann O'Brien");
	assert_found(f->s, "OBrien", "Ann O'Brien");
	assert_found(f->s, "o'bri", "Ann O'Brien");
	assert_found(f->s, "o\xe2\x80\x99" "bri", "Ann O'Brien");
	assert_found(f->s, "o bri", "Ann O'Brien");
	assert_found(f->s, "obra", "");
	assert_found(f->s, "acc1001", "Dallas Dental Group");
	/* Every word must match. */
	assert_found(f->s, "dal gro", "Dallas Dental Group");
	assert_found(f->s, "dal acme", "");
	/* Account numbers, whole or in part. */
	assert_found(f->s, "acc-1001", "Dallas Dental Group");
	assert_found(f->s, "4420", "Acme Widgets");
	/* Phone digits whatever the punctuation, typed or stored. */
	assert_found(f->s, "2145550100", "Dallas Dental Group");
	assert_found(f->s, "214-555-0100", "Dallas Dental Group");
	assert_found(f->s, "(972) 555 0142", "Acme Widgets");
	assert_found(f->s, "555-0100", "Ann O'Brien,Dallas Dental Group");
	assert_found(f->s, "15125550100", "Ann O'Brien");
	/* City and PCode. */
	assert_found(f->s, "plano", "Acme Widgets");
	assert_found(f->s, "austin", "Ann O'Brien");
	assert_found(f->s, "2650300", "Dallas Dental Group");
	/* Punctuation alone matches everything, like blank text. */
	assert_found(f->s, " - ", "Acme Widgets,Ann O'Brien,Dallas Dental Group");

	char *two = found(f->s, NULL, 2);
	assert_string_equal(two, "Acme Widgets,Ann O'Brien");
	free(two);
}

static void test_recently_used_first(void **state)
{
	struct fixture *f = *state;
	int64_t a = add_customer(f->s, "Alpha", NULL, NULL, NULL, 0);
	int64_t b = add_customer(f->s, "Bravo", NULL, NULL, NULL, 0);
	add_customer(f->s, "Charlie", NULL, NULL, NULL, 0);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customer_touch(f->s, b, &err), AFCQ_OK);
	assert_found(f->s, NULL, "Bravo,Alpha,Charlie");
	assert_int_equal(afcq_store_customer_touch(f->s, a, &err), AFCQ_OK);
	assert_found(f->s, NULL, "Alpha,Bravo,Charlie");
	/* Touching is not an edit. */
	struct afcq_customer g;
	afcq_customer_init(&g);
	assert_int_equal(afcq_store_customer_get(f->s, a, &g, &err), AFCQ_OK);
	assert_int_equal(g.rev, 1);
	afcq_customer_done(&g);
	assert_int_equal(afcq_store_customer_touch(f->s, 999, &err), AFCQ_ERR_USAGE);
}

static void test_edit_conflict(void **state)
{
	struct fixture *f = *state;
	int64_t id = add_customer(f->s, "Acme Widgets", "77-4420", NULL, NULL, 0);
	struct afcq_store *other = open_ok(f->path);
	struct afcq_customer mine, theirs;
	afcq_customer_init(&mine);
	afcq_customer_init(&theirs);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customer_get(f->s, id, &mine, &err), AFCQ_OK);
	assert_int_equal(afcq_store_customer_get(other, id, &theirs, &err), AFCQ_OK);

	free(theirs.name);
	theirs.name = afcq_xstrdup("Acme Widgets Inc");
	assert_int_equal(afcq_store_customer_save(other, &theirs, false, &err), AFCQ_OK);
	assert_int_equal(theirs.rev, 2);

	/* The second save is refused and says who changed it when. */
	free(mine.account);
	mine.account = afcq_xstrdup("77-4421");
	assert_int_equal(afcq_store_customer_save(f->s, &mine, false, &err), AFCQ_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "changed by "));
	assert_non_null(strstr(err.msg, theirs.changed_by));
	assert_non_null(strstr(err.msg, theirs.changed_at));
	assert_non_null(strstr(err.msg, "since you loaded it"));
	assert_int_equal(mine.rev, 1);
	assert_found(f->s, "77-4421", "");

	/* Overwriting is a choice. */
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customer_save(f->s, &mine, true, &err), AFCQ_OK);
	assert_int_equal(mine.rev, 3);
	assert_found(f->s, "77-4421", "Acme Widgets");

	/* A removed customer is not a conflict. */
	assert_int_equal(afcq_store_customer_delete(other, id, &err), AFCQ_OK);
	assert_int_equal(afcq_store_customer_save(f->s, &mine, false, &err), AFCQ_ERR_USAGE);
	assert_int_equal(afcq_store_customer_delete(other, id, &err), AFCQ_ERR_USAGE);
	assert_int_equal(afcq_store_customer_get(other, id, &theirs, &err), AFCQ_ERR_USAGE);
	afcq_customer_done(&mine);
	afcq_customer_done(&theirs);
	afcq_store_close(other);
}

static void test_same_uid_replaces(void **state)
{
	struct fixture *f = *state;
	int64_t id = add_customer(f->s, "Acme", "A1", NULL, NULL, 0);
	struct afcq_customer c;
	afcq_customer_init(&c);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_customer_get(f->s, id, &c, &err), AFCQ_OK);
	c.id = 0;
	free(c.name);
	c.name = afcq_xstrdup("Acme Renamed");
	assert_int_equal(afcq_store_customer_save(f->s, &c, false, &err), AFCQ_OK);
	assert_int_equal(c.id, id);
	assert_int_equal(c.rev, 2);
	assert_found(f->s, NULL, "Acme Renamed");
	int64_t by = -1;
	assert_int_equal(afcq_store_customer_by_account(f->s, "A1", &by, &err), AFCQ_OK);
	assert_int_equal(by, id);
	assert_int_equal(afcq_store_customer_by_account(f->s, "A2", &by, &err), AFCQ_OK);
	assert_int_equal(by, 0);
	afcq_customer_done(&c);
}

static void test_transaction_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_begin(f->s, &err), AFCQ_OK);
	add_customer(f->s, "One", NULL, NULL, NULL, 0);
	add_customer(f->s, "Two", NULL, NULL, NULL, 0);
	afcq_store_rollback(f->s);
	assert_found(f->s, NULL, "");
	assert_int_equal(afcq_store_begin(f->s, &err), AFCQ_OK);
	add_customer(f->s, "One", NULL, NULL, NULL, 0);
	assert_int_equal(afcq_store_commit(f->s, &err), AFCQ_OK);
	assert_found(f->s, NULL, "One");
}

/* ---- products ---------------------------------------------------------------- */

static void set_item(struct afcq_item *it, long long tran, long long serv, double chg)
{
	it->tran = (struct afcq_oint){ true, tran };
	it->serv = (struct afcq_oint){ true, serv };
	it->chg = (struct afcq_odbl){ true, chg };
}

static void test_products(void **state)
{
	struct fixture *f = *state;
	struct afcq_product p;
	afcq_product_init(&p);
	p.name = afcq_xstrdup("VoIP residential line");
	p.n_itms = 3;
	p.itms = afcq_xcalloc(3, sizeof *p.itms);
	set_item(&p.itms[0], 19, 6, 15.0);
	set_item(&p.itms[1], 19, 21, 0);
	p.itms[1].line = (struct afcq_oint){ true, 1 };
	set_item(&p.itms[2], 19, 43, 1.0);
	p.itms[2].ref = afcq_xstrdup("invoice charge");
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_product_save(f->s, &p, &err), AFCQ_OK);
	assert_true(p.id > 0);

	struct afcq_product q;
	afcq_product_init(&q);
	assert_int_equal(afcq_store_product_by_name(f->s, "voip RESIDENTIAL line", &q, &err),
			 AFCQ_OK);
	assert_int_equal(q.id, p.id);
	assert_string_equal(q.name, "VoIP residential line");
	assert_int_equal(q.n_itms, 3);
	assert_int_equal(q.itms[0].tran.v, 19);
	assert_int_equal(q.itms[0].serv.v, 6);
	assert_true(q.itms[0].chg.v == 15.0);
	assert_int_equal(q.itms[1].line.v, 1);
	assert_string_equal(q.itms[2].ref, "invoice charge");

	/* Names are unique, whatever the case. */
	struct afcq_product dup;
	afcq_product_copy(&dup, &p);
	dup.id = 0;
	assert_int_equal(afcq_store_product_save(f->s, &dup, &err), AFCQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "already exists"));
	free(dup.name);
	dup.name = afcq_xstrdup("Toll-free number");
	assert_int_equal(afcq_store_product_save(f->s, &dup, &err), AFCQ_OK);

	struct afcq_product *v;
	size_t n;
	assert_int_equal(afcq_store_products_find(f->s, "toll", 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "Toll-free number");
	afcq_products_free(v, n);
	assert_int_equal(afcq_store_products_find(f->s, "line", 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	afcq_products_free(v, n);
	assert_int_equal(afcq_store_products_find(f->s, NULL, 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "Toll-free number");
	afcq_products_free(v, n);

	/* Renaming in place; a missing product is named. */
	free(q.name);
	q.name = afcq_xstrdup("VoIP home line");
	assert_int_equal(afcq_store_product_save(f->s, &q, &err), AFCQ_OK);
	assert_int_equal(afcq_store_product_get(f->s, p.id, &q, &err), AFCQ_OK);
	assert_string_equal(q.name, "VoIP home line");
	assert_int_equal(afcq_store_product_delete(f->s, p.id, &err), AFCQ_OK);
	assert_int_equal(afcq_store_product_get(f->s, p.id, &q, &err), AFCQ_ERR_USAGE);
	assert_int_equal(afcq_store_product_by_name(f->s, "VoIP home line", &q, &err),
			 AFCQ_ERR_USAGE);
	assert_non_null(strstr(err.msg, "VoIP home line"));
	assert_int_equal(afcq_store_product_delete(f->s, p.id, &err), AFCQ_ERR_USAGE);

	afcq_product_done(&p);
	afcq_product_done(&q);
	afcq_product_done(&dup);
}

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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
	char *path = afcq_xasprintf("%s/old.sqlite", f->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, old_schema_sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct afcq_store *s = open_ok(path);
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
	struct fixture *f = *state;
	char *data = afcq_xasprintf("%s/data", f->dir);
	setenv("XDG_DATA_HOME", data, 1);
	char *p = afcq_store_default_path();
	char *expect = afcq_xasprintf("%s/afcq/book.sqlite", data);
	assert_string_equal(p, expect);
	struct afcq_store *s = open_ok(NULL);
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
	struct afcq_store *s = open_ok(":memory:");
	add_customer(s, "Kept in memory", NULL, NULL, NULL, 0);
	assert_found(s, "memory", "Kept in memory");
	afcq_store_close(s);
	afcq_store_close(NULL);
}

/* PostgreSQL: the schema's version is a row; an older schema is upgraded
 * in one go (here from 1, before the journal), a newer one refused naming
 * both versions and the server, never a password. */
static void test_pg_schema(void **state)
{
	struct fixture *f = *state;
	afcq_store_close(f->s);
	f->s = NULL;
	pg_sql(f->path, "DROP TABLE journal; UPDATE afcq_schema SET version = 1");
	struct afcq_store *s = open_ok(f->path);
	afcq_store_close(s);
	pg_sql(f->path, "SELECT 1 FROM journal");
	pg_sql(f->path, "UPDATE afcq_schema SET version = 9");
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_null(afcq_store_open(f->path, &err));
	assert_int_equal(err.status, AFCQ_ERR_DB);
	assert_non_null(strstr(err.msg, "schema 9"));
	assert_non_null(strstr(err.msg, "knows 3"));
	assert_non_null(strstr(err.where, "postgresql://"));
	pg_sql(f->path, "UPDATE afcq_schema SET version = 3");
}

/* A password belongs to libpq (PGPASSWORD, ~/.pgpass, a service file): in
 * the setting it is refused, and not repeated; a server that cannot be
 * reached is named with the cause. */
static void test_pg_setting(void **state)
{
	(void)state;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_null(afcq_store_open("postgresql://rep:s3cret-pw@127.0.0.1:1/team", &err));
	assert_int_equal(err.status, AFCQ_ERR_CONFIG);
	assert_non_null(strstr(err.msg, "password"));
	assert_null(strstr(err.msg, "s3cret-pw"));
	assert_null(strstr(err.where, "s3cret-pw"));
	afcq_error_clear(&err);
	assert_null(afcq_store_open("host=127.0.0.1 port=1 dbname=team password=s3cret-pw", &err));
	assert_null(strstr(err.msg, "s3cret-pw"));
	assert_non_null(afcq_pg_check_setting("postgresql://rep:pw@db/team"));
	assert_null(afcq_pg_check_setting("postgresql://rep@db/team"));
	assert_null(afcq_pg_check_setting(""));
	assert_non_null(afcq_pg_check_setting("/var/lib/book.sqlite"));
	afcq_error_clear(&err);
	assert_null(afcq_store_open("postgresql://rep@127.0.0.1:1/team", &err));
	assert_int_equal(err.status, AFCQ_ERR_DB);
	assert_string_equal(err.where, "postgresql://rep@127.0.0.1:1/team");
	assert_non_null(strstr(err.msg, "cannot connect"));
	assert_non_null(strstr(err.msg, "refused"));
}

/* A database of schema 2 keeps the search keys written before they joined
 * the parts of a word ("O'Brien" keyed " o brien "): opening it brings it
 * to 3 and makes them again, so "obri" finds O'Brien and "att" AT&T. */
static void test_pg_old_keys_rebuilt(void **state)
{
	struct fixture *f = *state;
	add_customer(f->s, "Sean O'Brien", "ACC-9", "(214) 555-0142", "Dallas", 2650300);
	struct afcq_product p;
	afcq_product_init(&p);
	p.name = afcq_xstrdup("AT&T line");
	p.n_itms = 1;
	p.itms = afcq_xcalloc(1, sizeof *p.itms);
	set_item(&p.itms[0], 19, 21, 0);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_product_save(f->s, &p, &err), AFCQ_OK);
	afcq_product_done(&p);
	afcq_store_close(f->s);
	f->s = NULL;
	pg_sql(f->path, "UPDATE customers SET search = ' sean o brien acc 9 dallas 2650300 "
			"2145550142 '; UPDATE products SET search = ' at t line ';"
			"UPDATE afcq_schema SET version = 2");
	f->s = open_ok(f->path);
	assert_found(f->s, "obri", "Sean O'Brien");
	assert_found(f->s, "brien 0142 dallas", "Sean O'Brien");
	struct afcq_product *v = NULL;
	size_t n = 0;
	assert_int_equal(afcq_store_products_find(f->s, "att", 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "AT&T line");
	afcq_products_free(v, n);
}

/* The server drops the connection (restart, idle timeout): the next call
 * connects again once and goes through. */
static void test_pg_reconnects(void **state)
{
	struct fixture *f = *state;
	add_customer(f->s, "Before the cut", NULL, NULL, NULL, 0);
	pg_sql(f->path, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
			" WHERE application_name = 'afcq' AND pid <> pg_backend_pid()");
	assert_found(f->s, "cut", "Before the cut");
	add_customer(f->s, "After the cut", NULL, NULL, NULL, 0);
	assert_found(f->s, "the", "After the cut,Before the cut");
}

/* A file has no connection to lose: a time limit changes nothing. */
static void test_file_always_usable(void **state)
{
	struct fixture *f = *state;
	afcq_store_set_wait(f->s, 1);
	add_customer(f->s, "Filed", NULL, NULL, NULL, 0);
	assert_true(afcq_store_check(f->s));
	assert_found(f->s, "filed", "Filed");
}

/* A connection the server closed is seen without a statement (what the
 * workstation's status line follows), and with a time limit the next call
 * still connects again and goes through. */
static void test_pg_check_sees_the_cut(void **state)
{
	struct fixture *f = *state;
	afcq_store_set_wait(f->s, 4000);
	add_customer(f->s, "Before the cut", NULL, NULL, NULL, 0);
	assert_true(afcq_store_check(f->s));
	pg_sql(f->path, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
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
	struct fixture *f = *state;
	add_customer(f->s, "Locked out", NULL, NULL, NULL, 0);
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

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest both[] = {
		T(test_customer_round_trip),
		T(test_customer_needs_a_name),
		T(test_find_narrows),
		T(test_find_without_accents),
		T(test_recently_used_first),
		T(test_edit_conflict),
		T(test_same_uid_replaces),
		T(test_transaction_all_or_nothing),
		T(test_products),
		cmocka_unit_test(test_pg_setting),
	};
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
		T(test_pg_reconnects),
		T(test_pg_check_sees_the_cut),
		T(test_pg_wait_gives_up),
	};
	const char *url = getenv("AFCQ_TEST_STORE");
	int failed = cmocka_run_group_tests_name("store", both, NULL, NULL);
	if (url && *url)
		failed += cmocka_run_group_tests_name("postgresql", pg_only, NULL, NULL);
	else
		failed += cmocka_run_group_tests_name("sqlite", sqlite_only, NULL, NULL);
	return failed;
}
