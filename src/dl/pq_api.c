/* pq_api.c - libpq loaded on first use (afcq/pq_api.h). */
#include "afcq/pq_api.h"

#include <pthread.h>

#include "afcq/dl.h"

#ifndef AFCQ_PQ_SONAME
#define AFCQ_PQ_SONAME "libpq.so.5"
#endif

/* Written once under the once below, only read after it. */
static struct loaded {
	pthread_once_t once;
	bool ok;
	char why[256];
	struct afcq_pq_api api;
} pq_lib = { .once = PTHREAD_ONCE_INIT };

static void load(void)
{
	static const char *const sonames[] = { AFCQ_PQ_SONAME, NULL };
	static const char *const names[] = {
#define AFCQ_PQ_NAME(f) #f,
		AFCQ_PQ_FUNCS(AFCQ_PQ_NAME)
#undef AFCQ_PQ_NAME
	};
	_Static_assert(sizeof names / sizeof names[0] * sizeof(void (*)(void)) ==
			       sizeof(struct afcq_pq_api),
		       "one name per member, every member a function pointer");
	pq_lib.ok = afcq_dl_table(sonames, "libpq5", names, &pq_lib.api, sizeof pq_lib.api,
				  pq_lib.why, sizeof pq_lib.why);
}

const struct afcq_pq_api *afcq_pq_api(struct afcq_error *err)
{
	pthread_once(&pq_lib.once, load);
	if (pq_lib.ok)
		return &pq_lib.api;
	afcq_error_set(err, AFCQ_ERR_CONFIG, "store", "%s", pq_lib.why);
	return NULL;
}
