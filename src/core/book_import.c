/* book_import.c - rows and products into the store in one transaction,
 * matching what is stored already (see book_io.h). */
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

/* ---- importing customers ---------------------------------------------------- */

static void digits_of(const char *s, char *buf, size_t n)
{
	size_t k = 0;
	for (; s && *s && k + 1 < n; s++)
		if (isdigit((unsigned char)*s))
			buf[k++] = *s;
	buf[k] = '\0';
}

/* s lower-case with each run of blanks one space, none at the ends. */
static char *name_key(const char *s)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	bool space = false;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			afcq_buf_append(&b, " ", 1);
		space = false;
		char c = (char)tolower((unsigned char)*s);
		afcq_buf_append(&b, &c, 1);
	}
	return afcq_buf_steal(&b);
}

/* Names equal ignoring case and runs of blanks. */
static bool same_name(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	char *ka = name_key(a), *kb = name_key(b);
	bool same = strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

static bool share_phone(const struct afcq_customer *a, const struct afcq_customer *b)
{
	char da[64], db[64];
	for (size_t i = 0; i < a->n_phones; i++) {
		digits_of(a->phones[i], da, sizeof da);
		for (size_t k = 0; da[0] && k < b->n_phones; k++) {
			digits_of(b->phones[k], db, sizeof db);
			if (strcmp(da, db) == 0)
				return true;
		}
	}
	return false;
}

/* The stored customer row r is (0: none), by account, then by name and
 * phone. */
static enum afcq_status match(struct afcq_store *s, const struct afcq_book_row *r, int64_t *id,
			      struct afcq_error *err)
{
	*id = 0;
	const struct afcq_customer *c = &r->c;
	if (c->account) {
		enum afcq_status st = afcq_store_customer_by_account(s, c->account, id, err);
		if (st != AFCQ_OK || *id)
			return st;
	}
	if (!c->name)
		return AFCQ_OK;
	char digits[64] = "";
	if (c->n_phones)
		digits_of(c->phones[0], digits, sizeof digits);
	struct afcq_customer *v = NULL;
	size_t n = 0;
	/* candidates: those holding the first phone's digits, or of that name */
	enum afcq_status st = afcq_store_customers_find(s, digits[0] ? digits : c->name, 0, &v, &n,
							err);
	if (st != AFCQ_OK)
		return st;
	for (size_t i = 0; i < n && !*id; i++) {
		if (!same_name(v[i].name, c->name))
			continue;
		if (c->account && v[i].account && strcmp(c->account, v[i].account) != 0)
			continue;
		if (c->n_phones ? share_phone(c, &v[i]) : v[i].n_phones == 0)
			*id = v[i].id;
	}
	afcq_customers_free(v, n);
	if (!*id && c->n_phones > 1) {
		/* another of the row's phones may be the stored one's */
		for (size_t k = 1; k < c->n_phones && !*id; k++) {
			digits_of(c->phones[k], digits, sizeof digits);
			if (!digits[0])
				continue;
			st = afcq_store_customers_find(s, digits, 0, &v, &n, err);
			if (st != AFCQ_OK)
				return st;
			for (size_t i = 0; i < n && !*id; i++)
				if (same_name(v[i].name, c->name) &&
				    !(c->account && v[i].account && strcmp(c->account, v[i].account)))
					*id = v[i].id;
			afcq_customers_free(v, n);
		}
	}
	return AFCQ_OK;
}

static void strv_take(char ***dst, size_t *n_dst, char **src, size_t n_src)
{
	for (size_t i = 0; i < *n_dst; i++)
		free((*dst)[i]);
	free(*dst);
	*dst = NULL;
	*n_dst = 0;
	for (size_t i = 0; i < n_src; i++) {
		*dst = afcq_xrealloc(*dst, (*n_dst + 1) * sizeof **dst);
		(*dst)[(*n_dst)++] = afcq_xstrdup(src[i]);
	}
}

/* Writes the fields r gives into stored customer c. */
static void merge(struct afcq_customer *c, const struct afcq_book_row *r)
{
	const struct afcq_customer *f = &r->c;
	unsigned g = r->given;
	if (g & AFCQ_BOOK_NAME)
		book_set_str(&c->name, f->name);
	if (g & AFCQ_BOOK_ACCOUNT)
		book_set_str(&c->account, f->account);
	if (g & AFCQ_BOOK_PHONES)
		strv_take(&c->phones, &c->n_phones, f->phones, f->n_phones);
	if (g & AFCQ_BOOK_PRODUCTS)
		strv_take(&c->products, &c->n_products, f->products, f->n_products);
	if (g & AFCQ_BOOK_BILL) {
		afcq_location_done(&c->bill);
		if (f->bill.present)
			afcq_location_copy(&c->bill, &f->bill);
	}
	if (g & (AFCQ_BOOK_PCODE | AFCQ_BOOK_ZIP | AFCQ_BOOK_CITY | AFCQ_BOOK_STATE))
		c->bill.present = true;
	if (g & AFCQ_BOOK_PCODE)
		c->bill.pcd = f->bill.pcd;
	if (g & AFCQ_BOOK_ZIP)
		book_set_str(&c->bill.zip, f->bill.zip);
	if (g & AFCQ_BOOK_CITY)
		book_set_str(&c->bill.city, f->bill.city);
	if (g & AFCQ_BOOK_STATE)
		book_set_str(&c->bill.st, f->bill.st);
	if (g & AFCQ_BOOK_CUST)
		c->cust = f->cust;
	if (g & AFCQ_BOOK_LFLN)
		c->lfln = f->lfln;
	if (g & AFCQ_BOOK_EXMS) {
		for (size_t i = 0; i < c->n_exms; i++)
			afcq_exemption_done(&c->exms[i]);
		free(c->exms);
		c->exms = f->n_exms ? afcq_xcalloc(f->n_exms, sizeof *c->exms) : NULL;
		c->n_exms = f->n_exms;
		for (size_t i = 0; i < f->n_exms; i++)
			afcq_exemption_copy(&c->exms[i], &f->exms[i]);
	}
}

/* Names the row that failed in err: "file:LINE" for CSV (line > 0), else
 * "file: [index]". */
static enum afcq_status row_failed(struct afcq_error *err, const char *file, int line,
				   size_t index)
{
	if (!err)
		return AFCQ_ERR_INVALID;
	if (line > 0) {
		snprintf(err->where, sizeof err->where, "%s", file);
		err->line = line;
	} else {
		snprintf(err->where, sizeof err->where, "%s: [%zu]", file, index);
		err->line = 0;
	}
	return err->status;
}

static enum afcq_status import_row(struct afcq_store *s, const struct afcq_book_row *r,
				   struct afcq_book_import *counts, struct afcq_error *err)
{
	int64_t id = 0;
	enum afcq_status st = match(s, r, &id, err);
	if (st != AFCQ_OK)
		return st;
	struct afcq_customer c;
	afcq_customer_init(&c);
	if (id) {
		st = afcq_store_customer_get(s, id, &c, err);
		if (st != AFCQ_OK)
			return st;
		merge(&c, r);
		counts->updated++;
	} else {
		if (!(r->given & AFCQ_BOOK_NAME)) {
			afcq_customer_done(&c);
			return afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
					      "no name, and no stored customer has this row's %s: a "
					      "new customer needs a name",
					      r->c.account ? "account" : "name and phone");
		}
		afcq_customer_copy(&c, &r->c);
		counts->added++;
	}
	st = afcq_store_customer_save(s, &c, false, err);
	afcq_customer_done(&c);
	return st;
}

/* Customer row v[i] in; a failure names its line or place in file. */
static enum afcq_status import_customer(struct afcq_store *s, const void *v, size_t i,
					const char *file, struct afcq_book_import *counts,
					struct afcq_error *err)
{
	const struct afcq_book_row *r = (const struct afcq_book_row *)v + i;
	enum afcq_status st = import_row(s, r, counts, err);
	if (st != AFCQ_OK && st != AFCQ_ERR_DB)
		row_failed(err, file, r->line, r->index);
	return st;
}

/* Product v[i] in: its items replace those of the stored product of that
 * name; a failure names its place in file. */
static enum afcq_status import_product(struct afcq_store *s, const void *v, size_t i,
				       const char *file, struct afcq_book_import *counts,
				       struct afcq_error *err)
{
	const struct afcq_product *from = (const struct afcq_product *)v + i;
	struct afcq_product have, p;
	afcq_product_init(&have);
	afcq_product_copy(&p, from);
	p.id = 0;
	enum afcq_status st = afcq_store_product_by_name(s, from->name, &have, err);
	if (st == AFCQ_OK) {
		p.id = have.id;
		counts->updated++;
	} else if (st == AFCQ_ERR_USAGE) {
		st = AFCQ_OK;
		counts->added++;
	}
	if (st == AFCQ_OK)
		st = afcq_store_product_save(s, &p, err);
	if (st != AFCQ_OK && st != AFCQ_ERR_DB)
		row_failed(err, file, 0, i);
	afcq_product_done(&p);
	afcq_product_done(&have);
	return st;
}

/* step for each of the n records of v from file, in one transaction: the
 * first that fails stops it and rolls back; else the counts into *out. */
static enum afcq_status import_all(struct afcq_store *s, const void *v, size_t n,
				   enum afcq_status (*step)(struct afcq_store *s, const void *v,
							    size_t i, const char *file,
							    struct afcq_book_import *counts,
							    struct afcq_error *err),
				   const char *file, struct afcq_book_import *out,
				   struct afcq_error *err)
{
	struct afcq_book_import counts = { 0 };
	enum afcq_status st = afcq_store_begin(s, err);
	if (st != AFCQ_OK)
		return st;
	for (size_t i = 0; i < n && st == AFCQ_OK; i++)
		st = step(s, v, i, file, &counts, err);
	if (st == AFCQ_OK)
		st = afcq_store_commit(s, err);
	if (st != AFCQ_OK) {
		afcq_store_rollback(s);
		return st;
	}
	if (out)
		*out = counts;
	return AFCQ_OK;
}

enum afcq_status afcq_book_import_customers(struct afcq_store *s, const struct afcq_book_row *v,
					    size_t n, const char *file,
					    struct afcq_book_import *out, struct afcq_error *err)
{
	return import_all(s, v, n, import_customer, file, out, err);
}

enum afcq_status afcq_book_import_products(struct afcq_store *s, const struct afcq_product *v,
					   size_t n, const char *file,
					   struct afcq_book_import *out, struct afcq_error *err)
{
	return import_all(s, v, n, import_product, file, out, err);
}
