/* engine_exempt.c - user exemptions (invoice `exms`).
 *
 * An exemption names a tax type (`tpe`, 0 = every type) or a category
 * (`cat`, 0 = every category), a location, a domain and a scope:
 *  - scope `scp`: which tax levels are candidates (128 federal, 256 state,
 *    512 county, 1024 local; sums combine them);
 *  - domain `dom`: the exemption's location, cut to that level, must
 *    contain the row's taxing jurisdiction (a location broader than the
 *    domain level is used as it is, so `pcd 0` - the United States -
 *    contains every US jurisdiction);
 *  - defaults: for a type, `dom` falls back to `lvl` and `scp` to the bit
 *    of that level, `exnb` is true for a specific type and false for the
 *    wildcard; for a category, `scp` is 1792 with `dom` state when the
 *    location is a state or lower and 1920 with `dom` federal when it is a
 *    country, `exnb` false;
 *  - `frc` false keeps a type wildcard off taxes flagged not
 *    level-exemptible (flag n); it does nothing for categories or
 *    specific types.
 * Non-billable taxes are exempted only when `exnb` holds.
 */
#include "engine_int.h"

#include <stdlib.h>

struct exm_rule {
	const struct rb_jur *where;
	bool is_type;
	long long id;  /* tpe or cat; 0 = wildcard */
	int dom;
	long long scp;
	bool exnb, frc;
};

static bool build(const struct ratebook *rb, const struct afcq_exemption *e, struct exm_rule *x)
{
	x->is_type = e->tpe.set;
	if (!x->is_type && !e->cat.set)
		return false;
	x->id = x->is_type ? e->tpe.v : e->cat.v;
	x->where = engine_resolve(rb, &e->loc);
	if (!x->where)
		return false;
	if (x->is_type) {
		if (e->lvl.set && (e->lvl.v < 0 || e->lvl.v > 4))
			return false;
		if (e->dom.set)
			x->dom = e->dom.v >= 0 && e->dom.v <= 4 ? (int)e->dom.v : -1;
		else if (e->lvl.set)
			x->dom = (int)e->lvl.v;
		else
			return false;
		if (x->dom < 0)
			return false;
		if (e->scp.set)
			x->scp = e->scp.v;
		else
			x->scp = 128LL << (e->lvl.set ? e->lvl.v : x->dom);
		x->exnb = e->exnb.set ? e->exnb.v : x->id != 0;
	} else {
		bool country = x->where->lvl == 0;
		x->dom = !e->dom.set ? (country ? 0 : 1) : e->dom.v >= 0 && e->dom.v <= 4 ? (int)e->dom.v : -1;
		x->scp = e->scp.set ? e->scp.v : country ? 1920 : 1792;
		x->exnb = e->exnb.set && e->exnb.v;
	}
	x->frc = e->frc.set ? e->frc.v : true;
	/* Levels run 0-4; anything else names no level and exempts nothing. */
	return x->dom >= 0 && x->dom <= 4;
}

static bool hits(const struct ratebook *rb, const struct exm_rule *x, const struct eng_row *row)
{
	const struct rb_tax *t = &rb->taxes[row->tax];
	if (x->id != 0 && x->id != (x->is_type ? t->tid : t->cid))
		return false;
	if (!((128LL << t->lvl) & x->scp))
		return false;
	if (!(t->flags & RB_BILL) && !x->exnb)
		return false;
	if (x->is_type && x->id == 0 && !x->frc && (t->flags & RB_NOLVLEXM))
		return false;
	const struct rb_jur *cut = x->where->lvl > x->dom ? ratebook_at_level(rb, x->where, x->dom)
							   : x->where;
	return cut && ratebook_within(rb, row->jur, cut->pcd);
}

void engine_exempt(const struct ratebook *rb, const struct eng_invoice *ei, struct eng_item *it)
{
	for (size_t e = 0; e < ei->in->n_exms; e++) {
		struct exm_rule x;
		if (!build(rb, &ei->in->exms[e], &x))
			continue;
		for (size_t i = 0; i < it->n_rows; i++)
			if (!it->rows[i].exempt && hits(rb, &x, &it->rows[i]))
				it->rows[i].exempt = true;
	}
}
