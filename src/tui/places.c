/* places.c - PCodes to places for the screen.
 *
 * Each PCode the screen asks about gets an entry: asked (waiting for its
 * turn), running, known (with its location) or unknown (the service had
 * none, or the call failed).  One primary-location call runs at a time on the
 * lookup context (no history); the loop's tick completes it and starts
 * the next.  Entries live as long as the session.
 */
#include "places.h"

#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/api.h"
#include "afcq/str.h"

/* UNKNOWN: the lookup failed (no answer); NONE: the service answered that
 * it knows no such PCode */
enum place_state { PLACE_ASKED, PLACE_RUNNING, PLACE_KNOWN, PLACE_UNKNOWN, PLACE_NONE };

struct place {
	long long pcode;
	enum place_state state;
	struct afcq_pcode_location loc;     /* strings owned, when known */
};

struct tui_places {
	struct place *v;
	size_t n;
	struct afcq_pending *p;             /* the call under way, or NULL */
	size_t running;                     /* its entry */
};

struct tui_places *tui_places_new(void)
{
	return afcq_xcalloc(1, sizeof(struct tui_places));
}

static void loc_free(struct afcq_pcode_location *l)
{
	free(l->ctry);
	free(l->st);
	free(l->cnty);
	free(l->locality);
}

static void finish(struct tui_app *app, struct tui_places *ps)
{
	struct afcq_exchange x;
	struct afcq_error err;
	memset(&x, 0, sizeof x);
	afcq_error_clear(&err);
	enum afcq_status st = afcq_api_finish(&app->lookup_api, ps->p, &x, &err);
	ps->p = NULL;
	struct place *pl = &ps->v[ps->running];
	pl->state = PLACE_UNKNOWN;
	if (st == AFCQ_OK && x.pcodes.n) {
		const struct afcq_pcode_location *l = &x.pcodes.v[0];
		pl->loc.pcode = pl->pcode;
		pl->loc.ctry = l->ctry ? afcq_xstrdup(l->ctry) : NULL;
		pl->loc.st = l->st ? afcq_xstrdup(l->st) : NULL;
		pl->loc.cnty = l->cnty ? afcq_xstrdup(l->cnty) : NULL;
		pl->loc.locality = l->locality ? afcq_xstrdup(l->locality) : NULL;
		pl->state = PLACE_KNOWN;
	} else if (st == AFCQ_OK) {
		pl->state = PLACE_NONE;
	}
	afcq_exchange_done(&x);
	app->dirty = true;
}

void tui_places_free(struct tui_app *app, struct tui_places *ps)
{
	if (!ps)
		return;
	if (ps->p) {
		afcq_pending_cancel(ps->p);
		finish(app, ps);
	}
	for (size_t i = 0; i < ps->n; i++)
		loc_free(&ps->v[i].loc);
	free(ps->v);
	free(ps);
}

/* Starts the next PCode asked for, when nothing runs. */
static void start_next(struct tui_app *app, struct tui_places *ps)
{
	if (ps->p)
		return;
	for (size_t i = 0; i < ps->n; i++) {
		if (ps->v[i].state != PLACE_ASKED)
			continue;
		if (!tui_client(app))
			return;
		char arg[32];
		snprintf(arg, sizeof arg, "%lld", ps->v[i].pcode);
		struct afcq_error err;
		afcq_error_clear(&err);
		ps->p = afcq_api_start_lookup(&app->lookup_api, AFCQ_OP_PRIMARY, arg, NULL, &err);
		if (!ps->p) {
			ps->v[i].state = PLACE_UNKNOWN;
			continue;
		}
		ps->v[i].state = PLACE_RUNNING;
		ps->running = i;
		return;
	}
}

const struct afcq_pcode_location *tui_place(struct tui_app *app, long long pcode)
{
	struct tui_places *ps = app->places;
	if (!ps || pcode <= 0)
		return NULL;
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i].pcode == pcode)
			return ps->v[i].state == PLACE_KNOWN ? &ps->v[i].loc : NULL;
	ps->v = afcq_xrealloc(ps->v, (ps->n + 1) * sizeof *ps->v);
	memset(&ps->v[ps->n], 0, sizeof ps->v[ps->n]);
	ps->v[ps->n].pcode = pcode;
	ps->v[ps->n].state = PLACE_ASKED;
	ps->n++;
	start_next(app, ps);
	return NULL;
}

bool tui_place_none(const struct tui_app *app, long long pcode)
{
	const struct tui_places *ps = app->places;
	if (!ps || pcode <= 0)
		return false;
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i].pcode == pcode)
			return ps->v[i].state == PLACE_NONE;
	return false;
}

void tui_places_tick(struct tui_app *app)
{
	struct tui_places *ps = app->places;
	if (!ps)
		return;
	if (ps->p && afcq_pending_done(ps->p))
		finish(app, ps);
	start_next(app, ps);
}

bool tui_places_busy(const struct tui_app *app)
{
	return app->places && app->places->p;
}

const char *tui_place_short(const struct afcq_pcode_location *l, char *buf, size_t n)
{
	const char *loc = l->locality ? l->locality : "";
	const char *st = l->st ? l->st : "";
	snprintf(buf, n, "%s%s%s", loc, *loc && *st ? ", " : "", st);
	if (strlen(loc) + (*st ? 2 + strlen(st) : 0) < n)
		return buf;
	snprintf(buf, n, "%s", *loc ? loc : st);
	if (strlen(*loc ? loc : st) >= n) {
		/* cut at the last space that fits, if any */
		char *sp = strrchr(buf, ' ');
		if (sp && sp != buf)
			*sp = '\0';
	}
	return buf;
}
