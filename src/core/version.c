#include "afcq/version.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>

#include "afcq/curl_api.h"

const char *afcq_library_versions(char *buf, size_t n)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	const struct afcq_curl_api *curl = afcq_curl_api(&err);
	if (!curl) {
		snprintf(buf, n, "libcurl not loaded (%s), jansson %s, SQLite %s", err.msg,
			 jansson_version_str(), sqlite3_libversion());
		return buf;
	}
	const curl_version_info_data *cv = curl->version_info(CURLVERSION_NOW);
	snprintf(buf, n, "libcurl %s (%s), jansson %s, SQLite %s", cv->version,
		 cv->ssl_version ? cv->ssl_version : "no TLS", jansson_version_str(),
		 sqlite3_libversion());
	return buf;
}
