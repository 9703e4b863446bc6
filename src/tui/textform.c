/* textform.c - one-line text inputs of a dialog, edited by libform.
 *
 * Each dialog that asks for text (invoice, commit, the one-line prompts,
 * the PCode finder, the T/S picker's words, the item-detail and exemption
 * fields) owns one struct tui_textform: a FORM with one FIELD per
 * input, laid out one per row on a window of its own that is never shown.
 * The dialog turns our actions and typed keys into form_driver() /
 * form_driver_w() requests through tui_textform_key/_action; libform keeps
 * the text, the cursor and the horizontal scrolling.  The dialog draws a
 * field by asking for what libform shows of it (the cells of its row in the
 * form's window) and puts that text where the field sits, in our colour
 * roles, so the frame, the labels and the screen dump stay ours.
 *
 * Text is wide characters inside libform and UTF-8 outside.  A byte limit
 * per input keeps what is typed within what the caller can store; a
 * character that would not fit whole is not typed.  As in the form, the
 * first character typed into a field just given the focus replaces its
 * text ("fresh"), so a suggestion is overwritten, never appended to.
 * libform pads a field with blanks, so trailing blanks are not part of
 * what an input reads back.
 */
#include "tui.h"

#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "afcq/str.h"

struct tui_textform {
	FORM *form;
	FIELD **fields;          /* n + 1, NULL-terminated as libform wants */
	WINDOW *win;             /* the form's own window, never refreshed */
	size_t n;
	int *width;              /* columns each input shows */
	size_t *max_bytes;       /* UTF-8 bytes each input may hold */
	char **text;             /* last text read (tui_textform_text), per input */
	bool fresh;              /* the next character typed replaces the text */
	size_t cur;              /* the cursor: characters before it in the current input */
	bool dirty;              /* an editing key changed the text since set/clean */
	char **kept;             /* per input: the text set, when libform could not
				  * hold all of it (a character the locale cannot
				  * show); it is the input's text until edited */
};

/* libform refuses only for want of memory (our sizes are valid): fatal,
 * as for every allocation (exit() lets the terminal be restored). */
static void out_of_memory(void)
{
	fputs("afcq: out of memory (text form)\n", stderr);
	exit(70);
}

/* Index of the current field. */
static size_t current(const struct tui_textform *f)
{
	int i = field_index(current_field(f->form));
	return i < 0 ? 0 : (size_t)i;
}

/* Makes the fields (at f->width), the window and the form, and posts it. */
static void build(struct tui_textform *f)
{
	int maxw = 1;
	for (size_t i = 0; i < f->n; i++) {
		/* one column more than is shown: libform scrolls a full field
		 * as soon as its cursor passes the last column, which would
		 * hide the first character of a text that fits exactly; the
		 * extra column holds the cursor past the end instead */
		int fw = f->width[i] + 1;
		if (fw > maxw)
			maxw = fw;
		FIELD *fld = new_field(1, fw, (int)i, 0, 0, 0);
		if (!fld)
			out_of_memory();
		/* one line that grows sideways (scrolls) up to the limit; no
		 * skipping to the next field when full, no clearing on typing
		 * at the start: the fresh rule below decides that */
		field_opts_off(fld, O_STATIC | O_AUTOSKIP | O_BLANK | O_WRAP);
		set_max_field(fld, (int)f->max_bytes[i]);
		f->fields[i] = fld;
	}
	f->win = newwin((int)f->n, maxw, 0, 0);
	f->form = f->win ? new_form(f->fields) : NULL;
	if (!f->form)
		out_of_memory();
	set_form_win(f->form, f->win);
	set_form_sub(f->form, f->win);
	post_form(f->form);
}

static void drop(struct tui_textform *f)
{
	unpost_form(f->form);
	free_form(f->form);
	for (size_t i = 0; i < f->n; i++)
		free_field(f->fields[i]);
	delwin(f->win);
}

struct tui_textform *tui_textform_new(size_t n, const int *width, size_t max_bytes)
{
	struct tui_textform *f = afcq_xcalloc(1, sizeof *f);
	f->n = n;
	f->fields = afcq_xcalloc(n + 1, sizeof *f->fields);
	f->width = afcq_xcalloc(n, sizeof *f->width);
	f->max_bytes = afcq_xcalloc(n, sizeof *f->max_bytes);
	f->text = afcq_xcalloc(n, sizeof *f->text);
	f->kept = afcq_xcalloc(n, sizeof *f->kept);
	for (size_t i = 0; i < n; i++) {
		f->width[i] = width[i] > 0 ? width[i] : 1;
		f->max_bytes[i] = max_bytes;
	}
	build(f);
	f->fresh = true;
	return f;
}

void tui_textform_free(struct tui_textform *f)
{
	if (!f)
		return;
	drop(f);
	for (size_t i = 0; i < f->n; i++) {
		free(f->text[i]);
		free(f->kept[i]);
	}
	free(f->kept);
	free(f->fields);
	free(f->width);
	free(f->max_bytes);
	free(f->text);
	free(f);
}

/* libform places a character by its width: one the locale cannot show
 * (wcwidth -1, e.g. any letter beyond ASCII in the C locale) would be
 * misplaced, so it is never given to it. */
static bool showable(wchar_t wc)
{
	return wcwidth(wc) >= 0;
}

/* Wide characters of s (UTF-8), 0-terminated; broken bytes are dropped. */
static wchar_t *to_wide(const char *s)
{
	size_t n = strlen(s);
	wchar_t *w = afcq_xcalloc(n + 1, sizeof *w);
	size_t j = 0;
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		i += tui_utf8_decode(s + i, n - i, &cp);
		if (cp != TUI_BAD_CHAR)
			w[j++] = (wchar_t)cp;
	}
	w[j] = 0;
	return w;
}

static size_t text_chars(struct tui_textform *f, size_t i);

void tui_textform_set(struct tui_textform *f, size_t i, const char *text)
{
	if (i >= f->n)
		return;
	size_t keep = current(f);
	/* whole characters within the limit */
	size_t len = strlen(text ? text : "");
	if (len > f->max_bytes[i]) {
		len = f->max_bytes[i];
		while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	char *cut = afcq_xstrndup(text ? text : "", len);
	/* typed in through the driver: libform's own way of filling a field,
	 * wide characters included, cursor left at the end */
	set_current_field(f->form, f->fields[i]);
	form_driver(f->form, REQ_CLR_FIELD);
	wchar_t *w = to_wide(cut);
	bool lost = false;
	for (size_t k = 0; w[k]; k++)
		if (!showable(w[k]) || form_driver_w(f->form, OK, w[k]) != E_OK)
			lost = true;
	free(w);
	free(f->kept[i]);
	f->kept[i] = lost ? cut : NULL; /* nothing loaded is lost unless edited */
	if (!lost)
		free(cut);
	form_driver(f->form, REQ_VALIDATION);
	set_current_field(f->form, f->fields[keep]);
	f->dirty = false;
	if (keep != i)
		return; /* the cursor's input keeps its place */
	form_driver(f->form, REQ_END_LINE);
	f->cur = text_chars(f, i);
	f->fresh = true;
}

void tui_textform_set_width(struct tui_textform *f, size_t i, int width)
{
	if (width < 1)
		width = 1;
	if (i >= f->n || width == f->width[i])
		return;
	/* a posted field cannot change size: the form is made again with
	 * the texts, the cursor's input and place, and the fresh rule kept */
	size_t keep = current(f), cur = f->cur;
	bool fresh = f->fresh, dirty = f->dirty;
	char **texts = afcq_xcalloc(f->n, sizeof *texts);
	for (size_t k = 0; k < f->n; k++)
		texts[k] = afcq_xstrdup(tui_textform_text(f, k));
	drop(f);
	f->width[i] = width;
	build(f);
	for (size_t k = 0; k < f->n; k++) {
		tui_textform_set(f, k, texts[k]);
		free(texts[k]);
	}
	free(texts);
	set_current_field(f->form, f->fields[keep]);
	form_driver(f->form, REQ_BEG_LINE);
	for (size_t k = 0; k < cur; k++)
		form_driver(f->form, REQ_NEXT_CHAR);
	f->cur = cur;
	f->fresh = fresh;
	f->dirty = dirty;
}

const char *tui_textform_text(struct tui_textform *f, size_t i)
{
	if (i >= f->n)
		return "";
	if (f->kept[i])
		return f->kept[i];
	/* what the cursor's field holds reaches its buffer on validation */
	form_driver(f->form, REQ_VALIDATION);
	const char *raw = field_buffer(f->fields[i], 0);
	size_t n = raw ? strlen(raw) : 0;
	while (n && raw[n - 1] == ' ')
		n--; /* libform pads with blanks */
	free(f->text[i]);
	f->text[i] = afcq_xstrndup(raw ? raw : "", n);
	return f->text[i];
}

void tui_textform_set_limit(struct tui_textform *f, size_t i, size_t max_bytes)
{
	if (i < f->n && max_bytes < f->max_bytes[i])
		f->max_bytes[i] = max_bytes;
}

void tui_textform_append(struct tui_textform *f)
{
	f->fresh = false;
}

bool tui_textform_dirty(const struct tui_textform *f)
{
	return f->dirty;
}

void tui_textform_clean(struct tui_textform *f)
{
	f->dirty = false;
}

size_t tui_textform_current(const struct tui_textform *f)
{
	return current(f);
}

void tui_textform_focus(struct tui_textform *f, size_t i)
{
	if (i >= f->n)
		return;
	form_driver(f->form, REQ_VALIDATION);
	set_current_field(f->form, f->fields[i]);
	form_driver(f->form, REQ_END_LINE);
	f->cur = text_chars(f, i);
	f->fresh = true;
}

/* An editing key changed the cursor's input: libform's text is its text. */
static void edited(struct tui_textform *f)
{
	size_t i = current(f);
	f->dirty = true;
	free(f->kept[i]);
	f->kept[i] = NULL;
}

/* Characters in input i. */
static size_t text_chars(struct tui_textform *f, size_t i)
{
	wchar_t *w = to_wide(tui_textform_text(f, i));
	size_t n = wcslen(w);
	free(w);
	return n;
}

enum tui_result tui_textform_key(struct tui_textform *f, int key)
{
	unsigned long cp = tui_typed_char(key);
	if (cp) {
		size_t i = current(f);
		if (f->fresh) {
			form_driver(f->form, REQ_CLR_FIELD);
			f->cur = 0;
			edited(f);
		}
		f->fresh = false;
		char u[4];
		size_t n = tui_utf8_encode(cp, u);
		if (n == 0 || !showable((wchar_t)cp) ||
		    strlen(tui_textform_text(f, i)) + n > f->max_bytes[i])
			return TUI_HANDLED; /* a character that does not fit whole */
		if (form_driver_w(f->form, OK, (wchar_t)cp) == E_OK)
			f->cur++;
		edited(f);
		return TUI_HANDLED;
	}
	if (key & TUI_KEY_UNICODE)
		return TUI_HANDLED; /* a character not typed: never a command */
	switch (key) {
	case KEY_BACKSPACE:
	case 127:
	case 8:
		f->fresh = false;
		if (f->cur > 0 && form_driver(f->form, REQ_DEL_PREV) == E_OK) {
			f->cur--;
			edited(f);
		}
		return TUI_HANDLED;
	case KEY_DC:
		f->fresh = false;
		if (form_driver(f->form, REQ_DEL_CHAR) == E_OK)
			edited(f);
		return TUI_HANDLED;
	case CTRL_KEY('a'):
		f->fresh = false;
		form_driver(f->form, REQ_BEG_LINE);
		f->cur = 0;
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}

enum tui_result tui_textform_action(struct tui_textform *f, enum tui_action a)
{
	switch (a) {
	/* Left/Right move within the text; on a field just entered, or at
	 * its edge, they pass on to the dialog (libform would walk on into
	 * the blanks after the text). */
	case ACT_LEFT:
		if (f->fresh || f->cur == 0 || form_driver(f->form, REQ_PREV_CHAR) != E_OK)
			return TUI_PASS;
		f->cur--;
		return TUI_HANDLED;
	case ACT_RIGHT:
		if (f->fresh || f->cur >= text_chars(f, current(f)) ||
		    form_driver(f->form, REQ_NEXT_CHAR) != E_OK)
			return TUI_PASS;
		f->cur++;
		return TUI_HANDLED;
	case ACT_HOME:
		f->fresh = false;
		form_driver(f->form, REQ_BEG_LINE);
		f->cur = 0;
		return TUI_HANDLED;
	case ACT_END:
		f->fresh = false;
		form_driver(f->form, REQ_END_LINE);
		f->cur = text_chars(f, current(f));
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}

void tui_textform_draw(const struct tui_app *app, struct tui_textform *f, size_t i, int y, int x,
		       bool focus, bool invalid)
{
	if (i >= f->n)
		return;
	int w = f->width[i];
	enum tui_role r = focus ? ROLE_FOCUS : invalid ? ROLE_INVALID : ROLE_FIELD;
	tui_fill(app, y, x, w, r);
	int cx = 0, from = 0;
	if (focus && i == current(f)) {
		pos_form_cursor(f->form);
		cx = getcurx(f->win);
		/* the cursor on a character in libform's extra column: show
		 * the field one column further on, so that character shows;
		 * past the end of the text it stays on the column after */
		if (cx >= w && f->cur < text_chars(f, i))
			from = cx - w + 1;
	}
	/* the characters libform shows of the field: its row of the window */
	wchar_t cells[512];
	int n = w < (int)(sizeof cells / sizeof cells[0]) - 1 ? w : (int)(sizeof cells / sizeof cells[0]) - 1;
	if (mvwinnwstr(f->win, (int)i, from, cells, n) == ERR)
		cells[0] = 0;
	cells[n] = 0;
	char out[sizeof cells / sizeof cells[0] * 4 + 1];
	size_t len = 0;
	for (int k = 0; cells[k]; k++)
		len += tui_utf8_encode((unsigned long)cells[k], out + len);
	out[len] = '\0';
	tui_put(app, y, x, w, r, out);
	if (focus)
		tui_move(app, y, x + cx - from);
}
