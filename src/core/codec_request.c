/* codec_request.c - CalcTaxes and Commit requests, JSON to model and back.
 *
 * The tables below are the wire format: key, kind, model field, in the
 * order of the AFC request template.  A request that repeats the top-level
 * "inv" key reaches us with the invoices of every repetition under one
 * "inv", in order (afcq_json_parse does that).
 */
#include "afcq/codec.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"
#include "codec_fields.h"

/* ---- tables ---------------------------------------------------------------- */

static const struct codec_field location_fields[] = {
	CODEC_FIELD(struct afcq_location, "cnty", CODEC_STR, cnty),
	CODEC_FIELD(struct afcq_location, "ctry", CODEC_STR, ctry),
	CODEC_FIELD(struct afcq_location, "int", CODEC_OBOOL, incorp),
	CODEC_FIELD(struct afcq_location, "geo", CODEC_OBOOL, geo),
	CODEC_FIELD(struct afcq_location, "pcd", CODEC_OINT, pcd),
	CODEC_FIELD(struct afcq_location, "npa", CODEC_OINT, npa),
	CODEC_FIELD_F(struct afcq_location, "fips", CODEC_STR, fips, CODEC_NUM_AS_STR),
	CODEC_FIELD(struct afcq_location, "addr", CODEC_STR, addr),
	CODEC_FIELD(struct afcq_location, "city", CODEC_STR, city),
	CODEC_FIELD(struct afcq_location, "st", CODEC_STR, st),
	CODEC_FIELD_F(struct afcq_location, "zip", CODEC_STR, zip, CODEC_NUM_AS_STR),
};
CODEC_TABLE(location_table, location_fields, false);

static const struct codec_field kv_fields[] = {
	CODEC_FIELD_F(struct afcq_kv, "key", CODEC_STR, key, CODEC_NUM_AS_STR),
	CODEC_FIELD_F(struct afcq_kv, "val", CODEC_STR, val, CODEC_NUM_AS_STR),
};
CODEC_TABLE(kv_table, kv_fields, false);

static const struct codec_field cfg_fields[] = {
	CODEC_FIELD(struct afcq_request_config, "retnb", CODEC_OBOOL, retnb),
	CODEC_FIELD(struct afcq_request_config, "retext", CODEC_OBOOL, retext),
	CODEC_FIELD(struct afcq_request_config, "incrf", CODEC_OBOOL, incrf),
};
CODEC_TABLE(cfg_table, cfg_fields, false);

static const struct codec_field exclusion_fields[] = {
	CODEC_FIELD(struct afcq_exclusion, "ctry", CODEC_STR, ctry),
	CODEC_FIELD(struct afcq_exclusion, "st", CODEC_STR, st),
	CODEC_FIELD(struct afcq_exclusion, "excl", CODEC_OBOOL, excl),
};
CODEC_TABLE(exclusion_table, exclusion_fields, false);

static const struct codec_field company_fields[] = {
	CODEC_FIELD(struct afcq_company, "bscl", CODEC_OINT, bscl),
	CODEC_FIELD(struct afcq_company, "svcl", CODEC_OINT, svcl),
	CODEC_FIELD(struct afcq_company, "fclt", CODEC_OBOOL, fclt),
	CODEC_FIELD(struct afcq_company, "frch", CODEC_OBOOL, frch),
	CODEC_FIELD(struct afcq_company, "reg", CODEC_OBOOL, reg),
	CODEC_ARR(struct afcq_company, "excl", excl, n_excl, struct afcq_exclusion,
		  exclusion_table),
	CODEC_FIELD(struct afcq_company, "idnt", CODEC_STR, idnt),
};
CODEC_TABLE(company_table, company_fields, false);

static const struct codec_field exemption_fields[] = {
	CODEC_FIELD(struct afcq_exemption, "frc", CODEC_OBOOL, frc),
	CODEC_OBJ(struct afcq_exemption, "loc", loc, location_table),
	CODEC_FIELD(struct afcq_exemption, "tpe", CODEC_OINT, tpe),
	CODEC_FIELD(struct afcq_exemption, "lvl", CODEC_OINT, lvl),
	CODEC_FIELD(struct afcq_exemption, "cat", CODEC_OINT, cat),
	CODEC_FIELD(struct afcq_exemption, "dom", CODEC_OINT, dom),
	CODEC_FIELD(struct afcq_exemption, "scp", CODEC_OINT, scp),
	CODEC_FIELD(struct afcq_exemption, "exnb", CODEC_OBOOL, exnb),
};
CODEC_TABLE(exemption_table, exemption_fields, false);

static const struct codec_field participant_fields[] = {
	CODEC_FIELD(struct afcq_bridge_participant, "ref", CODEC_STR, ref),
	CODEC_OBJ(struct afcq_bridge_participant, "loc", loc, location_table),
};
CODEC_TABLE(participant_table, participant_fields, false);

static const struct codec_field bridge_fields[] = {
	CODEC_FIELD(struct afcq_bridge, "proc", CODEC_OBOOL, proc),
	CODEC_FIELD(struct afcq_bridge, "rtrn", CODEC_OBOOL, rtrn),
	CODEC_ARR(struct afcq_bridge, "prts", prts, n_prts, struct afcq_bridge_participant,
		  participant_table),
};
CODEC_TABLE(bridge_table, bridge_fields, false);

static const struct codec_field item_fields[] = {
	CODEC_FIELD(struct afcq_item, "ref", CODEC_STR, ref),
	CODEC_OBJ(struct afcq_item, "from", from, location_table),
	CODEC_OBJ(struct afcq_item, "to", to, location_table),
	CODEC_FIELD(struct afcq_item, "chg", CODEC_ODBL, chg),
	CODEC_FIELD(struct afcq_item, "line", CODEC_OINT, line),
	CODEC_FIELD(struct afcq_item, "loc", CODEC_OINT, loc),
	CODEC_FIELD(struct afcq_item, "min", CODEC_ODBL, min),
	CODEC_FIELD(struct afcq_item, "sale", CODEC_OINT, sale),
	CODEC_FIELD(struct afcq_item, "plsp", CODEC_ODBL, plsp),
	CODEC_FIELD(struct afcq_item, "incl", CODEC_OBOOL, incl),
	CODEC_FIELD(struct afcq_item, "pror", CODEC_ODBL, pror),
	CODEC_FIELD(struct afcq_item, "proadj", CODEC_OINT, proadj),
	CODEC_OBJ(struct afcq_item, "brdg", brdg, bridge_table),
	CODEC_FIELD(struct afcq_item, "tran", CODEC_OINT, tran),
	CODEC_FIELD(struct afcq_item, "serv", CODEC_OINT, serv),
	CODEC_FIELD(struct afcq_item, "dbt", CODEC_OBOOL, dbt),
	CODEC_FIELD(struct afcq_item, "adj", CODEC_OBOOL, adj),
	CODEC_FIELD(struct afcq_item, "adjm", CODEC_OINT, adjm),
	CODEC_FIELD(struct afcq_item, "disc", CODEC_OINT, disc),
	CODEC_ARR(struct afcq_item, "opt", opt, n_opt, struct afcq_kv, kv_table),
	CODEC_FIELD(struct afcq_item, "prop", CODEC_OINT, prop),
	CODEC_FIELD(struct afcq_item, "qty", CODEC_OINT, qty),
	CODEC_FIELD(struct afcq_item, "glref", CODEC_STR, glref),
	CODEC_OBJ(struct afcq_item, "bill", bill, location_table),
	CODEC_FIELD(struct afcq_item, "cust", CODEC_OINT, cust),
	CODEC_FIELD(struct afcq_item, "lfln", CODEC_OBOOL, lfln),
	CODEC_FIELD(struct afcq_item, "date", CODEC_STR, date),
};
CODEC_TABLE(item_table, item_fields, false);

static const struct codec_field billing_period_fields[] = {
	CODEC_FIELD(struct afcq_billing_period, "month", CODEC_OINT, month),
	CODEC_FIELD(struct afcq_billing_period, "year", CODEC_OINT, year),
};
CODEC_TABLE(billing_period_table, billing_period_fields, false);

static const struct codec_field invoice_fields[] = {
	CODEC_FIELD(struct afcq_invoice, "doc", CODEC_STR, doc),
	CODEC_FIELD(struct afcq_invoice, "cmmt", CODEC_OBOOL, cmmt),
	CODEC_OBJ(struct afcq_invoice, "bill", bill, location_table),
	CODEC_FIELD(struct afcq_invoice, "cust", CODEC_OINT, cust),
	CODEC_FIELD(struct afcq_invoice, "lfln", CODEC_OBOOL, lfln),
	CODEC_FIELD(struct afcq_invoice, "date", CODEC_STR, date),
	CODEC_ARR(struct afcq_invoice, "exms", exms, n_exms, struct afcq_exemption,
		  exemption_table),
	CODEC_ARR(struct afcq_invoice, "itms", itms, n_itms, struct afcq_item, item_table),
	CODEC_FIELD(struct afcq_invoice, "invm", CODEC_OBOOL, invm),
	CODEC_FIELD(struct afcq_invoice, "dtl", CODEC_OBOOL, dtl),
	CODEC_FIELD(struct afcq_invoice, "summ", CODEC_OBOOL, summ),
	CODEC_ARR(struct afcq_invoice, "opt", opt, n_opt, struct afcq_kv, kv_table),
	CODEC_FIELD(struct afcq_invoice, "acct", CODEC_STR, acct),
	CODEC_FIELD(struct afcq_invoice, "custref", CODEC_STR, custref),
	CODEC_FIELD(struct afcq_invoice, "invn", CODEC_STR, invn),
	CODEC_FIELD(struct afcq_invoice, "bcyc", CODEC_STR, bcyc),
	CODEC_FIELD(struct afcq_invoice, "ccycd", CODEC_STR, ccycd),
	CODEC_OBJ(struct afcq_invoice, "bpd", bpd, billing_period_table),
};
CODEC_TABLE(invoice_table, invoice_fields, false);

static const struct codec_field bracket_fields[] = {
	CODEC_FIELD(struct afcq_bracket, "rate", CODEC_DBL, rate),
	CODEC_FIELD(struct afcq_bracket, "max", CODEC_ODBL, max),
};
CODEC_TABLE(bracket_table, bracket_fields, false);

static const struct codec_field override_fields[] = {
	CODEC_OBJ(struct afcq_tax_override, "loc", loc, location_table),
	CODEC_FIELD(struct afcq_tax_override, "scp", CODEC_OINT, scp),
	CODEC_FIELD(struct afcq_tax_override, "tid", CODEC_OINT, tid),
	CODEC_FIELD(struct afcq_tax_override, "lvl", CODEC_OINT, lvl),
	CODEC_FIELD(struct afcq_tax_override, "lvlExm", CODEC_OBOOL, lvl_exm),
	CODEC_ARR(struct afcq_tax_override, "brkt", brkt, n_brkt, struct afcq_bracket,
		  bracket_table),
};
CODEC_TABLE(override_table, override_fields, false);

static const struct codec_field safe_harbor_fields[] = {
	CODEC_FIELD(struct afcq_safe_harbor_override, "sh", CODEC_OINT, sh),
	CODEC_FIELD(struct afcq_safe_harbor_override, "old", CODEC_ODBL, old_share),
	CODEC_FIELD(struct afcq_safe_harbor_override, "new", CODEC_ODBL, new_share),
};
CODEC_TABLE(safe_harbor_table, safe_harbor_fields, false);

static const struct codec_field request_fields[] = {
	CODEC_OBJ(struct afcq_request, "cfg", cfg, cfg_table),
	CODEC_OBJ(struct afcq_request, "cmpn", cmpn, company_table),
	CODEC_ARR(struct afcq_request, "inv", inv, n_inv, struct afcq_invoice, invoice_table),
	CODEC_ARR(struct afcq_request, "ovr", ovr, n_ovr, struct afcq_tax_override,
		  override_table),
	CODEC_ARR(struct afcq_request, "sovr", sovr, n_sovr, struct afcq_safe_harbor_override,
		  safe_harbor_table),
};
CODEC_TABLE(request_table, request_fields, false);

const struct codec_table *codec_request_table(void)
{
	return &request_table;
}

const struct codec_table *codec_invoice_table(void)
{
	return &invoice_table;
}

static const struct codec_field commit_request_fields[] = {
	CODEC_FIELD(struct afcq_commit_request, "doc", CODEC_STR, doc),
	CODEC_FIELD(struct afcq_commit_request, "cmmt", CODEC_OBOOL, cmmt),
	CODEC_ARR(struct afcq_commit_request, "opt", opt, n_opt, struct afcq_kv, kv_table),
};
CODEC_TABLE(commit_request_table, commit_request_fields, false);

/* ---- locations ------------------------------------------------------------- */

json_t *afcq_codec_location_to_json(const struct afcq_location *l)
{
	return codec_emit_object(&location_table, l);
}

enum afcq_status afcq_codec_location_from_json(const json_t *j, const char *path,
					       struct afcq_location *out, struct afcq_error *err)
{
	afcq_location_done(out);
	enum afcq_status st = codec_parse_object(j, &location_table, out, path ? path : "", err);
	if (st != AFCQ_OK) {
		afcq_location_done(out);
		return st;
	}
	out->present = true;
	return AFCQ_OK;
}

/* ---- items and exemptions on their own -------------------------------------- */

json_t *afcq_codec_items_to_json(const struct afcq_item *v, size_t n)
{
	return codec_emit_array(&item_table, v, n, sizeof *v);
}

enum afcq_status afcq_codec_items_from_json(const json_t *j, const char *path,
					    struct afcq_item **v, size_t *n,
					    struct afcq_error *err)
{
	*v = NULL;
	*n = 0;
	enum afcq_status st = codec_parse_array(j, &item_table, sizeof **v, v, n, path ? path : "",
						err);
	if (st != AFCQ_OK) {
		for (size_t i = 0; i < *n; i++)
			afcq_item_done(&(*v)[i]);
		free(*v);
		*v = NULL;
		*n = 0;
	}
	return st;
}

json_t *afcq_codec_exemptions_to_json(const struct afcq_exemption *v, size_t n)
{
	return codec_emit_array(&exemption_table, v, n, sizeof *v);
}

enum afcq_status afcq_codec_exemptions_from_json(const json_t *j, const char *path,
						 struct afcq_exemption **v, size_t *n,
						 struct afcq_error *err)
{
	*v = NULL;
	*n = 0;
	enum afcq_status st = codec_parse_array(j, &exemption_table, sizeof **v, v, n,
						path ? path : "", err);
	if (st != AFCQ_OK) {
		for (size_t i = 0; i < *n; i++)
			afcq_exemption_done(&(*v)[i]);
		free(*v);
		*v = NULL;
		*n = 0;
	}
	return st;
}

/* ---- CalcTaxes request ------------------------------------------------------- */

enum afcq_status afcq_codec_request_from_json(const json_t *j, struct afcq_request *out,
					      struct afcq_error *err)
{
	afcq_request_done(out);
	enum afcq_status st = codec_parse_object(j, &request_table, out, "", err);
	if (st != AFCQ_OK)
		afcq_request_done(out);
	return st;
}

enum afcq_status afcq_codec_parse_request(const char *text, size_t len,
					  struct afcq_request *out, struct afcq_error *err)
{
	json_t *j;
	afcq_request_done(out);
	enum afcq_status st = codec_load(text, len, false, &j, err);
	if (st != AFCQ_OK)
		return st;
	st = afcq_codec_request_from_json(j, out, err);
	json_decref(j);
	return st;
}

json_t *afcq_codec_request_to_json(const struct afcq_request *r)
{
	return codec_emit_object(&request_table, r);
}

char *afcq_codec_request_dump(const struct afcq_request *r, int flags)
{
	if (!(flags & AFCQ_JSON_PRETTY)) {
		/* compact: written straight from the model, the same bytes */
		struct afcq_buf b;
		afcq_buf_init(&b);
		codec_write_object(&b, &request_table, r, flags);
		return afcq_buf_steal(&b);
	}
	json_t *j = afcq_codec_request_to_json(r);
	char *s = afcq_json_dump(j, flags);
	json_decref(j);
	return s;
}

/* Lets invoice i's line items go once it is written. */
static void items_written(void *ud, size_t i)
{
	struct afcq_invoice *inv = &((struct afcq_request *)ud)->inv[i];
	for (size_t k = 0; k < inv->n_itms; k++)
		afcq_item_done(&inv->itms[k]);
	free(inv->itms);
	inv->itms = NULL;
	inv->n_itms = 0;
}

char *afcq_codec_request_dump_items_go(struct afcq_request *r, int flags)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	codec_write_object_each(&b, &request_table, r, flags & ~AFCQ_JSON_PRETTY, "inv",
				items_written, NULL, r);
	return afcq_buf_steal(&b);
}

char *afcq_codec_invoice_dump(const struct afcq_invoice *inv, int flags)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	codec_write_object(&b, &invoice_table, inv, flags & ~AFCQ_JSON_PRETTY);
	return afcq_buf_steal(&b);
}

/* Appends invoice i's text, written apart, and lets it go. */
static void invoice_text(void *ud, size_t i, struct afcq_buf *b)
{
	char **texts = ud;
	afcq_buf_append(b, texts[i], strlen(texts[i]));
	free(texts[i]);
	texts[i] = NULL;
}

char *afcq_codec_request_dump_invoices(const struct afcq_request *r, char **texts, int flags)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	codec_write_object_each(&b, &request_table, r, flags & ~AFCQ_JSON_PRETTY, "inv", NULL,
				invoice_text, texts);
	return afcq_buf_steal(&b);
}

/* ---- Commit request ---------------------------------------------------------- */

enum afcq_status afcq_codec_parse_commit_request(const char *text, size_t len,
						 struct afcq_commit_request *out,
						 struct afcq_error *err)
{
	json_t *j;
	afcq_commit_request_done(out);
	enum afcq_status st = codec_load(text, len, false, &j, err);
	if (st != AFCQ_OK)
		return st;
	st = codec_parse_object(j, &commit_request_table, out, "", err);
	json_decref(j);
	if (st != AFCQ_OK)
		afcq_commit_request_done(out);
	return st;
}

json_t *afcq_codec_commit_request_to_json(const struct afcq_commit_request *r)
{
	return codec_emit_object(&commit_request_table, r);
}
