/* api_pending.h - private to the api layer: the pending operation, shared by
 * api.c (checking, encoding, sending) and api_finish.c (taking, decoding,
 * recording). */
#ifndef AFCQ_API_PENDING_H
#define AFCQ_API_PENDING_H

#include <stdbool.h>
#include <stdint.h>

#include "afcq/api.h"
#include "afcq/money.h"
#include "afcq/outgoing.h"

struct afcq_pending {
	enum afcq_op op;
	struct afcq_call *call;
	char *request_body;
	struct afcq_request req;    /* QUOTE / INVOICE: the request as sent */
	struct afcq_charges charges; /* its items' charges once they were let go */
	bool text_go;               /* request_body may go once handed to the call */
	bool text_gone;             /* ...and went (x->posted says it was a POST) */
	char *doc;                  /* COMMIT / UNCOMMIT: the document code */
	int64_t history_id;
};

/* Frees p, its call, the body and the request as sent; NULL is fine. */
void api_pending_free(struct afcq_pending *p);

/* true for the operations never sent unless history records them first
 * (invoices, commits, uncommits). */
bool api_must_record(enum afcq_op op);

/* afcq_api_encode_calc_take; with items_go, the request's line items are
 * let go as they are written, what the total due needs of them kept in
 * p->charges (afcq_api_take hands it on in x->charges). */
struct afcq_pending *api_encode_take(enum afcq_op op, struct afcq_request *req, bool items_go,
				     struct afcq_error *err);

/* A pending quote that takes o's request, body and charges over (o checked
 * and encoded: afcq_outgoing_finish with no problem). */
struct afcq_pending *api_encoded(struct afcq_outgoing *o);

/* AFCQ_ERR_API with the first problem, or AFCQ_OK. */
enum afcq_status api_errors(const struct afcq_exchange *x, struct afcq_error *err);

#endif
