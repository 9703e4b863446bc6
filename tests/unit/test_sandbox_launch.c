/* Tests of starting the bundled sandbox: failures explained, the child
 * tied to its parent, and whole AFC round trips (quote, invoice, commit,
 * uncommit, lookups, Basic auth) against a real afcq-sandbox started through
 * afcq_sandbox_start(). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "afcq/api.h"
#include "afcq/history.h"
#include "afcq/money.h"
#include "afcq/sandbox_launch.h"
#include "afcq/str.h"
#include "api_testlib.h"

/* The Dallas fact pattern: access charge 15, one line, invoice charge 1.
 * Known answer: billable taxes 3.7794, total due 19.7794. */
static const char dallas_request[] =
	"{ \"cfg\": { \"incrf\": true },\n"
	"  \"cmpn\": { \"bscl\": 0, \"svcl\": 0, \"fclt\": true, \"frch\": false, \"reg\": true,\n"
	"            \"idnt\": \"CertCompany\" },\n"
	"  \"inv\": [ { \"doc\": \"AFCQ-TEST-DALLAS\", \"cmmt\": false, \"bill\": { \"pcd\": 3726100 },\n"
	"      \"cust\": 0, \"lfln\": true, \"date\": \"2022-03-02\",\n"
	"      \"itms\": [\n"
	"        { \"ref\": \"access\", \"chg\": 15, \"line\": 0, \"sale\": 1, \"tran\": 19, \"serv\": 6 },\n"
	"        { \"ref\": \"lines\", \"chg\": 0, \"line\": 1, \"sale\": 1, \"tran\": 19, \"serv\": 21 },\n"
	"        { \"ref\": \"invoice\", \"chg\": 1, \"line\": 0, \"sale\": 1, \"tran\": 19, \"serv\": 43 }\n"
	"      ],\n"
	"      \"invm\": true, \"dtl\": true, \"summ\": true } ] }";

static void test_launch_failures_explained(void **state)
{
	char dir[PATH_MAX];
	api_test_temp_dir(dir, sizeof dir);
	char *script = afcq_xasprintf("%s/afcq-sandbox", dir);
	char *saved = api_test_path_prepend(dir);
	const char *args[] = { "--ratebook", "RB", NULL };
	struct afcq_sandbox_proc sp;
	struct afcq_error err;

	/* Dies at once: the reason on its stderr reaches the message, and the
	 * arguments we pass are visible in it. */
	api_test_write_script(script, "#!/bin/sh\necho \"cannot load rate book: $*\" >&2\nexit 3\n");
	assert_int_equal(afcq_sandbox_start(args, &sp, &err), AFCQ_ERR_IO);
	assert_string_equal(err.where, script);
	assert_string_equal(err.msg, "exited before listening: cannot load rate book: "
				     "--listen 127.0.0.1:0 --ratebook RB");

	/* Says something else first. */
	api_test_write_script(script, "#!/bin/sh\necho hello\nexec sleep 5\n");
	assert_int_equal(afcq_sandbox_start(args, &sp, &err), AFCQ_ERR_IO);
	assert_non_null(strstr(err.msg, "unexpected first line \"hello\""));

	/* A well-behaved one is started, reported and stopped. */
	api_test_write_script(script, "#!/bin/sh\necho listening on http://127.0.0.1:4242\n"
			     "exec sleep 30\n");
	assert_int_equal(afcq_sandbox_start(args, &sp, &err), AFCQ_OK);
	assert_string_equal(sp.url, "http://127.0.0.1:4242");
	assert_true(sp.pid > 0);
	pid_t pid = sp.pid;
	assert_int_equal(kill(pid, 0), 0);
	afcq_sandbox_stop(&sp);
	assert_int_equal(sp.pid, 0);
	assert_null(sp.url);
	assert_int_equal(kill(pid, 0), -1);  /* reaped: no such process */

	api_test_path_restore(saved);
	free(script);
	api_test_remove_tree(dir);
}

/* true once pid has gone (or is a zombie nobody reaped yet), within ms. */
static bool gone_within(pid_t pid, int ms)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	for (int waited = 0; waited <= ms; waited += 20) {
		FILE *f = fopen(path, "r");
		if (!f)
			return true;
		char state = 0;
		int n = fscanf(f, "%*d (%*[^)]) %c", &state);
		fclose(f);
		if (n == 1 && (state == 'Z' || state == 'X'))
			return true;
		usleep(20 * 1000);
	}
	return false;
}

static void test_launched_child_dies_with_parent(void **state)
{
	char dir[PATH_MAX];
	api_test_temp_dir(dir, sizeof dir);
	char *script = afcq_xasprintf("%s/afcq-sandbox", dir);
	api_test_write_script(script, "#!/bin/sh\necho listening on http://127.0.0.1:4243\n"
			     "exec sleep 30\n");
	char *saved = api_test_path_prepend(dir);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t mid = fork();
	assert_true(mid >= 0);
	if (mid == 0) {
		/* A parent that starts the sandbox and dies without stopping it. */
		const char *args[] = { "--ratebook", "RB", NULL };
		struct afcq_sandbox_proc sp;
		struct afcq_error err;
		pid_t child = -1;
		if (afcq_sandbox_start(args, &sp, &err) == AFCQ_OK)
			child = sp.pid;
		if (write(fds[1], &child, sizeof child) != (ssize_t)sizeof child)
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	pid_t child = -1;
	assert_int_equal(read(fds[0], &child, sizeof child), (ssize_t)sizeof child);
	close(fds[0]);
	int status;
	waitpid(mid, &status, 0);
	assert_true(child > 0);
	bool gone = gone_within(child, 3000);
	if (!gone)
		kill(child, SIGKILL);
	assert_true(gone);
	api_test_path_restore(saved);
	free(script);
	api_test_remove_tree(dir);
}

static void test_launch_not_found(void **state)
{
	char dir[PATH_MAX];
	api_test_temp_dir(dir, sizeof dir);
	const char *old = getenv("PATH");
	char *saved = afcq_xstrdup(old ? old : "");
	setenv("PATH", dir, 1);
	struct afcq_sandbox_proc sp;
	struct afcq_error err;
	assert_int_equal(afcq_sandbox_start(NULL, &sp, &err), AFCQ_ERR_IO);
	assert_non_null(strstr(err.msg, "not found"));
	api_test_path_restore(saved);
	api_test_remove_tree(dir);
}

/* ---- against the real sandbox ------------------------------------------ */

struct sb {
	struct afcq_sandbox_proc proc;
	struct afcq_client *client;
	struct afcq_history *history;
	struct afcq_api_ctx ctx;
	char dir[PATH_MAX];
};

static void sb_start(struct sb *sb, const char *const *args, const char *user, const char *pw)
{
	memset(sb, 0, sizeof *sb);
	char *bd = api_test_build_dir();
	char *saved = api_test_path_prepend(bd);
	free(bd);
	struct afcq_error err;
	char line[1024];
	enum afcq_status st = afcq_sandbox_start(args, &sb->proc, &err);
	api_test_path_restore(saved);
	if (st != AFCQ_OK)
		fail_msg("sandbox: %s (the test runs BUILD/afcq-sandbox: build it with make)",
			 afcq_error_line(&err, line, sizeof line));
	struct afcq_endpoint ep = { .base_url = sb->proc.url, .timeout_s = 10,
				    .username = (char *)user, .password = (char *)pw };
	sb->client = afcq_client_new(&ep, NULL);
	api_test_temp_dir(sb->dir, sizeof sb->dir);
	char *path = afcq_xasprintf("%s/h.sqlite", sb->dir);
	sb->history = afcq_history_open(path, &err);
	free(path);
	assert_non_null(sb->history);
	sb->ctx = (struct afcq_api_ctx){ .client = sb->client, .history = sb->history,
					 .endpoint_label = "sandbox" };
}

static void sb_stop(struct sb *sb)
{
	afcq_history_close(sb->history);
	afcq_client_free(sb->client);
	afcq_sandbox_stop(&sb->proc);
	api_test_remove_tree(sb->dir);
}

static void must(enum afcq_status st, const struct afcq_error *err, const char *what)
{
	char line[1024];
	if (st != AFCQ_OK)
		fail_msg("%s: %s", what, afcq_error_line(err, line, sizeof line));
}

static void test_sandbox_quote_invoice_commit(void **state)
{
	/* The clock inside the invoice month: the document is still open. */
	const char *args[] = { "--now", "2022-03-15", NULL };
	struct sb sb;
	sb_start(&sb, args, NULL, NULL);
	assert_non_null(strstr(sb.proc.url, "http://127.0.0.1:"));

	struct afcq_request req;
	api_test_parse_request(dallas_request, &req);
	struct afcq_exchange x;
	struct afcq_error err;

	must(afcq_api_calc(&sb.ctx, AFCQ_OP_QUOTE, &req, &x, &err), &err, "quote");
	struct afcq_totals t;
	afcq_money_totals(&req, &x.response, (size_t)-1, &t);
	assert_int_equal(t.n_errors, 0);
	assert_int_equal(afcq_money_cents(t.billable), 378);
	assert_int_equal(afcq_money_cents(t.total_due), 1978);
	struct afcq_history_entry e;
	memset(&e, 0, sizeof e);
	assert_int_equal(afcq_history_get(sb.history, x.history_id, &e, &err), AFCQ_OK);
	assert_true(e.has_total);
	assert_true(fabs(e.total - 19.7794) < 1e-9);
	afcq_history_entry_done(&e);
	afcq_exchange_done(&x);

	/* The same request as an invoice under a fresh code, then committed,
	 * then uncommitted. */
	char *doc = afcq_api_new_doc(sb.history);
	struct afcq_request inv;
	memset(&inv, 0, sizeof inv);
	afcq_api_prepare_invoice(&inv, &req, "INV-1001", doc, false);
	must(afcq_api_calc(&sb.ctx, AFCQ_OP_INVOICE, &inv, &x, &err), &err, "invoice");
	assert_string_equal(x.response.inv[0].doc, doc);
	afcq_exchange_done(&x);
	assert_true(afcq_history_doc_used(sb.history, doc));

	must(afcq_api_commit(&sb.ctx, doc, true, &x, &err), &err, "commit");
	assert_false(x.commit.ok.set && !x.commit.ok.v);
	afcq_exchange_done(&x);
	must(afcq_api_commit(&sb.ctx, doc, false, &x, &err), &err, "uncommit");
	afcq_exchange_done(&x);

	/* A code the server never saw. */
	assert_int_equal(afcq_api_commit(&sb.ctx, "AFCQ-NEVER-SEEN", true, &x, &err),
			 AFCQ_ERR_API);
	afcq_exchange_done(&x);

	free(doc);
	afcq_request_done(&inv);
	afcq_request_done(&req);
	sb_stop(&sb);
}

static void test_sandbox_lookups(void **state)
{
	struct sb sb;
	sb_start(&sb, NULL, NULL, NULL);
	struct afcq_exchange x;
	struct afcq_error err;
	must(afcq_api_lookup(&sb.ctx, AFCQ_OP_SERVICEINFO, NULL, NULL, &x, &err), &err,
	     "serviceinfo");
	assert_false(afcq_str_empty(x.info.server_time));
	afcq_exchange_done(&x);
	must(afcq_api_lookup(&sb.ctx, AFCQ_OP_TSPAIRS, NULL, NULL, &x, &err), &err, "tspairs");
	assert_true(x.tspairs.n > 0);
	afcq_exchange_done(&x);
	must(afcq_api_lookup(&sb.ctx, AFCQ_OP_TAXTYPE, "*", NULL, &x, &err), &err, "taxtype");
	assert_true(x.taxtypes.n > 0);
	afcq_exchange_done(&x);
	sb_stop(&sb);
}

/* Spawned, then waited for: no address until it listens, then the same
 * as afcq_sandbox_start; a failure is only known when waited for; a
 * zeroed one stopped closes nothing. */
static void test_spawn_then_wait(void **state)
{
	(void)state;
	struct afcq_sandbox_proc z = { 0 };
	afcq_sandbox_stop(&z);
	assert_true(fcntl(0, F_GETFD) != -1);

	char *bd = api_test_build_dir();
	char *saved = api_test_path_prepend(bd);
	free(bd);
	struct afcq_sandbox_proc sp;
	struct afcq_error err;
	assert_int_equal(afcq_sandbox_spawn(NULL, &sp, &err), AFCQ_OK);
	api_test_path_restore(saved);
	assert_true(sp.pid > 0);
	assert_null(sp.url);
	assert_int_equal(afcq_sandbox_wait(&sp, &err), AFCQ_OK);
	assert_non_null(sp.url);
	assert_int_equal(strncmp(sp.url, "http://127.0.0.1:", 17), 0);
	assert_int_equal(afcq_sandbox_wait(&sp, &err), AFCQ_OK); /* again: at once */
	afcq_sandbox_stop(&sp);
	assert_null(sp.url);

	char dir[PATH_MAX];
	api_test_temp_dir(dir, sizeof dir);
	char *script = afcq_xasprintf("%s/afcq-sandbox", dir);
	saved = api_test_path_prepend(dir);
	api_test_write_script(script, "#!/bin/sh\necho \"cannot load rate book\" >&2\nexit 3\n");
	const char *args[] = { "--ratebook", "RB", NULL };
	assert_int_equal(afcq_sandbox_spawn(args, &sp, &err), AFCQ_OK);
	api_test_path_restore(saved);
	assert_int_equal(afcq_sandbox_wait(&sp, &err), AFCQ_ERR_IO);
	assert_string_equal(err.msg, "exited before listening: cannot load rate book");
	assert_int_equal(sp.pid, 0);
	afcq_sandbox_stop(&sp);
	unlink(script);
	free(script);
	api_test_remove_tree(dir);
}

static void test_sandbox_demands_auth(void **state)
{
	const char *args[] = { "--user", "clerk", "--password", "s3cret", NULL };
	struct sb sb;
	sb_start(&sb, args, NULL, NULL);
	struct afcq_exchange x;
	struct afcq_error err;
	assert_int_equal(afcq_api_lookup(&sb.ctx, AFCQ_OP_SERVICEINFO, NULL, NULL, &x, &err),
			 AFCQ_ERR_HTTP);
	assert_int_equal(err.http_status, 401);
	afcq_exchange_done(&x);

	struct afcq_endpoint ep = { .base_url = sb.proc.url, .username = "clerk",
				    .password = "s3cret" };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_api_ctx ctx = { .client = c };
	must(afcq_api_lookup(&ctx, AFCQ_OP_SERVICEINFO, NULL, NULL, &x, &err), &err,
	     "serviceinfo with credentials");
	afcq_exchange_done(&x);
	afcq_client_free(c);
	sb_stop(&sb);
}
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_launch_failures_explained),
		cmocka_unit_test(test_launch_not_found),
		cmocka_unit_test(test_launched_child_dies_with_parent),
		cmocka_unit_test(test_sandbox_quote_invoice_commit),
		cmocka_unit_test(test_sandbox_lookups),
		cmocka_unit_test(test_sandbox_demands_auth),
		cmocka_unit_test(test_spawn_then_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
