/* fuzz_lookup.c - every look-up decoder: tspairs, taxtype, PCode request
 * and result, serviceinfo.
 *
 * Each input goes to all five decoders.  What decodes round-trips
 * (emitted, decoded again and emitted, it gives the same text), a decoded
 * T/S pair list answers the validator's "is this pair known?" questions,
 * and every refusal carries a one-line message.
 */
#include "fuzzlib.h"

#include "afcq/codec.h"
#include "afcq/validate.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	fuzz_round_trip(&tspairs, text, size, ask_pairs);
	fuzz_round_trip(&taxtypes, text, size, NULL);
	fuzz_round_trip(&pcode_request, text, size, NULL);
	fuzz_round_trip(&pcode_result, text, size, NULL);
	fuzz_round_trip(&service_info, text, size, NULL);
	return 0;
}
