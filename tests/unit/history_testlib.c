/* history_testlib.c - see history_testlib.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

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
