/* curl_api.h - libcurl, reached through a table loaded on first use (afcq/dl.h).
 *
 * Each member has the type of the libcurl function it is named after
 * without the "curl_" prefix: api->easy_init() is curl_easy_init().  (The
 * prefix is dropped because curl.h defines curl_easy_setopt and
 * curl_easy_getinfo as type-checking macros.)
 */
#ifndef AFCQ_CURL_API_H
#define AFCQ_CURL_API_H

#include <curl/curl.h>

#include "afcq/error.h"

#define AFCQ_CURL_FUNCS(X)                                                               \
	X(global_init) X(version_info) X(easy_init) X(easy_setopt) X(easy_getinfo)         \
	X(easy_cleanup) X(easy_strerror) X(slist_append) X(slist_free_all) X(url)          \
	X(url_set) X(url_get) X(url_cleanup) X(free) X(multi_init) X(multi_cleanup)        \
	X(multi_add_handle) X(multi_remove_handle) X(multi_perform) X(multi_poll)          \
	X(multi_info_read) X(multi_strerror)

struct afcq_curl_api {
#define AFCQ_CURL_MEMBER(f) __typeof__(curl_##f) *f;
	AFCQ_CURL_FUNCS(AFCQ_CURL_MEMBER)
#undef AFCQ_CURL_MEMBER
};

/* libcurl's table, loading libcurl and running curl_global_init() the first
 * time (thread-safe).  The table lives until the process ends; the caller
 * does not free it.  NULL when libcurl cannot be loaded or started: err (if
 * not NULL) then says why and what to install. */
const struct afcq_curl_api *afcq_curl_api(struct afcq_error *err);

#endif
