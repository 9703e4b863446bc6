/* cli_book.h - what afcq customers, products and quote --customer share:
 * arguments, input files and output files. */
#ifndef AFCQ_CLI_BOOK_H
#define AFCQ_CLI_BOOK_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "afcq/book_io.h"

/* Checks that the action (o->args[0]) has between min and max more
 * arguments; else prints "usage: afcq USAGE" and returns CLI_EXIT_USAGE. */
int cli_book_args(const struct cli_opts *o, size_t min, size_t max, const char *usage);
/* "show ID" and "rm ID": the id (a positive number) into *id; else prints
 * why and returns CLI_EXIT_USAGE.  what is "customers" or "products". */
int cli_book_id(const struct cli_opts *o, const char *what, int64_t *id);
/* The name of an input for messages: "(stdin)" for "-". */
const char *cli_file_shown(const char *path);
/* Reads a whole input file ("-" stdin) into *text (malloc'd, the caller
 * frees) and *len.  Returns 0, or prints why not and returns
 * CLI_EXIT_USAGE. */
int cli_read_input(const char *path, char **text, size_t *len);
/* Opens path for writing (NULL or "-": stdout), a new file private to the
 * user (0600) as it may hold personal data.  Returns 0, or prints why not
 * and returns CLI_EXIT_USAGE. */
int cli_open_output(const char *path, FILE **f);
/* Closes what cli_open_output opened; a write error is printed and
 * returns CLI_EXIT_USAGE. */
int cli_close_output(const char *path, FILE *f);
/* The one customer TEXT names (as afcq customers list finds it) into *c
 * (zeroed by the caller).  Several matches: the one whose name or account
 * is TEXT exactly, if only one is; else prints "WHAT: 'TEXT' matches N
 * customers" and each of them (id, name, account, place) and returns
 * CLI_EXIT_USAGE; none: CLI_EXIT_USAGE too.  Needs the store open. */
int cli_book_pick_customer(struct cli_session *s, const char *what, const char *text,
			   struct afcq_customer *c);
/* ---- the verbs of afcq customers and afcq products (cli_book_cmd.c) ---- */

enum cli_book_verb {
	CLI_BOOK_LIST,
	CLI_BOOK_SHOW,
	CLI_BOOK_ADD,
	CLI_BOOK_IMPORT,
	CLI_BOOK_EXPORT,
	CLI_BOOK_RM,
	CLI_BOOK_N_VERBS
};

/* The arguments a verb takes after its name, min to max, else "usage: afcq
 * USAGE"; usage NULL: exactly one ID (cli_book_id). */
struct cli_book_args {
	size_t min, max;
	const char *usage;
};

/* What one kind of record (customers, products) brings to cli_book_run.
 * Records are handled through void pointers to arrays of `size` bytes a
 * record, as the store returns them; the functions convert. */
struct cli_book_ops {
	const char *what;  /* the command: "customers" */
	const char *one;   /* one record, in messages: "customer" */
	struct cli_book_args args[CLI_BOOK_N_VERBS];
	/* Options verb v needs or does not take, before the store opens:
	 * 0, or prints why and returns the exit code.  NULL: none. */
	int (*check)(const struct cli_opts *o, enum cli_book_verb v);
	size_t size;
	void (*init)(void *rec);
	void (*done)(void *rec);
	/* The store's finder (text NULL: all): a new array the caller frees
	 * with free_all. */
	enum afcq_status (*find)(struct afcq_store *s, const char *text, void **v, size_t *n,
				 struct afcq_error *err);
	void (*free_all)(void *v, size_t n);
	/* Record id into rec; AFCQ_ERR_USAGE when there is none. */
	enum afcq_status (*get)(struct afcq_store *s, int64_t id, void *rec, struct afcq_error *err);
	/* Removes record id; AFCQ_ERR_USAGE when there is none. */
	enum afcq_status (*rm)(struct afcq_store *s, int64_t id, struct afcq_error *err);
	/* show TEXT that is not a number: the one record TEXT names into rec
	 * (as cli_book_pick_customer); NULL when show takes an id only. */
	int (*pick)(struct cli_session *s, const char *what, const char *text, void *rec);
	struct json_t *(*to_json)(const void *rec);  /* a new reference */
	/* list and show in the table and CSV formats (JSON is to_json's). */
	void (*print_list)(const struct cli_opts *o, const void *v, size_t n);
	void (*print_one)(const struct cli_opts *o, const void *rec);
	int (*add)(struct cli_session *s, const struct cli_opts *o);
	/* Parses text (read from shown) and imports it in one transaction;
	 * prints the summary (cli_book_imported) and any note on success.
	 * Else returns the status, err saying why, and nothing is imported. */
	enum afcq_status (*import)(struct cli_session *s, const char *text, size_t len,
				   const char *shown, struct afcq_error *err);
	/* export -f csv; NULL: JSON only (check refuses CSV). */
	void (*export_csv)(FILE *f, const void *v, size_t n);
	/* A note to stderr after a successful export of n records; NULL none. */
	void (*exported)(const struct cli_opts *o, const char *path, size_t n);
};

/* afcq WHAT list [TEXT] | show ID | add ... | import FILE | export [FILE] |
 * rm ID for the records of ops: checks the arguments, opens the store and
 * runs the verb.  Returns the exit code; every failure is printed. */
int cli_book_run(const struct cli_book_ops *ops, const struct cli_opts *o);
/* Prints "SHOWN: N ONEs: A added, U updated" to stdout. */
void cli_book_imported(const char *shown, const char *one, size_t n,
		       const struct afcq_book_import *done);

/* afcq quote --customer TEXT [--products NAMES] (cmd_quote_customer.c). */
int cli_quote_customer(const struct cli_opts *o);
/* The request for the stored customer s->opts->customer picks, as afcq
 * quote --customer sends it: one invoice dated today with the customer's
 * bill-to and usual products (or s->opts->products), and the config's
 * defaults, into req (initialised, empty; the caller frees it).  Fills c
 * (initialised by the caller, who frees it and keeps it until the request
 * is sent: s->api's customer fields borrow its name, account and uid so
 * that history records them).  Opens the store; refuses a FILE argument.
 * Returns 0, or an exit code after printing what is wrong. */
int cli_customer_request(struct cli_session *s, struct afcq_customer *c,
			 struct afcq_request *req);
/* The larger of w and the width of s (its characters), at most cap. */
int cli_max_width(int w, const char *s, int cap);
/* s in exactly w columns of a table: cut after w characters (never inside
 * one: "Renée" is 5 columns, not 6 bytes), else padded with spaces; into
 * buf (n bytes), returned. */
const char *cli_cell(const char *s, int w, char *buf, size_t n);

#endif
