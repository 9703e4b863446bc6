/* fuzzlib.c - checks shared by the fuzz targets (see fuzzlib.h). */
#include "fuzzlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/str.h"

void fuzz_check(bool ok, const char *what, const char *a, const char *b)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz check failed: %s\n", what);
	if (a)
		fprintf(stderr, "  first:  %s\n", a);
	if (b)
		fprintf(stderr, "  second: %s\n", b);
	abort();
}

void fuzz_same_text(const char *what, const char *a, const char *b)
{
	fuzz_check(a && b && strcmp(a, b) == 0, what, a, b);
}

void fuzz_same_json(const char *what, json_t *a, json_t *b)
{
	char *ta = fuzz_dump(a), *tb = fuzz_dump(b);

	fuzz_same_text(what, ta, tb);
	free(ta);
	free(tb);
}

char *fuzz_dump(json_t *j)
{
	char *text = afcq_json_dump(j, AFCQ_JSON_COMPACT);

	json_decref(j);
	return text;
}

void fuzz_check_error(enum afcq_status st, const struct afcq_error *err)
{
	char line[1024];

	afcq_error_line(err, line, sizeof(line));
	fuzz_check(err->status == st, "an error's status differs from the one returned", line,
		   afcq_status_name(st));
	fuzz_check(err->msg[0] != '\0', "an error without a message", line, NULL);
	fuzz_check(!strpbrk(line, "\r\n"), "an error message spans lines", line, NULL);
}

const char *fuzz_top(void)
{
	const char *t = getenv("AFCQ_TOP");

	return afcq_str_empty(t) ? "." : t;
}
