/* outgoing.h - a CalcTaxes quote read, checked and encoded one invoice at
 * a time, so that a long request's model is never held whole.
 *
 * A line item's model (struct afcq_item) is several times its text: 100,000
 * items take 63 MB as a model and 8.9 MB as text.  An outgoing quote is fed
 * the request's text in pieces (stream.h decodes it); as each invoice is
 * complete it gets cmmt false (a quote never commits), is checked
 * (validate.h, one invoice at a time), keeps what is needed of its items
 * once sent (their charges for the total due, money.h; their T/S pairs for
 * a catalog's check), is written as the text that goes out, and lets its
 * items go.  Held at any time: the request without its items, the text
 * written so far, 48 bytes an item, and the invoice being read.
 *
 * Use: afcq_outgoing_init; afcq_outgoing_feed with each piece;
 * afcq_outgoing_finish; if o->problems is empty, send it
 * (afcq_api_calc_outgoing, api.h); afcq_outgoing_done.  What the stream
 * refuses (the relaxed syntax of the documentation, see stream.h) is
 * AFCQ_ERR_PARSE from feed or finish: read the whole text with the tree
 * codec instead.
 */
#ifndef AFCQ_OUTGOING_H
#define AFCQ_OUTGOING_H

#include <stddef.h>

#include "afcq/error.h"
#include "afcq/model.h"
#include "afcq/money.h"
#include "afcq/validate.h"

struct afcq_stream;

struct afcq_outgoing {
	/* Filled by afcq_outgoing_finish (AFCQ_OK); the owner may take them
	 * (leaving them empty) before afcq_outgoing_done. */
	struct afcq_request req;        /* the request without its invoices' items */
	char *body;                     /* the request as it goes out (compact);
					 * NULL when problems is not empty */
	struct afcq_charges charges;    /* its items' charges, per invoice */
	struct afcq_item_pairs pairs;   /* its items' T/S pairs a catalog checks */
	struct afcq_problems problems;  /* what afcq_validate_request finds, in
					 * its order (no pair hook) */
	/* private */
	struct afcq_stream *stream;
	struct afcq_validation *va;
	char **texts;                   /* each invoice's text, in order */
	size_t n_texts;
};

/* Zeroes o and starts reading. */
void afcq_outgoing_init(struct afcq_outgoing *o);
/* The next len bytes of the request's text: AFCQ_OK, or AFCQ_ERR_PARSE
 * with the stream's reason in *err (then read the text another way). */
enum afcq_status afcq_outgoing_feed(struct afcq_outgoing *o, const char *data, size_t len,
				    struct afcq_error *err);
/* Ends the text: AFCQ_OK with the fields above filled (problems says
 * whether it may be sent), or AFCQ_ERR_PARSE as for feed. */
enum afcq_status afcq_outgoing_finish(struct afcq_outgoing *o, struct afcq_error *err);
/* Frees whatever o still holds and zeroes it. */
void afcq_outgoing_done(struct afcq_outgoing *o);

#endif
