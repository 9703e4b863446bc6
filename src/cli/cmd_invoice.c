/* cmd_invoice.c - afcq invoice --number INVN [--doc CODE] [--commit] FILE|-
 * and afcq invoice ... --customer TEXT [--products NAMES]
 *
 * The request is re-sent as an invoice: invn on every invoice, a document
 * code (a fresh one history has never seen when --doc is absent) and cmmt.
 * A document code that history shows was used before is refused before
 * anything is sent, so an invoice is never recorded twice under one code;
 * so is an invoice number whose earlier send to the same endpoint has an
 * unknown outcome (afcq resolve settles it) or reached the service.
 * With --customer the request is the one afcq quote --customer sends for
 * that customer, and history keeps the customer with the invoice.
 */
#include "cli.h"
#include "cli_book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"
#include "afcq/validate.h"

int cmd_invoice(const struct cli_opts *o)
{
	if (afcq_str_empty(o->number))
		return cli_failf(CLI_EXIT_USAGE, "invoice: --number INVN is required");
	if (o->products && !o->customer)
		return cli_failf(CLI_EXIT_USAGE, "invoice: --products goes with --customer");
	int rc = o->customer ? CLI_EXIT_OK : cli_one_file(o);
	if (rc)
		return rc;
	if (strlen(o->number) > AFCQ_MAX_STR)
		return cli_failf(CLI_EXIT_USAGE, "--number: longer than %d bytes", AFCQ_MAX_STR);
	if (o->doc && strlen(o->doc) > AFCQ_MAX_STR)
		return cli_failf(CLI_EXIT_USAGE, "--doc: longer than %d bytes", AFCQ_MAX_STR);
	struct cli_session s = { 0 };
	struct afcq_request sent;
	afcq_request_init(&sent);
	struct afcq_customer c;
	afcq_customer_init(&c);
	char *doc = NULL;
	rc = cli_session_config(&s, o);
	if (!rc)
		rc = cli_session_may_commit(&s, "send an invoice");
	if (!rc)
		rc = o->customer ? cli_customer_request(&s, &c, &sent)
				 : cli_request_load(o->args[0], &sent);
	if (!rc)
		rc = cli_session_open(&s, CLI_NEED_HISTORY);
	/* An earlier send of this number that may have reached the service
	 * (killed while waiting) must be resolved first: no second document. */
	if (!rc)
		rc = cli_invoice_blocked(&s, o->number);
	if (!rc) {
		doc = o->doc ? afcq_xstrdup(o->doc) : afcq_api_new_doc(s.history);
		/* prepared in place: a long request is not held twice */
		afcq_api_make_invoice(&sent, o->number, doc, o->commit);
		/* The code as given, and each per-invoice code derived from it. */
		if (o->doc && afcq_history_doc_used(s.history, o->doc))
			rc = cli_failf(CLI_EXIT_USAGE,
				       "--doc %s: document code already used (see afcq history)",
				       o->doc);
		for (size_t i = 0; !rc && i < sent.n_inv; i++)
			if (afcq_history_doc_used(s.history, sent.inv[i].doc))
				rc = cli_failf(CLI_EXIT_USAGE,
					       "inv[%zu].doc %s: document code already used "
					       "(see afcq history)", i, sent.inv[i].doc);
	}
	if (!rc) {
		rc = cli_calc_send(&s, CLI_NEED_ENDPOINT, AFCQ_OP_INVOICE, &sent);
		/* the table says what the clerk asked for: committed or not */
		for (size_t i = 0; !rc && o->format == CLI_FORMAT_TABLE && i < sent.n_inv; i++)
			if (o->commit)
				printf("Document %s: committed (reported)\n", sent.inv[i].doc);
			else
				printf("Document %s: not committed (afcq commit %s reports it)\n",
				       sent.inv[i].doc, sent.inv[i].doc);
	}
	free(doc);
	afcq_request_done(&sent);
	cli_session_done(&s);
	afcq_customer_done(&c);
	return rc;
}
