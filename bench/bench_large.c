/* bench_large.c - how long the core takes on a 10,000-item invoice.
 *
 * Builds a request of one invoice with 10,000 items and a response for it
 * with 3 taxes per item, then times, with clock_gettime(CLOCK_MONOTONIC):
 * request validation, request encoding and parsing, response encoding,
 * response parsing (the codec on the text a server would send) and
 * afcq_money_totals.  Each operation runs several times; the minimum and
 * the median are printed in milliseconds.  With the sandbox available
 * (afcq-sandbox beside this program or on PATH) it also times whole
 * CalcTaxes round trips of the 10,000-item request.
 *
 * A benchmark, never a test: it asserts only that the work was done (item
 * and tax counts), and its numbers belong in bench/README.md.
 *
 *   bench_large [-n ITEMS] [-r REPEATS] [--no-sandbox]
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "afcq/api.h"
#include "afcq/client.h"
#include "afcq/codec.h"
#include "afcq/money.h"
#include "afcq/sandbox_launch.h"
#include "afcq/str.h"
#include "afcq/validate.h"

struct opts {
	size_t items;
	int repeats;
	bool sandbox;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	printf("%-34s min %9.2f ms   median %9.2f ms   (%d runs)\n", what, ms[0], ms[n / 2], n);
}

/* One invoice billed to Dallas, TX (PCode 3726100): VoIP access charges
 * (T/S 19/6) of 10.00 to 19.99, one per item. */
static void build_request(struct afcq_request *r, size_t items)
{
	afcq_request_init(r);
	r->cmpn.present = true;
	r->cmpn.bscl = (struct afcq_oint){ true, 0 };
	r->cmpn.svcl = (struct afcq_oint){ true, 0 };
	r->cmpn.fclt = (struct afcq_obool){ true, true };
	r->cmpn.frch = (struct afcq_obool){ true, false };
	r->cmpn.reg = (struct afcq_obool){ true, true };
	int i = afcq_request_add_invoice(r);
	struct afcq_invoice *inv = &r->inv[i];
	inv->doc = afcq_xstrdup("BENCH-10K");
	inv->cmmt = (struct afcq_obool){ true, false };
	inv->bill.present = true;
	inv->bill.pcd = (struct afcq_oint){ true, 3726100 };
	inv->cust = (struct afcq_oint){ true, 0 };
	inv->date = afcq_xstrdup("2022-03-02");
	inv->invm = (struct afcq_obool){ true, true };
	inv->dtl = (struct afcq_obool){ true, true };
	inv->summ = (struct afcq_obool){ true, true };
	inv->itms = afcq_xcalloc(items, sizeof *inv->itms);
	inv->n_itms = items;
	for (size_t k = 0; k < items; k++) {
		struct afcq_item *it = &inv->itms[k];
		it->ref = afcq_xasprintf("item-%zu", k);
		it->chg = (struct afcq_odbl){ true, 10.0 + (double)(k % 1000) / 100.0 };
		it->line = (struct afcq_oint){ true, 0 };
		it->sale = (struct afcq_oint){ true, 1 };
		it->tran = (struct afcq_oint){ true, 19 };
		it->serv = (struct afcq_oint){ true, 6 };
	}
}

static void set_tax(struct afcq_tax *t, double chg, int tid, int lvl, const char *name, double rate)
{
	t->bill = true;
	t->cmpl = true;
	t->tm = chg;
	t->calc = 1;
	t->cat = afcq_xstrdup("SALES AND USE TAXES");
	t->cid = 1;
	t->name = afcq_xstrdup(name);
	t->pcd = 3726100;
	t->rate = rate;
	t->tax = chg * rate;
	t->lvl = lvl;
	t->tid = tid;
}

/* The answer shape a server gives: every item with 3 taxes (state, county,
 * city sales tax). */
static void build_response(struct afcq_response *r, const struct afcq_request *req)
{
	afcq_response_init(r);
	const struct afcq_invoice *inv = &req->inv[0];
	r->n_inv = 1;
	r->inv = afcq_xcalloc(1, sizeof *r->inv);
	struct afcq_invoice_result *ir = &r->inv[0];
	ir->doc = afcq_xstrdup(inv->doc);
	ir->n_itms = inv->n_itms;
	ir->itms = afcq_xcalloc(inv->n_itms, sizeof *ir->itms);
	for (size_t k = 0; k < inv->n_itms; k++) {
		struct afcq_item_result *res = &ir->itms[k];
		double chg = inv->itms[k].chg.v;
		res->ref = afcq_xstrdup(inv->itms[k].ref);
		res->has_txs = true;
		res->n_txs = 3;
		res->txs = afcq_xcalloc(3, sizeof *res->txs);
		set_tax(&res->txs[0], chg, 1, 1, "Sales Tax", 0.0625);
		set_tax(&res->txs[1], chg, 1, 2, "Sales Tax", 0.005);
		set_tax(&res->txs[2], chg, 1, 3, "Sales Tax", 0.01);
	}
}

static size_t count_taxes(const struct afcq_response *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_inv; i++)
		for (size_t k = 0; k < r->inv[i].n_itms; k++)
			n += r->inv[i].itms[k].n_txs;
	return n;
}

static int die(const char *what, const struct afcq_error *err)
{
	char line[1024];
	fprintf(stderr, "bench_large: %s: %s\n", what, afcq_error_line(err, line, sizeof line));
	return 1;
}

static int bench_core(const struct opts *o, const struct afcq_request *req)
{
	int n = o->repeats;
	double *ms = afcq_xcalloc((size_t)n, sizeof *ms);
	struct afcq_error err;

	for (int i = 0; i < n; i++) {
		struct afcq_problems pr = { 0 };
		double t = now_ms();
		size_t k = afcq_validate_request(req, NULL, NULL, &pr);
		ms[i] = now_ms() - t;
		afcq_problems_done(&pr);
		if (k) {
			fprintf(stderr, "bench_large: the request is not valid (%zu problems)\n", k);
			return 1;
		}
	}
	report("validate request", ms, n);

	char *req_text = NULL;
	for (int i = 0; i < n; i++) {
		free(req_text);
		double t = now_ms();
		req_text = afcq_codec_request_dump(req, AFCQ_JSON_COMPACT);
		ms[i] = now_ms() - t;
	}
	report("encode request", ms, n);
	for (int i = 0; i < n; i++) {
		struct afcq_request back = { 0 };
		double t = now_ms();
		enum afcq_status st = afcq_codec_parse_request(req_text, strlen(req_text), &back, &err);
		ms[i] = now_ms() - t;
		if (st != AFCQ_OK)
			return die("parse request", &err);
		afcq_request_done(&back);
	}
	report("parse request", ms, n);

	struct afcq_response resp;
	build_response(&resp, req);
	char *resp_text = NULL;
	for (int i = 0; i < n; i++) {
		free(resp_text);
		double t = now_ms();
		json_t *j = afcq_codec_response_to_json(&resp);
		resp_text = afcq_json_dump(j, AFCQ_JSON_COMPACT);
		json_decref(j);
		ms[i] = now_ms() - t;
	}
	report("encode response", ms, n);
	afcq_response_done(&resp);

	struct afcq_response parsed = { 0 };
	for (int i = 0; i < n; i++) {
		afcq_response_done(&parsed);
		double t = now_ms();
		enum afcq_status st =
			afcq_codec_parse_response(resp_text, strlen(resp_text), &parsed, &err);
		ms[i] = now_ms() - t;
		if (st != AFCQ_OK)
			return die("parse response", &err);
	}
	report("parse response", ms, n);
	if (count_taxes(&parsed) != o->items * 3) {
		fprintf(stderr, "bench_large: parsed %zu taxes, wanted %zu\n", count_taxes(&parsed),
			o->items * 3);
		return 1;
	}

	struct afcq_totals tot = { 0 };
	for (int i = 0; i < n; i++) {
		double t = now_ms();
		afcq_money_totals(req, &parsed, (size_t)-1, &tot);
		ms[i] = now_ms() - t;
	}
	report("money totals", ms, n);
	char due[64];
	printf("  request %zu bytes, response %zu bytes, %zu taxes, total due %s\n",
	       strlen(req_text), strlen(resp_text), tot.n_taxes,
	       afcq_money_format(tot.total_due, due, sizeof due));

	afcq_response_done(&parsed);
	free(req_text);
	free(resp_text);
	free(ms);
	return 0;
}

static int bench_sandbox(const struct opts *o, const struct afcq_request *req)
{
	const char *args[] = { "--now", "2022-03-15", NULL };
	struct afcq_sandbox_proc sp;
	struct afcq_error err;
	if (afcq_sandbox_start(args, &sp, &err) != AFCQ_OK) {
		char line[1024];
		printf("sandbox round trip: skipped (%s)\n", afcq_error_line(&err, line, sizeof line));
		return 0;
	}
	struct afcq_endpoint ep = { .base_url = sp.url, .timeout_s = 120 };
	struct afcq_client *client = afcq_client_new(&ep);
	struct afcq_api_ctx ctx = { .client = client, .endpoint_label = "sandbox" };
	int n = o->repeats;
	double *ms = afcq_xcalloc((size_t)n, sizeof *ms);
	double *http = afcq_xcalloc((size_t)n, sizeof *http);
	int rc = 0;
	size_t taxes = 0;
	for (int i = 0; i < n && !rc; i++) {
		struct afcq_exchange x = { 0 };
		double t = now_ms();
		enum afcq_status st = afcq_api_calc(&ctx, AFCQ_OP_QUOTE, req, &x, &err);
		ms[i] = now_ms() - t;
		http[i] = x.http.latency_ms;
		taxes = count_taxes(&x.response);
		if (st != AFCQ_OK)
			rc = die("CalcTaxes round trip", &err);
		else if (x.response.n_inv != 1 || x.response.inv[0].n_itms != o->items)
			rc = die("CalcTaxes round trip: wrong number of items", &err);
		afcq_exchange_done(&x);
	}
	if (!rc) {
		report("CalcTaxes round trip (api_calc)", ms, n);
		report("  of which HTTP (client latency)", http, n);
		printf("  %zu items answered with %zu taxes\n", o->items, taxes);
	}
	free(ms);
	free(http);
	afcq_client_free(client);
	afcq_sandbox_stop(&sp);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o = { .items = AFCQ_MAX_ITEMS, .repeats = 7, .sandbox = true };
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			o.items = strtoul(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
			o.repeats = atoi(argv[++i]);
		} else if (strcmp(argv[i], "--no-sandbox") == 0) {
			o.sandbox = false;
		} else {
			fprintf(stderr, "usage: bench_large [-n ITEMS] [-r REPEATS] [--no-sandbox]\n");
			return 2;
		}
	}
	if (o.items < 1 || o.items > AFCQ_MAX_ITEMS || o.repeats < 1 || o.repeats > 1000) {
		fprintf(stderr, "bench_large: ITEMS 1-%d, REPEATS 1-1000\n", AFCQ_MAX_ITEMS);
		return 2;
	}
	printf("bench_large: 1 invoice, %zu items, 3 taxes per item in the response\n", o.items);
	struct afcq_request req;
	build_request(&req, o.items);
	int rc = bench_core(&o, &req);
	if (!rc && o.sandbox)
		rc = bench_sandbox(&o, &req);
	afcq_request_done(&req);
	return rc;
}
