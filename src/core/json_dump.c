/* json_dump.c - our own JSON writer.
 *
 * jansson prints reals with a fixed precision (17 digits by default turns
 * 0.1 into 0.10000000000000001).  We print each real with the shortest of
 * %.15g/%.16g/%.17g that reads back as the same double, and keep a ".0" on
 * integral reals so that a double field stays a double ("tm": 100.0) while
 * integer fields print bare ("tid": 162); AFCQ_JSON_WHOLE_BARE drops that
 * ".0", as the AFC service writes its answers ("tm": 100, "max":
 * 2147483647).  Keys come out in insertion
 * order, which the codec sets to the order of the AFC samples.  Strings are
 * written as UTF-8 with only the escapes JSON requires.
 */
#include "afcq/codec.h"

#include "codec_fields.h"

#include <stdio.h>
#include <string.h>

#include "afcq/number.h"
#include "afcq/str.h"

void codec_dump_string(struct afcq_buf *b, const char *s, size_t n)
{
	afcq_buf_append(b, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20) {
				snprintf(u, sizeof u, "\\u%04x", c);
				esc = u;
			}
		}
		if (!esc)
			continue;
		afcq_buf_append(b, s + run, i - run);
		afcq_buf_puts(b, esc);
		run = i + 1;
	}
	afcq_buf_append(b, s + run, n - run);
	afcq_buf_append(b, "\"", 1);
}

void codec_dump_real(struct afcq_buf *b, double d, int flags)
{
	char num[40];
	afcq_number_shortest(d, num, sizeof num);
	afcq_buf_puts(b, num);
	/* n: inf/nan never reach here, but stay safe */
	if (!(flags & AFCQ_JSON_WHOLE_BARE) && !strpbrk(num, ".eEn"))
		afcq_buf_puts(b, ".0");
}

static void newline(struct afcq_buf *b, int flags, int depth)
{
	if (!(flags & AFCQ_JSON_PRETTY))
		return;
	afcq_buf_append(b, "\n", 1);
	for (int i = 0; i < depth; i++)
		afcq_buf_append(b, "  ", 2);
}

static void dump_value(struct afcq_buf *b, const json_t *j, int flags, int depth)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		if (json_object_size(j) == 0) {
			afcq_buf_puts(b, "{}");
			return;
		}
		afcq_buf_append(b, "{", 1);
		const char *key;
		json_t *v;
		bool first = true;
		json_object_foreach((json_t *)j, key, v) {
			if (!first)
				afcq_buf_append(b, ",", 1);
			first = false;
			newline(b, flags, depth + 1);
			codec_dump_string(b, key, strlen(key));
			afcq_buf_puts(b, (flags & AFCQ_JSON_PRETTY) ? ": " : ":");
			dump_value(b, v, flags, depth + 1);
		}
		newline(b, flags, depth);
		afcq_buf_append(b, "}", 1);
		return;
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(j);
		if (n == 0) {
			afcq_buf_puts(b, "[]");
			return;
		}
		afcq_buf_append(b, "[", 1);
		for (size_t i = 0; i < n; i++) {
			if (i)
				afcq_buf_append(b, ",", 1);
			newline(b, flags, depth + 1);
			dump_value(b, json_array_get(j, i), flags, depth + 1);
		}
		newline(b, flags, depth);
		afcq_buf_append(b, "]", 1);
		return;
	}
	case JSON_STRING:
		codec_dump_string(b, json_string_value(j), json_string_length(j));
		return;
	case JSON_INTEGER:
		afcq_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		return;
	case JSON_REAL:
		codec_dump_real(b, json_real_value(j), flags);
		return;
	case JSON_TRUE:
		afcq_buf_puts(b, "true");
		return;
	case JSON_FALSE:
		afcq_buf_puts(b, "false");
		return;
	case JSON_NULL:
		afcq_buf_puts(b, "null");
		return;
	}
}

void codec_dump_value(struct afcq_buf *b, const json_t *j, int flags)
{
	if (!j)
		afcq_buf_puts(b, "null");
	else
		dump_value(b, j, flags & ~AFCQ_JSON_PRETTY, 0);
}

char *afcq_json_dump(const json_t *j, int flags)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	if (!j)
		afcq_buf_puts(&b, "null");
	else
		dump_value(&b, j, flags, 0);
	return afcq_buf_steal(&b);
}
