/* store.h - the store: the customer book and the products a company sells.
 *
 * One small interface over two back ends (see src/store/): an SQLite file,
 * by default $XDG_DATA_HOME/afcq/book.sqlite (~/.local/share when unset),
 * apart from the history, or a team's PostgreSQL database (afcq/pg.h)
 * shared by every workstation whose config names it.  Screens and
 * commands call this interface only.
 *
 * Ownership: a struct afcq_store is a heap object (afcq_store_open /
 * afcq_store_close); records are embedded structs with _init/_done pairs,
 * owning every string and array they point to.  Arrays of records returned
 * by the find functions are malloc'd and freed with their _free function.
 * Every function returning enum afcq_status fills the caller's err on
 * failure: AFCQ_ERR_USAGE for a record that does not exist, AFCQ_ERR_INVALID
 * for a record the store refuses (a duplicate product name...),
 * AFCQ_ERR_CONFLICT when a customer changed since it was loaded, AFCQ_ERR_DB
 * when the store itself failed (the message names the file or server).
 *
 * Customer names and phone numbers are personal data: the store never logs
 * them, and error messages name records by id only.
 */
#ifndef AFCQ_STORE_H
#define AFCQ_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "afcq/error.h"
#include "afcq/model.h"

/* ---- records --------------------------------------------------------- */

struct afcq_customer {
	int64_t id;               /* 0: not stored yet */
	char *name;
	char *account;            /* account number, may be NULL */
	char **phones;            /* as typed: "(214) 555-0100" */
	size_t n_phones;
	struct afcq_location bill; /* bill-to: PCode or address (present=false: none) */
	struct afcq_oint cust;    /* customer type (AFC "cust") */
	struct afcq_obool lfln;   /* lifeline */
	struct afcq_exemption *exms;
	size_t n_exms;
	char **products;          /* names of the customer's usual products */
	size_t n_products;
	/* Kept by the store: */
	char *uid;                /* identity that stays the same across stores */
	int64_t rev;              /* revision loaded; a save checks it */
	char *changed_by;         /* "user@host" of the last save */
	char *changed_at;         /* ISO 8601 UTC time of the last save */
};

void afcq_customer_init(struct afcq_customer *c);
void afcq_customer_done(struct afcq_customer *c);
/* Deep copy into a zeroed or done *dst. */
void afcq_customer_copy(struct afcq_customer *dst, const struct afcq_customer *src);
/* Appends a copy of s to the phones / products arrays. */
void afcq_customer_add_phone(struct afcq_customer *c, const char *s);
void afcq_customer_add_product(struct afcq_customer *c, const char *name);

/* A named bundle of AFC line items ("VoIP residential line"). */
struct afcq_product {
	int64_t id;               /* 0: not stored yet */
	char *name;               /* unique in the store (case-insensitive) */
	struct afcq_item *itms;
	size_t n_itms;
};

void afcq_product_init(struct afcq_product *p);
void afcq_product_done(struct afcq_product *p);
void afcq_product_copy(struct afcq_product *dst, const struct afcq_product *src);

/* ---- opening ---------------------------------------------------------- */

struct afcq_store;

/* Opens the store named by where: NULL for the default SQLite file, a file
 * path, ":memory:" (a private store that ends with the handle), or a
 * PostgreSQL connection string (afcq_pg_is_url: AFCQ_ERR_CONFIG for one
 * holding a password, AFCQ_ERR_DB naming the server when it cannot be
 * reached).  Folders
 * created are 0700 and the file 0600.  The schema is created or upgraded in
 * one transaction; a store written by a newer afcq is refused, naming both
 * schema versions.  Returns NULL and sets *err on failure (AFCQ_ERR_IO for
 * folders and files, AFCQ_ERR_DB for the database).  Close with
 * afcq_store_close (NULL is fine). */
struct afcq_store *afcq_store_open(const char *where, struct afcq_error *err);
void afcq_store_close(struct afcq_store *s);
/* The default SQLite file (malloc'd): $XDG_DATA_HOME/afcq/book.sqlite,
 * else ~/.local/share/afcq/book.sqlite; NULL when there is no home. */
char *afcq_store_default_path(void);
/* What the store is, for messages: the file path or the server (never a
 * password).  Owned by the store. */
const char *afcq_store_where(const struct afcq_store *s);

/* A team's store: statements give up after ms milliseconds without an
 * answer, and the handle with them (afcq_pg_set_wait), so that a hung
 * server costs a few seconds once; a file: nothing changes. */
void afcq_store_set_wait(struct afcq_store *s, int ms);
/* false when a team's store's connection is lost (the server closed it, or
 * a statement ran out of time); never blocks.  A file: true. */
bool afcq_store_check(struct afcq_store *s);

/* Transactions for batches (an import is all or nothing).  Not nested.
 * afcq_store_rollback never fails (errors are ignored). */
enum afcq_status afcq_store_begin(struct afcq_store *s, struct afcq_error *err);
enum afcq_status afcq_store_commit(struct afcq_store *s, struct afcq_error *err);
void afcq_store_rollback(struct afcq_store *s);

/* ---- customers ---------------------------------------------------------- */

/* Customers matching every word of text (NULL or "" matches all), most
 * recently used first, then by name; at most limit (0 = all).  A word
 * matches the start of any word of the name, account or city; a word of
 * digits matches anywhere in the account, the PCode, the ZIP code or a
 * phone number's digits (punctuation in either is ignored: "555-0100",
 * "(214) 555 0100" and "2145550100" all find 214.555.0100).  *out is a
 * new array the caller frees with afcq_customers_free; on error it is
 * NULL and *n 0. */
enum afcq_status afcq_store_customers_find(struct afcq_store *s, const char *text, size_t limit,
					   struct afcq_customer **out, size_t *n,
					   struct afcq_error *err);
void afcq_customers_free(struct afcq_customer *v, size_t n);

/* Fills *out (done first) with customer id; AFCQ_ERR_USAGE when none. */
enum afcq_status afcq_store_customer_get(struct afcq_store *s, int64_t id,
					 struct afcq_customer *out, struct afcq_error *err);

/* The id of the customer with this account number (exact), 0 when none. */
enum afcq_status afcq_store_customer_by_account(struct afcq_store *s, const char *account,
						int64_t *id, struct afcq_error *err);

/* Saves c.  c->id 0 adds it (a customer whose uid is already stored
 * replaces that one instead); otherwise it updates customer c->id, which
 * must still be at revision c->rev unless overwrite is true: else
 * AFCQ_ERR_CONFLICT with the message "changed by USER@HOST at TIME since
 * you loaded it" and nothing is written.  The name must not be empty
 * (AFCQ_ERR_INVALID).  On success the store's fields of c (id, uid, rev,
 * changed_by, changed_at) are updated. */
enum afcq_status afcq_store_customer_save(struct afcq_store *s, struct afcq_customer *c,
					  bool overwrite, struct afcq_error *err);

/* Removes customer id; AFCQ_ERR_USAGE when none. */
enum afcq_status afcq_store_customer_delete(struct afcq_store *s, int64_t id,
					    struct afcq_error *err);

/* Marks customer id as just used (loaded into the form, quoted), so that
 * it comes first in afcq_store_customers_find.  Does not change rev. */
enum afcq_status afcq_store_customer_touch(struct afcq_store *s, int64_t id,
					   struct afcq_error *err);

/* ---- products ----------------------------------------------------------- */

/* Products whose name has every word of text at the start of one of its
 * words, by name; at most limit (0 = all).  *out is a new array the caller
 * frees with afcq_products_free; NULL and *n 0 on error. */
enum afcq_status afcq_store_products_find(struct afcq_store *s, const char *text, size_t limit,
					  struct afcq_product **out, size_t *n,
					  struct afcq_error *err);
void afcq_products_free(struct afcq_product *v, size_t n);

/* Fills *out (done first) with product id; AFCQ_ERR_USAGE when none. */
enum afcq_status afcq_store_product_get(struct afcq_store *s, int64_t id,
					struct afcq_product *out, struct afcq_error *err);
/* The same by name, ignoring case; AFCQ_ERR_USAGE when none. */
enum afcq_status afcq_store_product_by_name(struct afcq_store *s, const char *name,
					    struct afcq_product *out, struct afcq_error *err);

/* Saves p: id 0 adds it, else updates product p->id.  AFCQ_ERR_INVALID
 * for an empty name or a name another product has.  Sets p->id. */
enum afcq_status afcq_store_product_save(struct afcq_store *s, struct afcq_product *p,
					 struct afcq_error *err);
/* Removes product id; AFCQ_ERR_USAGE when none.  Customers keep the name
 * among their usual products (it no longer resolves). */
enum afcq_status afcq_store_product_delete(struct afcq_store *s, int64_t id,
					   struct afcq_error *err);

#endif
