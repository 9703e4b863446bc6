/* Tests of the endpoint catalogs: endpoint keys and cache file names (no
 * credentials), the cache file written and read back, the age text, the T/S
 * pair search ranking, the inputs a pair uses and the validation hook.
 * Fetching them over HTTP is in test_catalog_fetch.c. */
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
#include "afcq/str.h"
#include "afcq/validate.h"
#include "catalog_testlib.h"

/* A small catalogue, in the order a server would list it. */
static void add_pair(struct afcq_tspair_list *l, int tran, int serv, int input, const char *td,
		     const char *sd)
{
	l->v = afcq_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	struct afcq_tspair *p = &l->v[l->n++];
	memset(p, 0, sizeof *p);
	p->tran = tran;
	p->serv = serv;
	p->input = input;
	p->tran_desc = afcq_xstrdup(td);
	p->serv_desc = afcq_xstrdup(sd);
	p->pair_desc = afcq_xasprintf("%s/%s", td, sd);
}

static void sample_pairs(struct afcq_tspair_list *l)
{
	memset(l, 0, sizeof *l);
	add_pair(l, 1, 1, 9, "Interstate", "Toll");                    /* 0 */
	add_pair(l, 13, 6, 1, "Cellular", "Access Charge");             /* 1 */
	add_pair(l, 19, 6, 1, "VoIP", "Access Charge");                 /* 2 */
	add_pair(l, 19, 21, 2, "VoIP", "Lines");                        /* 3 */
	add_pair(l, 19, 43, 0, "VoIP", "Invoice");                      /* 4 */
	add_pair(l, 59, 21, 2, "VoIP-Nomadic", "Lines");                /* 5 */
	add_pair(l, 2, 620, 1, "Intrastate", "Line Charge");            /* 6 */
	add_pair(l, 15, 77, 15, "Telephony", "Pipeline Access");        /* 7 */
}

static void sample_types(struct afcq_taxtype_list *l)
{
	memset(l, 0, sizeof *l);
	l->n = 2;
	l->v = afcq_xcalloc(2, sizeof *l->v);
	l->v[0] = (struct afcq_taxtype){ .tid = 1, .cid = 1, .desc = afcq_xstrdup("Sales Tax"),
					 .cat_desc = afcq_xstrdup("SALES AND USE TAXES") };
	l->v[1] = (struct afcq_taxtype){ .tid = 162, .cid = 5,
					 .desc = afcq_xstrdup("Federal Universal Service Fund"),
					 .cat_desc = afcq_xstrdup("CONNECTIVITY CHARGES") };
}

/* ---- keys and file names -------------------------------------------------- */

static void test_endpoint_key_drops_credentials(void **state)
{
	char *k = afcq_catalog_endpoint_key("HTTPS://Bob:s3cret@Example.COM/rest/");
	assert_string_equal(k, "https://example.com/rest");
	free(k);
	k = afcq_catalog_endpoint_key("http://127.0.0.1:8080///");
	assert_string_equal(k, "http://127.0.0.1:8080");
	free(k);
	k = afcq_catalog_endpoint_key("sandbox");
	assert_string_equal(k, "sandbox");
	free(k);
	assert_null(afcq_catalog_endpoint_key(NULL));

	/* Same endpoint with or without credentials: same file; another: not. */
	struct afcq_error err;
	char *a = afcq_catalog_cache_path("https://bob:s3cret@example.com", "/c", &err);
	char *b = afcq_catalog_cache_path("https://example.com/", "/c", &err);
	char *c = afcq_catalog_cache_path("https://example.org", "/c", &err);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_null(strstr(a, "s3cret"));
	assert_null(strstr(a, "bob"));
	assert_int_equal(strncmp(a, "/c/catalog-", 11), 0);
	assert_int_equal(strlen(a), strlen("/c/catalog-0123456789abcdef.json"));
	free(a);
	free(b);
	free(c);
}

static void test_cache_dir_from_environment(void **state)
{
	char *old_xdg = afcq_xstrdup(getenv("XDG_CACHE_HOME"));
	char *old_home = afcq_xstrdup(getenv("HOME"));
	struct afcq_error err;

	setenv("XDG_CACHE_HOME", "/xdg", 1);
	char *p = afcq_catalog_cache_path("sandbox", NULL, &err);
	assert_int_equal(strncmp(p, "/xdg/afcq/catalog-", 18), 0);
	free(p);

	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "/nonexistent/someone", 1);
	p = afcq_catalog_cache_path("sandbox", NULL, &err);
	assert_int_equal(strncmp(p, "/nonexistent/someone/.cache/afcq/catalog-", 41), 0);
	free(p);

	unsetenv("HOME");
	assert_null(afcq_catalog_cache_path("sandbox", NULL, &err));
	assert_int_equal(err.status, AFCQ_ERR_CONFIG);

	if (old_xdg)
		setenv("XDG_CACHE_HOME", old_xdg, 1);
	if (old_home)
		setenv("HOME", old_home, 1);
	free(old_xdg);
	free(old_home);
}

/* ---- the cache file ------------------------------------------------------- */

static void test_cache_round_trip(void **state)
{
	char dir[PATH_MAX];
	catalog_test_temp_dir(dir, sizeof dir);
	char *cache_dir = afcq_xasprintf("%s/deep/er", dir); /* made on demand */
	const char *ep = "https://user:pw-never-stored@afc.example.com";
	struct afcq_error err;

	struct afcq_catalog cat = { 0 };
	struct afcq_tspair_list pairs;
	struct afcq_taxtype_list types;
	sample_pairs(&pairs);
	sample_types(&types);
	afcq_catalog_set(&cat, &pairs, &types, T0);
	assert_int_equal(pairs.n, 0);
	catalog_test_must(afcq_catalog_write_cache(&cat, ep, cache_dir, &err), &err, "write");

	struct stat sb;
	assert_int_equal(stat(cat.path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	size_t len;
	char *text = afcq_read_file(cat.path, &len);
	assert_non_null(text);
	assert_null(strstr(text, "pw-never-stored"));
	assert_null(strstr(text, "user"));
	assert_non_null(strstr(text, "\"https://afc.example.com\""));
	free(text);

	struct afcq_catalog back = { 0 };
	catalog_test_must(afcq_catalog_read_cache(&back, ep, cache_dir, &err), &err, "read");
	assert_true(back.from_cache);
	assert_int_equal(back.fetched, T0);
	assert_int_equal(back.tspairs.n, 8);
	assert_int_equal(back.taxtypes.n, 2);
	assert_int_equal(back.tspairs.v[5].tran, 59);
	assert_string_equal(back.tspairs.v[5].tran_desc, "VoIP-Nomadic");
	assert_int_equal(back.tspairs.v[7].input, 15);
	assert_string_equal(back.taxtypes.v[1].desc, "Federal Universal Service Fund");
	assert_int_equal(back.taxtypes.v[1].cid, 5);

	/* Another endpoint has no cache; a file for another key is refused. */
	afcq_catalog_done(&back);
	assert_int_equal(afcq_catalog_read_cache(&back, "https://other.example.com", cache_dir, &err),
			 AFCQ_ERR_IO);
	char *other = afcq_catalog_cache_path("https://other.example.com", cache_dir, &err);
	assert_int_equal(rename(cat.path, other), 0);
	assert_int_equal(afcq_catalog_read_cache(&back, "https://other.example.com", cache_dir, &err),
			 AFCQ_ERR_PARSE);
	assert_non_null(strstr(err.msg, "another endpoint"));
	assert_int_equal(back.tspairs.n, 0);

	/* Garbage is a parse error, not a crash. */
	FILE *f = fopen(other, "w");
	fputs("{ \"format\": \"afcq-catalog 1\", \"tspairs\": [", f);
	fclose(f);
	assert_int_equal(afcq_catalog_read_cache(&back, "https://other.example.com", cache_dir, &err),
			 AFCQ_ERR_PARSE);
	free(other);

	afcq_catalog_done(&back);
	afcq_catalog_done(&cat);
	free(cache_dir);
	catalog_test_remove_tree(dir);
}

/* The streaming reader for checking pairs: the same pairs' numbers as the
 * full reader, no descriptions, and the same refusals. */
static void test_pairs_reader(void **state)
{
	char dir[PATH_MAX];
	catalog_test_temp_dir(dir, sizeof dir);
	const char *ep = "https://afc.example.com";
	struct afcq_error err;
	struct afcq_catalog cat = { 0 };
	struct afcq_tspair_list pairs;
	struct afcq_taxtype_list types;
	sample_pairs(&pairs);
	sample_types(&types);
	afcq_catalog_set(&cat, &pairs, &types, T0);
	catalog_test_must(afcq_catalog_write_cache(&cat, ep, dir, &err), &err, "write");

	struct afcq_catalog full = { 0 }, only = { 0 };
	catalog_test_must(afcq_catalog_read_cache(&full, ep, dir, &err), &err, "read");
	catalog_test_must(afcq_catalog_read_pairs(&only, ep, dir, &err), &err, "read pairs");
	assert_true(only.pairs_only);
	assert_true(only.from_cache);
	assert_int_equal(only.fetched, T0);
	assert_int_equal(only.tspairs.n, full.tspairs.n);
	for (size_t i = 0; i < full.tspairs.n; i++) {
		assert_int_equal(only.tspairs.v[i].tran, full.tspairs.v[i].tran);
		assert_int_equal(only.tspairs.v[i].serv, full.tspairs.v[i].serv);
		assert_null(only.tspairs.v[i].pair_desc);
	}
	assert_int_equal(only.taxtypes.n, 0);
	assert_true(afcq_catalog_tspair_known(&only, 59, 1) ==
		    afcq_catalog_tspair_known(&full, 59, 1));
	assert_false(afcq_catalog_tspair_known(&only, 59, 999));

	/* Refused as the full reader refuses: another endpoint's file, a file
	 * that is not a cache, a pair without its numbers, garbage. */
	char *other = afcq_catalog_cache_path("https://other.example.com", dir, &err);
	assert_int_equal(rename(cat.path, other), 0);
	assert_int_equal(afcq_catalog_read_pairs(&only, "https://other.example.com", dir, &err),
			 AFCQ_ERR_PARSE);
	assert_non_null(strstr(err.msg, "another endpoint"));
	assert_int_equal(only.tspairs.n, 0);
	static const char *const bad[] = {
		"{\"format\":\"afcq-catalog 9\",\"endpoint\":\"https://other.example.com\","
		"\"fetched\":5,\"tspairs\":[]}",
		"{\"format\":\"afcq-catalog 1\",\"endpoint\":\"https://other.example.com\","
		"\"fetched\":5,\"tspairs\":[{\"TransactionType\":19}]}",
		"{\"format\":\"afcq-catalog 1\",\"endpoint\":\"https://other.example.com\","
		"\"tspairs\":[]}",
		"{ \"format\": \"afcq-catalog 1\", \"tspairs\": [",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		FILE *f = fopen(other, "w");
		fputs(bad[i], f);
		fclose(f);
		assert_int_equal(afcq_catalog_read_pairs(&only, "https://other.example.com", dir,
							 &err),
				 AFCQ_ERR_PARSE);
		assert_int_equal(afcq_catalog_read_cache(&full, "https://other.example.com", dir,
							 &err),
				 AFCQ_ERR_PARSE);
		assert_int_equal(only.tspairs.n, 0);
	}
	/* An endpoint remembered without a catalog. */
	FILE *f = fopen(other, "w");
	fputs("{\"format\":\"afcq-catalog 1\",\"endpoint\":\"https://other.example.com\","
	      "\"fetched\":5,\"absent\":\"the lookup answered HTTP 404\",\"tspairs\":[],"
	      "\"taxtypes\":[]}",
	      f);
	fclose(f);
	catalog_test_must(afcq_catalog_read_pairs(&only, "https://other.example.com", dir, &err),
			  &err, "absent");
	assert_true(only.absent);
	assert_string_equal(only.absent_why, "the lookup answered HTTP 404");
	free(other);
	afcq_catalog_done(&only);
	afcq_catalog_done(&full);
	afcq_catalog_done(&cat);
	catalog_test_remove_tree(dir);
}

static void test_freshness_and_age_text(void **state)
{
	struct afcq_catalog cat = { .fetched = T0 };
	assert_true(afcq_catalog_is_fresh(&cat, 0, T0));
	assert_true(afcq_catalog_is_fresh(&cat, 0, T0 + 7 * DAY));
	assert_false(afcq_catalog_is_fresh(&cat, 0, T0 + 7 * DAY + 1));
	assert_true(afcq_catalog_is_fresh(&cat, 3600, T0 + 3600));
	assert_false(afcq_catalog_is_fresh(&cat, 3600, T0 + 3601));
	assert_false(afcq_catalog_is_fresh(&cat, 0, T0 - DAY)); /* clock moved back */
	cat.fetched = 0;
	assert_false(afcq_catalog_is_fresh(&cat, 0, T0));

	static const struct { long age; const char *text; } cases[] = {
		{ 0, "fetched just now" },        { 59, "fetched just now" },
		{ 60, "fetched 1 min ago" },      { 3599, "fetched 59 min ago" },
		{ 3 * 3600 + 5, "fetched 3 h ago" }, { DAY - 1, "fetched 23 h ago" },
		{ DAY, "fetched 1 day ago" },     { 9 * DAY + 7, "fetched 9 days ago" },
		{ -30, "fetched just now" },      { -3600, "fetched in the future" },
	};
	char buf[64];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(afcq_catalog_age_text(T0 - cases[i].age, T0, buf, sizeof buf),
				    cases[i].text);
	assert_string_equal(afcq_catalog_age_text(0, T0, buf, sizeof buf), "never fetched");
	char small[8];
	assert_string_equal(afcq_catalog_age_text(T0 - 3 * 3600, T0, small, sizeof small), "fetched");
}

/* ---- search ------------------------------------------------------------------ */

/* "tran/serv" of each match, in order, space-separated. */
static char *order_of(const struct afcq_tspair_list *l, const char *text)
{
	struct afcq_tspair_matches m = { 0 };
	afcq_catalog_search_tspairs(l, text, &m);
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	for (size_t i = 0; i < m.n; i++)
		afcq_buf_printf(&b, "%s%d/%d", i ? " " : "", m.v[i].pair->tran, m.v[i].pair->serv);
	afcq_tspair_matches_done(&m);
	return afcq_buf_steal(&b);
}

static void expect_order(const struct afcq_tspair_list *l, const char *text, const char *want)
{
	char *got = order_of(l, text);
	if (strcmp(got, want) != 0)
		fail_msg("search \"%s\": got \"%s\", wanted \"%s\"", text, got, want);
	free(got);
}

static void test_search_ranking(void **state)
{
	struct afcq_tspair_list l;
	sample_pairs(&l);

	/* Every word must match; case does not matter. */
	expect_order(&l, "voip lines", "19/21 59/21");
	expect_order(&l, "VOIP access", "19/6");
	expect_order(&l, "voip access fax", "");
	/* Whole word beats start of a word beats inside a word. */
	expect_order(&l, "line", "2/620 19/21 59/21 15/77");
	expect_order(&l, "access", "13/6 19/6 15/77");
	expect_order(&l, "cess", "13/6 19/6 15/77");
	/* A number matches the transaction or the service type. */
	expect_order(&l, "19", "19/6 19/21 19/43");
	expect_order(&l, "6", "13/6 19/6");
	expect_order(&l, "21 voip", "19/21 59/21");
	expect_order(&l, "19/21", "19/21");
	expect_order(&l, "19/22", "");
	/* A code as it is typed: the transaction and a start of the service. */
	expect_order(&l, "19/", "19/6 19/21 19/43");
	expect_order(&l, "19/2", "19/21");
	expect_order(&l, "/21", "19/21 59/21");
	expect_order(&l, "620", "2/620");
	/* Empty text: everything, catalogue order. */
	expect_order(&l, "", "1/1 13/6 19/6 19/21 19/43 59/21 2/620 15/77");
	expect_order(&l, " ,, ", "1/1 13/6 19/6 19/21 19/43 59/21 2/620 15/77");

	struct afcq_tspair_matches m = { 0 };
	assert_int_equal(afcq_catalog_search_tspairs(&l, "line", &m), 4);
	assert_true(m.v[0].score > m.v[1].score);   /* word > start of a word */
	assert_int_equal(m.v[1].score, m.v[2].score);
	assert_true(m.v[2].score > m.v[3].score);   /* start > inside */
	assert_ptr_equal(m.v[0].pair, &l.v[6]);
	afcq_tspair_matches_done(&m);
	assert_int_equal(afcq_catalog_search_tspairs(&l, "nothing-like-this", &m), 0);
	assert_null(m.v);
	struct afcq_tspair_list empty = { 0 };
	assert_int_equal(afcq_catalog_search_tspairs(&empty, "voip", &m), 0);

	assert_ptr_equal(afcq_catalog_find_tspair(&l, 19, 43), &l.v[4]);
	assert_null(afcq_catalog_find_tspair(&l, 43, 19));
	assert_null(afcq_catalog_find_tspair(NULL, 19, 43));
	afcq_tspair_list_done(&l);

	struct afcq_taxtype_list t;
	sample_types(&t);
	assert_ptr_equal(afcq_catalog_find_taxtype(&t, 162), &t.v[1]);
	assert_null(afcq_catalog_find_taxtype(&t, 163));
	afcq_taxtype_list_done(&t);
}

static void test_inputs_from_bits(void **state)
{
	struct afcq_tspair p = { .input = 9 };
	char buf[64];
	struct afcq_tspair_inputs in = afcq_catalog_tspair_inputs(&p);
	assert_true(in.known && in.charge && in.minutes);
	assert_false(in.lines || in.locations);
	assert_string_equal(afcq_catalog_inputs_text(in, buf, sizeof buf), "charge, minutes");
	p.input = 2;
	assert_string_equal(afcq_catalog_inputs_text(afcq_catalog_tspair_inputs(&p), buf, sizeof buf),
			    "lines");
	p.input = 4;
	in = afcq_catalog_tspair_inputs(&p);
	assert_true(in.locations && !in.charge && !in.lines && !in.minutes);
	p.input = 15;
	assert_string_equal(afcq_catalog_inputs_text(afcq_catalog_tspair_inputs(&p), buf, sizeof buf),
			    "charge, lines, locations, minutes");
	p.input = 0;
	in = afcq_catalog_tspair_inputs(&p);
	assert_false(in.known || in.charge || in.lines || in.locations || in.minutes);
	assert_string_equal(afcq_catalog_inputs_text(in, buf, sizeof buf), "any");
	assert_false(afcq_catalog_tspair_inputs(NULL).known);
}

/* ---- the validation hook ---------------------------------------------------- */

static void test_validation_hook(void **state)
{
	struct afcq_catalog cat = { 0 };
	char first[512];
	/* No catalog yet: nothing is refused. */
	assert_int_equal(catalog_test_problems(999, &cat, first, sizeof first), 0);
	assert_int_equal(catalog_test_problems(999, NULL, first, sizeof first), 0);

	struct afcq_tspair_list pairs;
	struct afcq_taxtype_list types = { 0 };
	sample_pairs(&pairs);
	afcq_catalog_set(&cat, &pairs, &types, T0);
	assert_int_equal(catalog_test_problems(6, &cat, first, sizeof first), 0);
	assert_int_equal(catalog_test_problems(999, &cat, first, sizeof first), 1);
	assert_non_null(strstr(first, "inv[0].itms[0]"));
	assert_non_null(strstr(first, "999"));

	assert_true(afcq_catalog_tspair_known(&cat, 19, 21));
	assert_false(afcq_catalog_tspair_known(&cat, 21, 19));
	assert_true(afcq_catalog_tspair_known(&cat, 59, AFCQ_TSPAIR_ANY));
	assert_false(afcq_catalog_tspair_known(&cat, 58, AFCQ_TSPAIR_ANY));
	assert_true(afcq_catalog_tspair_known(&cat, AFCQ_TSPAIR_ANY, 620));
	afcq_catalog_done(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_endpoint_key_drops_credentials),
		cmocka_unit_test(test_cache_dir_from_environment),
		cmocka_unit_test(test_cache_round_trip),
		cmocka_unit_test(test_pairs_reader),
		cmocka_unit_test(test_freshness_and_age_text),
		cmocka_unit_test(test_search_ranking),
		cmocka_unit_test(test_inputs_from_bits),
		cmocka_unit_test(test_validation_hook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
