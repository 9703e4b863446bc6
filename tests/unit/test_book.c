/* test_book.c - the store (include/afcq/store.h): customers and products on
 * real SQLite files in a temporary folder: round trips, narrowing by name,
 * account, phone digits, city and PCode, recently used first, edit
 * conflicts, transactions, product names, the PostgreSQL setting.  The
 * store's file and schema are in test_book_schema.c.
 *
 * The same tests run against PostgreSQL when AFCQ_TEST_STORE holds a
 * connection string (tests/cli/store_pg.sh starts a private server and
 * sets it): each test then starts from emptied tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/pg.h"
#include "afcq/store.h"
#include "afcq/str.h"
#include "book_testlib.h"

/* ---- customers ------------------------------------------------------------- */

static void test_customer_round_trip(void **state)
{
	struct book_fixture *f = *state;
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
	int64_t bare = book_test_add_customer(f->s, "Bare", NULL, NULL, NULL, 0);
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
	struct book_fixture *f = *state;
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
	struct book_fixture *f = *state;
	book_test_add_customer(f->s, "Jos\xc3\xa9 M\xc3\xbcller", "ACC-7", NULL, "San Jos\xc3\xa9", 0);
	book_test_add_customer(f->s, "Jose Martin", "ACC-8", NULL, NULL, 0);
	book_test_add_customer(f->s, "\xc3\x89LODIE PE\xc3\x91" "A", NULL, NULL, NULL, 0);
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
	struct book_fixture *f = *state;
	book_test_add_customer(f->s, "Dallas Dental Group", "ACC-1001", "(214) 555-0100", "Dallas",
			       2650300);
	book_test_add_customer(f->s, "Acme Widgets", "77-4420", "972.555.0142", "Plano", 2650400);
	book_test_add_customer(f->s, "Ann O'Brien", NULL, "+1 512 555 0100", "Austin", 0);
	book_test_add_customer(f->s, "Rory O\xe2\x80\x99" "Neill", NULL, NULL, NULL, 0);
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

	char *two = book_test_found(f->s, NULL, 2);
	assert_string_equal(two, "Acme Widgets,Ann O'Brien");
	free(two);
}

static void test_recently_used_first(void **state)
{
	struct book_fixture *f = *state;
	int64_t a = book_test_add_customer(f->s, "Alpha", NULL, NULL, NULL, 0);
	int64_t b = book_test_add_customer(f->s, "Bravo", NULL, NULL, NULL, 0);
	book_test_add_customer(f->s, "Charlie", NULL, NULL, NULL, 0);
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
	struct book_fixture *f = *state;
	int64_t id = book_test_add_customer(f->s, "Acme Widgets", "77-4420", NULL, NULL, 0);
	struct afcq_store *other = book_test_open(f->path);
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
	struct book_fixture *f = *state;
	int64_t id = book_test_add_customer(f->s, "Acme", "A1", NULL, NULL, 0);
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
	struct book_fixture *f = *state;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_store_begin(f->s, &err), AFCQ_OK);
	book_test_add_customer(f->s, "One", NULL, NULL, NULL, 0);
	book_test_add_customer(f->s, "Two", NULL, NULL, NULL, 0);
	afcq_store_rollback(f->s);
	assert_found(f->s, NULL, "");
	assert_int_equal(afcq_store_begin(f->s, &err), AFCQ_OK);
	book_test_add_customer(f->s, "One", NULL, NULL, NULL, 0);
	assert_int_equal(afcq_store_commit(f->s, &err), AFCQ_OK);
	assert_found(f->s, NULL, "One");
}

/* ---- products ---------------------------------------------------------------- */

static void test_products(void **state)
{
	struct book_fixture *f = *state;
	struct afcq_product p;
	afcq_product_init(&p);
	p.name = afcq_xstrdup("VoIP residential line");
	p.n_itms = 3;
	p.itms = afcq_xcalloc(3, sizeof *p.itms);
	book_test_set_item(&p.itms[0], 19, 6, 15.0);
	book_test_set_item(&p.itms[1], 19, 21, 0);
	p.itms[1].line = (struct afcq_oint){ true, 1 };
	book_test_set_item(&p.itms[2], 19, 43, 1.0);
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

#define T(fn) cmocka_unit_test_setup_teardown(fn, book_test_setup, book_test_teardown)

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
	return cmocka_run_group_tests_name("store", both, NULL, NULL);
}
