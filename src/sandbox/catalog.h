/* catalog.h - the lookup catalogs the sandbox serves.
 *
 * Read once at start-up from tab-separated text files we write ourselves
 * (data/sandbox/catalog/, described in data/sandbox/README.md):
 *   tspairs.tsv   transaction/service pairs and what each pair uses
 *   taxtypes.tsv  tax type ids with their category
 *   places.tsv    every place name mapped to a PCode
 *   zips.tsv      ZIP / postal code -> place names
 *   npanxx.tsv    NPA-NXX -> PCode
 *   fips.tsv      FIPS code -> PCode
 * Each file starts with a header line naming its columns; '#' lines and
 * blank lines are ignored.  After loading, the catalog is read-only and
 * may be used from any number of threads.
 *
 * Query functions fill a zeroed model struct the caller owns (free with
 * its _done function); strings are copies.
 */
#ifndef AFCQ_SANDBOX_CATALOG_H
#define AFCQ_SANDBOX_CATALOG_H

#include <stdbool.h>

#include "afcq/error.h"
#include "afcq/model.h"

struct catalog;

/* Loads every catalog file in dir.  Returns NULL and sets *err (file,
 * line and reason; AFCQ_ERR_IO or AFCQ_ERR_INVALID) on a missing or bad
 * file.  Free with catalog_free (NULL is fine). */
struct catalog *catalog_load(const char *dir, struct afcq_error *err);
void catalog_free(struct catalog *c);

/* Every T/S pair, in file order. */
void catalog_tspairs(const struct catalog *c, struct afcq_tspair_list *out);

/* The tax type tid, or every tax type when tid < 0; an unknown tid gives
 * an empty list. */
void catalog_taxtypes(const struct catalog *c, long tid, struct afcq_taxtype_list *out);

/* PCode lookup by ZIP, NPA-NXX, FIPS (a trailing '*' matches every code
 * that starts with what precedes it), or country/state/county/city.
 * Exact matches first ("Exact"); failing that, with best_match, the most
 * specific places whose names agree after normalising (SAINT = ST, ...)
 * and whose blank fields act as wildcards ("Best").  MatchCount counts
 * every match, LocationData holds at most LimitResults of them (all when
 * the limit is absent or 0); ResultsLimit echoes the limit. */
void catalog_pcode_lookup(const struct catalog *c, const struct afcq_pcode_request *req,
			  struct afcq_pcode_result *out);

/* Every place name mapped to pcode (primary_only: just the primary one),
 * in file order.  InputMatchType and MatchTypeApplied stay NULL;
 * ResultsLimit is 0.  An unknown PCode gives an empty result. */
void catalog_location(const struct catalog *c, long long pcode, bool primary_only,
		      struct afcq_pcode_result *out);

/* Counts, for start-up messages and tests. */
size_t catalog_tspair_count(const struct catalog *c);
size_t catalog_taxtype_count(const struct catalog *c);
size_t catalog_place_count(const struct catalog *c);

#endif
