#include "afcq/version.h"

#include <curl/curl.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>

const char *afcq_library_versions(char *buf, size_t n)
{
	const curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
	snprintf(buf, n, "libcurl %s (%s), jansson %s, SQLite %s", cv->version,
		 cv->ssl_version ? cv->ssl_version : "no TLS", jansson_version_str(),
		 sqlite3_libversion());
	return buf;
}
