/* fuzz_lookup.c - every look-up decoder: tspairs, taxtype, PCode request
 * and result, serviceinfo.
 *
 * Each input goes to all five decoders.  What decodes round-trips
 * (emitted, decoded again and emitted, it gives the same text), a decoded
 * T/S pair list answers the validator's "is this pair known?" questions,
 * and every refusal carries a one-line message.
 */
#include "fuzzlib.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/validate.h"

/* One decoder seen through void pointers; the wrappers below keep every
 * call at its real type. */
struct lookup {
	const char *name;
	size_t size;
	enum afcq_status (*parse)(const char *text, size_t len, void *out, struct afcq_error *err);
	json_t *(*emit)(const void *v);
	void (*done)(void *v);
};

#define LOOKUP(NAME, TYPE, PARSE, EMIT, DONE)                                                   \
	static enum afcq_status NAME##_parse(const char *text, size_t len, void *out,            \
					     struct afcq_error *err)                             \
	{                                                                                        \
		return PARSE(text, len, (TYPE *)out, err);                                       \
	}                                                                                        \
	static json_t *NAME##_emit(const void *v) { return EMIT((const TYPE *)v); }              \
	static void NAME##_done(void *v) { DONE((TYPE *)v); }

LOOKUP(tspairs, struct afcq_tspair_list, afcq_codec_parse_tspairs, afcq_codec_tspairs_to_json,
       afcq_tspair_list_done)
LOOKUP(taxtypes, struct afcq_taxtype_list, afcq_codec_parse_taxtypes,
       afcq_codec_taxtypes_to_json, afcq_taxtype_list_done)
LOOKUP(pcode_request, struct afcq_pcode_request, afcq_codec_parse_pcode_request,
       afcq_codec_pcode_request_to_json, afcq_pcode_request_done)
LOOKUP(pcode_result, struct afcq_pcode_result, afcq_codec_parse_pcode_result,
       afcq_codec_pcode_result_to_json, afcq_pcode_result_done)
LOOKUP(service_info, struct afcq_service_info, afcq_codec_parse_service_info,
       afcq_codec_service_info_to_json, afcq_service_info_done)

#define LOOKUP_ENTRY(NAME, TYPE)                                                                 \
	{ .name = #NAME, .size = sizeof(TYPE), .parse = NAME##_parse, .emit = NAME##_emit,       \
	  .done = NAME##_done }

static const struct lookup lookups[] = {
	LOOKUP_ENTRY(tspairs, struct afcq_tspair_list),
	LOOKUP_ENTRY(taxtypes, struct afcq_taxtype_list),
	LOOKUP_ENTRY(pcode_request, struct afcq_pcode_request),
	LOOKUP_ENTRY(pcode_result, struct afcq_pcode_result),
	LOOKUP_ENTRY(service_info, struct afcq_service_info),
};

static void ask_pairs(const struct afcq_tspair_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		afcq_tspair_list_known((void *)l, l->v[i].tran, l->v[i].serv);
		afcq_tspair_list_known((void *)l, l->v[i].tran, AFCQ_TSPAIR_ANY);
	}
	afcq_tspair_list_known((void *)l, AFCQ_TSPAIR_ANY, AFCQ_TSPAIR_ANY);
}

static void check_lookup(const struct lookup *lk, const char *text, size_t len)
{
	void *v1 = calloc(1, lk->size), *v2 = calloc(1, lk->size);
	struct afcq_error err;

	fuzz_check(v1 && v2, "out of memory", lk->name, NULL);
	afcq_error_clear(&err);
	enum afcq_status st = lk->parse(text, len, v1, &err);
	if (st != AFCQ_OK) {
		fuzz_check_error(st, &err);
	} else {
		char *c1 = fuzz_dump(lk->emit(v1));

		fuzz_check(lk->parse(c1, strlen(c1), v2, NULL) == AFCQ_OK,
			   "an emitted look-up does not decode", lk->name, c1);
		char *c2 = fuzz_dump(lk->emit(v2));
		fuzz_same_text(lk->name, c1, c2);
		if (lk->parse == tspairs_parse)
			ask_pairs(v1);
		free(c1);
		free(c2);
	}
	lk->done(v1);
	lk->done(v2);
	free(v1);
	free(v2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++)
		check_lookup(&lookups[i], (const char *)data, size);
	return 0;
}
