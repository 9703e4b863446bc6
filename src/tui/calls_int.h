/* calls_int.h - private to calls.c and calls_catalog.c. */
#ifndef AFCQ_TUI_CALLS_INT_H
#define AFCQ_TUI_CALLS_INT_H

#include "tui.h"

/* Takes in the T/S catalog lookups that are done (messages on failure) and
 * writes the cache once both lists have come; called every tick. */
void tui_calls_poll_catalog(struct tui_app *app);

#endif
