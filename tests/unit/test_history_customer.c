/* test_history_customer.c - the customer each history entry was made for,
 * on real SQLite files: a file of the schema before is upgraded keeping
 * its entries (no customer), an entry carries its customer's name,
 * account and uid, and entries are found by the customer's name words
 * (accents or none, O'Brien by "obri") or account as the book finds them;
 * an invoice's customer is found by its document code (for its commit),
 * and text in memory is searched folded the same way (afcq/words.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afcq/history.h"
#include "history_testlib.h"
#include "afcq/str.h"
#include "afcq/words.h"


/* Records a quote for customer name (NULL: none). */
static int64_t quote_for(struct afcq_history *h, const char *name, const char *account,
			 const char *uid)
{
	struct afcq_history_entry e = {
		.endpoint = "sandbox",
		.kind = "quote",
		.request = "{}",
		.customer = (char *)name,
		.customer_account = (char *)account,
		.customer_uid = (char *)uid,
	};
	int64_t id = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_begin(h, &e, &id, &err), AFCQ_OK);
	return id;
}

/* How many entries text finds; the first one's id in *first. */
static size_t find(struct afcq_history *h, const char *text, int64_t *first)
{
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_find_customer(h, text, 0, false, &v, &n, &err), AFCQ_OK);
	if (first)
		*first = n ? v[0].id : 0;
	afcq_history_list_free(v, n);
	return n;
}

static int user_version(const char *path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A file of schema 3 (before customers were kept) is upgraded when opened:
 * its entries stay as they were, without a customer, and are not found
 * by one; new entries carry theirs. */
static void test_schema_3_upgraded_keeps_entries(void **state)
{
	struct history_fixture *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "CREATE TABLE requests ("
				      " id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL,"
				      " endpoint TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT '',"
				      " doc TEXT, invn TEXT, request TEXT, response TEXT,"
				      " http_status INTEGER NOT NULL DEFAULT 0,"
				      " latency_ms REAL NOT NULL DEFAULT 0,"
				      " outcome INTEGER NOT NULL DEFAULT 0, detail TEXT, total REAL,"
				      " by_user TEXT, doc_dup INTEGER NOT NULL DEFAULT 0);"
				      "CREATE INDEX requests_doc ON requests(doc, kind);"
				      "CREATE UNIQUE INDEX requests_invoice_doc ON requests(doc, doc_dup)"
				      " WHERE kind = 'invoice';"
				      "INSERT INTO requests (time, kind, doc, invn, request, outcome, total)"
				      " VALUES ('2022-03-15T10:00:00Z', 'invoice', 'OLD-1', 'N-1',"
				      " '{\"inv\":[{\"acct\":\"smith\"}]}', 1, 12.5);"
				      "PRAGMA user_version = 3;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	struct afcq_history *h = history_test_open(f->path);
	assert_int_equal(user_version(f->path), 4);
	struct afcq_history_entry e;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_get(h, 1, &e, &err), AFCQ_OK);
	assert_string_equal(e.doc, "OLD-1");
	assert_string_equal(e.invn, "N-1");
	assert_true(e.has_total);
	assert_null(e.customer);
	assert_null(e.customer_account);
	assert_null(e.customer_uid);
	afcq_history_entry_done(&e);
	/* the old entry's request says "smith": it has no customer to find */
	assert_int_equal(find(h, "smith", NULL), 0);
	assert_int_equal(find(h, "", NULL), 0);
	int64_t id = quote_for(h, "Ann Smith", NULL, NULL);
	int64_t got = 0;
	assert_int_equal(find(h, "smith", &got), 1);
	assert_int_equal(got, id);
	afcq_history_close(h);

	/* an afcq knowing schema 3 only would refuse this file (as this one
	 * refuses a newer one) */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 5", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	afcq_error_clear(&err);
	assert_null(afcq_history_open(f->path, &err));
	assert_int_equal(err.status, AFCQ_ERR_DB);
	assert_non_null(strstr(err.msg, "newer afcq (schema 5, this one knows 4)"));
}

/* An entry carries its customer in lists and in full, and is found by the
 * name's words as the book finds them, and by the account. */
static void test_entry_carries_and_finds_customer(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	int64_t none = quote_for(h, NULL, "IGNORED", "ignored");
	int64_t jose = quote_for(h, "José O'Brien", "ACME-0042", "u-jose");
	int64_t ann = quote_for(h, "Ann Smith-Jones", NULL, NULL);

	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_list(h, 0, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 3);
	assert_int_equal(v[1].id, jose);
	assert_string_equal(v[1].customer, "José O'Brien");
	assert_string_equal(v[1].customer_account, "ACME-0042");
	assert_string_equal(v[1].customer_uid, "u-jose");
	assert_string_equal(v[0].customer, "Ann Smith-Jones");
	assert_null(v[0].customer_account);
	/* no customer: no account or uid either */
	assert_int_equal(v[2].id, none);
	assert_null(v[2].customer);
	assert_null(v[2].customer_account);
	assert_null(v[2].customer_uid);
	afcq_history_list_free(v, n);

	struct afcq_history_entry e;
	assert_int_equal(afcq_history_get(h, jose, &e, &err), AFCQ_OK);
	assert_string_equal(e.customer, "José O'Brien");
	assert_string_equal(e.customer_uid, "u-jose");
	afcq_history_entry_done(&e);

	int64_t got = 0;
	assert_int_equal(find(h, "jose", &got), 1);
	assert_int_equal(got, jose);
	assert_int_equal(find(h, "José", &got), 1);
	assert_int_equal(find(h, "JOSE obri", &got), 1);
	assert_int_equal(find(h, "o'brien", &got), 1);
	assert_int_equal(find(h, "0042", &got), 1);
	assert_int_equal(got, jose);
	assert_int_equal(find(h, "acme", &got), 1);
	assert_int_equal(find(h, "jones", &got), 1);
	assert_int_equal(got, ann);
	assert_int_equal(find(h, "smith", &got), 1);
	assert_int_equal(find(h, "smith jose", NULL), 0);
	assert_int_equal(find(h, "brien", &got), 1);  /* a part of a joined word */
	assert_int_equal(find(h, "rien", NULL), 0);   /* not the middle of a word */
	assert_int_equal(find(h, "ignored", NULL), 0);
	/* no word: every entry made for a customer, newest first */
	assert_int_equal(find(h, "  ", &got), 2);
	assert_int_equal(got, ann);
	afcq_history_close(h);
}

/* Records an invoice under doc for customer name (NULL: none). */
static void invoice_for(struct afcq_history *h, const char *doc, const char *name,
			const char *account)
{
	struct afcq_history_entry e = {
		.endpoint = "sandbox",
		.kind = "invoice",
		.doc = (char *)doc,
		.invn = "N",
		.request = "{}",
		.customer = (char *)name,
		.customer_account = (char *)account,
		.customer_uid = name ? "uid-1" : NULL,
	};
	int64_t id = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_begin(h, &e, &id, &err), AFCQ_OK);
}

/* The customer of the invoice sent under a document code; none for a code
 * never sent, an invoice without one, or a quote. */
static void test_doc_customer(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	invoice_for(h, "DOC-1", "José Smith", "ACME-0042");
	invoice_for(h, "DOC-2", NULL, NULL);
	struct afcq_history_entry e = { 0 };
	assert_true(afcq_history_doc_customer(h, "DOC-1", &e));
	assert_string_equal(e.customer, "José Smith");
	assert_string_equal(e.customer_account, "ACME-0042");
	assert_string_equal(e.customer_uid, "uid-1");
	afcq_history_entry_done(&e);
	assert_false(afcq_history_doc_customer(h, "DOC-2", &e));
	assert_false(afcq_history_doc_customer(h, "DOC-3", &e));
	assert_false(afcq_history_doc_customer(h, "", &e));
	assert_false(afcq_history_doc_customer(h, NULL, &e));
	assert_null(e.customer);
	afcq_history_close(h);
}

/* Text in memory: folded without case or accents, and matched by a key's
 * word patterns as the store's LIKE does. */
static void test_words_fold_and_match(void **state)
{
	(void)state;
	char *folded = afcq_words_fold("JOSÉ Müller-Ñ");
	assert_string_equal(folded, "jose muller-n");
	free(folded);
	folded = afcq_words_fold("josé");
	assert_true(afcq_words_contains("Dear José Smith", folded));
	assert_true(afcq_words_contains("JOSE", folded));
	assert_false(afcq_words_contains("Josef", "josf"));
	assert_false(afcq_words_contains(NULL, folded));
	free(folded);
	assert_true(afcq_words_contains("anything", ""));

	const char *texts[] = { "José O'Brien", "ACME-0042" };
	char *key = afcq_words_key(texts, 2);
	size_t n = 0;
	char **pats = afcq_words_patterns("obri jose", &n);
	assert_true(afcq_words_match(key, pats, n));
	afcq_words_patterns_free(pats, n);
	pats = afcq_words_patterns("0042", &n);
	assert_true(afcq_words_match(key, pats, n));
	afcq_words_patterns_free(pats, n);
	/* the start of a word, not inside one */
	pats = afcq_words_patterns("rien", &n);
	assert_false(afcq_words_match(key, pats, n));
	afcq_words_patterns_free(pats, n);
	pats = afcq_words_patterns("jose smith", &n);
	assert_false(afcq_words_match(key, pats, n));
	afcq_words_patterns_free(pats, n);
	assert_false(afcq_words_match(key, NULL, 0));
	free(key);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, history_test_setup, history_test_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_schema_3_upgraded_keeps_entries),
		T(test_entry_carries_and_finds_customer),
		T(test_doc_customer),
		cmocka_unit_test(test_words_fold_and_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
