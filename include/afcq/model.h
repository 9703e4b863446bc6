/* model.h - the AFC REST v2 data model: CalcTaxes request and response,
 * Commit, and the lookup results.
 *
 * Field names follow the wire names (see the AFC notes) so a reader can map
 * one to the other at a glance.  Optional scalars carry a `set` flag so that
 * "absent" and "present with the default value" stay distinct: a request
 * loaded from a file and saved again is the same request.  Strings are
 * heap-allocated UTF-8, NULL when absent.  Arrays are a pointer plus a count.
 *
 * Ownership: every struct owns everything it points to.  Structs are
 * embedded (not heap objects), so the lifecycle pair is _init/_done:
 * _init zeroes, _done frees the contents and zeroes again.  Copies are deep
 * (afcq_request_copy).
 */
#ifndef AFCQ_MODEL_H
#define AFCQ_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* ---- optional scalars ------------------------------------------------ */
struct afcq_obool { bool set; bool v; };
struct afcq_oint { bool set; long long v; };
struct afcq_odbl { bool set; double v; };

/* ---- shared pieces ---------------------------------------------------- */
struct afcq_kv { char *key; char *val; };

struct afcq_error_entry { int code; char *msg; };
struct afcq_errors { struct afcq_error_entry *v; size_t n; };

/* A location: PCode alone, or address parts, NPA-NXX, FIPS... */
struct afcq_location {
	bool present;            /* the object was given at all */
	struct afcq_oint pcd;    /* PCode */
	struct afcq_oint npa;    /* NPA-NXX as integer */
	char *fips;
	char *ctry;              /* ISO-3 */
	char *st;
	char *cnty;
	char *city;
	char *zip;
	char *addr;
	struct afcq_obool incorp; /* wire name "int" */
	struct afcq_obool geo;
};

/* ---- request ----------------------------------------------------------- */
struct afcq_request_config {       /* "cfg" */
	bool present;
	struct afcq_obool retnb, retext, incrf;
};

struct afcq_exclusion { char *ctry; char *st; struct afcq_obool excl; };

struct afcq_company {              /* "cmpn" */
	bool present;
	struct afcq_oint bscl, svcl;
	struct afcq_obool fclt, frch, reg;
	char *idnt;
	struct afcq_exclusion *excl;
	size_t n_excl;
};

struct afcq_exemption {            /* "exms[]" */
	struct afcq_location loc;
	struct afcq_oint tpe, cat, lvl, dom, scp;
	struct afcq_obool frc, exnb;
};

struct afcq_billing_period {       /* "bpd" */
	bool present;
	struct afcq_oint month, year;
};

struct afcq_bridge_participant { char *ref; struct afcq_location loc; };

struct afcq_bridge {               /* "brdg" (templates only) */
	bool present;
	struct afcq_obool proc, rtrn;
	struct afcq_bridge_participant *prts;
	size_t n_prts;
};

struct afcq_item {                 /* "itms[]" */
	char *ref;
	struct afcq_location from, to, bill;   /* bill: per-item override */
	struct afcq_odbl chg, min, plsp, pror;
	struct afcq_oint line, loc, sale, tran, serv;
	struct afcq_oint proadj, adjm, disc, prop, qty;
	struct afcq_obool incl, dbt, adj;
	struct afcq_oint cust;                 /* per-item override */
	struct afcq_obool lfln;                /* per-item override */
	char *date;                            /* per-item override */
	char *glref;
	struct afcq_kv *opt;
	size_t n_opt;
	struct afcq_bridge brdg;
};

struct afcq_invoice {              /* "inv[]" */
	char *doc;
	struct afcq_obool cmmt;
	struct afcq_location bill;
	struct afcq_oint cust;
	struct afcq_obool lfln;
	char *date;                    /* "2022-03-02" or ISO date-time */
	struct afcq_exemption *exms;
	size_t n_exms;
	struct afcq_item *itms;
	size_t n_itms;
	struct afcq_obool invm, dtl, summ;
	struct afcq_kv *opt;
	size_t n_opt;
	char *acct, *custref, *invn, *bcyc, *ccycd;
	struct afcq_billing_period bpd;
};

struct afcq_bracket { double rate; struct afcq_odbl max; };

struct afcq_tax_override {         /* "ovr[]" */
	struct afcq_location loc;
	struct afcq_oint scp, tid, lvl;
	struct afcq_obool lvl_exm;     /* wire name "lvlExm" */
	struct afcq_bracket *brkt;
	size_t n_brkt;
};

struct afcq_safe_harbor_override { /* "sovr[]" */
	struct afcq_oint sh;
	struct afcq_odbl old_share;    /* wire name "old" */
	struct afcq_odbl new_share;    /* wire name "new" */
};

struct afcq_request {
	struct afcq_request_config cfg;
	struct afcq_company cmpn;
	struct afcq_invoice *inv;
	size_t n_inv;
	struct afcq_tax_override *ovr;
	size_t n_ovr;
	struct afcq_safe_harbor_override *sovr;
	size_t n_sovr;
};

/* ---- response ---------------------------------------------------------- */
struct afcq_tax {                  /* item "txs[]" */
	bool bill, cmpl, sur;
	double tm, exm, min, rate, tax;
	int calc, cid, lvl, tid;
	long long lns, pcd;
	char *cat, *name;
	/* extended fields (cfg.retext) */
	struct afcq_oint taxpcd, trans, svc;
	struct afcq_obool usexm, notax;
	struct afcq_odbl chg;
};

struct afcq_summary {              /* invoice "summ[]" */
	bool sur;
	double exm, rate, tax, tchg, max, min;
	int calc, cid, lvl, tid;
	long long lns, pcd;
	char *cat, *name;
};

struct afcq_bridge_result {       /* one participant of a bridge item ("brdg") */
	char *ref;
	struct afcq_oint tran, serv;   /* T/S pair used for the participant */
	struct afcq_tax *txs;
	size_t n_txs;
	struct afcq_errors err;        /* a bare message on the wire */
};

/* Taxes a streaming reader used and let go (stream.h): how many rows
 * (placeholders not counted) and their sums.  All zero otherwise. */
struct afcq_tax_tally {
	size_t n;
	double billable, nonbillable;
};

struct afcq_item_result {
	char *ref;
	struct afcq_odbl base;         /* tax-inclusive items */
	bool has_txs;                  /* "txs" key present (maybe empty) */
	struct afcq_tax *txs;
	size_t n_txs;
	struct afcq_bridge_result *brdg; /* bridge participants' taxes (brdg.rtrn) */
	size_t n_brdg;
	struct afcq_errors err;
	struct afcq_tax_tally released; /* taxes no longer in txs / brdg[].txs */
};

struct afcq_reporting {            /* "incrf" */
	bool present;
	char *acct, *custref, *invn, *bcyc, *ccycd, *ccydesc;
};

struct afcq_invoice_result {
	char *doc;
	struct afcq_item_result *itms;
	size_t n_itms;
	bool has_summ;
	struct afcq_summary *summ;
	size_t n_summ;
	struct afcq_errors err;
	struct afcq_reporting incrf;
};

struct afcq_response {
	struct afcq_invoice_result *inv;
	size_t n_inv;
	struct afcq_errors err;
};

/* ---- Commit ---------------------------------------------------------- */
struct afcq_commit_request {
	char *doc;
	struct afcq_obool cmmt;
	struct afcq_kv *opt;
	size_t n_opt;
};

struct afcq_commit_response {
	struct afcq_obool ok;
	struct afcq_errors err;
	char *doc;                     /* echoed by some servers */
	struct afcq_obool cmmt;
};

/* ---- lookups ----------------------------------------------------------- */
struct afcq_tspair {
	int tran, serv, market, interface_type, input;
	bool is_bundle;
	char *tran_desc, *serv_desc, *pair_desc;
};

struct afcq_tspair_list { struct afcq_tspair *v; size_t n; };

struct afcq_taxtype {
	int tid, cid;
	char *desc, *cat_desc;
};

struct afcq_taxtype_list { struct afcq_taxtype *v; size_t n; };

struct afcq_pcode_request {
	char *ctry, *st, *cnty, *city, *zip, *npanxx, *fips;
	struct afcq_obool best_match;
	struct afcq_oint limit;
};

struct afcq_pcode_location {
	struct afcq_obool is_alternate;
	char *ctry, *st, *cnty, *locality;
	long long pcode;
};

struct afcq_pcode_result {
	struct afcq_pcode_location *v;
	size_t n;
	long long match_count;
	char *input_match_type, *match_type_applied;
	long long results_limit;
};

struct afcq_service_info {
	char *server_time, *engine_version, *build_version, *error;
};

/* ---- lifecycle ------------------------------------------------------- */
/* _init zeroes; _done frees every owned pointer and zeroes again.  Safe to
 * call _done on a zeroed struct and twice in a row. */
void afcq_location_done(struct afcq_location *l);
void afcq_exemption_done(struct afcq_exemption *x);
void afcq_item_init(struct afcq_item *it);
void afcq_item_done(struct afcq_item *it);
void afcq_invoice_init(struct afcq_invoice *inv);
void afcq_invoice_done(struct afcq_invoice *inv);
void afcq_request_init(struct afcq_request *r);
void afcq_request_done(struct afcq_request *r);
void afcq_errors_done(struct afcq_errors *e);
void afcq_tax_done(struct afcq_tax *t);
void afcq_summary_done(struct afcq_summary *s);
void afcq_item_result_done(struct afcq_item_result *r);
void afcq_invoice_result_done(struct afcq_invoice_result *r);
void afcq_response_init(struct afcq_response *r);
void afcq_response_done(struct afcq_response *r);
void afcq_commit_request_done(struct afcq_commit_request *r);
void afcq_commit_response_done(struct afcq_commit_response *r);
void afcq_tspair_list_done(struct afcq_tspair_list *l);
void afcq_taxtype_list_done(struct afcq_taxtype_list *l);
void afcq_pcode_request_done(struct afcq_pcode_request *r);
void afcq_pcode_result_done(struct afcq_pcode_result *r);
void afcq_service_info_done(struct afcq_service_info *s);

/* Deep copies: *dst must be zeroed/done; on failure dst is left done and
 * -1 is returned (out of memory), else 0. */
int afcq_location_copy(struct afcq_location *dst, const struct afcq_location *src);
int afcq_exemption_copy(struct afcq_exemption *dst, const struct afcq_exemption *src);
int afcq_item_copy(struct afcq_item *dst, const struct afcq_item *src);
int afcq_request_copy(struct afcq_request *dst, const struct afcq_request *src);

/* Array editing used by the form.  Index out of range returns -1.
 * afcq_invoice_insert_item inserts a zeroed item before index (index ==
 * n_itms appends) and returns its index; _delete frees it; _move swaps
 * items at a and b. */
int afcq_invoice_insert_item(struct afcq_invoice *inv, size_t index);
int afcq_invoice_delete_item(struct afcq_invoice *inv, size_t index);
int afcq_invoice_move_item(struct afcq_invoice *inv, size_t a, size_t b);
/* Appends a zeroed invoice to r and returns its index, -1 on no memory. */
int afcq_request_add_invoice(struct afcq_request *r);

/* Enumeration names for display ("Residential", "Retail", "Per line"...);
 * static strings, "?" for unknown values. */
const char *afcq_cust_name(long long cust);
const char *afcq_sale_name(long long sale);
const char *afcq_calc_name(int calc);
const char *afcq_level_name(int lvl);
/* true for the "NO TAX" placeholder row (retext: notax true) an item that
 * produced no tax gets; it has no level, rate or base of its own. */
bool afcq_tax_is_placeholder(const struct afcq_tax *t);
/* Level of a tax row as shown: "none" for a placeholder row (which has no
 * lvl; 0 would read as Federal), else afcq_level_name(t->lvl). */
const char *afcq_tax_level_name(const struct afcq_tax *t);
const char *afcq_category_name(int cid);

#endif
