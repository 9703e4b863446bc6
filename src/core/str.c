#include "afcq/str.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("afcq: out of memory\n", stderr);
	exit(70);
}

void *afcq_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *afcq_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *afcq_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *afcq_xstrdup(const char *s)
{
	return s ? afcq_xstrndup(s, strlen(s)) : NULL;
}

char *afcq_xstrndup(const char *s, size_t n)
{
	if (!s)
		return NULL;
	size_t len = strnlen(s, n);
	char *d = afcq_xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *afcq_xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *s = afcq_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *afcq_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = afcq_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void afcq_buf_init(struct afcq_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void afcq_buf_done(struct afcq_buf *b)
{
	free(b->data);
	afcq_buf_init(b);
}

void afcq_buf_append(struct afcq_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = afcq_xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void afcq_buf_puts(struct afcq_buf *b, const char *s)
{
	afcq_buf_append(b, s, strlen(s));
}

void afcq_buf_printf(struct afcq_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = afcq_xvasprintf(fmt, ap);
	va_end(ap);
	afcq_buf_puts(b, s);
	free(s);
}

char *afcq_buf_steal(struct afcq_buf *b)
{
	if (!b->data)
		afcq_buf_append(b, "", 0);
	char *d = b->data;
	afcq_buf_init(b);
	return d;
}

bool afcq_str_empty(const char *s)
{
	return !s || !*s;
}

bool afcq_str_icontains(const char *hay, const char *needle)
{
	if (!needle || !*needle)
		return true;
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++) {
		size_t i = 0;
		while (i < n && p[i] &&
		       tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

char *afcq_read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return NULL;
	struct afcq_buf b;
	afcq_buf_init(&b);
	char chunk[65536];
	size_t n;
	bool too_big = false;
	while (!too_big && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		too_big = b.len + n > AFCQ_MAX_BODY;
		if (!too_big)
			afcq_buf_append(&b, chunk, n);
	}
	int bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad || too_big) {
		afcq_buf_done(&b);
		errno = too_big ? EFBIG : EIO;
		return NULL;
	}
	if (len)
		*len = b.len;
	return afcq_buf_steal(&b);
}
