/* test_history.c - the SQLite history store on real files in a temporary
 * folder: records, pending entries after a crash, ordering, document-code
 * use, default path, file modes, schema version, several handles at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "afcq/codec.h"
#include "afcq/history.h"
#include "history_testlib.h"
#include "afcq/model.h"
#include "afcq/str.h"
#include "sync_count.h"


/* ---- records ----------------------------------------------------------- */

static void test_begin_finish_get(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	int64_t id = history_test_begin(h, "invoice", "DOC-1", "{\"inv\":[]}");

	struct afcq_history_entry e;
	struct afcq_error err;
	assert_int_equal(afcq_history_get(h, id, &e, &err), AFCQ_OK);
	assert_int_equal(e.id, id);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_PENDING);
	assert_string_equal(e.kind, "invoice");
	assert_string_equal(e.endpoint, "sandbox");
	assert_string_equal(e.doc, "DOC-1");
	assert_string_equal(e.invn, "INV-1");
	assert_string_equal(e.request, "{\"inv\":[]}");
	assert_null(e.response);
	assert_null(e.detail);
	assert_false(e.has_total);
	assert_true(history_test_iso_utc(e.time));
	afcq_history_entry_done(&e);
	assert_null(e.time); /* done zeroes */

	assert_int_equal(afcq_history_finish(h, id, AFCQ_OUTCOME_OK, 200, 12.5, "{\"inv\":[{}]}", NULL,
					     true, 19.7794, &err),
			 AFCQ_OK);
	assert_int_equal(afcq_history_get(h, id, &e, &err), AFCQ_OK);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_OK);
	assert_int_equal(e.http_status, 200);
	assert_true(e.latency_ms == 12.5);
	assert_string_equal(e.response, "{\"inv\":[{}]}");
	assert_true(e.has_total);
	assert_true(e.total == 19.7794);
	assert_string_equal(e.request, "{\"inv\":[]}");
	afcq_history_entry_done(&e);

	/* A failure keeps its detail and no total. */
	int64_t id2 = history_test_begin(h, "quote", NULL, "{}");
	assert_int_equal(afcq_history_finish(h, id2, AFCQ_OUTCOME_FAILED, 0, 3, NULL,
					     "connection refused", false, 0, &err),
			 AFCQ_OK);
	assert_int_equal(afcq_history_get(h, id2, &e, &err), AFCQ_OK);
	assert_int_equal(e.outcome, AFCQ_OUTCOME_FAILED);
	assert_string_equal(e.detail, "connection refused");
	assert_null(e.response);
	assert_null(e.doc);
	assert_false(e.has_total);
	afcq_history_entry_done(&e);

	/* Unknown ids are usage errors. */
	assert_int_equal(afcq_history_finish(h, 9999, AFCQ_OUTCOME_OK, 200, 1, NULL, NULL, false, 0,
					     &err),
			 AFCQ_ERR_USAGE);
	assert_int_equal(afcq_history_get(h, 9999, &e, &err), AFCQ_ERR_USAGE);
	assert_null(e.time);
	afcq_history_close(h);
}

static void test_outcome_names(void **state)
{
	(void)state;
	assert_string_equal(afcq_outcome_name(AFCQ_OUTCOME_PENDING), "outcome unknown");
	assert_string_equal(afcq_outcome_name(AFCQ_OUTCOME_OK), "ok");
	assert_string_equal(afcq_outcome_name(AFCQ_OUTCOME_API_ERROR), "API error");
	assert_string_equal(afcq_outcome_name(AFCQ_OUTCOME_FAILED), "failed");
	assert_string_equal(afcq_outcome_name(AFCQ_OUTCOME_CANCELLED), "cancelled");
	assert_string_equal(afcq_outcome_name((enum afcq_outcome)42), "?");
}

/* ---- crashes ------------------------------------------------------------ */

static void test_pending_after_close_without_finish(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	int64_t id = history_test_begin(h, "invoice", "DOC-9", "{}");
	afcq_history_close(h);

	h = history_test_open(f->path);
	struct afcq_history_entry *v;
	size_t n = history_test_list(h, 0, &v);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, id);
	assert_int_equal(v[0].outcome, AFCQ_OUTCOME_PENDING);
	assert_string_equal(afcq_outcome_name(v[0].outcome), "outcome unknown");
	afcq_history_list_free(v, n);
	afcq_history_close(h);
}

static void test_pending_after_killed_process(void **state)
{
	struct history_fixture *f = *state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The process dies right after recording, before any answer. */
		struct afcq_error err;
		struct afcq_history *h = afcq_history_open(f->path, &err);
		struct afcq_history_entry e = {.kind = "commit", .doc = "DOC-K", .request = "{}"};
		int64_t id;
		if (!h || afcq_history_begin(h, &e, &id, &err) != AFCQ_OK)
			_exit(1);
		raise(SIGKILL);
		_exit(2);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	struct afcq_history *h = history_test_open(f->path);
	struct afcq_history_entry *v;
	size_t n = history_test_list(h, 0, &v);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].kind, "commit");
	assert_string_equal(v[0].doc, "DOC-K");
	assert_string_equal(afcq_outcome_name(v[0].outcome), "outcome unknown");
	afcq_history_list_free(v, n);
	afcq_history_close(h);
}

/* ---- durability -------------------------------------------------------- */

/* A quote's record costs no sync, from opening the file to closing it; an
 * invoice's or a commit's record reaches the disk before each call
 * returns (recorded before it is sent, completed after). */
static void test_quotes_unsynced_invoices_synced(void **state)
{
	struct history_fixture *f = *state;
	sync_count_install();
	afcq_history_close(history_test_open(f->path)); /* creates the file and its schema */

	sync_count_reset();
	struct afcq_history *h = history_test_open(f->path);
	int64_t q = history_test_begin(h, "quote", NULL, "{}");
	struct afcq_error err;
	assert_int_equal(afcq_history_finish(h, q, AFCQ_OUTCOME_OK, 200, 1, "{\"inv\":[]}", NULL,
					     true, 1, &err),
			 AFCQ_OK);
	afcq_history_close(h);
	assert_int_equal(sync_count(), 0);

	h = history_test_open(f->path);
	const char *kinds[] = { "invoice", "commit", "uncommit" };
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		sync_count_reset();
		int64_t id = history_test_begin(h, kinds[i], "DOC-S", "{}");
		assert_true(sync_count() > 0);
		sync_count_reset();
		assert_int_equal(afcq_history_finish(h, id, AFCQ_OUTCOME_OK, 200, 1, "{}", NULL, false,
						     0, &err),
				 AFCQ_OK);
		assert_true(sync_count() > 0);
	}

	/* The checked invoice record, and the resolution of an unknown outcome. */
	struct afcq_history_entry e = { .endpoint = "sandbox", .kind = "invoice", .doc = "DOC-T",
					.invn = "INV-T", .request = "{}" };
	int64_t id = 0;
	sync_count_reset();
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, NULL, &err), AFCQ_OK);
	assert_true(sync_count() > 0);
	sync_count_reset();
	assert_int_equal(afcq_history_resolve(h, id, AFCQ_OUTCOME_NEVER_ARRIVED, "asked", &err),
			 AFCQ_OK);
	assert_true(sync_count() > 0);

	/* After them, quotes are cheap again. */
	sync_count_reset();
	q = history_test_begin(h, "quote", NULL, "{}");
	assert_int_equal(afcq_history_finish(h, q, AFCQ_OUTCOME_OK, 200, 1, "{}", NULL, false, 0,
					     &err),
			 AFCQ_OK);
	assert_int_equal(sync_count(), 0);
	afcq_history_close(h);

	/* Nothing was lost by not checkpointing on close. */
	h = history_test_open(f->path);
	struct afcq_history_entry *v;
	size_t n = history_test_list(h, 0, &v);
	assert_int_equal(n, 6);
	afcq_history_list_free(v, n);
	afcq_history_close(h);
}

/* ---- huge answers ------------------------------------------------------- */

static void test_huge_answers_kept_short(void **state)
{
	(void)state;
	char note[400];
	const char *small = "{\"inv\":[{\"doc\":\"D\",\"itms\":[{\"ref\":\"1\"}]}]}";
	/* Up to the limit: kept whole, no note. */
	assert_null(afcq_history_shorten(small, strlen(small), AFCQ_HISTORY_ANSWER_MAX, NULL));
	assert_false(afcq_history_shortened(small, note, sizeof note));
	assert_false(afcq_history_shortened(NULL, note, sizeof note));

	/* Beyond it, decoded: the invoices without their items, and a note. */
	const char *text = "{\"err\":[{\"code\":7,\"msg\":\"late\"}],\"inv\":[{\"doc\":\"D\","
			   "\"itms\":[{\"ref\":\"1\",\"txs\":[{\"tax\":1}]},{\"ref\":\"2\","
			   "\"err\":[{\"code\":1,\"msg\":\"x\"}]}],\"summ\":[{\"tid\":5,\"tax\":1}]}]}";
	struct afcq_response r = { 0 };
	struct afcq_error err;
	assert_int_equal(afcq_codec_parse_response(text, strlen(text), &r, &err), AFCQ_OK);
	char *kept = afcq_history_shorten(text, strlen(text), 3 * 1024 * 1024, &r);
	assert_non_null(kept);
	assert_true(afcq_history_shortened(kept, note, sizeof note));
	assert_string_equal(note, "answer of 3.0 MiB shortened in history: 2 line items left out "
				  "(1 with errors); summary, errors and total kept");
	struct afcq_response back = { 0 };
	assert_int_equal(afcq_codec_parse_response(kept, strlen(kept), &back, &err), AFCQ_OK);
	assert_int_equal(back.n_inv, 1);
	assert_string_equal(back.inv[0].doc, "D");
	assert_int_equal(back.inv[0].n_itms, 0);
	assert_int_equal(back.inv[0].n_summ, 1);
	assert_int_equal(back.err.n, 1);
	afcq_response_done(&back);
	afcq_response_done(&r);
	free(kept);

	/* Not decoded: its start, as text. */
	size_t big = 300 * 1024;
	char *body = afcq_xcalloc(1, big + 1);
	memset(body, 'x', big);
	kept = afcq_history_shorten(body, big, big, NULL);
	assert_true(afcq_history_shortened(kept, note, sizeof note));
	assert_string_equal(note, "answer of 300 KiB shortened in history: not decoded; its first "
				  "65536 bytes kept");
	assert_true(strlen(kept) > 65536 && strlen(kept) < 66000);
	free(kept);
	free(body);
}

/* ---- listing -------------------------------------------------------- */

static void test_list_newest_first_and_limit(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	int64_t ids[5];
	char doc[16];
	for (int i = 0; i < 5; i++) {
		snprintf(doc, sizeof doc, "D%d", i);
		ids[i] = history_test_begin(h, "invoice", doc, "{\"big\":true}");
	}
	struct afcq_error err;
	assert_int_equal(afcq_history_finish(h, ids[1], AFCQ_OUTCOME_API_ERROR, 200, 5, "{}",
					     "inv[0]: bad", false, 0, &err),
			 AFCQ_OK);

	struct afcq_history_entry *v;
	size_t n = history_test_list(h, 0, &v);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].id, ids[4 - i]);
		snprintf(doc, sizeof doc, "D%d", (int)(4 - i));
		assert_string_equal(v[i].doc, doc);
		assert_null(v[i].request);  /* bodies only through get */
		assert_true(history_test_iso_utc(v[i].time));
	}
	assert_int_equal(v[3].outcome, AFCQ_OUTCOME_API_ERROR);
	assert_string_equal(v[3].detail, "inv[0]: bad");
	assert_int_equal(v[0].outcome, AFCQ_OUTCOME_PENDING);
	afcq_history_list_free(v, n);

	n = history_test_list(h, 2, &v);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, ids[4]);
	assert_int_equal(v[1].id, ids[3]);
	afcq_history_list_free(v, n);

	n = history_test_list(h, 50, &v);
	assert_int_equal(n, 5);
	afcq_history_list_free(v, n);
	afcq_history_close(h);
}

static void test_list_empty_store(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	struct afcq_history_entry *v = (void *)1;
	size_t n = history_test_list(h, 0, &v);
	assert_int_equal(n, 0);
	afcq_history_list_free(v, n);
	afcq_history_close(h);
}

static void test_doc_used(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	assert_false(afcq_history_doc_used(h, "A-1"));
	history_test_begin(h, "invoice", "A-1", "{}");
	history_test_begin(h, "quote", "Q-1", "{}");
	history_test_begin(h, "commit", "C-1", "{}");
	assert_true(afcq_history_doc_used(h, "A-1"));
	assert_false(afcq_history_doc_used(h, "a-1"));  /* codes are exact */
	assert_false(afcq_history_doc_used(h, "Q-1"));  /* a quote makes no document */
	assert_false(afcq_history_doc_used(h, "C-1"));
	assert_false(afcq_history_doc_used(h, ""));
	assert_false(afcq_history_doc_used(h, NULL));
	afcq_history_close(h);

	h = history_test_open(f->path); /* remembered across runs */
	assert_true(afcq_history_doc_used(h, "A-1"));
	afcq_history_close(h);
}

/* ---- where and how the file is kept ------------------------------------- */

static void test_default_path(void **state)
{
	(void)state;
	struct history_saved_env saved = history_test_env_save();

	setenv("XDG_STATE_HOME", "/srv/state", 1);
	setenv("HOME", "/nonexistent/rep", 1);
	char *p = afcq_history_default_path();
	assert_string_equal(p, "/srv/state/afcq/history.sqlite");
	free(p);

	setenv("XDG_STATE_HOME", "relative/state", 1); /* ignored, as XDG says */
	p = afcq_history_default_path();
	assert_string_equal(p, "/nonexistent/rep/.local/state/afcq/history.sqlite");
	free(p);

	unsetenv("XDG_STATE_HOME");
	p = afcq_history_default_path();
	assert_string_equal(p, "/nonexistent/rep/.local/state/afcq/history.sqlite");
	free(p);
	history_test_env_restore(&saved);
}

static void test_open_default_creates_private_folders(void **state)
{
	struct history_fixture *f = *state;
	struct history_saved_env saved = history_test_env_save();

	/* HOME alone: ~/.local/state/afcq/history.sqlite */
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", f->dir, 1);
	struct afcq_history *h = history_test_open(NULL);
	history_test_begin(h, "quote", NULL, "{}");
	char *local = afcq_xasprintf("%s/.local", f->dir);
	char *afcq_dir = afcq_xasprintf("%s/.local/state/afcq", f->dir);
	char *file = afcq_xasprintf("%s/history.sqlite", afcq_dir);
	char *wal = afcq_xasprintf("%s-wal", file);
	assert_int_equal(history_test_mode(local), 0700);
	assert_int_equal(history_test_mode(afcq_dir), 0700);
	assert_int_equal(history_test_mode(file), 0600);
	assert_int_equal(history_test_mode(wal), 0600);
	afcq_history_close(h);

	/* XDG_STATE_HOME wins over HOME. */
	char *xdg = afcq_xasprintf("%s/xdg", f->dir);
	setenv("XDG_STATE_HOME", xdg, 1);
	h = history_test_open(NULL);
	afcq_history_close(h);
	char *xfile = afcq_xasprintf("%s/afcq/history.sqlite", xdg);
	assert_int_equal(history_test_mode(xfile), 0600);
	assert_int_equal(history_test_mode(xdg), 0700);

	history_test_env_restore(&saved);
	free(local);
	free(afcq_dir);
	free(file);
	free(wal);
	free(xdg);
	free(xfile);
}

static void test_existing_file_made_private(void **state)
{
	struct history_fixture *f = *state;
	FILE *fp = fopen(f->path, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(chmod(f->path, 0644), 0);
	struct afcq_history *h = history_test_open(f->path);
	assert_int_equal(history_test_mode(f->path), 0600);
	afcq_history_close(h);
}

static void test_open_errors(void **state)
{
	struct history_fixture *f = *state;
	/* A folder in the way is a plain file. */
	char *blocker = afcq_xasprintf("%s/blocker", f->dir);
	FILE *fp = fopen(blocker, "w");
	assert_non_null(fp);
	fclose(fp);
	char *bad = afcq_xasprintf("%s/sub/history.sqlite", blocker);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_null(afcq_history_open(bad, &err));
	assert_int_equal(err.status, AFCQ_ERR_IO);
	assert_non_null(strstr(err.where, "blocker"));

	/* A file that is not SQLite. */
	fp = fopen(f->path, "w");
	assert_non_null(fp);
	fputs("this is not a database, just some text long enough to have a header\n", fp);
	fclose(fp);
	afcq_error_clear(&err);
	assert_null(afcq_history_open(f->path, &err));
	assert_int_equal(err.status, AFCQ_ERR_DB);
	free(blocker);
	free(bad);
}

static void test_schema_versioned(void **state)
{
	struct history_fixture *f = *state;
	afcq_history_close(history_test_open(f->path));

	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 4);
	sqlite3_finalize(st);

	/* Every column there is: none for headers, so no credentials. */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(name, ',') FROM"
						" pragma_table_info('requests')", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
			    "id,time,endpoint,kind,doc,invn,request,response,http_status,"
			    "latency_ms,outcome,detail,total,by_user,doc_dup,customer,"
			    "customer_account,customer_uid,customer_key");
	sqlite3_finalize(st);

	/* The WAL journal is on, so commits are durable without a full rewrite. */
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);

	/* A file from a newer afcq is refused, not guessed at. */
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_null(afcq_history_open(f->path, &err));
	assert_int_equal(err.status, AFCQ_ERR_DB);
	assert_non_null(strstr(err.msg, "newer"));
}

/* A file written before entries said who sent them is upgraded when
 * opened: its entries stay (sender unknown), new ones record user@host. */
static void test_schema_upgraded_records_sender(void **state)
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
				      " outcome INTEGER NOT NULL DEFAULT 0, detail TEXT, total REAL);"
				      "CREATE INDEX requests_doc ON requests(doc, kind);"
				      "INSERT INTO requests (time, kind, doc, outcome)"
				      " VALUES ('2022-03-15T10:00:00Z', 'invoice', 'OLD-1', 1);"
				      "PRAGMA user_version = 1;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	char *user = afcq_xstrdup(getenv("USER"));
	history_test_env_put("USER", "rep-x");
	struct afcq_history *h = history_test_open(f->path);
	struct afcq_history_entry e;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_get(h, 1, &e, &err), AFCQ_OK);
	assert_string_equal(e.doc, "OLD-1");
	assert_null(e.by);
	afcq_history_entry_done(&e);
	int64_t id = history_test_begin(h, "quote", NULL, "{}");
	assert_int_equal(afcq_history_get(h, id, &e, &err), AFCQ_OK);
	assert_non_null(e.by);
	assert_true(strncmp(e.by, "rep-x@", 6) == 0);
	afcq_history_entry_done(&e);
	afcq_history_close(h);
	history_test_env_put("USER", user);
	free(user);

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 4);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Rows of requests holding invoice document code doc, counted by another
 * connection to the file. */
static int invoices_with_doc(const char *path, const char *doc)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM requests WHERE kind = 'invoice'"
						" AND doc = ?", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* The file itself refuses a second invoice with a document code it holds,
 * whoever writes it: through the history, and through another program
 * writing the table directly (no check before the insert to rely on). */
static void test_doc_unique_in_the_file(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	history_test_begin(h, "invoice", "U-1", "{}");
	struct afcq_history_entry e = { .endpoint = "sandbox", .kind = "invoice", .doc = "U-1",
					.invn = "N-2", .request = "{}" };
	int64_t id = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_begin(h, &e, &id, &err), AFCQ_ERR_INVALID);
	assert_string_equal(err.where, "doc");
	assert_non_null(strstr(err.msg, "document code U-1 is already in the journal (sent at 20"));
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, NULL, &err), AFCQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "U-1 is already in the journal"));
	/* a quote or a commit carries the code as well: no document of its own */
	history_test_begin(h, "quote", "U-1", "{}");
	history_test_begin(h, "commit", "U-1", "{}");
	afcq_history_close(h);

	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO requests (time, kind, doc)"
					  " VALUES ('2022-03-15T10:00:00Z', 'invoice', 'U-1')",
				      NULL, NULL, NULL),
			 SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_extended_errcode(db), SQLITE_CONSTRAINT_UNIQUE);
	/* invoices without a code are not codes */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO requests (time, kind) VALUES ('t', 'invoice');"
					  "INSERT INTO requests (time, kind) VALUES ('t', 'invoice')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(invoices_with_doc(f->path, "U-1"), 1);
}

/* A file written before the file enforced codes may hold one twice: it
 * opens, every row stays as it was, and no new invoice takes that code
 * (or any other already there). */
static void test_schema_upgraded_keeps_duplicate_codes(void **state)
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
				      " by_user TEXT);"
				      "CREATE INDEX requests_doc ON requests(doc, kind);"
				      "INSERT INTO requests (time, kind, doc, invn, outcome) VALUES"
				      " ('2022-03-15T10:00:00Z', 'invoice', 'TWICE', 'N-1', 1),"
				      " ('2022-03-15T10:00:01Z', 'invoice', 'ONCE', 'N-2', 1),"
				      " ('2022-03-15T10:00:02Z', 'invoice', 'TWICE', 'N-3', 0),"
				      " ('2022-03-15T10:00:03Z', 'invoice', 'TWICE', 'N-4', 1);"
				      "PRAGMA user_version = 2;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	struct afcq_history *h = history_test_open(f->path);
	struct afcq_history_entry *v;
	size_t n = history_test_list(h, 0, &v);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].invn, "N-4");
	assert_string_equal(v[0].doc, "TWICE");
	assert_int_equal(v[1].outcome, AFCQ_OUTCOME_PENDING);  /* as it was */
	assert_string_equal(v[3].invn, "N-1");
	afcq_history_list_free(v, n);
	struct afcq_history_entry e = { .endpoint = "sandbox", .kind = "invoice", .doc = "TWICE",
					.invn = "N-5", .request = "{}" };
	int64_t id = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, NULL, &err), AFCQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "TWICE is already in the journal (sent at "
					"2022-03-15T10:00:00Z)"));
	e.doc = "ONCE";
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, NULL, &err), AFCQ_ERR_INVALID);
	e.doc = "NEW";
	assert_int_equal(afcq_history_begin_invoice(h, &e, &id, NULL, &err), AFCQ_OK);
	afcq_history_close(h);
	assert_int_equal(invoices_with_doc(f->path, "TWICE"), 3);
	assert_int_equal(invoices_with_doc(f->path, "NEW"), 1);
}

/* Entries leave a file by id, in one transaction: those added meanwhile
 * stay, ids not there are no error. */
static void test_forget_by_id(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *h = history_test_open(f->path);
	int64_t a = history_test_begin(h, "quote", NULL, "{}");
	int64_t b = history_test_begin(h, "quote", NULL, "{}");
	struct afcq_history *other = history_test_open(f->path);
	int64_t c = history_test_begin(other, "quote", NULL, "{}");
	afcq_history_close(other);
	const int64_t ids[] = { a, b, 999 };
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_history_forget(h, ids, 3, &err), AFCQ_OK);
	struct afcq_history_entry *v;
	size_t n = history_test_list(h, 0, &v);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, c);
	afcq_history_list_free(v, n);
	assert_int_equal(afcq_history_forget(h, NULL, 0, &err), AFCQ_OK);
	afcq_history_close(h);
}

/* ---- several handles ----------------------------------------------------- */

static void test_two_handles(void **state)
{
	struct history_fixture *f = *state;
	struct afcq_history *a = history_test_open(f->path);
	struct afcq_history *b = history_test_open(f->path);
	int64_t ia = history_test_begin(a, "invoice", "FROM-A", "{}");
	int64_t ib = history_test_begin(b, "invoice", "FROM-B", "{}");
	assert_true(ib > ia);
	struct afcq_error err;
	/* Each handle completes and sees the other's records. */
	assert_int_equal(afcq_history_finish(b, ia, AFCQ_OUTCOME_OK, 200, 1, "{}", NULL, true, 1, &err),
			 AFCQ_OK);
	assert_true(afcq_history_doc_used(a, "FROM-B"));
	assert_true(afcq_history_doc_used(b, "FROM-A"));
	struct afcq_history_entry *v;
	size_t n = history_test_list(a, 0, &v);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, ib);
	assert_int_equal(v[1].outcome, AFCQ_OUTCOME_OK);
	afcq_history_list_free(v, n);
	afcq_history_close(a);
	afcq_history_close(b);
}

static void test_processes_share_a_new_file(void **state)
{
	struct history_fixture *f = *state;
	enum { WRITERS = 3, EACH = 20 };
	pid_t pids[WRITERS];
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			struct afcq_error err;
			struct afcq_history *h = afcq_history_open(f->path, &err);
			if (!h)
				_exit(1);
			for (int i = 0; i < EACH; i++) {
				struct afcq_history_entry e = {.kind = "quote", .request = "{}"};
				int64_t id;
				if (afcq_history_begin(h, &e, &id, &err) != AFCQ_OK ||
				    afcq_history_finish(h, id, AFCQ_OUTCOME_OK, 200, 1, "{}", NULL,
							false, 0, &err) != AFCQ_OK)
					_exit(2);
			}
			afcq_history_close(h);
			_exit(0);
		}
	}
	for (int w = 0; w < WRITERS; w++) {
		int status;
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	struct afcq_history *h = history_test_open(f->path);
	struct afcq_history_entry *v;
	size_t n = history_test_list(h, 0, &v);
	assert_int_equal(n, WRITERS * EACH);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].outcome, AFCQ_OUTCOME_OK);
	afcq_history_list_free(v, n);
	afcq_history_close(h);
}

static void test_memory_store(void **state)
{
	(void)state;
	struct afcq_history *h = history_test_open(":memory:");
	history_test_begin(h, "invoice", "M-1", "{}");
	assert_true(afcq_history_doc_used(h, "M-1"));
	afcq_history_close(h);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, history_test_setup, history_test_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_begin_finish_get),
		T(test_outcome_names),
		T(test_pending_after_close_without_finish),
		T(test_pending_after_killed_process),
		T(test_quotes_unsynced_invoices_synced),
		T(test_huge_answers_kept_short),
		T(test_list_newest_first_and_limit),
		T(test_list_empty_store),
		T(test_doc_used),
		T(test_default_path),
		T(test_open_default_creates_private_folders),
		T(test_existing_file_made_private),
		T(test_open_errors),
		T(test_schema_versioned),
		T(test_schema_upgraded_records_sender),
		T(test_doc_unique_in_the_file),
		T(test_schema_upgraded_keeps_duplicate_codes),
		T(test_forget_by_id),
		T(test_two_handles),
		T(test_processes_share_a_new_file),
		T(test_memory_store),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
