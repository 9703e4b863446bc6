/* fuzz_lookup.c - every look-up decoder: tspairs, taxtype, PCode request
 * and result, serviceinfo, and the catalog cache file.
 *
 * Each input goes to all five decoders.  What decodes round-trips
 * (emitted, decoded again and emitted, it gives the same text), a decoded
 * T/S pair list answers the validator's "is this pair known?" questions,
 * and every refusal carries a one-line message.
 *
 * The input is also written as the catalog cache file of one endpoint in a
 * private folder (made once, removed at exit) and read with
 * afcq_catalog_read_cache: a catalog read from it, written back and read
 * again, holds the same lists and fetch time.
 */
#include "fuzzlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afcq/catalog.h"
#include "afcq/codec.h"
#include "afcq/str.h"
#include "afcq/validate.h"

static const char endpoint[] = "https://fuzz.example";

/* The cache folder and file, set once by LLVMFuzzerInitialize. */
static char *cache_dir, *cache_file;

FUZZ_DECODER(tspairs, struct afcq_tspair_list, afcq_codec_parse_tspairs,
	     afcq_codec_tspairs_to_json, afcq_tspair_list_done);
FUZZ_DECODER(taxtypes, struct afcq_taxtype_list, afcq_codec_parse_taxtypes,
	     afcq_codec_taxtypes_to_json, afcq_taxtype_list_done);
FUZZ_DECODER(pcode_request, struct afcq_pcode_request, afcq_codec_parse_pcode_request,
	     afcq_codec_pcode_request_to_json, afcq_pcode_request_done);
FUZZ_DECODER(pcode_result, struct afcq_pcode_result, afcq_codec_parse_pcode_result,
	     afcq_codec_pcode_result_to_json, afcq_pcode_result_done);
FUZZ_DECODER(service_info, struct afcq_service_info, afcq_codec_parse_service_info,
	     afcq_codec_service_info_to_json, afcq_service_info_done);

static void ask_pairs(const void *v, const char *emitted)
{
	const struct afcq_tspair_list *l = v;

	for (size_t i = 0; i < l->n; i++) {
		afcq_tspair_list_known((void *)l, l->v[i].tran, l->v[i].serv);
		afcq_tspair_list_known((void *)l, l->v[i].tran, AFCQ_TSPAIR_ANY);
	}
	afcq_tspair_list_known((void *)l, AFCQ_TSPAIR_ANY, AFCQ_TSPAIR_ANY);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

static void remove_cache_dir(void)
{
	unlink(cache_file);
	rmdir(cache_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	struct afcq_error err;

	cache_dir = afcq_xasprintf("%s/afcq-fuzz-cache.XXXXXX", afcq_str_empty(tmp) ? P_tmpdir : tmp);
	fuzz_check(mkdtemp(cache_dir) != NULL, "cannot make a temporary folder", cache_dir, NULL);
	cache_file = afcq_catalog_cache_path(endpoint, cache_dir, &err);
	fuzz_check(cache_file != NULL, "no cache path", err.msg, NULL);
	atexit(remove_cache_dir);
	return 0;
}

/* The lists and fetch time of cat as one text (caller frees). */
static char *catalog_text(const struct afcq_catalog *cat)
{
	char *pairs = fuzz_dump(afcq_codec_tspairs_to_json(&cat->tspairs));
	char *types = fuzz_dump(afcq_codec_taxtypes_to_json(&cat->taxtypes));
	char *all = afcq_xasprintf("%lld %s %s", (long long)cat->fetched, pairs, types);

	free(pairs);
	free(types);
	return all;
}

static void check_cache(const uint8_t *data, size_t size)
{
	struct afcq_catalog cat, again;
	struct afcq_error err;
	FILE *f = fopen(cache_file, "wb");

	fuzz_check(f && fwrite(data, 1, size, f) == size && fclose(f) == 0,
		   "cannot write the cache file", cache_file, NULL);
	afcq_catalog_init(&cat);
	afcq_catalog_init(&again);
	enum afcq_status st = afcq_catalog_read_cache(&cat, endpoint, cache_dir, &err);
	struct afcq_catalog pairs;
	struct afcq_error perr;
	afcq_catalog_init(&pairs);
	enum afcq_status pst = afcq_catalog_read_pairs(&pairs, endpoint, cache_dir, &perr);
	if (pst != AFCQ_OK)
		fuzz_check_error(pst, &perr);
	afcq_catalog_done(&pairs);
	if (st != AFCQ_OK) {
		fuzz_check_error(st, &err);
	} else {
		fuzz_check(afcq_catalog_write_cache(&cat, endpoint, cache_dir, &err) == AFCQ_OK,
			   "cannot write a catalog back", err.msg, NULL);
		fuzz_check(afcq_catalog_read_cache(&again, endpoint, cache_dir, &err) == AFCQ_OK,
			   "a catalog written back does not read", err.msg, NULL);
		char *t1 = catalog_text(&cat), *t2 = catalog_text(&again);
		/* what a catalog the full reader takes holds, the pairs reader
		 * finds too, pair for pair */
		struct afcq_catalog only;
		afcq_catalog_init(&only);
		fuzz_check(afcq_catalog_read_pairs(&only, endpoint, cache_dir, &err) == AFCQ_OK,
			   "a cache the full reader takes is refused by the pairs reader", err.msg,
			   NULL);
		fuzz_check(only.tspairs.n == again.tspairs.n && only.absent == again.absent,
			   "the pairs reader finds other pairs", NULL, NULL);
		for (size_t i = 0; i < only.tspairs.n; i++)
			fuzz_check(only.tspairs.v[i].tran == again.tspairs.v[i].tran &&
					   only.tspairs.v[i].serv == again.tspairs.v[i].serv,
				   "the pairs reader reads a pair differently", NULL, NULL);
		afcq_catalog_done(&only);

		fuzz_same_text("a cached catalog does not round-trip", t1, t2);
		free(t1);
		free(t2);
	}
	afcq_catalog_done(&again);
	afcq_catalog_done(&cat);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	fuzz_round_trip(&tspairs, text, size, ask_pairs);
	fuzz_round_trip(&taxtypes, text, size, NULL);
	fuzz_round_trip(&pcode_request, text, size, NULL);
	fuzz_round_trip(&pcode_result, text, size, NULL);
	fuzz_round_trip(&service_info, text, size, NULL);
	check_cache(data, size);
	return 0;
}
