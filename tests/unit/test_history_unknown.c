/* test_history_unknown.c - unknown outcomes in the history store: the
 * list of what needs resolving, the invoice number that may not be sent
 * again (checked and recorded at once), resolving a record, and the verdict
 * of a Commit probe (resolve.h).  Private in-memory stores; or, when
 * AFCQ_TEST_STORE holds a PostgreSQL connection string
 * (tests/cli/store_pg.sh), the team's journal there, emptied first. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/history.h"
#include "afcq/resolve.h"
#include "afcq/str.h"

static struct afcq_history *open_memory(void)
{
	const char *url = getenv("AFCQ_TEST_STORE");
	bool pg = url && *url;
	struct afcq_error err;
	struct afcq_history *h = afcq_history_open(pg ? url : ":memory:", &err);
	if (!h)
		fail_msg("open: %s", err.msg);
	if (pg) {
		assert_true(afcq_history_shared(h));
		PGconn *c = PQconnectdb(url);
		PGresult *r = PQexec(c, "TRUNCATE journal RESTART IDENTITY");
		assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
		PQclear(r);
		PQfinish(c);
	}
	return h;
}

static int64_t begin(struct afcq_history *h, const char *endpoint, const char *kind,
		     const char *doc, const char *invn)
{
	struct afcq_history_entry e = {
		.endpoint = (char *)endpoint,
		.kind = (char *)kind,
		.doc = (char *)doc,
		.invn = (char *)invn,
		.request = "{\"inv\":[{\"cmmt\":true}]}",
	};
	int64_t id = 0;
	struct afcq_error err;
	assert_int_equal(afcq_history_begin(h, &e, &id, &err), AFCQ_OK);
	return id;
}

static void finish_ok(struct afcq_history *h, int64_t id)
{
	struct afcq_error err;
	assert_int_equal(afcq_history_finish(h, id, AFCQ_OUTCOME_OK, 200, 1, "{}", NULL, false, 0,
					     &err),
			 AFCQ_OK);
}

static void test_unknown_lists_what_needs_resolving(void **state)
{
	(void)state;
	struct afcq_history *h = open_memory();
	int64_t a = begin(h, "http://a", "invoice", "D-1", "INV-1");
	begin(h, "http://a", "quote", NULL, NULL);           /* a quote: nothing to resolve */
	int64_t c = begin(h, "http://b", "commit", "D-2", NULL);
	finish_ok(h, begin(h, "http://a", "invoice", "D-3", "INV-3"));
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	assert_int_equal(afcq_history_unknown(h, NULL, NULL, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, a);  /* oldest first */
	assert_int_equal(v[1].id, c);
	assert_null(v[0].request);
	afcq_history_list_free(v, n);
	assert_int_equal(afcq_history_unknown(h, "http://b", NULL, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].doc, "D-2");
	afcq_history_list_free(v, n);
	assert_int_equal(afcq_history_unknown(h, NULL, "D-1", &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 1);
	afcq_history_list_free(v, n);
	assert_int_equal(afcq_history_unknown(h, NULL, "D-3", &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 0);
	assert_null(v);
	afcq_history_close(h);
}

static void test_blocker_and_guarded_begin(void **state)
{
	(void)state;
	struct afcq_history *h = open_memory();
	int64_t first = begin(h, "http://a", "invoice", "D-1", "INV-1");
	struct afcq_history_entry b;
	bool found = false;
	struct afcq_error err;
	assert_int_equal(afcq_history_invoice_blocker(h, "http://a", "INV-1", &b, &found, &err),
			 AFCQ_OK);
	assert_true(found);
	assert_int_equal(b.id, first);
	char line[512];
	afcq_history_blocker_line(&b, line, sizeof line);
	assert_non_null(strstr(line, "document D-1 sent "));
	assert_non_null(strstr(line, "unknown outcome"));
	afcq_history_entry_done(&b);
	/* another number, another endpoint: free */
	assert_int_equal(afcq_history_invoice_blocker(h, "http://a", "INV-2", &b, &found, &err),
			 AFCQ_OK);
	assert_false(found);
	assert_int_equal(afcq_history_invoice_blocker(h, "http://b", "INV-1", &b, &found, &err),
			 AFCQ_OK);
	assert_false(found);

	/* the guarded begin refuses and records nothing */
	struct afcq_history_entry e = { .endpoint = "http://a", .kind = "invoice", .doc = "D-9",
					.invn = "INV-1", .request = "{}" };
	int64_t id = 0;
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, &b, &err), AFCQ_ERR_INVALID);
	assert_int_equal(b.id, first);
	assert_non_null(strstr(err.msg, "D-1"));
	afcq_history_entry_done(&b);
	assert_false(afcq_history_doc_used(h, "D-9"));

	/* never arrived: the number may be sent again */
	assert_int_equal(afcq_history_resolve(h, first, AFCQ_OUTCOME_NEVER_ARRIVED, "asked", &err),
			 AFCQ_OK);
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, NULL, &err), AFCQ_OK);
	assert_true(id > first);
	finish_ok(h, id);
	/* the service has it: the number stays refused */
	int64_t third = begin(h, "http://a", "invoice", "D-10", "INV-1");
	assert_int_equal(afcq_history_resolve(h, third, AFCQ_OUTCOME_ARRIVED, "asked", &err),
			 AFCQ_OK);
	e.doc = "D-11";
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, &b, &err), AFCQ_ERR_INVALID);
	assert_int_equal(b.outcome, AFCQ_OUTCOME_ARRIVED);
	assert_non_null(strstr(err.msg, "already has it as document D-10"));
	afcq_history_entry_done(&b);
	afcq_history_close(h);
}

static void test_resolve_only_pending(void **state)
{
	(void)state;
	struct afcq_history *h = open_memory();
	int64_t id = begin(h, "sandbox", "invoice", "D-1", "INV-1");
	struct afcq_error err;
	assert_int_equal(afcq_history_resolve(h, id, AFCQ_OUTCOME_OK, "x", &err), AFCQ_ERR_USAGE);
	assert_int_equal(afcq_history_resolve(h, id, AFCQ_OUTCOME_ARRIVED, "how", &err), AFCQ_OK);
	assert_int_equal(afcq_history_resolve(h, id, AFCQ_OUTCOME_NEVER_ARRIVED, "x", &err),
			 AFCQ_ERR_USAGE);
	assert_int_equal(afcq_history_resolve(h, 9999, AFCQ_OUTCOME_ARRIVED, "x", &err),
			 AFCQ_ERR_USAGE);
	struct afcq_history_entry e;
	assert_int_equal(afcq_history_get(h, id, &e, &err), AFCQ_OK);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_ARRIVED);
	assert_string_equal(afcq_outcome_name(e.outcome), "the service has it");
	assert_string_equal(e.detail, "how");
	assert_non_null(e.request);  /* kept */
	afcq_history_entry_done(&e);
	assert_string_equal(afcq_outcome_name(AFCQ_OUTCOME_NEVER_ARRIVED), "never arrived");
	afcq_history_close(h);
}

static void test_probe_and_verdict(void **state)
{
	(void)state;
	struct afcq_history_entry e = { .id = 1, .kind = "invoice", .doc = "D-1",
					.request = "{\"inv\":[{\"doc\":\"D-1\",\"cmmt\":true}]}" };
	const char *doc = NULL;
	bool cmmt = false;
	struct afcq_error err;
	assert_true(afcq_resolve_probe(&e, &doc, &cmmt, &err));
	assert_string_equal(doc, "D-1");
	assert_true(cmmt);
	e.request = "{\"inv\":[{\"doc\":\"D-1\"}]}";
	assert_true(afcq_resolve_probe(&e, &doc, &cmmt, &err));
	assert_false(cmmt);
	e.kind = "commit";
	assert_true(afcq_resolve_probe(&e, &doc, &cmmt, &err));
	assert_true(cmmt);
	e.kind = "quote";
	assert_false(afcq_resolve_probe(&e, &doc, &cmmt, &err));
	e.kind = "invoice";
	e.doc = NULL;
	assert_false(afcq_resolve_probe(&e, &doc, &cmmt, &err));

	struct afcq_error_entry not_found = { .code = -2000,
					      .msg = (char *)"No transactions found for document code." };
	struct afcq_error_entry locked = { .code = -2000, .msg = (char *)"Document code has been locked." };
	struct afcq_error_entry other = { .code = -2000, .msg = (char *)"Something else." };
	struct afcq_exchange x = { 0 };
	x.commit.ok = (struct afcq_obool){ .set = true, .v = true };
	assert_int_equal(afcq_resolve_verdict(AFCQ_OK, &x), AFCQ_RESOLVED_ARRIVED);
	assert_int_equal(afcq_resolve_verdict(AFCQ_ERR_NET, &x), AFCQ_RESOLVED_UNKNOWN);
	x.commit.ok.v = false;
	x.commit.err.n = 1;
	x.commit.err.v = &not_found;
	assert_int_equal(afcq_resolve_verdict(AFCQ_ERR_API, &x), AFCQ_RESOLVED_NEVER_ARRIVED);
	x.commit.err.v = &locked;
	assert_int_equal(afcq_resolve_verdict(AFCQ_ERR_API, &x), AFCQ_RESOLVED_ARRIVED);
	x.commit.err.v = &other;
	assert_int_equal(afcq_resolve_verdict(AFCQ_ERR_API, &x), AFCQ_RESOLVED_UNKNOWN);
}

/* A team's journal: the database refuses a second invoice with a document
 * code it holds, whoever checked before (two reps racing with one code);
 * the refusal says who sent the first.  Entries record who sent them. */
static void test_team_codes_unique(void **state)
{
	(void)state;
	struct afcq_history *h = open_memory();
	struct afcq_history_entry e = {
		.endpoint = "http://a", .kind = "invoice", .doc = "TEAM-1", .invn = "INV-1",
		.request = "{}",
	};
	int64_t id = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, NULL, &err), AFCQ_OK);
	finish_ok(h, id);
	e.invn = "INV-2";
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, NULL, &err), AFCQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "document code TEAM-1 is already in the journal"));
	assert_non_null(strstr(err.msg, "sent by "));
	/* a quote may carry any code: only invoices are unique */
	assert_int_equal(afcq_history_begin(h, &(struct afcq_history_entry){ .kind = "quote",
		.doc = "TEAM-1", .request = "{}" }, &id, &err), AFCQ_OK);
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	assert_int_equal(afcq_history_list_by(h, 0, true, &v, &n, &err), AFCQ_OK);
	assert_int_equal(n, 2);
	assert_non_null(v[0].by);
	assert_non_null(strchr(v[0].by, '@'));
	afcq_history_list_free(v, n);
	afcq_history_close(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_lists_what_needs_resolving),
		cmocka_unit_test(test_blocker_and_guarded_begin),
		cmocka_unit_test(test_resolve_only_pending),
		cmocka_unit_test(test_probe_and_verdict),
	};
	const struct CMUnitTest team[] = {
		cmocka_unit_test(test_team_codes_unique),
	};
	const char *url = getenv("AFCQ_TEST_STORE");
	int failed = cmocka_run_group_tests_name("journal", tests, NULL, NULL);
	if (url && *url)
		failed += cmocka_run_group_tests_name("team journal", team, NULL, NULL);
	return failed;
}
