/* catalog_int.h - what the catalog cache's two readers share (catalog.c,
 * catalog_pairs.c). */
#ifndef AFCQ_CATALOG_INT_H
#define AFCQ_CATALOG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/catalog.h"

/* Empties cat, sets its key and path for endpoint, and reads the cache
 * file: its text (the caller frees it) and *len, or NULL with err set
 * (AFCQ_ERR_IO when there is no file). */
char *catalog_cache_text(struct afcq_catalog *cat, const char *endpoint, const char *cache_dir,
			 size_t *len, struct afcq_error *err);

/* Refuses a cache whose format, endpoint (NULL when absent) or fetch time
 * (have_fetched false when absent or not a whole number) is not this
 * afcq's and this endpoint's; AFCQ_OK otherwise. */
enum afcq_status catalog_cache_header(const struct afcq_catalog *cat, const char *format,
				      const char *endpoint, bool have_fetched, long long fetched,
				      struct afcq_error *err);

#endif
