/* fuzz_book.c - the customer and product files (afcq/book_io.h): the CSV
 * reader and the JSON readers, and importing into a store.
 *
 * Each input is read as customers (CSV, or JSON when it starts with '['
 * or '{') and as products.  A refusal carries a one-line message naming
 * the file.  Customers read are written as the export's JSON, read again
 * and written: the same text.  They are imported into a private in-memory
 * store twice: the second import adds nothing.  Products read round-trip
 * the same way.
 */
#include "fuzzlib.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/book_io.h"
#include "afcq/str.h"

static char *customers_json(const struct afcq_book_row *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, afcq_book_customer_to_json(&v[i].c));
	return fuzz_dump(a);
}

static char *products_json(const struct afcq_product *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, afcq_book_product_to_json(&v[i]));
	return fuzz_dump(a);
}

static void check_refusal(enum afcq_status st, const struct afcq_error *err)
{
	fuzz_check_error(st, err);
	fuzz_check(strncmp(err->where, "f", 1) == 0, "a refusal names the file", err->where, err->msg);
}

static void customers(const char *text, size_t len)
{
	struct afcq_book_row *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = afcq_book_read_customers(text, len, "f", &v, &n, &err);
	if (st != AFCQ_OK) {
		check_refusal(st, &err);
		fuzz_check(!v && !n, "a refused read gives no rows", NULL, NULL);
		return;
	}
	char *first = customers_json(v, n);
	struct afcq_book_row *w = NULL;
	size_t m = 0;
	st = afcq_book_read_customers(first, strlen(first), "f", &w, &m, &err);
	fuzz_check(st == AFCQ_OK, "customers written read back", first, err.msg);
	char *second = customers_json(w, m);
	fuzz_same_text("customers round-trip", first, second);
	free(second);
	afcq_book_rows_free(w, m);
	free(first);

	struct afcq_store *s = afcq_store_open(":memory:", &err);
	fuzz_check(s != NULL, "an in-memory store opens", err.msg, NULL);
	struct afcq_book_import once = { 0 }, twice = { 0 };
	st = afcq_book_import_customers(s, v, n, "f", &once, &err);
	if (st == AFCQ_OK) {
		st = afcq_book_import_customers(s, v, n, "f", &twice, &err);
		fuzz_check(st == AFCQ_OK, "what imported once imports again", err.msg, NULL);
		fuzz_check(twice.added == 0, "a second import adds nothing", NULL, NULL);
	} else {
		check_refusal(st, &err);
	}
	afcq_store_close(s);
	afcq_book_rows_free(v, n);
}

static void products(const char *text, size_t len)
{
	struct afcq_product *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = afcq_book_read_products(text, len, "f", &v, &n, &err);
	if (st != AFCQ_OK) {
		check_refusal(st, &err);
		return;
	}
	char *first = products_json(v, n);
	struct afcq_product *w = NULL;
	size_t m = 0;
	st = afcq_book_read_products(first, strlen(first), "f", &w, &m, &err);
	fuzz_check(st == AFCQ_OK, "products written read back", first, err.msg);
	char *second = products_json(w, m);
	fuzz_same_text("products round-trip", first, second);
	free(second);
	afcq_products_free(w, m);
	free(first);
	afcq_products_free(v, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = afcq_xmalloc(size + 1); /* NUL bytes inside stay */
	memcpy(text, data, size);
	text[size] = '\0';
	customers(text, size);
	products(text, size);
	free(text);
	return 0;
}
