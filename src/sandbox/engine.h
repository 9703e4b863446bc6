/* engine.h - the sandbox tax engine and its rate book.
 *
 * The rate book is data under data/sandbox/ (our own files): jurisdictions,
 * taxes, rules that pick taxes for a T/S pair and the customer, and which
 * taxes sit in another tax's base.  The engine is general: it applies the
 * rate book to a request; no rule is keyed to one example.
 */
#ifndef AFCQ_SANDBOX_ENGINE_H
#define AFCQ_SANDBOX_ENGINE_H

#include "afcq/error.h"
#include "afcq/model.h"

struct ratebook;

/* Loads every rate-book file under dir.  Returns NULL and sets *err
 * (file:line and reason) on a bad file. */
struct ratebook *ratebook_load(const char *dir, struct afcq_error *err);
void ratebook_free(struct ratebook *rb);

/* Computes the answer to req into *out (zeroed by the caller, freed with
 * afcq_response_done).  Business problems (unknown T/S pair, missing
 * required field, unknown location) become err entries in *out at the
 * right level and AFCQ_OK is returned; only internal failures return an
 * error. */
enum afcq_status engine_calc(const struct ratebook *rb, const struct afcq_request *req,
			     struct afcq_response *out, struct afcq_error *err);

#endif
