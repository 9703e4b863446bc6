/* expect.c - see expect.h. */
#include "expect.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/str.h"
#include "engine.h"

#define MAX_CELLS 32

struct cell { char *key, *val; };

struct erow {
	char *kind;
	struct cell c[MAX_CELLS];
	size_t n;
	int line;
	bool used;
};

struct rows { struct erow *v; size_t n; };

static const char *get(const struct erow *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->c[i].key, key) == 0)
			return r->c[i].val;
	return NULL;
}

static long long get_ll(const struct erow *r, const char *key, long long dflt)
{
	const char *v = get(r, key);
	return v ? strtoll(v, NULL, 10) : dflt;
}

static bool dbl_eq(double a, double b)
{
	double d = fabs(a - b);
	return d <= 1e-12 || d <= 1e-9 * fmax(fabs(a), fabs(b));
}

static int load(const char *path, struct rows *out)
{
	size_t len;
	char *text = afcq_read_file(path, &len);
	if (!text) {
		fprintf(stderr, "expect: cannot read %s\n", path);
		return -1;
	}
	int lineno = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		out->v = afcq_xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		struct erow *r = &out->v[out->n++];
		memset(r, 0, sizeof *r);
		r->line = lineno;
		char *s2 = NULL;
		for (char *f = strtok_r(line, "\t", &s2); f; f = strtok_r(NULL, "\t", &s2)) {
			if (!r->kind) {
				r->kind = afcq_xstrdup(f);
				continue;
			}
			char *eq = strchr(f, '=');
			if (!eq || r->n == MAX_CELLS)
				continue;
			r->c[r->n].key = afcq_xstrndup(f, (size_t)(eq - f));
			r->c[r->n].val = afcq_xstrdup(eq + 1);
			r->n++;
		}
	}
	free(text);
	return 0;
}

static void rows_done(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].kind);
		for (size_t k = 0; k < rs->v[i].n; k++) {
			free(rs->v[i].c[k].key);
			free(rs->v[i].c[k].val);
		}
	}
	free(rs->v);
}

/* Field comparison: returns how many named keys differ; with report set,
 * prints them. */
static int cmp_num(const struct erow *r, const char *key, double have, bool report)
{
	const char *v = get(r, key);
	if (!v || dbl_eq(strtod(v, NULL), have))
		return 0;
	if (report)
		fprintf(stderr, "      %s: want %s, have %.17g\n", key, v, have);
	return 1;
}

static int cmp_str(const struct erow *r, const char *key, const char *have, bool report)
{
	const char *v = get(r, key);
	if (!v || (have && strcmp(v, have) == 0))
		return 0;
	if (report)
		fprintf(stderr, "      %s: want \"%s\", have \"%s\"\n", key, v, have ? have : "(null)");
	return 1;
}

static int cmp_opt_num(const struct erow *r, const char *key, bool set, double have, bool report)
{
	const char *v = get(r, key);
	if (!v)
		return 0;
	if (!set) {
		if (report)
			fprintf(stderr, "      %s: want %s, have nothing\n", key, v);
		return 1;
	}
	return cmp_num(r, key, have, report);
}

static int cmp_tax(const struct erow *r, const struct afcq_tax *t, bool rep)
{
	int d = 0;
	d += cmp_str(r, "name", t->name, rep);
	d += cmp_num(r, "tid", t->tid, rep);
	d += cmp_num(r, "lvl", t->lvl, rep);
	d += cmp_num(r, "pcd", (double)t->pcd, rep);
	d += cmp_num(r, "calc", t->calc, rep);
	d += cmp_num(r, "rate", t->rate, rep);
	d += cmp_num(r, "tm", t->tm, rep);
	d += cmp_num(r, "exm", t->exm, rep);
	d += cmp_num(r, "lns", (double)t->lns, rep);
	d += cmp_num(r, "min", t->min, rep);
	d += cmp_num(r, "tax", t->tax, rep);
	d += cmp_num(r, "bill", t->bill, rep);
	d += cmp_num(r, "cmpl", t->cmpl, rep);
	d += cmp_num(r, "sur", t->sur, rep);
	d += cmp_num(r, "cid", t->cid, rep);
	d += cmp_str(r, "cat", t->cat, rep);
	d += cmp_opt_num(r, "taxpcd", t->taxpcd.set, (double)t->taxpcd.v, rep);
	d += cmp_opt_num(r, "usexm", t->usexm.set, t->usexm.v, rep);
	d += cmp_opt_num(r, "notax", t->notax.set, t->notax.v, rep);
	d += cmp_opt_num(r, "trans", t->trans.set, (double)t->trans.v, rep);
	d += cmp_opt_num(r, "svc", t->svc.set, (double)t->svc.v, rep);
	d += cmp_opt_num(r, "chg", t->chg.set, t->chg.v, rep);
	return d;
}

static int cmp_summ(const struct erow *r, const struct afcq_summary *s, bool rep)
{
	int d = 0;
	d += cmp_str(r, "name", s->name, rep);
	d += cmp_num(r, "tid", s->tid, rep);
	d += cmp_num(r, "lvl", s->lvl, rep);
	d += cmp_num(r, "pcd", (double)s->pcd, rep);
	d += cmp_num(r, "calc", s->calc, rep);
	d += cmp_num(r, "rate", s->rate, rep);
	d += cmp_num(r, "tchg", s->tchg, rep);
	d += cmp_num(r, "exm", s->exm, rep);
	d += cmp_num(r, "lns", (double)s->lns, rep);
	d += cmp_num(r, "min", s->min, rep);
	d += cmp_num(r, "max", s->max, rep);
	d += cmp_num(r, "tax", s->tax, rep);
	d += cmp_num(r, "sur", s->sur, rep);
	d += cmp_num(r, "cid", s->cid, rep);
	d += cmp_str(r, "cat", s->cat, rep);
	return d;
}

typedef int (*cmp_fn)(const struct erow *r, const void *have, bool report);

static int cmp_tax_v(const struct erow *r, const void *h, bool rep)
{
	return cmp_tax(r, h, rep);
}

static int cmp_summ_v(const struct erow *r, const void *h, bool rep)
{
	return cmp_summ(r, h, rep);
}

/* One-to-one matching of the expected rows in want[] with have[]. */
static int match(const char *what, struct erow **want, size_t n_want, const void *have,
		 size_t n_have, size_t size, cmp_fn cmp, bool ordered)
{
	int bad = 0;
	size_t last = 0;
	bool in_order = true;
	bool *taken = afcq_xcalloc(n_have + 1, sizeof *taken);
	for (size_t i = 0; i < n_want; i++) {
		size_t hit = (size_t)-1, best = (size_t)-1;
		int best_d = 1 << 30;
		for (size_t k = 0; k < n_have && hit == (size_t)-1; k++) {
			if (taken[k])
				continue;
			int d = cmp(want[i], (const char *)have + k * size, false);
			if (d == 0)
				hit = k;
			else if (d < best_d) {
				best_d = d;
				best = k;
			}
		}
		if (hit != (size_t)-1) {
			taken[hit] = true;
			if (i > 0 && hit < last)
				in_order = false;
			last = hit;
			continue;
		}
		bad++;
		fprintf(stderr, "  %s: no match for expected line %d (%s tid %s lvl %s)\n", what,
			want[i]->line, get(want[i], "name") ? get(want[i], "name") : "?",
			get(want[i], "tid") ? get(want[i], "tid") : "?",
			get(want[i], "lvl") ? get(want[i], "lvl") : "?");
		if (best != (size_t)-1)
			cmp(want[i], (const char *)have + best * size, true);
	}
	if (n_want != n_have) {
		bad++;
		fprintf(stderr, "  %s: %zu rows expected, %zu returned\n", what, n_want, n_have);
	}
	if (ordered && !in_order) {
		bad++;
		fprintf(stderr, "  %s: rows in another order than expected\n", what);
	}
	free(taken);
	return bad;
}

static size_t collect(const struct rows *rs, const char *kind, long long inv, long long item,
		      struct erow **out)
{
	size_t n = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const struct erow *r = &rs->v[i];
		if (strcmp(r->kind, kind) != 0)
			continue;
		if (inv >= 0 && get_ll(r, "inv", -1) != inv)
			continue;
		if (item >= 0 && get_ll(r, "item", -1) != item)
			continue;
		out[n++] = (struct erow *)r;
	}
	return n;
}

static int check_errs(const char *what, struct erow **want, size_t n_want,
		      const struct afcq_errors *have)
{
	int bad = 0;
	for (size_t i = 0; i < n_want; i++) {
		bool ok = false;
		for (size_t k = 0; k < have->n && !ok; k++)
			ok = have->v[k].code == get_ll(want[i], "code", 0) &&
			     (!get(want[i], "msg") || strcmp(have->v[k].msg, get(want[i], "msg")) == 0);
		if (!ok) {
			bad++;
			fprintf(stderr, "  %s: missing err %s \"%s\"\n", what, get(want[i], "code"),
				get(want[i], "msg") ? get(want[i], "msg") : "");
		}
	}
	if (n_want != have->n) {
		bad++;
		fprintf(stderr, "  %s: %zu errors expected, %zu returned", what, n_want, have->n);
		for (size_t k = 0; k < have->n; k++)
			fprintf(stderr, " [%d %s]", have->v[k].code, have->v[k].msg);
		fputc('\n', stderr);
	}
	return bad;
}

static int check_incrf(long long inv, struct erow **want, size_t n_want,
		       const struct afcq_reporting *r)
{
	if (n_want == 0) {
		if (r->present) {
			fprintf(stderr, "  inv %lld: incrf returned but not expected\n", inv);
			return 1;
		}
		return 0;
	}
	if (!r->present) {
		fprintf(stderr, "  inv %lld: incrf expected\n", inv);
		return 1;
	}
	static const char *keys[] = { "acct", "custref", "invn", "bcyc", "ccycd", "ccydesc" };
	const char *have[] = { r->acct, r->custref, r->invn, r->bcyc, r->ccycd, r->ccydesc };
	int bad = 0;
	for (size_t i = 0; i < 6; i++) {
		const char *w = get(want[0], keys[i]);
		if ((w == NULL) != (have[i] == NULL) || (w && strcmp(w, have[i]) != 0)) {
			bad++;
			fprintf(stderr, "  inv %lld: incrf.%s want %s have %s\n", inv, keys[i],
				w ? w : "(absent)", have[i] ? have[i] : "(absent)");
		}
	}
	return bad;
}

static int check_item(const struct rows *rs, long long i, long long j,
		      const struct afcq_item_result *ir, struct erow **buf)
{
	char what[64];
	int bad = 0;
	snprintf(what, sizeof what, "inv %lld item %lld", i, j);
	size_t n = collect(rs, "tax", i, j, buf);
	bad += match(what, buf, n, ir->txs, ir->n_txs, sizeof *ir->txs, cmp_tax_v,
		     !collect(rs, "anyorder", -1, -1, buf + n));
	if (n > 0 && !ir->has_txs) {
		bad++;
		fprintf(stderr, "  %s: txs missing\n", what);
	}
	if (collect(rs, "notxs", i, j, buf) && ir->has_txs) {
		bad++;
		fprintf(stderr, "  %s: txs present, expected no txs key\n", what);
	}
	if (collect(rs, "emptytxs", i, j, buf) && (!ir->has_txs || ir->n_txs)) {
		bad++;
		fprintf(stderr, "  %s: expected \"txs\": []\n", what);
	}
	size_t nb = collect(rs, "base", i, j, buf);
	if (nb && (!ir->base.set || !dbl_eq(ir->base.v, strtod(get(buf[0], "value"), NULL)))) {
		bad++;
		fprintf(stderr, "  %s: base want %s have %.17g\n", what, get(buf[0], "value"),
			ir->base.set ? ir->base.v : NAN);
	}
	n = collect(rs, "itemerr", i, j, buf);
	bad += check_errs(what, buf, n, &ir->err);
	static const char *kinds[] = { "tax", "notxs", "emptytxs" };
	for (size_t k = 0; k < 3; k++) {
		n = collect(rs, kinds[k], i, j, buf);
		const char *ref = n ? get(buf[0], "ref") : NULL;
		if (ref && (!ir->ref || strcmp(ref, ir->ref) != 0)) {
			bad++;
			fprintf(stderr, "  %s: ref want \"%s\", have \"%s\"\n", what, ref,
				ir->ref ? ir->ref : "(absent)");
		}
	}
	return bad;
}

int expect_rows_check(const char *expect_path, const struct afcq_response *resp)
{
	struct rows rs = { 0 };
	if (load(expect_path, &rs) != 0)
		return 1;
	int bad = 0;
	struct erow **buf = afcq_xcalloc(rs.n + 1, sizeof *buf);
	long long max_inv = -1;
	for (size_t i = 0; i < rs.n; i++)
		if (get_ll(&rs.v[i], "inv", -1) > max_inv)
			max_inv = get_ll(&rs.v[i], "inv", -1);
	size_t n = collect(&rs, "reqerr", -1, -1, buf);
	bad += check_errs("request", buf, n, &resp->err);
	if ((long long)resp->n_inv != max_inv + 1) {
		bad++;
		fprintf(stderr, "  %zu invoices returned, %lld expected\n", resp->n_inv, max_inv + 1);
	}
	for (size_t i = 0; i < resp->n_inv && (long long)i <= max_inv; i++) {
		const struct afcq_invoice_result *ir = &resp->inv[i];
		char what[32];
		snprintf(what, sizeof what, "inv %zu summ", i);
		for (size_t j = 0; j < ir->n_itms; j++)
			bad += check_item(&rs, (long long)i, (long long)j, &ir->itms[j], buf);
		n = collect(&rs, "summ", (long long)i, -1, buf);
		bad += match(what, buf, n, ir->summ, ir->n_summ, sizeof *ir->summ, cmp_summ_v,
			     !collect(&rs, "anyorder", -1, -1, buf + n));
		snprintf(what, sizeof what, "inv %zu", i);
		n = collect(&rs, "inverr", (long long)i, -1, buf);
		bad += check_errs(what, buf, n, &ir->err);
		n = collect(&rs, "incrf", (long long)i, -1, buf);
		bad += check_incrf((long long)i, buf, n, &ir->incrf);
	}
	free(buf);
	rows_done(&rs);
	return bad;
}

static const char *top(void)
{
	const char *t = getenv("AFCQ_TOP");
	return afcq_str_empty(t) ? "." : t;
}

char *expect_rows_fixture(const char *name)
{
	return afcq_xasprintf("%s/tests/fixtures/engine/%s", top(), name);
}

char *expect_rows_ratebook_dir(void)
{
	return afcq_xasprintf("%s/data/sandbox", top());
}

int expect_rows_load_request(const char *path, struct afcq_request *req)
{
	size_t len;
	char *text = afcq_read_file(path, &len);
	if (!text) {
		fprintf(stderr, "expect: cannot read %s\n", path);
		return -1;
	}
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = afcq_codec_parse_request(text, len, req, &err);
	free(text);
	if (st != AFCQ_OK) {
		char line[800];
		fprintf(stderr, "expect: %s: %s\n", path, afcq_error_line(&err, line, sizeof line));
		return -1;
	}
	return 0;
}

int expect_rows_example(const char *name)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	char *dir = expect_rows_ratebook_dir();
	struct ratebook *rb = ratebook_load(dir, &err);
	free(dir);
	if (!rb) {
		char line[800];
		fprintf(stderr, "expect: rate book: %s\n", afcq_error_line(&err, line, sizeof line));
		return 1;
	}
	char *file = afcq_xasprintf("%s.json", name);
	char *path = expect_rows_fixture(file);
	free(file);
	struct afcq_request req;
	afcq_request_init(&req);
	int bad = 0;
	if (expect_rows_load_request(path, &req) != 0) {
		bad = 1;
	} else {
		struct afcq_response resp;
		afcq_response_init(&resp);
		if (engine_calc(rb, &req, &resp, &err) != AFCQ_OK) {
			fprintf(stderr, "expect: engine_calc failed: %s\n", err.msg);
			bad = 1;
		} else {
			file = afcq_xasprintf("%s.expect", name);
			char *epath = expect_rows_fixture(file);
			free(file);
			bad = expect_rows_check(epath, &resp);
			/* The same answer after the trip through the wire form. */
			json_t *j = afcq_codec_response_to_json(&resp);
			char *text = afcq_json_dump(j, AFCQ_JSON_COMPACT);
			struct afcq_response back;
			afcq_response_init(&back);
			if (afcq_codec_parse_response(text, strlen(text), &back, &err) != AFCQ_OK) {
				fprintf(stderr, "expect: %s: answer does not parse back: %s\n", name,
					err.msg);
				bad++;
			} else {
				int b2 = expect_rows_check(epath, &back);
				if (b2)
					fprintf(stderr, "%s: %d difference(s) after JSON\n", name, b2);
				bad += b2;
			}
			afcq_response_done(&back);
			free(text);
			json_decref(j);
			if (bad)
				fprintf(stderr, "%s: %d difference(s)\n", name, bad);
			free(epath);
		}
		afcq_response_done(&resp);
	}
	afcq_request_done(&req);
	free(path);
	ratebook_free(rb);
	return bad;
}
