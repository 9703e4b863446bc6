/* book_read.c - customers from CSV or JSON text and products from JSON
 * (see book_io.h). */
#include "afcq/book_io.h"
#include "book_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/codec.h"
#include "afcq/csv.h"
#include "afcq/str.h"

/* ---- reading customers ------------------------------------------------------- */

/* true when name is one of AFCQ_BOOK_COLUMNS. */
static bool known_column(const char *name)
{
	char probe[] = "," AFCQ_BOOK_COLUMNS ",";
	char *want = afcq_xasprintf(",%s,", name);
	bool known = name[0] && strstr(probe, want);
	free(want);
	return known;
}

/* The column a billing system's header means, for common spellings other
 * than ours ("Customer Name", "Account Number", "Phone Number", "ZIP
 * Code", "Customer Type"): compared lower case without spaces, '_', '-',
 * '.' and '#'.  name itself (lower case) when it is none of them. */
static char *column_of(const char *name)
{
	static const char *const alias[][2] = {
		{ "customername", "name" },     { "customer", "name" },
		{ "fullname", "name" },         { "accountnumber", "account" },
		{ "accountno", "account" },     { "account", "account" },
		{ "acct", "account" },          { "phonenumber", "phone" },
		{ "phonenumbers", "phone" },    { "phones", "phone" },
		{ "telephone", "phone" },       { "zipcode", "zip" },
		{ "postalcode", "zip" },        { "customertype", "cust" },
		{ "lifelinecustomer", "lifeline" },
	};
	char key[64];
	size_t k = 0;
	for (const char *p = name; *p && k + 1 < sizeof key; p++)
		if (!strchr(" _-.#", *p))
			key[k++] = (char)tolower((unsigned char)*p);
	key[k] = '\0';
	for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (strcmp(key, alias[i][0]) == 0)
			return afcq_xstrdup(alias[i][1]);
	char *own = afcq_xstrdup(name);
	for (char *p = own; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return own;
}

static enum afcq_status at_line(struct afcq_error *err, const char *file, int line)
{
	if (err) {
		snprintf(err->where, sizeof err->where, "%s", file);
		err->line = line;
	}
	return err ? err->status : AFCQ_ERR_INVALID;
}

static void rows_add(struct afcq_book_row **v, size_t *n, struct afcq_book_row *r)
{
	*v = afcq_xrealloc(*v, (*n + 1) * sizeof **v);
	r->index = *n;
	(*v)[(*n)++] = *r;
	afcq_book_row_init(r);
}

static enum afcq_status read_csv(const char *text, size_t len, const char *file,
				 struct afcq_book_row **out, size_t *n, struct afcq_error *err)
{
	struct afcq_csv_reader rd;
	afcq_csv_reader_init(&rd, text, len);
	struct afcq_csv_row head = { 0 }, row = { 0 };
	int got = afcq_csv_next(&rd, &head, err);
	if (got < 0)
		return at_line(err, file, err ? err->line : 0);
	if (got == 0)
		return afcq_error_set(err, AFCQ_ERR_INVALID, file,
				      "empty: the first row must name the columns (%s)",
				      AFCQ_BOOK_COLUMNS);
	char **cols = afcq_xcalloc(head.n, sizeof *cols);
	enum afcq_status st = AFCQ_OK;
	for (size_t i = 0; i < head.n && st == AFCQ_OK; i++) {
		char *trimmed = book_trimmed(head.fields[i], strlen(head.fields[i]));
		cols[i] = column_of(trimmed);
		free(trimmed);
		if (!known_column(cols[i]))
			st = afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
					    "column %zu: '%s' is not a column name (the first row "
					    "names the columns: any of %s)",
					    i + 1, head.fields[i], AFCQ_BOOK_COLUMNS);
		for (size_t k = 0; k < i && st == AFCQ_OK; k++)
			if (strcmp(cols[k], cols[i]) == 0)
				st = afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
						    "column %zu: '%s' is named twice (columns %zu and "
						    "%zu%s%s)", i + 1, cols[i], k + 1, i + 1,
						    strcasecmp(head.fields[i], cols[i]) ? ": " : "",
						    strcasecmp(head.fields[i], cols[i]) ? head.fields[i]
											: "");
		if (st != AFCQ_OK && err)
			err->column = head.columns[i];
	}
	if (st != AFCQ_OK)
		at_line(err, file, head.line);
	struct afcq_book_row r;
	afcq_book_row_init(&r);
	while (st == AFCQ_OK) {
		got = afcq_csv_next(&rd, &row, err);
		if (got < 0) {
			st = at_line(err, file, err ? err->line : 0);
			break;
		}
		if (got == 0)
			break;
		if (row.n != head.n) {
			size_t col = row.n > head.n ? head.n : row.n; /* from 0 */
			if (row.n > head.n)
				st = afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
						    "column %zu: more fields than the %zu columns "
						    "the first row names (quote a field that holds a "
						    "comma)", col + 1, head.n);
			else
				st = afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
						    "column %zu (%s): missing; the first row names "
						    "%zu columns (an empty field is written ,,)",
						    col + 1, cols[col], head.n);
			if (err)
				err->column = row.n > head.n ? row.columns[head.n] : 0;
			at_line(err, file, row.line);
			break;
		}
		r.line = row.line;
		for (size_t i = 0; i < row.n && st == AFCQ_OK; i++) {
			st = afcq_book_row_set(&r, cols[i], row.fields[i], err);
			if (st != AFCQ_OK) {
				char msg[sizeof err->msg];
				snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
				afcq_error_set(err, AFCQ_ERR_INVALID, NULL, "column %zu (%s): %s",
					       i + 1, cols[i], msg);
				if (err)
					err->column = row.columns[i];
				at_line(err, file, row.line);
			}
		}
		if (st == AFCQ_OK)
			rows_add(out, n, &r);
		afcq_book_row_done(&r);
		afcq_book_row_init(&r);
	}
	afcq_book_row_done(&r);
	for (size_t i = 0; i < head.n; i++)
		free(cols[i]);
	free(cols);
	afcq_csv_row_done(&head);
	afcq_csv_row_done(&row);
	return st;
}

/* Names element i (and its key) of a JSON file in err, with msg. */
static enum afcq_status json_bad(struct afcq_error *err, const char *file, size_t i,
				 const char *key, const char *msg)
{
	char where[256], text[sizeof err->msg];
	snprintf(text, sizeof text, "%.*s", (int)sizeof text - 1, msg);
	snprintf(where, sizeof where, "%s: [%zu]%s%s", file, i, key ? "." : "", key ? key : "");
	return afcq_error_set(err, AFCQ_ERR_INVALID, where, "%s", text);
}

/* The same for an error e of the codec (its where and message). */
static enum afcq_status json_bad_codec(struct afcq_error *err, const char *file, size_t i,
				       const struct afcq_error *e)
{
	char msg[sizeof e->msg + sizeof e->where + 4];
	snprintf(msg, sizeof msg, "%s%s%s", e->where, e->where[0] ? ": " : "", e->msg);
	return json_bad(err, file, i, NULL, msg);
}

/* The JSON text of a file into *j: an array of what, a single object taken
 * as an array of one.  AFCQ_ERR_INVALID naming file (the parser's message
 * holds the line and column), else *j is the caller's. */
static enum afcq_status json_array_of(const char *text, size_t len, const char *file,
				      const char *what, json_t **j, struct afcq_error *err)
{
	if (afcq_json_parse(text, len, j, err) != AFCQ_OK) {
		if (err) {
			snprintf(err->where, sizeof err->where, "%s", file);
			err->line = 0;
			err->status = AFCQ_ERR_INVALID;
		}
		return AFCQ_ERR_INVALID;
	}
	if (json_is_object(*j)) {
		json_t *a = json_array();
		json_array_append(a, *j);
		json_decref(*j);
		*j = a;
	}
	if (!json_is_array(*j)) {
		json_decref(*j);
		*j = NULL;
		return afcq_error_set(err, AFCQ_ERR_INVALID, file, "not an array of %s", what);
	}
	return AFCQ_OK;
}

/* A JSON value as the CSV cell text (string, number, bool); NULL for
 * others. */
static char *cell_text(const json_t *v)
{
	if (json_is_string(v))
		return afcq_xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return afcq_xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_boolean(v))
		return afcq_xstrdup(json_is_true(v) ? "yes" : "no");
	if (json_is_null(v))
		return afcq_xstrdup("");
	return NULL;
}

static enum afcq_status customer_from_json(const json_t *o, const char *file, size_t i,
					   struct afcq_book_row *r, struct afcq_error *err)
{
	if (!json_is_object(o))
		return json_bad(err, file, i, NULL, "not an object");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)o, key, v) {
		const char *column = strcmp(key, "lfln") == 0 ? "lifeline" : key;
		if (strcmp(key, "id") == 0 || strcmp(key, "changed_by") == 0 ||
		    strcmp(key, "changed_at") == 0 || strcmp(key, "rev") == 0)
			continue; /* the export's, kept by the store */
		if (strcmp(key, "uid") == 0) {
			if (!json_is_string(v) && !json_is_null(v))
				return json_bad(err, file, i, key, "not a string");
			book_set_str(&r->c.uid, json_string_value(v));
			continue;
		}
		if ((strcmp(key, "phones") == 0 || strcmp(key, "phone") == 0 ||
		     strcmp(key, "products") == 0) && json_is_array(v)) {
			const char *col = key[1] == 'h' ? "phone" : "products";
			size_t k;
			json_t *e;
			json_array_foreach(v, k, e) {
				if (!json_is_string(e))
					return json_bad(err, file, i, key, "not an array of strings");
				if (afcq_book_row_set(r, col, json_string_value(e), err) != AFCQ_OK)
					return json_bad(err, file, i, key, err ? err->msg : "");
			}
			continue;
		}
		if (strcmp(key, "bill") == 0) {
			afcq_location_done(&r->c.bill);
			if (!json_is_null(v)) {
				struct afcq_error e;
				afcq_error_clear(&e);
				if (afcq_codec_location_from_json(v, "bill", &r->c.bill, &e) != AFCQ_OK)
					return json_bad(err, file, i, NULL, e.msg);
				r->c.bill.present = true;
			}
			r->given |= AFCQ_BOOK_BILL;
			continue;
		}
		if (strcmp(key, "exms") == 0) {
			struct afcq_error e;
			afcq_error_clear(&e);
			if (!json_is_null(v) &&
			    afcq_codec_exemptions_from_json(v, "exms", &r->c.exms, &r->c.n_exms, &e) !=
				    AFCQ_OK)
				return json_bad_codec(err, file, i, &e);
			r->given |= AFCQ_BOOK_EXMS;
			continue;
		}
		if (strcmp(key, "phones") == 0)
			column = "phone";
		if (!known_column(column))
			return json_bad(err, file, i, key,
					"unknown key (name, account, phones, bill, cust, lfln, exms, "
					"products, uid, or a CSV column: " AFCQ_BOOK_COLUMNS ")");
		char *cell = cell_text(v);
		if (!cell)
			return json_bad(err, file, i, key, "not a string, number or boolean");
		enum afcq_status st = afcq_book_row_set(r, column, cell, err);
		free(cell);
		if (st != AFCQ_OK)
			return json_bad(err, file, i, key, err ? err->msg : "");
	}
	return AFCQ_OK;
}

static enum afcq_status read_json(const char *text, size_t len, const char *file,
				  struct afcq_book_row **out, size_t *n, struct afcq_error *err)
{
	json_t *j = NULL;
	enum afcq_status st = json_array_of(text, len, file, "customers", &j, err);
	if (st != AFCQ_OK)
		return st;
	size_t i;
	json_t *o;
	struct afcq_book_row r;
	afcq_book_row_init(&r);
	json_array_foreach(j, i, o) {
		st = customer_from_json(o, file, i, &r, err);
		if (st != AFCQ_OK)
			break;
		rows_add(out, n, &r);
	}
	afcq_book_row_done(&r);
	json_decref(j);
	return st;
}

static bool looks_json(const char *text, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)text[i]))
		i++;
	return i < len && (text[i] == '[' || text[i] == '{');
}

enum afcq_status afcq_book_read_customers(const char *text, size_t len, const char *file,
					  struct afcq_book_row **out, size_t *n,
					  struct afcq_error *err)
{
	*out = NULL;
	*n = 0;
	enum afcq_status st = looks_json(text, len) ? read_json(text, len, file, out, n, err)
						    : read_csv(text, len, file, out, n, err);
	if (st != AFCQ_OK) {
		afcq_book_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}

/* ---- products --------------------------------------------------------------- */

static enum afcq_status product_from_json(const json_t *o, const char *file, size_t i,
					  struct afcq_product *p, struct afcq_error *err)
{
	if (!json_is_object(o))
		return json_bad(err, file, i, NULL, "not an object with name and itms");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)o, key, v) {
		if (strcmp(key, "name") != 0 && strcmp(key, "itms") != 0 && strcmp(key, "id") != 0)
			return json_bad(err, file, i, key, "unknown key (name and itms)");
	}
	json_t *name = json_object_get(o, "name");
	if (!json_is_string(name) || book_blank(json_string_value(name)))
		return json_bad(err, file, i, "name",
				"missing or empty: a product needs a name");
	const char *nm = json_string_value(name);
	p->name = book_trimmed(nm, strlen(nm));
	json_t *itms = json_object_get(o, "itms");
	if (!json_is_array(itms) || json_array_size(itms) == 0)
		return json_bad(err, file, i, "itms",
				"missing or empty: a product needs at least one AFC line item");
	struct afcq_error e;
	afcq_error_clear(&e);
	if (afcq_codec_items_from_json(itms, "itms", &p->itms, &p->n_itms, &e) != AFCQ_OK)
		return json_bad_codec(err, file, i, &e);
	return AFCQ_OK;
}

enum afcq_status afcq_book_read_products(const char *text, size_t len, const char *file,
					 struct afcq_product **out, size_t *n,
					 struct afcq_error *err)
{
	*out = NULL;
	*n = 0;
	json_t *j = NULL;
	enum afcq_status st = json_array_of(text, len, file,
					    "products ({\"name\": ..., \"itms\": [...]})", &j, err);
	if (st != AFCQ_OK)
		return st;
	size_t i;
	json_t *o;
	json_array_foreach(j, i, o) {
		*out = afcq_xrealloc(*out, (*n + 1) * sizeof **out);
		afcq_product_init(&(*out)[*n]);
		(*n)++;
		st = product_from_json(o, file, i, &(*out)[*n - 1], err);
		if (st != AFCQ_OK)
			break;
		for (size_t k = 0; k + 1 < *n && st == AFCQ_OK; k++)
			if (strcasecmp((*out)[k].name, (*out)[*n - 1].name) == 0)
				st = json_bad(err, file, i, "name",
					      "another product of the file has this name");
		if (st != AFCQ_OK)
			break;
	}
	json_decref(j);
	if (st != AFCQ_OK) {
		afcq_products_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}
