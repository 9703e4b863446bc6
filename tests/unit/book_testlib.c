/* book_testlib.c - see book_testlib.h. */
#include "book_testlib.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdlib.h>

#include "afcq/str.h"
#include "api_testlib.h"

struct afcq_store *book_test_open(const char *where)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_store *s = afcq_store_open(where, &err);
	if (!s)
		fail_msg("open %s: %s", where ? where : "(default)", err.msg);
	return s;
}

/* Runs sql on the PostgreSQL database at url, behind the store's back. */
void book_test_pg_sql(const char *url, const char *sql)
{
	PGconn *c = PQconnectdb(url);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("connect %s: %s", url, PQerrorMessage(c));
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
}

static void pg_empty(const char *url)
{
	book_test_pg_sql(url, "TRUNCATE customers, products RESTART IDENTITY");
}

int book_test_setup(void **state)
{
	struct book_fixture *f = afcq_xcalloc(1, sizeof *f);
	char dir[256];
	api_test_temp_dir(dir, sizeof dir);
	f->dir = afcq_xstrdup(dir);
	const char *url = getenv("AFCQ_TEST_STORE");
	if (url && *url) {
		f->path = afcq_xstrdup(url);
		f->s = book_test_open(f->path);
		pg_empty(url);
	} else {
		f->path = afcq_xasprintf("%s/book.sqlite", f->dir);
		f->s = book_test_open(f->path);
	}
	*state = f;
	return 0;
}

int book_test_teardown(void **state)
{
	struct book_fixture *f = *state;
	afcq_store_close(f->s);
	api_test_remove_tree(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* Saves a new customer and returns its id. */
int64_t book_test_add_customer(struct afcq_store *s, const char *name, const char *account,
			       const char *phone, const char *city, long long pcode)
{
	struct afcq_customer c;
	afcq_customer_init(&c);
	c.name = afcq_xstrdup(name);
	c.account = afcq_xstrdup(account);
	if (phone)
		afcq_customer_add_phone(&c, phone);
	if (city || pcode) {
		c.bill.present = true;
		c.bill.city = afcq_xstrdup(city);
		c.bill.pcd = (struct afcq_oint){ pcode != 0, pcode };
	}
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_store_customer_save(s, &c, false, &err) != AFCQ_OK)
		fail_msg("save %s: %s", name, err.msg);
	int64_t id = c.id;
	afcq_customer_done(&c);
	return id;
}

/* The names found for text, comma-separated, in order (caller frees). */
char *book_test_found(struct afcq_store *s, const char *text, size_t limit)
{
	struct afcq_customer *v;
	size_t n;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_store_customers_find(s, text, limit, &v, &n, &err) != AFCQ_OK)
		fail_msg("find %s: %s", text ? text : "(all)", err.msg);
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	for (size_t i = 0; i < n; i++)
		afcq_buf_printf(&b, "%s%s", i ? "," : "", v[i].name);
	afcq_customers_free(v, n);
	return afcq_buf_steal(&b);
}

void book_test_set_item(struct afcq_item *it, long long tran, long long serv, double chg)
{
	it->tran = (struct afcq_oint){ true, tran };
	it->serv = (struct afcq_oint){ true, serv };
	it->chg = (struct afcq_odbl){ true, chg };
}
