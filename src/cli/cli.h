/* cli.h - private interface of the command line (afcq SUBCOMMAND).
 *
 * How it fits together: main.c finds the subcommand, options.c turns argv
 * into a struct cli_opts (no global state, no getopt), session.c loads the
 * configuration and opens what a command needs (history store, bundled
 * sandbox, HTTP client), and each cmd_*.c runs one subcommand through the
 * core api layer and prints with output_*.c.  Commands return the process
 * exit code of the command-line contract: 0 ok, 1 the API answered with
 * errors, 2 usage or invalid input, 3 configuration, 4 network or HTTP,
 * 5 the local store (history file broken, locked or not writable).
 * Every error goes to stderr as one line starting with "afcq: ".
 */
#ifndef AFCQ_CLI_H
#define AFCQ_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "afcq/api.h"
#include "afcq/catalog.h"
#include "afcq/config.h"
#include "afcq/error.h"
#include "afcq/history.h"
#include "afcq/str.h"
#include "afcq/stream.h"
#include "afcq/model.h"
#include "afcq/sandbox_launch.h"
#include "afcq/store.h"

struct json_t; /* jansson's json_t */

/* Exit codes of the command-line contract. */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_API = 1,
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_CONFIG = 3,
	CLI_EXIT_NET = 4,
	CLI_EXIT_STORE = 5,
	/* Not a process exit code: the request went to --print-curl instead
	 * of the server; commands stop there and main() exits 0. */
	CLI_EXIT_DRY_RUN = -1,
};

enum cli_format { CLI_FORMAT_TABLE = 0, CLI_FORMAT_JSON, CLI_FORMAT_CSV };

/* Options of every command; strings point into argv (borrowed). */
struct cli_opts {
	const char *argv0;           /* the program as invoked (finds files beside it) */
	const char *command;         /* subcommand name, NULL for the workstation */
	const char *config_path;     /* -c/--config */
	const char *profile;         /* -p/--profile */
	const char *endpoint;        /* -e/--endpoint */
	bool sandbox;                /* --sandbox */
	enum cli_format format;      /* -f/--format */
	long timeout_s;              /* --timeout, 0 = keep the configured one */
	bool help, version;
	/* invoice */
	const char *number;          /* --number INVN */
	const char *doc;             /* --doc CODE */
	bool commit;                 /* --commit */
	/* history */
	bool all;                    /* --all: the team's entries, not only one's own */
	/* store copy */
	const char *to;              /* --to URL */
	/* pcode */
	const char *zip, *npanxx, *fips, *city, *state, *county, *country;
	const char *limit;           /* --limit N, checked by the command */
	bool best_match, exact;      /* --best-match / --exact */
	bool primary;                /* --primary: the primary name of a PCode */
	/* customers add (zip, city and state above too), products add, quote */
	const char *name, *account, *phone, *pcode, *cust, *lifeline;
	const char *products;        /* --products: names separated by ';' */
	const char *customer;        /* quote --customer TEXT; history --customer TEXT */
	/* workstation */
	const char *script;          /* --script FILE */
	bool no_color;               /* --no-color, as NO_COLOR */
	bool print_curl;             /* --print-curl: print the curl command, send nothing */
	const char *log_level;       /* --log-level error|warn|info|debug */
	/* positional arguments, in order */
	const char **args;
	size_t n_args;
};

/* Parses argv[1..argc) except argv[skip] (the command word; 0 = none) into
 * *o (zeroed by the caller), for the named command (NULL: the workstation).
 * Options may come before or after the positional arguments; "--" ends
 * them.  On a bad option prints one
 * "afcq: ..." line and returns false.  o->args is malloc'd: cli_opts_done. */
bool cli_opts_parse(struct cli_opts *o, const char *command, int argc, char **argv, int skip);
void cli_opts_done(struct cli_opts *o);
/* true when arg is an option that takes the next word as its value
 * ("-f", "--format"; not "--format=csv" nor a flag). */
bool cli_opt_wants_next(const char *arg);

/* One row of the option table, for shell completion and the manual's
 * check. */
struct cli_option_info {
	const char *name;            /* long name without "--" */
	char letter;                 /* short form, 0 when none */
	bool takes_value;
	const char *only;            /* the one command that takes it; NULL every command,
				      * "" the workstation */
	const char *values;          /* the words it takes, blank-separated, or NULL */
};
/* Row i of the option table (from 0) into *out; false past the last row. */
/* true when an option limited to `only` (see cli_option_info) applies to
 * command (NULL: the workstation). */
bool cli_option_applies(const char *only, const char *command);
bool cli_option_at(size_t i, struct cli_option_info *out);
/* The name of subcommand i (from 0), NULL past the last (main.c's table). */
const char *cli_command_at(size_t i);

/* Usage text of one command (NULL: the overview) to f. */
void cli_usage(FILE *f, const char *command);

/* What a command needs opened. */
enum {
	CLI_NEED_ENDPOINT = 1 << 0,  /* an HTTP client (starts the sandbox if configured) */
	CLI_NEED_HISTORY = 1 << 1,   /* the history store, required */
	CLI_WANT_HISTORY = 1 << 2,   /* the history store, best effort (warning if absent) */
	CLI_NEED_STORE = 1 << 3,     /* the customer book and products (afcq/store.h) */
	/* with CLI_NEED_ENDPOINT, for the workstation: no client is made (the
	 * caller makes its own), and a bundled sandbox is started only by
	 * cli_session_sandbox_wait (base_url NULL until then) */
	CLI_DEFER_SANDBOX = 1 << 4,
};

/* Everything a command works with; owned by the session. */
struct cli_session {
	const struct cli_opts *opts;   /* borrowed */
	struct afcq_config cfg;
	bool cfg_loaded;
	struct afcq_sandbox_proc sandbox;
	bool sandbox_running;
	bool sandbox_spawn_due;   /* the workstation's bundled sandbox: started at its wait */
	char *sandbox_docs;            /* the bundled sandbox's --store file, or NULL (memory) */
	struct afcq_endpoint endpoint; /* base_url set when an endpoint is open */
	struct afcq_client *client;
	struct afcq_history *history;
	bool journal_local;            /* history is the local file: the team's store is down */
	struct afcq_store *store;      /* customers and products, when asked for */
	struct afcq_api_ctx api;
	struct afcq_log *log;          /* the log file, NULL when it could not be opened */
};

/* Loads the configuration (exit 3 on error) and opens the log file at the
 * level of --log-level, else the configuration's (exit 2 for a bad level;
 * a log that cannot be opened is a warning).  Returns an exit code: 0 when
 * the session may be used; otherwise the error was printed. */
int cli_session_config(struct cli_session *s, const struct cli_opts *o);
/* Invoices and commits need a profile that allows them (allow_commit, true
 * by default).  Returns 0, or prints why the profile refuses `what` ("send
 * an invoice", "commit") and returns CLI_EXIT_USAGE. */
int cli_session_may_commit(const struct cli_session *s, const char *what);
/* Opens what `need` asks for (after cli_session_config).  Returns an exit
 * code; 0 on success.  Failures are printed. */
int cli_session_open(struct cli_session *s, unsigned need);
/* The endpoint as history names it: "sandbox" for the bundled one, else
 * the base URL (known once the configuration is loaded; NULL when none is
 * configured).  Points into s. */
const char *cli_session_endpoint_label(const struct cli_session *s);
/* The bundled sandbox stopped (killed, crashed): started again on the same
 * port with the same documents file (afcq_sandbox_restart).  AFCQ_OK when
 * it was started again; AFCQ_ERR_USAGE when there is none or it runs. */
enum afcq_status cli_session_sandbox_restart(struct cli_session *s, struct afcq_error *err);
/* After cli_session_open with CLI_DEFER_SANDBOX: starts the bundled
 * sandbox, waits until it listens and sets endpoint.base_url (AFCQ_OK at
 * once when there is nothing to wait for); otherwise *err says why it did
 * not start (the child is stopped). */
enum afcq_status cli_session_sandbox_wait(struct cli_session *s, struct afcq_error *err);
/* Closes the client and history and stops a started sandbox. */
void cli_session_done(struct cli_session *s);

/* Asks question on the terminal (/dev/tty) and reads a line with echo
 * off.  Returns the malloc'd answer (free with cli_password_free, which
 * wipes it), or NULL when there is no terminal or the answer is empty. */
char *cli_password_prompt(const char *question);
void cli_password_free(char *pw);

/* Prints "afcq: <where: msg>" for e and returns its exit code
 * (CLI_EXIT_DRY_RUN, silently, for a request handed to --print-curl). */
int cli_fail(const struct afcq_error *e);
/* Prints "afcq: " + formatted text and returns code. */
int cli_failf(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same with a va_list (the caller owns ap: va_start/va_end). */
int cli_vfailf(int code, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Reads, parses and validates a request file ("-" = stdin) into *out
 * (zeroed by the caller).  Every validation problem is printed, one a
 * line.  Returns 0 or CLI_EXIT_USAGE (nothing is sent then). */
int cli_request_load(const char *path, struct afcq_request *out);
/* Validates an already prepared request; prints every problem; returns 0 or
 * CLI_EXIT_USAGE. */
int cli_request_check(const struct afcq_request *r);
/* The same, also checking T/S pairs against cat when given. */
int cli_request_check_pairs(const struct afcq_request *r, const struct afcq_catalog *cat);
/* Checks the T/S pairs of r against the endpoint's catalog (cached for a
 * week, fetched through the api layer when missing; not available means
 * not checked).  Needs an open endpoint.  Returns 0 or CLI_EXIT_USAGE.
 * With pairs not NULL, r is not read: the items' pairs are (a request read
 * one invoice at a time, outgoing.h). */
int cli_request_check_catalog(struct cli_session *s, const struct afcq_request *r,
			      const struct afcq_item_pairs *pairs);
/* A quote's request file read, checked and encoded one invoice at a time
 * into *o (outgoing.h), so that a long request's model is never held
 * whole: 0 when it may be sent; CLI_EXIT_USAGE when it may not (every
 * problem printed, as cli_request_load and cli_request_check print them);
 * the caller then frees *o (afcq_outgoing_done).  CLI_READ_OTHERWISE
 * (nothing printed, *o freed) for what is read another way
 * (cli_request_load): stdin, anything but a regular file, a text the
 * stream refuses (the relaxed syntax), a file it cannot read or too large. */
#define CLI_READ_OTHERWISE (-1)
struct afcq_outgoing;
int cli_request_read_quote(const char *path, struct afcq_outgoing *o);

/* Checks the single FILE argument of quote and invoice.  Returns 0, or
 * CLI_EXIT_USAGE after printing what is wrong. */
int cli_one_file(const struct cli_opts *o);
/* Quote and invoice: validates the prepared request sent (fields, then T/S
 * pairs against the catalog), opens what need asks for, sends it as op
 * (AFCQ_OP_QUOTE or AFCQ_OP_INVOICE) and prints the outcome in the chosen
 * format, API errors to stderr.  Returns the exit code; nothing is sent
 * when a check fails (printed).  sent stays the caller's: it is lent to
 * the exchange while it runs (not copied) and is the request as sent after,
 * without its line items when the format is CSV or JSON (let go once it is
 * encoded, see afcq_api_stream). */
int cli_calc_send(struct cli_session *s, unsigned need, enum afcq_op op,
		  struct afcq_request *sent);
/* The same for a quote read with cli_request_read_quote (checked already;
 * its pairs against the catalog here).  o is taken over by the exchange. */
int cli_quote_send_outgoing(struct cli_session *s, unsigned need, struct afcq_outgoing *o);

/* The command that resolves history entry e's unknown outcome, with the
 * -c/-p the user gave and the entry's endpoint (-e URL, or --sandbox);
 * shell-quoted, into buf.  Returns buf. */
const char *cli_resolve_hint(const struct cli_opts *o, const struct afcq_history_entry *e,
			     char *buf, size_t n);
/* 0 when invoice number invn may be sent to the session's endpoint; else
 * prints why not (an earlier send with an unknown outcome, with the command
 * that resolves it, or one the service has) and returns CLI_EXIT_USAGE, or
 * the store's failure.  Needs the history store open. */
int cli_invoice_blocked(const struct cli_session *s, const char *invn);

/* Output formats of a CalcTaxes answer (stdout). */
void cli_table_calc(FILE *f, const struct afcq_request *sent, const struct afcq_response *resp);
void cli_csv_calc(FILE *f, const struct afcq_response *resp);
/* The same CSV printed while the answer arrives (stream.h): rows of each
 * line item as soon as it and its invoice's doc are in, once the answer is
 * past the size whose refusal could still send it to the other decoder;
 * the summary rows when the invoice closes.  Printed items are let go.
 * cli_csv_stream_end prints whatever is left, in the same order, so the
 * output is cli_csv_calc's. */
struct cli_csv_stream {
	FILE *f;
	size_t settled;   /* bytes fed after which the answer is final */
	bool header;
	size_t inv;       /* invoice being printed */
	size_t item;      /* its first item not printed */
};
void cli_csv_stream_init(struct cli_csv_stream *c, FILE *f, size_t settled);
bool cli_csv_stream_item(void *ud, const struct afcq_stream_event *ev);
bool cli_csv_stream_invoice(void *ud, const struct afcq_stream_event *ev);
void cli_csv_stream_end(struct cli_csv_stream *c, const struct afcq_response *resp);
/* RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
void cli_csv_field(FILE *f, const char *s);
/* The same field followed by a comma. */
void cli_csv_next(FILE *f, const char *s);
/* -f json while the answer arrives: its first bytes are held, and once it
 * is past settled bytes (beyond which it cannot go to another reader) it is
 * pretty-printed as it comes (afcq_pretty), so a long answer is never held
 * whole.  cli_json_stream_end prints a shorter one with cli_json_body. */
struct cli_json_stream {
	FILE *f;
	size_t settled;
	struct afcq_buf head;
	struct afcq_pretty *pretty;
	bool failed;
};
void cli_json_stream_init(struct cli_json_stream *c, FILE *f, size_t settled);
void cli_json_stream_body(void *ud, const char *data, size_t len);
void cli_json_stream_end(struct cli_json_stream *c, const char *body);
void cli_json_stream_done(struct cli_json_stream *c);
/* Prints an answer body pretty-printed (as sent, re-indented); a body that
 * is not JSON is printed as it came. */
void cli_json_body(FILE *f, const char *body);
/* Prints j pretty-printed, ending in a newline; takes j (json_decref'd). */
void cli_json_print(FILE *f, struct json_t *j);
/* Prints every err entry of a CalcTaxes answer to stderr, one a line,
 * "afcq: inv[0].itms[1]: -1000 message". Returns how many. */
size_t cli_print_api_errors(const struct afcq_response *resp);

/* The subcommands.  Each returns the process exit code. */
int cmd_quote(const struct cli_opts *o);
int cmd_invoice(const struct cli_opts *o);
int cmd_commit(const struct cli_opts *o);
int cmd_uncommit(const struct cli_opts *o);
int cmd_tspairs(const struct cli_opts *o);
int cmd_taxtype(const struct cli_opts *o);
int cmd_pcode(const struct cli_opts *o);
int cmd_history(const struct cli_opts *o);
int cmd_store(const struct cli_opts *o);
int cmd_customers(const struct cli_opts *o);
int cmd_products(const struct cli_opts *o);
int cmd_compare(const struct cli_opts *o);
int cmd_resolve(const struct cli_opts *o);
int cmd_check_config(const struct cli_opts *o);
int cmd_completion(const struct cli_opts *o);
int cmd_complete_words(const struct cli_opts *o);

#endif
