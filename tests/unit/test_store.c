/* test_store.c - the sandbox's document store: dates and locking, keeping
 * and replacing documents, commit and un-commit, persistence in a file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

static void test_date_valid(void **state)
{
	assert_true(store_date_valid("2018-05-01"));
	assert_true(store_date_valid("2018-05-01T12:00:00Z"));
	assert_true(store_date_valid("2020-02-29"));
	assert_true(store_date_valid("2000-02-29"));
	assert_false(store_date_valid("1900-02-29"));
	assert_false(store_date_valid("2019-02-29"));
	assert_false(store_date_valid("2018-04-31"));
	assert_false(store_date_valid("2018-13-01"));
	assert_false(store_date_valid("2018-00-10"));
	assert_false(store_date_valid("2018-5-01"));
	assert_false(store_date_valid("20180501"));
	assert_false(store_date_valid(""));
	assert_false(store_date_valid(NULL));
}

static void test_lock_date(void **state)
{
	char out[11];

	store_lock_date("2018-05-01", out);
	assert_string_equal(out, "2018-06-01");
	store_lock_date("2018-05-31T23:00:00Z", out);
	assert_string_equal(out, "2018-06-01");
	store_lock_date("2018-12-10", out);
	assert_string_equal(out, "2019-01-01");
	store_lock_date("2019-09-30", out);
	assert_string_equal(out, "2019-10-01");
}

static bool locked(bool committed, const char *committed_on, const char *today)
{
	struct store_doc d = { .committed = committed, .committed_on = (char *)committed_on };

	return store_is_locked(&d, today);
}

static void test_is_locked(void **state)
{
	/* A committed document locks on the first of the month after the
	 * month it was committed, whatever its invoice date. */
	assert_false(locked(true, "2018-05-01", "2018-05-01"));
	assert_false(locked(true, "2018-05-01", "2018-05-31"));
	assert_true(locked(true, "2018-05-01", "2018-06-01"));
	assert_true(locked(true, "2018-05-31", "2019-01-15"));
	assert_false(locked(true, "2018-12-31", "2018-12-31"));
	assert_true(locked(true, "2018-12-01", "2019-01-01"));
	assert_false(locked(true, "2018-07-01", "2018-06-15"));
	/* An uncommitted document never locks. */
	assert_false(locked(false, NULL, "2030-01-01"));
	assert_false(locked(false, "2018-05-01", "2030-01-01"));
}

static void put(struct store *st, const char *doc, const char *date, bool committed,
		const char *answer, const char *today, enum store_put_result want)
{
	struct store_doc d = {
		.doc = (char *)doc, .inv_date = (char *)date, .committed = committed,
		.answer = (char *)answer,
	};
	enum store_put_result res = (enum store_put_result)-1;
	struct afcq_error err;

	afcq_error_clear(&err);
	assert_int_equal(store_put(st, &d, today, &res, &err), AFCQ_OK);
	assert_int_equal(res, want);
}

static void expect_doc(struct store *st, const char *doc, const char *date, bool committed,
		       const char *answer)
{
	struct store_doc d = { 0 };
	bool found = false;
	struct afcq_error err;

	afcq_error_clear(&err);
	assert_int_equal(store_get(st, doc, &d, &found, &err), AFCQ_OK);
	assert_true(found);
	assert_string_equal(d.doc, doc);
	assert_string_equal(d.inv_date, date);
	assert_int_equal(d.committed, committed);
	if (answer)
		assert_string_equal(d.answer, answer);
	else
		assert_null(d.answer);
	store_doc_done(&d);
}

static enum store_commit_result commit(struct store *st, const char *doc, bool c,
				       const char *today)
{
	enum store_commit_result res = (enum store_commit_result)-1;
	struct afcq_error err;

	afcq_error_clear(&err);
	assert_int_equal(store_commit(st, doc, c, today, &res, &err), AFCQ_OK);
	return res;
}

static void test_put_and_replace(void **state)
{
	struct afcq_error err;
	struct store *st = store_open(NULL, &err);

	assert_non_null(st);
	assert_int_equal(store_count(st), 0);
	put(st, "A", "2018-05-01T12:00:00Z", false, "{\"doc\":\"A\"}", "2018-05-02", STORE_PUT_NEW);
	/* Only the date part is kept. */
	expect_doc(st, "A", "2018-05-01", false, "{\"doc\":\"A\"}");
	/* Uncommitted: replaced by the new invoice. */
	put(st, "A", "2018-05-20", true, "{\"v\":2}", "2018-05-21", STORE_PUT_REPLACED);
	expect_doc(st, "A", "2018-05-20", true, "{\"v\":2}");
	/* Committed now: kept as it was. */
	put(st, "A", "2018-05-22", false, "{\"v\":3}", "2018-05-22", STORE_PUT_KEPT_COMMITTED);
	expect_doc(st, "A", "2018-05-20", true, "{\"v\":2}");
	/* Locked (committed in May, now June): kept too. */
	put(st, "B", "2018-05-03", true, NULL, "2018-05-03", STORE_PUT_NEW);
	put(st, "B", "2018-06-03", false, "{}", "2018-06-03", STORE_PUT_KEPT_LOCKED);
	expect_doc(st, "B", "2018-05-03", true, NULL);
	/* Uncommitted never locks: a backdated invoice is replaced years on. */
	put(st, "C", "2018-05-03", false, NULL, "2018-05-03", STORE_PUT_NEW);
	put(st, "C", "2018-05-04", false, "{}", "2026-12-02", STORE_PUT_REPLACED);
	expect_doc(st, "C", "2018-05-04", false, "{}");
	assert_int_equal(store_count(st), 3);
	store_close(st);
}

static void test_put_rejects_bad_input(void **state)
{
	struct afcq_error err;
	struct store *st = store_open(NULL, &err);
	struct store_doc d = { .doc = (char *)"", .inv_date = (char *)"2018-05-01" };
	enum store_put_result res;

	assert_int_equal(store_put(st, &d, "2018-05-01", &res, &err), AFCQ_ERR_INVALID);
	d.doc = (char *)"X";
	d.inv_date = (char *)"May 1st";
	assert_int_equal(store_put(st, &d, "2018-05-01", &res, &err), AFCQ_ERR_INVALID);
	assert_string_equal(err.where, "date");
	assert_int_equal(store_count(st), 0);
	store_close(st);
}

static void test_commit(void **state)
{
	struct afcq_error err;
	struct store *st = store_open(NULL, &err);

	put(st, "INV-1", "2018-05-01", false, "{}", "2018-05-01", STORE_PUT_NEW);
	assert_int_equal(commit(st, "INV-1", true, "2018-05-15"), STORE_COMMIT_DONE);
	expect_doc(st, "INV-1", "2018-05-01", true, "{}");
	/* Committing twice is fine. */
	assert_int_equal(commit(st, "INV-1", true, "2018-05-15"), STORE_COMMIT_DONE);
	assert_int_equal(commit(st, "INV-1", false, "2018-05-31"), STORE_COMMIT_DONE);
	expect_doc(st, "INV-1", "2018-05-01", false, "{}");
	/* Uncommitted in May: it never locks, June commits it. */
	assert_int_equal(commit(st, "INV-1", true, "2018-06-01"), STORE_COMMIT_DONE);
	assert_int_equal(commit(st, "INV-1", false, "2018-06-30"), STORE_COMMIT_DONE);
	assert_int_equal(commit(st, "INV-1", true, "2018-06-30"), STORE_COMMIT_DONE);
	/* Committed in June: locked from 1 July, both ways kept committed. */
	assert_int_equal(commit(st, "INV-1", false, "2018-07-01"), STORE_COMMIT_LOCKED);
	expect_doc(st, "INV-1", "2018-05-01", true, "{}");
	assert_int_equal(commit(st, "INV-1", true, "2018-07-01"), STORE_COMMIT_DONE);
	expect_doc(st, "INV-1", "2018-05-01", true, "{}");
	assert_int_equal(commit(st, "INV-1", false, "2018-08-01"), STORE_COMMIT_LOCKED);
	assert_int_equal(commit(st, "inv-1", true, "2018-05-15"), STORE_COMMIT_UNKNOWN);
	assert_int_equal(commit(st, "nothing", true, "2018-05-15"), STORE_COMMIT_UNKNOWN);
	assert_int_equal(commit(st, "", true, "2018-05-15"), STORE_COMMIT_UNKNOWN);
	assert_int_equal(commit(st, NULL, true, "2018-05-15"), STORE_COMMIT_UNKNOWN);
	store_close(st);
}

/* The example: an invoice dated 2022-03-02 committed on
 * 2026-12-02 can be uncommitted and committed again through 2026-12-31,
 * and is locked from 2027-01-01. */
static void test_backdated_invoice_locks_by_commit_month(void **state)
{
	struct afcq_error err;
	struct store *st = store_open(NULL, &err);

	put(st, "BACK", "2022-03-02", true, "{}", "2026-12-02", STORE_PUT_NEW);
	assert_int_equal(commit(st, "BACK", false, "2026-12-02"), STORE_COMMIT_DONE);
	assert_int_equal(commit(st, "BACK", true, "2026-12-15"), STORE_COMMIT_DONE);
	assert_int_equal(commit(st, "BACK", false, "2026-12-31"), STORE_COMMIT_DONE);
	assert_int_equal(commit(st, "BACK", true, "2026-12-31"), STORE_COMMIT_DONE);
	assert_int_equal(commit(st, "BACK", false, "2027-01-01"), STORE_COMMIT_LOCKED);
	put(st, "BACK", "2022-03-02", false, "{\"v\":2}", "2027-01-01", STORE_PUT_KEPT_LOCKED);
	expect_doc(st, "BACK", "2022-03-02", true, "{}");
	store_close(st);
}

static void test_file_persists(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char tmpl[512], path[600];
	struct afcq_error err;
	struct store *st;

	snprintf(tmpl, sizeof(tmpl), "%s/afcq-store.XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	assert_non_null(mkdtemp(tmpl));
	snprintf(path, sizeof(path), "%s/docs.sqlite", tmpl);

	st = store_open(path, &err);
	assert_non_null(st);
	put(st, "KEEP", "2018-05-01", false, "{\"a\":1}", "2018-05-01", STORE_PUT_NEW);
	assert_int_equal(commit(st, "KEEP", true, "2018-05-02"), STORE_COMMIT_DONE);
	store_close(st);

	st = store_open(path, &err);
	assert_non_null(st);
	expect_doc(st, "KEEP", "2018-05-01", true, "{\"a\":1}");
	assert_int_equal(store_count(st), 1);
	store_close(st);

	unlink(path);
	assert_int_equal(rmdir(tmpl), 0);
}

static void test_open_fails_with_reason(void **state)
{
	struct afcq_error err;

	afcq_error_clear(&err);
	assert_null(store_open("/nonexistent-dir-for-afcq/x/docs.sqlite", &err));
	assert_int_equal(err.status, AFCQ_ERR_DB);
	assert_string_equal(err.where, "/nonexistent-dir-for-afcq/x/docs.sqlite");
	assert_true(strlen(err.msg) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_lock_date),
		cmocka_unit_test(test_is_locked),
		cmocka_unit_test(test_backdated_invoice_locks_by_commit_month),
		cmocka_unit_test(test_put_and_replace),
		cmocka_unit_test(test_put_rejects_bad_input),
		cmocka_unit_test(test_commit),
		cmocka_unit_test(test_file_persists),
		cmocka_unit_test(test_open_fails_with_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
