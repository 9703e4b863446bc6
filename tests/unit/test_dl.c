/* test_dl.c - afcq/dl.h, afcq/curl_api.h and afcq/pq_api.h: a library
 * opened on first use, its functions found by name; a library that is
 * missing or too old is said with the package to install, and nothing is
 * half-filled. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "afcq/curl_api.h"
#include "afcq/dl.h"
#include "afcq/pq_api.h"

static void test_resolves_by_name(void **state)
{
	(void)state;
	const char *const libs[] = { "libc.so.6", NULL };
	const char *const names[] = { "strlen", "strcmp" };
	void *slots[2] = { NULL, NULL };
	char msg[200] = "";
	assert_true(afcq_dl_resolve(libs, "libc6", names, slots, 2, msg, sizeof msg));
	size_t (*len)(const char *);
	memcpy(&len, &slots[0], sizeof len);
	assert_int_equal(len("four"), 4);
	assert_non_null(slots[1]);
}

static void test_first_library_that_loads(void **state)
{
	(void)state;
	const char *const libs[] = { "libafcq-no-such-library.so.9", "libc.so.6", NULL };
	const char *const names[] = { "strlen" };
	void *slots[1] = { NULL };
	char msg[200] = "";
	assert_true(afcq_dl_resolve(libs, "libc6", names, slots, 1, msg, sizeof msg));
	assert_non_null(slots[0]);
}

static void test_missing_library_names_package(void **state)
{
	(void)state;
	const char *const libs[] = { "libafcq-no-such-library.so.9", NULL };
	const char *const names[] = { "strlen" };
	void *slots[1] = { NULL };
	char msg[200] = "";
	assert_false(afcq_dl_resolve(libs, "afcq-nothing1", names, slots, 1, msg, sizeof msg));
	assert_null(slots[0]);
	assert_non_null(strstr(msg, "cannot load libafcq-no-such-library.so.9"));
	assert_non_null(strstr(msg, "install Debian's package afcq-nothing1"));
}

static void test_missing_function_names_it(void **state)
{
	(void)state;
	const char *const libs[] = { "libc.so.6", NULL };
	const char *const names[] = { "strlen", "afcq_no_such_function" };
	void *slots[2] = { NULL, NULL };
	char msg[200] = "";
	assert_false(afcq_dl_resolve(libs, "libc6", names, slots, 2, msg, sizeof msg));
	assert_non_null(strstr(msg, "has no function afcq_no_such_function"));
	assert_non_null(strstr(msg, "libc6"));
}

/* A table: each member gets the function named in the same place. */
static void test_table_in_order(void **state)
{
	(void)state;
	struct {
		size_t (*len)(const char *);
		int (*cmp)(const char *, const char *);
	} t = { NULL, NULL };
	const char *const libs[] = { "libc.so.6", NULL };
	const char *const names[] = { "strlen", "strcmp" };
	char msg[200] = "";
	assert_true(afcq_dl_table(libs, "libc6", names, &t, sizeof t, msg, sizeof msg));
	assert_int_equal(t.len("three"), 5);
	assert_int_equal(t.cmp("a", "a"), 0);
	const char *const bad[] = { "strlen", "afcq_no_such_function" };
	assert_false(afcq_dl_table(libs, "libc6", bad, &t, sizeof t, msg, sizeof msg));
	assert_non_null(strstr(msg, "afcq_no_such_function"));
}

/* The tables the client and the team store use: every member filled. */
static void test_curl_table(void **state)
{
	(void)state;
	struct afcq_error err;
	afcq_error_clear(&err);
	const struct afcq_curl_api *api = afcq_curl_api(&err);
	assert_non_null(api);
	assert_int_equal(err.status, AFCQ_OK);
	const void *const *p = (const void *const *)api;
	for (size_t i = 0; i < sizeof *api / sizeof(void *); i++)
		assert_non_null(p[i]);
	/* the same table every time */
	assert_ptr_equal(afcq_curl_api(NULL), api);
	const curl_version_info_data *v = api->version_info(CURLVERSION_NOW);
	assert_non_null(v);
	assert_int_equal(v->version_num >> 16, LIBCURL_VERSION_MAJOR);
}

static void test_pq_table(void **state)
{
	(void)state;
	struct afcq_error err;
	afcq_error_clear(&err);
	const struct afcq_pq_api *api = afcq_pq_api(&err);
	assert_non_null(api);
	const void *const *p = (const void *const *)api;
	for (size_t i = 0; i < sizeof *api / sizeof(void *); i++)
		assert_non_null(p[i]);
	PQconninfoOption *o = api->PQconninfoParse("host=db.example dbname=afcq", NULL);
	assert_non_null(o);
	api->PQconninfoFree(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolves_by_name),
		cmocka_unit_test(test_first_library_that_loads),
		cmocka_unit_test(test_missing_library_names_package),
		cmocka_unit_test(test_missing_function_names_it),
		cmocka_unit_test(test_table_in_order),
		cmocka_unit_test(test_curl_table),
		cmocka_unit_test(test_pq_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
