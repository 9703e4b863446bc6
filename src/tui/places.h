/* places.h - what place a PCode is, for the screen: asked of the service
 * (its primary location call) in the background, one PCode at a time, and kept
 * for the session, so a PCode is looked up once. */
#ifndef AFCQ_TUI_PLACES_H
#define AFCQ_TUI_PLACES_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/model.h"

struct tui_app;
struct tui_places;

struct tui_places *tui_places_new(void);
/* Frees the places; a lookup under way is cancelled and completed. */
void tui_places_free(struct tui_app *app, struct tui_places *p);
/* The place of pcode (owned by the places), or NULL while it is not known:
 * then it is asked for, without waiting (app->dirty is set when it comes).
 * A PCode the service does not know stays NULL, and is not asked again. */
const struct afcq_pcode_location *tui_place(struct tui_app *app, long long pcode);
/* true when the service answered that it knows no such PCode (a typing
 * mistake, most often); false while asking, or when it could not be asked. */
bool tui_place_none(const struct tui_app *app, long long pcode);
/* "DALLAS, TX" in at most n - 1 columns (the locality alone when both do
 * not fit; cut at a word when even that does not), into buf. */
const char *tui_place_short(const struct afcq_pcode_location *l, char *buf, size_t n);
/* Completes a finished lookup and starts the next one asked for. */
void tui_places_tick(struct tui_app *app);
/* A lookup is under way. */
bool tui_places_busy(const struct tui_app *app);

#endif
