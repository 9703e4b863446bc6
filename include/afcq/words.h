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

#include <stdbool.h>
#include <stddef.h>

/* The key of the texts given (NULL ones skipped), malloc'd: the caller
 * frees it. */
char *afcq_words_key(const char *const *texts, size_t n);
/* The LIKE patterns of typed text (malloc'd array of malloc'd strings;
 * *n 0 and NULL for blank text); they hold only letters, digits, '%' and
 * ' ' (no escaping needed).  Free with afcq_words_patterns_free. */
char **afcq_words_patterns(const char *text, size_t *n);
void afcq_words_patterns_free(char **v, size_t n);
/* Whether key (afcq_words_key) has every one of the n patterns, as SQL's
 * LIKE would find them: for a list already in memory.  false for a NULL
 * key or no pattern. */
bool afcq_words_match(const char *key, char *const *pats, size_t n);

/* Text compared the way keys fold it, for a plain search inside any text:
 * afcq_words_fold gives s lower-case with its accented Latin-1 letters
 * written without accents ("José" -> "jose"; malloc'd, the caller frees
 * it); afcq_words_contains tells whether hay, folded the same way as it
 * is read (nothing copied), holds folded (a folded text; "" is in
 * everything, nothing is in NULL). */
char *afcq_words_fold(const char *s);
bool afcq_words_contains(const char *hay, const char *folded);

#endif
