/* marks.h - marks on the form's fields (marks.c); the rest of the marks'
 * interface (tui_marks_*) is in tui.h, beside the fields. */
#ifndef AFCQ_TUI_MARKS_H
#define AFCQ_TUI_MARKS_H

#include <stddef.h>

#include "tui.h"

/* The invoice a mark of field fi of invoice i goes with (the company's
 * fields are in no invoice: 0). */
size_t tui_mark_inv(enum tui_table t, size_t fi, size_t i);
/* The mark of a field of invoice inv, or NULL (owned by app). */
const struct tui_mark *tui_mark_find(const struct tui_app *app, size_t inv, enum tui_table t,
				     size_t fi, size_t rec);
void tui_mark_remove(struct tui_app *app, size_t inv, enum tui_table t, size_t fi, size_t rec);
/* Replaces the field's mark: text (may be NULL) and msg are copied. */
void tui_mark_set(struct tui_app *app, size_t inv, enum tui_table t, size_t fi, size_t rec,
		  const char *text, const char *msg);
/* "item 3 " for a row of the grid or the detail dialog, "exemption 2 "
 * for an exemption, "" for the header; into buf, returned. */
const char *tui_row_words(enum tui_table t, size_t rec, char *buf, size_t n);

#endif
