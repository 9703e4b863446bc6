/* error.h - status codes and the caller-supplied error detail.
 *
 * Every core function that can fail returns an enum afcq_status (AFCQ_OK on
 * success) and fills a struct afcq_error owned by the caller.  The struct is
 * plain data: no heap, so it can live on the stack and be copied freely.
 * Front ends decide how to show it; afcq_error_line() gives the canonical
 * one-line "where: message" form used on stderr and in the status line.
 */
#ifndef AFCQ_ERROR_H
#define AFCQ_ERROR_H

#include <stddef.h>

enum afcq_status {
	AFCQ_OK = 0,
	AFCQ_ERR_USAGE,     /* bad command line or call */
	AFCQ_ERR_INVALID,   /* input failed validation; nothing was sent */
	AFCQ_ERR_CONFIG,    /* configuration file or value */
	AFCQ_ERR_NET,       /* resolve, connect, TLS, timeout: no answer */
	AFCQ_ERR_HTTP,      /* the server answered with a non-2xx status */
	AFCQ_ERR_PARSE,     /* malformed or empty JSON */
	AFCQ_ERR_API,       /* the API answered with err entries */
	AFCQ_ERR_IO,        /* file system */
	AFCQ_ERR_DB,        /* history, customer or product store */
	AFCQ_ERR_CANCELLED, /* the user cancelled a request */
	AFCQ_ERR_NOMEM,
	AFCQ_ERR_CONFLICT,  /* a stored record changed since it was loaded */
	AFCQ_NOT_SENT,      /* handed to a dry run (--print-curl) instead of sent: exit 0 */
};

/* Finer cause for AFCQ_ERR_NET / AFCQ_ERR_HTTP / AFCQ_ERR_PARSE. */
enum afcq_cause {
	AFCQ_CAUSE_NONE = 0,
	AFCQ_CAUSE_RESOLVE,   /* name resolution failed */
	AFCQ_CAUSE_REFUSED,   /* connection refused */
	AFCQ_CAUSE_TIMEOUT,   /* connect or total timeout */
	AFCQ_CAUSE_TLS,       /* certificate or handshake */
	AFCQ_CAUSE_HTTP,      /* non-2xx status */
	AFCQ_CAUSE_MALFORMED, /* body is not the JSON we expect */
	AFCQ_CAUSE_EMPTY,     /* body is empty */
	AFCQ_CAUSE_UNKNOWN_OUTCOME, /* answered, but it does not say whether it was done */
	AFCQ_CAUSE_OTHER,
};

struct afcq_error {
	enum afcq_status status;
	enum afcq_cause cause;
	long http_status;  /* 0 when no HTTP answer */
	int line;          /* 1-based line in a file or JSON text, 0 if none */
	int column;        /* 1-based column, 0 if none */
	char where[256];   /* field path, file, URL: what the message is about */
	char msg[512];     /* human-readable reason, one line */
};

/* Resets *e to "no error". */
void afcq_error_clear(struct afcq_error *e);

/* Records an error and returns status, so callers can write
 * `return afcq_error_set(e, AFCQ_ERR_INVALID, path, "not a number");`.
 * e may be NULL (the detail is then dropped).  where may be NULL or "". */
enum afcq_status afcq_error_set(struct afcq_error *e, enum afcq_status status,
				const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Writes "where: msg" (or just msg) into buf of size n; returns buf. */
const char *afcq_error_line(const struct afcq_error *e, char *buf, size_t n);

/* Exit code of the command-line contract: 0 ok, 1 API errors, 2 usage or
 * invalid input, 3 configuration, 4 network/HTTP/malformed answer, 5 the
 * local store (AFCQ_ERR_DB: a broken or locked history file). */
int afcq_status_exit_code(enum afcq_status s);

/* Short lower-case name of a status ("network error", ...); static string. */
const char *afcq_status_name(enum afcq_status s);

#endif
