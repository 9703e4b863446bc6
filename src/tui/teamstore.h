/* teamstore.h - the workstation's link to a team's store (the config's
 * `store = "postgresql://..."`): losing it and getting it back without
 * ever blocking the keyboard.
 *
 * Every handle on the team's store the workstation uses (the journal, the
 * customer book, the answer workers' journal) gives up a statement after
 * TUI_TEAM_WAIT_MS without an answer (afcq_pg_set_wait), so a hung server
 * costs a few seconds once.  The loop checks the handles about every
 * second without blocking (afcq_history_check, afcq_store_check); when one
 * is lost, and no request is in flight, the workstation goes over to the
 * local file for quotes (invoices and commits wait), says "store
 * unavailable" on the status line, and a worker thread tries to open the
 * team's store again every TUI_TEAM_RETRY_MS.  When it can, and no request
 * is in flight, the new handles replace the local ones, the status line
 * says so, and a second worker writes the quotes kept meanwhile into the
 * team's journal (afcq_store_flush_offline, its own connection); the
 * local file is that worker's until it is done, so a store lost again
 * meanwhile is gone over from only after it.  A
 * workstation that started with the store down does the same.
 */
#ifndef AFCQ_TUI_TEAMSTORE_H
#define AFCQ_TUI_TEAMSTORE_H

#include <stdbool.h>

#include "afcq/error.h"

#define TUI_TEAM_WAIT_MS 4000
#define TUI_TEAM_RETRY_MS 5000
#define TUI_TEAM_CHECK_MS 1000

struct tui_app;
struct tui_team;

/* The link for the config's store setting; NULL when it names no team's
 * store (nothing to do then: every function below accepts NULL). */
struct tui_team *tui_team_new(const char *store);
/* Waits for a worker under way (at most about TUI_TEAM_WAIT_MS) and frees
 * what it opened. */
void tui_team_free(struct tui_team *t);
/* After the journal is opened (app->history, app->store_down): with the
 * team's store reached, its handles get their time limit and the customer
 * book is opened (a failure there counts as the store being lost); kept
 * quotes the opening could not write are written in the background. */
void tui_team_start(struct tui_app *app);
/* Called from tui_tick: checks the handles, starts and completes the
 * workers.  Never blocks. */
void tui_team_tick(struct tui_app *app);
/* A store call failed with err: when the team's handles are lost, the
 * workstation goes over to the local file now (or at the first tick no
 * request is in flight). */
void tui_team_failed(struct tui_app *app, const struct afcq_error *err);
/* Says on the message line that the team's store is unavailable and why
 * (err's cause, left out when it would not fit), quotes being kept. */
void tui_team_say_down(struct tui_app *app, const struct afcq_error *err);

#endif
