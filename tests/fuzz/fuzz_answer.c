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

static void show_answer(const void *v, const char *emitted)
{
	const struct afcq_response *r = v;
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

FUZZ_DECODER(answer, struct afcq_response, afcq_codec_parse_response,
	     afcq_codec_response_to_json, afcq_response_done);
FUZZ_DECODER(commit_answer, struct afcq_commit_response, afcq_codec_parse_commit_response,
	     afcq_codec_commit_response_to_json, afcq_commit_response_done);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;

	fuzz_round_trip(&answer, text, size, show_answer);
	fuzz_round_trip(&commit_answer, text, size, NULL);
	return 0;
}
