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

bool fuzz_round_trip(const struct fuzz_decoder *d, const char *text, size_t len,
		     void (*then)(const void *v, const char *emitted))
{
	void *v1 = calloc(1, d->size), *v2 = calloc(1, d->size);
	struct afcq_error err;
	enum afcq_status st;

	fuzz_check(v1 && v2, "out of memory", d->name, NULL);
	afcq_error_clear(&err);
	st = d->parse(text, len, v1, &err);
	if (st != AFCQ_OK) {
		fuzz_check_error(st, &err);
	} else {
		char *c1 = fuzz_dump(d->emit(v1)), *c2;
		char what[96];

		snprintf(what, sizeof(what), "%s: what was decoded, emitted, does not decode",
			 d->name);
		fuzz_check(d->parse(c1, strlen(c1), v2, NULL) == AFCQ_OK, what, c1, NULL);
		c2 = fuzz_dump(d->emit(v2));
		snprintf(what, sizeof(what), "%s: a decoded value does not round-trip", d->name);
		fuzz_same_text(what, c1, c2);
		if (then)
			then(v1, c1);
		free(c1);
		free(c2);
	}
	d->done(v1);
	d->done(v2);
	free(v1);
	free(v2);
	return st == AFCQ_OK;
}

const char *fuzz_top(void)
{
	const char *t = getenv("AFCQ_TOP");

	return afcq_str_empty(t) ? "." : t;
}
