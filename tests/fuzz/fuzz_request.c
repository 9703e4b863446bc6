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

/* Decodes the emitted text again and checks it emits c1 once more. */
static void check_request_text(const char *what, const char *text, const char *c1)
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

static void check_request(const char *text, size_t len)
{
	struct afcq_request r, copy;
	struct afcq_problems probs = { 0 };
	struct afcq_error err;

	afcq_request_init(&r);
	afcq_request_init(&copy);
	afcq_error_clear(&err);
	enum afcq_status st = afcq_codec_parse_request(text, len, &r, &err);
	if (st != AFCQ_OK) {
		fuzz_check_error(st, &err);
		return;
	}
	char *c1 = afcq_codec_request_dump(&r, AFCQ_JSON_COMPACT);
	char *p1 = afcq_codec_request_dump(&r, AFCQ_JSON_PRETTY);

	check_request_text("a request does not round-trip", c1, c1);
	check_request_text("an indented request decodes differently", p1, c1);
	fuzz_check(afcq_request_copy(&copy, &r) == 0, "afcq_request_copy failed", NULL, NULL);
	char *c2 = afcq_codec_request_dump(&copy, AFCQ_JSON_COMPACT);
	fuzz_same_text("a copied request differs", c1, c2);
	free(c2);
	afcq_validate_request(&r, NULL, NULL, &probs);
	afcq_problems_done(&probs);
	free(c1);
	free(p1);
	afcq_request_done(&copy);
	afcq_request_done(&r);
}

static void check_commit_request(const char *text, size_t len)
{
	struct afcq_commit_request r1 = { 0 }, r2 = { 0 };
	struct afcq_problems probs = { 0 };
	struct afcq_error err;

	afcq_error_clear(&err);
	enum afcq_status st = afcq_codec_parse_commit_request(text, len, &r1, &err);
	if (st != AFCQ_OK) {
		fuzz_check_error(st, &err);
		return;
	}
	char *c1 = fuzz_dump(afcq_codec_commit_request_to_json(&r1));

	fuzz_check(afcq_codec_parse_commit_request(c1, strlen(c1), &r2, NULL) == AFCQ_OK,
		   "an emitted commit request does not decode", c1, NULL);
	fuzz_same_json("a commit request does not round-trip",
		       afcq_codec_commit_request_to_json(&r1),
		       afcq_codec_commit_request_to_json(&r2));
	afcq_validate_commit(&r1, &probs);
	afcq_problems_done(&probs);
	free(c1);
	afcq_commit_request_done(&r2);
	afcq_commit_request_done(&r1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	check_reader(text, size);
	check_request(text, size);
	check_commit_request(text, size);
	return 0;
}
