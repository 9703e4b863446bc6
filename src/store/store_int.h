/* store_int.h - what the store's back ends share (private to src/store).
 *
 * A back end embeds struct afcq_store as its first member and fills in an
 * ops table; store.c checks arguments and dispatches.  Records travel to
 * and from the database as a few scalar columns plus JSON text columns
 * (phones, bill-to, exemptions, usual products, items), so both back ends
 * read and write them the same way (record.c), and customers carry a
 * search key column that find narrows with LIKE patterns (search.c).
 */
#ifndef AFCQ_STORE_INT_H
#define AFCQ_STORE_INT_H

#include "afcq/store.h"

struct store_ops {
	void (*close)(struct afcq_store *s);
	enum afcq_status (*begin)(struct afcq_store *s, struct afcq_error *err);
	enum afcq_status (*commit)(struct afcq_store *s, struct afcq_error *err);
	void (*rollback)(struct afcq_store *s);
	enum afcq_status (*customers_find)(struct afcq_store *s, char **patterns, size_t n_patterns,
					   size_t limit, struct afcq_customer **out, size_t *n,
					   struct afcq_error *err);
	enum afcq_status (*customer_get)(struct afcq_store *s, int64_t id, struct afcq_customer *out,
					 struct afcq_error *err);
	enum afcq_status (*customer_by_account)(struct afcq_store *s, const char *account,
						int64_t *id, struct afcq_error *err);
	/* c is complete (uid set, changed_by/at and the new rev filled in by
	 * store.c); old_rev is what the caller loaded, or -1 to overwrite. */
	enum afcq_status (*customer_save)(struct afcq_store *s, struct afcq_customer *c,
					  int64_t old_rev, struct afcq_error *err);
	enum afcq_status (*customer_delete)(struct afcq_store *s, int64_t id, struct afcq_error *err);
	enum afcq_status (*customer_touch)(struct afcq_store *s, int64_t id, struct afcq_error *err);
	enum afcq_status (*products_find)(struct afcq_store *s, char **patterns, size_t n_patterns,
					  size_t limit, struct afcq_product **out, size_t *n,
					  struct afcq_error *err);
	enum afcq_status (*product_get)(struct afcq_store *s, int64_t id, const char *name,
					struct afcq_product *out, struct afcq_error *err);
	enum afcq_status (*product_save)(struct afcq_store *s, struct afcq_product *p,
					 struct afcq_error *err);
	enum afcq_status (*product_delete)(struct afcq_store *s, int64_t id, struct afcq_error *err);
	/* A server's back end only (NULL for a file): afcq_store_set_wait and
	 * afcq_store_check. */
	void (*set_wait)(struct afcq_store *s, int ms);
	bool (*check)(struct afcq_store *s);
};

struct afcq_store {
	const struct store_ops *ops;
	char *where;              /* file path or server, for messages */
	char *actor;              /* "user@host" written with each save */
};

/* The SQLite back end's schema version (the PostgreSQL one's is
 * AFCQ_PG_SCHEMA_VERSION: it holds the journal too).  Both rebuild the
 * search keys in the step after the one that made the tables, for files
 * and databases written before search.c joined the parts of a word, and
 * again in the next step (SQLite 3, PostgreSQL 4), since words with accents
 * are keyed without them too. */
#define STORE_SCHEMA_VERSION 3

/* Back ends: return NULL and set *err on failure. */
struct afcq_store *store_sqlite_open(const char *path, struct afcq_error *err);
/* where: a libpq URI or key=value string (afcq/pg.h). */
struct afcq_store *store_postgres_open(const char *where, struct afcq_error *err);

/* ---- record.c: records as columns ------------------------------------------ */

/* The JSON text columns of a customer (each malloc'd; "[]" or "{}" when
 * empty) and its search key. */
struct store_customer_cols {
	char *phones, *bill, *exms, *products, *search;
};
void store_customer_cols(const struct afcq_customer *c, struct store_customer_cols *cols);
void store_customer_cols_done(struct store_customer_cols *cols);
/* Fills c's fields from the JSON columns (any may be NULL); a column that
 * does not parse is left empty rather than failing the read. */
void store_customer_from_cols(struct afcq_customer *c, const char *phones, const char *bill,
			      const char *exms, const char *products);
/* The search key (search.c) of a stored customer from its columns: name,
 * account, and phones and bill as JSON text (any may be NULL); malloc'd.
 * For the schema step that rebuilds the keys. */
char *store_search_key_of_cols(const char *name, const char *account, const char *phones,
			       const char *bill);
char *store_items_json(const struct afcq_product *p);
void store_product_items_from_json(struct afcq_product *p, const char *itms);

/* Current UTC time as ISO 8601 with seconds; buf needs 32 bytes. */
void store_now(char *buf, size_t n);
/* A new random identity: 32 hex digits, malloc'd. */
char *store_new_uid(void);

/* ---- search.c: narrowing ------------------------------------------------------- */

/* The search key of c: " w1 w2 ... " of lower-case words of its name,
 * account, city and ZIP, its PCode and each phone's digits.  malloc'd. */
char *store_search_key(const struct afcq_customer *c);
/* The search key of a product: its name's words. */
char *store_product_key(const char *name);
/* One LIKE pattern per word of text ("% word%" for a word, "%123%" for
 * digits); *n 0 for blank text.  Patterns hold only letters, digits, '%'
 * and ' ', so they need no escaping.  Free with store_patterns_free. */
char **store_search_patterns(const char *text, size_t *n);
void store_patterns_free(char **v, size_t n);

#endif
