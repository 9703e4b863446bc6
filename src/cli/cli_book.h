/* cli_book.h - what afcq customers, products and quote --customer share:
 * arguments, input files and output files. */
#ifndef AFCQ_CLI_BOOK_H
#define AFCQ_CLI_BOOK_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"

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
/* afcq quote --customer TEXT [--products NAMES] (cmd_quote_customer.c). */
int cli_quote_customer(const struct cli_opts *o);
/* The larger of w and the width of s, at most cap. */
int cli_max_width(int w, const char *s, int cap);

#endif
