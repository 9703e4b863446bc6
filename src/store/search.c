/* search.c - the words a customer or product is found by.
 *
 * A record's key is its words, lower-case, each preceded and followed by a
 * space: " acme corp acme 0042 dallas 75201 7520100 2145550100 ".  A word
 * is a run of ASCII letters and digits or of UTF-8 bytes; everything else
 * separates words, so punctuation typed or stored does not matter, and a
 * phone number contributes its digits as one word.  Punctuation inside a
 * word (O'Brien with a straight or curly apostrophe, Smith-Jones) joins
 * its parts: the key holds the word whole ("obrien") and its parts ("o",
 * "brien"); typed, such a word is looked for whole ("obri", "o'bri").  A
 * word with accents is keyed without them too ("josé jose"), so "jose"
 * finds José.  A
 * word typed by the user becomes the pattern "% word%" (the start of a key
 * word); a run of digits becomes "%digits%" (anywhere: part of a phone
 * number, account or PCode).
 */
#include "store_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"
#include "afcq/words.h"

#define MAX_PATTERNS 16

static bool word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* A copy of s with the curly apostrophes (U+2018, U+2019) made ASCII. */
static char *ascii_apostrophes(const char *s)
{
	char *out = afcq_xstrdup(s);
	char *w = out;
	for (const char *p = s; *p;) {
		if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0x98 || (unsigned char)p[2] == 0x99)) {
			*w++ = '\'';
			p += 3;
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
	return out;
}

/* The ASCII letter a Latin-1 letter (the second byte of its UTF-8 form,
 * after 0xC3) is written with on a keyboard without accents: é -> e,
 * Ñ -> n; 0 for any other. */
static char latin1_base(unsigned char b)
{
	static const char base[64] = "aaaaaaaceeeeiiiidnooooo\0ouuuuy\0saaaaaaaceeeeiiiidnooooo\0ouuuuy\0y";
	return b >= 0x80 && b <= 0xBF ? base[b - 0x80] : 0;
}

/* word (n bytes, lower-case) with its accented Latin-1 letters written
 * without accents ("josé" -> "jose"), or NULL when it has none. */
static char *unaccented(const char *word, size_t n)
{
	bool any = false;
	for (size_t i = 0; i + 1 < n; i++)
		any = any || ((unsigned char)word[i] == 0xC3 && latin1_base((unsigned char)word[i + 1]));
	if (!any)
		return NULL;
	char *out = afcq_xcalloc(n + 1, 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char b = i + 1 < n && (unsigned char)word[i] == 0xC3
				 ? latin1_base((unsigned char)word[i + 1]) : 0;
		if (b) {
			out[k++] = b;
			i++;
		} else {
			out[k++] = word[i];
		}
	}
	out[k] = '\0';
	return out;
}

/* Appends the words of s to key, lower-case, each followed by a space.  A
 * word whose parts are joined by punctuation ("O'Brien", "Smith-Jones",
 * "AT&T") is added whole without it ("obrien"), and with parts true each
 * part too ("o", "brien"), so that either is found however the name was
 * stored or typed.  With fold true (a record's key, not typed words) a
 * word with accents is added without them too ("josé jose"), so that
 * "jose" typed on a keyboard without accents finds José, and José typed
 * finds a key made before. */
static void add_words(struct afcq_buf *key, const char *s, bool parts, bool fold)
{
	if (!s)
		return;
	char *text = ascii_apostrophes(s);
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		while (*p && !word_byte(*p))
			p++;
		if (!*p)
			break;
		const unsigned char *start = p;
		size_t word_at = key->len;
		bool joined = false;
		for (;;) {
			while (word_byte(*p)) {
				char c = (char)(*p < 0x80 ? tolower(*p) : *p);
				afcq_buf_append(key, &c, 1);
				p++;
			}
			if (!(ispunct(*p) && word_byte(p[1])))
				break;
			joined = true;
			p++;
		}
		afcq_buf_puts(key, " ");
		char *plain = fold ? unaccented(key->data + word_at, key->len - 1 - word_at) : NULL;
		if (plain) {
			afcq_buf_puts(key, plain);
			afcq_buf_puts(key, " ");
			free(plain);
		}
		if (joined && parts) {
			char *part = afcq_xstrndup((const char *)start, (size_t)(p - start));
			for (char *q = part; *q; q++)
				if (ispunct((unsigned char)*q))
					*q = ' ';
			add_words(key, part, false, fold);
			free(part);
		}
	}
	free(text);
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
	add_words(&key, c->name, true, true);
	add_words(&key, c->account, true, true);
	add_words(&key, c->bill.city, true, true);
	add_words(&key, c->bill.zip, true, true);
	if (c->bill.pcd.set)
		afcq_buf_printf(&key, "%lld ", c->bill.pcd.v);
	for (size_t i = 0; i < c->n_phones; i++)
		add_digits(&key, c->phones[i]);
	return afcq_buf_steal(&key);
}

static char *words_of(const char *s, bool parts)
{
	struct afcq_buf key;
	afcq_buf_init(&key);
	afcq_buf_puts(&key, " ");
	add_words(&key, s, parts, parts); /* parts: a record's key */
	return afcq_buf_steal(&key);
}

char *store_product_key(const char *name)
{
	return words_of(name, true);
}

char **store_search_patterns(const char *text, size_t *n)
{
	*n = 0;
	/* typed words joined by punctuation are looked for whole: the key
	 * holds them both whole and in parts */
	char *words = words_of(text ? text : "", false);
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

/* ---- afcq/words.h ------------------------------------------------------------- */

char *afcq_words_key(const char *const *texts, size_t n)
{
	struct afcq_buf key;
	afcq_buf_init(&key);
	afcq_buf_puts(&key, " ");
	for (size_t i = 0; i < n; i++)
		add_words(&key, texts[i], true, true);
	return afcq_buf_steal(&key);
}

char **afcq_words_patterns(const char *text, size_t *n)
{
	return store_search_patterns(text, n);
}

void afcq_words_patterns_free(char **v, size_t n)
{
	store_patterns_free(v, n);
}

/* The folded form of the character at p: its ASCII letter for a Latin-1
 * letter with an accent, else the byte lower-cased; *len its bytes. */
static char fold_at(const char *p, size_t *len)
{
	char b = (unsigned char)p[0] == 0xC3 && p[1] ? latin1_base((unsigned char)p[1]) : 0;
	*len = b ? 2 : 1;
	return b ? b : (char)((unsigned char)p[0] < 0x80 ? tolower((unsigned char)p[0]) : p[0]);
}

char *afcq_words_fold(const char *s)
{
	char *out = afcq_xmalloc(strlen(s) + 1);
	size_t k = 0;
	for (size_t len; *s; s += len)
		out[k++] = fold_at(s, &len);
	out[k] = '\0';
	return out;
}

bool afcq_words_contains(const char *hay, const char *folded)
{
	if (!folded || !*folded)
		return true;
	for (size_t step; hay && *hay; hay += step) {
		fold_at(hay, &step);
		const char *p = hay;
		const char *q = folded;
		size_t len;
		while (*p && *q && fold_at(p, &len) == *q) {
			p += len;
			q++;
		}
		if (!*q)
			return true;
	}
	return false;
}

bool afcq_words_match(const char *key, char *const *pats, size_t n)
{
	if (!key || n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		/* "% word%" or "%digits%": what lies between the % signs,
		 * anywhere in the key */
		size_t len = strlen(pats[i]);
		if (len < 2)
			return false;
		char *inner = afcq_xstrndup(pats[i] + 1, len - 2);
		bool found = strstr(key, inner) != NULL;
		free(inner);
		if (!found)
			return false;
	}
	return true;
}
