/* words.h - the words a name is found by, as the customer book finds its
 * customers (src/store/search.c): for another table that wants to be
 * searched the same way (the history's customers).
 *
 * A key is " w1 w2 ... ": the text's words lower-case, a word joined by
 * punctuation whole and in parts ("obrien o brien"), a word with accents
 * without them too ("josé jose").  Typed text becomes one LIKE pattern per
 * word: "% word%" (the start of a key word), "%123%" for digits (anywhere).
 */
#ifndef AFCQ_WORDS_H
#define AFCQ_WORDS_H

#include <stddef.h>

/* The key of the texts given (NULL ones skipped), malloc'd: the caller
 * frees it. */
char *afcq_words_key(const char *const *texts, size_t n);
/* The LIKE patterns of typed text (malloc'd array of malloc'd strings;
 * *n 0 and NULL for blank text); they hold only letters, digits, '%' and
 * ' ' (no escaping needed).  Free with afcq_words_patterns_free. */
char **afcq_words_patterns(const char *text, size_t *n);
void afcq_words_patterns_free(char **v, size_t n);

#endif
