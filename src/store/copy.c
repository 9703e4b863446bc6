/* copy.c - afcq store copy: the local book and journal into a team's
 * store, adding only what is not there (see afcq/store_copy.h). */
#include "afcq/store_copy.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "afcq/paths.h"
#include "afcq/actor.h"
#include "afcq/str.h"
#include "store_int.h"

static bool has_uid(const struct afcq_customer *v, size_t n, const char *uid)
{
	for (size_t i = 0; uid && i < n; i++)
		if (v[i].uid && strcmp(v[i].uid, uid) == 0)
			return true;
	return false;
}

static enum afcq_status copy_customers(struct afcq_store *from, struct afcq_store *to,
				       struct afcq_store_copied *out, struct afcq_error *err)
{
	struct afcq_customer *src = NULL, *dst = NULL;
	size_t n_src = 0, n_dst = 0;
	enum afcq_status st = afcq_store_customers_find(from, NULL, 0, &src, &n_src, err);
	if (st == AFCQ_OK)
		st = afcq_store_customers_find(to, NULL, 0, &dst, &n_dst, err);
	for (size_t i = 0; st == AFCQ_OK && i < n_src; i++) {
		if (has_uid(dst, n_dst, src[i].uid)) {
			out->customers_kept++;
			continue;
		}
		struct afcq_customer c;
		afcq_customer_copy(&c, &src[i]);
		c.id = 0;  /* new there; its uid goes along */
		st = afcq_store_customer_save(to, &c, false, err);
		afcq_customer_done(&c);
		if (st == AFCQ_OK)
			out->customers++;
	}
	afcq_customers_free(src, n_src);
	afcq_customers_free(dst, n_dst);
	return st;
}

static enum afcq_status copy_products(struct afcq_store *from, struct afcq_store *to,
				      struct afcq_store_copied *out, struct afcq_error *err)
{
	struct afcq_product *src = NULL;
	size_t n = 0;
	enum afcq_status st = afcq_store_products_find(from, NULL, 0, &src, &n, err);
	for (size_t i = 0; st == AFCQ_OK && i < n; i++) {
		struct afcq_product there;
		afcq_product_init(&there);
		struct afcq_error none;
		afcq_error_clear(&none);
		enum afcq_status found = afcq_store_product_by_name(to, src[i].name, &there, &none);
		afcq_product_done(&there);
		if (found == AFCQ_OK) {
			out->products_kept++;
			continue;
		}
		if (found != AFCQ_ERR_USAGE) {
			*err = none;
			st = found;
			break;
		}
		struct afcq_product p;
		afcq_product_copy(&p, &src[i]);
		p.id = 0;
		st = afcq_store_product_save(to, &p, err);
		afcq_product_done(&p);
		if (st == AFCQ_OK)
			out->products++;
	}
	afcq_products_free(src, n);
	return st;
}

/* origin: "KIND/user@host/ID/TIME", KIND naming the source ("local" for
 * the rep's history, "offline" for quotes kept while the store was down). */
static enum afcq_status copy_journal(struct afcq_history *from, struct afcq_history *to,
				     const char *kind, const char *actor,
				     struct afcq_store_copied *out, struct afcq_error *err)
{
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	enum afcq_status st = afcq_history_list_by(from, 0, true, &v, &n, err);
	/* oldest first, so the team's journal keeps their order */
	for (size_t k = n; st == AFCQ_OK && k-- > 0;) {
		struct afcq_history_entry e;
		st = afcq_history_get(from, v[k].id, &e, err);
		if (st != AFCQ_OK)
			break;
		if (!e.by)
			e.by = afcq_xstrdup(actor);
		char *origin = afcq_xasprintf("%s/%s/%lld/%s", kind, e.by, (long long)e.id,
					      e.time ? e.time : "");
		bool added = false;
		st = afcq_history_import(to, &e, origin, &added, err);
		free(origin);
		afcq_history_entry_done(&e);
		if (st == AFCQ_OK) {
			if (added)
				out->entries++;
			else
				out->entries_kept++;
		}
	}
	afcq_history_list_free(v, n);
	return st;
}

enum afcq_status afcq_store_copy(struct afcq_store *from, struct afcq_history *from_h,
				 struct afcq_store *to, struct afcq_history *to_h,
				 struct afcq_store_copied *out, struct afcq_error *err)
{
	memset(out, 0, sizeof *out);
	if (!afcq_history_shared(to_h))
		return afcq_error_set(err, AFCQ_ERR_USAGE, "store copy",
				      "the destination must be a team's store (postgresql://...)");
	enum afcq_status st = afcq_store_begin(to, err);
	if (st != AFCQ_OK)
		return st;
	st = copy_customers(from, to, out, err);
	if (st == AFCQ_OK)
		st = copy_products(from, to, out, err);
	if (st == AFCQ_OK)
		st = afcq_store_commit(to, err);
	if (st != AFCQ_OK) {
		afcq_store_rollback(to);
		out->customers = out->products = 0;
		return st;
	}
	return from_h ? copy_journal(from_h, to_h, "local", to->actor, out, err) : AFCQ_OK;
}

char *afcq_history_offline_path(void)
{
	return afcq_xdg_path("XDG_STATE_HOME", ".local/state", "offline.sqlite");
}

/* A quote recorded before this time (ISO 8601 UTC, as the journal writes
 * it; into buf) and still pending lost its sender: no request waits an
 * hour for its answer.  One recorded since may still be completed. */
static const char *stale_before(char *buf, size_t n)
{
	time_t t = time(NULL) - 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* The file's entries into the team's journal, each on its own (a copy
 * made before is recognised by its origin and not added again); *ids gets
 * those now in the team's journal (malloc'd, *n_ids of them), which are
 * the ones the file may let go. */
static enum afcq_status copy_offline(struct afcq_history *from, struct afcq_history *team,
				     int64_t **ids, size_t *n_ids, size_t *moved,
				     struct afcq_error *err)
{
	struct afcq_history_entry *v = NULL;
	size_t n = 0;
	*ids = NULL;
	*n_ids = 0;
	enum afcq_status st = afcq_history_list_by(from, 0, true, &v, &n, err);
	if (st != AFCQ_OK)
		return st;
	*ids = afcq_xcalloc(n ? n : 1, sizeof **ids);
	char *actor = afcq_actor();
	char cutoff[32];
	stale_before(cutoff, sizeof cutoff);
	/* oldest first, so the team's journal keeps their order */
	for (size_t k = n; st == AFCQ_OK && k-- > 0;) {
		/* a quote still waiting for its answer (another program's):
		 * left for the next time, complete */
		if (v[k].outcome == AFCQ_OUTCOME_PENDING && v[k].time && strcmp(v[k].time, cutoff) > 0)
			continue;
		struct afcq_history_entry e;
		st = afcq_history_get(from, v[k].id, &e, err);
		if (st != AFCQ_OK)
			break;
		if (!e.by)
			e.by = afcq_xstrdup(actor);
		char *origin = afcq_xasprintf("offline/%s/%lld/%s", e.by, (long long)e.id,
					      e.time ? e.time : "");
		bool added = false;
		st = afcq_history_import(team, &e, origin, &added, err);
		free(origin);
		if (st == AFCQ_OK) {
			(*ids)[(*n_ids)++] = e.id;
			if (added)
				(*moved)++;
		}
		afcq_history_entry_done(&e);
	}
	free(actor);
	afcq_history_list_free(v, n);
	return st;
}

enum afcq_status afcq_store_flush_offline_step(struct afcq_history *team, size_t *moved,
					       void (*copied)(void *ud), void *ud,
					       struct afcq_error *err)
{
	*moved = 0;
	char *path = afcq_history_offline_path();
	if (!path || access(path, F_OK) != 0 || !afcq_history_shared(team)) {
		free(path);
		return AFCQ_OK;
	}
	struct afcq_history *from = afcq_history_open(path, err);
	free(path);
	if (!from)
		return AFCQ_ERR_DB;
	/* Another program may add a quote to the file at any moment (a
	 * command that found the store down), so the file is never removed:
	 * exactly the entries now in the team's journal leave it, in one
	 * write transaction, and what was added since stays for the next
	 * time.  A failure or a crash in between leaves entries in both,
	 * which the next time adds nothing for (same origin). */
	int64_t *ids = NULL;
	size_t n_ids = 0;
	enum afcq_status st = copy_offline(from, team, &ids, &n_ids, moved, err);
	if (copied)
		copied(ud);
	enum afcq_status gone = afcq_history_forget(from, ids, n_ids, err);
	if (st == AFCQ_OK)
		st = gone;
	free(ids);
	afcq_history_close(from);
	return st;
}

enum afcq_status afcq_store_flush_offline(struct afcq_history *team, size_t *moved,
					  struct afcq_error *err)
{
	return afcq_store_flush_offline_step(team, moved, NULL, NULL, err);
}

bool afcq_store_offline_waiting(void)
{
	char *path = afcq_history_offline_path();
	bool waiting = false;
	if (path && access(path, F_OK) == 0) {
		struct afcq_error ignored;
		afcq_error_clear(&ignored);
		struct afcq_history *h = afcq_history_open(path, &ignored);
		struct afcq_history_entry *v = NULL;
		size_t n = 0;
		/* unreadable: tried, and the flush says why */
		waiting = !h || afcq_history_list(h, 1, &v, &n, &ignored) != AFCQ_OK || n > 0;
		afcq_history_list_free(v, n);
		afcq_history_close(h);
	}
	free(path);
	return waiting;
}

struct afcq_history *afcq_store_journal_open(const char *store, bool *offline,
					     struct afcq_error *err)
{
	*offline = false;
	if (afcq_str_empty(store))
		return afcq_history_open(NULL, err);
	struct afcq_history *h = afcq_history_open(store, err);
	if (h) {
		size_t moved;
		struct afcq_error ignored;
		afcq_error_clear(&ignored);
		afcq_store_flush_offline(h, &moved, &ignored);
		return h;
	}
	char *path = afcq_history_offline_path();
	struct afcq_error lerr;
	afcq_error_clear(&lerr);
	h = path ? afcq_history_open(path, &lerr) : NULL;
	free(path);
	*offline = h != NULL;
	return h;
}
