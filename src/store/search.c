/* search.c - the words a customer or product is found by.
 *
 * A record's key is its words, lower-case, each preceded and followed by a
 * space: " acme corp acme 0042 dallas 75201 7520100 2145550100 ".  A word
 * is a run of ASCII letters and digits or of UTF-8 bytes; everything else
 * separates words, so punctuation typed or stored does not matter, and a
 * phone number contributes its digits as one word.  A word typed by the
 * user becomes the pattern "% word%" (the start of a key word); a run of
 * digits becomes "%digits%" (anywhere: part of a phone number, account or
 * PCode).
 */
#include "store_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

#define MAX_PATTERNS 16

static bool word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Appends the words of s to key, lower-case, each followed by a space. */
static void add_words(struct afcq_buf *key, const char *s)
{
	if (!s)
		return;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		while (*p && !word_byte(*p))
			p++;
		if (!*p)
			break;
		while (word_byte(*p)) {
			char c = (char)(*p < 0x80 ? tolower(*p) : *p);
			afcq_buf_append(key, &c, 1);
			p++;
		}
		afcq_buf_puts(key, " ");
	}
}

/* Appends the digits of s as one word (nothing when s has none). */
static void add_digits(struct afcq_buf *key, const char *s)
{
	size_t before = key->len;
	for (const char *p = s; p && *p; p++)
		if (isdigit((unsigned char)*p))
			afcq_buf_append(key, p, 1);
	if (key->len != before)
		afcq_buf_puts(key, " ");
}

char *store_search_key(const struct afcq_customer *c)
{
	struct afcq_buf key;
	afcq_buf_init(&key);
	afcq_buf_puts(&key, " ");
	add_words(&key, c->name);
	add_words(&key, c->account);
	add_words(&key, c->bill.city);
	add_words(&key, c->bill.zip);
	if (c->bill.pcd.set)
		afcq_buf_printf(&key, "%lld ", c->bill.pcd.v);
	for (size_t i = 0; i < c->n_phones; i++)
		add_digits(&key, c->phones[i]);
	return afcq_buf_steal(&key);
}

char *store_product_key(const char *name)
{
	struct afcq_buf key;
	afcq_buf_init(&key);
	afcq_buf_puts(&key, " ");
	add_words(&key, name);
	return afcq_buf_steal(&key);
}

char **store_search_patterns(const char *text, size_t *n)
{
	*n = 0;
	char *words = store_product_key(text ? text : "");
	char **v = NULL;
	for (char *save = NULL, *w = strtok_r(words, " ", &save); w && *n < MAX_PATTERNS;
	     w = strtok_r(NULL, " ", &save)) {
		bool digits = true;
		for (const char *p = w; *p; p++)
			digits = digits && isdigit((unsigned char)*p);
		v = afcq_xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = afcq_xasprintf(digits ? "%%%s%%" : "%% %s%%", w);
	}
	free(words);
	return v;
}

void store_patterns_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
