/* codec.h - JSON to model and back, on jansson.
 *
 * Input text may hold // and / * * / comments, trailing commas and
 * numbers with leading zeros (the AFC documentation's examples do); a
 * document that repeats the top-level "inv" key gets the invoices of every
 * repetition, in order.  Unknown fields are ignored.  Numbers are read as
 * doubles or integers whichever way they come (100 and 100.0 both work for
 * any numeric field), and a string holding a number ("03", "15.50") is
 * read as that number (afcq/number.h); either is kept in the model as a
 * number and written back as a plain JSON number.
 *
 * Parse functions fill a zeroed output struct the caller owns (free with its
 * _done); on error they leave it done (empty), set *err with the JSON path
 * ("inv[0].itms[2].chg") or the line/column of a syntax error, and return
 * AFCQ_ERR_PARSE.  Emit functions return a new json_t reference (caller
 * json_decref()s) or a malloc'd string (caller free()s); absent optional
 * fields are left out.
 */
#ifndef AFCQ_CODEC_H
#define AFCQ_CODEC_H

#include <jansson.h>
#include <stddef.h>

#include "afcq/error.h"
#include "afcq/model.h"

/* Turns relaxed text into strict JSON of the same length: comments and
 * trailing commas become blanks, and so do the leading zeros of numbers
 * ("03" reads as 3), so line/column numbers still match the input; a
 * leading byte order mark is dropped.  Repeated keys are left as they are
 * (afcq_json_parse merges repeated "inv").  Returns a malloc'd
 * NUL-terminated string (never NULL). */
char *afcq_json_relax(const char *text, size_t len);

/* Parses relaxed JSON text into a json_t (new reference).  In a top-level
 * object, a repeated "inv" key (compared as decoded: "i\u006ev" is "inv")
 * gives one "inv" holding the invoices of every repetition in order; other
 * repeated keys keep their last value.  "{,}" and "[,]" are refused, as
 * every other syntax error.  Syntax errors
 * set err->line and err->column (1-based, in characters) and a message
 * "syntax error at line L, column C: ..."; blank text gives
 * AFCQ_CAUSE_EMPTY. */
enum afcq_status afcq_json_parse(const char *text, size_t len, json_t **out,
				 struct afcq_error *err);

/* Dump flags: compact or indented; keys keep the model's order.
 * AFCQ_JSON_WHOLE_BARE writes a whole real number as the service does,
 * without ".0" ("max": 2147483647, "tm": 15); the sandbox's answers use it. */
enum { AFCQ_JSON_COMPACT = 0, AFCQ_JSON_PRETTY = 1, AFCQ_JSON_WHOLE_BARE = 2 };
/* Serialises any json_t with our conventions (real numbers printed with the
 * shortest round-tripping form, "100" for integral values in integer
 * fields, "100.0" for whole reals unless AFCQ_JSON_WHOLE_BARE).  Caller
 * frees. */
char *afcq_json_dump(const json_t *j, int flags);
/* Strict JSON text laid out as afcq_json_dump(AFCQ_JSON_PRETTY) lays out
 * its tree, in one pass and without building it (a few milliseconds a
 * megabyte): strings, numbers and literals are copied as written.  NULL
 * when the text is not strict JSON (comments, trailing commas, a syntax
 * error: parse it instead).  Caller frees. */
char *afcq_json_reindent(const char *text, size_t len);

/* A JSON string (new reference) holding s, with every byte that is not
 * valid UTF-8 replaced by U+FFFD (jansson refuses invalid UTF-8, and text
 * from the outside world, such as a URL path, may hold any byte).  NULL s
 * gives JSON null. */
json_t *afcq_json_string(const char *s);

enum afcq_status afcq_codec_parse_request(const char *text, size_t len,
					  struct afcq_request *out, struct afcq_error *err);
enum afcq_status afcq_codec_request_from_json(const json_t *j, struct afcq_request *out,
					      struct afcq_error *err);
json_t *afcq_codec_request_to_json(const struct afcq_request *r);
char *afcq_codec_request_dump(const struct afcq_request *r, int flags);
/* afcq_codec_request_dump, compact (AFCQ_JSON_PRETTY is ignored), of a
 * request whose line items are not needed after: each invoice's items are
 * let go (freed, n_itms 0) as soon as that invoice is written, so a long
 * request's text grows as its model shrinks.  The same bytes.  Caller
 * frees the text; r keeps everything but the items. */
char *afcq_codec_request_dump_items_go(struct afcq_request *r, int flags);
/* One invoice of a request as compact text: the bytes afcq_codec_request_
 * dump writes for it inside the request.  Caller frees. */
char *afcq_codec_invoice_dump(const struct afcq_invoice *inv, int flags);
/* afcq_codec_request_dump (compact) of r whose invoice i was written apart
 * as texts[i] (afcq_codec_invoice_dump; r's invoices themselves are not
 * read, only counted): the same bytes.  Takes the texts: each is freed
 * once copied and its place set to NULL.  Caller frees the result. */
char *afcq_codec_request_dump_invoices(const struct afcq_request *r, char **texts, int flags);

enum afcq_status afcq_codec_parse_response(const char *text, size_t len,
					   struct afcq_response *out, struct afcq_error *err);
enum afcq_status afcq_codec_response_from_json(const json_t *j, struct afcq_response *out,
					       struct afcq_error *err);
json_t *afcq_codec_response_to_json(const struct afcq_response *r);
/* The answer r as compact JSON text: the same bytes as afcq_json_dump(
 * afcq_codec_response_to_json(r), flags) for flags 0 or AFCQ_JSON_WHOLE_
 * BARE, written without building the tree (a large answer's tree costs
 * more than its text).  Caller frees. */
char *afcq_codec_response_dump(const struct afcq_response *r, int flags);
/* The same for invoice i of r alone (i < r->n_inv). */
char *afcq_codec_invoice_result_dump(const struct afcq_response *r, size_t i, int flags);
/* afcq_codec_response_dump that also says where each invoice's text lies
 * in it (what afcq_codec_invoice_result_dump gives): invoice i from
 * span[2i] to span[2i + 1]; span holds 2 * r->n_inv places. */
char *afcq_codec_response_dump_spans(const struct afcq_response *r, int flags, size_t *span);

enum afcq_status afcq_codec_parse_commit_request(const char *text, size_t len,
						 struct afcq_commit_request *out,
						 struct afcq_error *err);
json_t *afcq_codec_commit_request_to_json(const struct afcq_commit_request *r);
enum afcq_status afcq_codec_parse_commit_response(const char *text, size_t len,
						  struct afcq_commit_response *out,
						  struct afcq_error *err);
json_t *afcq_codec_commit_response_to_json(const struct afcq_commit_response *r);

/* Lookups (PascalCase on the wire). */
enum afcq_status afcq_codec_parse_tspairs(const char *text, size_t len,
					  struct afcq_tspair_list *out, struct afcq_error *err);
json_t *afcq_codec_tspairs_to_json(const struct afcq_tspair_list *l);
enum afcq_status afcq_codec_parse_taxtypes(const char *text, size_t len,
					   struct afcq_taxtype_list *out, struct afcq_error *err);
/* The same two lists from a JSON value already parsed (an array of
 * objects, or one object), which stays the caller's. */
enum afcq_status afcq_codec_tspairs_from_json(const json_t *j, struct afcq_tspair_list *out,
					      struct afcq_error *err);
enum afcq_status afcq_codec_taxtypes_from_json(const json_t *j, struct afcq_taxtype_list *out,
					       struct afcq_error *err);
json_t *afcq_codec_taxtypes_to_json(const struct afcq_taxtype_list *l);
enum afcq_status afcq_codec_parse_pcode_request(const char *text, size_t len,
						struct afcq_pcode_request *out,
						struct afcq_error *err);
json_t *afcq_codec_pcode_request_to_json(const struct afcq_pcode_request *r);
enum afcq_status afcq_codec_parse_pcode_result(const char *text, size_t len,
					       struct afcq_pcode_result *out,
					       struct afcq_error *err);
json_t *afcq_codec_pcode_result_to_json(const struct afcq_pcode_result *r);
enum afcq_status afcq_codec_parse_service_info(const char *text, size_t len,
					       struct afcq_service_info *out,
					       struct afcq_error *err);
json_t *afcq_codec_service_info_to_json(const struct afcq_service_info *s);

/* Location helpers used by the codec and by the form. */
json_t *afcq_codec_location_to_json(const struct afcq_location *l);
enum afcq_status afcq_codec_location_from_json(const json_t *j, const char *path,
					       struct afcq_location *out, struct afcq_error *err);

/* Line items and exemptions on their own (a product's items, a customer's
 * exemptions), as the JSON arrays of an invoice's "itms" and "exms".  The
 * _from_json functions fill a new array *v of *n elements the caller frees
 * element by element (afcq_item_done / afcq_exemption_done) and then
 * free()s; path names j in errors; on error *v is NULL and *n 0. */
json_t *afcq_codec_items_to_json(const struct afcq_item *v, size_t n);
enum afcq_status afcq_codec_items_from_json(const json_t *j, const char *path,
					    struct afcq_item **v, size_t *n,
					    struct afcq_error *err);
json_t *afcq_codec_exemptions_to_json(const struct afcq_exemption *v, size_t n);
enum afcq_status afcq_codec_exemptions_from_json(const json_t *j, const char *path,
						 struct afcq_exemption **v, size_t *n,
						 struct afcq_error *err);

#endif
