/* book_int.h - what the book_*.c files share (private to src/core). */
#ifndef AFCQ_BOOK_INT_H
#define AFCQ_BOOK_INT_H

#include <stdbool.h>
#include <stddef.h>

/* The len bytes at s without leading and trailing blanks, malloc'd. */
char *book_trimmed(const char *s, size_t len);
/* true for NULL, "" and blanks only. */
bool book_blank(const char *s);
/* Replaces *dst with a copy of v (NULL stays NULL). */
void book_set_str(char **dst, const char *v);

#endif
