/* ratebook.h - the sandbox rate book in memory (private to the sandbox).
 *
 * The rate book is a directory of tab-separated text files (format in
 * data/sandbox/README.md, "Rate book"):
 *
 *   jurisdictions.tsv  PCode, level, parent and names: where a location is
 *   categories.tsv     tax category id -> name
 *   taxes.tsv          one row per tax: type id, level, reporting PCode,
 *                      calculation type, flags, the tax types in its base
 *   rates.tsv          date-effective rate of each tax
 *   rules.tsv          which taxes a T/S pair picks in a jurisdiction
 *   pairs.tsv          the T/S pairs the engine knows, with safe-harbor type
 *   safeharbor.tsv     date-effective federal share of each safe-harbor type
 *   currencies.tsv     currency code -> description (incrf.ccydesc)
 *   settings.tsv       date-effective engine behaviour switches
 *
 * From the lookup catalog beside it (catalog/) it also takes the T/S pairs
 * (known pairs, no taxes unless a rule names them) and the NPA-NXX and FIPS
 * codes that locate a place.
 *
 * Everything is loaded once and read-only afterwards, so one rate book may
 * serve many threads.  Strings are owned by the rate book.
 */
#ifndef AFCQ_SANDBOX_RATEBOOK_H
#define AFCQ_SANDBOX_RATEBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

/* Dates are kept as "YYYY-MM-DD" strings: they compare with strcmp. */
#define RB_DATE_LEN 11

struct rb_jur {
	long long pcd;
	int lvl;               /* 0 country, 1 state, 2 county, 3 city */
	long long parent;      /* -1 for a country */
	bool no_pcd;           /* "-" in the file: pcd is an internal id (< 0) */
	char *ctry, *st, *cnty, *city;
	char **zips;
	size_t n_zips;
};

/* Tax flags (taxes.tsv "flags" letters). */
enum {
	RB_BILL = 1 << 0,      /* b: billable to the customer */
	RB_CMPL = 1 << 1,      /* c: reported to the jurisdiction */
	RB_SUR = 1 << 2,       /* s: surcharge */
	RB_FED = 1 << 3,       /* F: taxes the federal safe-harbor share */
	RB_STATE = 1 << 4,     /* S: taxes the state safe-harbor share */
	RB_NOLVLEXM = 1 << 5,  /* n: not level-exemptible */
	RB_LINES = 1 << 6,     /* l: a percentage tax that reports the item's lines */
	RB_TMCHG = 1 << 7,     /* t: a fixed tax that reports the charge as tm */
};

/* A tax type in another tax's base: share of its amount that joins the
 * base; the rest of it is reported as exempt ("10*0.9" in taxes.tsv). */
struct rb_base {
	int tid;
	double share;
};

struct rb_tax {
	char *key;             /* unique name in the rate book */
	int tid, lvl, cid, calc;
	long long pcd;         /* reporting PCode; see pcd_here */
	bool pcd_here;         /* "@": report the taxing jurisdiction's PCode */
	char *name;
	unsigned flags;
	struct rb_base *base;  /* taxes whose amounts join this tax's base */
	size_t n_base;
	double max;            /* bracket ceiling (lines for per-line taxes) */
};

struct rb_rate {
	size_t tax;            /* index in taxes */
	char from[RB_DATE_LEN];
	double rate;
};

/* A condition on a rule ("cust=1", "sale!=0", "ovr"). */
struct rb_cond {
	char field[16];
	bool neg;
	long long value;
};

#define RB_MAX_CODES 16

struct rb_rule {
	long long scope;       /* jurisdiction (or an ancestor) it applies in */
	int tran[RB_MAX_CODES], serv[RB_MAX_CODES]; /* accepted codes */
	size_t n_tran, n_serv; /* 0 = any ("*") */
	size_t tax;
	struct rb_cond *conds;
	size_t n_conds;
	double thresh;         /* charge exempt per invoice (statutory), 0 none */
	int line;              /* line in rules.tsv, for messages */
};

struct rb_pair {
	int tran, serv;
	int sh;                /* safe-harbor type: 0 none, 1 cellular, 2 VoIP, 4 paging */
	int input;             /* bit set: 1 charge, 2 lines, 4 locations, 8 minutes */
	char *tran_desc, *serv_desc;
};

struct rb_share {
	int sh;
	char from[RB_DATE_LEN];
	double fed;
};

struct rb_setting {
	char *name;
	char from[RB_DATE_LEN];
	char *value;
};

struct rb_named {
	long long id;
	char *code;
	char *name;
};

/* A code that names a place: NPA-NXX or FIPS (from the lookup catalog). */
struct rb_code {
	char *code;
	long long pcd;
};

struct ratebook {
	struct rb_jur *jurs;
	size_t n_jurs;
	struct rb_named *cats;
	size_t n_cats;
	struct rb_tax *taxes;
	size_t n_taxes;
	struct rb_rate *rates;
	size_t n_rates;
	/* The rates of each tax in file order, so a look-up reads only its own:
	 * rate_head[tax] is the first (n_rates when none), rate_next[i] the
	 * one after rate i. */
	size_t *rate_head, *rate_next;
	struct rb_rule *rules;
	size_t n_rules;
	struct rb_pair *pairs;
	size_t n_pairs;
	struct rb_share *shares;
	size_t n_shares;
	struct rb_setting *settings;
	size_t n_settings;
	struct rb_named *ccys;
	size_t n_ccys;
	struct rb_code *npas;  /* catalog/npanxx.tsv */
	size_t n_npas;
	struct rb_code *fips;  /* catalog/fips.tsv */
	size_t n_fips;
};

/* Look-ups.  All return NULL (or the stated fallback) when nothing matches;
 * the returned pointers live as long as the rate book. */
const struct rb_jur *ratebook_jur(const struct ratebook *rb, long long pcd);
const struct rb_pair *ratebook_pair(const struct ratebook *rb, int tran, int serv);
/* Category name of cid, "" when unknown. */
const char *ratebook_category(const struct ratebook *rb, int cid);
/* Rate of tax index ti in effect on date; false when none is. */
bool ratebook_rate(const struct ratebook *rb, size_t ti, const char *date, double *rate);
/* Federal share of safe-harbor type sh on date; false when none. */
bool ratebook_fed_share(const struct ratebook *rb, int sh, const char *date, double *fed);
/* Setting value in effect on date, fallback when none. */
const char *ratebook_setting(const struct ratebook *rb, const char *name, const char *date,
			     const char *fallback);
/* PCode of an NPA-NXX (six digits) or a FIPS code; -1 when unknown. */
long long ratebook_npa(const struct ratebook *rb, long long npanxx);
long long ratebook_fips(const struct ratebook *rb, const char *fips);
/* Currency description, NULL when unknown. */
const char *ratebook_currency(const struct ratebook *rb, const char *code);
/* The ancestor-or-self of j at level lvl, NULL when j has none there. */
const struct rb_jur *ratebook_at_level(const struct ratebook *rb, const struct rb_jur *j, int lvl);
/* true when the rule's T/S patterns accept the pair. */
bool ratebook_rule_pair(const struct rb_rule *ru, int tran, int serv);
/* true when anc is j or one of j's ancestors. */
bool ratebook_within(const struct ratebook *rb, const struct rb_jur *j, long long anc);

#endif
