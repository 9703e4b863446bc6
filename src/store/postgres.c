/* postgres.c - the store's PostgreSQL back end: a team's shared book.
 *
 * The tables mirror the SQLite back end's (customers, products, the same
 * JSON text columns and search keys, see store_int.h); the connection, the
 * schema and its migrations are afcq/pg.h's.  A save of a customer is one
 * statement that writes only when the revision is the one loaded, so two
 * reps on two machines cannot both overwrite the same revision.  Values
 * travel as text and are cast in the SQL.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/pg.h"
#include "afcq/str.h"

#define UNIQUE_VIOLATION "23505"

struct pg_store {
	struct afcq_store base;   /* first: the interface's handle */
	struct afcq_pg *pg;
};

static struct afcq_pg *conn(struct afcq_store *s)
{
	return ((struct pg_store *)s)->pg;
}

static void int_text(char *buf, size_t n, int64_t v)
{
	snprintf(buf, n, "%lld", (long long)v);
}

/* ---- transactions --------------------------------------------------------- */

static void pq_close(struct afcq_store *s)
{
	afcq_pg_close(conn(s));
	free(s);
}

static enum afcq_status pq_begin(struct afcq_store *s, struct afcq_error *err)
{
	return afcq_pg_begin(conn(s), err);
}

static enum afcq_status pq_commit(struct afcq_store *s, struct afcq_error *err)
{
	return afcq_pg_commit(conn(s), err);
}

static void pq_rollback(struct afcq_store *s)
{
	afcq_pg_rollback(conn(s));
}

/* ---- customers --------------------------------------------------------------- */

#define CUSTOMER_COLUMNS \
	"id, uid, name, account, phones, bill, cust, lfln, exms, products, rev, changed_by, " \
	"changed_at"

static void read_customer(const struct pg_result *r, int i, struct afcq_customer *c)
{
	afcq_customer_init(c);
	c->id = afcq_pg_int(r, i, 0);
	c->uid = afcq_pg_dup(r, i, 1);
	c->name = afcq_pg_dup(r, i, 2);
	c->account = afcq_pg_dup(r, i, 3);
	store_customer_from_cols(c, afcq_pg_text(r, i, 4), afcq_pg_text(r, i, 5),
				 afcq_pg_text(r, i, 8), afcq_pg_text(r, i, 9));
	if (!afcq_pg_null(r, i, 6))
		c->cust = (struct afcq_oint){ true, afcq_pg_int(r, i, 6) };
	if (!afcq_pg_null(r, i, 7))
		c->lfln = (struct afcq_obool){ true, afcq_pg_int(r, i, 7) != 0 };
	c->rev = afcq_pg_int(r, i, 10);
	c->changed_by = afcq_pg_dup(r, i, 11);
	c->changed_at = afcq_pg_dup(r, i, 12);
}

/* "SELECT ... WHERE search LIKE $1 AND ... ORDER BY ... LIMIT $n" and its
 * parameters (the limit NULL for all). */
static struct pg_result *find(struct afcq_store *s, const char *select, char **patterns,
			      size_t n_patterns, const char *order, size_t limit, const char *what,
			      struct afcq_error *err)
{
	struct afcq_buf sql;
	afcq_buf_init(&sql);
	afcq_buf_puts(&sql, select);
	for (size_t i = 0; i < n_patterns; i++)
		afcq_buf_printf(&sql, "%s search LIKE $%zu", i ? " AND" : " WHERE", i + 1);
	afcq_buf_printf(&sql, " ORDER BY %s LIMIT $%zu::bigint", order, n_patterns + 1);
	const char **params = afcq_xcalloc(n_patterns + 1, sizeof *params);
	for (size_t i = 0; i < n_patterns; i++)
		params[i] = patterns[i];
	char lim[32];
	int_text(lim, sizeof lim, (int64_t)limit);
	params[n_patterns] = limit ? lim : NULL;
	struct pg_result *r = afcq_pg_exec(conn(s), sql.data, (int)n_patterns + 1, params, what,
					   NULL, err);
	free(params);
	afcq_buf_done(&sql);
	return r;
}

static enum afcq_status pq_customers_find(struct afcq_store *s, char **patterns, size_t n_patterns,
					  size_t limit, struct afcq_customer **out, size_t *n,
					  struct afcq_error *err)
{
	struct pg_result *r = find(s, "SELECT " CUSTOMER_COLUMNS " FROM customers", patterns,
				   n_patterns, "used DESC, lower(name), id", limit,
				   "cannot read the customers", err);
	if (!r)
		return AFCQ_ERR_DB;
	int rows = afcq_pg_rows(r);
	*out = rows ? afcq_xcalloc((size_t)rows, sizeof **out) : NULL;
	for (int i = 0; i < rows; i++)
		read_customer(r, i, &(*out)[i]);
	*n = (size_t)rows;
	afcq_pg_clear(r);
	return AFCQ_OK;
}

static enum afcq_status no_customer(struct afcq_error *err, int64_t id)
{
	return afcq_error_set(err, AFCQ_ERR_USAGE, "customer", "no customer %lld", (long long)id);
}

static enum afcq_status pq_customer_get(struct afcq_store *s, int64_t id, struct afcq_customer *out,
					struct afcq_error *err)
{
	char ids[32];
	int_text(ids, sizeof ids, id);
	const char *p[] = { ids };
	struct pg_result *r = afcq_pg_exec(conn(s),
					   "SELECT " CUSTOMER_COLUMNS " FROM customers"
					   " WHERE id = $1::bigint",
					   1, p, "cannot read the customer", NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st = AFCQ_OK;
	if (afcq_pg_rows(r))
		read_customer(r, 0, out);
	else
		st = no_customer(err, id);
	afcq_pg_clear(r);
	return st;
}

static enum afcq_status pq_customer_by_account(struct afcq_store *s, const char *account,
					       int64_t *id, struct afcq_error *err)
{
	const char *p[] = { account };
	struct pg_result *r = afcq_pg_exec(conn(s),
					   "SELECT id FROM customers WHERE account = $1"
					   " ORDER BY id LIMIT 1",
					   1, p, "cannot read the customers", NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	if (afcq_pg_rows(r))
		*id = afcq_pg_int(r, 0, 0);
	afcq_pg_clear(r);
	return AFCQ_OK;
}

/* Why an update matched no row: gone, or changed by someone else. */
static enum afcq_status update_refused(struct afcq_store *s, int64_t id, struct afcq_error *err)
{
	char ids[32];
	int_text(ids, sizeof ids, id);
	const char *p[] = { ids };
	struct pg_result *r = afcq_pg_exec(conn(s),
					   "SELECT changed_by, changed_at FROM customers"
					   " WHERE id = $1::bigint",
					   1, p, "cannot read the customer", NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st;
	if (afcq_pg_rows(r)) {
		const char *by = afcq_pg_text(r, 0, 0), *at = afcq_pg_text(r, 0, 1);
		char where[64];
		snprintf(where, sizeof where, "customer %lld", (long long)id);
		st = afcq_error_set(err, AFCQ_ERR_CONFLICT, where,
				    "changed by %s at %s since you loaded it", by ? by : "someone",
				    at ? at : "an unknown time");
	} else {
		st = no_customer(err, id);
	}
	afcq_pg_clear(r);
	return st;
}

static enum afcq_status pq_customer_save(struct afcq_store *s, struct afcq_customer *c,
					 int64_t old_rev, struct afcq_error *err)
{
	/* Parameters 1-12 are the same for both statements. */
	static const char insert_sql[] =
		"INSERT INTO customers (uid, name, account, phones, bill, cust, lfln, exms, products,"
		" search, changed_by, changed_at, rev) VALUES ($1, $2, $3, $4, $5, $6::bigint,"
		" $7::boolean, $8, $9, $10, $11, $12, 1)"
		" ON CONFLICT (uid) DO UPDATE SET name = excluded.name, account = excluded.account,"
		" phones = excluded.phones, bill = excluded.bill, cust = excluded.cust,"
		" lfln = excluded.lfln, exms = excluded.exms, products = excluded.products,"
		" search = excluded.search, changed_by = excluded.changed_by,"
		" changed_at = excluded.changed_at, rev = customers.rev + 1"
		" RETURNING id, rev";
	static const char update_sql[] =
		"UPDATE customers SET uid = $1, name = $2, account = $3, phones = $4, bill = $5,"
		" cust = $6::bigint, lfln = $7::boolean, exms = $8, products = $9, search = $10,"
		" changed_by = $11, changed_at = $12, rev = rev + 1"
		" WHERE id = $13::bigint AND ($14::bigint < 0 OR rev = $14::bigint)"
		" RETURNING id, rev";
	struct store_customer_cols cols;
	store_customer_cols(c, &cols);
	char cust[32], ids[32], rev[32];
	int_text(cust, sizeof cust, c->cust.v);
	int_text(ids, sizeof ids, c->id);
	int_text(rev, sizeof rev, old_rev);
	const char *p[] = {
		c->uid, c->name, afcq_str_empty(c->account) ? NULL : c->account, cols.phones,
		cols.bill, c->cust.set ? cust : NULL, c->lfln.set ? (c->lfln.v ? "t" : "f") : NULL,
		cols.exms, cols.products, cols.search, c->changed_by, c->changed_at, ids, rev,
	};
	struct pg_result *r = afcq_pg_exec(conn(s), c->id ? update_sql : insert_sql,
					   c->id ? 14 : 12, p, "cannot save the customer", NULL, err);
	store_customer_cols_done(&cols);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st = AFCQ_OK;
	if (afcq_pg_rows(r)) {
		c->id = afcq_pg_int(r, 0, 0);
		c->rev = afcq_pg_int(r, 0, 1);
	} else {
		st = update_refused(s, c->id, err);
	}
	afcq_pg_clear(r);
	return st;
}

/* Runs a one-parameter statement on id; missing() when it changed nothing. */
static enum afcq_status run_on_id(struct afcq_store *s, const char *sql, int64_t id,
				  const char *what,
				  enum afcq_status (*missing)(struct afcq_error *, int64_t),
				  struct afcq_error *err)
{
	char ids[32];
	int_text(ids, sizeof ids, id);
	const char *p[] = { ids };
	struct pg_result *r = afcq_pg_exec(conn(s), sql, 1, p, what, NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st = afcq_pg_changed(r) ? AFCQ_OK : missing(err, id);
	afcq_pg_clear(r);
	return st;
}

static enum afcq_status pq_customer_delete(struct afcq_store *s, int64_t id, struct afcq_error *err)
{
	return run_on_id(s, "DELETE FROM customers WHERE id = $1::bigint", id,
			 "cannot remove the customer", no_customer, err);
}

static enum afcq_status pq_customer_touch(struct afcq_store *s, int64_t id, struct afcq_error *err)
{
	return run_on_id(s,
			 "UPDATE customers SET used = (SELECT COALESCE(MAX(used), 0) + 1 FROM customers)"
			 " WHERE id = $1::bigint",
			 id, "cannot mark the customer used", no_customer, err);
}

/* ---- products ------------------------------------------------------------------ */

static void read_product(const struct pg_result *r, int i, struct afcq_product *p)
{
	afcq_product_init(p);
	p->id = afcq_pg_int(r, i, 0);
	p->name = afcq_pg_dup(r, i, 1);
	store_product_items_from_json(p, afcq_pg_text(r, i, 2));
}

static enum afcq_status pq_products_find(struct afcq_store *s, char **patterns, size_t n_patterns,
					 size_t limit, struct afcq_product **out, size_t *n,
					 struct afcq_error *err)
{
	struct pg_result *r = find(s, "SELECT id, name, itms FROM products", patterns, n_patterns,
				   "lower(name), id", limit, "cannot read the products", err);
	if (!r)
		return AFCQ_ERR_DB;
	int rows = afcq_pg_rows(r);
	*out = rows ? afcq_xcalloc((size_t)rows, sizeof **out) : NULL;
	for (int i = 0; i < rows; i++)
		read_product(r, i, &(*out)[i]);
	*n = (size_t)rows;
	afcq_pg_clear(r);
	return AFCQ_OK;
}

static enum afcq_status no_product(struct afcq_error *err, int64_t id)
{
	return afcq_error_set(err, AFCQ_ERR_USAGE, "product", "no product %lld", (long long)id);
}

static enum afcq_status pq_product_get(struct afcq_store *s, int64_t id, const char *name,
				       struct afcq_product *out, struct afcq_error *err)
{
	char ids[32];
	int_text(ids, sizeof ids, id);
	const char *p[] = { name ? name : ids };
	struct pg_result *r = afcq_pg_exec(conn(s),
					   name ? "SELECT id, name, itms FROM products"
						  " WHERE lower(name) = lower($1)"
						: "SELECT id, name, itms FROM products"
						  " WHERE id = $1::bigint",
					   1, p, "cannot read the product", NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st = AFCQ_OK;
	if (afcq_pg_rows(r))
		read_product(r, 0, out);
	else if (name)
		st = afcq_error_set(err, AFCQ_ERR_USAGE, "product", "no product named \"%s\"", name);
	else
		st = no_product(err, id);
	afcq_pg_clear(r);
	return st;
}

static enum afcq_status pq_product_save(struct afcq_store *s, struct afcq_product *p,
					struct afcq_error *err)
{
	char *key = store_product_key(p->name);
	char *itms = store_items_json(p);
	char ids[32];
	int_text(ids, sizeof ids, p->id);
	const char *params[] = { p->name, key, itms, ids };
	char state[6];
	struct pg_result *r = afcq_pg_exec(conn(s),
					   p->id ? "UPDATE products SET name = $1, search = $2,"
						   " itms = $3 WHERE id = $4::bigint RETURNING id"
						 : "INSERT INTO products (name, search, itms)"
						   " VALUES ($1, $2, $3) RETURNING id",
					   p->id ? 4 : 3, params, "cannot save the product", state,
					   err);
	free(key);
	free(itms);
	if (!r)
		return strcmp(state, UNIQUE_VIOLATION) == 0
			       ? afcq_error_set(err, AFCQ_ERR_INVALID, "name",
						"a product named \"%s\" already exists", p->name)
			       : AFCQ_ERR_DB;
	enum afcq_status st = AFCQ_OK;
	if (afcq_pg_rows(r))
		p->id = afcq_pg_int(r, 0, 0);
	else
		st = no_product(err, p->id);
	afcq_pg_clear(r);
	return st;
}

static enum afcq_status pq_product_delete(struct afcq_store *s, int64_t id, struct afcq_error *err)
{
	return run_on_id(s, "DELETE FROM products WHERE id = $1::bigint", id,
			 "cannot remove the product", no_product, err);
}

static void pq_set_wait(struct afcq_store *s, int ms)
{
	afcq_pg_set_wait(conn(s), ms);
}

static bool pq_check(struct afcq_store *s)
{
	return afcq_pg_check(conn(s));
}

static const struct store_ops postgres_ops = {
	.close = pq_close,
	.begin = pq_begin,
	.commit = pq_commit,
	.rollback = pq_rollback,
	.customers_find = pq_customers_find,
	.customer_get = pq_customer_get,
	.customer_by_account = pq_customer_by_account,
	.customer_save = pq_customer_save,
	.customer_delete = pq_customer_delete,
	.customer_touch = pq_customer_touch,
	.products_find = pq_products_find,
	.product_get = pq_product_get,
	.product_save = pq_product_save,
	.product_delete = pq_product_delete,
	.set_wait = pq_set_wait,
	.check = pq_check,
};

/* ---- schema step ---------------------------------------------------------- */

static char *customer_key(const struct pg_result *r, int i)
{
	return store_search_key_of_cols(afcq_pg_text(r, i, 1), afcq_pg_text(r, i, 2),
					afcq_pg_text(r, i, 3), afcq_pg_text(r, i, 4));
}

static char *product_key(const struct pg_result *r, int i)
{
	const char *name = afcq_pg_text(r, i, 1);
	return store_product_key(name ? name : "");
}

/* Each row select finds (its id first) gets update with $1 the key made of
 * it and $2 its id. */
static enum afcq_status rekey(struct afcq_pg *pg, const char *select, const char *update,
			      char *(*key)(const struct pg_result *r, int i), struct afcq_error *err)
{
	static const char what[] = "cannot rebuild the search keys";
	struct pg_result *r = afcq_pg_exec(pg, select, 0, NULL, what, NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st = AFCQ_OK;
	for (int i = 0; i < afcq_pg_rows(r) && st == AFCQ_OK; i++) {
		char *k = key(r, i);
		const char *params[] = { k, afcq_pg_text(r, i, 0) };
		struct pg_result *u = afcq_pg_exec(pg, update, 2, params, what, NULL, err);
		if (!u)
			st = AFCQ_ERR_DB;
		afcq_pg_clear(u);
		free(k);
	}
	afcq_pg_clear(r);
	return st;
}

enum afcq_status afcq_pg_rebuild_search_keys(struct afcq_pg *pg, struct afcq_error *err)
{
	enum afcq_status st = rekey(pg, "SELECT id, name, account, phones, bill FROM customers",
				    "UPDATE customers SET search = $1 WHERE id = $2::bigint",
				    customer_key, err);
	if (st == AFCQ_OK)
		st = rekey(pg, "SELECT id, name FROM products",
			   "UPDATE products SET search = $1 WHERE id = $2::bigint", product_key, err);
	return st;
}

struct afcq_store *store_postgres_open(const char *where, struct afcq_error *err)
{
	struct afcq_pg *pg = afcq_pg_open(where, err);
	if (!pg)
		return NULL;
	struct pg_store *q = afcq_xcalloc(1, sizeof *q);
	q->base.ops = &postgres_ops;
	q->base.where = afcq_xstrdup(afcq_pg_where(pg));
	q->pg = pg;
	return &q->base;
}
