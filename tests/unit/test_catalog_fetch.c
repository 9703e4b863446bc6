/* Tests of fetching the endpoint catalogs over real HTTP: to a scripted
 * server (the cache reused, expired, forced and kept when a refresh fails;
 * an unwritable cache; answers that are no catalogs; an absent catalog
 * remembered; a refused pair fetched again once), and to a real
 * afcq-sandbox when it serves catalogs.  The catalogs themselves are in
 * test_catalog.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/api.h"
#include "afcq/catalog.h"
#include "afcq/codec.h"
#include "afcq/sandbox_launch.h"
#include "afcq/str.h"
#include "afcq/validate.h"
#include "catalog_testlib.h"
#include "httpd_fixture.h"
#include "net_testlib.h"

/* ---- requests checked against a catalog ------------------------------------ */

/* ---- fetching over HTTP --------------------------------------------------- */

/* The scripted server answers every request alike, so one body serves as
 * both lists: each row carries the T/S pair fields and the tax type fields
 * (the codec ignores fields it does not know). */
static const char both_lists[] =
	"[ { \"TransactionType\": 19, \"ServiceType\": 6, \"MarketType\": 1, \"InterfaceType\": 1,\n"
	"    \"InputType\": 1, \"IsBundle\": false, \"TransactionDescription\": \"VoIP\",\n"
	"    \"ServiceDescription\": \"Access Charge\", \"TSPairDescription\": \"VoIP/Access Charge\",\n"
	"    \"TaxType\": 162, \"CategoryType\": 5, \"TaxDescription\": \"Federal USF\",\n"
	"    \"CategoryDescription\": \"CONNECTIVITY CHARGES\" },\n"
	"  { \"TransactionType\": 19, \"ServiceType\": 21, \"MarketType\": 1, \"InterfaceType\": 1,\n"
	"    \"InputType\": 2, \"IsBundle\": false, \"TransactionDescription\": \"VoIP\",\n"
	"    \"ServiceDescription\": \"Lines\", \"TSPairDescription\": \"VoIP/Lines\",\n"
	"    \"TaxType\": 1, \"CategoryType\": 1, \"TaxDescription\": \"Sales Tax\",\n"
	"    \"CategoryDescription\": \"SALES AND USE TAXES\" } ]";

struct fetch_fx {
	struct httpd_fixture *srv;
	struct afcq_client *client;
	struct afcq_api_ctx ctx;
	char dir[PATH_MAX];
	char *label;   /* the endpoint as a user might write it, with credentials */
};

static int fetch_setup(void **state)
{
	struct fetch_fx *fx = calloc(1, sizeof *fx);
	fx->srv = net_test_start(&fx->client);
	httpd_fixture_script(fx->srv, 200, "Content-Type: application/json", both_lists, 0);
	catalog_test_temp_dir(fx->dir, sizeof fx->dir);
	fx->label = afcq_xasprintf("http://clerk:hunter2@%s",
				   httpd_fixture_url(fx->srv) + strlen("http://"));
	fx->ctx = (struct afcq_api_ctx){ .client = fx->client, .endpoint_label = fx->label };
	*state = fx;
	return 0;
}

static int fetch_teardown(void **state)
{
	struct fetch_fx *fx = *state;
	net_test_stop(fx->srv, fx->client);
	catalog_test_remove_tree(fx->dir);
	free(fx->label);
	free(fx);
	return 0;
}

static void test_fetch_cache_reuse_expiry(void **state)
{
	struct fetch_fx *fx = *state;
	struct afcq_catalog_opts o = { .cache_dir = fx->dir, .now = T0 };
	struct afcq_catalog cat = { 0 };
	struct afcq_error err;
	char buf[64];

	/* No cache: both lists fetched, cache written. */
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "first load");
	assert_int_equal(httpd_fixture_requests(fx->srv), 2);
	net_test_expect_last(fx->srv, "GET", "/api/v2/afc/taxtype/*", NULL);
	assert_false(cat.from_cache);
	assert_int_equal(cat.fetched, T0);
	assert_int_equal(cat.tspairs.n, 2);
	assert_int_equal(cat.taxtypes.n, 2);
	assert_int_equal(cat.taxtypes.v[0].tid, 162);
	assert_int_equal(cat.refresh_error.status, AFCQ_OK);
	assert_int_equal(access(cat.path, R_OK), 0);
	size_t len;
	char *text = afcq_read_file(cat.path, &len);
	assert_null(strstr(text, "hunter2"));
	assert_null(strstr(cat.path, "hunter2"));
	free(text);

	/* Three hours later: the cache, no request. */
	o.now = T0 + 3 * 3600;
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "cached load");
	assert_int_equal(httpd_fixture_requests(fx->srv), 2);
	assert_true(cat.from_cache);
	assert_int_equal(cat.fetched, T0);
	assert_int_equal(cat.tspairs.n, 2);
	assert_string_equal(afcq_catalog_age_text(cat.fetched, o.now, buf, sizeof buf),
			    "fetched 3 h ago");

	/* Forced: fetched again even though fresh. */
	o.force = true;
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "forced load");
	assert_int_equal(httpd_fixture_requests(fx->srv), 4);
	assert_false(cat.from_cache);
	assert_int_equal(cat.fetched, T0 + 3 * 3600);
	o.force = false;

	/* Past the maximum age: fetched again and the new time stored. */
	o.now = T0 + 3 * 3600 + 7 * DAY + 1;
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "expired load");
	assert_int_equal(httpd_fixture_requests(fx->srv), 6);
	assert_false(cat.from_cache);
	struct afcq_catalog back = { 0 };
	catalog_test_must(afcq_catalog_read_cache(&back, fx->label, fx->dir, &err), &err, "reread");
	assert_int_equal(back.fetched, o.now);
	afcq_catalog_done(&back);

	/* A shorter maximum age expires sooner. */
	o.now += 120;
	o.max_age_s = 60;
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "short max age");
	assert_int_equal(httpd_fixture_requests(fx->srv), 8);
	afcq_catalog_done(&cat);
}

static void test_refresh_failure_keeps_old_cache(void **state)
{
	struct fetch_fx *fx = *state;
	struct afcq_catalog_opts o = { .cache_dir = fx->dir, .now = T0 };
	struct afcq_catalog cat = { 0 };
	struct afcq_error err;

	/* Nothing cached and the server fails: the failure is returned. */
	httpd_fixture_script(fx->srv, 500, NULL, "broken", 0);
	assert_int_equal(afcq_catalog_load(&cat, &fx->ctx, &o, &err), AFCQ_ERR_HTTP);
	assert_int_equal(err.http_status, 500);
	assert_int_equal(cat.tspairs.n, 0);

	httpd_fixture_script(fx->srv, 200, NULL, both_lists, 0);
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "load");

	/* A forced refresh that fails keeps the fresh cache, not stale. */
	httpd_fixture_script(fx->srv, 500, NULL, "broken", 0);
	o.force = true;
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "forced failing load");
	assert_false(cat.stale);
	assert_true(cat.from_cache);
	assert_int_equal(cat.refresh_error.status, AFCQ_ERR_HTTP);
	o.force = false;

	/* Expired and the server fails: the old lists, marked stale. */
	o.now = T0 + 10 * DAY;
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "stale load");
	assert_true(cat.stale);
	assert_true(cat.from_cache);
	assert_int_equal(cat.tspairs.n, 2);
	assert_int_equal(cat.refresh_error.status, AFCQ_ERR_HTTP);

	/* A server error that is not "no catalog" is a failed refresh too. */
	httpd_fixture_script(fx->srv, 503, NULL, "{ not json", 0);
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "unavailable refresh");
	assert_true(cat.stale);
	assert_false(cat.absent);
	assert_int_equal(cat.refresh_error.status, AFCQ_ERR_HTTP);
	afcq_catalog_done(&cat);

	/* No endpoint at all is a usage error. */
	struct afcq_api_ctx none = { .client = fx->client };
	assert_int_equal(afcq_catalog_load(&cat, &none, &o, &err), AFCQ_ERR_USAGE);
}

static void test_unwritable_cache_still_loads(void **state)
{
	struct fetch_fx *fx = *state;
	char *blocker = afcq_xasprintf("%s/file", fx->dir);
	FILE *f = fopen(blocker, "w");
	fclose(f);
	char *cache_dir = afcq_xasprintf("%s/sub", blocker); /* a folder under a file */
	struct afcq_catalog_opts o = { .cache_dir = cache_dir, .now = T0 };
	struct afcq_catalog cat = { 0 };
	struct afcq_error err;
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "load");
	assert_int_equal(cat.tspairs.n, 2);
	assert_int_equal(cat.refresh_error.status, AFCQ_ERR_IO);
	afcq_catalog_done(&cat);
	free(cache_dir);
	free(blocker);
}

/* A catalog decoder takes only catalog shapes. */
static void test_decoders_refuse_non_catalogs(void **state)
{
	(void)state;
	const char *junk[] = {
		"{}",
		"{\"error\":\"Unauthorized\"}",
		"{\"inv\":[{\"itms\":[{\"ref\":\"a\",\"txs\":[]}]}]}",
		"[{\"TransactionType\":19,\"ServiceType\":6},{\"Foo\":1}]",
		"[1,2]",
		"<html><body>Sign in</body></html>",
	};
	struct afcq_error err;
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		struct afcq_tspair_list pl = { 0 };
		struct afcq_taxtype_list tl = { 0 };
		assert_int_equal(afcq_codec_parse_tspairs(junk[i], strlen(junk[i]), &pl, &err),
				 AFCQ_ERR_PARSE);
		assert_int_equal(pl.n, 0);
		assert_int_equal(afcq_codec_parse_taxtypes(junk[i], strlen(junk[i]), &tl, &err),
				 AFCQ_ERR_PARSE);
		assert_int_equal(tl.n, 0);
	}
	const char *tsp = "{\"transactiontype\":19,\"servicetype\":6}"; /* any letter case */
	struct afcq_tspair_list pl = { 0 };
	catalog_test_must(afcq_codec_parse_tspairs(tsp, strlen(tsp), &pl, &err), &err, "lone pair");
	assert_int_equal(pl.n, 1);
	afcq_tspair_list_done(&pl);
	catalog_test_must(afcq_codec_parse_tspairs("[]", 2, &pl, &err), &err, "empty list");
	assert_int_equal(pl.n, 0);
	struct afcq_pcode_result pr = { 0 };
	assert_int_equal(afcq_codec_parse_pcode_result("{}", 2, &pr, &err), AFCQ_ERR_PARSE);
	const char *none = "{\"LocationData\":[],\"MatchCount\":0}";
	catalog_test_must(afcq_codec_parse_pcode_result(none, strlen(none), &pr, &err), &err, "no match");
	afcq_pcode_result_done(&pr);
}

/* Garbage first, a good catalog after, on the same address: the garbage is
 * never cached as a catalog; the endpoint counts as without one (nothing
 * checked, nothing asked for an hour), then the good catalog is used. */
static void test_garbage_then_good_catalog(void **state)
{
	struct fetch_fx *fx = *state;
	const char *garbage[] = {
		"{}", "{\"error\":\"Unauthorized\"}",
		"{\"inv\":[{\"itms\":[{\"ref\":\"a\",\"txs\":[]}]}]}",
		"<html>Service Unavailable</html>", "[]",
	};
	char first[512];
	for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
		catalog_test_remove_tree(fx->dir);
		assert_int_equal(mkdir(fx->dir, 0700), 0);
		struct afcq_catalog_opts o = { .cache_dir = fx->dir, .now = T0 };
		struct afcq_catalog cat = { 0 };
		struct afcq_error err;
		httpd_fixture_script(fx->srv, 200, "Content-Type: application/json", garbage[i], 0);
		unsigned before = httpd_fixture_requests(fx->srv);
		catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "garbage load");
		assert_true(cat.absent);
		assert_non_null(cat.absent_why);
		assert_int_equal(cat.tspairs.n, 0);
		assert_int_equal(catalog_test_problems(6, &cat, first, sizeof first), 0);
		assert_int_equal(catalog_test_problems(999, &cat, first, sizeof first), 0);
		assert_int_equal(httpd_fixture_requests(fx->srv), before + 1);

		/* The cache holds the absence, no lists. */
		struct afcq_catalog back = { 0 };
		catalog_test_must(afcq_catalog_read_cache(&back, fx->label, fx->dir, &err), &err, "reread");
		assert_true(back.absent);
		assert_int_equal(back.tspairs.n, 0);
		afcq_catalog_done(&back);

		/* The good catalog now; within the hour nothing is asked. */
		httpd_fixture_script(fx->srv, 200, "Content-Type: application/json", both_lists, 0);
		o.now = T0 + AFCQ_CATALOG_ABSENT_MAX_AGE_S - 60;
		catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "remembered absence");
		assert_true(cat.absent);
		assert_true(cat.from_cache);
		assert_int_equal(httpd_fixture_requests(fx->srv), before + 1);

		/* After it, the good catalog is fetched, cached and checks pairs. */
		o.now = T0 + AFCQ_CATALOG_ABSENT_MAX_AGE_S + 1;
		catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "good load");
		assert_false(cat.absent);
		assert_int_equal(cat.tspairs.n, 2);
		assert_int_equal(httpd_fixture_requests(fx->srv), before + 3);
		assert_int_equal(catalog_test_problems(6, &cat, first, sizeof first), 0);
		assert_int_equal(catalog_test_problems(999, &cat, first, sizeof first), 1);
		afcq_catalog_done(&cat);
	}
}

/* A 404 catalog is asked once, then remembered. */
static void test_absent_endpoint_remembered(void **state)
{
	struct fetch_fx *fx = *state;
	struct afcq_catalog_opts o = { .cache_dir = fx->dir, .now = T0 };
	struct afcq_catalog cat = { 0 };
	struct afcq_error err;
	httpd_fixture_script(fx->srv, 404, NULL, "no such path", 0);
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "404 load");
	assert_true(cat.absent);
	assert_non_null(strstr(cat.absent_why, "404"));
	assert_null(strstr(cat.absent_why, "hunter2"));
	assert_int_equal(httpd_fixture_requests(fx->srv), 1);
	for (int i = 0; i < 3; i++) {
		o.now += 600;
		catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "cached 404");
		assert_true(cat.absent);
		assert_true(cat.from_cache);
	}
	assert_int_equal(httpd_fixture_requests(fx->srv), 1);
	/* A passing trouble (HTTP 500) is not remembered as an absence. */
	catalog_test_remove_tree(fx->dir);
	assert_int_equal(mkdir(fx->dir, 0700), 0);
	httpd_fixture_script(fx->srv, 500, NULL, "oops", 0);
	assert_int_equal(afcq_catalog_load(&cat, &fx->ctx, &o, &err), AFCQ_ERR_HTTP);
	assert_false(cat.absent);
	afcq_catalog_done(&cat);
}

/* A cached catalog that would refuse a pair is fetched again once. */
static void test_confirm_refetches_once(void **state)
{
	struct fetch_fx *fx = *state;
	struct afcq_catalog_opts o = { .cache_dir = fx->dir, .now = T0 };
	struct afcq_catalog cat = { 0 };
	struct afcq_error err;
	char first[512];
	/* The cache: only 19/6 and 19/21. */
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "first load");
	afcq_catalog_done(&cat);
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "cached load");
	assert_true(cat.from_cache);

	char *text = catalog_test_voip_text(43);
	struct afcq_request r = { 0 };
	catalog_test_must(afcq_codec_parse_request(text, strlen(text), &r, &err), &err, "parse");
	free(text);
	assert_int_equal(catalog_test_problems(43, &cat, first, sizeof first), 1);

	/* The server now knows 19/43 too. */
	char *more = afcq_xstrdup(both_lists);
	more[strlen(more) - 1] = '\0'; /* drop the closing ']' */
	char *bigger = afcq_xasprintf("%s, { \"TransactionType\": 19, \"ServiceType\": 43, "
				      "\"TaxType\": 3 } ]", more);
	free(more);
	httpd_fixture_script(fx->srv, 200, NULL, bigger, 0);
	unsigned before = httpd_fixture_requests(fx->srv);
	assert_true(afcq_catalog_confirm(&cat, &fx->ctx, &o, &r));
	assert_int_equal(httpd_fixture_requests(fx->srv), before + 2);
	assert_false(cat.from_cache);
	assert_int_equal(catalog_test_problems(43, &cat, first, sizeof first), 0);
	/* Just fetched: not asked again. */
	assert_false(afcq_catalog_confirm(&cat, &fx->ctx, &o, &r));
	assert_int_equal(httpd_fixture_requests(fx->srv), before + 2);
	afcq_request_done(&r);

	/* From the cache, a pair nobody knows: fetched once, still refused. */
	afcq_catalog_done(&cat);
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "cached again");
	assert_true(cat.from_cache);
	text = catalog_test_voip_text(999);
	catalog_test_must(afcq_codec_parse_request(text, strlen(text), &r, &err), &err, "parse");
	free(text);
	assert_true(afcq_catalog_confirm(&cat, &fx->ctx, &o, &r));
	assert_int_equal(httpd_fixture_requests(fx->srv), before + 4);
	assert_int_equal(catalog_test_problems(999, &cat, first, sizeof first), 1);
	/* A cached catalog that knows every pair is not fetched again. */
	afcq_request_done(&r);
	afcq_catalog_done(&cat);
	catalog_test_must(afcq_catalog_load(&cat, &fx->ctx, &o, &err), &err, "cached third");
	text = catalog_test_voip_text(6);
	catalog_test_must(afcq_codec_parse_request(text, strlen(text), &r, &err), &err, "parse");
	free(text);
	assert_false(afcq_catalog_confirm(&cat, &fx->ctx, &o, &r));
	assert_int_equal(httpd_fixture_requests(fx->srv), before + 4);
	afcq_request_done(&r);
	afcq_catalog_done(&cat);
	free(bigger);
}

/* ---- the real sandbox ------------------------------------------------------- */

static char *build_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	assert_true(n > 0);
	buf[n] = 0;
	*strrchr(buf, '/') = 0;  /* BUILD/tests */
	*strrchr(buf, '/') = 0;  /* BUILD */
	return afcq_xstrdup(buf);
}

static void test_sandbox_catalogs(void **state)
{
	char *bd = build_dir();
	const char *old = getenv("PATH");
	char *saved = afcq_xstrdup(old ? old : "");
	char *p = afcq_xasprintf("%s:%s", bd, saved);
	setenv("PATH", p, 1);
	free(p);
	free(bd);
	struct afcq_sandbox_proc sp;
	struct afcq_error err;
	enum afcq_status st = afcq_sandbox_start(NULL, &sp, &err);
	setenv("PATH", saved, 1);
	free(saved);
	catalog_test_must(st, &err, "sandbox");

	struct afcq_endpoint ep = { .base_url = sp.url, .timeout_s = 10 };
	struct afcq_client *client = afcq_client_new(&ep, NULL);
	struct afcq_api_ctx ctx = { .client = client, .endpoint_label = "sandbox" };
	char dir[PATH_MAX];
	catalog_test_temp_dir(dir, sizeof dir);
	struct afcq_catalog_opts o = { .cache_dir = dir };
	struct afcq_catalog cat = { 0 };
	st = afcq_catalog_load(&cat, &ctx, &o, &err);
	if (st == AFCQ_ERR_HTTP && err.http_status == 503) {
		/* This sandbox was built without its catalog files. */
		afcq_client_free(client);
		afcq_sandbox_stop(&sp);
		catalog_test_remove_tree(dir);
		skip();
	}
	catalog_test_must(st, &err, "sandbox catalogs");
	assert_false(cat.from_cache);
	assert_true(cat.tspairs.n > 0);
	assert_true(cat.taxtypes.n > 0);
	/* The Dallas VoIP pairs are known, access charges use the charge. */
	const struct afcq_tspair *access = afcq_catalog_find_tspair(&cat.tspairs, 19, 6);
	assert_non_null(access);
	assert_true(afcq_catalog_tspair_inputs(access).charge);
	assert_non_null(afcq_catalog_find_tspair(&cat.tspairs, 19, 21));
	assert_true(afcq_catalog_tspair_known(&cat, 19, 6));
	assert_false(afcq_catalog_tspair_known(&cat, 19, 99999));
	struct afcq_tspair_matches m = { 0 };
	assert_true(afcq_catalog_search_tspairs(&cat.tspairs, "19 6", &m) >= 1);
	assert_ptr_equal(m.v[0].pair, access);
	afcq_tspair_matches_done(&m);

	/* Reused from the cache on the next load, even with the sandbox gone
	 * (its port changes every run; the key is the label "sandbox"). */
	afcq_client_free(client);
	afcq_sandbox_stop(&sp);
	struct afcq_endpoint dead = { .base_url = "http://127.0.0.1:9", .timeout_s = 2 };
	client = afcq_client_new(&dead, NULL);
	ctx.client = client;
	size_t n = cat.tspairs.n;
	catalog_test_must(afcq_catalog_load(&cat, &ctx, &o, &err), &err, "cached sandbox catalogs");
	assert_true(cat.from_cache);
	assert_false(cat.stale);
	assert_int_equal(cat.tspairs.n, n);
	afcq_catalog_done(&cat);
	afcq_client_free(client);
	catalog_test_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fetch_cache_reuse_expiry, fetch_setup,
						fetch_teardown),
		cmocka_unit_test_setup_teardown(test_refresh_failure_keeps_old_cache, fetch_setup,
						fetch_teardown),
		cmocka_unit_test_setup_teardown(test_unwritable_cache_still_loads, fetch_setup,
						fetch_teardown),
		cmocka_unit_test(test_decoders_refuse_non_catalogs),
		cmocka_unit_test_setup_teardown(test_garbage_then_good_catalog, fetch_setup,
						fetch_teardown),
		cmocka_unit_test_setup_teardown(test_absent_endpoint_remembered, fetch_setup,
						fetch_teardown),
		cmocka_unit_test_setup_teardown(test_confirm_refetches_once, fetch_setup,
						fetch_teardown),
		cmocka_unit_test(test_sandbox_catalogs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
