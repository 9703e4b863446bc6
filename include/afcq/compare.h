/* compare.h - what changes between two answers to CalcTaxes.
 *
 * Two answers are compared invoice by invoice (the same index in both) and
 * item by item (the same index).  A tax of one matches a tax of the other
 * when both are in the same item and have the same tax type (tid), level
 * (lvl) and jurisdiction (pcd); when an item holds several such taxes, the
 * k-th of one matches the k-th of the other.  A bridge participant's taxes
 * (brdg) match within the participant of the same item that has the same
 * ref (the k-th of that ref), or, for a participant without ref, the one
 * at the same index.  Summary rows match the same way within their
 * invoice.  Nothing here allocates; every pointer is
 * borrowed.
 */
#ifndef AFCQ_COMPARE_H
#define AFCQ_COMPARE_H

#include <stddef.h>

#include "afcq/model.h"

/* The index in tb (nb taxes) of the tax matching ta[idx], both the taxes of
 * one item or of one participant: the same tax type, level and
 * jurisdiction, the k-th of its kind in both; -1 when none. */
long afcq_compare_tax(const struct afcq_tax *ta, size_t idx, const struct afcq_tax *tb, size_t nb);

/* The index in b of the tax matching tax idx of item (inv, item) of a; -1
 * when b has no such tax (the tax appeared in a, or a has no such tax). */
long afcq_compare_item_tax(const struct afcq_response *a, size_t inv, size_t item, size_t idx,
			   const struct afcq_response *b);

/* The index in b's item (inv, item) of the bridge participant matching
 * participant p of a's; -1 when none. */
long afcq_compare_bridge(const struct afcq_response *a, size_t inv, size_t item, size_t p,
			 const struct afcq_response *b);

/* The index in b of the tax matching tax idx of bridge participant p of
 * item (inv, item) of a (in b's matching participant); -1 when none. */
long afcq_compare_bridge_tax(const struct afcq_response *a, size_t inv, size_t item, size_t p,
			     size_t idx, const struct afcq_response *b);

/* The index in b's invoice inv of the summary row matching row idx of a's
 * invoice inv; -1 when none. */
long afcq_compare_summary(const struct afcq_response *a, size_t inv, size_t idx,
			  const struct afcq_response *b);

/* The change from one amount to another as people read it, to the cent
 * with its sign: "+0.15", "-0.94", "0.00" (never "-0.00").  It is the
 * difference of the two amounts as they are shown, each rounded to the
 * cent first, so 21.6449 -> 64.9149 reads 21.64, 64.91 and +43.27 (not
 * the +43.28 of the unrounded difference).  Returns buf. */
const char *afcq_money_format_change(double from, double to, char *buf, size_t n);

#endif
