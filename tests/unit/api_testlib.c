#include "api_testlib.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/codec.h"
#include "afcq/str.h"

void api_test_parse_request(const char *text, struct afcq_request *out)
{
	struct afcq_error err;
	memset(out, 0, sizeof *out);
	enum afcq_status st = afcq_codec_parse_request(text, strlen(text), out, &err);
	char line[1024];
	if (st != AFCQ_OK)
		fail_msg("fixture request: %s", afcq_error_line(&err, line, sizeof line));
}

void api_test_temp_dir(char *buf, size_t n)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(buf, n, "%s/afcq-api-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	assert_non_null(mkdtemp(buf));
}

void api_test_remove_tree(const char *dir)
{
	char *cmd = afcq_xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

char *api_test_path_prepend(const char *dir)
{
	const char *old = getenv("PATH");
	char *saved = afcq_xstrdup(old ? old : "");
	char *p = afcq_xasprintf("%s:%s", dir, saved);
	setenv("PATH", p, 1);
	free(p);
	return saved;
}

void api_test_path_restore(char *saved)
{
	setenv("PATH", saved, 1);
	free(saved);
}

char *api_test_build_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	assert_true(n > 0);
	buf[n] = 0;
	*strrchr(buf, '/') = 0;  /* BUILD/tests */
	*strrchr(buf, '/') = 0;  /* BUILD */
	return afcq_xstrdup(buf);
}

void api_test_write_script(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
}
