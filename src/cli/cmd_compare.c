/* cmd_compare.c - afcq compare A B: what changes between two quotes.
 *
 * A and B are request files ("-" for stdin, once) or history entries
 * written @ID.  A file is priced as a quote.  A history entry (a quote or
 * an invoice) is compared as it was answered: its stored answer is used,
 * so that "what the customer was told" stays what it was; an entry without
 * an answer (failed, cancelled, outcome unknown) has its request priced
 * again as a quote.  Nothing is ever committed: an invoice entry priced
 * again goes out as a quote.
 *
 * Taxes are matched as afcq/compare.h says (same invoice and item, same
 * tax type, level and jurisdiction; a bridge participant's within the
 * participant of the same ref); when neither answer has item detail
 * the invoices' summary rows are compared instead.  Printed: both totals
 * due and the change, then every tax whose amount differs, with its
 * amount in each quote ("-" where one quote has no such tax).  Exit 0, or
 * the codes of quote: 1 when an answer holds errors (what can be compared
 * is still printed), 2 for bad input, 4 for the network, 5 for history.
 */
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/compare.h"
#include "afcq/money.h"
#include "afcq/str.h"

struct side {
	const char *arg;            /* as given */
	char *label;                /* "dallas.json", "@12 quote 2022-03-15T...Z" */
	struct afcq_request req;    /* as sent (or to send) */
	struct afcq_response resp;
	bool priced;                /* resp holds an answer */
	bool stored;                /* the answer came from history */
	struct afcq_totals tot;
};

/* One tax that differs.  item -1: a summary row; prt set: a tax of that
 * bridge participant of the item (brdg: its index in A, else in B). */
struct diff {
	size_t inv;
	long item;
	long brdg;
	const struct afcq_bridge_result *prt;  /* the participant, or NULL */
	const char *ref;                       /* the item's */
	const struct afcq_tax *ta, *tb;        /* item taxes, NULL when absent */
	const struct afcq_summary *sa, *sb;    /* summary rows, NULL when absent */
};

struct diffs {
	struct diff *v;
	size_t n;
};

static void side_done(struct side *s)
{
	free(s->label);
	afcq_request_done(&s->req);
	afcq_response_done(&s->resp);
}

static void diffs_add(struct diffs *d, struct diff x)
{
	d->v = afcq_xrealloc(d->v, (d->n + 1) * sizeof *d->v);
	d->v[d->n++] = x;
}

/* ---- loading ---------------------------------------------------------------- */

static int load_entry(struct cli_session *s, struct side *sd)
{
	char *end = NULL;
	errno = 0;
	long long id = strtoll(sd->arg + 1, &end, 10);
	if (errno || end == sd->arg + 1 || *end || id <= 0)
		return cli_failf(CLI_EXIT_USAGE, "compare: '%s' is not a history entry (@ID, see afcq "
				 "history list)", sd->arg);
	struct afcq_history_entry e = { 0 };
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = afcq_history_get(s->history, id, &e, &err);
	int rc = CLI_EXIT_OK;
	if (st == AFCQ_ERR_USAGE)
		rc = cli_failf(CLI_EXIT_USAGE, "compare: no history entry %lld (see afcq history list)",
			       id);
	else if (st != AFCQ_OK)
		rc = cli_fail(&err);
	else if (!e.kind || (strcmp(e.kind, "quote") != 0 && strcmp(e.kind, "invoice") != 0))
		rc = cli_failf(CLI_EXIT_USAGE, "compare: history entry %lld is %s %s, not a quote or "
			       "an invoice", id, e.kind && strchr("aeiou", e.kind[0]) ? "an" : "a",
			       e.kind ? e.kind : "?");
	else if (!e.request ||
		 afcq_codec_parse_request(e.request, strlen(e.request), &sd->req, &err) != AFCQ_OK)
		rc = cli_failf(CLI_EXIT_USAGE, "compare: history entry %lld: its request does not "
			       "read (%s)", id, err.msg);
	if (!rc) {
		bool answered = e.outcome == AFCQ_OUTCOME_OK || e.outcome == AFCQ_OUTCOME_API_ERROR;
		if (answered && e.response &&
		    afcq_codec_parse_response(e.response, strlen(e.response), &sd->resp, &err) ==
			    AFCQ_OK) {
			sd->priced = sd->stored = true;
		} else {
			afcq_response_done(&sd->resp);
			afcq_response_init(&sd->resp);
		}
		sd->label = afcq_xasprintf("@%lld %s %s%s", id, e.kind, e.time ? e.time : "",
					   sd->stored ? "" : " (priced again)");
	}
	afcq_history_entry_done(&e);
	return rc;
}

static int load_side(struct cli_session *s, struct side *sd)
{
	if (sd->arg[0] == '@')
		return load_entry(s, sd);
	sd->label = afcq_xstrdup(strcmp(sd->arg, "-") == 0 ? "(stdin)" : sd->arg);
	return cli_request_load(sd->arg, &sd->req);
}

/* Prices sd's request as a quote (the endpoint is open). */
static int price(struct cli_session *s, struct side *sd)
{
	struct afcq_request sent;
	afcq_request_init(&sent);
	afcq_api_prepare_quote(&sent, &sd->req);
	int rc = cli_request_check(&sent);
	if (!rc)
		rc = cli_request_check_catalog(s, &sent, NULL);
	if (!rc) {
		struct afcq_exchange x = { 0 };
		struct afcq_error err;
		afcq_error_clear(&err);
		enum afcq_status st = afcq_api_calc(&s->api, AFCQ_OP_QUOTE, &sent, &x, &err);
		if (st != AFCQ_OK && st != AFCQ_ERR_API) {
			char line[1024];
			rc = cli_failf(afcq_status_exit_code(err.status), "%s: %s", sd->label,
				       afcq_error_line(&err, line, sizeof line));
		} else {
			sd->resp = x.response;
			afcq_response_init(&x.response);
			sd->priced = true;
			afcq_request_done(&sd->req);
			sd->req = sent;
			afcq_request_init(&sent);
		}
		afcq_exchange_done(&x);
	}
	afcq_request_done(&sent);
	return rc;
}

/* ---- comparing ---------------------------------------------------------------- */

static bool has_detail(const struct afcq_response *r)
{
	for (size_t i = 0; i < r->n_inv; i++)
		for (size_t k = 0; k < r->inv[i].n_itms; k++) {
			const struct afcq_item_result *it = &r->inv[i].itms[k];
			if (it->n_txs)
				return true;
			for (size_t p = 0; p < it->n_brdg; p++)
				if (it->brdg[p].n_txs)
					return true;
		}
	return false;
}

static bool differ(double a, double b)
{
	return fabs(a - b) > 1e-9;
}

static const char *item_ref(const struct afcq_response *a, const struct afcq_request *ra,
			    size_t inv, size_t item)
{
	if (inv < a->n_inv && item < a->inv[inv].n_itms && a->inv[inv].itms[item].ref)
		return a->inv[inv].itms[item].ref;
	if (inv < ra->n_inv && item < ra->inv[inv].n_itms)
		return ra->inv[inv].itms[item].ref;
	return NULL;
}

/* The taxes of ta (na) and tb (nb), one item's or one participant's in
 * each answer, that differ, into d as x: those of A with their match in B,
 * then those only B has.  Placeholders are left out. */
static void compare_taxes(const struct afcq_tax *ta, size_t na, const struct afcq_tax *tb,
			  size_t nb, struct diff x, struct diffs *d)
{
	for (size_t t = 0; t < na; t++) {
		if (afcq_tax_is_placeholder(&ta[t]))
			continue;
		long j = afcq_compare_tax(ta, t, tb, nb);
		x.ta = &ta[t];
		x.tb = j >= 0 ? &tb[j] : NULL;
		if (!x.tb || differ(x.ta->tax, x.tb->tax))
			diffs_add(d, x);
	}
	x.ta = NULL;
	for (size_t t = 0; t < nb; t++) {
		if (afcq_tax_is_placeholder(&tb[t]) || afcq_compare_tax(tb, t, ta, na) >= 0)
			continue;
		x.tb = &tb[t];
		diffs_add(d, x);
	}
}

/* The taxes of item (i, k)'s bridge participants that differ (ia, ib: the
 * item in each answer, NULL when absent): each participant of A against
 * B's of the same ref, then B's participants that A has not. */
static void compare_bridge(const struct afcq_response *a, const struct afcq_response *b,
			   const struct afcq_item_result *ia, const struct afcq_item_result *ib,
			   struct diff x, struct diffs *d)
{
	size_t i = x.inv, k = (size_t)x.item;
	for (size_t p = 0; ia && p < ia->n_brdg; p++) {
		const struct afcq_bridge_result *pa = &ia->brdg[p];
		long q = afcq_compare_bridge(a, i, k, p, b);
		const struct afcq_bridge_result *pb = q >= 0 ? &ib->brdg[q] : NULL;
		x.prt = pa;
		x.brdg = (long)p;
		compare_taxes(pa->txs, pa->n_txs, pb ? pb->txs : NULL, pb ? pb->n_txs : 0, x, d);
	}
	for (size_t q = 0; ib && q < ib->n_brdg; q++) {
		if (afcq_compare_bridge(b, i, k, q, a) >= 0)
			continue;
		x.prt = &ib->brdg[q];
		x.brdg = (long)q;
		compare_taxes(NULL, 0, ib->brdg[q].txs, ib->brdg[q].n_txs, x, d);
	}
}

static void compare_items(const struct side *A, const struct side *B, struct diffs *d)
{
	const struct afcq_response *a = &A->resp, *b = &B->resp;
	size_t n_inv = a->n_inv > b->n_inv ? a->n_inv : b->n_inv;
	for (size_t i = 0; i < n_inv; i++) {
		size_t na = i < a->n_inv ? a->inv[i].n_itms : 0;
		size_t nb = i < b->n_inv ? b->inv[i].n_itms : 0;
		size_t n = na > nb ? na : nb;
		for (size_t k = 0; k < n; k++) {
			const char *ref = item_ref(a, &A->req, i, k);
			if (!ref)
				ref = item_ref(b, &B->req, i, k);
			const struct afcq_item_result *ia = k < na ? &a->inv[i].itms[k] : NULL;
			const struct afcq_item_result *ib = k < nb ? &b->inv[i].itms[k] : NULL;
			struct diff x = { .inv = i, .item = (long)k, .ref = ref };
			compare_taxes(ia ? ia->txs : NULL, ia ? ia->n_txs : 0, ib ? ib->txs : NULL,
				      ib ? ib->n_txs : 0, x, d);
			compare_bridge(a, b, ia, ib, x, d);
		}
	}
}

static void compare_summaries(const struct side *A, const struct side *B, struct diffs *d)
{
	const struct afcq_response *a = &A->resp, *b = &B->resp;
	size_t n_inv = a->n_inv > b->n_inv ? a->n_inv : b->n_inv;
	for (size_t i = 0; i < n_inv; i++) {
		size_t na = i < a->n_inv ? a->inv[i].n_summ : 0;
		size_t nb = i < b->n_inv ? b->inv[i].n_summ : 0;
		for (size_t t = 0; t < na; t++) {
			const struct afcq_summary *sa = &a->inv[i].summ[t];
			long j = afcq_compare_summary(a, i, t, b);
			const struct afcq_summary *sb = j >= 0 ? &b->inv[i].summ[j] : NULL;
			if (!sb || differ(sa->tax, sb->tax))
				diffs_add(d, (struct diff){ .inv = i, .item = -1, .sa = sa, .sb = sb });
		}
		for (size_t t = 0; t < nb; t++)
			if (afcq_compare_summary(b, i, t, a) < 0)
				diffs_add(d, (struct diff){ .inv = i, .item = -1,
							    .sb = &b->inv[i].summ[t] });
	}
}

/* ---- printing ---------------------------------------------------------------- */

struct row_view {
	const char *name;
	int tid, lvl;
	long long pcd;
	bool has_a, has_b;
	double a, b;
};

static struct row_view view(const struct diff *x)
{
	struct row_view v = { 0 };
	if (x->item >= 0) {
		const struct afcq_tax *t = x->ta ? x->ta : x->tb;
		v = (struct row_view){ t->name, t->tid, t->lvl, t->pcd, x->ta != NULL, x->tb != NULL,
				       x->ta ? x->ta->tax : 0, x->tb ? x->tb->tax : 0 };
	} else {
		const struct afcq_summary *s = x->sa ? x->sa : x->sb;
		v = (struct row_view){ s->name, s->tid, s->lvl, s->pcd, x->sa != NULL, x->sb != NULL,
				       x->sa ? x->sa->tax : 0, x->sb ? x->sb->tax : 0 };
	}
	return v;
}

/* The scope of a row in CSV and JSON, as quote's CSV names them. */
static const char *scope(const struct diff *x)
{
	return x->item < 0 ? "summary" : x->prt ? "bridge" : "item";
}

/* The ref of a row in CSV and JSON: the item's, the participant's for a
 * bridge row (as quote's CSV), none for a summary row. */
static const char *row_ref(const struct diff *x)
{
	return x->item < 0 ? NULL : x->prt ? x->prt->ref : x->ref;
}

static bool total_known(const struct side *s)
{
	return s->priced && s->tot.n_errors == 0;
}

/* A row: what (w columns), A, B and the change. */
#define ROW "%-*s %11s %11s %9s\n"
/* The tax name column: as wide as the longest name (25 at least, 60 at
 * most), so that no name is cut mid-word ("E911 Equalization Surchar"). */
#define NAME_MIN 25
#define NAME_MAX 60

static void total_row(int w, const char *what, bool known, double a, double b)
{
	char ma[64], mb[64], mc[64];
	if (known)
		printf(ROW, w, what, afcq_money_format(a, ma, sizeof ma),
		       afcq_money_format(b, mb, sizeof mb), afcq_money_format_change(a, b, mc, sizeof mc));
}

static struct row_view view(const struct diff *x);

static int name_width(const struct diffs *d)
{
	int nw = NAME_MIN;
	for (size_t i = 0; i < d->n; i++) {
		struct row_view v = view(&d->v[i]);
		int len = v.name ? (int)strlen(v.name) : 1;
		if (len > nw)
			nw = len > NAME_MAX ? NAME_MAX : len;
	}
	return nw;
}

static void print_table(const struct side *A, const struct side *B, const struct diffs *d,
			bool summaries)
{
	char ma[64], mb[64], mc[64];
	int nw = name_width(d);
	int w = 4 + nw + 1 + 7 + 1 + 8; /* "    NAME LEVEL PCODE" */
	printf("A  %s\nB  %s\n\n", A->label, B->label);
	printf(ROW, w, "", "A", "B", "change");
	bool known = total_known(A) && total_known(B);
	total_row(w, "Total due", known, A->tot.total_due, B->tot.total_due);
	total_row(w, "  Charges", known, A->tot.charges, B->tot.charges);
	total_row(w, "  Billable taxes", known, A->tot.billable, B->tot.billable);
	total_row(w, "Non-billable taxes", known, A->tot.nonbillable, B->tot.nonbillable);
	if (!known)
		printf(ROW, w, "Total due",
		       total_known(A) ? afcq_money_format(A->tot.total_due, ma, sizeof ma) : "errors",
		       total_known(B) ? afcq_money_format(B->tot.total_due, mb, sizeof mb) : "errors",
		       "");
	if (d->n == 0) {
		printf("\nNo tax differs.\n");
		return;
	}
	printf("\n%s that differ%s:\n", summaries ? "Summary taxes" : "Taxes",
	       summaries ? " (no item detail in the answers)" : "");
	bool many = A->resp.n_inv > 1 || B->resp.n_inv > 1;
	for (size_t i = 0; i < d->n; i++) {
		const struct diff *x = &d->v[i];
		if (i == 0 || x->inv != d->v[i - 1].inv || x->item != d->v[i - 1].item ||
		    x->prt != d->v[i - 1].prt) {
			char inv[32] = "";
			if (many)
				snprintf(inv, sizeof inv, "Invoice %zu%s", x->inv + 1,
					 x->item >= 0 ? " item " : " summary");
			if (x->item >= 0)
				printf("  %s%ld%s%s", many ? inv : "Item ", x->item + 1,
				       x->ref ? ": " : "", x->ref ? x->ref : "");
			else
				printf("  %s", many ? inv : "Summary");
			if (x->prt && x->prt->ref && x->prt->ref[0])
				printf("%sbridge participant %s", x->ref ? ", " : ": ", x->prt->ref);
			else if (x->prt)
				printf("%sbridge participant %ld", x->ref ? ", " : ": ", x->brdg + 1);
			putchar('\n');
		}
		struct row_view v = view(x);
		char what[128];
		snprintf(what, sizeof what, "    %-*.*s %-7.7s %8lld", nw, nw, v.name ? v.name : "?",
			 afcq_level_name(v.lvl), v.pcd);
		printf(ROW, w, what, v.has_a ? afcq_money_format(v.a, ma, sizeof ma) : "-",
		       v.has_b ? afcq_money_format(v.b, mb, sizeof mb) : "-",
		       afcq_money_format_change(v.a, v.b, mc, sizeof mc));
	}
}

/* A difference without the noise of binary subtraction (3.44, not
 * 3.4400000000000004): amounts come to at most 9 decimals. */
static double change_of(double a, double b)
{
	return round((b - a) * 1e9) / 1e9;
}

static void csv_amount(FILE *f, bool has, double v)
{
	char nb[64];
	if (has)
		fputs(afcq_number_format(v, nb, sizeof nb), f);
	fputc(',', f);
}

static void print_csv(const struct side *A, const struct side *B, const struct diffs *d)
{
	char nb[64];
	puts("scope,inv,item,ref,tid,name,lvl,pcd,a,b,change");
	printf("total,,,,,,,,");
	csv_amount(stdout, total_known(A), A->tot.total_due);
	csv_amount(stdout, total_known(B), B->tot.total_due);
	if (total_known(A) && total_known(B))
		fputs(afcq_number_format(change_of(A->tot.total_due, B->tot.total_due), nb, sizeof nb),
		      stdout);
	putchar('\n');
	for (size_t i = 0; i < d->n; i++) {
		const struct diff *x = &d->v[i];
		struct row_view v = view(x);
		printf("%s,%zu,", scope(x), x->inv + 1);
		if (x->item >= 0)
			printf("%ld", x->item + 1);
		putchar(',');
		cli_csv_next(stdout, row_ref(x));
		printf("%d,", v.tid);
		cli_csv_next(stdout, v.name);
		printf("%d,%lld,", v.lvl, v.pcd);
		csv_amount(stdout, v.has_a, v.a);
		csv_amount(stdout, v.has_b, v.b);
		fputs(afcq_number_format(change_of(v.a, v.b), nb, sizeof nb), stdout);
		putchar('\n');
	}
}

static json_t *amount_json(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

static json_t *side_json(const struct side *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "source", json_string(s->label));
	json_object_set_new(o, "stored_answer", json_boolean(s->stored));
	json_object_set_new(o, "total_due", amount_json(total_known(s), s->tot.total_due));
	json_object_set_new(o, "charges", amount_json(s->priced, s->tot.charges));
	json_object_set_new(o, "billable", amount_json(total_known(s), s->tot.billable));
	json_object_set_new(o, "errors", json_integer((json_int_t)s->tot.n_errors));
	return o;
}

static void print_json(const struct side *A, const struct side *B, const struct diffs *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "a", side_json(A));
	json_object_set_new(o, "b", side_json(B));
	json_object_set_new(o, "change", amount_json(total_known(A) && total_known(B),
						     change_of(A->tot.total_due, B->tot.total_due)));
	json_t *taxes = json_array();
	for (size_t i = 0; i < d->n; i++) {
		const struct diff *x = &d->v[i];
		struct row_view v = view(x);
		json_t *t = json_object();
		json_object_set_new(t, "scope", json_string(scope(x)));
		json_object_set_new(t, "inv", json_integer((json_int_t)x->inv + 1));
		json_object_set_new(t, "item", x->item < 0 ? json_null() : json_integer(x->item + 1));
		json_object_set_new(t, "ref", row_ref(x) ? afcq_json_string(row_ref(x)) : json_null());
		if (x->prt)
			json_object_set_new(t, "participant", json_integer(x->brdg + 1));
		json_object_set_new(t, "tid", json_integer(v.tid));
		json_object_set_new(t, "name", afcq_json_string(v.name));
		json_object_set_new(t, "lvl", json_integer(v.lvl));
		json_object_set_new(t, "pcd", json_integer(v.pcd));
		json_object_set_new(t, "a", amount_json(v.has_a, v.a));
		json_object_set_new(t, "b", amount_json(v.has_b, v.b));
		json_object_set_new(t, "change", json_real(change_of(v.a, v.b)));
		json_array_append_new(taxes, t);
	}
	json_object_set_new(o, "taxes", taxes);
	cli_json_print(stdout, o);
}

/* ---- the command ------------------------------------------------------------- */

int cmd_compare(const struct cli_opts *o)
{
	if (o->n_args != 2)
		return cli_failf(CLI_EXIT_USAGE, "compare: two requests expected, A and B (files, or "
				 "history entries @ID)");
	if (strcmp(o->args[0], "-") == 0 && strcmp(o->args[1], "-") == 0)
		return cli_failf(CLI_EXIT_USAGE, "compare: stdin (-) can be only one of A and B");
	struct side A = { .arg = o->args[0] }, B = { .arg = o->args[1] };
	afcq_request_init(&A.req);
	afcq_request_init(&B.req);
	afcq_response_init(&A.resp);
	afcq_response_init(&B.resp);
	struct cli_session s = { .opts = o };
	int rc = cli_session_config(&s, o);
	bool entries = A.arg[0] == '@' || B.arg[0] == '@';
	if (!rc)
		rc = cli_session_open(&s, entries ? CLI_NEED_HISTORY : 0);
	if (!rc)
		rc = load_side(&s, &A);
	if (!rc)
		rc = load_side(&s, &B);
	if (!rc && (!A.priced || !B.priced))
		rc = cli_session_open(&s, CLI_NEED_ENDPOINT | (entries ? 0 : CLI_WANT_HISTORY));
	if (!rc && !A.priced)
		rc = price(&s, &A);
	if (!rc && !B.priced)
		rc = price(&s, &B);
	if (!rc) {
		afcq_money_totals(&A.req, &A.resp, (size_t)-1, &A.tot);
		afcq_money_totals(&B.req, &B.resp, (size_t)-1, &B.tot);
		struct diffs d = { 0 };
		bool summaries = !has_detail(&A.resp) && !has_detail(&B.resp);
		if (summaries)
			compare_summaries(&A, &B, &d);
		else
			compare_items(&A, &B, &d);
		switch (o->format) {
		case CLI_FORMAT_TABLE: print_table(&A, &B, &d, summaries); break;
		case CLI_FORMAT_CSV: print_csv(&A, &B, &d); break;
		case CLI_FORMAT_JSON: print_json(&A, &B, &d); break;
		}
		fflush(stdout);
		free(d.v);
		size_t errs = 0;
		if (A.tot.n_errors || B.tot.n_errors) {
			if (A.tot.n_errors) {
				fprintf(stderr, "afcq: A (%s) holds errors:\n", A.label);
				errs += cli_print_api_errors(&A.resp);
			}
			if (B.tot.n_errors) {
				fprintf(stderr, "afcq: B (%s) holds errors:\n", B.label);
				errs += cli_print_api_errors(&B.resp);
			}
			rc = CLI_EXIT_API;
		}
		(void)errs;
	}
	side_done(&A);
	side_done(&B);
	cli_session_done(&s);
	return rc;
}
