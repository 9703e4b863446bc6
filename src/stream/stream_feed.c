/* stream_feed.c - feeding the CalcTaxes decoder (stream.h, stream.c): the
 * stream's life, the byte order mark, what yajl takes that JSON does not
 * (form feeds, surrogate escapes), yajl's syntax errors on one line, and
 * the whole-text forms. */
#include "afcq/stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "../core/codec_fields.h"
#include "stream_int.h"

static void tree_free(struct frame *fr)
{
	for (int i = 0; i < fr->depth && i < 64; i++) {
		json_decref(fr->tree[i]);
		free(fr->tree_key[i]);
		fr->tree[i] = NULL;
		fr->tree_key[i] = NULL;
	}
	fr->depth = 0;
}

/* ---- the stream ------------------------------------------------------------------ */

struct afcq_stream *afcq_stream_new(struct afcq_response *out, afcq_stream_item_fn on_item,
				    afcq_stream_invoice_fn on_invoice, void *ud)
{
	struct afcq_stream *s = afcq_xcalloc(1, sizeof *s);
	afcq_response_done(out);
	s->out = out;
	s->root = codec_response_table();
	s->root_base = out;
	s->on_item = on_item;
	s->on_invoice = on_invoice;
	s->ud = ud;
	s->y = yajl_alloc(&stream_callbacks, NULL, s);
	if (!s->y) {
		fputs("afcq: out of memory\n", stderr);
		exit(70);
	}
	yajl_config(s->y, yajl_allow_comments, 1);
	afcq_error_clear(&s->err);
	return s;
}

/* Surrogate escapes (\uD800-\uDFFF): yajl turns a lone or mismatched one
 * into text where jansson refuses it, so they are left to the tree
 * decoder.  Scans the raw bytes for backslashes; an escape may straddle two
 * pieces (s->esc holds its bytes so far).  A backslash outside a string is
 * yajl's syntax error or inside a comment; either way refusing is safe.
 * Returns false at a surrogate escape. */
static bool escape_decided(struct afcq_stream *s, bool *surrogate)
{
	/* s->esc: the bytes after a backslash. */
	if (s->n_esc >= 1 && s->esc[0] != 'u')
		return true;
	if (s->n_esc >= 2 && s->esc[1] != 'd' && s->esc[1] != 'D')
		return true;
	if (s->n_esc >= 3) {
		char c = s->esc[2];
		*surrogate = (c >= '8' && c <= '9') || (c >= 'a' && c <= 'f') ||
			     (c >= 'A' && c <= 'F');
		return true;
	}
	return false;
}

static bool scan_escapes(struct afcq_stream *s, const char *data, size_t len)
{
	size_t i = 0;
	for (;;) {
		if (s->in_esc) {
			bool surrogate = false;
			while (i < len && !escape_decided(s, &surrogate))
				s->esc[s->n_esc++] = data[i++];
			if (!escape_decided(s, &surrogate))
				return true; /* more in the next piece */
			if (surrogate)
				return false;
			s->in_esc = false;
			s->n_esc = 0;
		}
		if (i >= len)
			return true;
		const char *b = memchr(data + i, '\\', len - i);
		if (!b)
			return true;
		i = (size_t)(b - data) + 1;
		s->in_esc = true;
		/* the escaped character itself is read next: "\\" ends there */
		if (i < len && data[i] != 'u') {
			i++;
			s->in_esc = false;
		}
	}
}

static bool blank_from(const char *data, size_t len, size_t from)
{
	for (size_t i = from; i < len; i++)
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
			return false;
	return true;
}

/* yajl's own message for a syntax error, on one line. */
static void syntax_error(struct afcq_stream *s, const unsigned char *data, size_t len)
{
	unsigned char *m = yajl_get_error(s->y, 0, data, len);
	char msg[200];
	snprintf(msg, sizeof msg, "%s", m ? (const char *)m : "syntax error");
	if (m)
		yajl_free_error(s->y, m);
	size_t n = strlen(msg);
	for (size_t i = 0; i < n; i++)
		if (msg[i] == '\n' || msg[i] == '\r')
			msg[i] = ' ';
	while (n && msg[n - 1] == ' ')
		msg[--n] = 0;
	afcq_error_set(&s->err, AFCQ_ERR_PARSE, "", "%s (byte %zu)", msg,
		       s->fed - len + yajl_get_bytes_consumed(s->y));
	s->failed = true;
}

static enum afcq_status result(struct afcq_stream *s, struct afcq_error *err)
{
	if (!s->failed)
		return AFCQ_OK;
	if (err)
		*err = s->err;
	return AFCQ_ERR_PARSE;
}

enum afcq_status afcq_stream_feed(struct afcq_stream *s, const char *data, size_t len,
				  struct afcq_error *err)
{
	if (s->failed)
		return result(s, err);
	/* A byte order mark before the answer is dropped, as the tree reader
	 * does; it may come in pieces. */
	static const char bom[] = "\xEF\xBB\xBF";
	while (len && s->bom < 3 && s->fed == s->bom) {
		if (*data != bom[s->bom]) {
			if (s->bom)
				return stream_fail(s, "", "broken byte order mark"), result(s, err);
			break;
		}
		s->bom++;
		s->fed++;
		data++;
		len--;
	}
	/* yajl takes form feeds and vertical tabs as blanks; JSON does not
	 * (inside strings, yajl refuses them itself). */
	if (memchr(data, '\f', len) || memchr(data, '\v', len))
		return stream_fail(s, "", "a control character outside a string"), result(s, err);
	if (!scan_escapes(s, data, len))
		return stream_fail(s, "", "a surrogate escape (read by the tree decoder)"), result(s, err);
	s->fed += len;
	bool was_done = s->done;
	yajl_status st = yajl_parse(s->y, (const unsigned char *)data, len);
	if (st == yajl_status_error)
		syntax_error(s, (const unsigned char *)data, len);
	else if (st != yajl_status_ok && !s->failed)
		stream_fail(s, "", "stopped");
	/* After the answer, blanks only (yajl misses an unclosed string). */
	if (s->done && !s->failed && !blank_from(data, len, was_done ? 0 : s->tail))
		stream_fail(s, "", "text after the answer");
	return result(s, err);
}

enum afcq_status afcq_stream_finish(struct afcq_stream *s, struct afcq_error *err)
{
	if (s->failed)
		return result(s, err);
	yajl_status st = yajl_complete_parse(s->y);
	if (st == yajl_status_error)
		syntax_error(s, (const unsigned char *)"", 0);
	else if (st != yajl_status_ok && !s->failed)
		stream_fail(s, "", "stopped");
	if (!s->failed && !s->done)
		stream_fail(s, "", s->started ? "the answer ends too soon" : "empty answer");
	return result(s, err);
}

size_t afcq_stream_fed(const struct afcq_stream *s)
{
	return s ? s->fed : 0;
}

void afcq_stream_free(struct afcq_stream *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		if (s->f[i].kind == F_TREE)
			tree_free(&s->f[i]);
	yajl_free(s->y);
	free(s);
}

enum afcq_status afcq_stream_decode(const char *text, size_t len, struct afcq_response *out,
				    struct afcq_error *err)
{
	struct afcq_stream *s = afcq_stream_new(out, NULL, NULL, NULL);
	enum afcq_status st = afcq_stream_feed(s, text, len, err);
	if (st == AFCQ_OK)
		st = afcq_stream_finish(s, err);
	afcq_stream_free(s);
	return st;
}

struct afcq_stream *afcq_stream_new_request(struct afcq_request *out)
{
	return afcq_stream_new_request_each(out, NULL, NULL);
}

struct afcq_stream *afcq_stream_new_request_each(struct afcq_request *out,
						 afcq_stream_request_invoice_fn fn, void *ud)
{
	struct afcq_response none = { 0 };
	struct afcq_stream *s = afcq_stream_new(&none, NULL, NULL, NULL);
	afcq_request_done(out);
	s->out = NULL; /* not an answer: none is not kept */
	s->on_request_invoice = fn;
	s->ud = ud;
	s->root = codec_request_table();
	s->root_base = out;
	return s;
}

enum afcq_status afcq_stream_decode_request(const char *text, size_t len,
					    struct afcq_request *out, struct afcq_error *err)
{
	struct afcq_stream *s = afcq_stream_new_request(out);
	enum afcq_status st = afcq_stream_feed(s, text, len, err);
	if (st == AFCQ_OK)
		st = afcq_stream_finish(s, err);
	afcq_stream_free(s);
	if (st != AFCQ_OK)
		afcq_request_done(out);
	return st;
}
