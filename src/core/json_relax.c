/* json_relax.c - reads the relaxed JSON found in the AFC documentation, the
 * way the service reads it, with jansson doing the parsing.
 *
 * One pass over the bytes turns the relaxed text into strict JSON of the
 * same length, aware of strings so that "https://x" or a comment opener
 * inside a value is left alone:
 *  - // and / * * / comments become spaces (newlines inside block comments
 *    stay), one space per character, so jansson's line and column numbers
 *    still point at the user's text; an unclosed block comment keeps its
 *    opener, which jansson refuses;
 *  - a comma that follows a value and is followed only by blanks and
 *    comments before } or ] becomes a space ("{,}" and "[,]" stay, and
 *    jansson refuses them: there is no value for the comma to follow);
 *  - leading zeros of a number are read as decimal ("month": 03 is 3):
 *    the extra zeros become spaces, before the sign if there is one;
 *  - a leading UTF-8 byte order mark is dropped.
 * The same pass notes where each value of a top-level "inv" key lies
 * (keys are compared as jansson decodes them, so "i\u006ev" is "inv").
 * jansson keeps only the last of repeated keys; when "inv" is repeated,
 * the service adds up the invoices of every repetition, so afcq_json_parse
 * parses each of those values again and puts their invoices, in order,
 * under one "inv".  Other repeated keys keep their last value, and no
 * other key is ever read as "inv".
 */
#include "afcq/codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

/* Byte range [start, end) of the strict text holding one "inv" value. */
struct span {
	size_t start, end;
};

struct relax {
	const char *in;
	size_t len, i;
	struct afcq_buf out;
	int depth;
	char top;           /* '{' or '[' of the top-level value */
	char prev;          /* last significant character outside strings */
	size_t comma;       /* out position + 1 of a comma that may trail */
	bool key_is_inv;    /* the top-level key just read is "inv" */
	bool in_inv;        /* inside the value of a top-level "inv" */
	struct span *inv;   /* where each top-level "inv" value lies */
	size_t n_inv;
};

static bool is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Characters that continue a bare token (number, true, false, null). */
static bool is_token_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
	       c == '+' || c == '-' || c == '_';
}

/* Whether the significant character c can end a value, so that a comma
 * after it separates something. */
static bool ends_value(char c)
{
	return c != '\0' && c != '{' && c != '[' && c != ',' && c != ':';
}

/* Whether the JSON string text s[0..n) (quotes included) decodes to "inv". */
static bool string_is_inv(const char *s, size_t n)
{
	if (n == 5 && memcmp(s, "\"inv\"", 5) == 0)
		return true;
	if (!memchr(s, '\\', n))
		return false;
	json_error_t je;
	json_t *j = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	bool inv = j && json_is_string(j) && json_string_length(j) == 3 &&
		   memcmp(json_string_value(j), "inv", 3) == 0;
	json_decref(j);
	return inv;
}

static void copy_string(struct relax *r)
{
	bool is_key = r->depth == 1 && r->top == '{' && (r->prev == '{' || r->prev == ',');
	size_t start = r->out.len;
	afcq_buf_append(&r->out, "\"", 1);
	r->i++;
	while (r->i < r->len && r->in[r->i] != '"') {
		size_t n = (r->in[r->i] == '\\' && r->i + 1 < r->len) ? 2 : 1;
		afcq_buf_append(&r->out, r->in + r->i, n);
		r->i += n;
	}
	if (r->i < r->len) {
		afcq_buf_append(&r->out, "\"", 1);
		r->i++;
	}
	if (is_key)
		r->key_is_inv = string_is_inv(r->out.data + start, r->out.len - start);
	r->prev = '"';
}

/* Copies the number (or other bare token) at r->i, turning its leading
 * zeros into spaces: "007" -> "  7", "-03" -> " -3", "00.5" -> " 0.5". */
static void copy_token(struct relax *r)
{
	size_t j = r->i;
	bool neg = r->in[j] == '-';
	if (neg)
		j++;
	size_t zeros = 0;
	while (j + zeros < r->len && r->in[j + zeros] == '0')
		zeros++;
	size_t drop = 0;
	if (zeros > 0 && j + zeros < r->len && is_digit(r->in[j + zeros]))
		drop = zeros;
	else if (zeros > 1)
		drop = zeros - 1;
	for (size_t k = 0; k < drop; k++)
		afcq_buf_append(&r->out, " ", 1);
	if (neg)
		afcq_buf_append(&r->out, "-", 1);
	r->i = j + drop;
	while (r->i < r->len && is_token_char(r->in[r->i]))
		afcq_buf_append(&r->out, r->in + r->i++, 1);
	r->prev = r->out.data[r->out.len - 1];
}

static void blank_line_comment(struct relax *r)
{
	while (r->i < r->len && r->in[r->i] != '\n') {
		if (!is_continuation((unsigned char)r->in[r->i]))
			afcq_buf_append(&r->out, " ", 1);
		r->i++;
	}
}

/* An unclosed comment keeps its opener, for jansson to refuse there. */
static void blank_block_comment(struct relax *r)
{
	size_t opener = r->out.len;
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
	memcpy(r->out.data + opener, "/*", 2);
}

/* Notes the structure around the significant character c, about to be
 * written at r->out.len: where top-level "inv" values start and end. */
static void track_inv(struct relax *r, char c)
{
	if (r->top != '{')
		return;
	if (c == ':' && r->depth == 1 && r->key_is_inv) {
		r->inv = afcq_xrealloc(r->inv, (r->n_inv + 1) * sizeof(*r->inv));
		r->inv[r->n_inv].start = r->out.len + 1;
		r->inv[r->n_inv].end = r->out.len + 1;
		r->n_inv++;
		r->in_inv = true;
	} else if (r->in_inv && ((c == ',' && r->depth == 1) || (c == '}' && r->depth == 0))) {
		r->inv[r->n_inv - 1].end = r->out.len;
		r->in_inv = false;
	}
	if (c == ',' || c == '{')
		r->key_is_inv = false;
}

/* Relaxed text in, strict text of the same length (less a byte order mark)
 * in r->out. */
static void relax_text(struct relax *r, const char *text, size_t len)
{
	memset(r, 0, sizeof *r);
	r->in = text ? text : "";
	r->len = text ? len : 0;
	afcq_buf_init(&r->out);
	afcq_buf_append(&r->out, "", 0);
	if (r->len >= 3 && memcmp(r->in, "\xef\xbb\xbf", 3) == 0)
		r->i = 3;
	while (r->i < r->len) {
		char c = r->in[r->i];
		char next = r->i + 1 < r->len ? r->in[r->i + 1] : '\0';
		if (c == '"') {
			r->comma = 0;
			copy_string(r);
			continue;
		}
		if (c == '/' && next == '/') {
			blank_line_comment(r);
			continue;
		}
		if (c == '/' && next == '*') {
			blank_block_comment(r);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			afcq_buf_append(&r->out, &c, 1);
			r->i++;
			continue;
		}
		if ((c == '-' || is_digit(c)) && !is_token_char(r->prev)) {
			r->comma = 0;
			copy_token(r);
			continue;
		}
		r->i++;
		if ((c == '}' || c == ']') && r->comma)
			r->out.data[r->comma - 1] = ' ';
		r->comma = c == ',' && ends_value(r->prev) ? r->out.len + 1 : 0;
		if (c == '{' || c == '[')
			r->top = ++r->depth == 1 ? c : r->top;
		else if (c == '}' || c == ']')
			r->depth--;
		track_inv(r, c);
		afcq_buf_append(&r->out, &c, 1);
		r->prev = c;
	}
	if (r->in_inv)
		r->inv[r->n_inv - 1].end = r->out.len;
}

char *afcq_json_relax(const char *text, size_t len)
{
	struct relax r;
	relax_text(&r, text, len);
	free(r.inv);
	return afcq_buf_steal(&r.out);
}

static bool only_blanks(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* Replaces "inv" of object j with the invoices of every "inv" value of the
 * strict text, in order: an array gives its elements, an object itself,
 * null nothing; anything else is kept as one element, for the decoder to
 * name.  Each value parsed once already, as part of j. */
static void merge_inv(json_t *j, const char *strict, const struct span *inv, size_t n)
{
	json_t *all = json_array();
	for (size_t k = 0; k < n; k++) {
		json_error_t je;
		json_t *v = json_loadb(strict + inv[k].start, inv[k].end - inv[k].start,
				       JSON_DECODE_ANY, &je);
		if (json_is_array(v))
			json_array_extend(all, v);
		else if (v && !json_is_null(v))
			json_array_append(all, v);
		json_decref(v);
	}
	json_object_set_new(j, "inv", all);
}

enum afcq_status afcq_json_parse(const char *text, size_t len, json_t **out,
				 struct afcq_error *err)
{
	*out = NULL;
	struct relax r;
	relax_text(&r, text, len);
	const char *strict = r.out.data;
	size_t n = r.out.len;
	enum afcq_status st = AFCQ_OK;
	if (only_blanks(strict, n)) {
		afcq_error_set(err, AFCQ_ERR_PARSE, "", "empty JSON text");
		if (err) {
			err->cause = AFCQ_CAUSE_EMPTY;
			err->line = err->column = 0;
		}
		st = AFCQ_ERR_PARSE;
		goto done;
	}
	json_error_t je;
	json_t *j = json_loadb(strict, n, JSON_DECODE_ANY, &je);
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
		st = AFCQ_ERR_PARSE;
		goto done;
	}
	if (json_is_object(j) && r.n_inv > 1)
		merge_inv(j, strict, r.inv, r.n_inv);
	*out = j;
done:
	free(r.inv);
	afcq_buf_done(&r.out);
	return st;
}
