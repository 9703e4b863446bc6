/* str.h - small string and memory helpers shared by every part.
 *
 * Allocation failure is fatal: the x* wrappers print one line and call
 * exit(70), so atexit handlers (the workstation restores the terminal in
 * one) still run.  Everything returned is owned by the caller (free()).
 */
#ifndef AFCQ_STR_H
#define AFCQ_STR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *afcq_xmalloc(size_t n);
void *afcq_xcalloc(size_t n, size_t size);
void *afcq_xrealloc(void *p, size_t n);
/* NULL in, NULL out. */
char *afcq_xstrdup(const char *s);
char *afcq_xstrndup(const char *s, size_t n);
char *afcq_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *afcq_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Growable byte buffer; always NUL-terminated after any append. */
struct afcq_buf { char *data; size_t len, cap; };
void afcq_buf_init(struct afcq_buf *b);
void afcq_buf_done(struct afcq_buf *b);
void afcq_buf_append(struct afcq_buf *b, const char *s, size_t n);
void afcq_buf_puts(struct afcq_buf *b, const char *s);
void afcq_buf_printf(struct afcq_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data over to the caller (free()) and resets b. */
char *afcq_buf_steal(struct afcq_buf *b);

/* true when s is NULL or "". */
bool afcq_str_empty(const char *s);
/* Case-insensitive substring test on ASCII letters; UTF-8 passes through. */
bool afcq_str_icontains(const char *hay, const char *needle);

/* The largest request body the service accepts, and so the largest file
 * afcq reads (the sandbox refuses bigger bodies with 413): 64 MB. */
#define AFCQ_MAX_BODY ((size_t)64 * 1024 * 1024)

/* Reads a whole file ("-" = stdin) into a NUL-terminated buffer.
 * Returns NULL and sets errno on failure; *len gets the length.  Reads
 * at most AFCQ_MAX_BODY bytes: a longer file or stream (/dev/zero) is
 * NULL with errno EFBIG, after reading just past the limit. */
char *afcq_read_file(const char *path, size_t *len);

#endif
