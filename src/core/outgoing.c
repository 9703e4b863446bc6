#include "afcq/outgoing.h"

/* outgoing.c - a CalcTaxes quote read, checked and encoded one invoice at
 * a time (see outgoing.h). */

#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/str.h"
#include "afcq/stream.h"

/* Invoice i is complete: made a quote's, checked, its charges and pairs
 * kept, written, and its items let go. */
static void invoice_read(void *ud, struct afcq_request *req, size_t i)
{
	struct afcq_outgoing *o = ud;
	struct afcq_invoice *inv = &req->inv[i];
	inv->cmmt = (struct afcq_obool){ .set = true, .v = false };
	afcq_validation_invoice(o->va, i, inv);
	afcq_charges_add_invoice(&o->charges, inv);
	o->texts = afcq_xrealloc(o->texts, (o->n_texts + 1) * sizeof *o->texts);
	o->texts[o->n_texts++] = afcq_codec_invoice_dump(inv, AFCQ_JSON_COMPACT);
	for (size_t k = 0; k < inv->n_itms; k++)
		afcq_item_done(&inv->itms[k]);
	free(inv->itms);
	inv->itms = NULL;
	inv->n_itms = 0;
}

void afcq_outgoing_init(struct afcq_outgoing *o)
{
	memset(o, 0, sizeof *o);
	o->va = afcq_validation_new();
	o->stream = afcq_stream_new_request_each(&o->req, invoice_read, o);
}

enum afcq_status afcq_outgoing_feed(struct afcq_outgoing *o, const char *data, size_t len,
				    struct afcq_error *err)
{
	if (!o->stream)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "", "the request was read already");
	return afcq_stream_feed(o->stream, data, len, err);
}

enum afcq_status afcq_outgoing_finish(struct afcq_outgoing *o, struct afcq_error *err)
{
	if (!o->stream)
		return afcq_error_set(err, AFCQ_ERR_USAGE, "", "the request was read already");
	enum afcq_status st = afcq_stream_finish(o->stream, err);
	afcq_stream_free(o->stream);
	o->stream = NULL;
	if (st != AFCQ_OK)
		return st;
	afcq_validation_finish(o->va, &o->req, &o->problems, &o->pairs);
	o->va = NULL;
	/* every invoice was written apart as it was read */
	if (o->n_texts != o->req.n_inv)
		return afcq_error_set(err, AFCQ_ERR_PARSE, "inv", "an invoice was not read whole");
	if (o->problems.n == 0)
		o->body = afcq_codec_request_dump_invoices(&o->req, o->texts, AFCQ_JSON_COMPACT);
	return AFCQ_OK;
}

void afcq_outgoing_done(struct afcq_outgoing *o)
{
	if (!o)
		return;
	afcq_stream_free(o->stream);
	if (o->va) {
		struct afcq_problems unused = { 0 };
		afcq_validation_finish(o->va, &o->req, &unused, NULL);
		afcq_problems_done(&unused);
	}
	afcq_request_done(&o->req);
	free(o->body);
	afcq_charges_done(&o->charges);
	afcq_item_pairs_done(&o->pairs);
	afcq_problems_done(&o->problems);
	for (size_t i = 0; i < o->n_texts; i++)
		free(o->texts[i]);
	free(o->texts);
	memset(o, 0, sizeof *o);
}
