/* validate.h - checks every request field before anything is sent.
 *
 * Messages name the field path in wire form, e.g.
 * "inv[0].itms[2].chg: not a number" / "inv[0].date: not a real date
 * (2023-02-30); use YYYY-MM-DD".  Limits: strings 150 bytes, 10,000 items
 * per invoice, 1,000 invoices per request, amounts (chg, chg x qty, min,
 * and the request's charges added up) within AFCQ_MONEY_MAX (money.h).
 */
#ifndef AFCQ_VALIDATE_H
#define AFCQ_VALIDATE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "afcq/model.h"

#define AFCQ_MAX_STR 150
#define AFCQ_MAX_ITEMS 10000
#define AFCQ_MAX_INVOICES 1000

struct afcq_problem { char *path; char *msg; };
struct afcq_problems { struct afcq_problem *v; size_t n; };
void afcq_problems_done(struct afcq_problems *p);
void afcq_problems_add(struct afcq_problems *p, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Optional hook: returns true when (tran, serv) is a known T/S pair.
 * NULL means every pair is accepted.  When a pair is unknown the hook is
 * asked again with AFCQ_TSPAIR_ANY in one half ("is there any pair with
 * this transaction type?") so the message can name the half that is wrong;
 * a hook that answers false to (ANY, ANY) gets a message naming the pair.
 * Items with tran or serv -1 (the engine picks a variant) are not asked. */
typedef bool (*afcq_tspair_known_fn)(void *ctx, long long tran, long long serv);
#define AFCQ_TSPAIR_ANY LLONG_MIN

/* Ready-made hook over a T/S pair catalogue: ctx is a
 * const struct afcq_tspair_list * (borrowed; NULL accepts every pair). */
bool afcq_tspair_list_known(void *ctx, long long tran, long long serv);

/* Appends every problem found to *out (the caller owns it: afcq_problems_done);
 * returns the number added, 0 when the request may be sent.  Problems come in
 * field order, so the first one is the first field a reader meets.  Notes:
 * cmpn.idnt is held to the general 150-byte limit (the AFC template mentions
 * 20 bytes, nothing else does); opt keys must be whole numbers 1-10, at most
 * 5 entries, no key twice.  Never fails otherwise (out of memory is fatal). */
size_t afcq_validate_request(const struct afcq_request *r, afcq_tspair_known_fn known, void *ctx,
			     struct afcq_problems *out);
size_t afcq_validate_commit(const struct afcq_commit_request *r, struct afcq_problems *out);

/* afcq_validate_request (without a pair hook) one invoice at a time, for
 * a request whose invoices are let go as they are read: new, then
 * afcq_validation_invoice for each invoice in order while it still holds
 * its items, then afcq_validation_finish with the request (its invoices'
 * items may be gone by then: only the rest is read), which appends to *out
 * the problems afcq_validate_request would have found, in its order,
 * returns their number and frees va.  With pairs not NULL it also gives
 * (the caller frees with afcq_item_pairs_done) the T/S pairs of the items
 * that a pair hook would be asked about, for afcq_validate_pairs. */
struct afcq_validation;
struct afcq_item_pair { size_t inv, item; long long tran, serv; };
struct afcq_item_pairs { struct afcq_item_pair *v; size_t n; };
struct afcq_validation *afcq_validation_new(void);
void afcq_validation_invoice(struct afcq_validation *va, size_t idx,
			     const struct afcq_invoice *inv);
size_t afcq_validation_finish(struct afcq_validation *va, const struct afcq_request *r,
			      struct afcq_problems *out, struct afcq_item_pairs *pairs);
void afcq_item_pairs_done(struct afcq_item_pairs *p);
/* What afcq_validate_request with the hook known adds, for a request that
 * has no other problem, from its items' pairs alone: the same messages,
 * in the same order.  Returns the number added to *out. */
size_t afcq_validate_pairs(const struct afcq_item_pairs *p, afcq_tspair_known_fn known, void *ctx,
			   struct afcq_problems *out);

/* true when s is YYYY-MM-DD or an ISO 8601 date-time that is a real date. */
bool afcq_valid_date(const char *s);

#endif
