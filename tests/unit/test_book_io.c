/* test_book_io.c - afcq/book_io.h on a real SQLite store: CSV and JSON
 * rows read with what each gives; an import twice adds nothing (matched by
 * account, else name and a phone in common, never across accounts); an
 * update keeps the fields a row does not give; a bad row or a refused
 * customer leaves the store as it was; products matched by name. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/book_io.h"
#include "afcq/str.h"
#include "api_testlib.h"

struct fixture {
	char *dir;
	struct afcq_store *s;
};

static int setup(void **state)
{
	struct fixture *f = afcq_xcalloc(1, sizeof *f);
	char dir[256];
	api_test_temp_dir(dir, sizeof dir);
	f->dir = afcq_xstrdup(dir);
	char *path = afcq_xasprintf("%s/book.sqlite", dir);
	struct afcq_error err;
	afcq_error_clear(&err);
	f->s = afcq_store_open(path, &err);
	free(path);
	if (!f->s)
		fail_msg("open: %s", err.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	afcq_store_close(f->s);
	api_test_remove_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Reads and imports text; returns the status, *done the counts. */
static enum afcq_status import(struct afcq_store *s, const char *text,
			       struct afcq_book_import *done, struct afcq_error *err)
{
	struct afcq_book_row *v = NULL;
	size_t n = 0;
	afcq_error_clear(err);
	memset(done, 0, sizeof *done);
	enum afcq_status st = afcq_book_read_customers(text, strlen(text), "t.csv", &v, &n, err);
	if (st == AFCQ_OK)
		st = afcq_book_import_customers(s, v, n, "t.csv", done, err);
	afcq_book_rows_free(v, n);
	return st;
}

static size_t count(struct afcq_store *s)
{
	struct afcq_customer *v;
	size_t n;
	struct afcq_error err;
	assert_int_equal(afcq_store_customers_find(s, NULL, 0, &v, &n, &err), AFCQ_OK);
	afcq_customers_free(v, n);
	return n;
}

static void get_one(struct afcq_store *s, const char *text, struct afcq_customer *c)
{
	struct afcq_customer *v;
	size_t n;
	struct afcq_error err;
	assert_int_equal(afcq_store_customers_find(s, text, 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	afcq_customer_copy(c, &v[0]);
	afcq_customers_free(v, n);
}

static void test_read_csv_rows(void **state)
{
	(void)state;
	const char *text = "Phone , NAME,products,lifeline,cust,state\n"
			   "(214) 555-0100; 214.555.0199,Ann O'Brien,A; B ;,Y,senior citizen,tx\n"
			   ",Bob,,,,\n";
	struct afcq_book_row *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_book_read_customers(text, strlen(text), "t.csv", &v, &n, &err),
			 AFCQ_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].line, 2);
	assert_int_equal(v[0].c.n_phones, 2);
	assert_string_equal(v[0].c.phones[1], "214.555.0199");
	assert_int_equal(v[0].c.n_products, 2);
	assert_string_equal(v[0].c.products[1], "B");
	assert_true(v[0].c.lfln.set && v[0].c.lfln.v);
	assert_int_equal(v[0].c.cust.v, 2);
	assert_string_equal(v[0].c.bill.st, "TX");
	assert_int_equal(v[0].given, AFCQ_BOOK_NAME | AFCQ_BOOK_PHONES | AFCQ_BOOK_PRODUCTS |
					     AFCQ_BOOK_LFLN | AFCQ_BOOK_CUST | AFCQ_BOOK_STATE);
	assert_int_equal(v[1].given, AFCQ_BOOK_NAME); /* empty cells give nothing */
	afcq_book_rows_free(v, n);
}

static void test_read_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int line, column;
		const char *words;
	} bad[] = {
		{ "name,pcode\nA,12x\n", 2, 3, "column 2 (pcode): '12x' is not a PCode" },
		{ "name,lifeline\nA,maybe\n", 2, 3, "column 2 (lifeline): 'maybe' is not yes or no" },
		{ "name,zip\nA,75201!\n", 2, 3, "not a ZIP" },
		{ "name,name\nA,B\n", 1, 6, "named twice" },
		{ "", 0, 0, "empty" },
		{ "name\n\"A\n", 2, 1, "never closed" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct afcq_book_row *v = NULL;
		size_t n = 0;
		struct afcq_error err;
		afcq_error_clear(&err);
		assert_int_equal(afcq_book_read_customers(bad[i].text, strlen(bad[i].text), "t.csv",
							  &v, &n, &err),
				 AFCQ_ERR_INVALID);
		assert_null(v);
		assert_int_equal(n, 0);
		assert_string_equal(err.where, "t.csv");
		assert_int_equal(err.line, bad[i].line);
		assert_int_equal(err.column, bad[i].column);
		if (!strstr(err.msg, bad[i].words))
			fail_msg("%zu: '%s' not in '%s'", i, bad[i].words, err.msg);
	}
}

static void test_import_twice_adds_nothing(void **state)
{
	struct fixture *f = *state;
	const char *text = "name,account,phone,city\n"
			   "Ann,ACC-1,214 555 0100,Dallas\n"
			   "Bob,,972-555-0142,Plano\n"
			   "Cid,,,Austin\n";
	struct afcq_book_import done;
	struct afcq_error err;
	assert_int_equal(import(f->s, text, &done, &err), AFCQ_OK);
	assert_int_equal(done.added, 3);
	assert_int_equal(import(f->s, text, &done, &err), AFCQ_OK);
	assert_int_equal(done.added, 0);
	assert_int_equal(done.updated, 3);
	assert_int_equal(count(f->s), 3);

	/* Bob by name (case, spacing) and a phone in common, other punctuation */
	assert_int_equal(import(f->s, "name,phone,zip\n\"  BOB \",(972) 555.0142,75023\n", &done,
				&err), AFCQ_OK);
	assert_int_equal(done.updated, 1);
	struct afcq_customer c;
	afcq_customer_init(&c);
	get_one(f->s, "plano", &c);
	assert_string_equal(c.bill.zip, "75023");
	assert_string_equal(c.bill.city, "Plano"); /* kept: not in the file */
	afcq_customer_done(&c);

	/* the same name with another phone, or another account, is someone else */
	assert_int_equal(import(f->s, "name,phone\nBob,972 555 9999\n", &done, &err), AFCQ_OK);
	assert_int_equal(done.added, 1);
	assert_int_equal(import(f->s, "name,account,phone\nAnn,ACC-2,214 555 0100\n", &done, &err),
			 AFCQ_OK);
	assert_int_equal(done.added, 1);
	/* an account stored is matched whatever the name */
	assert_int_equal(import(f->s, "name,account\nAnn Renamed,ACC-1\n", &done, &err), AFCQ_OK);
	assert_int_equal(done.updated, 1);
	afcq_customer_init(&c);
	get_one(f->s, "acc-1", &c);
	assert_string_equal(c.name, "Ann Renamed");
	assert_int_equal(c.n_phones, 1); /* kept */
	afcq_customer_done(&c);
	assert_int_equal(count(f->s), 5);
}

static void test_import_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct afcq_book_import done;
	struct afcq_error err;
	/* the second row is a new customer without a name: refused after the
	 * first was saved; the transaction takes both back */
	assert_int_equal(import(f->s, "name,phone\nAnn,1\n,2\n", &done, &err), AFCQ_ERR_INVALID);
	assert_string_equal(err.where, "t.csv");
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "a new customer needs a name"));
	assert_int_equal(count(f->s), 0);
	/* and the store still works */
	assert_int_equal(import(f->s, "name,phone\nAnn,1\n", &done, &err), AFCQ_OK);
	assert_int_equal(count(f->s), 1);
}

static void test_json_rows(void **state)
{
	struct fixture *f = *state;
	const char *text = "[ // comments are fine\n"
			   " {\"name\": \"Dana\", \"account\": \"A-9\", \"phones\": [\"469 555 0101\"],"
			   "  \"bill\": {\"pcd\": 2650300}, \"cust\": 1, \"lfln\": false,"
			   "  \"exms\": [{\"tpe\": 5}], \"products\": [\"P\"], \"uid\": \"u-1\"},"
			   " {\"name\": \"Eli\", \"phone\": \"1; 2\", \"pcode\": \"2650300\","
			   "  \"lifeline\": true}"
			   "]";
	struct afcq_book_import done;
	struct afcq_error err;
	assert_int_equal(import(f->s, text, &done, &err), AFCQ_OK);
	assert_int_equal(done.added, 2);
	struct afcq_customer c;
	afcq_customer_init(&c);
	get_one(f->s, "dana", &c);
	assert_int_equal(c.bill.pcd.v, 2650300);
	assert_int_equal(c.n_exms, 1);
	assert_string_equal(c.uid, "u-1");
	/* what the export writes reads back the same */
	json_t *j = afcq_book_customer_to_json(&c);
	json_t *a = json_array();
	json_array_append_new(a, j);
	char *dump = json_dumps(a, 0);
	json_decref(a);
	assert_int_equal(import(f->s, dump, &done, &err), AFCQ_OK);
	assert_int_equal(done.updated, 1);
	free(dump);
	afcq_customer_done(&c);
	afcq_customer_init(&c);
	get_one(f->s, "eli", &c);
	assert_int_equal(c.n_phones, 2);
	assert_true(c.lfln.v);
	afcq_customer_done(&c);

	assert_int_equal(import(f->s, "[{\"name\": \"X\", \"cust\": [1]}]", &done, &err),
			 AFCQ_ERR_INVALID);
	assert_string_equal(err.where, "t.csv: [0].cust");
	assert_int_equal(count(f->s), 2);
}

static void test_products(void **state)
{
	struct fixture *f = *state;
	const char *text = "[{\"name\": \"VoIP line\", \"itms\": [{\"chg\": 15, \"tran\": 19, "
			   "\"serv\": 6}, {\"line\": 1, \"tran\": 19, \"serv\": 21}]},"
			   " {\"name\": \"Fax\", \"itms\": [{\"chg\": 2, \"tran\": 1, \"serv\": 1}]}]";
	struct afcq_product *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_book_import done;
	for (int round = 0; round < 2; round++) {
		assert_int_equal(afcq_book_read_products(text, strlen(text), "p.json", &v, &n, &err),
				 AFCQ_OK);
		assert_int_equal(n, 2);
		assert_int_equal(afcq_book_import_products(f->s, v, n, "p.json", &done, &err), AFCQ_OK);
		assert_int_equal(done.added, round ? 0 : 2);
		assert_int_equal(done.updated, round ? 2 : 0);
		afcq_products_free(v, n);
	}
	const char *bad = "[{\"name\": \"x\", \"itms\": [{\"tran\": \"a\"}]}]";
	assert_int_equal(afcq_book_read_products(bad, strlen(bad), "p.json", &v, &n, &err),
			 AFCQ_ERR_INVALID);
	assert_string_equal(err.where, "p.json: [0]");
	assert_null(v);
	struct afcq_product p;
	afcq_product_init(&p);
	assert_int_equal(afcq_store_product_by_name(f->s, "voip LINE", &p, &err), AFCQ_OK);
	assert_int_equal(p.n_itms, 2);
	afcq_product_done(&p);
}

static void test_place(void **state)
{
	(void)state;
	struct afcq_customer c;
	afcq_customer_init(&c);
	char buf[64];
	assert_string_equal(afcq_book_place(&c, buf, sizeof buf), "");
	c.bill.present = true;
	c.bill.pcd = (struct afcq_oint){ true, 2650300 };
	assert_string_equal(afcq_book_place(&c, buf, sizeof buf), "PCode 2650300");
	c.bill.city = afcq_xstrdup("Dallas");
	c.bill.st = afcq_xstrdup("TX");
	assert_string_equal(afcq_book_place(&c, buf, sizeof buf), "Dallas TX");
	afcq_customer_done(&c);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_csv_rows),
		cmocka_unit_test(test_read_errors),
		T(test_import_twice_adds_nothing),
		T(test_import_all_or_nothing),
		T(test_json_rows),
		T(test_products),
		cmocka_unit_test(test_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
