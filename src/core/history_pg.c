/* history_pg.c - the journal of what was sent, in a team's PostgreSQL
 * store (table journal, created by afcq/pg.h's migrations).
 *
 * A row is inserted before a request goes out (outcome 0, pending) and
 * completed when the answer is in, each statement committed on its own, so
 * a rep's "outcome unknown" is on the server for every workstation to see.
 * Who sent it is the OS user and host (afcq_pg_actor).  Document codes of
 * invoices are unique through a partial unique index; an invoice number is
 * checked against earlier sends and recorded under a transaction-scoped
 * advisory lock on the number.  Imported rows (afcq store copy) carry an
 * origin, unique, so a second copy adds nothing.
 */
#include "history_pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "afcq/pg.h"
#include "afcq/str.h"

#define UNIQUE_VIOLATION "23505"

struct history_pg {
	struct afcq_pg *pg;
};

struct history_pg *history_pg_open(const char *where, struct afcq_error *err)
{
	struct afcq_pg *pg = afcq_pg_open(where, err);
	if (!pg)
		return NULL;
	struct history_pg *h = afcq_xcalloc(1, sizeof *h);
	h->pg = pg;
	return h;
}

void history_pg_close(struct history_pg *h)
{
	if (!h)
		return;
	afcq_pg_close(h->pg);
	free(h);
}

const char *history_pg_where(const struct history_pg *h)
{
	return afcq_pg_where(h->pg);
}

void history_pg_set_wait(struct history_pg *h, int ms)
{
	afcq_pg_set_wait(h->pg, ms);
}

bool history_pg_check(struct history_pg *h)
{
	return afcq_pg_check(h->pg);
}

static void int_text(char *buf, size_t n, long long v)
{
	snprintf(buf, n, "%lld", v);
}

static void double_text(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.17g", v);
}

static void now_iso(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- reading ------------------------------------------------------------------ */

#define ENTRY_COLUMNS \
	"id, time, endpoint, kind, doc, invn, http_status, latency_ms, outcome, detail, total, " \
	"by_user, customer, customer_account, customer_uid"

static void read_entry(const struct pg_result *r, int i, bool full, struct afcq_history_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = afcq_pg_int(r, i, 0);
	e->time = afcq_pg_dup(r, i, 1);
	e->endpoint = afcq_pg_dup(r, i, 2);
	e->kind = afcq_pg_dup(r, i, 3);
	e->doc = afcq_pg_dup(r, i, 4);
	e->invn = afcq_pg_dup(r, i, 5);
	e->http_status = (long)afcq_pg_int(r, i, 6);
	e->latency_ms = afcq_pg_double(r, i, 7);
	int64_t o = afcq_pg_int(r, i, 8);
	e->outcome = o >= AFCQ_OUTCOME_PENDING && o <= AFCQ_OUTCOME_NEVER_ARRIVED
			     ? (enum afcq_outcome)o : AFCQ_OUTCOME_FAILED;
	e->detail = afcq_pg_dup(r, i, 9);
	e->has_total = !afcq_pg_null(r, i, 10);
	e->total = afcq_pg_double(r, i, 10);
	e->by = afcq_pg_dup(r, i, 11);
	e->customer = afcq_pg_dup(r, i, 12);
	e->customer_account = afcq_pg_dup(r, i, 13);
	e->customer_uid = afcq_pg_dup(r, i, 14);
	if (full) {
		e->request = afcq_pg_dup(r, i, 15);
		e->response = afcq_pg_dup(r, i, 16);
	}
}

static enum afcq_status collect(struct pg_result *r, struct afcq_history_entry **out, size_t *n)
{
	int rows = afcq_pg_rows(r);
	*out = rows ? afcq_xcalloc((size_t)rows, sizeof **out) : NULL;
	for (int i = 0; i < rows; i++)
		read_entry(r, i, false, &(*out)[i]);
	*n = (size_t)rows;
	afcq_pg_clear(r);
	return AFCQ_OK;
}

/* One's own entries, and everyone's unknown outcomes: the service may hold
 * a document any rep sent, and nobody may send its number again. */
enum afcq_status history_pg_list(struct history_pg *h, size_t limit, bool all,
				 struct afcq_history_entry **out, size_t *n, struct afcq_error *err)
{
	char lim[32];
	int_text(lim, sizeof lim, (long long)limit);
	const char *p[] = { limit ? lim : NULL, all ? NULL : afcq_pg_actor(h->pg) };
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "SELECT " ENTRY_COLUMNS " FROM journal"
					   " WHERE ($2::text IS NULL OR by_user = $2 OR (outcome = 0"
					   " AND kind IN ('invoice', 'commit', 'uncommit')))"
					   " ORDER BY id DESC LIMIT $1::bigint",
					   2, p, "cannot read the journal", NULL, err);
	return r ? collect(r, out, n) : AFCQ_ERR_DB;
}

enum afcq_status history_pg_find_customer(struct history_pg *h, char **patterns, size_t n_patterns,
					  size_t limit, bool all, struct afcq_history_entry **out,
					  size_t *n, struct afcq_error *err)
{
	char lim[32];
	int_text(lim, sizeof lim, (long long)limit);
	const char **p = afcq_xcalloc(n_patterns + 2, sizeof *p);
	p[0] = limit ? lim : NULL;
	p[1] = all ? NULL : afcq_pg_actor(h->pg);
	struct afcq_buf sql;
	afcq_buf_init(&sql);
	afcq_buf_puts(&sql, "SELECT " ENTRY_COLUMNS " FROM journal WHERE customer_key IS NOT NULL"
			    " AND ($2::text IS NULL OR by_user = $2 OR (outcome = 0"
			    " AND kind IN ('invoice', 'commit', 'uncommit')))");
	for (size_t i = 0; i < n_patterns; i++) {
		p[i + 2] = patterns[i];
		afcq_buf_printf(&sql, " AND customer_key LIKE $%zu", i + 3);
	}
	afcq_buf_puts(&sql, " ORDER BY id DESC LIMIT $1::bigint");
	struct pg_result *r = afcq_pg_exec(h->pg, sql.data, (int)n_patterns + 2, p,
					   "cannot read the journal", NULL, err);
	afcq_buf_done(&sql);
	free(p);
	return r ? collect(r, out, n) : AFCQ_ERR_DB;
}

enum afcq_status history_pg_get(struct history_pg *h, int64_t id, struct afcq_history_entry *out,
				struct afcq_error *err)
{
	char ids[32];
	int_text(ids, sizeof ids, (long long)id);
	const char *p[] = { ids };
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "SELECT " ENTRY_COLUMNS ", request, response FROM journal"
					   " WHERE id = $1::bigint",
					   1, p, "cannot read the journal", NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st = AFCQ_OK;
	if (afcq_pg_rows(r))
		read_entry(r, 0, true, out);
	else
		st = afcq_error_set(err, AFCQ_ERR_USAGE, "history", "no history entry %lld",
				    (long long)id);
	afcq_pg_clear(r);
	return st;
}

enum afcq_status history_pg_unknown(struct history_pg *h, const char *endpoint, const char *doc,
				    struct afcq_history_entry **out, size_t *n,
				    struct afcq_error *err)
{
	const char *p[] = { endpoint, doc };
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "SELECT " ENTRY_COLUMNS " FROM journal WHERE outcome = 0"
					   " AND kind IN ('invoice', 'commit', 'uncommit')"
					   " AND ($1::text IS NULL OR endpoint = $1)"
					   " AND ($2::text IS NULL OR doc = $2) ORDER BY id",
					   2, p, "cannot read the journal", NULL, err);
	return r ? collect(r, out, n) : AFCQ_ERR_DB;
}

enum afcq_status history_pg_invoice_blocker(struct history_pg *h, const char *endpoint,
					    const char *invn, struct afcq_history_entry *out,
					    bool *found, struct afcq_error *err)
{
	char pending[8], arrived[8];
	int_text(pending, sizeof pending, AFCQ_OUTCOME_PENDING);
	int_text(arrived, sizeof arrived, AFCQ_OUTCOME_ARRIVED);
	const char *p[] = { endpoint ? endpoint : "", invn, pending, arrived };
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "SELECT " ENTRY_COLUMNS " FROM journal"
					   " WHERE kind = 'invoice' AND endpoint = $1 AND invn = $2"
					   " AND outcome IN ($3::integer, $4::integer)"
					   " ORDER BY id LIMIT 1",
					   4, p, "cannot read the journal", NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	if (afcq_pg_rows(r)) {
		read_entry(r, 0, false, out);
		*found = true;
	}
	afcq_pg_clear(r);
	return AFCQ_OK;
}

bool history_pg_doc_used(struct history_pg *h, const char *doc)
{
	const char *p[] = { doc };
	struct afcq_error ignored;
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "SELECT 1 FROM journal WHERE doc = $1 AND kind = 'invoice'"
					   " LIMIT 1",
					   1, p, "cannot read the journal", NULL, &ignored);
	bool used = r && afcq_pg_rows(r) > 0;
	afcq_pg_clear(r);
	return used;
}

bool history_pg_doc_customer(struct history_pg *h, const char *doc,
			     struct afcq_history_entry *out)
{
	const char *p[] = { doc };
	struct afcq_error ignored;
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "SELECT customer, customer_account, customer_uid"
					   " FROM journal WHERE doc = $1 AND kind = 'invoice'"
					   " AND customer IS NOT NULL ORDER BY id DESC LIMIT 1",
					   1, p, "cannot read the journal", NULL, &ignored);
	bool found = r && afcq_pg_rows(r) > 0;
	if (found) {
		out->customer = afcq_pg_dup(r, 0, 0);
		out->customer_account = afcq_pg_dup(r, 0, 1);
		out->customer_uid = afcq_pg_dup(r, 0, 2);
	}
	afcq_pg_clear(r);
	return found;
}

/* ---- writing ------------------------------------------------------------------ */

/* Who already has this document code, for the refusal. */
static enum afcq_status doc_taken(struct history_pg *h, const char *doc, struct afcq_error *err)
{
	const char *p[] = { doc };
	struct afcq_error ignored;
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "SELECT by_user, time FROM journal"
					   " WHERE doc = $1 AND kind = 'invoice' LIMIT 1",
					   1, p, "cannot read the journal", NULL, &ignored);
	const char *by = r && afcq_pg_rows(r) ? afcq_pg_text(r, 0, 0) : NULL;
	const char *at = r && afcq_pg_rows(r) ? afcq_pg_text(r, 0, 1) : NULL;
	enum afcq_status st =
		by ? afcq_error_set(err, AFCQ_ERR_INVALID, "doc",
				    "document code %s is already in the journal (sent by %s at %s)",
				    doc, by, at ? at : "?")
		   : afcq_error_set(err, AFCQ_ERR_INVALID, "doc",
				    "document code %s is already in the journal", doc);
	afcq_pg_clear(r);
	return st;
}

static enum afcq_status insert_pending(struct history_pg *h, const struct afcq_history_entry *e,
				       int64_t *id, struct afcq_error *err)
{
	char when[32];
	now_iso(when, sizeof when);
	char *key = history_customer_key(e);
	const char *p[] = { when, e->endpoint ? e->endpoint : "", e->kind ? e->kind : "", e->doc,
			    e->invn, e->request, afcq_pg_actor(h->pg), e->customer,
			    e->customer ? e->customer_account : NULL,
			    e->customer ? e->customer_uid : NULL, key };
	char state[6];
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "INSERT INTO journal (time, endpoint, kind, doc, invn,"
					   " request, outcome, by_user, customer, customer_account,"
					   " customer_uid, customer_key)"
					   " VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10, $11)"
					   " RETURNING id",
					   11, p, "cannot record the request", state, err);
	free(key);
	if (!r)
		/* the code's earlier sender is asked once out of the transaction */
		return strcmp(state, UNIQUE_VIOLATION) == 0 && e->doc ? AFCQ_ERR_INVALID : AFCQ_ERR_DB;
	if (id)
		*id = afcq_pg_int(r, 0, 0);
	afcq_pg_clear(r);
	return AFCQ_OK;
}

enum afcq_status history_pg_begin(struct history_pg *h, const struct afcq_history_entry *e,
				  bool invoice, int64_t *id, struct afcq_history_entry *blocker,
				  struct afcq_error *err)
{
	if (!invoice) {
		enum afcq_status st = insert_pending(h, e, id, err);
		return st == AFCQ_ERR_INVALID ? doc_taken(h, e->doc, err) : st;
	}
	if (afcq_pg_begin(h->pg, err) != AFCQ_OK)
		return AFCQ_ERR_DB;
	const char *p[] = { e->invn ? e->invn : "" };
	struct pg_result *r = afcq_pg_exec(h->pg, "SELECT pg_advisory_xact_lock(hashtext($1))", 1,
					   p, "cannot lock the invoice number", NULL, err);
	enum afcq_status st = r ? AFCQ_OK : AFCQ_ERR_DB;
	afcq_pg_clear(r);
	struct afcq_history_entry b;
	memset(&b, 0, sizeof b);
	bool found = false;
	if (st == AFCQ_OK && !afcq_str_empty(e->invn))
		st = history_pg_invoice_blocker(h, e->endpoint, e->invn, &b, &found, err);
	if (st == AFCQ_OK && found) {
		char line[sizeof err->msg];
		st = afcq_error_set(err, AFCQ_ERR_INVALID, "", "%s",
				    afcq_history_blocker_line(&b, line, sizeof line));
		if (blocker)
			*blocker = b;
		else
			afcq_history_entry_done(&b);
	}
	bool taken = false;
	if (st == AFCQ_OK) {
		st = insert_pending(h, e, id, err);
		taken = st == AFCQ_ERR_INVALID;
	}
	if (st == AFCQ_OK)
		return afcq_pg_commit(h->pg, err);
	afcq_pg_rollback(h->pg);
	return taken ? doc_taken(h, e->doc, err) : st;
}

enum afcq_status history_pg_finish(struct history_pg *h, int64_t id, enum afcq_outcome outcome,
				   long http_status, double latency_ms, const char *response,
				   const char *detail, bool has_total, double total,
				   struct afcq_error *err)
{
	char o[16], status[32], lat[40], tot[40], ids[32];
	int_text(o, sizeof o, outcome);
	int_text(status, sizeof status, http_status);
	double_text(lat, sizeof lat, latency_ms);
	double_text(tot, sizeof tot, total);
	int_text(ids, sizeof ids, (long long)id);
	const char *p[] = { o, status, lat, response, detail, has_total ? tot : NULL, ids };
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "UPDATE journal SET outcome = $1::integer,"
					   " http_status = $2::bigint, latency_ms = $3::float8,"
					   " response = $4, detail = $5, total = $6::float8"
					   " WHERE id = $7::bigint",
					   7, p, "cannot complete the record", NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st = afcq_pg_changed(r)
				      ? AFCQ_OK
				      : afcq_error_set(err, AFCQ_ERR_USAGE, history_pg_where(h),
						       "no history entry %lld", (long long)id);
	afcq_pg_clear(r);
	return st;
}

enum afcq_status history_pg_resolve(struct history_pg *h, int64_t id, enum afcq_outcome outcome,
				    const char *detail, struct afcq_error *err)
{
	char o[16], ids[32];
	int_text(o, sizeof o, outcome);
	int_text(ids, sizeof ids, (long long)id);
	const char *p[] = { o, detail, ids };
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "UPDATE journal SET outcome = $1::integer, detail = $2"
					   " WHERE id = $3::bigint AND outcome = 0",
					   3, p, "cannot complete the record", NULL, err);
	if (!r)
		return AFCQ_ERR_DB;
	enum afcq_status st = afcq_pg_changed(r)
				      ? AFCQ_OK
				      : afcq_error_set(err, AFCQ_ERR_USAGE, history_pg_where(h),
						       "history entry %lld has no unknown outcome",
						       (long long)id);
	afcq_pg_clear(r);
	return st;
}

enum afcq_status history_pg_import(struct history_pg *h, const struct afcq_history_entry *e,
				   const char *origin, bool *added, struct afcq_error *err)
{
	char status[32], lat[40], tot[40], o[16];
	int_text(status, sizeof status, e->http_status);
	double_text(lat, sizeof lat, e->latency_ms);
	double_text(tot, sizeof tot, e->total);
	int_text(o, sizeof o, e->outcome);
	const char *p[] = {
		e->time ? e->time : "", e->endpoint ? e->endpoint : "", e->kind ? e->kind : "",
		e->doc, e->invn, e->request, e->response, status, lat, o, e->detail,
		e->has_total ? tot : NULL, e->by ? e->by : afcq_pg_actor(h->pg), origin,
		e->customer, e->customer ? e->customer_account : NULL,
		e->customer ? e->customer_uid : NULL, NULL,
	};
	char *key = history_customer_key(e);
	p[17] = key;
	/* A row copied before (same origin), or an invoice whose code the
	 * team's journal already holds, is left as it is. */
	struct pg_result *r = afcq_pg_exec(h->pg,
					   "INSERT INTO journal (time, endpoint, kind, doc, invn,"
					   " request, response, http_status, latency_ms, outcome,"
					   " detail, total, by_user, origin, customer, customer_account,"
					   " customer_uid, customer_key) VALUES ($1, $2, $3, $4,"
					   " $5, $6, $7, $8::bigint, $9::float8, $10::integer, $11,"
					   " $12::float8, $13, $14, $15, $16, $17, $18)"
					   " ON CONFLICT DO NOTHING",
					   18, p, "cannot copy a journal entry", NULL, err);
	free(key);
	if (!r)
		return AFCQ_ERR_DB;
	*added = afcq_pg_changed(r) > 0;
	afcq_pg_clear(r);
	return AFCQ_OK;
}
