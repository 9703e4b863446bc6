/* catalog.c - endpoint catalogs, their disk cache and the T/S pair search
 * (see catalog.h). */
#include "afcq/catalog.h"
#include "catalog_int.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "afcq/codec.h"
#include "afcq/str.h"
#include "afcq/validate.h"


/* ---- lifecycle ------------------------------------------------------------ */

void afcq_catalog_init(struct afcq_catalog *cat)
{
	memset(cat, 0, sizeof *cat);
}

void afcq_catalog_done(struct afcq_catalog *cat)
{
	if (!cat)
		return;
	afcq_tspair_list_done(&cat->tspairs);
	afcq_taxtype_list_done(&cat->taxtypes);
	free(cat->key);
	free(cat->path);
	free(cat->absent_why);
	memset(cat, 0, sizeof *cat);
}

/* Moves everything src owns into dst (done first); src is left zeroed. */
static void catalog_move(struct afcq_catalog *dst, struct afcq_catalog *src)
{
	afcq_catalog_done(dst);
	*dst = *src;
	memset(src, 0, sizeof *src);
}

/* ---- endpoint key and cache file ---------------------------------------- */

char *afcq_catalog_endpoint_key(const char *endpoint)
{
	if (!endpoint)
		return NULL;
	while (isspace((unsigned char)*endpoint))
		endpoint++;
	struct afcq_buf b;
	afcq_buf_init(&b);
	const char *sep = strstr(endpoint, "://");
	const char *auth = endpoint;
	if (sep) {
		for (const char *s = endpoint; s < sep; s++) {
			char c = (char)tolower((unsigned char)*s);
			afcq_buf_append(&b, &c, 1);
		}
		afcq_buf_puts(&b, "://");
		auth = sep + 3;
	}
	size_t alen = strcspn(auth, "/?#");
	/* Drop "user:password@": the last '@' of the authority ends it. */
	const char *host = auth;
	for (const char *s = auth; s < auth + alen; s++)
		if (*s == '@')
			host = s + 1;
	for (const char *s = host; s < auth + alen; s++) {
		char c = sep ? (char)tolower((unsigned char)*s) : *s;
		afcq_buf_append(&b, &c, 1);
	}
	afcq_buf_puts(&b, auth + alen);
	while (b.len && (b.data[b.len - 1] == '/' || isspace((unsigned char)b.data[b.len - 1])))
		b.data[--b.len] = '\0';
	if (!b.data)
		afcq_buf_puts(&b, "");
	return afcq_buf_steal(&b);
}

static uint64_t fnv1a64(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* $XDG_CACHE_HOME/afcq when it is an absolute path, else $HOME/.cache/afcq;
 * NULL when neither is usable. */
static char *default_cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/')
		return afcq_xasprintf("%s/afcq", xdg);
	const char *home = getenv("HOME");
	if (home && home[0])
		return afcq_xasprintf("%s/.cache/afcq", home);
	return NULL;
}

char *afcq_catalog_cache_path(const char *endpoint, const char *cache_dir, struct afcq_error *err)
{
	char *dir = cache_dir ? afcq_xstrdup(cache_dir) : default_cache_dir();
	if (!dir) {
		afcq_error_set(err, AFCQ_ERR_CONFIG, "catalog cache",
			       "neither XDG_CACHE_HOME nor HOME is set");
		return NULL;
	}
	char *key = afcq_catalog_endpoint_key(endpoint ? endpoint : "");
	char *path = afcq_xasprintf("%s/catalog-%016" PRIx64 ".json", dir, fnv1a64(key));
	free(key);
	free(dir);
	return path;
}

/* mkdir -p of path's parent directory, new directories 0700. */
static int make_parent_dirs(const char *path)
{
	char *p = afcq_xstrdup(path);
	char *slash = strrchr(p, '/');
	int rc = 0;
	if (slash && slash != p) {
		*slash = '\0';
		for (char *s = p + 1; rc == 0; s++) {
			if (*s != '/' && *s != '\0')
				continue;
			char keep = *s;
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST)
				rc = -1;
			*s = keep;
			if (!keep)
				break;
		}
	}
	free(p);
	return rc;
}

/* ---- reading and writing the cache ------------------------------------- */

/* Parses one list member of the cache with the codec's tables, from the
 * tree already read. */
static enum afcq_status parse_member(const json_t *root, const char *name, struct afcq_catalog *cat,
				     struct afcq_error *err)
{
	const json_t *a = json_object_get(root, name);
	if (!json_is_array(a))
		return afcq_error_set(err, AFCQ_ERR_PARSE, cat->path, "no \"%s\" list", name);
	enum afcq_status st = name[1] == 's' ? afcq_codec_tspairs_from_json(a, &cat->tspairs, err)
					     : afcq_codec_taxtypes_from_json(a, &cat->taxtypes, err);
	if (st != AFCQ_OK) {
		char line[300];
		afcq_error_line(err, line, sizeof line);
		afcq_error_set(err, st, cat->path, "%s: %s", name, line);
	}
	return st;
}

char *catalog_cache_text(struct afcq_catalog *cat, const char *endpoint, const char *cache_dir,
			 size_t *len, struct afcq_error *err)
{
	afcq_error_clear(err);
	afcq_catalog_done(cat);
	cat->key = afcq_catalog_endpoint_key(endpoint ? endpoint : "");
	cat->path = afcq_catalog_cache_path(endpoint, cache_dir, err);
	if (!cat->path)
		return NULL;
	char *text = afcq_read_file(cat->path, len);
	if (!text)
		afcq_error_set(err, AFCQ_ERR_IO, cat->path, "%s", strerror(errno));
	return text;
}

enum afcq_status catalog_cache_header(const struct afcq_catalog *cat, const char *format,
				      const char *endpoint, bool have_fetched, long long fetched,
				      struct afcq_error *err)
{
	if (!format || strcmp(format, AFCQ_CATALOG_CACHE_FORMAT) != 0)
		return afcq_error_set(err, AFCQ_ERR_PARSE, cat->path, "not a \"%s\" file",
				      AFCQ_CATALOG_CACHE_FORMAT);
	if (!endpoint || strcmp(endpoint, cat->key) != 0)
		return afcq_error_set(err, AFCQ_ERR_PARSE, cat->path, "written for another endpoint");
	if (!have_fetched || fetched <= 0)
		return afcq_error_set(err, AFCQ_ERR_PARSE, cat->path, "no fetch time");
	return AFCQ_OK;
}

enum afcq_status afcq_catalog_read_cache(struct afcq_catalog *cat, const char *endpoint,
					 const char *cache_dir, struct afcq_error *err)
{
	size_t len = 0;
	char *text = catalog_cache_text(cat, endpoint, cache_dir, &len, err);
	if (!text)
		return err->status;
	json_error_t je;
	json_t *root = json_loadb(text, len, 0, &je);
	free(text);
	enum afcq_status st = AFCQ_OK;
	const json_t *fetched = json_object_get(root, "fetched");
	if (!json_is_object(root)) {
		st = afcq_error_set(err, AFCQ_ERR_PARSE, cat->path, "not a catalog cache: %s",
				    root ? "not an object" : je.text);
		err->cause = AFCQ_CAUSE_MALFORMED;
	} else if ((st = catalog_cache_header(
			    cat, json_string_value(json_object_get(root, "format")),
			    json_string_value(json_object_get(root, "endpoint")),
			    json_is_integer(fetched), (long long)json_integer_value(fetched), err)) !=
		   AFCQ_OK) {
		/* said */
	} else {
		st = parse_member(root, "tspairs", cat, err);
		if (st == AFCQ_OK)
			st = parse_member(root, "taxtypes", cat, err);
	}
	const json_t *absent = json_object_get(root, "absent");
	if (st == AFCQ_OK && json_is_string(absent)) {
		afcq_catalog_set_absent(cat, json_string_value(absent),
					(time_t)json_integer_value(fetched));
		cat->from_cache = true;
	} else if (st == AFCQ_OK) {
		cat->fetched = (time_t)json_integer_value(fetched);
		cat->from_cache = true;
	} else {
		afcq_tspair_list_done(&cat->tspairs);
		afcq_taxtype_list_done(&cat->taxtypes);
	}
	json_decref(root);
	return st;
}

bool afcq_catalog_is_fresh(const struct afcq_catalog *cat, long max_age_s, time_t now)
{
	if (!cat || cat->fetched <= 0)
		return false;
	if (max_age_s <= 0)
		max_age_s = AFCQ_CATALOG_MAX_AGE_S;
	if (cat->absent && max_age_s > AFCQ_CATALOG_ABSENT_MAX_AGE_S)
		max_age_s = AFCQ_CATALOG_ABSENT_MAX_AGE_S;
	if (!now)
		now = time(NULL);
	double age = difftime(now, cat->fetched);
	return age >= -60 && age <= (double)max_age_s; /* a minute of clock skew is fine */
}

void afcq_catalog_set(struct afcq_catalog *cat, struct afcq_tspair_list *tspairs,
		      struct afcq_taxtype_list *taxtypes, time_t fetched)
{
	afcq_tspair_list_done(&cat->tspairs);
	afcq_taxtype_list_done(&cat->taxtypes);
	cat->tspairs = *tspairs;
	cat->taxtypes = *taxtypes;
	memset(tspairs, 0, sizeof *tspairs);
	memset(taxtypes, 0, sizeof *taxtypes);
	cat->fetched = fetched ? fetched : time(NULL);
	cat->stale = false;
	cat->from_cache = false;
	cat->absent = false;
	free(cat->absent_why);
	cat->absent_why = NULL;
}

void afcq_catalog_set_absent(struct afcq_catalog *cat, const char *why, time_t fetched)
{
	struct afcq_tspair_list none = { 0 };
	struct afcq_taxtype_list no_types = { 0 };
	afcq_catalog_set(cat, &none, &no_types, fetched);
	cat->absent = true;
	cat->absent_why = afcq_xstrdup(afcq_str_empty(why) ? "no catalog" : why);
}

bool afcq_catalog_absent_error(const struct afcq_error *err)
{
	if (!err)
		return false;
	if (err->status == AFCQ_ERR_PARSE)
		return true;
	if (err->status != AFCQ_ERR_HTTP)
		return false;
	switch (err->http_status) {
	case 400: case 404: case 405: case 410: case 501:
		return true;
	default:
		return false;
	}
}

char *afcq_catalog_absent_reason(const struct afcq_error *err)
{
	if (err->status == AFCQ_ERR_HTTP)
		return afcq_xasprintf("the lookup answered HTTP %ld", err->http_status);
	if (err->cause == AFCQ_CAUSE_EMPTY)
		return afcq_xasprintf("the lookup answered no pairs (%s)", err->msg);
	return afcq_xasprintf("the lookup answered something that is not a catalog (%s)",
			      err->msg);
}

static char *cache_text(const struct afcq_catalog *cat)
{
	char when[32] = "";
	struct tm tm;
	time_t t = cat->fetched;
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *root = json_object();
	json_object_set_new(root, "format", json_string(AFCQ_CATALOG_CACHE_FORMAT));
	json_object_set_new(root, "endpoint", json_string(cat->key));
	json_object_set_new(root, "fetched", json_integer((json_int_t)cat->fetched));
	json_object_set_new(root, "fetched_utc", json_string(when));
	if (cat->absent)
		json_object_set_new(root, "absent", json_string(cat->absent_why ? cat->absent_why
										: "no catalog"));
	json_object_set_new(root, "tspairs", afcq_codec_tspairs_to_json(&cat->tspairs));
	json_object_set_new(root, "taxtypes", afcq_codec_taxtypes_to_json(&cat->taxtypes));
	/* compact: every command that checks pairs reads it back, and half its
	 * text would be indentation (jq lays it out for a reader) */
	char *text = afcq_json_dump(root, AFCQ_JSON_COMPACT);
	json_decref(root);
	return text;
}

enum afcq_status afcq_catalog_write_cache(struct afcq_catalog *cat, const char *endpoint,
					  const char *cache_dir, struct afcq_error *err)
{
	afcq_error_clear(err);
	free(cat->key);
	cat->key = afcq_catalog_endpoint_key(endpoint ? endpoint : "");
	free(cat->path);
	cat->path = afcq_catalog_cache_path(endpoint, cache_dir, err);
	if (!cat->path)
		return err->status;
	if (make_parent_dirs(cat->path) != 0)
		return afcq_error_set(err, AFCQ_ERR_IO, cat->path, "cannot make its folder: %s",
				      strerror(errno));
	char *tmp = afcq_xasprintf("%s.XXXXXX", cat->path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		afcq_error_set(err, AFCQ_ERR_IO, cat->path, "%s", strerror(errno));
		free(tmp);
		return AFCQ_ERR_IO;
	}
	char *text = cache_text(cat);
	size_t len = strlen(text), off = 0;
	int saved = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			saved = w < 0 ? errno : EIO;
			break;
		}
		off += (size_t)w;
	}
	free(text);
	if (!saved && fsync(fd) != 0)
		saved = errno;
	if (close(fd) != 0 && !saved)
		saved = errno;
	if (!saved && rename(tmp, cat->path) != 0)
		saved = errno;
	if (saved) {
		unlink(tmp);
		free(tmp);
		return afcq_error_set(err, AFCQ_ERR_IO, cat->path, "%s", strerror(saved));
	}
	free(tmp);
	return AFCQ_OK;
}

/* ---- the blocking load ---------------------------------------------------- */

static enum afcq_status fetch_lists(struct afcq_api_ctx *ctx, struct afcq_tspair_list *pairs,
				    struct afcq_taxtype_list *types, struct afcq_error *err)
{
	struct afcq_exchange x = { 0 };
	enum afcq_status st = afcq_api_lookup(ctx, AFCQ_OP_TSPAIRS, NULL, NULL, &x, err);
	if (st == AFCQ_OK) {
		*pairs = x.tspairs;
		memset(&x.tspairs, 0, sizeof x.tspairs);
	}
	afcq_exchange_done(&x);
	if (st == AFCQ_OK && !pairs->n) {
		st = afcq_error_set(err, AFCQ_ERR_PARSE, "tspairs", "the T/S pair list is empty");
		err->cause = AFCQ_CAUSE_EMPTY;
	}
	if (st != AFCQ_OK)
		return st;
	memset(&x, 0, sizeof x);
	st = afcq_api_lookup(ctx, AFCQ_OP_TAXTYPE, "*", NULL, &x, err);
	if (st == AFCQ_OK) {
		*types = x.taxtypes;
		memset(&x.taxtypes, 0, sizeof x.taxtypes);
	} else if (afcq_catalog_absent_error(err)) {
		afcq_error_clear(err); /* pairs without tax types still check pairs */
		st = AFCQ_OK;
	} else {
		afcq_tspair_list_done(pairs);
	}
	afcq_exchange_done(&x);
	return st;
}

enum afcq_status afcq_catalog_load(struct afcq_catalog *cat, struct afcq_api_ctx *ctx,
				   const struct afcq_catalog_opts *opts, struct afcq_error *err)
{
	static const struct afcq_catalog_opts defaults = { 0 };
	if (!opts)
		opts = &defaults;
	afcq_error_clear(err);
	afcq_catalog_done(cat);
	const char *endpoint = opts->endpoint ? opts->endpoint : ctx ? ctx->endpoint_label : NULL;
	if (afcq_str_empty(endpoint) || !ctx)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "catalog", "no endpoint to load from");
	time_t now = opts->now ? opts->now : time(NULL);

	struct afcq_catalog cached = { 0 };
	struct afcq_error cerr;
	bool have_cache =
		(opts->pairs_only ? afcq_catalog_read_pairs : afcq_catalog_read_cache)(
			&cached, endpoint, opts->cache_dir, &cerr) == AFCQ_OK;
	bool fresh = have_cache && afcq_catalog_is_fresh(&cached, opts->max_age_s, now);
	if (fresh && !opts->force) {
		catalog_move(cat, &cached);
		afcq_logf(ctx->log, AFCQ_LOG_INFO, "catalog of %s: from the cache (%s, %zu pairs)",
			  endpoint, cat->absent ? "no catalog there" : "fresh", cat->tspairs.n);
		return AFCQ_OK;
	}

	struct afcq_tspair_list pairs = { 0 };
	struct afcq_taxtype_list types = { 0 };
	enum afcq_status st = fetch_lists(ctx, &pairs, &types, err);
	if (st != AFCQ_OK && afcq_catalog_absent_error(err)) {
		/* No catalog here: remembered, so the next commands ask nothing. */
		afcq_catalog_done(&cached);
		char *why = afcq_catalog_absent_reason(err);
		afcq_catalog_set_absent(cat, why, now);
		afcq_logf(ctx->log, AFCQ_LOG_WARN, "catalog of %s: unavailable (%s); remembered, "
			  "pairs go unchecked", endpoint, why ? why : "?");
		free(why);
		afcq_error_clear(err);
		struct afcq_error werr;
		if (afcq_catalog_write_cache(cat, endpoint, opts->cache_dir, &werr) != AFCQ_OK)
			cat->refresh_error = werr;
		return AFCQ_OK;
	}
	if (st != AFCQ_OK) {
		if (!have_cache) {
			afcq_catalog_done(&cached);
			return st;
		}
		catalog_move(cat, &cached);
		cat->stale = !fresh;
		cat->refresh_error = *err;
		afcq_logf(ctx->log, AFCQ_LOG_WARN, "catalog of %s: cannot refresh (%s); using the "
			  "cached one", endpoint, err->msg);
		afcq_error_clear(err);
		return AFCQ_OK;
	}
	afcq_catalog_done(&cached);
	afcq_catalog_set(cat, &pairs, &types, now);
	afcq_logf(ctx->log, AFCQ_LOG_INFO, "catalog of %s: fetched %zu pairs and %zu tax types",
		  endpoint, cat->tspairs.n, cat->taxtypes.n);
	struct afcq_error werr;
	if (afcq_catalog_write_cache(cat, endpoint, opts->cache_dir, &werr) != AFCQ_OK)
		cat->refresh_error = werr;
	return AFCQ_OK;
}

/* The validation hook over a catalog, noting whether a whole pair (not a
 * half asked with AFCQ_TSPAIR_ANY) was refused. */
struct refusal {
	const struct afcq_catalog *cat;
	bool refused;
};

static bool note_refusal(void *ctx, long long tran, long long serv)
{
	struct refusal *r = ctx;
	bool known = afcq_catalog_tspair_known((void *)r->cat, tran, serv);
	if (!known && tran != AFCQ_TSPAIR_ANY && serv != AFCQ_TSPAIR_ANY)
		r->refused = true;
	return known;
}

/* afcq_catalog_confirm once the request's pairs were asked (refused). */
static bool confirm(struct afcq_catalog *cat, struct afcq_api_ctx *ctx,
		    const struct afcq_catalog_opts *opts, bool refused);

bool afcq_catalog_confirm(struct afcq_catalog *cat, struct afcq_api_ctx *ctx,
			  const struct afcq_catalog_opts *opts, const struct afcq_request *req)
{
	if (!cat || !cat->from_cache || !cat->tspairs.n || !req)
		return false;
	struct refusal r = { .cat = cat };
	struct afcq_problems probs = { 0 };
	afcq_validate_request(req, note_refusal, &r, &probs);
	afcq_problems_done(&probs);
	return confirm(cat, ctx, opts, r.refused);
}

bool afcq_catalog_confirm_pairs(struct afcq_catalog *cat, struct afcq_api_ctx *ctx,
				const struct afcq_catalog_opts *opts,
				const struct afcq_item_pairs *pairs)
{
	if (!cat || !cat->from_cache || !cat->tspairs.n || !pairs)
		return false;
	struct refusal r = { .cat = cat };
	struct afcq_problems probs = { 0 };
	afcq_validate_pairs(pairs, note_refusal, &r, &probs);
	afcq_problems_done(&probs);
	return confirm(cat, ctx, opts, r.refused);
}

static bool confirm(struct afcq_catalog *cat, struct afcq_api_ctx *ctx,
		    const struct afcq_catalog_opts *opts, bool refused)
{
	if (!refused)
		return false;
	struct afcq_catalog_opts again = opts ? *opts : (struct afcq_catalog_opts){ 0 };
	again.force = true;
	struct afcq_catalog fresh;
	struct afcq_error err;
	afcq_catalog_init(&fresh);
	if (afcq_catalog_load(&fresh, ctx, &again, &err) == AFCQ_OK)
		catalog_move(cat, &fresh);
	else
		cat->refresh_error = err;
	afcq_catalog_done(&fresh);
	return true;
}

/* ---- age ------------------------------------------------------------------ */

const char *afcq_catalog_age_text(time_t fetched, time_t now, char *buf, size_t n)
{
	if (!buf || !n)
		return buf;
	if (fetched <= 0) {
		snprintf(buf, n, "never fetched");
		return buf;
	}
	if (!now)
		now = time(NULL);
	double age = difftime(now, fetched);
	long long s = (long long)age;
	if (s < -60)
		snprintf(buf, n, "fetched in the future");
	else if (s < 60)
		snprintf(buf, n, "fetched just now");
	else if (s < 3600)
		snprintf(buf, n, "fetched %lld min ago", s / 60);
	else if (s < 86400)
		snprintf(buf, n, "fetched %lld h ago", s / 3600);
	else
		snprintf(buf, n, "fetched %lld day%s ago", s / 86400, s / 86400 == 1 ? "" : "s");
	return buf;
}

/* ---- finding and searching ---------------------------------------------- */

const struct afcq_tspair *afcq_catalog_find_tspair(const struct afcq_tspair_list *l, long long tran,
						   long long serv)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i].tran == tran && l->v[i].serv == serv)
			return &l->v[i];
	return NULL;
}

const struct afcq_taxtype *afcq_catalog_find_taxtype(const struct afcq_taxtype_list *l, long long tid)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i].tid == tid)
			return &l->v[i];
	return NULL;
}

void afcq_tspair_matches_done(struct afcq_tspair_matches *m)
{
	if (!m)
		return;
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* Scores of one word, best first. */
enum {
	SCORE_NONE = 0,
	SCORE_INSIDE = 1,   /* anywhere in a description */
	SCORE_PREFIX = 2,   /* at the start of a description word */
	SCORE_WORD = 4,     /* a whole description word */
	SCORE_NUMBER = 8,   /* the pair's transaction or service number */
};

static bool is_alnum(char c)
{
	return isalnum((unsigned char)c) != 0;
}

static bool ieq_n(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return true;
}

/* Best score of word w (length wl) inside the description d. */
static int score_in(const char *d, const char *w, size_t wl)
{
	int best = SCORE_NONE;
	if (!d || !wl)
		return best;
	size_t dl = strlen(d);
	for (size_t i = 0; i + wl <= dl && best < SCORE_WORD; i++) {
		if (!ieq_n(d + i, w, wl))
			continue;
		bool start = i == 0 || !is_alnum(d[i - 1]);
		bool end = i + wl == dl || !is_alnum(d[i + wl]);
		int s = start ? (end ? SCORE_WORD : SCORE_PREFIX) : SCORE_INSIDE;
		if (s > best)
			best = s;
	}
	return best;
}

static bool all_digits(const char *w, size_t wl)
{
	if (!wl || wl > 9)
		return false;
	for (size_t i = 0; i < wl; i++)
		if (!isdigit((unsigned char)w[i]))
			return false;
	return true;
}

static int score_word(const struct afcq_tspair *p, const char *w, size_t wl)
{
	int best = SCORE_NONE;
	if (all_digits(w, wl)) {
		long long v = strtoll(w, NULL, 10);
		if (v == p->tran || v == p->serv)
			best = SCORE_NUMBER;
	} else {
		/* a code as it is being typed: "19/" (every service of 19),
		 * "19/2" (services starting 2), "19/21", "/21" */
		const char *slash = memchr(w, '/', wl);
		size_t tl = slash ? (size_t)(slash - w) : 0;
		size_t sl = slash ? wl - tl - 1 : 0;
		if (slash && (tl || sl) && (!tl || all_digits(w, tl)) &&
		    (!sl || all_digits(slash + 1, sl)) &&
		    (!tl || strtoll(w, NULL, 10) == p->tran)) {
			char serv[24];
			int n = snprintf(serv, sizeof serv, "%d", p->serv);
			if (!sl || (sl <= (size_t)n && memcmp(serv, slash + 1, sl) == 0))
				best = sl == (size_t)n && tl ? SCORE_NUMBER * 2 /* names both halves */
							  : SCORE_NUMBER;
		}
	}
	const char *descs[] = { p->tran_desc, p->serv_desc, p->pair_desc };
	for (size_t i = 0; i < 3 && best < SCORE_WORD; i++) {
		int s = score_in(descs[i], w, wl);
		if (s > best)
			best = s;
	}
	return best;
}

static int match_cmp(const void *a, const void *b)
{
	const struct afcq_tspair_match *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->pair < y->pair ? -1 : x->pair > y->pair; /* catalogue order */
}

static const char WORD_SEPS[] = " \t\r\n,;";

size_t afcq_catalog_search_tspairs(const struct afcq_tspair_list *l, const char *text,
				   struct afcq_tspair_matches *out)
{
	memset(out, 0, sizeof *out);
	if (!l || !l->n)
		return 0;
	out->v = afcq_xcalloc(l->n, sizeof *out->v);
	for (size_t i = 0; i < l->n; i++) {
		const struct afcq_tspair *p = &l->v[i];
		int total = 0;
		bool ok = true;
		for (const char *s = text ? text : ""; *s && ok;) {
			s += strspn(s, WORD_SEPS);
			size_t wl = strcspn(s, WORD_SEPS);
			if (!wl)
				break;
			int sc = score_word(p, s, wl);
			ok = sc > 0;
			total += sc;
			s += wl;
		}
		if (ok)
			out->v[out->n++] = (struct afcq_tspair_match){ .pair = p, .score = total };
	}
	qsort(out->v, out->n, sizeof *out->v, match_cmp);
	if (!out->n) {
		free(out->v);
		out->v = NULL;
	}
	return out->n;
}

/* ---- inputs and the validation hook ------------------------------------ */

struct afcq_tspair_inputs afcq_catalog_tspair_inputs(const struct afcq_tspair *p)
{
	struct afcq_tspair_inputs in = { 0 };
	if (!p || p->input <= 0)
		return in;
	in.known = true;
	in.charge = (p->input & 1) != 0;
	in.lines = (p->input & 2) != 0;
	in.locations = (p->input & 4) != 0;
	in.minutes = (p->input & 8) != 0;
	return in;
}

const char *afcq_catalog_inputs_text(struct afcq_tspair_inputs in, char *buf, size_t n)
{
	if (!buf || !n)
		return buf;
	struct afcq_buf b;
	afcq_buf_init(&b);
	const struct { bool on; const char *name; } parts[] = {
		{ in.charge, "charge" }, { in.lines, "lines" },
		{ in.locations, "locations" }, { in.minutes, "minutes" },
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (in.known && parts[i].on)
			afcq_buf_printf(&b, "%s%s", b.len ? ", " : "", parts[i].name);
	snprintf(buf, n, "%s", b.len ? b.data : "any");
	afcq_buf_done(&b);
	return buf;
}

bool afcq_catalog_tspair_known(void *ctx, long long tran, long long serv)
{
	const struct afcq_catalog *cat = ctx;
	if (!cat || !cat->tspairs.n)
		return true;
	return afcq_tspair_list_known((void *)&cat->tspairs, tran, serv);
}
