/* engine_summary.c - the invoice's `summ` rows.
 *
 * Billable detail rows are merged when they share tax type, level,
 * reporting PCode, calculation type, rate, name and whether their exempt
 * amount is zero; each group adds up tax, taxable measure (signed, so a
 * credit gives a negative `tchg`), exempt amount and lines (a private
 * line's federal rows count their lines once per end).  Groups come in
 * the order of their first detail row, except that a private line's rows
 * are taken from end first, then federal, then to end, the reverse of its
 * detail, as the service's P2P sample lists them.  `sur` follows the rate
 * book setting "summary_sur": "detail" copies the detail flag, "exempt" is
 * true only for rows a user exemption hit.
 */
#include "engine_int.h"

#include <string.h>

#include "afcq/str.h"

static bool same(const struct afcq_summary *s, const struct rb_tax *t, const struct eng_row *r)
{
	return s->tid == t->tid && s->lvl == t->lvl && s->pcd == r->pcd && s->calc == t->calc &&
	       s->rate == r->rate && strcmp(s->name, t->name) == 0 && (s->exm != 0) == (r->exm != 0);
}

/* Adds row r of item it to the summary group it belongs to. */
static void add_row(const struct ratebook *rb, bool sur_from_exempt, const struct eng_item *it,
		    const struct eng_row *r, struct afcq_invoice_result *res)
{
	const struct rb_tax *t = &rb->taxes[r->tax];
	struct afcq_summary *s = NULL;
	for (size_t m = 0; m < res->n_summ && !s; m++)
		if (same(&res->summ[m], t, r))
			s = &res->summ[m];
	if (!s) {
		res->summ = afcq_xrealloc(res->summ, (res->n_summ + 1) * sizeof *res->summ);
		s = &res->summ[res->n_summ++];
		memset(s, 0, sizeof *s);
		s->tid = t->tid;
		s->lvl = t->lvl;
		s->pcd = r->pcd;
		s->calc = t->calc;
		s->rate = r->rate;
		s->cid = t->cid;
		s->name = afcq_xstrdup(t->name);
		s->cat = afcq_xstrdup(ratebook_category(rb, t->cid));
		s->max = t->max;
		s->min = 0;
	}
	s->tax += r->amt;
	s->tchg += r->tm;
	s->exm += r->exm;
	/* A private line's federal lines count at both ends. */
	s->lns += r->lns * (it->from && it->to && t->lvl == 0 ? 2 : 1);
	if (sur_from_exempt ? r->exempt : (t->flags & RB_SUR) != 0)
		s->sur = true;
}

/* Which pass of a private line's summary takes row r: its from end, the
 * federal rows, then its to end (the reverse of the detail). */
static int private_line_pass(const struct ratebook *rb, const struct eng_item *it,
			     const struct eng_row *r)
{
	if (r->jur == it->from && rb->taxes[r->tax].lvl != 0)
		return 0;
	return rb->taxes[r->tax].lvl == 0 ? 1 : 2;
}

void engine_summarize(const struct ratebook *rb, const char *date, const struct eng_item *items,
		      size_t n_items, struct afcq_invoice_result *res)
{
	bool sur_from_exempt = strcmp(ratebook_setting(rb, "summary_sur", date, "detail"),
				      "exempt") == 0;
	for (size_t i = 0; i < n_items; i++) {
		const struct eng_item *it = &items[i];
		bool private_line = it->from && it->to;
		for (int pass = 0; pass < (private_line ? 3 : 1); pass++) {
			for (size_t k = 0; k < it->n_rows; k++) {
				const struct eng_row *r = &it->rows[k];
				if (!(rb->taxes[r->tax].flags & RB_BILL))
					continue;
				if (private_line && private_line_pass(rb, it, r) != pass)
					continue;
				add_row(rb, sur_from_exempt, it, r, res);
			}
		}
	}
}
