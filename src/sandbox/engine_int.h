/* engine_int.h - shared state of the engine's files (private).
 *
 * How the engine works, one invoice at a time:
 *  1. engine_check_*  (engine_errors.c) turn missing fields, unknown T/S
 *     pairs and unknown locations into err entries at the right level.
 *  2. engine_select   (engine_select.c) resolves the item's taxing
 *     jurisdiction(s) and walks rules.tsv in order: every rule whose scope
 *     contains the jurisdiction, whose T/S pattern and conditions match,
 *     and whose tax has a rate on the item's date (or from an `ovr`) adds a
 *     row.  Rule order is output order.
 *  3. engine_exempt   (engine_exempt.c) marks rows hit by the invoice's
 *     `exms`.
 *  4. engine_compute  (engine_bases.c) seeds every row on the bare charge,
 *     then recomputes the rows in order, each from the charge plus the
 *     current amounts of the taxes in its base, until no amount moves by
 *     0.001 or more (tax on tax, including taxes that tax themselves).
 *     Safe-harbor shares, private-line shares, statutory thresholds and
 *     line brackets are applied there.
 *  5. engine_summarize (engine_summary.c) merges billable rows into `summ`.
 */
#ifndef AFCQ_SANDBOX_ENGINE_INT_H
#define AFCQ_SANDBOX_ENGINE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"
#include "ratebook.h"

/* One tax computed on one item. */
struct eng_row {
	size_t tax;                 /* index in rb->taxes */
	const struct rb_rule *rule;
	const struct rb_jur *jur;   /* taxing jurisdiction of this row */
	double rate;
	long long pcd;              /* reporting PCode */
	double loc_share;           /* private-line share of this endpoint */
	double sh_share;            /* safe-harbor share taxed (1 = all) */
	bool exempt;                /* user exemption */
	double thresh_avail;        /* statutory threshold left before this item */
	double lines_avail;         /* bracket lines left before this item */
	/* results */
	double amt, tm, exm, min;
	long long lns;
	double thresh_used, lines_used;
};

/* Counters kept across the items of one invoice (invoice mode). */
struct eng_usage {
	const void *key;            /* rule (thresholds) or tax (brackets) */
	double used;
};

/* The rules that pass the tests which depend only on the place and the
 * T/S pair (the tax's level allowed, the pair, the scope containing the
 * place), in file order: engine_select works them out once for a place and
 * pair and reuses them while the next item asks the same (the items of a
 * long invoice usually do). */
struct eng_rule_memo {
	bool valid;
	const struct rb_jur *jur;
	int tran, serv;
	bool federal_ok, local_ok;
	size_t *rules;              /* indices in rb->rules */
	size_t n_rules, cap_rules;
};

struct eng_invoice {
	const struct afcq_request *req;
	const struct afcq_invoice *in;
	bool invm;
	struct eng_usage *use;
	size_t n_use;
	struct eng_rule_memo memo;  /* engine_select's; free memo.rules */
};

struct eng_item {
	const struct afcq_item *in;
	char date[RB_DATE_LEN];     /* YYYY-MM-DD */
	long long cust, sale, prop;
	bool lfln;
	const struct rb_jur *jur;   /* bill-to (taxing) jurisdiction */
	const struct rb_jur *from, *to; /* private line endpoints, else NULL */
	const struct rb_pair *pair;
	double chg;                 /* signed, times qty */
	double lines, minutes;
	double fed;                 /* federal safe-harbor share */
	int sign;                   /* -1 for adjustments */
	struct eng_row *rows;
	size_t n_rows;
};

/* engine_select.c */
const struct rb_jur *engine_resolve(const struct ratebook *rb, const struct afcq_location *loc);
void engine_select(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it);

/* engine_exempt.c: marks rows exempted by ei->in->exms. */
void engine_exempt(const struct ratebook *rb, const struct eng_invoice *ei, struct eng_item *it);

/* engine_bases.c: computes every row of it; updates ei's counters. */
void engine_compute(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it);
/* Solves a tax-inclusive charge: sets it->chg to the pre-tax amount. */
void engine_solve_inclusive(const struct ratebook *rb, struct eng_invoice *ei, struct eng_item *it);
double *engine_usage(struct eng_invoice *ei, const void *key);

/* engine_errors.c: item and invoice checks.  Each adds err entries to
 * errs and returns false when the item/invoice cannot be computed. */
bool engine_check_invoice(const struct ratebook *rb, const struct afcq_invoice *in,
			  struct afcq_errors *errs);
bool engine_check_item(const struct ratebook *rb, const struct afcq_invoice *in,
		       const struct afcq_item *itm, struct eng_item *it, struct afcq_errors *errs);
void engine_err_add(struct afcq_errors *errs, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Copies "YYYY-MM-DD" from an ISO date or date-time; false when malformed. */
bool engine_date(const char *s, char out[RB_DATE_LEN]);

/* engine_summary.c: appends summary rows for the invoice's detail. */
void engine_summarize(const struct ratebook *rb, const char *date, const struct eng_item *items,
		      size_t n_items, struct afcq_invoice_result *res);

#endif
