/* log.h - the log file.
 *
 * One struct afcq_log per process, opened by the front end and borrowed by
 * whatever logs (the api layer, the catalog, the configuration): no global
 * state.  Lines are "2026-12-02T18:20:01Z info  text", appended to a file
 * made 0600 (by default $XDG_STATE_HOME/afcq/afcq.log).  When the file
 * passes its size limit it is renamed to "<path>.1" (the one before is
 * dropped) and a new one is started.  Writing is serialised by a mutex, so
 * any thread may log.  The log never writes to the terminal.
 *
 * What goes in, by level: error and warn, failures; info, each exchange
 * (method, URL, status, size, latency) and configuration and catalog events;
 * debug adds the bodies and the request headers.  Credentials, the
 * Authorization header and client_id values are never written; customer
 * names and phone numbers only at debug.
 */
#ifndef AFCQ_LOG_H
#define AFCQ_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/error.h"

enum afcq_log_level { AFCQ_LOG_ERROR, AFCQ_LOG_WARN, AFCQ_LOG_INFO, AFCQ_LOG_DEBUG };

/* "error", "warn", "info" or "debug" to *out; false for anything else. */
bool afcq_log_level_parse(const char *s, enum afcq_log_level *out);
const char *afcq_log_level_name(enum afcq_log_level lv);

/* The default file, $XDG_STATE_HOME/afcq/afcq.log (malloc'd), NULL with no
 * home. */
char *afcq_log_default_path(void);

struct afcq_log;

/* Opens path (NULL: the default), creating its folders 0700 and the file
 * 0600, for lines up to level; max_bytes is the size at which it rotates (0:
 * 1 MiB).  Returns NULL and sets *err (AFCQ_ERR_IO naming the file) when it
 * cannot.  Close with afcq_log_close. */
struct afcq_log *afcq_log_open(const char *path, enum afcq_log_level level, long max_bytes,
			       struct afcq_error *err);
void afcq_log_close(struct afcq_log *l);

/* true when l is open and takes lines of level lv: callers test it before
 * building an expensive line (a body). */
bool afcq_log_wants(const struct afcq_log *l, enum afcq_log_level lv);

/* Appends one line (a trailing newline is added; newlines inside become
 * spaces).  l may be NULL: nothing happens. */
void afcq_logf(struct afcq_log *l, enum afcq_log_level lv, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
