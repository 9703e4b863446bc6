/* labels.h - the request's fields in the workstation's words (labels.c). */
#ifndef AFCQ_TUI_LABELS_H
#define AFCQ_TUI_LABELS_H

#include <stddef.h>

#include "tui.h"

/* What messages and hints call field f of one of tui_fields' tables: the
 * label the screen shows beside it, with the row's name where the label
 * alone does not say which field it is ("Addr st", "Bill-to ZIP").  A
 * static string. */
const char *tui_field_words(const struct tui_field_def *f);
/* The core's message about a field (validate.h) with the request's names
 * in it said as the screen says them: "give a PCode (pcd) or the address
 * (ctry, st, ...)" becomes "fill in Bill-to PCode (Ctrl-F finds it), ZIP
 * or the address (Addr ctry, st, ...)".  Into buf; returns buf. */
const char *tui_problem_words(const char *msg, char *buf, size_t n);

/* fields.c: splits a field's name ("itms[3].chg", "inv[1].itms[3].chg",
 * "inv[0].itms[0].tran") into invoice (without "inv[N]." the one shown),
 * table, field and record; -1 when no field of the form has that name. */
int tui_field_resolve(const struct tui_app *app, const char *name, size_t *inv,
		      enum tui_table *t, int *fi, size_t *rec);

#endif
