/* json_relax.c - turns the relaxed JSON found in the AFC documentation into
 * strict JSON, and parses it with jansson.
 *
 * One pass over the bytes, aware of strings so that "https://x" or a
 * comment opener inside a value is left alone:
 *  - // and / * * / comments become spaces (newlines inside block comments
 *    stay), one space per character, so jansson's line and column numbers
 *    still point at the user's text;
 *  - a comma followed only by blanks and comments before } or ] becomes a
 *    space;
 *  - inside the top-level object, the second and later occurrences of a key
 *    are renamed "key#2", "key#3"... so no repetition is lost (jansson keeps
 *    only the last).  The request decoder merges "inv", "inv#2"... in order.
 *  - a leading UTF-8 byte order mark is dropped.
 */
#include "afcq/codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct seen_key {
	char *key;
	int count;
};

struct relax {
	const char *in;
	size_t len, i;
	struct afcq_buf out;
	int depth;
	char top;           /* '{' or '[' of the top-level value */
	char prev;          /* last significant character outside strings */
	size_t comma;       /* out position + 1 of a comma that may trail */
	struct seen_key *keys;
	size_t n_keys;
};

static bool is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Counts one more occurrence of the top-level key out[start..] and returns
 * how many times it has been seen. */
static int count_key(struct relax *r, size_t start)
{
	const char *k = r->out.data + start;
	size_t klen = r->out.len - start;
	for (size_t i = 0; i < r->n_keys; i++) {
		if (strlen(r->keys[i].key) == klen && memcmp(r->keys[i].key, k, klen) == 0)
			return ++r->keys[i].count;
	}
	r->keys = afcq_xrealloc(r->keys, (r->n_keys + 1) * sizeof(*r->keys));
	r->keys[r->n_keys].key = afcq_xstrndup(k, klen);
	r->keys[r->n_keys].count = 1;
	r->n_keys++;
	return 1;
}

static void copy_string(struct relax *r)
{
	bool is_key = r->depth == 1 && r->top == '{' && (r->prev == '{' || r->prev == ',');
	afcq_buf_append(&r->out, "\"", 1);
	r->i++;
	size_t start = r->out.len;
	while (r->i < r->len && r->in[r->i] != '"') {
		size_t n = (r->in[r->i] == '\\' && r->i + 1 < r->len) ? 2 : 1;
		afcq_buf_append(&r->out, r->in + r->i, n);
		r->i += n;
	}
	if (is_key) {
		int count = count_key(r, start);
		if (count > 1)
			afcq_buf_printf(&r->out, "#%d", count);
	}
	if (r->i < r->len) {
		afcq_buf_append(&r->out, "\"", 1);
		r->i++;
	}
	r->prev = '"';
}

static void blank_line_comment(struct relax *r)
{
	while (r->i < r->len && r->in[r->i] != '\n') {
		if (!is_continuation((unsigned char)r->in[r->i]))
			afcq_buf_append(&r->out, " ", 1);
		r->i++;
	}
}

static void blank_block_comment(struct relax *r)
{
	afcq_buf_append(&r->out, "  ", 2);
	r->i += 2;
	while (r->i < r->len) {
		char c = r->in[r->i];
		if (c == '*' && r->i + 1 < r->len && r->in[r->i + 1] == '/') {
			afcq_buf_append(&r->out, "  ", 2);
			r->i += 2;
			return;
		}
		if (c == '\n' || c == '\r')
			afcq_buf_append(&r->out, &c, 1);
		else if (!is_continuation((unsigned char)c))
			afcq_buf_append(&r->out, " ", 1);
		r->i++;
	}
}

/* Relaxed text in, strict text out (malloc'd); *out_len gets its length. */
static char *relax_text(const char *text, size_t len, size_t *out_len)
{
	struct relax r = { .in = text ? text : "", .len = text ? len : 0 };
	afcq_buf_init(&r.out);
	afcq_buf_append(&r.out, "", 0);
	if (r.len >= 3 && memcmp(r.in, "\xef\xbb\xbf", 3) == 0)
		r.i = 3;
	while (r.i < r.len) {
		char c = r.in[r.i];
		char next = r.i + 1 < r.len ? r.in[r.i + 1] : '\0';
		if (c == '"') {
			r.comma = 0;
			copy_string(&r);
			continue;
		}
		if (c == '/' && next == '/') {
			blank_line_comment(&r);
			continue;
		}
		if (c == '/' && next == '*') {
			blank_block_comment(&r);
			continue;
		}
		r.i++;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			afcq_buf_append(&r.out, &c, 1);
			continue;
		}
		if ((c == '}' || c == ']') && r.comma) {
			r.out.data[r.comma - 1] = ' ';
		}
		r.comma = 0;
		if (c == ',')
			r.comma = r.out.len + 1;
		else if (c == '{' || c == '[')
			r.top = ++r.depth == 1 ? c : r.top;
		else if (c == '}' || c == ']')
			r.depth--;
		afcq_buf_append(&r.out, &c, 1);
		r.prev = c;
	}
	for (size_t k = 0; k < r.n_keys; k++)
		free(r.keys[k].key);
	free(r.keys);
	*out_len = r.out.len;
	return afcq_buf_steal(&r.out);
}

char *afcq_json_relax(const char *text, size_t len)
{
	size_t n;
	return relax_text(text, len, &n);
}

static bool only_blanks(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

enum afcq_status afcq_json_parse(const char *text, size_t len, json_t **out,
				 struct afcq_error *err)
{
	*out = NULL;
	size_t n;
	char *strict = relax_text(text, len, &n);
	if (only_blanks(strict, n)) {
		free(strict);
		afcq_error_set(err, AFCQ_ERR_PARSE, "", "empty JSON text");
		if (err) {
			err->cause = AFCQ_CAUSE_EMPTY;
			err->line = err->column = 0;
		}
		return AFCQ_ERR_PARSE;
	}
	json_error_t je;
	json_t *j = json_loadb(strict, n, JSON_DECODE_ANY, &je);
	free(strict);
	if (!j) {
		int line = je.line > 0 ? je.line : 0;
		int col = je.column > 0 ? je.column : 0;
		afcq_error_set(err, AFCQ_ERR_PARSE, "", "syntax error at line %d, column %d: %s",
			       line, col, je.text);
		if (err) {
			err->cause = AFCQ_CAUSE_MALFORMED;
			err->line = line;
			err->column = col;
		}
		return AFCQ_ERR_PARSE;
	}
	*out = j;
	return AFCQ_OK;
}
