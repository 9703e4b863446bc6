/* frame.h - private to app.c and frame.c: the key bar's measure, so that
 * drawing and mouse hits agree. */
#ifndef AFCQ_TUI_FRAME_H
#define AFCQ_TUI_FRAME_H

#include <stdbool.h>

#include "tui.h"

/* The key bar shows "/x" aliases when it is this wide; drawing and mouse
 * hits both measure an entry with tui_keybar_entry_width. */
bool tui_keybar_wide(const struct tui_app *app);
/* The columns the entry for ai takes on the key bar. */
int tui_keybar_entry_width(const struct tui_action_info *ai, bool wide);

#endif
