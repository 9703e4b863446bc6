/* codec_fields.h - the table engine behind the JSON codec (private to the
 * core).
 *
 * Each wire object is described once by a table of fields: the JSON key,
 * the kind of value and where it lives in the model struct (offsetof).  The
 * same table drives both directions, so the parser and the emitter can
 * never disagree about names, and emitted keys come out in table order (the
 * order of the AFC samples).
 *
 * Parsing rules shared by every table:
 *  - an absent key or a JSON null leaves the field as it is (zero/unset);
 *  - keys the table does not name are ignored;
 *  - a value of the wrong type is an AFCQ_ERR_PARSE naming the JSON path
 *    ("inv[0].itms[2].chg: not a number");
 *  - integers and reals are both accepted for every numeric field, and so
 *    is a string holding a number ("03", "15.50"; see afcq/number.h), as
 *    the service reads them; an integer field refuses a value with a
 *    fractional part; a string that is not a number is "not a number".
 * Emitting rules: optional scalars only when set, strings only when
 * non-NULL, arrays only when non-empty (or when CODEC_KEEP_EMPTY and the
 * "has" flag says the key was there), sub-objects when their `present` flag
 * is set or they have at least one field to show.
 */
#ifndef AFCQ_CODEC_FIELDS_H
#define AFCQ_CODEC_FIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "afcq/error.h"
#include "afcq/str.h"

enum codec_kind {
	CODEC_OBOOL,    /* struct afcq_obool */
	CODEC_OINT,     /* struct afcq_oint */
	CODEC_ODBL,     /* struct afcq_odbl */
	CODEC_BOOL,     /* bool, always emitted */
	CODEC_INT,      /* int, always emitted */
	CODEC_LLONG,    /* long long, always emitted */
	CODEC_DBL,      /* double, always emitted */
	CODEC_STR,      /* char *, emitted when non-NULL */
	CODEC_NULLSTR,  /* char *, emitted as JSON null when NULL */
	CODEC_OBJECT,   /* embedded struct whose first member is `bool present` */
	CODEC_ARRAY,    /* element pointer at off, size_t count at count_off */
	CODEC_ERRORS,   /* struct afcq_errors */
	CODEC_CUSTOM,   /* parse/emit callbacks that see the whole struct */
};

enum {
	CODEC_NUM_AS_STR = 1u << 0, /* string field also takes a number */
	CODEC_KEEP_EMPTY = 1u << 1, /* array: bool at has_off records the key */
};

struct codec_table;
struct afcq_errors;

struct codec_field {
	const char *key;
	enum codec_kind kind;
	size_t off;
	size_t count_off;               /* CODEC_ARRAY */
	size_t has_off;                 /* CODEC_ARRAY with CODEC_KEEP_EMPTY */
	size_t elem_size;               /* CODEC_ARRAY */
	const struct codec_table *sub;  /* CODEC_OBJECT, CODEC_ARRAY */
	unsigned flags;
	/* CODEC_CUSTOM: path is the value's full path; base is the struct the
	 * table describes.  emit returns a new reference or NULL to omit. */
	enum afcq_status (*parse)(const json_t *v, const char *path, void *base,
				  struct afcq_error *err);
	json_t *(*emit)(const void *base);
};

struct codec_table {
	const struct codec_field *fields;
	size_t n;
	bool fold_case;                 /* keys also match case-insensitively */
	/* Optional: the keys this struct's shape leaves out when emitted (a
	 * NULL-terminated list, or NULL for none); both writers honour it. */
	const char *const *(*omit)(const void *base);
};

#define CODEC_FIELD(T, k, kind_, m) { .key = (k), .kind = (kind_), .off = offsetof(T, m) }
#define CODEC_FIELD_F(T, k, kind_, m, fl) \
	{ .key = (k), .kind = (kind_), .off = offsetof(T, m), .flags = (fl) }
#define CODEC_OBJ(T, k, m, subt) \
	{ .key = (k), .kind = CODEC_OBJECT, .off = offsetof(T, m), .sub = &(subt) }
#define CODEC_ARR(T, k, m, cnt, ET, subt) \
	{ .key = (k), .kind = CODEC_ARRAY, .off = offsetof(T, m), .count_off = offsetof(T, cnt), \
	  .elem_size = sizeof(ET), .sub = &(subt) }
#define CODEC_ARR_HAS(T, k, m, cnt, has, ET, subt) \
	{ .key = (k), .kind = CODEC_ARRAY, .off = offsetof(T, m), .count_off = offsetof(T, cnt), \
	  .has_off = offsetof(T, has), .elem_size = sizeof(ET), .sub = &(subt), \
	  .flags = CODEC_KEEP_EMPTY }
#define CODEC_TABLE(name, arr, fold) \
	static const struct codec_table name = { .fields = (arr), \
		.n = sizeof(arr) / sizeof((arr)[0]), .fold_case = (fold) }

/* Parses JSON object j into base as described by t.  path names j ("" for
 * the top level).  Fields already filled are overwritten; on error the
 * struct may be partly filled (the caller's _done frees it). */
enum afcq_status codec_parse_object(const json_t *j, const struct codec_table *t, void *base,
				    const char *path, struct afcq_error *err);

/* Parses JSON array j of objects into a new array of n elements of
 * elem_size bytes.  slot is the address of the model's element pointer
 * (e.g. &inv->itms), written with memcpy so its type does not matter; the
 * array is zeroed first and stored before its elements are parsed, so a
 * partial array can be freed element by element.  A lone object counts as
 * a one-element array. */
enum afcq_status codec_parse_array(const json_t *j, const struct codec_table *t, size_t elem_size,
				   void *slot, size_t *n, const char *path, struct afcq_error *err);

/* Parses the value v of field f of the object at path (its parent) into
 * base, as codec_parse_object does for each field it finds (v not NULL and
 * not JSON null).  For decoders that meet the fields one at a time. */
enum afcq_status codec_parse_field(const json_t *v, const struct codec_field *f, void *base,
				   const char *path, struct afcq_error *err);

/* The tables of a CalcTaxes answer (codec_response.c), for the streaming
 * decoder (stream.h): the answer, an invoice's result, a line item's. */
const struct codec_table *codec_response_table(void);
const struct codec_table *codec_invoice_result_table(void);
const struct codec_table *codec_item_result_table(void);
/* The table of a CalcTaxes request (codec_request.c), and of its invoices. */
const struct codec_table *codec_request_table(void);
const struct codec_table *codec_invoice_table(void);

/* Parses an err value at path into *out (emptied first): an array of
 * {code, msg} (code -2000 when absent), or a bare message string (one
 * entry, code -2000), as bridge participants write it. */
enum afcq_status codec_parse_errors(const json_t *v, const char *path, struct afcq_errors *out,
				    struct afcq_error *err);

/* Appends to b the compact JSON text codec_emit_object(t, base) would give
 * through afcq_json_dump(..., flags), without building the tree (flags:
 * AFCQ_JSON_WHOLE_BARE or 0; never pretty). */
void codec_write_object(struct afcq_buf *b, const struct codec_table *t, const void *base,
			int flags);
/* The same, noting where each element of the top-level array field key
 * lies in b: element i from span[2i] to span[2i + 1] (span holds two per
 * element). */
void codec_write_object_spans(struct afcq_buf *b, const struct codec_table *t, const void *base,
			      int flags, const char *key, size_t *span);
/* The same, calling fn(ud, i) once element i of the top-level array field
 * key is written (and before the next one is read): the writer reads
 * nothing of that element again, so fn may let go of what it holds.  With
 * elem not NULL, elem(ud, i, b) appends element i's text itself instead of
 * the writer (for elements already written apart).  Either may be NULL. */
typedef void (*codec_written_fn)(void *ud, size_t i);
typedef void (*codec_elem_fn)(void *ud, size_t i, struct afcq_buf *b);
void codec_write_object_each(struct afcq_buf *b, const struct codec_table *t, const void *base,
			     int flags, const char *key, codec_written_fn fn, codec_elem_fn elem,
			     void *ud);
/* What afcq_json_dump writes for a string of n bytes (valid UTF-8), a real
 * and any value; for writers that mix their own text with jansson's. */
void codec_dump_string(struct afcq_buf *b, const char *s, size_t n);
void codec_dump_real(struct afcq_buf *b, double d, int flags);
void codec_dump_value(struct afcq_buf *b, const json_t *j, int flags);

/* true when key is in the NULL-terminated list omit (see codec_table). */
bool codec_omitted(const char *const *omit, const char *key);

/* New JSON object with the fields of base; never NULL. */
json_t *codec_emit_object(const struct codec_table *t, const void *base);
/* New JSON array of n elements of elem_size bytes; never NULL. */
json_t *codec_emit_array(const struct codec_table *t, const void *v, size_t n, size_t elem_size);

/* A JSON string for s; bytes that are not valid UTF-8 become U+FFFD
 * (jansson refuses invalid UTF-8).  NULL s gives JSON null. */
json_t *codec_string(const char *s);

/* Sets a type error on err for the value at path ("(top level)" if path is
 * empty) and returns AFCQ_ERR_PARSE. */
enum afcq_status codec_type_error(struct afcq_error *err, const char *path, const char *msg);

/* Writes "parent.key" (or "key") / "parent[i]" into buf. */
void codec_path_key(char *buf, size_t n, const char *parent, const char *key);
void codec_path_index(char *buf, size_t n, const char *parent, size_t i);

/* Parses relaxed text into *out and checks it is an object (or, if
 * allow_array, an array); on error *out is NULL. */
enum afcq_status codec_load(const char *text, size_t len, bool allow_array, json_t **out,
			    struct afcq_error *err);

#endif
