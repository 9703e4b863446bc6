/* output_table.c - a CalcTaxes answer for people.
 *
 * Per invoice: the document code, per item its taxes (name, level, PCode,
 * rate by calculation type, base, amount to the cent) and errors, the
 * summary rows, then the totals (charges, billable and non-billable taxes,
 * total due).  Amounts are rounded to the cent only here, from the full
 * precision values (money.h); totals are rounded from the full-precision
 * sums, never summed from rounded amounts.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "afcq/money.h"

#define NAME_COL_MIN 20
#define NAME_COL_MAX 56

static int clamp_width(size_t w)
{
	if (w < NAME_COL_MIN)
		return NAME_COL_MIN;
	if (w > NAME_COL_MAX)
		return NAME_COL_MAX;
	return (int)w;
}

static size_t longest_name(const struct afcq_tax *txs, size_t n, size_t w)
{
	for (size_t k = 0; k < n; k++)
		if (txs[k].name && strlen(txs[k].name) > w)
			w = strlen(txs[k].name);
	return w;
}

/* Width of the name column for one invoice: its longest tax name. */
static int name_width(const struct afcq_invoice_result *inv)
{
	size_t w = 0;
	for (size_t i = 0; i < inv->n_itms; i++) {
		const struct afcq_item_result *it = &inv->itms[i];
		w = longest_name(it->txs, it->n_txs, w);
		for (size_t b = 0; b < it->n_brdg; b++)
			w = longest_name(it->brdg[b].txs, it->brdg[b].n_txs, w);
	}
	for (size_t k = 0; k < inv->n_summ; k++) {
		const char *n = inv->summ[k].name;
		if (n && strlen(n) > w)
			w = strlen(n);
	}
	return clamp_width(w);
}

/* The base: lines for per-line taxes, minutes for per-minute ones, else
 * the taxable measure to the cent. */
static const char *base_text(int calc, double tm, long long lns, double min, char *buf, size_t n)
{
	char num[64];
	if (calc == 4 || calc == 8)
		snprintf(buf, n, "%lld line%s", lns, lns == 1 ? "" : "s");
	else if (calc == 3)
		snprintf(buf, n, "%s min", afcq_number_format(min, num, sizeof num));
	else
		afcq_money_format(tm, buf, n);
	return buf;
}

/* rate NULL: no rate of its own ("-"). */
static void tax_row(FILE *f, int w, const char *name, const char *level, long long pcd, int calc,
		    const double *rate, const char *base, double tax, const char *note)
{
	char rbuf[128], abuf[64];
	fprintf(f, "    %-*.*s  %-8s %-8lld %-14s %12s %10s", w, w, name ? name : "", level, pcd,
		rate ? afcq_rate_format(calc, *rate, rbuf, sizeof rbuf) : "-", base,
		afcq_money_format(tax, abuf, sizeof abuf));
	if (note && note[0])
		fprintf(f, "  %s", note);
	fputc('\n', f);
}

static void errors(FILE *f, const char *indent, const struct afcq_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		fprintf(f, "%serror %d: %s\n", indent, e->v[i].code,
			e->v[i].msg ? e->v[i].msg : "");
}

static void tax_rows(FILE *f, int w, const struct afcq_tax *txs, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const struct afcq_tax *t = &txs[k];
		char bbuf[128], note[128] = "";
		if (afcq_tax_is_placeholder(t)) {
			tax_row(f, w, t->name, afcq_tax_level_name(t), t->pcd, t->calc, NULL, "-",
				t->tax, "placeholder: no tax applies");
			continue;
		}
		base_text(t->calc, t->tm, t->lns, t->min, bbuf, sizeof bbuf);
		if (!t->bill)
			snprintf(note, sizeof note, "not billed");
		if (t->exm != 0.0) {
			char ebuf[48];
			size_t used = strlen(note);
			snprintf(note + used, sizeof note - used, "%sexempt %s", used ? ", " : "",
				 afcq_money_format(t->exm, ebuf, sizeof ebuf));
		}
		tax_row(f, w, t->name, afcq_tax_level_name(t), t->pcd, t->calc, &t->rate, bbuf, t->tax,
			note);
	}
}

/* An item: its errors, its taxes, then each bridge participant's. */
static void item(FILE *f, int w, size_t idx, const struct afcq_item *req,
		 const struct afcq_item_result *res)
{
	char cbuf[64];
	fprintf(f, "  Item %zu: %s", idx + 1, res->ref && res->ref[0] ? res->ref : "(no ref)");
	if (req) {
		fprintf(f, " (T/S %lld/%lld, charge %s)", req->tran.v, req->serv.v,
			afcq_money_format(afcq_money_item_charge(req, res), cbuf, sizeof cbuf));
	}
	fputc('\n', f);
	errors(f, "    ", &res->err);
	if (res->n_txs == 0 && res->n_brdg == 0 && res->err.n == 0)
		fputs("    no taxes\n", f);
	tax_rows(f, w, res->txs, res->n_txs);
	for (size_t b = 0; b < res->n_brdg; b++) {
		const struct afcq_bridge_result *br = &res->brdg[b];
		fprintf(f, "    Bridge participant %s (T/S %lld/%lld)\n",
			br->ref && br->ref[0] ? br->ref : "(no ref)", br->tran.v, br->serv.v);
		errors(f, "      ", &br->err);
		if (br->n_txs == 0 && br->err.n == 0)
			fputs("      no taxes\n", f);
		tax_rows(f, w, br->txs, br->n_txs);
	}
}

static void totals(FILE *f, const char *title, const struct afcq_totals *t)
{
	char b[64];
	fprintf(f, "  %s\n", title);
	if (t->n_errors) {
		fputs("    not shown: the answer holds errors\n", f);
		return;
	}
	fprintf(f, "    %-20s %12s\n", "Charges", afcq_money_format(t->charges, b, sizeof b));
	fprintf(f, "    %-20s %12s\n", "Billable taxes", afcq_money_format(t->billable, b, sizeof b));
	fprintf(f, "    %-20s %12s\n", "Non-billable taxes",
		afcq_money_format(t->nonbillable, b, sizeof b));
	fprintf(f, "    %-20s %12s\n", "Total due", afcq_money_format(t->total_due, b, sizeof b));
}

static void invoice(FILE *f, const struct afcq_request *sent, const struct afcq_response *resp,
		    size_t i)
{
	const struct afcq_invoice_result *inv = &resp->inv[i];
	const struct afcq_invoice *rq = sent && i < sent->n_inv ? &sent->inv[i] : NULL;
	int w = name_width(inv);
	fprintf(f, "Invoice %zu of %zu  document %s", i + 1, resp->n_inv,
		inv->doc && inv->doc[0] ? inv->doc : "(none)");
	if (rq && rq->invn && rq->invn[0])
		fprintf(f, "  invoice number %s", rq->invn);
	fputc('\n', f);
	errors(f, "  ", &inv->err);
	fprintf(f, "    %-*s  %-8s %-8s %-14s %12s %10s\n", w, "Tax", "Level", "PCode", "Rate",
		"Base", "Amount");
	for (size_t k = 0; k < inv->n_itms; k++)
		item(f, w, k, rq && k < rq->n_itms ? &rq->itms[k] : NULL, &inv->itms[k]);
	if (inv->has_summ && inv->n_summ) {
		fputs("  Summary\n", f);
		for (size_t k = 0; k < inv->n_summ; k++) {
			const struct afcq_summary *s = &inv->summ[k];
			char bbuf[128], note[128] = "";
			base_text(s->calc, s->tchg, s->lns, 0.0, bbuf, sizeof bbuf);
			if (s->exm != 0.0) {
				char ebuf[48];
				snprintf(note, sizeof note, "exempt %s",
					 afcq_money_format(s->exm, ebuf, sizeof ebuf));
			}
			tax_row(f, w, s->name, afcq_level_name(s->lvl), s->pcd, s->calc, &s->rate, bbuf,
				s->tax, note);
		}
	}
	struct afcq_totals t;
	afcq_money_totals(sent, resp, i, &t);
	totals(f, "Totals", &t);
}

/* Totals over every invoice that came back without errors; failed ones are
 * left out (and said to be), never counted with a partial tax total. */
static void all_invoices(FILE *f, const struct afcq_request *sent, const struct afcq_response *resp)
{
	struct afcq_sum charges = { 0 }, billable = { 0 }, nonbillable = { 0 };
	size_t failed = 0;
	for (size_t i = 0; i < resp->n_inv; i++) {
		struct afcq_totals t;
		afcq_money_totals(sent, resp, i, &t);
		if (t.n_errors) {
			failed++;
			continue;
		}
		afcq_sum_add(&charges, t.charges);
		afcq_sum_add(&billable, t.billable);
		afcq_sum_add(&nonbillable, t.nonbillable);
	}
	struct afcq_totals all = {
		.charges = afcq_sum_value(&charges),
		.billable = afcq_sum_value(&billable),
		.nonbillable = afcq_sum_value(&nonbillable),
		.n_errors = resp->err.n || failed == resp->n_inv,
	};
	struct afcq_sum due = { 0 };
	afcq_sum_add(&due, all.charges);
	afcq_sum_add(&due, all.billable);
	all.total_due = afcq_sum_value(&due);
	fputc('\n', f);
	if (failed)
		fprintf(f, "All %zu invoices (%zu with errors left out)\n", resp->n_inv, failed);
	else
		fprintf(f, "All %zu invoices\n", resp->n_inv);
	totals(f, "Totals", &all);
}

void cli_table_calc(FILE *f, const struct afcq_request *sent, const struct afcq_response *resp)
{
	if (resp->err.n) {
		fputs("Request errors\n", f);
		errors(f, "  ", &resp->err);
	}
	for (size_t i = 0; i < resp->n_inv; i++) {
		if (i)
			fputc('\n', f);
		invoice(f, sent, resp, i);
	}
	if (resp->n_inv > 1)
		all_invoices(f, sent, resp);
}
