/* book.h - a stored customer or product moved into a request, and a
 * request's customer fields moved into a customer record.
 *
 * What a customer brings to an invoice: the bill-to location, the customer
 * type (cust), lifeline (lfln), the exemptions (exms), and the items of the
 * customer's usual products.  A product (a named bundle of AFC line items)
 * is added to an invoice a number of times by AFC's own repeat count, the
 * item's qty: "3 lines" of "VoIP residential line" is each of its items with
 * qty 3 (times the qty the item was stored with, 1 when absent), which the
 * service taxes as the item repeated 3 times - the charge, the lines, the
 * minutes and the fixed per-item taxes alike, exactly as three copies of the
 * bundle would be.  The count stays one editable number per item.
 *
 * An invoice whose grid is still "empty" (no items, or one item with
 * nothing in it but the configured sale type) has its grid replaced by
 * what is added; otherwise items are appended.
 *
 * Ownership: every function copies what it takes; the invoice and the
 * customer own what is written into them.  Nothing here logs.
 */
#ifndef AFCQ_BOOK_H
#define AFCQ_BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/error.h"
#include "afcq/model.h"
#include "afcq/store.h"

/* The largest count afcq_book_add_product takes (AFC qty is an int32). */
#define AFCQ_BOOK_MAX_QTY 100000

/* true when inv has no items, or a single item holding nothing but sale
 * (the configured default): a grid nobody has filled in yet. */
bool afcq_book_grid_empty(const struct afcq_invoice *inv);

/* Sets inv's customer fields from c, replacing what was there: bill-to (c's
 * copied; none when c has none), lfln (c's, unset when c has none), exms
 * (c's copied).  cust becomes c's when c has one, else the invoice's stays
 * (the configured default).  acct, the invoice's account reference for
 * reporting, becomes c's account number (none when c has none): what
 * history finds the customer's quotes by.  Items are not touched. */
void afcq_book_apply_customer(struct afcq_invoice *inv, const struct afcq_customer *c);

/* Adds copies of p's items to inv, each with qty multiplied by count (see
 * the top of this file; count 1 copies the items as stored).  Replaces an
 * empty grid (afcq_book_grid_empty).  Returns AFCQ_OK and *first (may be
 * NULL) = the index of the first item added; AFCQ_ERR_USAGE with the count
 * named when count is below 1 or above AFCQ_BOOK_MAX_QTY, or when a
 * multiplied qty would pass it (nothing added). */
enum afcq_status afcq_book_add_product(struct afcq_invoice *inv, const struct afcq_product *p,
				       long long count, size_t *first, struct afcq_error *err);

/* Loads customer c into inv: afcq_book_apply_customer, then the items of
 * each of c's usual products, looked up by name in s (count 1), replacing
 * an empty grid.  A usual product the store no longer has is skipped and
 * its name added to *missing (when missing is not NULL): a malloc'd
 * "name, name" list the caller frees, NULL when every product was found.
 * AFCQ_ERR_DB when the store failed (inv then holds the customer's fields
 * and the products read so far). */
enum afcq_status afcq_book_load_customer(struct afcq_store *s, const struct afcq_customer *c,
					 struct afcq_invoice *inv, char **missing,
					 struct afcq_error *err);

/* The reverse of afcq_book_apply_customer: sets c's bill-to, cust, lfln and
 * exms from inv (copies, replacing c's; an exemption row with nothing
 * filled in is left out).  Name, account, phones and usual products are
 * not touched. */
void afcq_book_customer_from_invoice(struct afcq_customer *c, const struct afcq_invoice *inv);
/* The exemptions of inv that afcq_book_customer_from_invoice keeps (those
 * with something filled in); 0 for NULL. */
size_t afcq_book_n_exemptions(const struct afcq_invoice *inv);

#endif
