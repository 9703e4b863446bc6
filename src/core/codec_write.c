/* codec_write.c - the codec's tables written straight to JSON text.
 *
 * codec_emit_object builds a jansson tree that afcq_json_dump then prints;
 * for a 10,000-item answer the tree costs more than the answer's text.
 * This writer walks the same tables with the same rules (emit_field in
 * codec_fields.c: optional values only when set, strings when non-NULL,
 * arrays when non-empty or kept, sub-objects when present or not empty,
 * the table's omitted keys left out) and appends compact text, the same
 * bytes afcq_json_dump writes for the tree.  Custom fields and strings
 * that are not plain ASCII go through jansson, so their text cannot differ.
 */
#include "afcq/codec.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec_fields.h"

/* Answers repeat their amounts and rates; the text of a real is kept for
 * the next time the same double comes (the general path of the shortest
 * text costs several printf calls).  A direct-mapped table, per dump, made
 * once a text has more than CACHE_AFTER reals (a small answer never pays
 * for it). */
#define NUM_SLOTS 16384
#define CACHE_AFTER 512

struct num_slot {
	uint64_t bits;
	bool used;
	size_t len;
	char text[40];
};

/* Each table's keys as written (,"key": and "key":), made once per dump. */
#define KEY_TABLES 12
#define KEY_FIELDS 32
#define KEY_TEXT 24

struct table_keys {
	const struct codec_table *t;
	unsigned char len[KEY_FIELDS];
	char text[KEY_FIELDS][KEY_TEXT];   /* with the leading comma */
};

struct writer {
	struct table_keys keys[KEY_TABLES];
	size_t n_keys;
	struct afcq_buf *b;
	int flags;
	struct num_slot *cache;   /* NUM_SLOTS, or NULL */
	size_t reals;             /* written so far */
	int depth;                /* objects open */
	const char *span_key;     /* top-level array whose elements' places are kept */
	size_t *span;             /* start and end of element i at 2i, 2i + 1 */
	codec_written_fn written; /* told of each element of span_key written */
	codec_elem_fn elem;       /* writes each element of span_key instead */
	void *written_ud;
};

/* afcq_buf_append for the short pieces this writer makes. */
static inline void put(struct afcq_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		afcq_buf_append(b, s, n);
		return;
	}
	char *d = b->data + b->len;
	if (n <= 16) {
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
	} else {
		memcpy(d, s, n);
	}
	b->len += n;
	b->data[b->len] = '\0';
}

/* The written keys of table t, or NULL when they do not fit the cache. */
static const struct table_keys *keys_of(struct writer *w, const struct codec_table *t)
{
	for (size_t i = 0; i < w->n_keys; i++)
		if (w->keys[i].t == t)
			return &w->keys[i];
	if (w->n_keys == KEY_TABLES || t->n > KEY_FIELDS)
		return NULL;
	struct table_keys *k = &w->keys[w->n_keys];
	for (size_t i = 0; i < t->n; i++) {
		size_t n = strlen(t->fields[i].key);
		if (n + 4 > KEY_TEXT)
			return NULL;
		k->text[i][0] = ',';
		k->text[i][1] = '"';
		memcpy(k->text[i] + 2, t->fields[i].key, n);
		k->text[i][n + 2] = '"';
		k->text[i][n + 3] = ':';
		k->len[i] = (unsigned char)(n + 4);
	}
	k->t = t;
	w->n_keys++;
	return k;
}

static void write_real(struct writer *w, double d)
{
	uint64_t bits;
	memcpy(&bits, &d, sizeof bits);
	if (!w->cache && ++w->reals > CACHE_AFTER)
		w->cache = calloc(NUM_SLOTS, sizeof *w->cache);
	if (!w->cache) {
		codec_dump_real(w->b, d, w->flags);
		return;
	}
	struct num_slot *slot = &w->cache[(bits ^ (bits >> 29) ^ (bits >> 43)) % NUM_SLOTS];
	if (!slot->used || slot->bits != bits) {
		struct afcq_buf t;
		afcq_buf_init(&t);
		codec_dump_real(&t, d, w->flags);
		slot->used = true;
		slot->bits = bits;
		slot->len = t.len < sizeof slot->text ? t.len : 0;
		memcpy(slot->text, t.data, slot->len);
		if (!slot->len) /* too long to keep: never for a double */
			slot->used = false, afcq_buf_append(w->b, t.data, t.len);
		afcq_buf_done(&t);
		if (!slot->used)
			return;
	}
	put(w->b, slot->text, slot->len);
}

/* The key of field i of the object being written: ,"key": from the
 * table's written keys (the first without its comma), or piece by piece. */
struct key_ctx {
	const struct table_keys *k;
	size_t i;
};

static void write_key(struct afcq_buf *b, bool *first, const char *key, const struct key_ctx *kc)
{
	if (kc->k) {
		size_t skip = *first ? 1 : 0;
		*first = false;
		put(b, kc->k->text[kc->i] + skip, kc->k->len[kc->i] - skip);
		return;
	}
	if (!*first)
		put(b, ",", 1);
	*first = false;
	codec_dump_string(b, key, strlen(key));
	put(b, ":", 1);
}

static void write_string(struct afcq_buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80) {
			/* codec_string's repairs of invalid UTF-8, as the tree has them */
			json_t *j = codec_string(s);
			codec_dump_value(b, j, 0);
			json_decref(j);
			return;
		}
	}
	codec_dump_string(b, s, n);
}

static void write_ll(struct afcq_buf *b, long long v)
{
	char num[24];
	size_t k = sizeof num;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		num[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		num[--k] = '-';
	put(b, num + k, sizeof num - k);
}

static void write_errors(struct afcq_buf *b, const struct afcq_errors *e)
{
	put(b, "[", 1);
	for (size_t i = 0; i < e->n; i++) {
		if (i)
			put(b, ",", 1);
		afcq_buf_puts(b, "{\"code\":");
		write_ll(b, e->v[i].code);
		afcq_buf_puts(b, ",\"msg\":");
		write_string(b, e->v[i].msg ? e->v[i].msg : "");
		put(b, "}", 1);
	}
	put(b, "]", 1);
}

/* true when the object field f of base would be emitted (present, or with
 * a field to show). */
static bool object_shown(const struct codec_table *t, const char *src)
{
	if (*(const bool *)src)
		return true;
	json_t *o = codec_emit_object(t, src);
	bool shown = json_object_size(o) > 0;
	json_decref(o);
	return shown;
}

/* Writes field f of base under its key, or nothing when the tree would
 * leave the key out. */
static void write_object(struct writer *w, const struct codec_table *t, const void *base);

static void write_field(struct writer *w, bool *first, const struct codec_field *f,
			const char *base, const struct key_ctx *kc)
{
	struct afcq_buf *b = w->b;
	const void *src = base + f->off;
	switch (f->kind) {
	case CODEC_OBOOL: {
		const struct afcq_obool *o = src;
		if (o->set) {
			write_key(b, first, f->key, kc);
			put(b, o->v ? "true" : "false", o->v ? 4 : 5);
		}
		return;
	}
	case CODEC_OINT: {
		const struct afcq_oint *o = src;
		if (o->set) {
			write_key(b, first, f->key, kc);
			write_ll(b, o->v);
		}
		return;
	}
	case CODEC_ODBL: {
		const struct afcq_odbl *o = src;
		if (o->set) {
			write_key(b, first, f->key, kc);
			write_real(w, o->v);
		}
		return;
	}
	case CODEC_BOOL:
		write_key(b, first, f->key, kc);
		put(b, *(const bool *)src ? "true" : "false", *(const bool *)src ? 4 : 5);
		return;
	case CODEC_INT:
		write_key(b, first, f->key, kc);
		write_ll(b, *(const int *)src);
		return;
	case CODEC_LLONG:
		write_key(b, first, f->key, kc);
		write_ll(b, *(const long long *)src);
		return;
	case CODEC_DBL:
		write_key(b, first, f->key, kc);
		write_real(w, *(const double *)src);
		return;
	case CODEC_STR: {
		const char *s = *(char *const *)src;
		if (s) {
			write_key(b, first, f->key, kc);
			write_string(b, s);
		}
		return;
	}
	case CODEC_NULLSTR: {
		const char *s = *(char *const *)src;
		write_key(b, first, f->key, kc);
		if (s)
			write_string(b, s);
		else
			afcq_buf_puts(b, "null");
		return;
	}
	case CODEC_OBJECT:
		if (object_shown(f->sub, src)) {
			write_key(b, first, f->key, kc);
			write_object(w, f->sub, src);
		}
		return;
	case CODEC_ARRAY: {
		size_t n = *(const size_t *)(base + f->count_off);
		bool has = (f->flags & CODEC_KEEP_EMPTY) && *(const bool *)(base + f->has_off);
		if (n == 0 && !has)
			return;
		const char *elems;
		memcpy(&elems, src, sizeof elems);
		write_key(b, first, f->key, kc);
		put(b, "[", 1);
		bool spans = w->span_key && w->depth == 1 && strcmp(f->key, w->span_key) == 0;
		for (size_t i = 0; i < n && elems; i++) {
			if (i)
				put(b, ",", 1);
			if (spans && w->span)
				w->span[2 * i] = b->len;
			if (spans && w->elem)
				w->elem(w->written_ud, i, b);
			else
				write_object(w, f->sub, elems + i * f->elem_size);
			if (spans && w->span)
				w->span[2 * i + 1] = b->len;
			if (spans && w->written)
				w->written(w->written_ud, i);
		}
		put(b, "]", 1);
		return;
	}
	case CODEC_ERRORS: {
		const struct afcq_errors *e = src;
		if (e->n) {
			write_key(b, first, f->key, kc);
			write_errors(b, e);
		}
		return;
	}
	case CODEC_CUSTOM: {
		json_t *v = f->emit(base);
		if (v) {
			write_key(b, first, f->key, kc);
			codec_dump_value(b, v, w->flags);
			json_decref(v);
		}
		return;
	}
	}
}

static void write_object(struct writer *w, const struct codec_table *t, const void *base)
{
	const char *const *omit = t->omit ? t->omit(base) : NULL;
	struct key_ctx kc = { .k = keys_of(w, t) };
	bool first = true;
	w->depth++;
	put(w->b, "{", 1);
	for (size_t i = 0; i < t->n; i++) {
		if (omit && codec_omitted(omit, t->fields[i].key))
			continue;
		kc.i = i;
		write_field(w, &first, &t->fields[i], base, &kc);
	}
	put(w->b, "}", 1);
	w->depth--;
}

static void write_top(struct afcq_buf *b, const struct codec_table *t, const void *base,
		      int flags, const char *key, size_t *span, codec_written_fn fn,
		      codec_elem_fn elem, void *ud)
{
	struct writer *w = afcq_xcalloc(1, sizeof *w);
	w->b = b;
	w->flags = flags;
	w->span_key = key;
	w->span = key ? span : NULL;
	w->written = key ? fn : NULL;
	w->elem = key ? elem : NULL;
	w->written_ud = ud;
	write_object(w, t, base);
	free(w->cache);
	free(w);
}

void codec_write_object_spans(struct afcq_buf *b, const struct codec_table *t, const void *base,
			      int flags, const char *key, size_t *span)
{
	write_top(b, t, base, flags, key, span, NULL, NULL, NULL);
}

void codec_write_object_each(struct afcq_buf *b, const struct codec_table *t, const void *base,
			     int flags, const char *key, codec_written_fn fn, codec_elem_fn elem,
			     void *ud)
{
	write_top(b, t, base, flags, key, NULL, fn, elem, ud);
}

void codec_write_object(struct afcq_buf *b, const struct codec_table *t, const void *base,
			int flags)
{
	codec_write_object_spans(b, t, base, flags, NULL, NULL);
}
