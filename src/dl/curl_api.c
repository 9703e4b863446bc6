/* curl_api.c - libcurl loaded on first use (afcq/curl_api.h). */
#include "afcq/curl_api.h"

#include <pthread.h>
#include <stdio.h>

#include "afcq/dl.h"

#ifndef AFCQ_CURL_SONAME
#define AFCQ_CURL_SONAME "libcurl.so.4"
#endif

/* Written once under the once below, only read after it: the state the
 * dynamic linker would otherwise have kept for a linked libcurl. */
static struct loaded {
	pthread_once_t once;
	bool ok;
	char why[256];
	struct afcq_curl_api api;
} curl_lib = { .once = PTHREAD_ONCE_INIT };

static void load(void)
{
	static const char *const sonames[] = { AFCQ_CURL_SONAME, NULL };
	static const char *const names[] = {
#define AFCQ_CURL_NAME(f) "curl_" #f,
		AFCQ_CURL_FUNCS(AFCQ_CURL_NAME)
#undef AFCQ_CURL_NAME
	};
	_Static_assert(sizeof names / sizeof names[0] * sizeof(void (*)(void)) ==
			       sizeof(struct afcq_curl_api),
		       "one name per member, every member a function pointer");
	if (!afcq_dl_table(sonames, "libcurl4", names, &curl_lib.api, sizeof curl_lib.api,
			   curl_lib.why, sizeof curl_lib.why))
		return;
	CURLcode rc = curl_lib.api.global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK) {
		snprintf(curl_lib.why, sizeof curl_lib.why, "libcurl cannot start: %s",
			 curl_lib.api.easy_strerror(rc));
		return;
	}
	curl_lib.ok = true;
}

const struct afcq_curl_api *afcq_curl_api(struct afcq_error *err)
{
	pthread_once(&curl_lib.once, load);
	if (curl_lib.ok)
		return &curl_lib.api;
	afcq_error_set(err, AFCQ_ERR_CONFIG, "libcurl", "%s", curl_lib.why);
	return NULL;
}
