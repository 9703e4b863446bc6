/* catalog.c - loading and querying the lookup catalogs (see catalog.h). */
#include "catalog.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/str.h"

struct place {
	long long pcode;
	char *ctry, *st, *cnty, *locality;
	bool primary;
};

struct code_row {          /* zips.tsv, npanxx.tsv, fips.tsv */
	char *code;
	long long pcode;
	size_t place;      /* zips: index into places; others: unused */
};

struct code_table { struct code_row *v; size_t n; };

struct catalog {
	struct afcq_tspair_list tspairs;
	struct afcq_taxtype_list taxtypes;
	struct place *places;
	size_t n_places;
	struct code_table zips, npanxx, fips;
};

/* ---- reading tab-separated files -------------------------------------- */

struct tsv_ctx {
	const char *file;   /* for messages */
	int line;
	struct afcq_error *err;
};

typedef enum afcq_status tsv_row_fn(struct catalog *c, char **f, struct tsv_ctx *t);

static enum afcq_status tsv_bad(struct tsv_ctx *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum afcq_status tsv_bad(struct tsv_ctx *t, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	afcq_error_set(t->err, AFCQ_ERR_INVALID, t->file, "%s", msg);
	t->err->line = t->line;
	snprintf(t->err->where, sizeof(t->err->where), "%s:%d", t->file, t->line);
	return AFCQ_ERR_INVALID;
}

static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *tab = strchr(line, '\t');

		if (n < max)
			f[n] = line;
		n++;
		if (!tab)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/* Reads dir/name: checks the header against cols (ncols names) and calls
 * fn for every data row with exactly ncols fields. */
static enum afcq_status read_tsv(struct catalog *c, const char *dir, const char *name,
				 const char *const *cols, size_t ncols, tsv_row_fn *fn,
				 struct afcq_error *err)
{
	char *path = afcq_xasprintf("%s/%s", dir, name);
	struct tsv_ctx t = { .file = path, .line = 0, .err = err };
	size_t len = 0;
	char *text = afcq_read_file(path, &len);
	char *p, *f[16];
	bool header = true;
	enum afcq_status s = AFCQ_OK;

	if (!text) {
		afcq_error_set(err, AFCQ_ERR_IO, path, "cannot read: %s", strerror(errno));
		free(path);
		return AFCQ_ERR_IO;
	}
	for (p = text; s == AFCQ_OK && p < text + len;) {
		char *nl = strchr(p, '\n'), *line = p;
		size_t n;

		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : text + len;
		t.line++;
		n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		n = split_tabs(line, f, 16);
		if (header) {
			header = false;
			if (n != ncols)
				s = tsv_bad(&t, "the header must name the columns %s", cols[0]);
			for (size_t i = 0; s == AFCQ_OK && i < ncols; i++)
				if (strcmp(f[i], cols[i]) != 0)
					s = tsv_bad(&t, "header: expected column '%s'", cols[i]);
			continue;
		}
		if (n != ncols) {
			s = tsv_bad(&t, "%zu tab-separated fields, wanted %zu", n, ncols);
			break;
		}
		s = fn(c, f, &t);
	}
	if (s == AFCQ_OK && header)
		s = tsv_bad(&t, "no header line (%s ...)", cols[0]);
	free(text);
	free(path);
	return s;
}

static enum afcq_status tsv_int(struct tsv_ctx *t, const char *s, long long min, long long max,
				long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	if (*s == '\0' || *end || errno || *out < min || *out > max)
		return tsv_bad(t, "not a number in range: '%s'", s);
	return AFCQ_OK;
}

static enum afcq_status tsv_bool(struct tsv_ctx *t, const char *s, bool *out)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "1") == 0 || strcmp(s, "true") == 0)
		*out = true;
	else if (strcmp(s, "no") == 0 || strcmp(s, "0") == 0 || strcmp(s, "false") == 0 ||
		 *s == '\0')
		*out = false;
	else
		return tsv_bad(t, "not yes/no: '%s'", s);
	return AFCQ_OK;
}

/* ---- rows --------------------------------------------------------------- */

static const char *const tspair_cols[] = {
	"tran", "serv", "market", "interface", "input", "bundle",
	"transaction", "service", "description",
};

static enum afcq_status tspair_row(struct catalog *c, char **f, struct tsv_ctx *t)
{
	struct afcq_tspair p = { 0 };
	long long v[5];

	for (int i = 0; i < 5; i++)
		if (tsv_int(t, f[i], i < 2 ? -1 : 0, INT_MAX, &v[i]) != AFCQ_OK)
			return AFCQ_ERR_INVALID;
	if (tsv_bool(t, f[5], &p.is_bundle) != AFCQ_OK)
		return AFCQ_ERR_INVALID;
	p.tran = (int)v[0];
	p.serv = (int)v[1];
	p.market = (int)v[2];
	p.interface_type = (int)v[3];
	p.input = (int)v[4];
	p.tran_desc = afcq_xstrdup(f[6]);
	p.serv_desc = afcq_xstrdup(f[7]);
	/* A blank description reads "Transaction/Service", as the service's do. */
	p.pair_desc = f[8][0] ? afcq_xstrdup(f[8]) : afcq_xasprintf("%s/%s", f[6], f[7]);
	c->tspairs.v = afcq_xrealloc(c->tspairs.v, (c->tspairs.n + 1) * sizeof(p));
	c->tspairs.v[c->tspairs.n++] = p;
	return AFCQ_OK;
}

static const char *const taxtype_cols[] = { "tid", "cid", "description", "category" };

static enum afcq_status taxtype_row(struct catalog *c, char **f, struct tsv_ctx *t)
{
	struct afcq_taxtype tt = { 0 };
	long long tid, cid;

	if (tsv_int(t, f[0], 0, INT_MAX, &tid) != AFCQ_OK ||
	    tsv_int(t, f[1], 0, INT_MAX, &cid) != AFCQ_OK)
		return AFCQ_ERR_INVALID;
	for (size_t i = 0; i < c->taxtypes.n; i++)
		if (c->taxtypes.v[i].tid == tid)
			return tsv_bad(t, "tax type %s listed twice", f[0]);
	tt.tid = (int)tid;
	tt.cid = (int)cid;
	tt.desc = afcq_xstrdup(f[2]);
	tt.cat_desc = afcq_xstrdup(f[3]);
	c->taxtypes.v = afcq_xrealloc(c->taxtypes.v, (c->taxtypes.n + 1) * sizeof(tt));
	c->taxtypes.v[c->taxtypes.n++] = tt;
	return AFCQ_OK;
}

static const char *const place_cols[] = {
	"pcode", "country", "state", "county", "locality", "primary",
};

static enum afcq_status place_row(struct catalog *c, char **f, struct tsv_ctx *t)
{
	struct place p = { 0 };

	if (tsv_int(t, f[0], 0, LLONG_MAX, &p.pcode) != AFCQ_OK ||
	    tsv_bool(t, f[5], &p.primary) != AFCQ_OK)
		return AFCQ_ERR_INVALID;
	if (!f[1][0])
		return tsv_bad(t, "%s: a place needs a country", f[0]);
	p.ctry = afcq_xstrdup(f[1]);
	p.st = afcq_xstrdup(f[2]);
	p.cnty = afcq_xstrdup(f[3]);
	p.locality = afcq_xstrdup(f[4]);
	c->places = afcq_xrealloc(c->places, (c->n_places + 1) * sizeof(p));
	c->places[c->n_places++] = p;
	return AFCQ_OK;
}

static void code_add(struct code_table *tb, const char *code, long long pcode, size_t place)
{
	tb->v = afcq_xrealloc(tb->v, (tb->n + 1) * sizeof(*tb->v));
	tb->v[tb->n].code = afcq_xstrdup(code);
	tb->v[tb->n].pcode = pcode;
	tb->v[tb->n].place = place;
	tb->n++;
}

static bool pcode_known(const struct catalog *c, long long pcode)
{
	for (size_t i = 0; i < c->n_places; i++)
		if (c->places[i].pcode == pcode)
			return true;
	return false;
}

/* ZIP and postal codes compare without spaces, hyphens or case; a US
 * ZIP+4 counts as its first five digits. */
static void postal_key(const char *in, bool usa, char *out, size_t n)
{
	size_t o = 0;
	bool digits = true;

	for (; *in && o + 1 < n; in++) {
		if (!isalnum((unsigned char)*in))
			continue;
		digits = digits && isdigit((unsigned char)*in);
		out[o++] = (char)toupper((unsigned char)*in);
	}
	out[o] = '\0';
	if (usa && digits && o == 9)
		out[5] = '\0';
}

static const char *const zip_cols[] = { "zip", "pcode", "county", "locality" };

static enum afcq_status zip_row(struct catalog *c, char **f, struct tsv_ctx *t)
{
	long long pcode;
	char key[32];

	if (tsv_int(t, f[1], 0, LLONG_MAX, &pcode) != AFCQ_OK)
		return AFCQ_ERR_INVALID;
	for (size_t i = 0; i < c->n_places; i++) {
		const struct place *p = &c->places[i];

		if (p->pcode != pcode || strcasecmp(p->cnty, f[2]) != 0 ||
		    strcasecmp(p->locality, f[3]) != 0)
			continue;
		postal_key(f[0], strcmp(p->ctry, "USA") == 0, key, sizeof(key));
		if (!key[0])
			return tsv_bad(t, "empty zip");
		code_add(&c->zips, key, pcode, i);
		return AFCQ_OK;
	}
	return tsv_bad(t, "no such place in places.tsv: %s, %s, %s", f[1], f[2], f[3]);
}

static const char *const npanxx_cols[] = { "npanxx", "pcode" };
static const char *const fips_cols[] = { "fips", "pcode" };

static enum afcq_status code_row(struct catalog *c, char **f, struct tsv_ctx *t,
				 struct code_table *tb)
{
	long long pcode;

	if (!f[0][0])
		return tsv_bad(t, "empty code");
	if (tsv_int(t, f[1], 0, LLONG_MAX, &pcode) != AFCQ_OK)
		return AFCQ_ERR_INVALID;
	if (!pcode_known(c, pcode))
		return tsv_bad(t, "PCode %s is not in places.tsv", f[1]);
	code_add(tb, f[0], pcode, 0);
	return AFCQ_OK;
}

static enum afcq_status npanxx_row(struct catalog *c, char **f, struct tsv_ctx *t)
{
	return code_row(c, f, t, &c->npanxx);
}

static enum afcq_status fips_row(struct catalog *c, char **f, struct tsv_ctx *t)
{
	return code_row(c, f, t, &c->fips);
}

#define COLS(a) (a), (sizeof(a) / sizeof((a)[0]))

struct catalog *catalog_load(const char *dir, struct afcq_error *err)
{
	struct catalog *c = afcq_xcalloc(1, sizeof(*c));

	if (read_tsv(c, dir, "tspairs.tsv", COLS(tspair_cols), tspair_row, err) != AFCQ_OK ||
	    read_tsv(c, dir, "taxtypes.tsv", COLS(taxtype_cols), taxtype_row, err) != AFCQ_OK ||
	    read_tsv(c, dir, "places.tsv", COLS(place_cols), place_row, err) != AFCQ_OK ||
	    read_tsv(c, dir, "zips.tsv", COLS(zip_cols), zip_row, err) != AFCQ_OK ||
	    read_tsv(c, dir, "npanxx.tsv", COLS(npanxx_cols), npanxx_row, err) != AFCQ_OK ||
	    read_tsv(c, dir, "fips.tsv", COLS(fips_cols), fips_row, err) != AFCQ_OK) {
		catalog_free(c);
		return NULL;
	}
	return c;
}

static void code_table_done(struct code_table *tb)
{
	for (size_t i = 0; i < tb->n; i++)
		free(tb->v[i].code);
	free(tb->v);
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	afcq_tspair_list_done(&c->tspairs);
	afcq_taxtype_list_done(&c->taxtypes);
	for (size_t i = 0; i < c->n_places; i++) {
		free(c->places[i].ctry);
		free(c->places[i].st);
		free(c->places[i].cnty);
		free(c->places[i].locality);
	}
	free(c->places);
	code_table_done(&c->zips);
	code_table_done(&c->npanxx);
	code_table_done(&c->fips);
	free(c);
}

size_t catalog_tspair_count(const struct catalog *c) { return c->tspairs.n; }
size_t catalog_taxtype_count(const struct catalog *c) { return c->taxtypes.n; }
size_t catalog_place_count(const struct catalog *c) { return c->n_places; }

/* ---- T/S pairs and tax types ------------------------------------------- */

void catalog_tspairs(const struct catalog *c, struct afcq_tspair_list *out)
{
	out->v = afcq_xcalloc(c->tspairs.n ? c->tspairs.n : 1, sizeof(*out->v));
	out->n = c->tspairs.n;
	for (size_t i = 0; i < c->tspairs.n; i++) {
		out->v[i] = c->tspairs.v[i];
		out->v[i].tran_desc = afcq_xstrdup(c->tspairs.v[i].tran_desc);
		out->v[i].serv_desc = afcq_xstrdup(c->tspairs.v[i].serv_desc);
		out->v[i].pair_desc = afcq_xstrdup(c->tspairs.v[i].pair_desc);
	}
}

void catalog_taxtypes(const struct catalog *c, long tid, struct afcq_taxtype_list *out)
{
	out->v = afcq_xcalloc(c->taxtypes.n ? c->taxtypes.n : 1, sizeof(*out->v));
	out->n = 0;
	for (size_t i = 0; i < c->taxtypes.n; i++) {
		const struct afcq_taxtype *t = &c->taxtypes.v[i];

		if (tid >= 0 && t->tid != tid)
			continue;
		out->v[out->n] = *t;
		out->v[out->n].desc = afcq_xstrdup(t->desc);
		out->v[out->n].cat_desc = afcq_xstrdup(t->cat_desc);
		out->n++;
	}
}

/* ---- places -------------------------------------------------------------- */

/* Collects place indexes in order, without repeats. */
struct hits { size_t *v; size_t n, cap; };

static void hits_add(struct hits *h, size_t place)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i] == place)
			return;
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 16;
		h->v = afcq_xrealloc(h->v, h->cap * sizeof(*h->v));
	}
	h->v[h->n++] = place;
}

static void hits_add_pcode(const struct catalog *c, struct hits *h, long long pcode)
{
	size_t first = c->n_places;

	for (size_t i = 0; i < c->n_places; i++) {
		if (c->places[i].pcode != pcode)
			continue;
		if (c->places[i].primary) {
			hits_add(h, i);
			return;
		}
		if (first == c->n_places)
			first = i;
	}
	if (first < c->n_places)
		hits_add(h, first);
}

static void copy_place(const struct place *p, struct afcq_pcode_location *out)
{
	memset(out, 0, sizeof(*out));
	out->ctry = afcq_xstrdup(p->ctry);
	out->st = afcq_xstrdup(p->st);
	out->cnty = afcq_xstrdup(p->cnty);
	out->locality = afcq_xstrdup(p->locality);
	out->pcode = p->pcode;
}

static void fill_result(const struct catalog *c, const struct hits *h, long long limit,
			struct afcq_pcode_result *out)
{
	size_t n = h->n;

	if (limit > 0 && (size_t)limit < n)
		n = (size_t)limit;
	out->v = afcq_xcalloc(n ? n : 1, sizeof(*out->v));
	out->n = n;
	for (size_t i = 0; i < n; i++)
		copy_place(&c->places[h->v[i]], &out->v[i]);
	out->match_count = (long long)h->n;
}

void catalog_location(const struct catalog *c, long long pcode, bool primary_only,
		      struct afcq_pcode_result *out)
{
	struct hits h = { 0 };

	if (primary_only) {
		hits_add_pcode(c, &h, pcode);
	} else {
		for (size_t i = 0; i < c->n_places; i++)
			if (c->places[i].pcode == pcode)
				hits_add(&h, i);
	}
	fill_result(c, &h, 0, out);
	out->results_limit = 0;
	free(h.v);
}

/* Upper-cases, drops punctuation, folds runs of blanks and writes the
 * usual abbreviations (SAINT -> ST, MOUNT -> MT, FORT -> FT) so that
 * "Saint Louis" and "ST. LOUIS" agree. */
static void normalise(const char *s, char *out, size_t n)
{
	static const struct { const char *word, *abbr; } abbr[] = {
		{ "SAINT", "ST" }, { "SAINTE", "STE" }, { "MOUNT", "MT" }, { "FORT", "FT" },
		{ "NORTH", "N" }, { "SOUTH", "S" }, { "EAST", "E" }, { "WEST", "W" },
	};
	size_t o = 0;

	while (*s && o + 1 < n) {
		char word[64];
		size_t w = 0;
		const char *rep = word;

		while (*s && !isalnum((unsigned char)*s))
			s++;
		while (*s && (isalnum((unsigned char)*s) || *s == '.' || *s == '\'')) {
			if (isalnum((unsigned char)*s) && w + 1 < sizeof(word))
				word[w++] = (char)toupper((unsigned char)*s);
			s++;
		}
		word[w] = '\0';
		if (w == 0)
			break;
		for (size_t i = 0; i < sizeof(abbr) / sizeof(abbr[0]); i++)
			if (strcmp(word, abbr[i].word) == 0)
				rep = abbr[i].abbr;
		if (o && o + 1 < n)
			out[o++] = ' ';
		for (; *rep && o + 1 < n; rep++)
			out[o++] = *rep;
	}
	out[o] = '\0';
}

static bool same_name(const char *a, const char *b)
{
	char na[256], nb[256];

	if (strcasecmp(a, b) == 0)
		return true;
	normalise(a, na, sizeof(na));
	normalise(b, nb, sizeof(nb));
	return strcmp(na, nb) == 0;
}

/* The text criteria of a request, NULL for those not given. */
struct criteria { const char *v[4]; };

static const char *place_field(const struct place *p, int i)
{
	switch (i) {
	case 0: return p->ctry;
	case 1: return p->st;
	case 2: return p->cnty;
	default: return p->locality;
	}
}

static bool exact_match(const struct place *p, const struct criteria *k)
{
	for (int i = 0; i < 4; i++)
		if (k->v[i] && strcasecmp(k->v[i], place_field(p, i)) != 0)
			return false;
	return true;
}

/* -1: rules the place out; else how many criteria it meets.  A blank
 * field of the place (a country-wide PCode) is a wildcard. */
static int best_score(const struct place *p, const struct criteria *k)
{
	int score = 0;

	for (int i = 0; i < 4; i++) {
		const char *f = place_field(p, i);

		if (!k->v[i] || !f[0])
			continue;
		if (!same_name(k->v[i], f))
			return -1;
		score++;
	}
	return score;
}

static bool code_matches(const char *pattern, const char *code)
{
	size_t n = strlen(pattern);

	if (n && pattern[n - 1] == '*')
		return strncasecmp(pattern, code, n - 1) == 0;
	return strcasecmp(pattern, code) == 0;
}

/* Places a ZIP, NPA-NXX or FIPS names; false when no such key was given. */
static bool keyed_candidates(const struct catalog *c, const struct afcq_pcode_request *req,
			     struct hits *h)
{
	if (!afcq_str_empty(req->zip)) {
		char zip[32];

		postal_key(req->zip, afcq_str_empty(req->ctry) || strcasecmp(req->ctry, "USA") == 0,
			   zip, sizeof(zip));
		for (size_t i = 0; i < c->zips.n; i++)
			if (strcmp(c->zips.v[i].code, zip) == 0)
				hits_add(h, c->zips.v[i].place);
		return true;
	}
	if (!afcq_str_empty(req->npanxx)) {
		char npanxx[8] = { 0 };
		size_t o = 0;

		/* "212-555", "212555" and "2125551234" all mean 212555. */
		for (const char *s = req->npanxx; *s && o < 6; s++)
			if (isdigit((unsigned char)*s))
				npanxx[o++] = *s;
		for (size_t i = 0; i < c->npanxx.n; i++)
			if (strcmp(c->npanxx.v[i].code, npanxx) == 0)
				hits_add_pcode(c, h, c->npanxx.v[i].pcode);
		return true;
	}
	if (!afcq_str_empty(req->fips)) {
		for (size_t i = 0; i < c->fips.n; i++)
			if (code_matches(req->fips, c->fips.v[i].code))
				hits_add_pcode(c, h, c->fips.v[i].pcode);
		return true;
	}
	return false;
}

void catalog_pcode_lookup(const struct catalog *c, const struct afcq_pcode_request *req,
			  struct afcq_pcode_result *out)
{
	struct criteria k = { { 0 } };
	struct hits cand = { 0 }, exact = { 0 }, best = { 0 };
	bool keyed, want_best = req->best_match.set && req->best_match.v;
	long long limit = req->limit.set ? req->limit.v : 0;
	int top = -1;

	k.v[0] = afcq_str_empty(req->ctry) ? NULL : req->ctry;
	k.v[1] = afcq_str_empty(req->st) ? NULL : req->st;
	k.v[2] = afcq_str_empty(req->cnty) ? NULL : req->cnty;
	k.v[3] = afcq_str_empty(req->city) ? NULL : req->city;
	keyed = keyed_candidates(c, req, &cand);
	if (!keyed && (k.v[0] || k.v[1] || k.v[2] || k.v[3]))
		for (size_t i = 0; i < c->n_places; i++)
			hits_add(&cand, i);

	for (size_t i = 0; i < cand.n; i++)
		if (exact_match(&c->places[cand.v[i]], &k))
			hits_add(&exact, cand.v[i]);

	if (exact.n == 0 && want_best) {
		/* Nothing under the key (an unknown ZIP): try the names alone. */
		if (cand.n == 0 && (k.v[0] || k.v[1] || k.v[2] || k.v[3]))
			for (size_t i = 0; i < c->n_places; i++)
				hits_add(&cand, i);
		for (size_t i = 0; i < cand.n; i++) {
			int s = best_score(&c->places[cand.v[i]], &k);

			if (s < 0 || s < top)
				continue;
			if (s > top) {
				top = s;
				best.n = 0;
			}
			hits_add(&best, cand.v[i]);
		}
		fill_result(c, &best, limit, out);
		out->match_type_applied = afcq_xstrdup("Best");
	} else {
		fill_result(c, &exact, limit, out);
		out->match_type_applied = afcq_xstrdup("Exact");
	}
	out->input_match_type = afcq_xstrdup(want_best ? "Best" : "Exact");
	out->results_limit = limit;
	free(cand.v);
	free(exact.v);
	free(best.v);
}
