/* book_testlib.h - the fixture shared by the store's tests (test_book.c,
 * test_book_schema.c): a store on a fresh SQLite file in a temporary folder,
 * or on the PostgreSQL database AFCQ_TEST_STORE names, emptied first.
 * Failures are cmocka failures. */
#ifndef AFCQ_TEST_BOOK_TESTLIB_H
#define AFCQ_TEST_BOOK_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

#include "afcq/store.h"

struct book_fixture {
	char *dir;   /* temporary folder, removed afterwards */
	char *path;  /* dir/book.sqlite */
	struct afcq_store *s;
};

/* cmocka setup and teardown: *state is a struct book_fixture. */
int book_test_setup(void **state);
int book_test_teardown(void **state);

/* Opens the store at where (NULL: the default file); fails the test if it
 * cannot. */
struct afcq_store *book_test_open(const char *where);
/* Runs sql on the PostgreSQL database at url, behind the store's back. */
void book_test_pg_sql(const char *url, const char *sql);
/* Saves a new customer and returns its id. */
int64_t book_test_add_customer(struct afcq_store *s, const char *name, const char *account,
			       const char *phone, const char *city, long long pcode);
/* The names found for text, comma-separated, in order (caller frees). */
char *book_test_found(struct afcq_store *s, const char *text, size_t limit);
/* Fills it with one item of the pair tran/serv and charge chg. */
void book_test_set_item(struct afcq_item *it, long long tran, long long serv, double chg);

/* Fails unless the names found for text are expect (as book_test_found). */
#define assert_found(s, text, expect)                                                    \
	do {                                                                             \
		char *got_ = book_test_found((s), (text), 0);                             \
		assert_string_equal(got_, (expect));                                      \
		free(got_);                                                               \
	} while (0)

#endif
