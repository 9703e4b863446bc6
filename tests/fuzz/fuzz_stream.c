/* fuzz_stream.c - the streaming answer decoder (stream.h) against the tree
 * codec.
 *
 * For any input:
 *  - when the stream decodes it, the tree codec decodes it too, to the
 *    same model (emitted, both give the same text): a front end that
 *    streams shows what the tree would have shown;
 *  - fed in pieces (the input's first byte picks the size), the stream
 *    gives the same verdict and the same model as fed whole;
 *  - letting each item go as it completes keeps the totals' tax count;
 *  - every refusal carries a one-line message.
 *  - read as a CalcTaxes request (afcq_stream_decode_request), the same:
 *    what it decodes, afcq_codec_parse_request decodes to the same model;
 *  - an answer (a request) that decodes is written by the direct writer
 *    (afcq_codec_response_dump, afcq_codec_request_dump compact) as its
 *    tree is dumped, byte for byte;
 *  - the pretty-printer (afcq_pretty) takes any input in pieces without a
 *    crash or a leak, and says why when it refuses.
 * The tree codec may read more (the relaxed syntax, repeated keys): then
 * the stream refuses, and the caller falls back on the tree.
 */
#include "fuzzlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/money.h"
#include "afcq/stream.h"

static char *model(const struct afcq_response *r)
{
	return fuzz_dump(afcq_codec_response_to_json(r));
}

static bool let_go(void *ud, const struct afcq_stream_event *ev)
{
	(void)ud;
	(void)ev;
	return true;
}

static enum afcq_status in_pieces(const char *text, size_t size, size_t step,
				  struct afcq_response *out, bool release, struct afcq_error *err)
{
	struct afcq_stream *s = afcq_stream_new(out, release ? let_go : NULL, NULL, NULL);
	enum afcq_status st = AFCQ_OK;
	for (size_t at = 0; at < size && st == AFCQ_OK; at += step)
		st = afcq_stream_feed(s, text + at, size - at < step ? size - at : step, err);
	if (st == AFCQ_OK)
		st = afcq_stream_finish(s, err);
	afcq_stream_free(s);
	return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct afcq_response streamed = { 0 }, tree = { 0 }, pieces = { 0 }, released = { 0 };
	struct afcq_error err;

	afcq_error_clear(&err);
	enum afcq_status st = afcq_stream_decode(text, size, &streamed, &err);
	if (st != AFCQ_OK)
		fuzz_check_error(st, &err);

	size_t step = size ? (size_t)(data[0] % 13) + 1 : 1;
	afcq_error_clear(&err);
	enum afcq_status pst = in_pieces(text, size, step, &pieces, false, &err);
	fuzz_check(pst == st, "same verdict fed in pieces", NULL, NULL);

	if (st == AFCQ_OK) {
		afcq_error_clear(&err);
		enum afcq_status tst = afcq_codec_parse_response(text, size, &tree, &err);
		char *a = model(&streamed);
		fuzz_check(tst == AFCQ_OK, "the tree codec decodes what the stream decoded", a,
			   err.msg);
		char *b = model(&tree);
		fuzz_same_text("streamed == tree", a, b);
		char *c = model(&pieces);
		fuzz_same_text("streamed whole == in pieces", a, c);

		afcq_error_clear(&err);
		fuzz_check(in_pieces(text, size, step, &released, true, &err) == AFCQ_OK,
			   "decodes when items are let go", NULL, err.msg);
		struct afcq_totals t1, t2;
		afcq_money_totals(NULL, &streamed, (size_t)-1, &t1);
		afcq_money_totals(NULL, &released, (size_t)-1, &t2);
		fuzz_check(t1.n_taxes == t2.n_taxes && t1.n_errors == t2.n_errors,
			   "letting items go keeps the count of taxes", a, NULL);
		free(a);
		free(b);
		free(c);
	}
	if (st == AFCQ_OK) {
		/* The direct writer, against the tree and its dump. */
		for (int flags = 0; flags <= AFCQ_JSON_WHOLE_BARE; flags += AFCQ_JSON_WHOLE_BARE) {
			json_t *j = afcq_codec_response_to_json(&tree);
			char *want = afcq_json_dump(j, flags);
			json_decref(j);
			char *got = afcq_codec_response_dump(&tree, flags);
			fuzz_same_text("direct writer == tree dump", want, got);
			free(want);
			free(got);
		}
	}

	struct afcq_request rs, rt;
	afcq_request_init(&rs);
	afcq_request_init(&rt);
	afcq_error_clear(&err);
	if (afcq_stream_decode_request(text, size, &rs, &err) == AFCQ_OK) {
		afcq_error_clear(&err);
		enum afcq_status tst = afcq_codec_parse_request(text, size, &rt, &err);
		char *a = afcq_codec_request_dump(&rs, AFCQ_JSON_COMPACT);
		fuzz_check(tst == AFCQ_OK, "the tree codec decodes the request the stream decoded",
			   a, err.msg);
		char *b = afcq_codec_request_dump(&rt, AFCQ_JSON_COMPACT);
		fuzz_same_text("streamed request == tree", a, b);
		json_t *j = afcq_codec_request_to_json(&rt);
		char *c = afcq_json_dump(j, AFCQ_JSON_COMPACT);
		json_decref(j);
		fuzz_same_text("request writer == tree dump", b, c);
		free(a);
		free(b);
		free(c);
	} else {
		fuzz_check_error(AFCQ_ERR_PARSE, &err);
	}
	afcq_request_done(&rs);
	afcq_request_done(&rt);

	/* The pretty-printer, in the same pieces: whatever it makes of the
	 * input, without a crash, a leak or a refusal without a message. */
	char *out = NULL;
	size_t n_out = 0;
	FILE *f = open_memstream(&out, &n_out);
	if (f) {
		struct afcq_pretty *pp = afcq_pretty_new(f);
		enum afcq_status ps = AFCQ_OK;
		afcq_error_clear(&err);
		for (size_t at = 0; at < size && ps == AFCQ_OK; at += step)
			ps = afcq_pretty_feed(pp, text + at, size - at < step ? size - at : step, &err);
		if (ps == AFCQ_OK)
			ps = afcq_pretty_finish(pp, &err);
		if (ps != AFCQ_OK)
			fuzz_check_error(ps, &err);
		afcq_pretty_free(pp);
		fclose(f);
		free(out);
	}

	afcq_response_done(&streamed);
	afcq_response_done(&tree);
	afcq_response_done(&pieces);
	afcq_response_done(&released);
	return 0;
}
