/* catalog.h - the T/S pair and tax type catalogs of an endpoint, cached on
 * disk with their age.
 *
 * The catalogs come from the configured endpoint (GET tspairs and
 * taxtype "*", through the api layer), so the same code works against the
 * sandbox and the real service.  They are kept in one cache file per
 * endpoint under $XDG_CACHE_HOME/afcq/ (default ~/.cache/afcq/):
 * "catalog-HHHHHHHHHHHHHHHH.json", the hex being a 64-bit FNV-1a hash of
 * the endpoint key.  The key is the api context's endpoint label (a base
 * URL, or "sandbox" for the bundled server whose port changes every run)
 * with any "user:password@" removed, scheme and host lower-cased and
 * trailing slashes dropped: credentials never reach the file name or the
 * file.  The file holds the key, the fetch time (Unix seconds) and both
 * lists in their wire form; it is replaced atomically (temporary file +
 * rename), so readers never see half a file.
 *
 * An endpoint without catalogs is remembered too (a negative cache): when
 * the T/S pair lookup answers HTTP 400, 404, 405, 410 or 501, an empty
 * list, or a body that is not a catalog (an HTML page, an error object, a
 * CalcTaxes answer), the file records "absent" with the reason and no
 * lists, for AFCQ_CATALOG_ABSENT_MAX_AGE_S, so a command makes no lookup
 * at all meanwhile.  A catalog absent means "not checked", never "refused".
 * Nothing that failed to decode is ever cached as a catalog.
 *
 * afcq_catalog_load is the blocking whole: cache when fresh, else fetch and
 * rewrite the cache.  The workstation, which never blocks, uses the parts:
 * afcq_catalog_read_cache, afcq_catalog_is_fresh, then its own asynchronous
 * lookups handed over with afcq_catalog_set and afcq_catalog_write_cache.
 *
 * Search helpers work on any struct afcq_tspair_list, so a list fetched
 * directly (afcq tspairs) and a cached catalog are searched the same way.
 */
#ifndef AFCQ_CATALOG_H
#define AFCQ_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "afcq/api.h"
#include "afcq/error.h"
#include "afcq/model.h"

/* Default maximum age of a cached catalog: 7 days. */
#define AFCQ_CATALOG_MAX_AGE_S (7L * 24 * 3600)
/* How long an endpoint without catalogs is remembered: 1 hour. */
#define AFCQ_CATALOG_ABSENT_MAX_AGE_S 3600L

/* The "format" member of a cache file this afcq reads and writes. */
#define AFCQ_CATALOG_CACHE_FORMAT "afcq-catalog 1"

struct afcq_catalog {
	struct afcq_tspair_list tspairs;
	struct afcq_taxtype_list taxtypes;
	time_t fetched;        /* when the lists came from the endpoint */
	bool from_cache;       /* read from the cache file by this load */
	bool stale;            /* older than the maximum age (kept: a refresh failed) */
	bool absent;           /* the endpoint has no catalogs: lists empty, nothing checked */
	char *absent_why;      /* owned: why it counts as absent ("HTTP 404", ...) */
	char *key;             /* endpoint key (no credentials), owned */
	char *path;            /* cache file, owned; NULL until known */
	struct afcq_error refresh_error; /* why a needed refresh failed (status AFCQ_OK if none) */
	bool pairs_only;       /* read by afcq_catalog_read_pairs: each pair's two
				* numbers only, no descriptions, no tax types */
};

struct afcq_catalog_opts {
	const char *endpoint;  /* key source; NULL: ctx->endpoint_label */
	const char *cache_dir; /* NULL: $XDG_CACHE_HOME/afcq, else $HOME/.cache/afcq */
	long max_age_s;        /* <= 0: AFCQ_CATALOG_MAX_AGE_S */
	bool force;            /* fetch even when the cache is fresh */
	time_t now;            /* 0: time(NULL); tests pin it */
	bool pairs_only;       /* only checking pairs: a fresh cache is read with
				* afcq_catalog_read_pairs (a fetch still gives all) */
};

/* Zeroes / frees everything the catalog owns and zeroes it again. */
void afcq_catalog_init(struct afcq_catalog *cat);
void afcq_catalog_done(struct afcq_catalog *cat);

/* The endpoint key of a label or base URL (credentials removed, see the
 * top of this file).  Caller frees; NULL in gives NULL. */
char *afcq_catalog_endpoint_key(const char *endpoint);
/* The cache file of an endpoint: DIR/catalog-HASH.json with DIR from
 * opts->cache_dir or the environment.  Returns NULL (AFCQ_ERR_CONFIG in
 * *err) when neither XDG_CACHE_HOME nor HOME is set.  Caller frees. */
char *afcq_catalog_cache_path(const char *endpoint, const char *cache_dir, struct afcq_error *err);

/* Loads the catalogs of ctx's endpoint into *cat (zeroed by the caller,
 * afcq_catalog_done to free).  Reads the cache; when it is missing,
 * unreadable, written for another key, older than the maximum age (an
 * absent entry: AFCQ_CATALOG_ABSENT_MAX_AGE_S), or opts->force is set,
 * fetches both lists through afcq_api_lookup (AFCQ_OP_TSPAIRS,
 * AFCQ_OP_TAXTYPE "*") and rewrites the cache.  A fetch that finds no
 * catalog (afcq_catalog_absent_error) is AFCQ_OK with cat->absent set,
 * cat->absent_why saying why, and the absence cached; a tax type list
 * that is absent alone leaves taxtypes empty.
 * When a needed fetch fails but a cache exists, that cache is used: AFCQ_OK,
 * the failure in cat->refresh_error, cat->stale set when the cache is past
 * the maximum age (a forced refresh of a fresh cache leaves it clear).
 * Otherwise the fetch failure is returned (the api layer's status: NET,
 * HTTP, PARSE...; *cat left empty).  A cache that cannot be written is not
 * an error (the lists are good): refresh_error gets AFCQ_ERR_IO.  opts may
 * be NULL (defaults). */
enum afcq_status afcq_catalog_load(struct afcq_catalog *cat, struct afcq_api_ctx *ctx,
				   const struct afcq_catalog_opts *opts, struct afcq_error *err);

/* true when a failed catalog lookup means the endpoint has no catalog
 * (HTTP 400/404/405/410/501, an empty or malformed answer), rather than a
 * passing trouble (network, timeout, 5xx, authentication). */
bool afcq_catalog_absent_error(const struct afcq_error *err);
/* Why such a failure counts as "no catalog", without the URL (which may
 * hold credentials): "the lookup answered HTTP 404", "the lookup answered
 * something that is not a catalog (...)".  Caller frees. */
char *afcq_catalog_absent_reason(const struct afcq_error *err);
/* Makes cat an absent entry fetched at `fetched` (0: time(NULL)): lists
 * emptied, absent set, absent_why a copy of why. */
void afcq_catalog_set_absent(struct afcq_catalog *cat, const char *why, time_t fetched);

/* Gives a cached catalog a second chance before it refuses a pair of req:
 * when cat came from the cache (cat->from_cache) and refuses one of req's
 * T/S pairs, it is loaded again with a forced fetch (opts as for
 * afcq_catalog_load; *cat replaced), once.  Returns true when it fetched
 * again (the new load's failure, if any, is in cat->refresh_error: the
 * cached lists are then kept).  A catalog that accepts every pair of req,
 * or that was just fetched, is left alone (false). */
bool afcq_catalog_confirm(struct afcq_catalog *cat, struct afcq_api_ctx *ctx,
			  const struct afcq_catalog_opts *opts, const struct afcq_request *req);
/* The same for a request known by its items' T/S pairs alone (validate.h:
 * afcq_validation_finish). */
struct afcq_item_pairs;
bool afcq_catalog_confirm_pairs(struct afcq_catalog *cat, struct afcq_api_ctx *ctx,
				const struct afcq_catalog_opts *opts,
				const struct afcq_item_pairs *pairs);

/* Reads the cache file for endpoint into *cat (zeroed by the caller),
 * whatever its age; sets key, path, fetched and from_cache (and absent,
 * absent_why for an absent entry).  Returns
 * AFCQ_ERR_IO when there is no file (cause NONE, errno text in msg),
 * AFCQ_ERR_PARSE when it is not a catalog for this endpoint key (*cat left
 * empty but with key and path set). */
enum afcq_status afcq_catalog_read_cache(struct afcq_catalog *cat, const char *endpoint,
					 const char *cache_dir, struct afcq_error *err);
/* afcq_catalog_read_cache for checking pairs: the same file and the same
 * refusals, read as it streams, keeping each pair's transaction and service
 * numbers only (the other fields zero, no tax types; cat->pairs_only). */
enum afcq_status afcq_catalog_read_pairs(struct afcq_catalog *cat, const char *endpoint,
					 const char *cache_dir, struct afcq_error *err);
/* true when cat holds lists fetched at most max_age_s (<= 0: default) before
 * now (0: time(NULL)); an absent entry at most AFCQ_CATALOG_ABSENT_MAX_AGE_S
 * (or max_age_s when shorter).  A fetch time in the future (clock moved
 * back) is not fresh. */
bool afcq_catalog_is_fresh(const struct afcq_catalog *cat, long max_age_s, time_t now);
/* Replaces the lists with the ones given (moved in: *tspairs and *taxtypes
 * are left empty) and records the fetch time (0: time(NULL)); clears stale,
 * absent and from_cache. */
void afcq_catalog_set(struct afcq_catalog *cat, struct afcq_tspair_list *tspairs,
		      struct afcq_taxtype_list *taxtypes, time_t fetched);
/* Writes cat to the cache file for endpoint (directories made 0700, file
 * 0600, atomic replace); sets cat->key and cat->path.  Returns AFCQ_ERR_IO
 * (where = the file) or AFCQ_ERR_CONFIG (no cache directory). */
enum afcq_status afcq_catalog_write_cache(struct afcq_catalog *cat, const char *endpoint,
					  const char *cache_dir, struct afcq_error *err);

/* "fetched just now", "fetched 12 min ago", "fetched 3 h ago",
 * "fetched 1 day ago", "fetched 9 days ago"; "never fetched" when fetched
 * is 0; "fetched in the future" when the clock moved back.  now 0 =
 * time(NULL).  Cut to n bytes, always terminated; returns buf. */
const char *afcq_catalog_age_text(time_t fetched, time_t now, char *buf, size_t n);

/* The pair (tran, serv), or NULL.  Borrowed from l. */
const struct afcq_tspair *afcq_catalog_find_tspair(const struct afcq_tspair_list *l, long long tran,
						   long long serv);
/* The tax type tid, or NULL.  Borrowed from l. */
const struct afcq_taxtype *afcq_catalog_find_taxtype(const struct afcq_taxtype_list *l, long long tid);

/* Search results: pointers borrowed from the list searched, best first. */
struct afcq_tspair_match { const struct afcq_tspair *pair; int score; };
struct afcq_tspair_matches { struct afcq_tspair_match *v; size_t n; };
void afcq_tspair_matches_done(struct afcq_tspair_matches *m);

/* Splits text into words (blanks, commas); a pair matches when every word
 * matches it: a number matches when it equals tran or serv, "TRAN/SERV"
 * when it names the pair, any word (numbers too) when it occurs in the
 * transaction, service or pair description, ignoring case.  Ranking, per
 * word, best first: the pair's number, a whole description word, the start
 * of a description word, anywhere inside; ties keep catalogue order.  Empty
 * text matches every pair (score 0, catalogue order).  Fills *out (zeroed
 * by the caller; afcq_tspair_matches_done) and returns out->n. */
size_t afcq_catalog_search_tspairs(const struct afcq_tspair_list *l, const char *text,
				   struct afcq_tspair_matches *out);

/* Which quantities a pair uses, from its InputType bits: 1 charge, 2 lines,
 * 4 locations, 8 minutes.  InputType 0 (bundles, invoice-level charges)
 * says nothing: every field is false and `known` is false. */
struct afcq_tspair_inputs { bool known, charge, lines, locations, minutes; };
struct afcq_tspair_inputs afcq_catalog_tspair_inputs(const struct afcq_tspair *p);
/* "charge, minutes" / "lines" / "any" (InputType 0) into buf; returns buf. */
const char *afcq_catalog_inputs_text(struct afcq_tspair_inputs in, char *buf, size_t n);

/* afcq_tspair_known_fn over a catalog: ctx is a const struct afcq_catalog *
 * (borrowed).  A NULL ctx or a catalog without pairs (never fetched,
 * endpoint without lookups) accepts every pair, so a missing catalog never
 * blocks a request; AFCQ_TSPAIR_ANY in either half matches any value. */
bool afcq_catalog_tspair_known(void *ctx, long long tran, long long serv);

#endif
