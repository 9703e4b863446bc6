/* engine_bases.c - amounts: bases, tax on tax, shares, thresholds, brackets.
 *
 * A row's base is the item's charge plus the current amounts of the rows
 * on the same item whose tax type is listed in the tax's base (taxes.tsv
 * "base"; a tax may list itself).  Every row is first seeded on the bare
 * charge; then passes recompute the rows in output order, each pass using
 * the amounts already updated in it, until no amount moves by TOLERANCE or
 * more.  Chains without a cycle settle exactly; self-including taxes (the
 * New York excise taxes) stop at the first pass whose changes are all
 * below the tolerance, which is what the service reports.
 */
#include "engine_int.h"

#include <math.h>
#include <string.h>

#include "afcq/str.h"

#define TOLERANCE 0.001
#define MAX_PASSES 100

double *engine_usage(struct eng_invoice *ei, const void *key)
{
	for (size_t i = 0; i < ei->n_use; i++)
		if (ei->use[i].key == key)
			return &ei->use[i].used;
	ei->use = afcq_xrealloc(ei->use, (ei->n_use + 1) * sizeof *ei->use);
	ei->use[ei->n_use].key = key;
	ei->use[ei->n_use].used = 0;
	return &ei->use[ei->n_use++].used;
}

/* Line counts reported as integers; absurd counts are clamped so the
 * conversion stays defined. */
static long long whole_lines(double lines)
{
	if (!(lines > -1e15))
		return lines != lines ? 0 : -1000000000000000LL;
	if (lines > 1e15)
		return 1000000000000000LL;
	return (long long)lines;
}

static bool charge_based(const struct rb_tax *t)
{
	return t->calc == 1 || t->calc == 5 || (t->calc == 2 && (t->flags & RB_TMCHG));
}

static void compute_row(const struct ratebook *rb, const struct eng_item *it, struct eng_row *row,
			double base, double excluded)
{
	const struct rb_tax *t = &rb->taxes[row->tax];
	row->tm = row->exm = row->amt = row->min = 0;
	row->lns = 0;
	row->thresh_used = row->lines_used = 0;
	if (row->exempt) {
		row->exm = charge_based(t) ? it->chg * row->loc_share : 0;
		if (t->calc == 4 || t->calc == 6)
			row->lns = whole_lines(it->lines);
		return;
	}
	switch (t->calc) {
	case 2: /* fixed amount */
		row->amt = row->rate * it->sign * (it->in->qty.set ? (double)it->in->qty.v : 1);
		if (t->flags & RB_TMCHG)
			row->tm = it->chg * row->loc_share;
		break;
	case 3: /* per minute */
		row->min = it->minutes;
		row->amt = row->rate * it->minutes * it->sign;
		break;
	case 4: /* per line */
	case 6:
	case 8:
	case 9: {
		double lines = it->lines;
		if (lines > row->lines_avail)
			lines = row->lines_avail > 0 ? row->lines_avail : 0;
		row->lines_used = lines;
		row->lns = whole_lines(lines);
		row->amt = row->rate * lines * it->sign;
		break;
	}
	default: { /* 1 rate, 5 self-taxing rate */
		double whole = base * row->loc_share;
		double tm = whole * row->sh_share;
		double exm = whole - tm + excluded * row->loc_share;
		if (row->rule->thresh > 0 && tm > 0) {
			double ex = tm < row->thresh_avail ? tm : row->thresh_avail;
			if (ex < 0)
				ex = 0;
			tm -= ex;
			exm += ex;
			row->thresh_used = ex;
		}
		row->tm = tm;
		row->exm = exm;
		row->amt = row->rate * tm;
		if (t->flags & RB_LINES)
			row->lns = whole_lines(it->lines);
		break;
	}
	}
}

/* The charge plus the taxes in row i's base; *excluded gets the parts of
 * those taxes that stay out of it (reported as exempt). */
static double row_base(const struct ratebook *rb, const struct eng_item *it, size_t i,
		       double *excluded)
{
	const struct rb_tax *t = &rb->taxes[it->rows[i].tax];
	double b = it->chg;
	*excluded = 0;
	for (size_t k = 0; k < it->n_rows; k++) {
		int tid = rb->taxes[it->rows[k].tax].tid;
		for (size_t m = 0; m < t->n_base; m++)
			if (t->base[m].tid == tid) {
				b += it->rows[k].amt * t->base[m].share;
				*excluded += it->rows[k].amt * (1 - t->base[m].share);
				break;
			}
	}
	return b;
}

static void iterate(const struct ratebook *rb, struct eng_item *it)
{
	for (size_t i = 0; i < it->n_rows; i++)
		compute_row(rb, it, &it->rows[i], it->chg, 0);
	for (int pass = 0; pass < MAX_PASSES; pass++) {
		double moved = 0;
		for (size_t i = 0; i < it->n_rows; i++) {
			double old = it->rows[i].amt;
			double excluded;
			double base = row_base(rb, it, i, &excluded);
			compute_row(rb, it, &it->rows[i], base, excluded);
			double d = fabs(it->rows[i].amt - old);
			if (d > moved)
				moved = d;
		}
		if (moved < TOLERANCE)
			break;
	}
}

static void snapshot(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it)
{
	for (size_t i = 0; i < it->n_rows; i++) {
		struct eng_row *row = &it->rows[i];
		const struct rb_tax *t = &rb->taxes[row->tax];
		row->thresh_avail = row->rule->thresh;
		row->lines_avail = t->max;
		if (ei->invm) {
			row->thresh_avail -= *engine_usage(ei, row->rule);
			row->lines_avail -= *engine_usage(ei, t);
		}
	}
}

void engine_compute(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it)
{
	snapshot(rb, ei, it);
	iterate(rb, it);
	if (!ei->invm)
		return;
	for (size_t i = 0; i < it->n_rows; i++) {
		struct eng_row *row = &it->rows[i];
		if (row->thresh_used > 0)
			*engine_usage(ei, row->rule) += row->thresh_used;
		if (row->lines_used > 0)
			*engine_usage(ei, &rb->taxes[row->tax]) += row->lines_used;
	}
}

/* Finds the pre-tax charge whose billable taxes bring it to the given
 * total: a fixed-point iteration charge = total - taxes(charge), which
 * converges because the taxes grow slower than the charge. */
void engine_solve_inclusive(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it)
{
	double total = it->chg;
	double guess = total;
	snapshot(rb, ei, it);
	for (int k = 0; k < 200; k++) {
		it->chg = guess;
		iterate(rb, it);
		double taxes = 0;
		for (size_t i = 0; i < it->n_rows; i++)
			if (rb->taxes[it->rows[i].tax].flags & RB_BILL)
				taxes += it->rows[i].amt;
		double next = total - taxes;
		if (fabs(next - guess) < 1e-12 * (fabs(total) + 1)) {
			guess = next;
			break;
		}
		guess = next;
	}
	it->chg = guess;
}
