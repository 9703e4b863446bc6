/* fuzz_answer.c - the CalcTaxes and Commit answer decoders.
 *
 * For any input (an answer as a server might send it):
 *  - an answer that decodes round-trips: emitted, decoded again and
 *    emitted, it gives the same text;
 *  - what the workstation computes from an answer alone (totals, each
 *    tax's explanation and rate, amounts to the cent) never fails;
 *  - the same round trip for a Commit answer;
 *  - every refusal carries a one-line message.
 */
#include "fuzzlib.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/money.h"

static void show_taxes(const struct afcq_tax *t, size_t n)
{
	char buf[160];

	for (size_t i = 0; i < n; i++) {
		afcq_money_explain(&t[i], buf, sizeof(buf));
		afcq_rate_format(t[i].calc, t[i].rate, buf, sizeof(buf));
		afcq_money_format(t[i].tax, buf, sizeof(buf));
		afcq_number_format(t[i].tm, buf, sizeof(buf));
	}
}

static void show_answer(const struct afcq_response *r)
{
	struct afcq_totals tot;
	char buf[64];

	for (size_t i = 0; i < r->n_inv; i++) {
		const struct afcq_invoice_result *inv = &r->inv[i];

		for (size_t j = 0; j < inv->n_itms; j++)
			show_taxes(inv->itms[j].txs, inv->itms[j].n_txs);
		for (size_t j = 0; j < inv->n_summ; j++) {
			afcq_money_format(inv->summ[j].tax, buf, sizeof(buf));
			afcq_money_format(inv->summ[j].tchg, buf, sizeof(buf));
		}
		afcq_money_totals(NULL, r, i, &tot);
	}
	afcq_money_totals(NULL, r, (size_t)-1, &tot);
	afcq_money_format(tot.billable, buf, sizeof(buf));
	afcq_money_format(tot.total_due, buf, sizeof(buf));
}

static void check_response(const char *text, size_t len)
{
	struct afcq_response r1, r2;
	struct afcq_error err;

	afcq_response_init(&r1);
	afcq_response_init(&r2);
	afcq_error_clear(&err);
	enum afcq_status st = afcq_codec_parse_response(text, len, &r1, &err);
	if (st != AFCQ_OK) {
		fuzz_check_error(st, &err);
		return;
	}
	char *c1 = fuzz_dump(afcq_codec_response_to_json(&r1));

	fuzz_check(afcq_codec_parse_response(c1, strlen(c1), &r2, NULL) == AFCQ_OK,
		   "an emitted answer does not decode", c1, NULL);
	char *c2 = fuzz_dump(afcq_codec_response_to_json(&r2));
	fuzz_same_text("an answer does not round-trip", c1, c2);
	show_answer(&r1);
	free(c1);
	free(c2);
	afcq_response_done(&r2);
	afcq_response_done(&r1);
}

static void check_commit_response(const char *text, size_t len)
{
	struct afcq_commit_response r1 = { 0 }, r2 = { 0 };
	struct afcq_error err;

	afcq_error_clear(&err);
	enum afcq_status st = afcq_codec_parse_commit_response(text, len, &r1, &err);
	if (st != AFCQ_OK) {
		fuzz_check_error(st, &err);
		return;
	}
	char *c1 = fuzz_dump(afcq_codec_commit_response_to_json(&r1));

	fuzz_check(afcq_codec_parse_commit_response(c1, strlen(c1), &r2, NULL) == AFCQ_OK,
		   "an emitted commit answer does not decode", c1, NULL);
	fuzz_same_json("a commit answer does not round-trip",
		       afcq_codec_commit_response_to_json(&r1),
		       afcq_codec_commit_response_to_json(&r2));
	free(c1);
	afcq_commit_response_done(&r2);
	afcq_commit_response_done(&r1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	check_response(text, size);
	check_commit_response(text, size);
	return 0;
}
