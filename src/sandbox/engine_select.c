/* engine_select.c - where an item is taxed and which taxes it picks. */
#include "engine_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/str.h"

static bool eq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* A ZIP matches a listed one when, spaces and hyphens aside, it starts
 * with it: "94102-1234" and "94102", "H1A 0A1" and "H1A". */
static bool zip_eq(const char *want, const char *have)
{
	for (;;) {
		while (*want == ' ' || *want == '-')
			want++;
		while (*have == ' ' || *have == '-')
			have++;
		if (*have == '\0')
			return true;
		if (toupper((unsigned char)*want) != toupper((unsigned char)*have))
			return false;
		want++;
		have++;
	}
}

static const struct rb_jur *find(const struct ratebook *rb, const char *ctry, const char *st,
				 const char *cnty, const char *city, int lvl)
{
	for (size_t i = 0; i < rb->n_jurs; i++) {
		const struct rb_jur *j = &rb->jurs[i];
		if (j->lvl != lvl || !eq(j->ctry, ctry))
			continue;
		if (lvl >= 1 && !afcq_str_empty(st) && !eq(j->st, st))
			continue;
		if (lvl == 1 && afcq_str_empty(st))
			continue;
		if (lvl == 2 && !eq(j->cnty, cnty))
			continue;
		if (lvl == 3 && !eq(j->city, city))
			continue;
		return j;
	}
	return NULL;
}

/* Finds the jurisdiction a location names: the PCode when given, else
 * the NPA-NXX or FIPS code (lookup catalog), else the most precise row
 * matching the ZIP, then the city, the county, the state
 * and the country (a city or ZIP we do not know falls back on the state
 * or the country).  NULL when not even the country is known. */
const struct rb_jur *engine_resolve(const struct ratebook *rb, const struct afcq_location *loc)
{
	if (!loc || !loc->present)
		return NULL;
	if (loc->pcd.set)
		return loc->pcd.v >= 0 ? ratebook_jur(rb, loc->pcd.v) : NULL;
	if (loc->npa.set || !afcq_str_empty(loc->fips)) {
		/* A ten-digit number is located by its first six (NPA-NXX). */
		long long npa = loc->npa.v;
		while (npa > 999999)
			npa /= 10;
		long long pcd = loc->npa.set ? ratebook_npa(rb, npa) : ratebook_fips(rb, loc->fips);
		return pcd >= 0 ? ratebook_jur(rb, pcd) : NULL;
	}
	const char *ctry = afcq_str_empty(loc->ctry) ? "USA" : loc->ctry;
	if (!afcq_str_empty(loc->zip)) {
		const struct rb_jur *best = NULL;
		for (size_t i = 0; i < rb->n_jurs; i++) {
			const struct rb_jur *j = &rb->jurs[i];
			if (!eq(j->ctry, ctry))
				continue;
			for (size_t k = 0; k < j->n_zips; k++)
				if (zip_eq(loc->zip, j->zips[k]) && (!best || j->lvl > best->lvl))
					best = j;
		}
		if (best)
			return best;
	}
	const struct rb_jur *j = NULL;
	if (!afcq_str_empty(loc->city))
		j = find(rb, ctry, loc->st, loc->cnty, loc->city, 3);
	if (!j && !afcq_str_empty(loc->cnty))
		j = find(rb, ctry, loc->st, loc->cnty, NULL, 2);
	if (!j && !afcq_str_empty(loc->st))
		j = find(rb, ctry, loc->st, NULL, NULL, 1);
	if (!j)
		j = find(rb, ctry, NULL, NULL, NULL, 0);
	return j;
}

static long long cond_value(const struct eng_invoice *ei, const struct eng_item *it,
			    const char *field, bool *known)
{
	const struct afcq_company *c = &ei->req->cmpn;
	*known = true;
	if (strcmp(field, "cust") == 0)
		return it->cust;
	if (strcmp(field, "sale") == 0)
		return it->sale;
	if (strcmp(field, "prop") == 0)
		return it->prop;
	if (strcmp(field, "lfln") == 0)
		return it->lfln;
	if (strcmp(field, "bscl") == 0)
		return c->bscl.set ? c->bscl.v : 1;
	if (strcmp(field, "svcl") == 0)
		return c->svcl.set ? c->svcl.v : 0;
	if (strcmp(field, "fclt") == 0)
		return c->fclt.set && c->fclt.v;
	if (strcmp(field, "frch") == 0)
		return c->frch.set && c->frch.v;
	if (strcmp(field, "reg") == 0)
		return c->reg.set && c->reg.v;
	if (strcmp(field, "incl") == 0)
		return it->in->incl.set && it->in->incl.v;
	*known = false;
	return 0;
}

/* The rate an `ovr` entry sets for tax t in jurisdiction j, if any. */
static bool override_rate(const struct ratebook *rb, const struct afcq_request *req,
			  const struct rb_tax *t, const struct rb_jur *j, double *rate)
{
	bool found = false;
	for (size_t i = 0; i < req->n_ovr; i++) {
		const struct afcq_tax_override *o = &req->ovr[i];
		if (!o->tid.set || o->tid.v != t->tid)
			continue;
		if (o->lvl.set && o->lvl.v != t->lvl)
			continue;
		if (o->loc.present) {
			const struct rb_jur *oj = engine_resolve(rb, &o->loc);
			int scp = o->scp.set ? (int)o->scp.v : 0;
			if (!oj)
				continue;
			const struct rb_jur *cut = ratebook_at_level(rb, oj, scp);
			if (!cut)
				cut = oj;
			if (!ratebook_within(rb, j, cut->pcd))
				continue;
		}
		*rate = o->n_brkt ? o->brkt[0].rate : 0;
		found = true;
	}
	return found;
}

static bool rule_matches(const struct eng_invoice *ei, const struct eng_item *it,
			 const struct rb_rule *ru, bool *needs_ovr)
{
	bool sale_named = false;
	*needs_ovr = false;
	for (size_t i = 0; i < ru->n_conds; i++) {
		const struct rb_cond *c = &ru->conds[i];
		if (strcmp(c->field, "ovr") == 0) {
			*needs_ovr = true;
			continue;
		}
		bool known;
		long long v = cond_value(ei, it, c->field, &known);
		if (strcmp(c->field, "sale") == 0)
			sale_named = true;
		if (!known || (v == c->value) == c->neg)
			return false;
	}
	/* Wholesale (sale 0) is for resale: only rules that name it apply. */
	return it->sale != 0 || sale_named;
}

/* true when the company excludes (cmpn.excl) the state or province that
 * contains j: its own and its local taxes are then not charged. */
static bool excluded(const struct ratebook *rb, const struct afcq_company *c,
		     const struct rb_jur *j)
{
	const struct rb_jur *st = ratebook_at_level(rb, j, 1);
	for (size_t i = 0; st && i < c->n_excl; i++) {
		const struct afcq_exclusion *x = &c->excl[i];
		if (!x->excl.set || !x->excl.v || afcq_str_empty(x->st))
			continue;
		if (eq(x->st, st->st) && eq(afcq_str_empty(x->ctry) ? "USA" : x->ctry, st->ctry))
			return true;
	}
	return false;
}

/* Fills ei->memo with the rules whose tax level is allowed, whose T/S
 * pattern takes (tran, serv) and whose scope contains j, in file order. */
static void memo_rules(const struct ratebook *rb, struct eng_rule_memo *m, const struct rb_jur *j,
		       int tran, int serv, bool federal_ok, bool local_ok)
{
	/* The place and its ancestors, so each rule's scope is a short test. */
	long long chain[16];
	size_t n_chain = 0;
	for (const struct rb_jur *a = j; a && n_chain < 16;
	     a = a->parent >= 0 ? ratebook_jur(rb, a->parent) : NULL)
		chain[n_chain++] = a->pcd;
	m->n_rules = 0;
	for (size_t r = 0; r < rb->n_rules; r++) {
		const struct rb_rule *ru = &rb->rules[r];
		const struct rb_tax *t = &rb->taxes[ru->tax];
		if ((t->lvl == 0 && !federal_ok) || (t->lvl != 0 && !local_ok))
			continue;
		if (!ratebook_rule_pair(ru, tran, serv))
			continue;
		bool inside = false;
		for (size_t c = 0; c < n_chain && !inside; c++)
			inside = chain[c] == ru->scope;
		if (!inside)
			continue;
		if (m->n_rules == m->cap_rules) {
			m->cap_rules = m->cap_rules ? 2 * m->cap_rules : 16;
			m->rules = afcq_xrealloc(m->rules, m->cap_rules * sizeof *m->rules);
		}
		m->rules[m->n_rules++] = r;
	}
	m->valid = true;
	m->jur = j;
	m->tran = tran;
	m->serv = serv;
	m->federal_ok = federal_ok;
	m->local_ok = local_ok;
}

static void add_rows_for(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it,
			 const struct rb_jur *j, double share, bool federal_ok, bool local_ok)
{
	if (excluded(rb, &ei->req->cmpn, j))
		local_ok = false;
	struct eng_rule_memo *m = &ei->memo;
	if (!m->valid || m->jur != j || m->tran != it->pair->tran || m->serv != it->pair->serv ||
	    m->federal_ok != federal_ok || m->local_ok != local_ok)
		memo_rules(rb, m, j, it->pair->tran, it->pair->serv, federal_ok, local_ok);
	/* Room for every row these rules can add, at once. */
	if (m->n_rules)
		it->rows = afcq_xrealloc(it->rows, (it->n_rows + m->n_rules) * sizeof *it->rows);
	for (size_t mi = 0; mi < m->n_rules; mi++) {
		const struct rb_rule *ru = &rb->rules[m->rules[mi]];
		const struct rb_tax *t = &rb->taxes[ru->tax];
		bool needs_ovr;
		if (!rule_matches(ei, it, ru, &needs_ovr))
			continue;
		bool dup = false;
		for (size_t k = 0; k < it->n_rows && !dup; k++)
			dup = it->rows[k].tax == ru->tax && it->rows[k].jur == j;
		if (dup)
			continue;
		double rate;
		bool have = override_rate(rb, ei->req, t, j, &rate);
		if (!have) {
			if (needs_ovr || !ratebook_rate(rb, ru->tax, it->date, &rate))
				continue;
		} else if (rate == 0) {
			continue; /* an override of 0 removes the tax */
		}
		struct eng_row *row = &it->rows[it->n_rows++];
		memset(row, 0, sizeof *row);
		row->tax = ru->tax;
		row->rule = ru;
		row->jur = j;
		row->rate = rate;
		row->pcd = t->pcd_here ? j->pcd : t->pcd;
		row->loc_share = share;
		row->sh_share = 1;
		if (it->pair->sh && (t->flags & RB_FED))
			row->sh_share = it->fed;
		else if (it->pair->sh && (t->flags & RB_STATE))
			row->sh_share = 1 - it->fed;
	}
}

/* Picks the rows of an item.  A private line (plsp with from and to) is
 * taxed by both endpoints' state and local taxes, each on its share, and
 * once by the federal taxes on the whole charge. */
void engine_select(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it)
{
	if (it->from && it->to) {
		double a = it->in->plsp.v;
		add_rows_for(rb, ei, it, it->to, 1 - a, false, true);
		add_rows_for(rb, ei, it, it->jur, 1, true, false);
		add_rows_for(rb, ei, it, it->from, a, false, true);
		return;
	}
	add_rows_for(rb, ei, it, it->jur, 1, true, true);
}
