/* api_pending.h - private to the api layer: the pending operation, shared by
 * api.c (checking, encoding, sending) and api_finish.c (taking, decoding,
 * recording). */
#ifndef AFCQ_API_PENDING_H
#define AFCQ_API_PENDING_H

#include <stdbool.h>
#include <stdint.h>

#include "afcq/api.h"

struct afcq_pending {
	enum afcq_op op;
	struct afcq_call *call;
	char *request_body;
	struct afcq_request req;    /* QUOTE / INVOICE: the request as sent */
	char *doc;                  /* COMMIT / UNCOMMIT: the document code */
	int64_t history_id;
};

/* Frees p, its call, the body and the request as sent; NULL is fine. */
void api_pending_free(struct afcq_pending *p);

/* true for the operations never sent unless history records them first
 * (invoices, commits, uncommits). */
bool api_must_record(enum afcq_op op);

/* AFCQ_ERR_API with the first problem, or AFCQ_OK. */
enum afcq_status api_errors(const struct afcq_exchange *x, struct afcq_error *err);

#endif
