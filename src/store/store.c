/* store.c - the store interface: picks the back end, checks arguments and
 * dispatches to the back end's ops table.  What a save means (identity,
 * revision, who and when) is decided here, once for every back end. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/paths.h"
#include "afcq/pg.h"
#include "afcq/actor.h"
#include "afcq/str.h"

char *afcq_store_default_path(void)
{
	return afcq_xdg_path("XDG_DATA_HOME", ".local/share", "book.sqlite");
}

struct afcq_store *afcq_store_open(const char *where, struct afcq_error *err)
{
	char *path = where ? afcq_xstrdup(where) : afcq_store_default_path();
	if (!path) {
		afcq_error_set(err, AFCQ_ERR_IO, "store",
			       "no place for the customer book: neither XDG_DATA_HOME nor HOME is set");
		return NULL;
	}
	struct afcq_store *s = afcq_pg_is_url(path) ? store_postgres_open(path, err)
						    : store_sqlite_open(path, err);
	free(path);
	if (s)
		s->actor = afcq_actor();
	return s;
}

void afcq_store_close(struct afcq_store *s)
{
	if (!s)
		return;
	char *where = s->where, *actor = s->actor;
	s->ops->close(s);
	free(where);
	free(actor);
}

const char *afcq_store_where(const struct afcq_store *s)
{
	return s ? s->where : "store";
}

void afcq_store_set_wait(struct afcq_store *s, int ms)
{
	if (s && s->ops->set_wait)
		s->ops->set_wait(s, ms);
}

bool afcq_store_check(struct afcq_store *s)
{
	return !s || !s->ops->check || s->ops->check(s);
}

static enum afcq_status no_store(struct afcq_error *err)
{
	return afcq_error_set(err, AFCQ_ERR_USAGE, "store", "no store open");
}

enum afcq_status afcq_store_begin(struct afcq_store *s, struct afcq_error *err)
{
	return s ? s->ops->begin(s, err) : no_store(err);
}

enum afcq_status afcq_store_commit(struct afcq_store *s, struct afcq_error *err)
{
	return s ? s->ops->commit(s, err) : no_store(err);
}

void afcq_store_rollback(struct afcq_store *s)
{
	if (s)
		s->ops->rollback(s);
}

/* ---- customers ---------------------------------------------------------- */

enum afcq_status afcq_store_customers_find(struct afcq_store *s, const char *text, size_t limit,
					   struct afcq_customer **out, size_t *n,
					   struct afcq_error *err)
{
	*out = NULL;
	*n = 0;
	if (!s)
		return no_store(err);
	size_t np;
	char **pat = store_search_patterns(text, &np);
	enum afcq_status st = s->ops->customers_find(s, pat, np, limit, out, n, err);
	store_patterns_free(pat, np);
	return st;
}

enum afcq_status afcq_store_customer_get(struct afcq_store *s, int64_t id,
					 struct afcq_customer *out, struct afcq_error *err)
{
	afcq_customer_done(out);
	return s ? s->ops->customer_get(s, id, out, err) : no_store(err);
}

enum afcq_status afcq_store_customer_by_account(struct afcq_store *s, const char *account,
						int64_t *id, struct afcq_error *err)
{
	*id = 0;
	if (!s)
		return no_store(err);
	if (afcq_str_empty(account))
		return AFCQ_OK;
	return s->ops->customer_by_account(s, account, id, err);
}

enum afcq_status afcq_store_customer_save(struct afcq_store *s, struct afcq_customer *c,
					  bool overwrite, struct afcq_error *err)
{
	if (!s)
		return no_store(err);
	if (afcq_str_empty(c->name))
		return afcq_error_set(err, AFCQ_ERR_INVALID, "name",
				      "a customer needs a name");
	char when[32];
	store_now(when, sizeof when);
	/* The back end writes a shallow copy carrying the new identity,
	 * revision and signature; c takes them only once it is stored. */
	struct afcq_customer next = *c;
	next.uid = afcq_str_empty(c->uid) ? store_new_uid() : afcq_xstrdup(c->uid);
	next.changed_by = afcq_xstrdup(s->actor);
	next.changed_at = afcq_xstrdup(when);
	next.rev = c->id ? c->rev + 1 : 1;
	int64_t old_rev = overwrite || c->id == 0 ? -1 : c->rev;
	enum afcq_status st = s->ops->customer_save(s, &next, old_rev, err);
	if (st != AFCQ_OK) {
		free(next.uid);
		free(next.changed_by);
		free(next.changed_at);
		return st;
	}
	free(c->uid);
	free(c->changed_by);
	free(c->changed_at);
	*c = next;
	return AFCQ_OK;
}

enum afcq_status afcq_store_customer_delete(struct afcq_store *s, int64_t id,
					    struct afcq_error *err)
{
	return s ? s->ops->customer_delete(s, id, err) : no_store(err);
}

enum afcq_status afcq_store_customer_touch(struct afcq_store *s, int64_t id,
					   struct afcq_error *err)
{
	return s ? s->ops->customer_touch(s, id, err) : no_store(err);
}

/* ---- products ----------------------------------------------------------- */

enum afcq_status afcq_store_products_find(struct afcq_store *s, const char *text, size_t limit,
					  struct afcq_product **out, size_t *n,
					  struct afcq_error *err)
{
	*out = NULL;
	*n = 0;
	if (!s)
		return no_store(err);
	size_t np;
	char **pat = store_search_patterns(text, &np);
	enum afcq_status st = s->ops->products_find(s, pat, np, limit, out, n, err);
	store_patterns_free(pat, np);
	return st;
}

enum afcq_status afcq_store_product_get(struct afcq_store *s, int64_t id,
					struct afcq_product *out, struct afcq_error *err)
{
	afcq_product_done(out);
	return s ? s->ops->product_get(s, id, NULL, out, err) : no_store(err);
}

enum afcq_status afcq_store_product_by_name(struct afcq_store *s, const char *name,
					    struct afcq_product *out, struct afcq_error *err)
{
	afcq_product_done(out);
	if (!s)
		return no_store(err);
	if (afcq_str_empty(name))
		return afcq_error_set(err, AFCQ_ERR_USAGE, "product", "no product name given");
	return s->ops->product_get(s, 0, name, out, err);
}

enum afcq_status afcq_store_product_save(struct afcq_store *s, struct afcq_product *p,
					 struct afcq_error *err)
{
	if (!s)
		return no_store(err);
	if (afcq_str_empty(p->name))
		return afcq_error_set(err, AFCQ_ERR_INVALID, "name", "a product needs a name");
	return s->ops->product_save(s, p, err);
}

enum afcq_status afcq_store_product_delete(struct afcq_store *s, int64_t id,
					   struct afcq_error *err)
{
	return s ? s->ops->product_delete(s, id, err) : no_store(err);
}
