/* catalog_pairs.c - the T/S pairs of a catalog cache, read with a streaming
 * reader (afcq_catalog_read_pairs, afcq/catalog.h).
 *
 * A command that checks a request's pairs needs each pair's two numbers,
 * not its descriptions nor the tax types: building the whole catalog as a
 * tree took most of such a command's time.  The file is the one
 * afcq_catalog_write_cache writes; anything else is refused as the full
 * reader refuses it. */
#include "afcq/catalog.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yajl/yajl_parse.h>

#include "afcq/str.h"
#include "catalog_int.h"

enum root_key { K_OTHER, K_FORMAT, K_ENDPOINT, K_FETCHED, K_ABSENT, K_TSPAIRS };

struct reader {
	struct afcq_catalog *cat;
	int lvl;                  /* maps and arrays open */
	enum root_key key;        /* the root's member being read (lvl 1) */
	bool in_pairs;            /* inside "tspairs" (its array is lvl 2) */
	bool have_format, have_fetched, pairs_seen;
	char *format, *endpoint, *absent;
	long long fetched;
	/* the pair being read (a map at lvl 3) */
	int pair_key;             /* 1 TransactionType, 2 ServiceType, 0 other */
	long long tran, serv;
	bool have_tran, have_serv;
	bool bad_pair;            /* a pair without one of its numbers */
	size_t cap;
};

static void take_string(char **slot, const unsigned char *s, size_t len)
{
	free(*slot);
	*slot = afcq_xstrndup((const char *)s, len);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct reader *r = ctx;
	if (r->lvl == 1 && r->key == K_FORMAT)
		take_string(&r->format, s, len);
	else if (r->lvl == 1 && r->key == K_ENDPOINT)
		take_string(&r->endpoint, s, len);
	else if (r->lvl == 1 && r->key == K_ABSENT)
		take_string(&r->absent, s, len);
	return 1;
}

static int cb_integer(void *ctx, long long v)
{
	struct reader *r = ctx;
	if (r->lvl == 1 && r->key == K_FETCHED) {
		r->fetched = v;
		r->have_fetched = true;
	} else if (r->in_pairs && r->lvl == 3 && r->pair_key == 1) {
		r->tran = v;
		r->have_tran = true;
	} else if (r->in_pairs && r->lvl == 3 && r->pair_key == 2) {
		r->serv = v;
		r->have_serv = true;
	}
	return 1;
}

static int cb_double(void *ctx, double v)
{
	(void)ctx;
	(void)v;
	return 1;
}

static int cb_other(void *ctx)
{
	(void)ctx;
	return 1;
}

static int cb_bool(void *ctx, int v)
{
	(void)ctx;
	(void)v;
	return 1;
}

static int cb_map_key(void *ctx, const unsigned char *k, size_t len)
{
	struct reader *r = ctx;
#define IS(name) (len == sizeof(name) - 1 && strncasecmp((const char *)k, name, len) == 0)
	if (r->lvl == 1) {
		r->key = IS("format") ? K_FORMAT : IS("endpoint") ? K_ENDPOINT
			: IS("fetched") ? K_FETCHED : IS("absent") ? K_ABSENT
			: IS("tspairs") ? K_TSPAIRS : K_OTHER;
	} else if (r->in_pairs && r->lvl == 3) {
		r->pair_key = IS("TransactionType") ? 1 : IS("ServiceType") ? 2 : 0;
	}
#undef IS
	return 1;
}

static int cb_start_map(void *ctx)
{
	struct reader *r = ctx;
	r->lvl++;
	if (r->in_pairs && r->lvl == 3) {
		r->have_tran = r->have_serv = false;
		r->pair_key = 0;
	}
	return 1;
}

static int cb_end_map(void *ctx)
{
	struct reader *r = ctx;
	if (r->in_pairs && r->lvl == 3) {
		if (!r->have_tran || !r->have_serv) {
			r->bad_pair = true;
			return 0;
		}
		struct afcq_tspair_list *l = &r->cat->tspairs;
		if (l->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 256;
			l->v = afcq_xrealloc(l->v, r->cap * sizeof *l->v);
		}
		l->v[l->n++] = (struct afcq_tspair){ .tran = (int)r->tran, .serv = (int)r->serv };
	}
	r->lvl--;
	return 1;
}

static int cb_start_array(void *ctx)
{
	struct reader *r = ctx;
	r->lvl++;
	if (r->lvl == 2 && r->key == K_TSPAIRS) {
		r->in_pairs = true;
		r->pairs_seen = true;
	}
	return 1;
}

static int cb_end_array(void *ctx)
{
	struct reader *r = ctx;
	if (r->in_pairs && r->lvl == 2)
		r->in_pairs = false;
	r->lvl--;
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_other,
	.yajl_boolean = cb_bool,
	.yajl_integer = cb_integer,
	.yajl_double = cb_double,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end_map,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end_array,
};

/* Parses text; AFCQ_OK, or the error the full reader would give. */
static enum afcq_status parse(struct reader *r, const char *text, size_t len,
			      struct afcq_error *err)
{
	const char *path = r->cat->path;
	yajl_handle y = yajl_alloc(&callbacks, NULL, r);
	if (!y)
		return afcq_error_set(err, AFCQ_ERR_NOMEM, path, "out of memory");
	yajl_status ys = yajl_parse(y, (const unsigned char *)text, len);
	if (ys == yajl_status_ok)
		ys = yajl_complete_parse(y);
	enum afcq_status st = AFCQ_OK;
	if (r->bad_pair) {
		st = afcq_error_set(err, AFCQ_ERR_PARSE, path,
				    "tspairs: not a T/S pair catalog (a pair without its numbers)");
	} else if (ys != yajl_status_ok) {
		unsigned char *why = yajl_get_error(y, 0, NULL, 0);
		st = afcq_error_set(err, AFCQ_ERR_PARSE, path, "not a catalog cache: %s",
				    why ? (const char *)why : "not JSON");
		err->cause = AFCQ_CAUSE_MALFORMED;
		yajl_free_error(y, why);
	}
	yajl_free(y);
	return st;
}

enum afcq_status afcq_catalog_read_pairs(struct afcq_catalog *cat, const char *endpoint,
					 const char *cache_dir, struct afcq_error *err)
{
	size_t len = 0;
	char *text = catalog_cache_text(cat, endpoint, cache_dir, &len, err);
	if (!text)
		return err->status;
	struct reader r = { .cat = cat };
	enum afcq_status st = parse(&r, text, len, err);
	free(text);
	if (st != AFCQ_OK) {
		/* as the full reader says it */
	} else if ((st = catalog_cache_header(cat, r.format, r.endpoint, r.have_fetched, r.fetched,
					      err)) != AFCQ_OK) {
		/* said */
	} else if (!r.pairs_seen) {
		st = afcq_error_set(err, AFCQ_ERR_PARSE, cat->path, "no \"tspairs\" list");
	}
	if (st == AFCQ_OK && r.absent) {
		afcq_catalog_set_absent(cat, r.absent, (time_t)r.fetched);
		cat->from_cache = true;
	} else if (st == AFCQ_OK) {
		cat->fetched = (time_t)r.fetched;
		cat->from_cache = true;
		cat->pairs_only = true;
	} else {
		afcq_tspair_list_done(&cat->tspairs);
	}
	free(r.format);
	free(r.endpoint);
	free(r.absent);
	return st;
}
