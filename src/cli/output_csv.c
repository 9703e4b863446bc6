/* output_csv.c - one CSV row per tax, for spreadsheets and scripts.
 *
 * Header: scope,doc,ref,tid,name,cat,cid,lvl,pcd,calc,rate,base,lns,min,exm,
 * bill,cmpl,sur,tax.  scope is "item" (base = tm), "bridge" (a bridge
 * participant's tax, after its item's; ref is the participant's) or
 * "summary" (base = tchg; ref, bill and cmpl empty; min is the bracket's
 * lower bound).  A
 * "NO TAX" placeholder row leaves empty the fields it does not have (cid,
 * lvl, calc, rate, base, lns, min, exm): an lvl of 0 would say Federal.
 * Numbers keep full precision (the shortest digits that read back to the
 * same double); fields are quoted as RFC 4180 says.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"

static const char header[] =
	"scope,doc,ref,tid,name,cat,cid,lvl,pcd,calc,rate,base,lns,min,exm,bill,cmpl,sur,tax";

void cli_csv_field(FILE *f, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

void cli_csv_next(FILE *f, const char *s)
{
	cli_csv_field(f, s);
	fputc(',', f);
}

static void num(FILE *f, double v)
{
	char b[64];
	fputc(',', f);
	fputs(afcq_number_format(v, b, sizeof b), f);
}

/* ",N": integers are written without printf, a few thousand rows a
 * second's worth of instructions fewer (a 10,000-item answer has 60,000). */
static void integer(FILE *f, long long v)
{
	char b[24];
	char *p = b + sizeof b;
	*--p = '\0';
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		*--p = '-';
	*--p = ',';
	fputs(p, f);
}

static void str(FILE *f, const char *s)
{
	fputc(',', f);
	cli_csv_field(f, s);
}

static const char *flag(bool b)
{
	return b ? "true" : "false";
}

/* One row in the header's column order; flags is "bill,cmpl,sur" as
 * written. */
struct row {
	const char *scope, *doc, *ref;
	int tid;
	const char *name, *cat;
	int cid, lvl;
	long long pcd;
	int calc;
	double rate, base;
	long long lns;
	double min, exm;
	const char *flags;
	double tax;
	bool placeholder;  /* "NO TAX" row: no cid lvl calc rate base lns min exm */
};

static void put_row(FILE *f, const struct row *r)
{
	fputs(r->scope, f);
	str(f, r->doc);
	str(f, r->ref);
	integer(f, r->tid);
	str(f, r->name);
	str(f, r->cat);
	if (r->placeholder) {
		fputs(",,", f);
		integer(f, r->pcd);
		fputs(",,,,,,", f);
	} else {
		integer(f, r->cid);
		integer(f, r->lvl);
		integer(f, r->pcd);
		integer(f, r->calc);
		num(f, r->rate);
		num(f, r->base);
		integer(f, r->lns);
		num(f, r->min);
		num(f, r->exm);
	}
	fputc(',', f);
	fputs(r->flags, f);
	num(f, r->tax);
	fputc('\n', f);
}

static void item_row(FILE *f, const char *scope, const char *doc, const char *ref,
		     const struct afcq_tax *t)
{
	/* "bill,cmpl,sur", each true or false */
	static const char *const flag_sets[8] = {
		"false,false,false", "false,false,true", "false,true,false", "false,true,true",
		"true,false,false",  "true,false,true",  "true,true,false",  "true,true,true",
	};
	const char *flags = flag_sets[(t->bill ? 4 : 0) | (t->cmpl ? 2 : 0) | (t->sur ? 1 : 0)];
	put_row(f, &(struct row){ scope, doc, ref, t->tid, t->name, t->cat, t->cid, t->lvl,
				  t->pcd, t->calc, t->rate, t->tm, t->lns, t->min, t->exm, flags,
				  t->tax, afcq_tax_is_placeholder(t) });
}

static void summary_row(FILE *f, const char *doc, const struct afcq_summary *s)
{
	char flags[32];
	snprintf(flags, sizeof flags, ",,%s", flag(s->sur));
	put_row(f, &(struct row){ "summary", doc, "", s->tid, s->name, s->cat, s->cid, s->lvl,
				  s->pcd, s->calc, s->rate, s->tchg, s->lns, s->min, s->exm, flags,
				  s->tax, false });
}

static void put_header(struct cli_csv_stream *c)
{
	if (!c->header)
		fprintf(c->f, "%s\n", header);
	c->header = true;
}

/* Prints items [c->item, upto) of invoice c->inv. */
static void put_items(struct cli_csv_stream *c, const struct afcq_invoice_result *inv,
		      size_t upto)
{
	const char *doc = inv->doc ? inv->doc : "";
	for (; c->item < upto && c->item < inv->n_itms; c->item++) {
		const struct afcq_item_result *it = &inv->itms[c->item];
		for (size_t t = 0; t < it->n_txs; t++)
			item_row(c->f, "item", doc, it->ref, &it->txs[t]);
		for (size_t b = 0; b < it->n_brdg; b++)
			for (size_t t = 0; t < it->brdg[b].n_txs; t++)
				item_row(c->f, "bridge", doc, it->brdg[b].ref, &it->brdg[b].txs[t]);
	}
}

/* Prints the rest of invoice c->inv, its summary rows, and moves on. */
static void put_invoice_rest(struct cli_csv_stream *c, const struct afcq_response *resp)
{
	const struct afcq_invoice_result *inv = &resp->inv[c->inv];
	put_items(c, inv, inv->n_itms);
	const char *doc = inv->doc ? inv->doc : "";
	for (size_t k = 0; k < inv->n_summ; k++)
		summary_row(c->f, doc, &inv->summ[k]);
	c->inv++;
	c->item = 0;
}

void cli_csv_stream_init(struct cli_csv_stream *c, FILE *f, size_t settled)
{
	*c = (struct cli_csv_stream){ .f = f, .settled = settled };
}

bool cli_csv_stream_item(void *ud, const struct afcq_stream_event *ev)
{
	struct cli_csv_stream *c = ud;
	const struct afcq_invoice_result *inv = &ev->resp->inv[ev->inv];
	/* Not final yet, or the doc every row carries may still come. */
	if (ev->fed <= c->settled || !inv->doc)
		return false;
	put_header(c);
	while (c->inv < ev->inv)
		put_invoice_rest(c, ev->resp);
	put_items(c, inv, ev->item + 1);
	return true;
}

bool cli_csv_stream_invoice(void *ud, const struct afcq_stream_event *ev)
{
	struct cli_csv_stream *c = ud;
	if (ev->fed <= c->settled)
		return false;
	put_header(c);
	while (c->inv <= ev->inv)
		put_invoice_rest(c, ev->resp);
	return true;
}

void cli_csv_stream_end(struct cli_csv_stream *c, const struct afcq_response *resp)
{
	put_header(c);
	while (c->inv < resp->n_inv)
		put_invoice_rest(c, resp);
}

void cli_csv_calc(FILE *f, const struct afcq_response *resp)
{
	struct cli_csv_stream c;
	cli_csv_stream_init(&c, f, 0);
	cli_csv_stream_end(&c, resp);
}
