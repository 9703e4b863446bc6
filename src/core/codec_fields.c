/* codec_fields.c - the table engine behind the JSON codec; see
 * codec_fields.h for the rules it applies. */
#include "codec_fields.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/codec.h"
#include "afcq/model.h"
#include "afcq/number.h"
#include "afcq/str.h"

/* ---- paths and errors ---------------------------------------------------- */

/* Appends s to buf (of size n, holding len bytes), truncating silently:
 * a cut path in an error message is better than no message. */
static size_t path_append(char *buf, size_t n, size_t len, const char *s)
{
	while (*s && len + 1 < n)
		buf[len++] = *s++;
	buf[len] = '\0';
	return len;
}

void codec_path_key(char *buf, size_t n, const char *parent, const char *key)
{
	if (n == 0)
		return;
	size_t len = path_append(buf, n, 0, parent ? parent : "");
	if (len > 0)
		len = path_append(buf, n, len, ".");
	path_append(buf, n, len, key);
}

void codec_path_index(char *buf, size_t n, const char *parent, size_t i)
{
	char idx[32];
	if (n == 0)
		return;
	snprintf(idx, sizeof idx, "[%zu]", i);
	size_t len = path_append(buf, n, 0, parent ? parent : "");
	path_append(buf, n, len, idx);
}

enum afcq_status codec_type_error(struct afcq_error *err, const char *path, const char *msg)
{
	enum afcq_status st = afcq_error_set(err, AFCQ_ERR_PARSE,
					     path && path[0] ? path : "(top level)", "%s", msg);
	if (err) {
		err->cause = AFCQ_CAUSE_MALFORMED;
		err->line = err->column = 0;   /* a path, not a text position */
	}
	return st;
}

/* Error for the value under key of the object at parent. */
static enum afcq_status field_error(struct afcq_error *err, const char *parent, const char *key,
				    const char *msg)
{
	char path[256];
	codec_path_key(path, sizeof path, parent, key);
	return codec_type_error(err, path, msg);
}

/* ---- numbers ------------------------------------------------------------- */

/* Reads a JSON number, or a string holding one (the service takes "03"
 * and "15.50" for numeric fields), into *out.  Returns false with *why. */
static bool json_to_number(const json_t *v, struct afcq_number *out, const char **why)
{
	if (json_is_integer(v)) {
		out->ll = (long long)json_integer_value(v);
		out->d = (double)out->ll;
		out->integral = true;
		return true;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);
		out->d = d;
		out->integral = d == trunc(d) && fabs(d) < 9.2e18;
		out->ll = out->integral ? (long long)d : 0;
		return true;
	}
	if (json_is_string(v))
		return afcq_number_read(json_string_value(v), json_string_length(v), out, why);
	*why = "not a number";
	return false;
}

/* Reads an integral number; real values must have no fraction. */
static enum afcq_status json_to_llong(const json_t *v, long long *out, const char **why)
{
	struct afcq_number num;
	if (!json_to_number(v, &num, why) || !afcq_number_integer(&num, out, why))
		return AFCQ_ERR_PARSE;
	return AFCQ_OK;
}

static enum afcq_status json_to_double(const json_t *v, double *out, const char **why)
{
	struct afcq_number num;
	if (!json_to_number(v, &num, why))
		return AFCQ_ERR_PARSE;
	*out = num.d;
	return AFCQ_OK;
}

/* ---- strings ------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (1-4), 0 if invalid. */
static size_t utf8_seq_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	unsigned cp = c & (0x3f >> (len - 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

json_t *codec_string(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (j)
		return j;
	struct afcq_buf b;
	afcq_buf_init(&b);
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t len = utf8_seq_len(p);
		if (len == 0) {
			afcq_buf_puts(&b, "\xef\xbf\xbd");
			p++;
		} else {
			afcq_buf_append(&b, (const char *)p, len);
			p += len;
		}
	}
	j = json_string(b.data ? b.data : "");
	afcq_buf_done(&b);
	return j ? j : json_string("");
}

json_t *afcq_json_string(const char *s)
{
	return codec_string(s);
}

/* ---- parsing ------------------------------------------------------------- */

static const json_t *object_get(const json_t *obj, const char *key, bool fold_case)
{
	const json_t *v = json_object_get(obj, key);
	if (v || !fold_case)
		return v;
	const char *k;
	const json_t *val;
	json_object_foreach((json_t *)obj, k, val) {
		if (strcasecmp(k, key) == 0)
			return val;
	}
	return NULL;
}

enum afcq_status codec_parse_errors(const json_t *v, const char *path, struct afcq_errors *out,
				    struct afcq_error *err)
{
	afcq_errors_done(out);
	if (json_is_string(v)) {
		/* Bridge participants carry a bare message; take it as one entry. */
		out->v = afcq_xcalloc(1, sizeof(*out->v));
		out->n = 1;
		out->v[0].code = -2000;
		out->v[0].msg = afcq_xstrdup(json_string_value(v));
		return AFCQ_OK;
	}
	if (!json_is_array(v))
		return codec_type_error(err, path, "not an array");
	size_t n = json_array_size(v);
	if (n == 0)
		return AFCQ_OK;
	out->v = afcq_xcalloc(n, sizeof(*out->v));
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		const json_t *e = json_array_get(v, i);
		char p[256];
		codec_path_index(p, sizeof p, path, i);
		if (!json_is_object(e))
			return codec_type_error(err, p, "not an object");
		const json_t *code = json_object_get(e, "code");
		const json_t *msg = json_object_get(e, "msg");
		if (code && !json_is_null(code)) {
			long long c;
			const char *why;
			if (json_to_llong(code, &c, &why) != AFCQ_OK)
				return field_error(err, p, "code", why);
			if (c < INT_MIN || c > INT_MAX)
				return field_error(err, p, "code", "out of range");
			out->v[i].code = (int)c;
		} else {
			out->v[i].code = -2000;
		}
		if (msg && !json_is_null(msg)) {
			if (!json_is_string(msg))
				return field_error(err, p, "msg", "not a string");
			out->v[i].msg = afcq_xstrdup(json_string_value(msg));
		}
	}
	return AFCQ_OK;
}

static enum afcq_status parse_string(const json_t *v, const struct codec_field *f, char **dst,
				     const char *path, struct afcq_error *err)
{
	char num[32];
	const char *s;
	if (json_is_string(v)) {
		s = json_string_value(v);
	} else if ((f->flags & CODEC_NUM_AS_STR) && json_is_integer(v)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		s = num;
	} else if ((f->flags & CODEC_NUM_AS_STR) && json_is_real(v)) {
		afcq_number_shortest(json_real_value(v), num, sizeof num);
		s = num;
	} else {
		return field_error(err, path, f->key, "not a string");
	}
	free(*dst);
	*dst = afcq_xstrdup(s);
	return AFCQ_OK;
}

static enum afcq_status parse_field(const json_t *v, const struct codec_field *f, char *base,
				    const char *path, struct afcq_error *err)
{
	void *dst = base + f->off;
	long long ll = 0;
	const char *why = NULL;
	char p[256];

	switch (f->kind) {
	case CODEC_OBOOL:
	case CODEC_BOOL:
		if (!json_is_boolean(v))
			return field_error(err, path, f->key, "not a boolean");
		if (f->kind == CODEC_OBOOL) {
			((struct afcq_obool *)dst)->set = true;
			((struct afcq_obool *)dst)->v = json_is_true(v);
		} else {
			*(bool *)dst = json_is_true(v);
		}
		return AFCQ_OK;
	case CODEC_OINT:
	case CODEC_INT:
	case CODEC_LLONG:
		if (json_to_llong(v, &ll, &why) != AFCQ_OK)
			return field_error(err, path, f->key, why);
		if (f->kind == CODEC_OINT) {
			((struct afcq_oint *)dst)->set = true;
			((struct afcq_oint *)dst)->v = ll;
		} else if (f->kind == CODEC_LLONG) {
			*(long long *)dst = ll;
		} else {
			if (ll < INT_MIN || ll > INT_MAX)
				return field_error(err, path, f->key, "out of range");
			*(int *)dst = (int)ll;
		}
		return AFCQ_OK;
	case CODEC_ODBL:
	case CODEC_DBL: {
		double d;
		if (json_to_double(v, &d, &why) != AFCQ_OK)
			return field_error(err, path, f->key, why);
		if (f->kind == CODEC_ODBL) {
			((struct afcq_odbl *)dst)->set = true;
			((struct afcq_odbl *)dst)->v = d;
		} else {
			*(double *)dst = d;
		}
		return AFCQ_OK;
	}
	case CODEC_STR:
	case CODEC_NULLSTR:
		return parse_string(v, f, dst, path, err);
	case CODEC_OBJECT:
		codec_path_key(p, sizeof p, path, f->key);
		if (!json_is_object(v))
			return codec_type_error(err, p, "not an object");
		*(bool *)dst = true;
		return codec_parse_object(v, f->sub, dst, p, err);
	case CODEC_ARRAY: {
		codec_path_key(p, sizeof p, path, f->key);
		if (!json_is_array(v))
			return codec_type_error(err, p, "not an array");
		if (f->flags & CODEC_KEEP_EMPTY)
			*(bool *)(base + f->has_off) = true;
		return codec_parse_array(v, f->sub, f->elem_size, dst,
					 (size_t *)(base + f->count_off), p, err);
	}
	case CODEC_ERRORS:
		codec_path_key(p, sizeof p, path, f->key);
		return codec_parse_errors(v, p, dst, err);
	case CODEC_CUSTOM:
		codec_path_key(p, sizeof p, path, f->key);
		return f->parse(v, p, base, err);
	}
	return AFCQ_OK;
}

enum afcq_status codec_parse_field(const json_t *v, const struct codec_field *f, void *base,
				   const char *path, struct afcq_error *err)
{
	return parse_field(v, f, base, path, err);
}

enum afcq_status codec_parse_object(const json_t *j, const struct codec_table *t, void *base,
				    const char *path, struct afcq_error *err)
{
	if (!json_is_object(j))
		return codec_type_error(err, path, "not an object");
	for (size_t i = 0; i < t->n; i++) {
		const struct codec_field *f = &t->fields[i];
		const json_t *v = object_get(j, f->key, t->fold_case);
		if (!v || json_is_null(v))
			continue;
		enum afcq_status st = parse_field(v, f, base, path, err);
		if (st != AFCQ_OK)
			return st;
	}
	return AFCQ_OK;
}

enum afcq_status codec_parse_array(const json_t *j, const struct codec_table *t, size_t elem_size,
				   void *slot, size_t *n, const char *path, struct afcq_error *err)
{
	if (json_is_object(j)) {
		void *one = afcq_xcalloc(1, elem_size);
		memcpy(slot, &one, sizeof one);
		*n = 1;
		return codec_parse_object(j, t, one, path, err);
	}
	if (!json_is_array(j))
		return codec_type_error(err, path, "not an array");
	size_t len = json_array_size(j);
	if (len == 0)
		return AFCQ_OK;
	char *v = afcq_xcalloc(len, elem_size);
	void *vp = v;
	memcpy(slot, &vp, sizeof vp);
	*n = len;
	for (size_t i = 0; i < len; i++) {
		char p[256];
		codec_path_index(p, sizeof p, path, i);
		enum afcq_status st = codec_parse_object(json_array_get(j, i), t, v + i * elem_size,
							 p, err);
		if (st != AFCQ_OK)
			return st;
	}
	return AFCQ_OK;
}

/* ---- emitting ------------------------------------------------------------ */

static json_t *emit_errors(const struct afcq_errors *e)
{
	if (e->n == 0)
		return NULL;
	json_t *a = json_array();
	for (size_t i = 0; i < e->n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "code", json_integer(e->v[i].code));
		json_object_set_new(o, "msg", codec_string(e->v[i].msg ? e->v[i].msg : ""));
		json_array_append_new(a, o);
	}
	return a;
}

/* New reference for field f of base, or NULL to leave the key out. */
static json_t *emit_field(const struct codec_field *f, const char *base)
{
	const void *src = base + f->off;
	switch (f->kind) {
	case CODEC_OBOOL: {
		const struct afcq_obool *o = src;
		return o->set ? json_boolean(o->v) : NULL;
	}
	case CODEC_OINT: {
		const struct afcq_oint *o = src;
		return o->set ? json_integer(o->v) : NULL;
	}
	case CODEC_ODBL: {
		const struct afcq_odbl *o = src;
		return o->set ? json_real(o->v) : NULL;
	}
	case CODEC_BOOL:
		return json_boolean(*(const bool *)src);
	case CODEC_INT:
		return json_integer(*(const int *)src);
	case CODEC_LLONG:
		return json_integer(*(const long long *)src);
	case CODEC_DBL:
		return json_real(*(const double *)src);
	case CODEC_STR: {
		const char *s = *(char *const *)src;
		return s ? codec_string(s) : NULL;
	}
	case CODEC_NULLSTR:
		return codec_string(*(char *const *)src);
	case CODEC_OBJECT: {
		json_t *o = codec_emit_object(f->sub, src);
		if (*(const bool *)src || json_object_size(o) > 0)
			return o;
		json_decref(o);
		return NULL;
	}
	case CODEC_ARRAY: {
		size_t n = *(const size_t *)(base + f->count_off);
		bool has = (f->flags & CODEC_KEEP_EMPTY) && *(const bool *)(base + f->has_off);
		if (n == 0 && !has)
			return NULL;
		const void *elems;
		memcpy(&elems, src, sizeof elems);
		return codec_emit_array(f->sub, elems, n, f->elem_size);
	}
	case CODEC_ERRORS:
		return emit_errors(src);
	case CODEC_CUSTOM:
		return f->emit(base);
	}
	return NULL;
}

bool codec_omitted(const char *const *omit, const char *key)
{
	for (; omit && *omit; omit++)
		if (strcmp(*omit, key) == 0)
			return true;
	return false;
}

json_t *codec_emit_object(const struct codec_table *t, const void *base)
{
	json_t *o = json_object();
	const char *const *omit = t->omit ? t->omit(base) : NULL;
	for (size_t i = 0; i < t->n; i++) {
		if (omit && codec_omitted(omit, t->fields[i].key))
			continue;
		json_t *v = emit_field(&t->fields[i], base);
		if (v)
			json_object_set_new(o, t->fields[i].key, v);
	}
	return o;
}

json_t *codec_emit_array(const struct codec_table *t, const void *v, size_t n, size_t elem_size)
{
	json_t *a = json_array();
	const char *p = v;
	for (size_t i = 0; i < n && p; i++)
		json_array_append_new(a, codec_emit_object(t, p + i * elem_size));
	return a;
}

/* ---- loading ------------------------------------------------------------- */

enum afcq_status codec_load(const char *text, size_t len, bool allow_array, json_t **out,
			    struct afcq_error *err)
{
	*out = NULL;
	json_t *j = NULL;
	enum afcq_status st = afcq_json_parse(text, len, &j, err);
	if (st != AFCQ_OK)
		return st;
	if (!json_is_object(j) && !(allow_array && json_is_array(j))) {
		json_decref(j);
		return codec_type_error(err, "", allow_array ? "not an object or array"
							     : "not an object");
	}
	*out = j;
	return AFCQ_OK;
}
