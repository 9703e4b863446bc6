/* codec_lookup.c - the lookup payloads (tspairs, taxtype, PCode,
 * serviceinfo), JSON to model and back.
 *
 * These keys are PascalCase on the wire ("TransactionType"); the tables
 * also accept them in any letter case, since nothing else distinguishes
 * them.  List lookups come back as a JSON array; a lone object is taken as
 * a list of one.
 *
 * A catalog decoder accepts only catalog shapes: every element must be an
 * object naming its pair (TransactionType and ServiceType) or its tax type
 * (TaxType), so an error object, a CalcTaxes answer or any other JSON
 * answered to a catalog lookup is refused (AFCQ_ERR_PARSE, cause
 * MALFORMED) instead of becoming a catalog of one empty entry.  A PCode
 * result must carry LocationData or MatchCount.
 */
#include "afcq/codec.h"

#include "codec_fields.h"

#include <stdio.h>
#include <strings.h>

static const struct codec_field tspair_fields[] = {
	CODEC_FIELD(struct afcq_tspair, "TransactionType", CODEC_INT, tran),
	CODEC_FIELD(struct afcq_tspair, "ServiceType", CODEC_INT, serv),
	CODEC_FIELD(struct afcq_tspair, "MarketType", CODEC_INT, market),
	CODEC_FIELD(struct afcq_tspair, "InterfaceType", CODEC_INT, interface_type),
	CODEC_FIELD(struct afcq_tspair, "InputType", CODEC_INT, input),
	CODEC_FIELD(struct afcq_tspair, "IsBundle", CODEC_BOOL, is_bundle),
	CODEC_FIELD(struct afcq_tspair, "TransactionDescription", CODEC_STR, tran_desc),
	CODEC_FIELD(struct afcq_tspair, "ServiceDescription", CODEC_STR, serv_desc),
	CODEC_FIELD(struct afcq_tspair, "TSPairDescription", CODEC_STR, pair_desc),
};
CODEC_TABLE(tspair_table, tspair_fields, true);

static const struct codec_field taxtype_fields[] = {
	CODEC_FIELD(struct afcq_taxtype, "TaxType", CODEC_INT, tid),
	CODEC_FIELD(struct afcq_taxtype, "CategoryType", CODEC_INT, cid),
	CODEC_FIELD(struct afcq_taxtype, "TaxDescription", CODEC_STR, desc),
	CODEC_FIELD(struct afcq_taxtype, "CategoryDescription", CODEC_STR, cat_desc),
};
CODEC_TABLE(taxtype_table, taxtype_fields, true);

static const struct codec_field pcode_request_fields[] = {
	CODEC_FIELD(struct afcq_pcode_request, "CountryIso", CODEC_STR, ctry),
	CODEC_FIELD(struct afcq_pcode_request, "State", CODEC_STR, st),
	CODEC_FIELD(struct afcq_pcode_request, "County", CODEC_STR, cnty),
	CODEC_FIELD(struct afcq_pcode_request, "City", CODEC_STR, city),
	CODEC_FIELD_F(struct afcq_pcode_request, "ZipCode", CODEC_STR, zip, CODEC_NUM_AS_STR),
	CODEC_FIELD_F(struct afcq_pcode_request, "NpaNxx", CODEC_STR, npanxx, CODEC_NUM_AS_STR),
	CODEC_FIELD_F(struct afcq_pcode_request, "Fips", CODEC_STR, fips, CODEC_NUM_AS_STR),
	CODEC_FIELD(struct afcq_pcode_request, "BestMatch", CODEC_OBOOL, best_match),
	CODEC_FIELD(struct afcq_pcode_request, "LimitResults", CODEC_OINT, limit),
};
CODEC_TABLE(pcode_request_table, pcode_request_fields, true);

static const struct codec_field pcode_location_fields[] = {
	CODEC_FIELD(struct afcq_pcode_location, "IsAlternate", CODEC_OBOOL, is_alternate),
	CODEC_FIELD(struct afcq_pcode_location, "CountryIso", CODEC_STR, ctry),
	CODEC_FIELD(struct afcq_pcode_location, "State", CODEC_STR, st),
	CODEC_FIELD(struct afcq_pcode_location, "County", CODEC_STR, cnty),
	CODEC_FIELD(struct afcq_pcode_location, "Locality", CODEC_STR, locality),
	CODEC_FIELD(struct afcq_pcode_location, "PCode", CODEC_LLONG, pcode),
};
CODEC_TABLE(pcode_location_table, pcode_location_fields, true);

static const struct codec_field pcode_result_fields[] = {
	CODEC_ARR(struct afcq_pcode_result, "LocationData", v, n, struct afcq_pcode_location,
		  pcode_location_table),
	CODEC_FIELD(struct afcq_pcode_result, "MatchCount", CODEC_LLONG, match_count),
	CODEC_FIELD(struct afcq_pcode_result, "InputMatchType", CODEC_NULLSTR, input_match_type),
	CODEC_FIELD(struct afcq_pcode_result, "MatchTypeApplied", CODEC_NULLSTR,
		    match_type_applied),
	CODEC_FIELD(struct afcq_pcode_result, "ResultsLimit", CODEC_LLONG, results_limit),
};
CODEC_TABLE(pcode_result_table, pcode_result_fields, true);

/* "Versions": {"AfcEngineVersion", "BuildVersion"}, flattened in the model. */
static const struct codec_field versions_fields[] = {
	CODEC_FIELD(struct afcq_service_info, "AfcEngineVersion", CODEC_STR, engine_version),
	CODEC_FIELD(struct afcq_service_info, "BuildVersion", CODEC_STR, build_version),
};
CODEC_TABLE(versions_table, versions_fields, true);

static enum afcq_status versions_parse(const json_t *v, const char *path, void *base,
				       struct afcq_error *err)
{
	return codec_parse_object(v, &versions_table, base, path, err);
}

static json_t *versions_emit(const void *base)
{
	const struct afcq_service_info *s = base;
	if (!s->engine_version && !s->build_version)
		return NULL;
	return codec_emit_object(&versions_table, base);
}

static const struct codec_field service_info_fields[] = {
	CODEC_FIELD(struct afcq_service_info, "ServerTime", CODEC_STR, server_time),
	{ .key = "Versions", .kind = CODEC_CUSTOM, .parse = versions_parse,
	  .emit = versions_emit },
	CODEC_FIELD(struct afcq_service_info, "Error", CODEC_STR, error),
};
CODEC_TABLE(service_info_table, service_info_fields, true);

/* ---- lists ------------------------------------------------------------------------ */

/* true when object o has key k (any letter case: the tables fold case). */
static bool has_key(const json_t *o, const char *k)
{
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)o, key, v)
		if (strcasecmp(key, k) == 0 && !json_is_null(v))
			return true;
	return false;
}

/* Refuses a value that is not the shape named by what: an object (or an
 * array of objects) holding every key of need (NULL-terminated). */
static enum afcq_status check_shape(const json_t *j, const char *const *need, const char *what,
				    struct afcq_error *err)
{
	size_t n = json_is_array(j) ? json_array_size(j) : 1;
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_is_array(j) ? json_array_get(j, i) : j;
		char path[32] = "";
		if (json_is_array(j))
			codec_path_index(path, sizeof path, "", i);
		if (!json_is_object(o))
			return codec_type_error(err, path, what);
		for (const char *const *k = need; *k; k++)
			if (!has_key(o, *k)) {
				char msg[160];
				snprintf(msg, sizeof msg, "%s (no %s)", what, *k);
				return codec_type_error(err, path, msg);
			}
	}
	return AFCQ_OK;
}

static const char *const tspair_keys[] = { "TransactionType", "ServiceType", NULL };
static const char *const taxtype_keys[] = { "TaxType", NULL };

/* Loads text and parses a list (array, or one object) of the shape need
 * into the element pointer at slot and its count *n. */
static enum afcq_status parse_list(const char *text, size_t len, const struct codec_table *t,
				   const char *const *need, const char *what, size_t elem_size,
				   void *slot, size_t *n, struct afcq_error *err)
{
	json_t *j;
	enum afcq_status st = codec_load(text, len, true, &j, err);
	if (st != AFCQ_OK)
		return st;
	st = check_shape(j, need, what, err);
	if (st == AFCQ_OK)
		st = codec_parse_array(j, t, elem_size, slot, n, "", err);
	json_decref(j);
	return st;
}

enum afcq_status afcq_codec_tspairs_from_json(const json_t *j, struct afcq_tspair_list *out,
					      struct afcq_error *err)
{
	afcq_tspair_list_done(out);
	enum afcq_status st = check_shape(j, tspair_keys, "not a T/S pair catalog", err);
	if (st == AFCQ_OK)
		st = codec_parse_array(j, &tspair_table, sizeof(*out->v), &out->v, &out->n, "", err);
	if (st != AFCQ_OK)
		afcq_tspair_list_done(out);
	return st;
}

enum afcq_status afcq_codec_taxtypes_from_json(const json_t *j, struct afcq_taxtype_list *out,
					       struct afcq_error *err)
{
	afcq_taxtype_list_done(out);
	enum afcq_status st = check_shape(j, taxtype_keys, "not a tax type catalog", err);
	if (st == AFCQ_OK)
		st = codec_parse_array(j, &taxtype_table, sizeof(*out->v), &out->v, &out->n, "",
				       err);
	if (st != AFCQ_OK)
		afcq_taxtype_list_done(out);
	return st;
}

enum afcq_status afcq_codec_parse_tspairs(const char *text, size_t len,
					  struct afcq_tspair_list *out, struct afcq_error *err)
{
	afcq_tspair_list_done(out);
	enum afcq_status st = parse_list(text, len, &tspair_table, tspair_keys,
					 "not a T/S pair catalog", sizeof(*out->v), &out->v,
					 &out->n, err);
	if (st != AFCQ_OK)
		afcq_tspair_list_done(out);
	return st;
}

json_t *afcq_codec_tspairs_to_json(const struct afcq_tspair_list *l)
{
	return codec_emit_array(&tspair_table, l->v, l->n, sizeof(*l->v));
}

enum afcq_status afcq_codec_parse_taxtypes(const char *text, size_t len,
					   struct afcq_taxtype_list *out, struct afcq_error *err)
{
	afcq_taxtype_list_done(out);
	enum afcq_status st = parse_list(text, len, &taxtype_table, taxtype_keys,
					 "not a tax type catalog", sizeof(*out->v), &out->v,
					 &out->n, err);
	if (st != AFCQ_OK)
		afcq_taxtype_list_done(out);
	return st;
}

json_t *afcq_codec_taxtypes_to_json(const struct afcq_taxtype_list *l)
{
	return codec_emit_array(&taxtype_table, l->v, l->n, sizeof(*l->v));
}

/* ---- single objects ------------------------------------------------------------- */

/* Loads text and parses one object into base. */
static enum afcq_status parse_one(const char *text, size_t len, const struct codec_table *t,
				  void *base, struct afcq_error *err)
{
	json_t *j;
	enum afcq_status st = codec_load(text, len, false, &j, err);
	if (st != AFCQ_OK)
		return st;
	st = codec_parse_object(j, t, base, "", err);
	json_decref(j);
	return st;
}

enum afcq_status afcq_codec_parse_pcode_request(const char *text, size_t len,
						struct afcq_pcode_request *out,
						struct afcq_error *err)
{
	afcq_pcode_request_done(out);
	enum afcq_status st = parse_one(text, len, &pcode_request_table, out, err);
	if (st != AFCQ_OK)
		afcq_pcode_request_done(out);
	return st;
}

json_t *afcq_codec_pcode_request_to_json(const struct afcq_pcode_request *r)
{
	return codec_emit_object(&pcode_request_table, r);
}

enum afcq_status afcq_codec_parse_pcode_result(const char *text, size_t len,
					       struct afcq_pcode_result *out,
					       struct afcq_error *err)
{
	afcq_pcode_result_done(out);
	json_t *j;
	enum afcq_status st = codec_load(text, len, false, &j, err);
	if (st != AFCQ_OK)
		return st;
	if (!has_key(j, "LocationData") && !has_key(j, "MatchCount"))
		st = codec_type_error(err, "", "not a PCode result (no LocationData)");
	else
		st = codec_parse_object(j, &pcode_result_table, out, "", err);
	json_decref(j);
	if (st != AFCQ_OK)
		afcq_pcode_result_done(out);
	return st;
}

json_t *afcq_codec_pcode_result_to_json(const struct afcq_pcode_result *r)
{
	json_t *j = codec_emit_object(&pcode_result_table, r);
	/* The samples always carry LocationData, even when nothing matched. */
	if (!json_object_get(j, "LocationData")) {
		json_t *tmp = json_object();
		json_object_set_new(tmp, "LocationData", json_array());
		json_object_update(tmp, j);
		json_decref(j);
		j = tmp;
	}
	return j;
}

enum afcq_status afcq_codec_parse_service_info(const char *text, size_t len,
					       struct afcq_service_info *out,
					       struct afcq_error *err)
{
	afcq_service_info_done(out);
	enum afcq_status st = parse_one(text, len, &service_info_table, out, err);
	if (st != AFCQ_OK)
		afcq_service_info_done(out);
	return st;
}

json_t *afcq_codec_service_info_to_json(const struct afcq_service_info *s)
{
	return codec_emit_object(&service_info_table, s);
}
