/* cmd_lookup.c - afcq tspairs / taxtype / pcode: the catalogs and PCode
 * lookups, through the api layer. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/catalog.h"
#include "afcq/codec.h"
#include "afcq/str.h"
#include "afcq/validate.h"

static bool all_digits(const char *s)
{
	if (afcq_str_empty(s))
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Runs one lookup with a fresh session; *x is filled on AFCQ_OK.  Returns
 * an exit code (failures printed). */
static int lookup(struct cli_session *s, const struct cli_opts *o, enum afcq_op op,
		  const char *arg, const struct afcq_pcode_request *pr, struct afcq_exchange *x)
{
	int rc = cli_session_config(s, o);
	if (!rc)
		rc = cli_session_open(s, CLI_NEED_ENDPOINT);
	if (rc)
		return rc;
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = afcq_api_lookup(&s->api, op, arg, pr, x, &err);
	if (st != AFCQ_OK)
		return cli_fail(&err);
	return CLI_EXIT_OK;
}

/* ---- tspairs ------------------------------------------------------------ */

/* The words of every TEXT argument, as one search text (malloc'd). */
static char *search_text(const struct cli_opts *o)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	for (size_t a = 0; a < o->n_args; a++) {
		if (a)
			afcq_buf_puts(&b, " ");
		afcq_buf_puts(&b, o->args[a]);
	}
	return afcq_buf_steal(&b);
}

int cmd_tspairs(const struct cli_opts *o)
{
	struct cli_session s = { 0 };
	struct afcq_exchange x = { 0 };
	int rc = lookup(&s, o, AFCQ_OP_TSPAIRS, NULL, NULL, &x);
	if (!rc) {
		/* Same search as the workstation's: every word must match, best
		 * matches first. */
		char *text = search_text(o);
		struct afcq_tspair_matches m = { 0 };
		afcq_catalog_search_tspairs(&x.tspairs, text, &m);
		struct afcq_tspair_list keep = { 0 };
		keep.v = afcq_xcalloc(m.n ? m.n : 1, sizeof *keep.v);
		for (size_t i = 0; i < m.n; i++)
			keep.v[keep.n++] = *m.v[i].pair; /* shallow: strings stay in x */
		afcq_tspair_matches_done(&m);
		free(text);
		if (o->format == CLI_FORMAT_JSON) {
			cli_json_print(stdout, afcq_codec_tspairs_to_json(&keep));
		} else if (o->format == CLI_FORMAT_CSV) {
			puts("tran,serv,market,interface,input,bundle,tran_desc,serv_desc,pair_desc");
			for (size_t i = 0; i < keep.n; i++) {
				const struct afcq_tspair *p = &keep.v[i];
				printf("%d,%d,%d,%d,%d,%s,", p->tran, p->serv, p->market,
				       p->interface_type, p->input, p->is_bundle ? "true" : "false");
				cli_csv_next(stdout, p->tran_desc);
				cli_csv_next(stdout, p->serv_desc);
				cli_csv_field(stdout, p->pair_desc);
				putchar('\n');
			}
		} else {
			printf("%5s %5s  %-28s %s\n", "Tran", "Serv", "Transaction", "Service");
			for (size_t i = 0; i < keep.n; i++) {
				const struct afcq_tspair *p = &keep.v[i];
				printf("%5d %5d  %-28s %s%s\n", p->tran, p->serv,
				       p->tran_desc ? p->tran_desc : "", p->serv_desc ? p->serv_desc : "",
				       p->is_bundle ? " (bundle)" : "");
			}
		}
		if (keep.n == 0 && o->n_args)
			rc = cli_failf(CLI_EXIT_API, "tspairs: no pair matches '%s'", o->args[0]);
		free(keep.v);
	}
	afcq_exchange_done(&x);
	cli_session_done(&s);
	return rc;
}

/* ---- taxtype ------------------------------------------------------------ */

int cmd_taxtype(const struct cli_opts *o)
{
	if (o->n_args != 1)
		return cli_failf(CLI_EXIT_USAGE, "taxtype: %s",
				 o->n_args ? "one ID expected" : "missing ID (a tax type id, or '*')");
	const char *id = o->args[0];
	if (strcmp(id, "*") != 0 && (!all_digits(id) || strlen(id) > 9))
		return cli_failf(CLI_EXIT_USAGE, "taxtype: '%s' is not a tax type id (digits, or '*')",
				 id);
	struct cli_session s = { 0 };
	struct afcq_exchange x = { 0 };
	int rc = lookup(&s, o, AFCQ_OP_TAXTYPE, id, NULL, &x);
	if (!rc) {
		const struct afcq_taxtype_list *l = &x.taxtypes;
		if (o->format == CLI_FORMAT_JSON) {
			cli_json_body(stdout, x.http.body);
		} else if (o->format == CLI_FORMAT_CSV) {
			puts("tid,cid,desc,cat_desc");
			for (size_t i = 0; i < l->n; i++) {
				printf("%d,%d,", l->v[i].tid, l->v[i].cid);
				cli_csv_next(stdout, l->v[i].desc);
				cli_csv_field(stdout, l->v[i].cat_desc);
				putchar('\n');
			}
		} else {
			printf("%5s %4s  %-44s %s\n", "Tax", "Cat", "Description", "Category");
			for (size_t i = 0; i < l->n; i++)
				printf("%5d %4d  %-44s %s\n", l->v[i].tid, l->v[i].cid,
				       l->v[i].desc ? l->v[i].desc : "",
				       l->v[i].cat_desc ? l->v[i].cat_desc : "");
		}
		if (l->n == 0)
			rc = cli_failf(CLI_EXIT_API, "taxtype %s: unknown tax type", id);
	}
	afcq_exchange_done(&x);
	cli_session_done(&s);
	return rc;
}

/* ---- pcode -------------------------------------------------------------- */

static void print_pcodes(const struct cli_opts *o, const struct afcq_exchange *x)
{
	const struct afcq_pcode_result *r = &x->pcodes;
	if (o->format == CLI_FORMAT_JSON) {
		cli_json_body(stdout, x->http.body);
		return;
	}
	if (o->format == CLI_FORMAT_CSV) {
		puts("pcode,ctry,st,cnty,locality,alternate");
		for (size_t i = 0; i < r->n; i++) {
			const struct afcq_pcode_location *l = &r->v[i];
			printf("%lld,", l->pcode);
			cli_csv_next(stdout, l->ctry);
			cli_csv_next(stdout, l->st);
			cli_csv_next(stdout, l->cnty);
			cli_csv_field(stdout, l->locality);
			printf(",%s\n", l->is_alternate.set && l->is_alternate.v ? "true" : "false");
		}
		return;
	}
	printf("%-9s %-4s %-5s %-24s %s\n", "PCode", "Ctry", "State", "County", "Locality");
	for (size_t i = 0; i < r->n; i++) {
		const struct afcq_pcode_location *l = &r->v[i];
		printf("%-9lld %-4s %-5s %-24s %s%s\n", l->pcode, l->ctry ? l->ctry : "",
		       l->st ? l->st : "", l->cnty ? l->cnty : "", l->locality ? l->locality : "",
		       l->is_alternate.set && l->is_alternate.v ? " (alternate)" : "");
	}
}

/* true when s is 2 or 3 ASCII letters: an ISO country code. */
static bool country_code(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return false;
	return true;
}

/* Checks the pcode options; fills *pr for a place lookup.  Returns an
 * exit code (problems printed, every one).  The place options go together
 * in any combination, as the service takes them. */
static int pcode_request(const struct cli_opts *o, struct afcq_pcode_request *pr)
{
	bool place = o->zip || o->npanxx || o->fips || o->city || o->state || o->county ||
		     o->country;
	if (!place && o->n_args == 0)
		return cli_failf(CLI_EXIT_USAGE,
				 "pcode: missing PCODE or a place (--country, --state, --county, "
				 "--city, --zip, --npanxx, --fips)");
	int rc = CLI_EXIT_OK;
	if (place && o->n_args)
		rc = cli_failf(CLI_EXIT_USAGE,
			       "pcode: PCODE '%s' goes alone: a place is looked up without it",
			       o->args[0]);
	if (o->n_args > 1)
		rc = cli_failf(CLI_EXIT_USAGE, "pcode: one PCODE expected");
	if (o->n_args >= 1 && (!all_digits(o->args[0]) || strlen(o->args[0]) > 9))
		rc = cli_failf(CLI_EXIT_USAGE, "pcode: '%s' is not a PCode (digits)", o->args[0]);
	if (o->primary && o->n_args == 0)
		rc = cli_failf(CLI_EXIT_USAGE, "--primary: only with a PCODE");
	if (o->n_args && (o->best_match || o->exact || o->limit))
		rc = cli_failf(CLI_EXIT_USAGE,
			       "--best-match, --exact, --limit: only with a place, not a PCODE");
	if (o->best_match && o->exact)
		rc = cli_failf(CLI_EXIT_USAGE, "--best-match and --exact: give one of them");
	if (o->country && !country_code(o->country))
		rc = cli_failf(CLI_EXIT_USAGE,
			       "--country: '%s' is not an ISO country code (USA, CAN, IND...)",
			       o->country);
	if (o->npanxx && (!all_digits(o->npanxx) || strlen(o->npanxx) != 6))
		rc = cli_failf(CLI_EXIT_USAGE, "--npanxx: '%s' is not an NPA-NXX (6 digits)",
			       o->npanxx);
	if (o->fips) {
		size_t n = strlen(o->fips);
		char *digits = afcq_xstrndup(o->fips, n && o->fips[n - 1] == '*' ? n - 1 : n);
		if (!all_digits(digits) || strlen(digits) > 10)
			rc = cli_failf(CLI_EXIT_USAGE,
				       "--fips: '%s' is not a FIPS code (digits, * for a range)",
				       o->fips);
		free(digits);
	}
	long long limit = 0;
	if (o->limit) {
		char *end = NULL;
		errno = 0;
		limit = strtoll(o->limit, &end, 10);
		if (errno || end == o->limit || *end || limit < 1 || limit > INT32_MAX)
			rc = cli_failf(CLI_EXIT_USAGE,
				       "--limit: '%s' is not a number of results (1 or more)",
				       o->limit);
	}
	const struct { const char *name, *v; } texts[] = {
		{ "--country", o->country }, { "--state", o->state }, { "--county", o->county },
		{ "--city", o->city }, { "--zip", o->zip },
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (texts[i].v && strlen(texts[i].v) > AFCQ_MAX_STR)
			rc = cli_failf(CLI_EXIT_USAGE, "%s: longer than %d bytes", texts[i].name,
				       AFCQ_MAX_STR);
	if (rc || o->n_args)
		return rc;
	pr->ctry = afcq_xstrdup(o->country);
	pr->zip = afcq_xstrdup(o->zip);
	pr->npanxx = afcq_xstrdup(o->npanxx);
	pr->fips = afcq_xstrdup(o->fips);
	pr->city = afcq_xstrdup(o->city);
	pr->st = afcq_xstrdup(o->state);
	pr->cnty = afcq_xstrdup(o->county);
	if (o->best_match || o->exact)
		pr->best_match = (struct afcq_obool){ .set = true, .v = o->best_match };
	if (o->limit)
		pr->limit = (struct afcq_oint){ .set = true, .v = limit };
	return CLI_EXIT_OK;
}

int cmd_pcode(const struct cli_opts *o)
{
	struct afcq_pcode_request pr = { 0 };
	int rc = pcode_request(o, &pr);
	if (rc) {
		afcq_pcode_request_done(&pr);
		return rc;
	}
	struct cli_session s = { 0 };
	struct afcq_exchange x = { 0 };
	if (o->n_args)
		rc = lookup(&s, o, o->primary ? AFCQ_OP_PRIMARY : AFCQ_OP_LOCATION, o->args[0], NULL,
			    &x);
	else
		rc = lookup(&s, o, AFCQ_OP_PCODE, NULL, &pr, &x);
	if (!rc) {
		print_pcodes(o, &x);
		/* No match is an answer, not an error: said where it does not
		 * mix with the data (stdout for the table, stderr otherwise). */
		if (x.pcodes.n == 0 && o->format == CLI_FORMAT_TABLE)
			printf("0 matches\n");
		else if (x.pcodes.n == 0)
			fprintf(stderr, "afcq: pcode: 0 matches\n");
		else if (x.pcodes.match_count > (long long)x.pcodes.n &&
			 o->format == CLI_FORMAT_TABLE)
			printf("%zu of %lld matches shown (--limit)\n", x.pcodes.n,
			       x.pcodes.match_count);
	}
	afcq_exchange_done(&x);
	cli_session_done(&s);
	afcq_pcode_request_done(&pr);
	return rc;
}
