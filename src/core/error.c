#include "afcq/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void afcq_error_clear(struct afcq_error *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}

enum afcq_status afcq_error_set(struct afcq_error *e, enum afcq_status status, const char *where,
				const char *fmt, ...)
{
	if (!e)
		return status;
	e->status = status;
	snprintf(e->where, sizeof e->where, "%s", where ? where : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	/* One line: a message never carries a newline to the screen. */
	for (char *p = e->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return status;
}

const char *afcq_error_line(const struct afcq_error *e, char *buf, size_t n)
{
	if (!n)
		return buf;
	if (!e || (!e->where[0] && !e->msg[0]))
		snprintf(buf, n, "%s", e ? afcq_status_name(e->status) : "no error");
	else if (e->where[0] && e->line > 0)
		snprintf(buf, n, "%s:%d: %s", e->where, e->line, e->msg);
	else if (e->where[0])
		snprintf(buf, n, "%s: %s", e->where, e->msg);
	else
		snprintf(buf, n, "%s", e->msg);
	return buf;
}

int afcq_status_exit_code(enum afcq_status s)
{
	switch (s) {
	case AFCQ_OK:
	case AFCQ_NOT_SENT:
		return 0;
	case AFCQ_ERR_API:
		return 1;
	case AFCQ_ERR_USAGE:
	case AFCQ_ERR_INVALID:
	case AFCQ_ERR_IO:
	case AFCQ_ERR_CONFLICT:
		return 2;
	case AFCQ_ERR_CONFIG:
		return 3;
	case AFCQ_ERR_NET:
	case AFCQ_ERR_HTTP:
	case AFCQ_ERR_PARSE:
	case AFCQ_ERR_CANCELLED:
		return 4;
	case AFCQ_ERR_DB:
		return 5;
	case AFCQ_ERR_NOMEM:
		return 4;
	}
	return 4;
}

const char *afcq_status_name(enum afcq_status s)
{
	switch (s) {
	case AFCQ_OK: return "ok";
	case AFCQ_ERR_USAGE: return "usage error";
	case AFCQ_ERR_INVALID: return "invalid input";
	case AFCQ_ERR_CONFIG: return "configuration error";
	case AFCQ_ERR_NET: return "network error";
	case AFCQ_ERR_HTTP: return "HTTP error";
	case AFCQ_ERR_PARSE: return "malformed answer";
	case AFCQ_ERR_API: return "the API answered with errors";
	case AFCQ_ERR_IO: return "file error";
	case AFCQ_ERR_DB: return "store error";
	case AFCQ_ERR_CANCELLED: return "cancelled";
	case AFCQ_ERR_NOMEM: return "out of memory";
	case AFCQ_ERR_CONFLICT: return "changed since loaded";
	case AFCQ_NOT_SENT: return "not sent (dry run)";
	}
	return "error";
}
