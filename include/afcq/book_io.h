/* book_io.h - customers and products in and out of files: the CSV a
 * billing system exports, JSON, and importing either into the store.
 *
 * Customers CSV: a header row naming any subset of the columns
 *   name,account,phone,pcode,zip,city,state,cust,lifeline,products
 * in any order (case and surrounding blanks ignored); phone and products
 * hold several values separated by ';'.  An empty cell gives nothing: an
 * import leaves that field of a stored customer as it was.  cust is 0-3 or
 * its name (residential, business, senior citizen, industrial); lifeline
 * is yes/no, true/false, y/n or 1/0.
 *
 * Customers JSON: an array of objects with the export's keys (name,
 * account, phones, bill, cust, lfln, exms, products, uid: bill and exms in
 * the AFC wire format) or the CSV's column names (phone, pcode, zip, city,
 * state, lifeline), a phone or products string holding ';'-separated
 * values.  Products JSON: an array of {"name": ..., "itms": [AFC line
 * items]} (a single such object is taken too).
 *
 * Import is one transaction: the first bad row stops it and nothing is
 * written.  A row is the customer already stored with the same account
 * number; without an account, or when no stored customer has it, the
 * stored customer with the same name (case and spacing ignored) and a
 * phone number in common (digits compared), or, for a row without phone,
 * the one of that name without phone; a stored customer with another
 * account is never matched.  Otherwise the row is added.  A stored
 * customer is updated with the fields the row gives.  Products are matched
 * by name, ignoring case, and their items replaced.  Importing a file
 * twice adds nothing the second time.
 *
 * Errors name the file and the line (err->where, err->line) and, in the
 * message, the column: "customers.csv:4: column 3 (phone): ...".  JSON
 * errors name the element: "customers.json: [2].cust: ...".
 *
 * Ownership: rows and arrays returned are the caller's (the _free
 * functions); text is borrowed.  Nothing here logs (names and phone
 * numbers are personal data).
 */
#ifndef AFCQ_BOOK_IO_H
#define AFCQ_BOOK_IO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "afcq/error.h"
#include "afcq/store.h"

/* What a row gives (struct afcq_book_row.given). */
enum {
	AFCQ_BOOK_NAME = 1 << 0,
	AFCQ_BOOK_ACCOUNT = 1 << 1,
	AFCQ_BOOK_PHONES = 1 << 2,
	AFCQ_BOOK_PCODE = 1 << 3,
	AFCQ_BOOK_ZIP = 1 << 4,
	AFCQ_BOOK_CITY = 1 << 5,
	AFCQ_BOOK_STATE = 1 << 6,
	AFCQ_BOOK_CUST = 1 << 7,
	AFCQ_BOOK_LFLN = 1 << 8,
	AFCQ_BOOK_PRODUCTS = 1 << 9,
	AFCQ_BOOK_BILL = 1 << 10,   /* a whole bill-to object (JSON) */
	AFCQ_BOOK_EXMS = 1 << 11,
};

/* The CSV columns, comma-separated, for messages and the export header. */
#define AFCQ_BOOK_COLUMNS "name,account,phone,pcode,zip,city,state,cust,lifeline,products"

struct afcq_book_row {
	struct afcq_customer c;
	unsigned given;  /* AFCQ_BOOK_* */
	int line;        /* CSV line of the row; 0 for JSON */
	size_t index;    /* the row's place in the file, from 0 */
};

void afcq_book_row_init(struct afcq_book_row *r);
void afcq_book_row_done(struct afcq_book_row *r);
void afcq_book_rows_free(struct afcq_book_row *v, size_t n);

/* Sets one field of r from text as a CSV cell of column (a name of
 * AFCQ_BOOK_COLUMNS) gives it; an empty or blank value gives nothing.
 * AFCQ_ERR_INVALID (message saying what is wrong and what is expected, no
 * where) for a value that does not fit, AFCQ_ERR_USAGE for an unknown
 * column. */
enum afcq_status afcq_book_row_set(struct afcq_book_row *r, const char *column, const char *text,
				   struct afcq_error *err);

/* Reads customers from a file's text: JSON when its first non-blank
 * character is '[' or '{', else CSV.  file names the text in errors.  On
 * error *out is NULL and *n 0. */
enum afcq_status afcq_book_read_customers(const char *text, size_t len, const char *file,
					  struct afcq_book_row **out, size_t *n,
					  struct afcq_error *err);

/* What an import did. */
struct afcq_book_import {
	size_t added, updated;
};

/* Imports rows into s in one transaction (see the top).  On failure
 * nothing is written; err names the file and the row.  AFCQ_ERR_INVALID
 * for a row the store refuses (a new customer without a name),
 * AFCQ_ERR_DB when the store failed. */
enum afcq_status afcq_book_import_customers(struct afcq_store *s, const struct afcq_book_row *v,
					    size_t n, const char *file,
					    struct afcq_book_import *out, struct afcq_error *err);

/* Reads products (see the top); items are read as the request codec reads
 * an invoice's itms.  A product needs a name and at least one item. */
enum afcq_status afcq_book_read_products(const char *text, size_t len, const char *file,
					 struct afcq_product **out, size_t *n,
					 struct afcq_error *err);
enum afcq_status afcq_book_import_products(struct afcq_store *s, const struct afcq_product *v,
					   size_t n, const char *file,
					   struct afcq_book_import *out, struct afcq_error *err);

/* A customer or product as the JSON the import reads (new reference).
 * The customer's holds its id and uid too. */
json_t *afcq_book_customer_to_json(const struct afcq_customer *c);
json_t *afcq_book_product_to_json(const struct afcq_product *p);

/* A customer's "place" for lists: "Dallas TX", else "PCode 2650300", else
 * the ZIP code, else "".  Into buf; returns buf. */
const char *afcq_book_place(const struct afcq_customer *c, char *buf, size_t n);

#endif
