/* history.h - the history store (the journal): every request sent, in an
 * SQLite file, or in a team's PostgreSQL store when opened on a connection
 * string (the config's `store`, afcq/pg.h).
 *
 * Default file: $XDG_STATE_HOME/afcq/history.sqlite (XDG_STATE_HOME
 * defaults to ~/.local/state).  Every entry records the OS user and host
 * that sent it (a file's too, so that a copy into a team's store keeps
 * it).  In a team's store lists show one's own entries unless all
 * are asked for, and unknown outcomes and invoice numbers are the team's.
 * The database (the file's or the server's unique index) refuses a second
 * invoice with the same document code.  An invoice or commit is recorded
 * before it is sent (outcome "pending") and completed after, in separate committed
 * transactions, each synced to the disk before the call returns, so a
 * crash leaves a visible "outcome unknown" record.  Quotes are written
 * without a sync (WAL, synchronous NORMAL): a power cut may lose the last
 * quotes' records, never an invoice's or a commit's.
 * Requests are stored as sent; credentials never reach the store (they are
 * HTTP headers, never part of the body).  An entry made for a customer of
 * the book (loaded on the workstation, afcq quote --customer) carries the
 * customer's name, account and uid, and is found by them
 * (afcq_history_find_customer); the history is not a log and may hold
 * names.
 */
#ifndef AFCQ_HISTORY_H
#define AFCQ_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "afcq/error.h"

enum afcq_outcome {
	AFCQ_OUTCOME_PENDING = 0, /* recorded, no answer yet: shown as "outcome unknown" */
	AFCQ_OUTCOME_OK,          /* answered, no err entries */
	AFCQ_OUTCOME_API_ERROR,   /* answered with err entries */
	AFCQ_OUTCOME_FAILED,      /* no usable answer (network, HTTP, malformed) */
	AFCQ_OUTCOME_CANCELLED,
	/* An unknown outcome settled later by asking the service (afcq resolve): */
	AFCQ_OUTCOME_ARRIVED,       /* the service has the document */
	AFCQ_OUTCOME_NEVER_ARRIVED, /* the service never received it */
};
const char *afcq_outcome_name(enum afcq_outcome o);

struct afcq_history_entry {
	int64_t id;
	char *time;              /* ISO 8601 UTC, set by the store */
	char *endpoint;          /* base URL or "sandbox" */
	char *kind;              /* "quote", "invoice", "commit", "uncommit", lookups */
	char *doc;
	char *invn;
	char *request;           /* body as sent */
	char *response;          /* body as received, NULL if none */
	long http_status;
	double latency_ms;
	enum afcq_outcome outcome;
	char *detail;            /* error line or NULL */
	double total;            /* total due, when known */
	bool has_total;
	char *by;                /* "user@host" that sent it (a team's store; a file's
				  * in afcq_history_get only), NULL when unknown */
	/* The customer of the book it was made for, NULL when none was
	 * loaded (and in entries written before afcq kept them): */
	char *customer;          /* the name */
	char *customer_account;  /* the book's account, may be NULL */
	char *customer_uid;      /* the book's uid (store.h), may be NULL */
};
void afcq_history_entry_done(struct afcq_history_entry *e);

struct afcq_history;

/* Opens (creating file, folders and schema) the store at path, or the
 * default path when path is NULL.  Returns NULL and sets *err on failure:
 * AFCQ_ERR_IO for folders or the file, AFCQ_ERR_DB for SQLite (including a
 * file written by a newer afcq).  Folders created are 0700, the file 0600
 * (an existing file loses group/other access).  ":memory:" opens a private
 * in-memory store.  Several handles may use one file at once (waits up to
 * 5 s for a lock).  The caller closes the handle with afcq_history_close. */
struct afcq_history *afcq_history_open(const char *path, struct afcq_error *err);
void afcq_history_close(struct afcq_history *h);
/* The default path (malloc'd) honouring XDG_STATE_HOME (ignored when not
 * absolute) and HOME (else the password database); NULL when neither. */
char *afcq_history_default_path(void);

/* Records e (id, time, response, outcome and by ignored; its customer
 * fields kept, with the words it is found by) as pending; synced to the
 * disk before returning when e->kind is invoice, commit or uncommit.
 * Returns AFCQ_OK and sets *id; AFCQ_ERR_INVALID (naming the code, field
 * "doc") when e is an invoice whose document code the journal holds
 * already, which the file's or the server's unique index refuses;
 * AFCQ_ERR_DB when it could not be written (then do not send the request). */
enum afcq_status afcq_history_begin(struct afcq_history *h, const struct afcq_history_entry *e,
				    int64_t *id, struct afcq_error *err);
/* Completes a record (synced when it is an invoice's, commit's or
 * uncommit's): response may be NULL; total only when has_total.
 * AFCQ_ERR_USAGE when no such id, AFCQ_ERR_DB when it could not write. */
enum afcq_status afcq_history_finish(struct afcq_history *h, int64_t id, enum afcq_outcome outcome,
				     long http_status, double latency_ms, const char *response,
				     const char *detail, bool has_total, double total,
				     struct afcq_error *err);

/* Newest first, at most limit (0 = all).  *out is a malloc'd array the
 * caller frees with afcq_history_list_free.  Entries in the list leave
 * request and response NULL (bodies can be large): afcq_history_get has
 * them.  On error *out is NULL, *n 0 and AFCQ_ERR_DB is returned. */
enum afcq_status afcq_history_list(struct afcq_history *h, size_t limit,
				   struct afcq_history_entry **out, size_t *n, struct afcq_error *err);
void afcq_history_list_free(struct afcq_history_entry *v, size_t n);
/* afcq_history_list choosing whose entries: in a team's store, one's own
 * (all false: afcq_history_list) or everyone's; a file holds one's own. */
enum afcq_status afcq_history_list_by(struct afcq_history *h, size_t limit, bool all,
				      struct afcq_history_entry **out, size_t *n,
				      struct afcq_error *err);
/* afcq_history_list_by narrowed to the entries made for a customer whose
 * name or account has every word of text, as the customer book's finder
 * looks (afcq/words.h: the start of a word, accents or none: "jose" finds
 * José, "obri" O'Brien; a run of digits anywhere, such as part of the
 * account).  text with no word: every entry made for a customer.  Entries
 * written before customers were kept have none and are never found. */
enum afcq_status afcq_history_find_customer(struct afcq_history *h, const char *text,
					    size_t limit, bool all,
					    struct afcq_history_entry **out, size_t *n,
					    struct afcq_error *err);
/* The customer kept with the invoice sent under document code doc (the
 * newest such invoice that has one), for a commit or uncommit of that
 * document to carry too: fills out->customer, customer_account and
 * customer_uid (the caller frees them with afcq_history_entry_done; out
 * zeroed) and returns true.  false when no such invoice has a customer,
 * for NULL or "" and on a read error (the commit goes on without one). */
bool afcq_history_doc_customer(struct afcq_history *h, const char *doc,
			       struct afcq_history_entry *out);
/* One entry with its request and response; AFCQ_ERR_USAGE when no such id. */
enum afcq_status afcq_history_get(struct afcq_history *h, int64_t id, struct afcq_history_entry *out,
				  struct afcq_error *err);
/* Invoices, commits and uncommits whose outcome is unknown (pending: sent,
 * never answered as far as the store knows), oldest first, without
 * bodies.  endpoint and doc narrow the list when not NULL.  *out and *n as
 * for afcq_history_list; AFCQ_ERR_DB on a read error.  Quotes are left out:
 * whatever became of them, the service keeps nothing. */
enum afcq_status afcq_history_unknown(struct afcq_history *h, const char *endpoint,
				      const char *doc, struct afcq_history_entry **out, size_t *n,
				      struct afcq_error *err);

/* The earlier invoice that forbids sending invoice number invn to endpoint
 * again: one with an unknown outcome, or one resolved as "the service has
 * it" (sending it again would make a second document).  Sets *found and,
 * when found, fills *out (without bodies; the caller frees it with
 * afcq_history_entry_done).  AFCQ_ERR_DB when it cannot be read: then the
 * invoice must not be sent either. */
enum afcq_status afcq_history_invoice_blocker(struct afcq_history *h, const char *endpoint,
					      const char *invn, struct afcq_history_entry *out,
					      bool *found, struct afcq_error *err);
/* One line saying why b blocks sending invoice b->invn again (no advice on
 * how to resolve it: that depends on the front end).  Returns buf. */
const char *afcq_history_blocker_line(const struct afcq_history_entry *b, char *buf, size_t n);

/* afcq_history_begin for an invoice (e->kind "invoice"), refused when
 * afcq_history_invoice_blocker finds a blocker for e->endpoint and e->invn:
 * the check and the record are one write transaction, so two senders of
 * one invoice number cannot both pass.  Refused: AFCQ_ERR_INVALID with the
 * blocker's line in *err, and *blocker filled when not NULL (the caller
 * frees it); nothing recorded.  Other failures as afcq_history_begin. */
enum afcq_status afcq_history_begin_invoice(struct afcq_history *h,
					    const struct afcq_history_entry *e, int64_t *id,
					    struct afcq_history_entry *blocker,
					    struct afcq_error *err);

/* Settles an unknown outcome: outcome is AFCQ_OUTCOME_ARRIVED or
 * AFCQ_OUTCOME_NEVER_ARRIVED, detail says how it was learnt.  The record's
 * request and answer columns are kept.  AFCQ_ERR_USAGE when id is not a
 * pending record (or outcome is neither), AFCQ_ERR_DB when it could not
 * write. */
enum afcq_status afcq_history_resolve(struct afcq_history *h, int64_t id,
				      enum afcq_outcome outcome, const char *detail,
				      struct afcq_error *err);

/* true when an invoice with this document code was ever sent (or begun):
 * entries of kind "invoice" only.  false for NULL or "" and on a read error. */
bool afcq_history_doc_used(struct afcq_history *h, const char *doc);

/* A team's store: statements give up after ms milliseconds without an
 * answer, and the handle with them (afcq_pg_set_wait); a file: nothing
 * changes. */
void afcq_history_set_wait(struct afcq_history *h, int ms);
/* false when a team's store's connection is lost (afcq_pg_check; never
 * blocks); a file: true. */
bool afcq_history_check(struct afcq_history *h);
/* true when h is a team's store (PostgreSQL) rather than a file. */
bool afcq_history_shared(const struct afcq_history *h);
/* The file or the server, for messages (never a password).  Owned by h. */
const char *afcq_history_where(const struct afcq_history *h);
/* Copies e (a full entry read from another journal, request and response
 * included) into a team's store, keeping its time, outcome and sender
 * (e->by, else this process's user@host).  origin identifies the entry
 * where it came from; an entry of the same origin, or an invoice whose
 * document code is already in the journal, is left alone (*added false).
 * AFCQ_ERR_USAGE when h is a file, AFCQ_ERR_DB when it cannot write. */
enum afcq_status afcq_history_import(struct afcq_history *h, const struct afcq_history_entry *e,
				     const char *origin, bool *added, struct afcq_error *err);

/* Removes the entries of a file whose ids are given (n of them), in one
 * write transaction: entries added meanwhile by other programs stay, as do
 * ids not there.  For a file whose entries were copied elsewhere (the
 * quotes kept while a team's store was unreachable).  AFCQ_ERR_USAGE for a
 * team's store, AFCQ_ERR_DB when it cannot write (nothing removed). */
enum afcq_status afcq_history_forget(struct afcq_history *h, const int64_t *ids, size_t n,
				     struct afcq_error *err);

/* ---- answers kept short ------------------------------------------------ */

/* Answers up to this many bytes are kept whole. */
#define AFCQ_HISTORY_ANSWER_MAX ((size_t)256 * 1024)

struct afcq_response;

/* What history keeps of an answer of received bytes whose first len bytes
 * are at body: NULL when it is kept whole (received <= AFCQ_HISTORY_ANSWER_
 * MAX); else a JSON object (malloc'd) whose first key "afcq_shortened"
 * holds a one-line note saying what was left out, followed by what a
 * troubleshooter needs: the decoded answer r without its line items'
 * results (invoices with doc, summary rows, err entries and reporting; r
 * may have let some items go, stream.h), or, when nothing was decoded (r
 * NULL), the answer's first 64 KiB as the string "start". */
char *afcq_history_shorten(const char *body, size_t len, size_t received,
			   const struct afcq_response *r);
/* true when response is such a shortened answer; its note goes to buf. */
bool afcq_history_shortened(const char *response, char *buf, size_t n);

#endif
