/* stream.c - the CalcTaxes answer decoded from yajl's callbacks (stream.h).
 *
 * How it works: a stack of frames follows the answer's nesting.  An object
 * frame holds the codec table of the struct being filled (the jansson
 * codec's own tables, codec_fields.h) and the field whose value comes next;
 * an array frame holds the model array being grown (doubling, zeroed, the
 * count kept current so a failure leaves it freeable).  Scalars are written
 * straight into the struct, with the codec's rules for numbers and
 * strings.  Values of unknown keys are skipped (a skip frame counts their
 * nesting).  The few small values the codec reads as a whole (err lists,
 * incrf, custom fields) are built as a jansson value (a tree frame) and
 * handed to codec_parse_field, so those rules live in one place.
 *
 * Each field may appear once per object: a repeated key is refused, since
 * the tree codec keeps the last value and a stream has already used the
 * first one.  A repeated top-level "inv" adds its invoices, as the relaxed
 * reader does.
 *
 * This file is the decoder; stream_feed.c feeds it (the stream's life,
 * what yajl lets through that JSON does not, syntax errors).
 */
#include "afcq/stream.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "../core/codec_fields.h"
#include "stream_int.h"
#include "afcq/money.h"
#include "afcq/number.h"
#include "afcq/str.h"

/* ---- errors and paths ------------------------------------------------------ */

/* The path of frame i's value ("" for the answer itself). */
static void frame_path(const struct afcq_stream *s, int i, char *buf, size_t n)
{
	buf[0] = 0;
	for (int k = 1; k <= i; k++) {
		const struct frame *fr = &s->f[k];
		char tmp[256];
		snprintf(tmp, sizeof tmp, "%s", buf);
		if (fr->element)
			codec_path_index(buf, n, tmp, fr->index);
		else if (fr->key)
			codec_path_key(buf, n, tmp, fr->key);
	}
}

int stream_fail(struct afcq_stream *s, const char *path, const char *msg)
{
	if (!s->failed) {
		codec_type_error(&s->err, path, msg);
		s->failed = true;
	}
	return 0;
}

/* A type error for the value of key at the top object frame. */
static int fail_field(struct afcq_stream *s, const char *key, const char *msg)
{
	char parent[256], path[256];
	frame_path(s, s->n - 1, parent, sizeof parent);
	codec_path_key(path, sizeof path, parent, key);
	return stream_fail(s, path, msg);
}

static struct frame *top(struct afcq_stream *s)
{
	return s->n ? &s->f[s->n - 1] : NULL;
}

static struct frame *push(struct afcq_stream *s, enum frame_kind kind)
{
	if (s->n == STREAM_MAX_FRAMES) {
		stream_fail(s, "", "nested too deep");
		return NULL;
	}
	struct frame *fr = &s->f[s->n++];
	memset(fr, 0, offsetof(struct frame, tree));
	fr->kind = kind;
	return fr;
}

/* ---- releasing used items ---------------------------------------------------- */

static void tally(struct afcq_tax_tally *t, struct afcq_sum *bill, struct afcq_sum *nonbill,
		  struct afcq_tax *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!afcq_tax_is_placeholder(&v[i])) {
			t->n++;
			afcq_sum_add(v[i].bill ? bill : nonbill, v[i].tax);
		}
		afcq_tax_done(&v[i]);
	}
}

static void release_item(struct afcq_item_result *it)
{
	struct afcq_sum bill = { 0, 0 }, nonbill = { 0, 0 };
	struct afcq_tax_tally *t = &it->released;
	bill.s = t->billable;
	nonbill.s = t->nonbillable;
	tally(t, &bill, &nonbill, it->txs, it->n_txs);
	free(it->txs);
	it->txs = NULL;
	it->n_txs = 0;
	for (size_t b = 0; b < it->n_brdg; b++) {
		tally(t, &bill, &nonbill, it->brdg[b].txs, it->brdg[b].n_txs);
		free(it->brdg[b].txs);
		it->brdg[b].txs = NULL;
		it->brdg[b].n_txs = 0;
	}
	t->billable = afcq_sum_value(&bill);
	t->nonbillable = afcq_sum_value(&nonbill);
}

/* ---- values ------------------------------------------------------------------ */

static bool key_is(const char *k, const char *key, size_t len)
{
	return k[0] == key[0] && strncmp(k, key, len) == 0 && k[len] == 0;
}

/* The field of table t named by key (len bytes), and its index.  Answers
 * mostly list keys in the table's order, so the field after the last one
 * found (*index on entry) is tried first. */
static const struct codec_field *find_field(const struct codec_table *t, const char *key,
					    size_t len, size_t *index)
{
	if (len == 0)
		return NULL;
	if (*index < t->n && key_is(t->fields[*index].key, key, len))
		return &t->fields[*index];
	for (size_t i = 0; i < t->n; i++) {
		if (key_is(t->fields[i].key, key, len)) {
			*index = i;
			return &t->fields[i];
		}
	}
	return NULL;
}

/* What jansson makes of a number token, then what the codec reads from
 * that (codec_fields.c json_to_number). */
static bool token_number(const char *text, size_t len, struct afcq_number *num, bool *integer,
			 const char **why)
{
	char buf[64];
	if (len >= sizeof buf) {
		/* Longer numbers are fine for jansson; reading them here is not
		 * worth it: the caller falls back on the tree codec. */
		*why = "number too long to stream";
		return false;
	}
	memcpy(buf, text, len);
	buf[len] = 0;
	*integer = !strpbrk(buf, ".eE");
	char *end;
	errno = 0;
	if (*integer) {
		long long ll = strtoll(buf, &end, 10);
		if (errno == ERANGE || *end) {
			*why = "integer out of range";
			return false;
		}
		num->ll = ll;
		num->d = (double)ll;
		num->integral = true;
		return true;
	}
	double d = strtod(buf, &end);
	if ((errno == ERANGE && isinf(d)) || *end || !isfinite(d)) {
		*why = "real number out of range";
		return false;
	}
	num->d = d;
	num->integral = d == trunc(d) && fabs(d) < 9.2e18;
	num->ll = num->integral ? (long long)d : 0;
	return true;
}

/* Stores a number into a numeric field (codec_fields.c parse_field). */
static int store_number(struct afcq_stream *s, const struct codec_field *f, char *base,
			const struct afcq_number *num)
{
	void *dst = base + f->off;
	const char *why = NULL;
	long long ll;
	switch (f->kind) {
	case CODEC_OINT:
	case CODEC_INT:
	case CODEC_LLONG:
		if (!afcq_number_integer(num, &ll, &why))
			return fail_field(s, f->key, why);
		if (f->kind == CODEC_OINT) {
			((struct afcq_oint *)dst)->set = true;
			((struct afcq_oint *)dst)->v = ll;
		} else if (f->kind == CODEC_LLONG) {
			*(long long *)dst = ll;
		} else {
			if (ll < INT_MIN || ll > INT_MAX)
				return fail_field(s, f->key, "out of range");
			*(int *)dst = (int)ll;
		}
		return 1;
	case CODEC_ODBL:
		((struct afcq_odbl *)dst)->set = true;
		((struct afcq_odbl *)dst)->v = num->d;
		return 1;
	case CODEC_DBL:
		*(double *)dst = num->d;
		return 1;
	default:
		return fail_field(s, f->key, "not a number");
	}
}

static void store_string(const struct codec_field *f, char *base, const char *v, size_t len)
{
	char **dst = (char **)(base + f->off);
	free(*dst);
	*dst = afcq_xstrndup(v, len);
}

static bool is_scalar_field(enum codec_kind k)
{
	return k == CODEC_OBOOL || k == CODEC_BOOL || k == CODEC_OINT || k == CODEC_INT ||
	       k == CODEC_LLONG || k == CODEC_DBL || k == CODEC_ODBL || k == CODEC_STR ||
	       k == CODEC_NULLSTR;
}

static const char *type_refusal(enum codec_kind k)
{
	switch (k) {
	case CODEC_OBOOL:
	case CODEC_BOOL:
		return "not a boolean";
	case CODEC_STR:
	case CODEC_NULLSTR:
		return "not a string";
	default:
		return "not a number";
	}
}

/* A scalar JSON value as jansson would hold it, for tree frames. */
struct scalar {
	enum { S_NULL, S_BOOL, S_NUMBER, S_STRING } type;
	bool b;
	const char *text;
	size_t len;
};

static json_t *scalar_json(struct afcq_stream *s, const struct scalar *v)
{
	switch (v->type) {
	case S_NULL:
		return json_null();
	case S_BOOL:
		return json_boolean(v->b);
	case S_STRING:
		return json_stringn(v->text, v->len);
	case S_NUMBER: {
		struct afcq_number num;
		bool integer;
		const char *why;
		if (!token_number(v->text, v->len, &num, &integer, &why)) {
			stream_fail(s, "", why);
			return NULL;
		}
		return integer ? json_integer(num.ll) : json_real(num.d);
	}
	}
	return NULL;
}

/* Hands a finished tree value to the codec for the field it belongs to. */
static int tree_done(struct afcq_stream *s, const struct codec_field *f, char *base, json_t *v)
{
	char path[256];
	/* The object frame is on top once the tree frame is gone. */
	frame_path(s, s->n - 1, path, sizeof path);
	enum afcq_status st = codec_parse_field(v, f, base, path, &s->err);
	json_decref(v);
	if (st != AFCQ_OK) {
		s->failed = true;
		return 0;
	}
	return 1;
}

/* Adds v (a new reference) to the open container of tree frame fr. */
static int tree_add(struct afcq_stream *s, struct frame *fr, json_t *v)
{
	if (!v)
		return stream_fail(s, "", "out of memory");
	if (fr->depth == 0) {
		const struct codec_field *f = fr->tf;
		char *base = fr->tbase;
		s->n--;
		return tree_done(s, f, base, v);
	}
	json_t *c = fr->tree[fr->depth - 1];
	if (json_is_array(c)) {
		json_array_append_new(c, v);
		return 1;
	}
	char *key = fr->tree_key[fr->depth - 1];
	fr->tree_key[fr->depth - 1] = NULL;
	json_object_set_new(c, key ? key : "", v);
	free(key);
	return 1;
}

/* A value that is skipped is still refused where jansson refuses it. */
static int skip_scalar(struct afcq_stream *s, const struct scalar *v)
{
	struct afcq_number num;
	bool integer;
	const char *why;
	if (v->type == S_NUMBER && !token_number(v->text, v->len, &num, &integer, &why))
		return stream_fail(s, "", why);
	return 1;
}

static int on_scalar(struct afcq_stream *s, const struct scalar *v)
{
	if (s->failed)
		return 0;
	struct frame *fr = top(s);
	if (!fr)
		return stream_fail(s, "", "not an object");
	switch (fr->kind) {
	case F_SKIP:
		return skip_scalar(s, v);
	case F_TREE:
		return tree_add(s, fr, scalar_json(s, v));
	case F_ARRAY: {
		char path[256], p[256];
		frame_path(s, s->n - 1, path, sizeof path);
		size_t *count = (size_t *)(fr->owner + fr->af->count_off);
		codec_path_index(p, sizeof p, path, *count);
		return stream_fail(s, p, "not an object");
	}
	case F_OBJECT:
		break;
	}
	if (!fr->next)
		return skip_scalar(s, v);  /* an unknown key's value */
	const struct codec_field *f = fr->next;
	fr->next = NULL;
	if (v->type == S_NULL)
		return 1;  /* as absent */
	char *base = fr->base;
	if (!is_scalar_field(f->kind)) {
		if (f->kind == CODEC_ARRAY)
			return fail_field(s, f->key, "not an array");
		/* err lists, sub-objects, custom fields: the codec decides. */
		json_t *j = scalar_json(s, v);
		if (!j)
			return 0;
		return tree_done(s, f, base, j);
	}
	switch (v->type) {
	case S_BOOL:
		if (f->kind == CODEC_OBOOL) {
			((struct afcq_obool *)(base + f->off))->set = true;
			((struct afcq_obool *)(base + f->off))->v = v->b;
			return 1;
		}
		if (f->kind == CODEC_BOOL) {
			*(bool *)(base + f->off) = v->b;
			return 1;
		}
		return fail_field(s, f->key, type_refusal(f->kind));
	case S_NUMBER: {
		if (f->kind == CODEC_OBOOL || f->kind == CODEC_BOOL)
			return fail_field(s, f->key, "not a boolean");
		struct afcq_number num;
		bool integer;
		const char *why;
		if (!token_number(v->text, v->len, &num, &integer, &why))
			return fail_field(s, f->key, why);
		if (f->kind == CODEC_STR || f->kind == CODEC_NULLSTR) {
			if (!(f->flags & CODEC_NUM_AS_STR))
				return fail_field(s, f->key, "not a string");
			char buf[32];
			if (integer)
				snprintf(buf, sizeof buf, "%lld", num.ll);
			else
				afcq_number_shortest(num.d, buf, sizeof buf);
			store_string(f, base, buf, strlen(buf));
			return 1;
		}
		return store_number(s, f, base, &num);
	}
	case S_STRING: {
		if (f->kind == CODEC_STR || f->kind == CODEC_NULLSTR) {
			store_string(f, base, v->text, v->len);
			return 1;
		}
		if (f->kind == CODEC_OBOOL || f->kind == CODEC_BOOL)
			return fail_field(s, f->key, "not a boolean");
		struct afcq_number num;
		const char *why = NULL;
		if (!afcq_number_read(v->text, v->len, &num, &why))
			return fail_field(s, f->key, why);
		return store_number(s, f, base, &num);
	}
	case S_NULL:
		break;
	}
	return 1;
}

/* ---- yajl callbacks -------------------------------------------------------------- */

static int cb_null(void *ctx)
{
	return on_scalar(ctx, &(struct scalar){ .type = S_NULL });
}

static int cb_boolean(void *ctx, int b)
{
	return on_scalar(ctx, &(struct scalar){ .type = S_BOOL, .b = b != 0 });
}

static int cb_number(void *ctx, const char *text, size_t len)
{
	return on_scalar(ctx, &(struct scalar){ .type = S_NUMBER, .text = text, .len = len });
}

/* true when the n bytes at p are UTF-8 as jansson takes it: no NUL, no
 * overlong form, no surrogate, nothing past U+10FFFF (yajl lets some of
 * those through). */
static bool utf8_ok(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		size_t k;
		unsigned lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return false;
		}
		if (i + k >= n)
			return false;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return false;
		for (size_t j = 2; j <= k; j++)
			if ((p[i + j] & 0xC0) != 0x80)
				return false;
		i += k + 1;
	}
	return true;
}

static int cb_string(void *ctx, const unsigned char *text, size_t len)
{
	struct afcq_stream *s = ctx;
	/* jansson refuses "\u0000" and malformed UTF-8 in strings. */
	if (!utf8_ok(text, len))
		return stream_fail(s, "", "a string that is not UTF-8");
	return on_scalar(s, &(struct scalar){ .type = S_STRING, .text = (const char *)text,
					      .len = len });
}

static bool deeper(struct afcq_stream *s)
{
	if (++s->depth > STREAM_MAX_DEPTH - 1) {
		stream_fail(s, "", "nested too deep");
		return false;
	}
	return true;
}

/* A container opens inside a tree frame. */
static int tree_open(struct afcq_stream *s, struct frame *fr, json_t *c)
{
	if (fr->depth == 64) {
		json_decref(c);
		return stream_fail(s, "", "nested too deep to stream");
	}
	fr->tree[fr->depth] = c;
	fr->tree_key[fr->depth] = NULL;
	fr->depth++;
	return 1;
}

static int tree_close(struct afcq_stream *s, struct frame *fr)
{
	fr->depth--;
	json_t *c = fr->tree[fr->depth];
	free(fr->tree_key[fr->depth]);
	fr->tree[fr->depth] = NULL;
	fr->tree_key[fr->depth] = NULL;
	return tree_add(s, fr, c);
}

/* Grows array frame fr by one zeroed element; returns it. */
static char *array_grow(struct frame *fr)
{
	size_t *count = (size_t *)(fr->owner + fr->af->count_off);
	char *v;
	memcpy(&v, fr->owner + fr->af->off, sizeof v);
	size_t es = fr->af->elem_size;
	if (*count == fr->cap) {
		size_t cap = fr->cap ? fr->cap * 2 : 4;
		v = afcq_xrealloc(v, cap * es);
		memset(v + fr->cap * es, 0, (cap - fr->cap) * es);
		fr->cap = cap;
		memcpy(fr->owner + fr->af->off, &v, sizeof v);
	}
	return v + (*count)++ * es;
}

/* Opens the struct of an object value: field f (an array of objects) of
 * the top object frame, or an element of the top array frame. */
static int open_struct(struct afcq_stream *s, const struct codec_table *t, char *base,
		       const char *key, bool element, size_t index)
{
	if (t->fold_case)  /* keys matched as jansson orders them: the tree's business */
		return stream_fail(s, "", "case-insensitive keys (read by the tree decoder)");
	struct frame *fr = push(s, F_OBJECT);
	if (!fr)
		return 0;
	fr->t = t;
	fr->base = base;
	fr->key = key;
	fr->element = element;
	fr->index = index;
	return 1;
}

static int start_container(struct afcq_stream *s, bool map)
{
	if (s->failed || !deeper(s))
		return 0;
	struct frame *fr = top(s);
	if (!fr) {
		if (!map || s->started)
			return stream_fail(s, "", "not an object");
		s->started = true;
		return open_struct(s, s->root, s->root_base, NULL, false, 0);
	}
	switch (fr->kind) {
	case F_SKIP:
		fr->depth++;
		return 1;
	case F_TREE:
		return tree_open(s, fr, map ? json_object() : json_array());
	case F_ARRAY: {
		size_t *count = (size_t *)(fr->owner + fr->af->count_off);
		if (!map) {
			char path[256], p[256];
			frame_path(s, s->n - 1, path, sizeof path);
			codec_path_index(p, sizeof p, path, *count);
			return stream_fail(s, p, "not an object");
		}
		size_t index = *count;
		char *elem = array_grow(fr);
		return open_struct(s, fr->t, elem, NULL, true, index);
	}
	case F_OBJECT:
		break;
	}
	if (!fr->next) {  /* an unknown key's value */
		struct frame *k = push(s, F_SKIP);
		if (k)
			k->depth = 1;
		return k != NULL;
	}
	const struct codec_field *f = fr->next;
	fr->next = NULL;
	char *base = fr->base;
	if (f->kind == CODEC_OBJECT) {
		if (!map)
			return fail_field(s, f->key, "not an object");
		*(bool *)(base + f->off) = true; /* present */
		return open_struct(s, f->sub, base + f->off, f->key, false, 0);
	}
	if (f->kind == CODEC_ARRAY) {
		if (map)
			return fail_field(s, f->key, "not an array");
		struct frame *a = push(s, F_ARRAY);
		if (!a)
			return 0;
		a->t = f->sub;
		a->af = f;
		a->owner = base;
		a->key = f->key;
		if (f->flags & CODEC_KEEP_EMPTY)
			*(bool *)(base + f->has_off) = true;
		/* A repeated top-level "inv" adds to the invoices already read. */
		a->cap = *(size_t *)(base + f->count_off);
		return 1;
	}
	if (is_scalar_field(f->kind))
		return fail_field(s, f->key, type_refusal(f->kind));
	struct frame *t = push(s, F_TREE);
	if (!t)
		return 0;
	t->tf = f;
	t->tbase = base;
	t->key = f->key;
	return tree_open(s, t, map ? json_object() : json_array());
}

static int cb_start_map(void *ctx)
{
	return start_container(ctx, true);
}

static int cb_start_array(void *ctx)
{
	return start_container(ctx, false);
}

static int cb_map_key(void *ctx, const unsigned char *key, size_t len)
{
	struct afcq_stream *s = ctx;
	if (s->failed)
		return 0;
	if (!utf8_ok(key, len))
		return stream_fail(s, "", "a key that is not UTF-8");
	struct frame *fr = top(s);
	if (fr->kind == F_SKIP)
		return 1;
	if (fr->kind == F_TREE) {
		free(fr->tree_key[fr->depth - 1]);
		fr->tree_key[fr->depth - 1] = afcq_xstrndup((const char *)key, len);
		return 1;
	}
	size_t index = fr->hint;
	const struct codec_field *f = find_field(fr->t, (const char *)key, len, &index);
	fr->next = f;
	if (!f)
		return 1;
	fr->hint = index + 1;
	uint64_t bit = index < 64 ? (uint64_t)1 << index : 0;
	bool top_inv = s->n == 1 && strcmp(f->key, "inv") == 0;
	if ((fr->seen & bit) && !top_inv)
		return fail_field(s, f->key, "repeated key (read by the tree decoder)");
	fr->seen |= bit;
	return 1;
}

static void item_complete(struct afcq_stream *s)
{
	/* The item is the last of the last invoice read so far. */
	size_t inv = s->out->n_inv - 1;
	struct afcq_invoice_result *ri = &s->out->inv[inv];
	struct afcq_stream_event ev = {
		.resp = s->out, .inv = inv, .item = ri->n_itms - 1, .fed = s->fed,
	};
	if (s->on_item && s->on_item(s->ud, &ev))
		release_item(&ri->itms[ev.item]);
}

static void invoice_complete(struct afcq_stream *s)
{
	size_t inv = s->out->n_inv - 1;
	struct afcq_stream_event ev = {
		.resp = s->out, .inv = inv, .item = s->out->inv[inv].n_itms, .fed = s->fed,
	};
	if (s->on_invoice && s->on_invoice(s->ud, &ev))
		for (size_t i = 0; i < s->out->inv[inv].n_itms; i++)
			release_item(&s->out->inv[inv].itms[i]);
}

static int end_container(struct afcq_stream *s)
{
	if (s->failed)
		return 0;
	s->depth--;
	struct frame *fr = top(s);
	switch (fr->kind) {
	case F_SKIP:
		if (--fr->depth == 0)
			s->n--;
		return 1;
	case F_TREE:
		return tree_close(s, fr);
	case F_ARRAY: {
		/* Give back what doubling left unused. */
		size_t count = *(size_t *)(fr->owner + fr->af->count_off);
		if (count && count < fr->cap) {
			char *v;
			memcpy(&v, fr->owner + fr->af->off, sizeof v);
			v = afcq_xrealloc(v, count * fr->af->elem_size);
			memcpy(fr->owner + fr->af->off, &v, sizeof v);
		}
		s->n--;
		return 1;
	}
	case F_OBJECT:
		break;
	}
	const struct codec_table *t = fr->t;
	s->n--;
	if (s->n == 0) {
		s->done = true;
		s->tail = yajl_get_bytes_consumed(s->y);
		return 1;
	}
	if (!s->out) {
		/* a request's invoice: the top-level inv array's element */
		if (s->on_request_invoice && s->n == 2 && t == codec_invoice_table()) {
			struct afcq_request *r = s->root_base;
			s->on_request_invoice(s->ud, r, r->n_inv - 1);
		}
		return 1;
	}
	if (t == codec_item_result_table())
		item_complete(s);
	else if (t == codec_invoice_result_table())
		invoice_complete(s);
	return 1;
}

static int cb_end(void *ctx)
{
	return end_container(ctx);
}

const yajl_callbacks stream_callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end,
};
