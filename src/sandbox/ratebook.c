/* ratebook.c - loads the rate book text files (see ratebook.h). */
#include "ratebook.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "afcq/str.h"

#define MAX_COLS 16

/* One parsed line: fields split on runs of tabs, "-" turned into "". */
struct tsv_row {
	const char *file;
	int line;
	char *col[MAX_COLS];
	size_t n;
};

typedef enum afcq_status (*row_fn)(struct ratebook *rb, const struct tsv_row *r,
				   struct afcq_error *err);

static enum afcq_status bad(struct afcq_error *err, const struct tsv_row *r, const char *what)
{
	char where[256];
	snprintf(where, sizeof where, "%s:%d", r->file, r->line);
	return afcq_error_set(err, AFCQ_ERR_CONFIG, where, "%s", what);
}

static bool parse_ll(const char *s, long long *out)
{
	char *end;
	if (afcq_str_empty(s))
		return false;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0';
}

static bool parse_int(const char *s, int *out)
{
	long long v;
	if (!parse_ll(s, &v) || v < -2147483647LL || v > 2147483647LL)
		return false;
	*out = (int)v;
	return true;
}

static bool parse_dbl(const char *s, double *out)
{
	char *end;
	if (afcq_str_empty(s))
		return false;
	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && *end == '\0';
}

static bool parse_date(const char *s, char out[RB_DATE_LEN])
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	memcpy(out, s, RB_DATE_LEN);
	return true;
}

static size_t find_tax(const struct ratebook *rb, const char *key)
{
	for (size_t i = 0; i < rb->n_taxes; i++)
		if (strcmp(rb->taxes[i].key, key) == 0)
			return i;
	return (size_t)-1;
}

#define GROW(arr, n) ((arr) = afcq_xrealloc((arr), ((n) + 1) * sizeof *(arr)), &(arr)[(n)++])

/* jurisdictions.tsv: pcode lvl parent ctry st county city zips */
static enum afcq_status row_jur(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_jur j = { 0 };
	if (r->n < 7)
		return bad(err, r, "want: pcode level parent country state county city [zips]");
	if (afcq_str_empty(r->col[0])) {
		/* Known place, PCode unknown to us: an internal id below zero. */
		j.no_pcd = true;
		j.pcd = -1 - (long long)rb->n_jurs;
	} else if (!parse_ll(r->col[0], &j.pcd)) {
		return bad(err, r, "bad pcode");
	}
	if (!parse_int(r->col[1], &j.lvl) || j.lvl < 0 || j.lvl > 4)
		return bad(err, r, "bad level");
	if (afcq_str_empty(r->col[2]))
		j.parent = -1;
	else if (!parse_ll(r->col[2], &j.parent))
		return bad(err, r, "bad parent pcode");
	if (ratebook_jur(rb, j.pcd))
		return bad(err, r, "pcode listed twice");
	if (j.parent >= 0 && !ratebook_jur(rb, j.parent))
		return bad(err, r, "parent not listed above");
	j.ctry = afcq_xstrdup(r->col[3]);
	j.st = afcq_xstrdup(r->col[4]);
	j.cnty = afcq_xstrdup(r->col[5]);
	j.city = afcq_xstrdup(r->col[6]);
	if (r->n > 7 && !afcq_str_empty(r->col[7])) {
		char *save = NULL, *copy = afcq_xstrdup(r->col[7]);
		for (char *z = strtok_r(copy, ",", &save); z; z = strtok_r(NULL, ",", &save))
			*GROW(j.zips, j.n_zips) = afcq_xstrdup(z);
		free(copy);
	}
	*GROW(rb->jurs, rb->n_jurs) = j;
	return AFCQ_OK;
}

/* categories.tsv: cid name */
static enum afcq_status row_cat(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_named c = { 0 };
	if (r->n < 2 || !parse_ll(r->col[0], &c.id))
		return bad(err, r, "want: category-id name");
	c.name = afcq_xstrdup(r->col[1]);
	*GROW(rb->cats, rb->n_cats) = c;
	return AFCQ_OK;
}

static bool parse_flags(const char *s, unsigned *out)
{
	static const char letters[] = "bcsFSnlt";
	*out = 0;
	for (; *s; s++) {
		const char *p = strchr(letters, *s);
		if (!p)
			return false;
		*out |= 1u << (p - letters);
	}
	return true;
}

/* taxes.tsv: key tid lvl pcd calc cid flags base max name */
static enum afcq_status row_tax(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_tax t = { 0 };
	if (r->n < 10)
		return bad(err, r, "want: key tid level pcode calc category flags base max name");
	if (afcq_str_empty(r->col[0]) || find_tax(rb, r->col[0]) != (size_t)-1)
		return bad(err, r, "empty or repeated tax key");
	if (!parse_int(r->col[1], &t.tid) || !parse_int(r->col[2], &t.lvl) ||
	    !parse_int(r->col[4], &t.calc) || !parse_int(r->col[5], &t.cid))
		return bad(err, r, "bad tid, level, calc or category");
	if (strcmp(r->col[3], "@") == 0)
		t.pcd_here = true;
	else if (!parse_ll(r->col[3], &t.pcd))
		return bad(err, r, "bad reporting pcode (number or @)");
	if (!parse_flags(r->col[6], &t.flags))
		return bad(err, r, "unknown flag letter (allowed: b c s F S n l t)");
	if (!afcq_str_empty(r->col[7])) {
		char *save = NULL, *copy = afcq_xstrdup(r->col[7]);
		for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
			struct rb_base v = { .share = 1 };
			char *star = strchr(p, '*');
			if (star)
				*star = '\0';
			if (!parse_int(p, &v.tid) || (star && (!parse_dbl(star + 1, &v.share) ||
							      v.share < 0 || v.share > 1))) {
				free(copy);
				free(t.base);
				return bad(err, r, "base: comma-separated tax type ids, each maybe *share");
			}
			*GROW(t.base, t.n_base) = v;
		}
		free(copy);
	}
	if (afcq_str_empty(r->col[8]))
		t.max = 2147483647.0;
	else if (!parse_dbl(r->col[8], &t.max)) {
		free(t.base);
		return bad(err, r, "bad max");
	}
	t.key = afcq_xstrdup(r->col[0]);
	t.name = afcq_xstrdup(r->col[9]);
	*GROW(rb->taxes, rb->n_taxes) = t;
	return AFCQ_OK;
}

/* rates.tsv: key from rate */
static enum afcq_status row_rate(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_rate x = { 0 };
	if (r->n < 3)
		return bad(err, r, "want: tax-key from-date rate");
	x.tax = find_tax(rb, r->col[0]);
	if (x.tax == (size_t)-1)
		return bad(err, r, "unknown tax key");
	if (!parse_date(r->col[1], x.from) || !parse_dbl(r->col[2], &x.rate))
		return bad(err, r, "bad date (YYYY-MM-DD) or rate");
	*GROW(rb->rates, rb->n_rates) = x;
	return AFCQ_OK;
}

static bool parse_conds(const char *s, struct rb_rule *ru)
{
	char *save = NULL, *copy = afcq_xstrdup(s);
	bool ok = true;
	for (char *p = strtok_r(copy, ",", &save); p && ok; p = strtok_r(NULL, ",", &save)) {
		struct rb_cond c = { 0 };
		char *eq = strchr(p, '=');
		if (!eq) {
			if (strlen(p) >= sizeof c.field)
				ok = false;
			else {
				strcpy(c.field, p);
				c.value = 1;
			}
		} else {
			size_t n = (size_t)(eq - p);
			if (n > 0 && p[n - 1] == '!') {
				c.neg = true;
				n--;
			}
			if (n == 0 || n >= sizeof c.field || !parse_ll(eq + 1, &c.value))
				ok = false;
			else
				memcpy(c.field, p, n);
		}
		if (ok)
			*GROW(ru->conds, ru->n_conds) = c;
	}
	free(copy);
	return ok;
}

/* "*" (n = 0) or a comma list of up to RB_MAX_CODES numbers. */
static bool parse_codes(const char *s, int *codes, size_t *n)
{
	*n = 0;
	if (strcmp(s, "*") == 0)
		return true;
	char *save = NULL, *copy = afcq_xstrdup(s);
	bool ok = true;
	for (char *p = strtok_r(copy, ",", &save); p && ok; p = strtok_r(NULL, ",", &save))
		ok = *n < RB_MAX_CODES && parse_int(p, &codes[(*n)++]);
	free(copy);
	return ok && *n > 0;
}

/* rules.tsv: scope tran serv tax-key [conditions] [threshold] */
static enum afcq_status row_rule(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_rule ru = { 0 };
	ru.line = r->line;
	if (r->n < 4)
		return bad(err, r, "want: scope-pcode tran serv tax-key [conditions] [threshold]");
	if (!parse_ll(r->col[0], &ru.scope))
		return bad(err, r, "bad scope pcode");
	if (!parse_codes(r->col[1], ru.tran, &ru.n_tran) ||
	    !parse_codes(r->col[2], ru.serv, &ru.n_serv))
		return bad(err, r, "bad transaction or service type (*, a number or a comma list)");
	ru.tax = find_tax(rb, r->col[3]);
	if (ru.tax == (size_t)-1)
		return bad(err, r, "unknown tax key");
	if (r->n > 4 && !afcq_str_empty(r->col[4]) && !parse_conds(r->col[4], &ru)) {
		free(ru.conds);
		return bad(err, r, "bad condition (field=value, field!=value or flag)");
	}
	if (r->n > 5 && !afcq_str_empty(r->col[5]) && !parse_dbl(r->col[5], &ru.thresh)) {
		free(ru.conds);
		return bad(err, r, "bad threshold");
	}
	*GROW(rb->rules, rb->n_rules) = ru;
	return AFCQ_OK;
}

/* pairs.tsv: tran serv safe-harbor input tran-desc serv-desc */
static enum afcq_status row_pair(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_pair p = { 0 };
	if (r->n < 6 || !parse_int(r->col[0], &p.tran) || !parse_int(r->col[1], &p.serv) ||
	    !parse_int(r->col[2], &p.sh) || !parse_int(r->col[3], &p.input))
		return bad(err, r, "want: tran serv safe-harbor input tran-desc serv-desc");
	if (ratebook_pair(rb, p.tran, p.serv))
		return bad(err, r, "pair listed twice");
	p.tran_desc = afcq_xstrdup(r->col[4]);
	p.serv_desc = afcq_xstrdup(r->col[5]);
	*GROW(rb->pairs, rb->n_pairs) = p;
	return AFCQ_OK;
}

/* The lookup catalog's T/S pairs (catalog/tspairs.tsv: tran serv market
 * interface input ...) are known pairs too, without taxes unless a rule
 * names them; the header row and pairs already listed are skipped. */
static enum afcq_status row_catalog_pair(struct ratebook *rb, const struct tsv_row *r,
					 struct afcq_error *err)
{
	(void)err;
	struct rb_pair p = { 0 };
	if (r->n < 2 || !parse_int(r->col[0], &p.tran) || !parse_int(r->col[1], &p.serv) ||
	    ratebook_pair(rb, p.tran, p.serv))
		return AFCQ_OK;
	if (r->n < 5 || !parse_int(r->col[4], &p.input))
		p.input = 1;
	p.tran_desc = afcq_xstrdup(r->n > 6 ? r->col[6] : "");
	p.serv_desc = afcq_xstrdup(r->n > 7 ? r->col[7] : "");
	*GROW(rb->pairs, rb->n_pairs) = p;
	return AFCQ_OK;
}

/* catalog/npanxx.tsv and catalog/fips.tsv: code pcode (header skipped). */
static enum afcq_status add_code(struct rb_code **v, size_t *n, const struct tsv_row *r)
{
	struct rb_code c = { 0 };
	if (r->n < 2 || !parse_ll(r->col[1], &c.pcd) || afcq_str_empty(r->col[0]) ||
	    !isdigit((unsigned char)r->col[0][0]))
		return AFCQ_OK;
	c.code = afcq_xstrdup(r->col[0]);
	*GROW(*v, *n) = c;
	return AFCQ_OK;
}

static enum afcq_status row_npa(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	(void)err;
	return add_code(&rb->npas, &rb->n_npas, r);
}

static enum afcq_status row_fips(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	(void)err;
	return add_code(&rb->fips, &rb->n_fips, r);
}

/* safeharbor.tsv: sh from federal-share */
static enum afcq_status row_share(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_share s = { 0 };
	if (r->n < 3 || !parse_int(r->col[0], &s.sh) || !parse_date(r->col[1], s.from) ||
	    !parse_dbl(r->col[2], &s.fed))
		return bad(err, r, "want: safe-harbor-type from-date federal-share");
	*GROW(rb->shares, rb->n_shares) = s;
	return AFCQ_OK;
}

/* settings.tsv: name from value */
static enum afcq_status row_setting(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_setting s = { 0 };
	if (r->n < 3 || !parse_date(r->col[1], s.from))
		return bad(err, r, "want: name from-date value");
	s.name = afcq_xstrdup(r->col[0]);
	s.value = afcq_xstrdup(r->col[2]);
	*GROW(rb->settings, rb->n_settings) = s;
	return AFCQ_OK;
}

/* currencies.tsv: code description */
static enum afcq_status row_ccy(struct ratebook *rb, const struct tsv_row *r, struct afcq_error *err)
{
	struct rb_named c = { 0 };
	if (r->n < 2 || afcq_str_empty(r->col[0]))
		return bad(err, r, "want: code description");
	c.code = afcq_xstrdup(r->col[0]);
	c.name = afcq_xstrdup(r->col[1]);
	*GROW(rb->ccys, rb->n_ccys) = c;
	return AFCQ_OK;
}

static enum afcq_status load_file(struct ratebook *rb, const char *dir, const char *name,
				  row_fn fn, bool required, struct afcq_error *err)
{
	char *path = afcq_xasprintf("%s/%s", dir, name);
	size_t len;
	char *text = afcq_read_file(path, &len);
	enum afcq_status st = AFCQ_OK;
	if (!text) {
		if (required || errno != ENOENT)
			st = afcq_error_set(err, AFCQ_ERR_CONFIG, path, "cannot read: %s",
					    strerror(errno));
		free(path);
		return st;
	}
	struct tsv_row r = { .file = path };
	char *save = NULL;
	int lineno = 0;
	char *p = text;
	while (p && st == AFCQ_OK) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		char *line = p;
		p = nl ? nl + 1 : NULL;
		size_t ll = strlen(line);
		if (ll && line[ll - 1] == '\r')
			line[--ll] = '\0';
		const char *q = line;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '\0' || *q == '#')
			continue;
		r.line = lineno;
		r.n = 0;
		for (char *f = strtok_r(line, "\t", &save); f; f = strtok_r(NULL, "\t", &save)) {
			if (r.n == MAX_COLS)
				break;
			r.col[r.n++] = strcmp(f, "-") == 0 ? "" : f;
		}
		st = fn(rb, &r, err);
	}
	free(text);
	free(path);
	return st;
}

static enum afcq_status check(struct ratebook *rb, const char *dir, struct afcq_error *err)
{
	for (size_t i = 0; i < rb->n_jurs; i++) {
		const struct rb_jur *j = &rb->jurs[i];
		if (j->parent >= 0 && !ratebook_jur(rb, j->parent) && !j->no_pcd)
			return afcq_error_set(err, AFCQ_ERR_CONFIG, dir,
					      "jurisdiction %lld: unknown parent %lld", j->pcd,
					      j->parent);
	}
	return AFCQ_OK;
}

static void index_rates(struct ratebook *rb)
{
	rb->rate_head = afcq_xcalloc(rb->n_taxes + 1, sizeof *rb->rate_head);
	rb->rate_next = afcq_xcalloc(rb->n_rates + 1, sizeof *rb->rate_next);
	for (size_t t = 0; t < rb->n_taxes; t++)
		rb->rate_head[t] = rb->n_rates;
	/* backwards, so each list keeps the file's order */
	for (size_t i = rb->n_rates; i-- > 0;) {
		size_t t = rb->rates[i].tax;
		rb->rate_next[i] = rb->rate_head[t];
		rb->rate_head[t] = i;
	}
}

struct ratebook *ratebook_load(const char *dir, struct afcq_error *err)
{
	static const struct {
		const char *name;
		row_fn fn;
		bool required;
	} files[] = {
		{ "jurisdictions.tsv", row_jur, true },
		{ "categories.tsv", row_cat, true },
		{ "taxes.tsv", row_tax, true },
		{ "rates.tsv", row_rate, true },
		{ "rules.tsv", row_rule, true },
		{ "pairs.tsv", row_pair, true },
		{ "safeharbor.tsv", row_share, false },
		{ "settings.tsv", row_setting, false },
		{ "currencies.tsv", row_ccy, false },
	};
	struct ratebook *rb = afcq_xcalloc(1, sizeof *rb);
	struct stat sb;
	/* Accept the data directory itself or its rates/ subdirectory. */
	char *sub = afcq_xasprintf("%s/rates", dir);
	const char *use = stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode) ? sub : dir;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (load_file(rb, use, files[i].name, files[i].fn, files[i].required, err) !=
		    AFCQ_OK) {
			free(sub);
			ratebook_free(rb);
			return NULL;
		}
	}
	/* dir/catalog when given the data directory, ../catalog from rates/. */
	const char *catdirs[] = { "catalog", "../catalog" };
	for (size_t i = 0; i < 2; i++) {
		char *cd = afcq_xasprintf("%s/%s", use == sub ? dir : use, catdirs[i]);
		bool found = stat(cd, &sb) == 0 && S_ISDIR(sb.st_mode);
		if (found && (load_file(rb, cd, "tspairs.tsv", row_catalog_pair, false, err) != AFCQ_OK ||
			      load_file(rb, cd, "npanxx.tsv", row_npa, false, err) != AFCQ_OK ||
			      load_file(rb, cd, "fips.tsv", row_fips, false, err) != AFCQ_OK)) {
			free(cd);
			free(sub);
			ratebook_free(rb);
			return NULL;
		}
		free(cd);
		if (found)
			break;
	}
	if (check(rb, use, err) != AFCQ_OK) {
		free(sub);
		ratebook_free(rb);
		return NULL;
	}
	free(sub);
	index_rates(rb);
	return rb;
}

void ratebook_free(struct ratebook *rb)
{
	if (!rb)
		return;
	for (size_t i = 0; i < rb->n_jurs; i++) {
		struct rb_jur *j = &rb->jurs[i];
		free(j->ctry);
		free(j->st);
		free(j->cnty);
		free(j->city);
		for (size_t k = 0; k < j->n_zips; k++)
			free(j->zips[k]);
		free(j->zips);
	}
	free(rb->jurs);
	for (size_t i = 0; i < rb->n_cats; i++)
		free(rb->cats[i].name);
	free(rb->cats);
	for (size_t i = 0; i < rb->n_taxes; i++) {
		free(rb->taxes[i].key);
		free(rb->taxes[i].name);
		free(rb->taxes[i].base);
	}
	free(rb->taxes);
	free(rb->rates);
	free(rb->rate_head);
	free(rb->rate_next);
	for (size_t i = 0; i < rb->n_rules; i++)
		free(rb->rules[i].conds);
	free(rb->rules);
	for (size_t i = 0; i < rb->n_pairs; i++) {
		free(rb->pairs[i].tran_desc);
		free(rb->pairs[i].serv_desc);
	}
	free(rb->pairs);
	free(rb->shares);
	for (size_t i = 0; i < rb->n_settings; i++) {
		free(rb->settings[i].name);
		free(rb->settings[i].value);
	}
	free(rb->settings);
	for (size_t i = 0; i < rb->n_ccys; i++) {
		free(rb->ccys[i].code);
		free(rb->ccys[i].name);
	}
	free(rb->ccys);
	for (size_t i = 0; i < rb->n_npas; i++)
		free(rb->npas[i].code);
	free(rb->npas);
	for (size_t i = 0; i < rb->n_fips; i++)
		free(rb->fips[i].code);
	free(rb->fips);
	free(rb);
}

const struct rb_jur *ratebook_jur(const struct ratebook *rb, long long pcd)
{
	for (size_t i = 0; i < rb->n_jurs; i++)
		if (rb->jurs[i].pcd == pcd)
			return &rb->jurs[i];
	return NULL;
}

const struct rb_pair *ratebook_pair(const struct ratebook *rb, int tran, int serv)
{
	for (size_t i = 0; i < rb->n_pairs; i++)
		if (rb->pairs[i].tran == tran && rb->pairs[i].serv == serv)
			return &rb->pairs[i];
	return NULL;
}

const char *ratebook_category(const struct ratebook *rb, int cid)
{
	for (size_t i = 0; i < rb->n_cats; i++)
		if (rb->cats[i].id == cid)
			return rb->cats[i].name;
	return "";
}

bool ratebook_rate(const struct ratebook *rb, size_t ti, const char *date, double *rate)
{
	const struct rb_rate *best = NULL;
	if (ti >= rb->n_taxes)
		return false;
	for (size_t i = rb->rate_head[ti]; i < rb->n_rates; i = rb->rate_next[i]) {
		const struct rb_rate *x = &rb->rates[i];
		if (strcmp(x->from, date) > 0)
			continue;
		if (!best || strcmp(x->from, best->from) >= 0)
			best = x;
	}
	if (!best)
		return false;
	*rate = best->rate;
	return true;
}

bool ratebook_fed_share(const struct ratebook *rb, int sh, const char *date, double *fed)
{
	const struct rb_share *best = NULL;
	for (size_t i = 0; i < rb->n_shares; i++) {
		const struct rb_share *s = &rb->shares[i];
		if (s->sh != sh || strcmp(s->from, date) > 0)
			continue;
		if (!best || strcmp(s->from, best->from) >= 0)
			best = s;
	}
	if (!best)
		return false;
	*fed = best->fed;
	return true;
}

const char *ratebook_setting(const struct ratebook *rb, const char *name, const char *date,
			     const char *fallback)
{
	const struct rb_setting *best = NULL;
	for (size_t i = 0; i < rb->n_settings; i++) {
		const struct rb_setting *s = &rb->settings[i];
		if (strcmp(s->name, name) != 0 || strcmp(s->from, date) > 0)
			continue;
		if (!best || strcmp(s->from, best->from) >= 0)
			best = s;
	}
	return best ? best->value : fallback;
}

const char *ratebook_currency(const struct ratebook *rb, const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < rb->n_ccys; i++)
		if (strcasecmp(rb->ccys[i].code, code) == 0)
			return rb->ccys[i].name;
	return NULL;
}

const struct rb_jur *ratebook_at_level(const struct ratebook *rb, const struct rb_jur *j, int lvl)
{
	for (int guard = 0; j && guard < 16; guard++) {
		if (j->lvl == lvl)
			return j;
		if (j->lvl < lvl || j->parent < 0)
			return NULL;
		j = ratebook_jur(rb, j->parent);
	}
	return NULL;
}

bool ratebook_within(const struct ratebook *rb, const struct rb_jur *j, long long anc)
{
	for (int guard = 0; j && guard < 16; guard++) {
		if (j->pcd == anc)
			return true;
		if (j->parent < 0)
			return false;
		j = ratebook_jur(rb, j->parent);
	}
	return false;
}

bool ratebook_rule_pair(const struct rb_rule *ru, int tran, int serv)
{
	bool t = ru->n_tran == 0, s = ru->n_serv == 0;
	for (size_t i = 0; i < ru->n_tran && !t; i++)
		t = ru->tran[i] == tran;
	for (size_t i = 0; i < ru->n_serv && !s; i++)
		s = ru->serv[i] == serv;
	return t && s;
}

long long ratebook_npa(const struct ratebook *rb, long long npanxx)
{
	char code[32];
	snprintf(code, sizeof code, "%lld", npanxx);
	for (size_t i = 0; i < rb->n_npas; i++)
		if (strcmp(rb->npas[i].code, code) == 0)
			return rb->npas[i].pcd;
	return -1;
}

long long ratebook_fips(const struct ratebook *rb, const char *fips)
{
	for (size_t i = 0; fips && i < rb->n_fips; i++)
		if (strcmp(rb->fips[i].code, fips) == 0)
			return rb->fips[i].pcd;
	return -1;
}
