/* history_testlib.c - see history_testlib.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "afcq/str.h"
#include "history_testlib.h"

int history_test_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct history_fixture *f = afcq_xcalloc(1, sizeof *f);
	f->dir = afcq_xasprintf("%s/afcq-history.XXXXXX", afcq_str_empty(tmp) ? P_tmpdir : tmp);
	if (!mkdtemp(f->dir))
		return -1;
	f->path = afcq_xasprintf("%s/history.sqlite", f->dir);
	*state = f;
	return 0;
}

static int remove_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

int history_test_teardown(void **state)
{
	struct history_fixture *f = *state;
	nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

struct afcq_history *history_test_open(const char *path)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_history *h = afcq_history_open(path, &err);
	if (!h)
		fail_msg("open %s: %s", path ? path : "(default)", err.msg);
	return h;
}

int64_t history_test_begin(struct afcq_history *h, const char *kind, const char *doc, const char *req)
{
	struct afcq_history_entry e = {
		.endpoint = "sandbox",
		.kind = (char *)kind,
		.doc = (char *)doc,
		.invn = "INV-1",
		.request = (char *)req,
	};
	int64_t id = -1;
	struct afcq_error err;
	assert_int_equal(afcq_history_begin(h, &e, &id, &err), AFCQ_OK);
	assert_true(id > 0);
	return id;
}

/* Lists the store (limit 0: every entry) into *v, newest first; returns
 * how many (free with afcq_history_list_free). */
size_t history_test_list(struct afcq_history *h, size_t limit, struct afcq_history_entry **v)
{
	size_t n = 7; /* the call must set it, even to 0 */
	struct afcq_error err;
	assert_int_equal(afcq_history_list(h, limit, v, &n, &err), AFCQ_OK);
	return n;
}

struct history_saved_env history_test_env_save(void)
{
	return (struct history_saved_env){ afcq_xstrdup(getenv("XDG_STATE_HOME")),
				   afcq_xstrdup(getenv("HOME")) };
}

void history_test_env_put(const char *name, const char *value)
{
	if (value)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

/* Puts both back as they were and frees the copies. */
void history_test_env_restore(struct history_saved_env *e)
{
	history_test_env_put("XDG_STATE_HOME", e->state);
	history_test_env_put("HOME", e->home);
	free(e->state);
	free(e->home);
}

mode_t history_test_mode(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 07777;
}

bool history_test_iso_utc(const char *s)
{
	/* 2024-05-01T04:55:00Z */
	if (!s || strlen(s) != 20)
		return false;
	for (int i = 0; i < 20; i++) {
		char c = s[i];
		bool ok;
		switch (i) {
		case 4: case 7: ok = c == '-'; break;
		case 10: ok = c == 'T'; break;
		case 13: case 16: ok = c == ':'; break;
		case 19: ok = c == 'Z'; break;
		default: ok = c >= '0' && c <= '9'; break;
		}
		if (!ok)
			return false;
	}
	return true;
}
