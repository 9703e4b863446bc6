/* pq_api.h - libpq, reached through a table loaded on first use (afcq/dl.h).
 *
 * Each member has the type and the name of the libpq function it points
 * to: api->PQexec() is PQexec().  Only a team's PostgreSQL store
 * (src/core/pg.c) uses it, so a command that never opens one never loads
 * libpq.
 */
#ifndef AFCQ_PQ_API_H
#define AFCQ_PQ_API_H

#include <libpq-fe.h>

#include "afcq/error.h"

#define AFCQ_PQ_FUNCS(X)                                                                 \
	X(PQclear) X(PQcmdTuples) X(PQconnectdbParams) X(PQconninfoFree)                   \
	X(PQconninfoParse) X(PQconsumeInput) X(PQerrorMessage) X(PQexec) X(PQexecParams)   \
	X(PQfinish) X(PQflush) X(PQfreemem) X(PQgetResult) X(PQgetisnull) X(PQgetvalue)    \
	X(PQisBusy) X(PQntuples) X(PQreset) X(PQresetPoll) X(PQresetStart)                 \
	X(PQresultErrorField) X(PQresultErrorMessage) X(PQresultStatus) X(PQsendQuery)     \
	X(PQsendQueryParams) X(PQsetNoticeProcessor) X(PQsetnonblocking) X(PQsocket)       \
	X(PQstatus) X(PQtransactionStatus)

struct afcq_pq_api {
#define AFCQ_PQ_MEMBER(f) __typeof__(f) *f;
	AFCQ_PQ_FUNCS(AFCQ_PQ_MEMBER)
#undef AFCQ_PQ_MEMBER
};

/* libpq's table, loading libpq the first time (thread-safe).  The table
 * lives until the process ends; the caller does not free it.  NULL when
 * libpq cannot be loaded: err (if not NULL) then says why and what to
 * install, naming `store` (the setting that needs it). */
const struct afcq_pq_api *afcq_pq_api(struct afcq_error *err);

#endif
