/* fuzz_request.c - the relaxed request reader and the request decoders.
 *
 * For any input:
 *  - strict JSON without a repeated key reads through the relaxed reader
 *    as the very value jansson reads (relaxing leaves strict text alone);
 *  - what the relaxed reader reads, written by afcq_json_dump (compact
 *    and indented), reads back as the same value;
 *  - a CalcTaxes request that decodes round-trips: emitted, decoded again
 *    and emitted, it gives the same text; its indented form and a deep copy
 *    give that text too; the validator runs over it;
 *  - the same for a Commit request;
 *  - every refusal carries a one-line message.
 */
#include "fuzzlib.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/validate.h"

static void check_reader(const char *text, size_t len)
{
	json_error_t je;
	json_t *strict = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &je);
	json_t *relaxed = NULL;
	struct afcq_error err;

	afcq_error_clear(&err);
	enum afcq_status st = afcq_json_parse(text, len, &relaxed, &err);
	if (strict) {
		fuzz_check(st == AFCQ_OK, "strict JSON is refused by the relaxed reader",
			   err.msg, NULL);
		fuzz_same_json("the relaxed reader changes strict JSON", strict,
			       json_incref(relaxed));
	}
	if (st != AFCQ_OK) {
		fuzz_check_error(st, &err);
		return;
	}
	for (int flags = AFCQ_JSON_COMPACT; flags <= AFCQ_JSON_PRETTY; flags++) {
		char *dump = afcq_json_dump(relaxed, flags);
		json_t *again = NULL;

		fuzz_check(afcq_json_parse(dump, strlen(dump), &again, NULL) == AFCQ_OK,
			   "afcq_json_dump wrote text the reader refuses", dump, NULL);
		fuzz_same_json("afcq_json_dump does not round-trip", json_incref(relaxed), again);
		free(dump);
	}
	json_decref(relaxed);
}

FUZZ_DECODER(request, struct afcq_request, afcq_codec_parse_request, afcq_codec_request_to_json,
	     afcq_request_done);
FUZZ_DECODER(commit_request, struct afcq_commit_request, afcq_codec_parse_commit_request,
	     afcq_codec_commit_request_to_json, afcq_commit_request_done);

/* Decodes text (an emitted form of a request) and checks it emits c1. */
static void check_emitted(const char *what, const char *text, const char *c1)
{
	struct afcq_request r;

	afcq_request_init(&r);
	fuzz_check(afcq_codec_parse_request(text, strlen(text), &r, NULL) == AFCQ_OK, what, text,
		   NULL);
	char *c2 = afcq_codec_request_dump(&r, AFCQ_JSON_COMPACT);
	fuzz_same_text(what, c1, c2);
	free(c2);
	afcq_request_done(&r);
}

/* A decoded request: its indented form and a deep copy give the same
 * compact text; the validator runs over it. */
static void request_more(const void *v, const char *emitted)
{
	const struct afcq_request *r = v;
	struct afcq_request copy;
	struct afcq_problems probs = { 0 };
	char *pretty = afcq_codec_request_dump(r, AFCQ_JSON_PRETTY);

	check_emitted("an indented request decodes differently", pretty, emitted);
	free(pretty);
	afcq_request_init(&copy);
	fuzz_check(afcq_request_copy(&copy, r) == 0, "afcq_request_copy failed", NULL, NULL);
	char *c2 = afcq_codec_request_dump(&copy, AFCQ_JSON_COMPACT);
	fuzz_same_text("a copied request differs", emitted, c2);
	free(c2);
	afcq_request_done(&copy);
	afcq_validate_request(r, NULL, NULL, &probs);
	afcq_problems_done(&probs);
}

static void commit_more(const void *v, const char *emitted)
{
	struct afcq_problems probs = { 0 };

	afcq_validate_commit(v, &probs);
	afcq_problems_done(&probs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	check_reader(text, size);
	fuzz_round_trip(&request, text, size, request_more);
	fuzz_round_trip(&commit_request, text, size, commit_more);
	return 0;
}
