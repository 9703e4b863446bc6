/* json_indent.c - strict JSON text laid out as afcq_json_dump(AFCQ_JSON_
 * PRETTY) lays out a tree, without building one.
 *
 * One pass over the text: the grammar is checked as it goes (a stack of
 * open objects and arrays, what may come next), blanks are dropped, and
 * each member and element starts a new line indented two spaces a level;
 * empty objects and arrays stay "{}" and "[]".  Strings, numbers and
 * literals are copied as written, so the output differs from the tree's
 * only where the text writes a value otherwise than the dumper would (an
 * escape it does not need, "1.50", "1e2", a repeated key).  Anything not
 * strict JSON gives NULL, for the caller to parse the text instead.
 */
#include "afcq/codec.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

enum { MAX_DEPTH = 2048 }; /* as deep as the tree reader goes */

/* What may come next. */
enum want { W_VALUE, W_KEY, W_COLON, W_COMMA_OR_END, W_NOTHING };

struct indent {
	const char *s;
	size_t n, i;
	struct afcq_buf out;
	char stack[MAX_DEPTH];     /* '{' or '[' per open level */
	int depth;
};

static void skip_blanks(struct indent *t)
{
	while (t->i < t->n && (t->s[t->i] == ' ' || t->s[t->i] == '\t' || t->s[t->i] == '\n' ||
			       t->s[t->i] == '\r'))
		t->i++;
}

static void newline(struct indent *t, int depth)
{
	afcq_buf_append(&t->out, "\n", 1);
	for (int d = 0; d < depth; d++)
		afcq_buf_append(&t->out, "  ", 2);
}

static bool hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A string at t->i, copied as written; false when it is not one. */
static bool copy_string(struct indent *t)
{
	size_t start = t->i++;
	while (t->i < t->n) {
		unsigned char c = (unsigned char)t->s[t->i];
		if (c == '"') {
			t->i++;
			afcq_buf_append(&t->out, t->s + start, t->i - start);
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (t->i + 1 >= t->n)
				return false;
			char e = t->s[t->i + 1];
			if (e == 'u') {
				if (t->i + 5 >= t->n || !hex(t->s[t->i + 2]) || !hex(t->s[t->i + 3]) ||
				    !hex(t->s[t->i + 4]) || !hex(t->s[t->i + 5]))
					return false;
				t->i += 6;
				continue;
			}
			if (!strchr("\"\\/bfnrt", e) || e == '\0')
				return false;
			t->i += 2;
			continue;
		}
		t->i++;
	}
	return false;
}

static bool digit(const struct indent *t)
{
	return t->i < t->n && t->s[t->i] >= '0' && t->s[t->i] <= '9';
}

/* A number at t->i (JSON's grammar: no leading zeros, no bare "."),
 * copied as written. */
static bool copy_number(struct indent *t)
{
	size_t start = t->i;
	if (t->s[t->i] == '-')
		t->i++;
	if (!digit(t))
		return false;
	if (t->s[t->i] == '0') {
		t->i++;
	} else {
		while (digit(t))
			t->i++;
	}
	if (t->i < t->n && t->s[t->i] == '.') {
		t->i++;
		if (!digit(t))
			return false;
		while (digit(t))
			t->i++;
	}
	if (t->i < t->n && (t->s[t->i] == 'e' || t->s[t->i] == 'E')) {
		t->i++;
		if (t->i < t->n && (t->s[t->i] == '+' || t->s[t->i] == '-'))
			t->i++;
		if (!digit(t))
			return false;
		while (digit(t))
			t->i++;
	}
	afcq_buf_append(&t->out, t->s + start, t->i - start);
	return true;
}

static bool copy_literal(struct indent *t, const char *word)
{
	size_t len = strlen(word);
	if (t->n - t->i < len || memcmp(t->s + t->i, word, len) != 0)
		return false;
	afcq_buf_append(&t->out, word, len);
	t->i += len;
	return true;
}

/* After a value: a comma or the end of the open level, or nothing more at
 * the top. */
static enum want after_value(const struct indent *t)
{
	return t->depth ? W_COMMA_OR_END : W_NOTHING;
}

/* A value at t->i (blanks skipped): a scalar copied, or a level opened
 * (an empty one written whole).  Sets *next. */
static bool value(struct indent *t, enum want *next)
{
	char c = t->s[t->i];
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';
		t->i++;
		skip_blanks(t);
		if (t->i < t->n && t->s[t->i] == close) {
			t->i++;
			afcq_buf_append(&t->out, c == '{' ? "{}" : "[]", 2);
			*next = after_value(t);
			return true;
		}
		if (t->depth == MAX_DEPTH)
			return false;
		t->stack[t->depth++] = c;
		afcq_buf_append(&t->out, &c, 1);
		newline(t, t->depth);
		*next = c == '{' ? W_KEY : W_VALUE;
		return true;
	}
	bool ok;
	if (c == '"')
		ok = copy_string(t);
	else if (c == '-' || (c >= '0' && c <= '9'))
		ok = copy_number(t);
	else if (c == 't')
		ok = copy_literal(t, "true");
	else if (c == 'f')
		ok = copy_literal(t, "false");
	else if (c == 'n')
		ok = copy_literal(t, "null");
	else
		ok = false;
	*next = after_value(t);
	return ok;
}

char *afcq_json_reindent(const char *text, size_t len)
{
	struct indent *t = afcq_xcalloc(1, sizeof *t);
	t->s = text;
	t->n = len;
	afcq_buf_init(&t->out);
	enum want want = W_VALUE;
	bool ok = true;
	for (;;) {
		skip_blanks(t);
		if (t->i >= t->n) {
			ok = want == W_NOTHING;
			break;
		}
		char c = t->s[t->i];
		if (want == W_NOTHING) {
			ok = false;
			break;
		}
		if (want == W_COLON) {
			if (c != ':') {
				ok = false;
				break;
			}
			t->i++;
			afcq_buf_append(&t->out, ": ", 2);
			want = W_VALUE;
			continue;
		}
		if (want == W_COMMA_OR_END) {
			char open = t->stack[t->depth - 1];
			if (c == ',') {
				t->i++;
				afcq_buf_append(&t->out, ",", 1);
				newline(t, t->depth);
				want = open == '{' ? W_KEY : W_VALUE;
				continue;
			}
			if (c != (open == '{' ? '}' : ']')) {
				ok = false;
				break;
			}
			t->i++;
			t->depth--;
			newline(t, t->depth);
			afcq_buf_append(&t->out, &c, 1);
			want = after_value(t);
			continue;
		}
		if (want == W_KEY) {
			if (c != '"' || !copy_string(t)) {
				ok = false;
				break;
			}
			want = W_COLON;
			continue;
		}
		/* W_VALUE */
		if (!value(t, &want)) {
			ok = false;
			break;
		}
	}
	char *out = NULL;
	if (ok)
		out = afcq_buf_steal(&t->out);
	else
		afcq_buf_done(&t->out);
	free(t);
	return out;
}
