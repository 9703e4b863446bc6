/* widgets.h - the dialogs' text inputs (textform.c, on libform) and lists
 * (listmenu.c, on libmenu), and a finder's moves over both.  Included by
 * tui.h, after its actions and results (enum tui_action, enum tui_result),
 * which these use; apart so that tui.h stays readable. */
#ifndef AFCQ_TUI_WIDGETS_H
#define AFCQ_TUI_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>

struct tui_app;

/* textform.c: a dialog's one-line text inputs on libform (the FORM stays
 * inside; see the top of textform.c).  Owned by one dialog: _new after
 * curses started, _free in its .close. */
struct tui_textform;
/* n inputs, width[i] columns shown each, at most max_bytes UTF-8 bytes
 * each.  Exits (as on out of memory) when libform cannot make them. */
struct tui_textform *tui_textform_new(size_t n, const int *width, size_t max_bytes);
void tui_textform_free(struct tui_textform *f);
/* Replaces input i's text (cut to whole characters within the limit);
 * when i has the cursor, the cursor goes to the end and the next
 * character typed replaces the text. */
void tui_textform_set(struct tui_textform *f, size_t i, const char *text);
/* Shows input i in width columns from now on (a dialog that follows the
 * terminal's size); text, cursor and the fresh rule are kept. */
void tui_textform_set_width(struct tui_textform *f, size_t i, int width);
/* Input i's text as UTF-8 without libform's trailing blanks; valid until
 * the next call for the same input. */
const char *tui_textform_text(struct tui_textform *f, size_t i);
/* Lowers input i's byte limit (a form field's string limit). */
void tui_textform_set_limit(struct tui_textform *f, size_t i, size_t max_bytes);
/* Typing goes on after the text instead of replacing it (until the next
 * _set or _focus). */
void tui_textform_append(struct tui_textform *f);
/* true when typing changed the text since the last _set or _clean. */
bool tui_textform_dirty(const struct tui_textform *f);
void tui_textform_clean(struct tui_textform *f);
size_t tui_textform_current(const struct tui_textform *f);
/* Moves the cursor to the end of input i; typing then replaces its text. */
void tui_textform_focus(struct tui_textform *f, size_t i);
/* Typed characters, Backspace, Delete, Ctrl-A into form_driver requests:
 * TUI_HANDLED, or TUI_PASS for a key that is no editing. */
enum tui_result tui_textform_key(struct tui_textform *f, int key);
/* ACT_LEFT/RIGHT/HOME/END; Left/Right pass at the text's edge. */
enum tui_result tui_textform_action(struct tui_textform *f, enum tui_action a);
/* Draws what libform shows of input i at y, x (its width) in the field
 * roles; with focus, the cursor is left where libform has it. */
void tui_textform_draw(const struct tui_app *app, struct tui_textform *f, size_t i, int y, int x,
		       bool focus, bool invalid);
/* listmenu.c: a list's selection and scrolling on libmenu (the MENU stays
 * inside; see the top of listmenu.c).  Owned by one screen or dialog:
 * _new after curses started, _free in its .close. */
struct tui_list;
struct tui_list *tui_list_new(void);
void tui_list_free(struct tui_list *l);
/* The list now has n rows; sel becomes the current one (clamped). */
void tui_list_set(struct tui_list *l, size_t n, size_t sel);
/* Rows the list shows (at least 1); the current row stays current. */
void tui_list_set_rows(struct tui_list *l, int rows);
size_t tui_list_count(const struct tui_list *l);
/* The current row and the first visible one (0 for an empty list). */
size_t tui_list_sel(const struct tui_list *l);
size_t tui_list_top(const struct tui_list *l);
/* For drawing rows rows of the list (tui_list_set_rows): sets *top to the
 * first visible row and *sel to the current one; returns how many rows
 * from *top there are to draw (0 when rows < 1). */
int tui_list_view(struct tui_list *l, int rows, size_t *top, size_t *sel);
void tui_list_select(struct tui_list *l, size_t i);
/* Up/Down, PgUp/PgDn, Home/End as menu_driver requests: TUI_HANDLED (also
 * at an end, where nothing moves), TUI_PASS for any other action. */
enum tui_result tui_list_action(struct tui_list *l, enum tui_action a);
/* A finder's moves (a one-line query above a list): Left/Right move in the
 * query, Tab/Shift-Tab and the list keys move in the list.  TUI_HANDLED,
 * or TUI_PASS for any other action. */
enum tui_result tui_finder_action(struct tui_textform *query, struct tui_list *l,
				  enum tui_action a);

#endif
