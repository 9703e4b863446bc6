/* resolve.h - settling an unknown outcome by asking the service.
 *
 * An invoice, commit or uncommit recorded as sent but never answered (the
 * program was killed, the machine stopped) may or may not have reached the
 * service.  A Commit call for its document code, carrying the commit flag
 * the send intended, tells which: the answer "-2000 No transactions found
 * for document code." means the service never received it; success (or
 * "Document code has been locked.") means the service has it, committed as
 * intended when it was to be committed and left as it was otherwise.  The
 * history record is then completed (AFCQ_OUTCOME_ARRIVED or
 * AFCQ_OUTCOME_NEVER_ARRIVED); only "never arrived" lets the invoice number
 * be sent again (afcq_history_invoice_blocker).  Any other answer, or none,
 * leaves the outcome unknown.
 */
#ifndef AFCQ_RESOLVE_H
#define AFCQ_RESOLVE_H

#include <stdbool.h>

#include "afcq/api.h"
#include "afcq/error.h"
#include "afcq/history.h"

enum afcq_resolution {
	AFCQ_RESOLVED_UNKNOWN = 0,   /* the answer did not tell: still unknown */
	AFCQ_RESOLVED_ARRIVED,       /* the service has the document */
	AFCQ_RESOLVED_NEVER_ARRIVED, /* the service never received it */
};

/* The Commit call that asks about record e (read with its request body,
 * afcq_history_get): *doc points into e (its document code), *cmmt is the
 * flag the send intended (an invoice's first "cmmt" as recorded, false when
 * absent; true for a commit, false for an uncommit).  Returns false with
 * AFCQ_ERR_USAGE in *err when e has no document code or is not an
 * invoice, commit or uncommit. */
bool afcq_resolve_probe(const struct afcq_history_entry *e, const char **doc, bool *cmmt,
			struct afcq_error *err);

/* What a finished Commit probe says; st and x as afcq_api_finish left them. */
enum afcq_resolution afcq_resolve_verdict(enum afcq_status st, const struct afcq_exchange *x);

/* Completes e's record with verdict r (ARRIVED or NEVER_ARRIVED; UNKNOWN
 * writes nothing and returns AFCQ_OK).  Errors as afcq_history_resolve. */
enum afcq_status afcq_resolve_record(struct afcq_history *h, const struct afcq_history_entry *e,
				     enum afcq_resolution r, struct afcq_error *err);

/* Blocking: probe, Commit call through ctx (recorded in history as any
 * commit is), verdict, record.  *x (zeroed by the caller, freed with
 * afcq_exchange_done) holds the Commit exchange.  Returns AFCQ_OK when *r
 * is ARRIVED or NEVER_ARRIVED; otherwise *r is UNKNOWN and the status is
 * the call's failure (network, HTTP, malformed: as afcq_api_finish),
 * AFCQ_ERR_API when the service answered something that does not settle
 * it, or AFCQ_ERR_USAGE / AFCQ_ERR_DB. */
enum afcq_status afcq_resolve(struct afcq_api_ctx *ctx, const struct afcq_history_entry *e,
			      enum afcq_resolution *r, struct afcq_exchange *x,
			      struct afcq_error *err);

/* "the service has it" / "it never arrived" / "still unknown". */
const char *afcq_resolution_name(enum afcq_resolution r);

#endif
