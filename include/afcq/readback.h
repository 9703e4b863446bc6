/* readback.h - a quote as a rep reads it to the caller.
 *
 * Plain text, one thing a line: the customer (when one is named), the
 * products added, each line item in words (its T/S pair's description when
 * the catalog has it, its charge and lines), each tax to the cent with its
 * name and jurisdiction level, the taxes' total, the charges and the total
 * due.  Taxes are summed over the invoice's items (and bridge
 * participants) by tax type, level and jurisdiction, in full precision,
 * and rounded to the cent once, so "Sales Tax (State) 1.05" reads as the
 * summary pane shows it.  Taxes the customer is not billed for are listed
 * apart.  An invoice the answer holds errors for gets no total: its first
 * error is said instead.
 *
 * The text holds nothing but the quote: no credentials, no endpoint, no
 * phone number; the customer's name only when the caller passes it.
 */
#ifndef AFCQ_READBACK_H
#define AFCQ_READBACK_H

#include <stddef.h>

#include "afcq/model.h"

struct afcq_readback {
	const char *customer;                  /* name, NULL or "": none */
	const char *const *products;           /* products added ("3 x VoIP line"), may be NULL */
	size_t n_products;
	const struct afcq_request *req;        /* the request as sent */
	const struct afcq_response *resp;      /* its answer; NULL: none yet */
	const struct afcq_tspair_list *pairs;  /* descriptions of T/S pairs, may be NULL */
};

/* The read-back text (malloc'd, caller frees), lines ending in '\n'.
 * Never NULL (out of memory exits). */
char *afcq_readback_text(const struct afcq_readback *rb);

#endif
