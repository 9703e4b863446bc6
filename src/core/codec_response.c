/* codec_response.c - CalcTaxes and Commit responses, JSON to model and back.
 *
 * The sandbox emits its answers through afcq_codec_response_to_json, so the
 * tables follow the key order of the AFC sample responses: a tax is
 * bill cmpl tm calc cat cid name exm lns min pcd [taxpcd] rate sur tax lvl
 * tid [usexm notax trans svc chg] (bracketed: extended fields, only when
 * set, placed where the samples put them); a summary row is max min tchg
 * calc cat cid name exm lns pcd rate sur tax lvl tid.
 */
#include "afcq/codec.h"

#include "codec_fields.h"

static const struct codec_field tax_fields[] = {
	CODEC_FIELD(struct afcq_tax, "bill", CODEC_BOOL, bill),
	CODEC_FIELD(struct afcq_tax, "cmpl", CODEC_BOOL, cmpl),
	CODEC_FIELD(struct afcq_tax, "tm", CODEC_DBL, tm),
	CODEC_FIELD(struct afcq_tax, "calc", CODEC_INT, calc),
	CODEC_FIELD(struct afcq_tax, "cat", CODEC_STR, cat),
	CODEC_FIELD(struct afcq_tax, "cid", CODEC_INT, cid),
	CODEC_FIELD(struct afcq_tax, "name", CODEC_STR, name),
	CODEC_FIELD(struct afcq_tax, "exm", CODEC_DBL, exm),
	CODEC_FIELD(struct afcq_tax, "lns", CODEC_LLONG, lns),
	CODEC_FIELD(struct afcq_tax, "min", CODEC_DBL, min),
	CODEC_FIELD(struct afcq_tax, "pcd", CODEC_LLONG, pcd),
	CODEC_FIELD(struct afcq_tax, "taxpcd", CODEC_OINT, taxpcd),
	CODEC_FIELD(struct afcq_tax, "rate", CODEC_DBL, rate),
	CODEC_FIELD(struct afcq_tax, "sur", CODEC_BOOL, sur),
	CODEC_FIELD(struct afcq_tax, "tax", CODEC_DBL, tax),
	CODEC_FIELD(struct afcq_tax, "lvl", CODEC_INT, lvl),
	CODEC_FIELD(struct afcq_tax, "tid", CODEC_INT, tid),
	CODEC_FIELD(struct afcq_tax, "usexm", CODEC_OBOOL, usexm),
	CODEC_FIELD(struct afcq_tax, "notax", CODEC_OBOOL, notax),
	CODEC_FIELD(struct afcq_tax, "trans", CODEC_OINT, trans),
	CODEC_FIELD(struct afcq_tax, "svc", CODEC_OINT, svc),
	CODEC_FIELD(struct afcq_tax, "chg", CODEC_ODBL, chg),
};

/* A "NO TAX" placeholder row (retext, item produced nothing) carries only
 * bill name pcd taxpcd tax tid and the extended fields in the samples. */
static const char *const *tax_omit(const void *base)
{
	static const char *const absent[] = {
		"cmpl", "tm", "calc", "cat", "cid", "exm", "lns", "min", "rate", "sur", "lvl", NULL,
	};
	const struct afcq_tax *t = base;
	return t->notax.set && t->notax.v ? absent : NULL;
}

static const struct codec_table tax_table = {
	.fields = tax_fields,
	.n = sizeof tax_fields / sizeof tax_fields[0],
	.omit = tax_omit,
};

static const struct codec_field summary_fields[] = {
	CODEC_FIELD(struct afcq_summary, "max", CODEC_DBL, max),
	CODEC_FIELD(struct afcq_summary, "min", CODEC_DBL, min),
	CODEC_FIELD(struct afcq_summary, "tchg", CODEC_DBL, tchg),
	CODEC_FIELD(struct afcq_summary, "calc", CODEC_INT, calc),
	CODEC_FIELD(struct afcq_summary, "cat", CODEC_STR, cat),
	CODEC_FIELD(struct afcq_summary, "cid", CODEC_INT, cid),
	CODEC_FIELD(struct afcq_summary, "name", CODEC_STR, name),
	CODEC_FIELD(struct afcq_summary, "exm", CODEC_DBL, exm),
	CODEC_FIELD(struct afcq_summary, "lns", CODEC_LLONG, lns),
	CODEC_FIELD(struct afcq_summary, "pcd", CODEC_LLONG, pcd),
	CODEC_FIELD(struct afcq_summary, "rate", CODEC_DBL, rate),
	CODEC_FIELD(struct afcq_summary, "sur", CODEC_BOOL, sur),
	CODEC_FIELD(struct afcq_summary, "tax", CODEC_DBL, tax),
	CODEC_FIELD(struct afcq_summary, "lvl", CODEC_INT, lvl),
	CODEC_FIELD(struct afcq_summary, "tid", CODEC_INT, tid),
};
CODEC_TABLE(summary_table, summary_fields, false);

/* A bridge participant's err is a bare message on the wire (template). */
static json_t *emit_bridge_err(const void *base)
{
	const struct afcq_bridge_result *b = base;
	return b->err.n ? codec_string(b->err.v[0].msg ? b->err.v[0].msg : "") : NULL;
}

static enum afcq_status parse_bridge_err(const json_t *v, const char *path, void *base,
					 struct afcq_error *err)
{
	struct afcq_bridge_result *b = base;
	return codec_parse_errors(v, path, &b->err, err);
}

static const struct codec_field bridge_result_fields[] = {
	CODEC_FIELD(struct afcq_bridge_result, "ref", CODEC_STR, ref),
	CODEC_FIELD(struct afcq_bridge_result, "tran", CODEC_OINT, tran),
	CODEC_FIELD(struct afcq_bridge_result, "serv", CODEC_OINT, serv),
	CODEC_ARR(struct afcq_bridge_result, "txs", txs, n_txs, struct afcq_tax, tax_table),
	{ .key = "err", .kind = CODEC_CUSTOM, .parse = parse_bridge_err, .emit = emit_bridge_err },
};
CODEC_TABLE(bridge_result_table, bridge_result_fields, false);

static const struct codec_field item_result_fields[] = {
	CODEC_FIELD(struct afcq_item_result, "ref", CODEC_STR, ref),
	CODEC_FIELD(struct afcq_item_result, "base", CODEC_ODBL, base),
	CODEC_ARR_HAS(struct afcq_item_result, "txs", txs, n_txs, has_txs, struct afcq_tax,
		      tax_table),
	CODEC_ARR(struct afcq_item_result, "brdg", brdg, n_brdg, struct afcq_bridge_result,
		  bridge_result_table),
	CODEC_FIELD(struct afcq_item_result, "err", CODEC_ERRORS, err),
};
CODEC_TABLE(item_result_table, item_result_fields, false);

static const struct codec_field reporting_fields[] = {
	CODEC_FIELD(struct afcq_reporting, "acct", CODEC_STR, acct),
	CODEC_FIELD(struct afcq_reporting, "custref", CODEC_STR, custref),
	CODEC_FIELD(struct afcq_reporting, "invn", CODEC_STR, invn),
	CODEC_FIELD(struct afcq_reporting, "bcyc", CODEC_STR, bcyc),
	CODEC_FIELD(struct afcq_reporting, "ccycd", CODEC_STR, ccycd),
	CODEC_FIELD(struct afcq_reporting, "ccydesc", CODEC_STR, ccydesc),
};
CODEC_TABLE(reporting_table, reporting_fields, false);

static const struct codec_field invoice_result_fields[] = {
	CODEC_FIELD(struct afcq_invoice_result, "doc", CODEC_STR, doc),
	CODEC_ARR(struct afcq_invoice_result, "itms", itms, n_itms, struct afcq_item_result,
		  item_result_table),
	CODEC_ARR_HAS(struct afcq_invoice_result, "summ", summ, n_summ, has_summ,
		      struct afcq_summary, summary_table),
	CODEC_FIELD(struct afcq_invoice_result, "err", CODEC_ERRORS, err),
	CODEC_OBJ(struct afcq_invoice_result, "incrf", incrf, reporting_table),
};
CODEC_TABLE(invoice_result_table, invoice_result_fields, false);

static const struct codec_field response_fields[] = {
	CODEC_ARR(struct afcq_response, "inv", inv, n_inv, struct afcq_invoice_result,
		  invoice_result_table),
	CODEC_FIELD(struct afcq_response, "err", CODEC_ERRORS, err),
};
CODEC_TABLE(response_table, response_fields, false);

static const struct codec_field commit_response_fields[] = {
	CODEC_FIELD(struct afcq_commit_response, "ok", CODEC_OBOOL, ok),
	CODEC_FIELD(struct afcq_commit_response, "err", CODEC_ERRORS, err),
	CODEC_FIELD(struct afcq_commit_response, "doc", CODEC_STR, doc),
	CODEC_FIELD(struct afcq_commit_response, "cmmt", CODEC_OBOOL, cmmt),
};
CODEC_TABLE(commit_response_table, commit_response_fields, false);

const struct codec_table *codec_response_table(void)
{
	return &response_table;
}

const struct codec_table *codec_invoice_result_table(void)
{
	return &invoice_result_table;
}

const struct codec_table *codec_item_result_table(void)
{
	return &item_result_table;
}

/* ---- CalcTaxes response -------------------------------------------------------- */

enum afcq_status afcq_codec_response_from_json(const json_t *j, struct afcq_response *out,
					       struct afcq_error *err)
{
	afcq_response_done(out);
	enum afcq_status st = codec_parse_object(j, &response_table, out, "", err);
	if (st != AFCQ_OK)
		afcq_response_done(out);
	return st;
}

enum afcq_status afcq_codec_parse_response(const char *text, size_t len,
					   struct afcq_response *out, struct afcq_error *err)
{
	json_t *j;
	afcq_response_done(out);
	enum afcq_status st = codec_load(text, len, false, &j, err);
	if (st != AFCQ_OK)
		return st;
	st = afcq_codec_response_from_json(j, out, err);
	json_decref(j);
	return st;
}

json_t *afcq_codec_response_to_json(const struct afcq_response *r)
{
	return codec_emit_object(&response_table, r);
}

char *afcq_codec_response_dump(const struct afcq_response *r, int flags)
{
	return afcq_codec_response_dump_spans(r, flags, NULL);
}

char *afcq_codec_response_dump_spans(const struct afcq_response *r, int flags, size_t *span)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	/* Room for the whole text at once (a tax is about 250 bytes): no
	 * copies while a large answer grows. */
	size_t taxes = 0;
	for (size_t i = 0; i < r->n_inv; i++)
		for (size_t k = 0; k < r->inv[i].n_itms; k++)
			taxes += r->inv[i].itms[k].n_txs + 1;
	b.cap = 256 + taxes * 256;
	b.data = afcq_xmalloc(b.cap);
	b.data[0] = '\0';
	codec_write_object_spans(&b, &response_table, r, flags, "inv", span);
	return afcq_buf_steal(&b);
}

char *afcq_codec_invoice_result_dump(const struct afcq_response *r, size_t i, int flags)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	codec_write_object(&b, &invoice_result_table, &r->inv[i], flags);
	return afcq_buf_steal(&b);
}

/* ---- Commit response ------------------------------------------------------------ */

enum afcq_status afcq_codec_parse_commit_response(const char *text, size_t len,
						  struct afcq_commit_response *out,
						  struct afcq_error *err)
{
	json_t *j;
	afcq_commit_response_done(out);
	enum afcq_status st = codec_load(text, len, false, &j, err);
	if (st != AFCQ_OK)
		return st;
	st = codec_parse_object(j, &commit_response_table, out, "", err);
	json_decref(j);
	if (st != AFCQ_OK)
		afcq_commit_response_done(out);
	return st;
}

json_t *afcq_codec_commit_response_to_json(const struct afcq_commit_response *r)
{
	return codec_emit_object(&commit_response_table, r);
}
