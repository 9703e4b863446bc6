/* draw.c - drawing helpers and the one-line field editor of the form's
 * header and item grid (the dialogs' inputs are libform fields, see
 * textform.c; fields.c says why the form keeps this editor).
 *
 * Drawing goes to the window being drawn (app->canvas: stdscr, or a
 * dialog's overlay once tui_dialog_frame placed it), in screen
 * coordinates translated to the window's.
 *
 * Text is UTF-8, clipped to the width given in display columns (wcwidth),
 * never wrapped.  A character the terminal's locale cannot show, a control
 * character or a broken UTF-8 sequence is drawn as '?', one column.  The
 * field editor keeps UTF-8 bytes and moves its cursor by character; a
 * screen dump reads back the same characters as the screen.
 */
#include "tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "afcq/money.h"
#include "afcq/str.h"
#include "afcq/validate.h"

size_t tui_utf8_decode(const char *s, size_t n, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t len;
	unsigned long c;
	unsigned long min;
	if ((u[0] & 0xe0) == 0xc0) {
		len = 2, c = u[0] & 0x1f, min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3, c = u[0] & 0x0f, min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		*cp = TUI_BAD_CHAR;
		return 1;
	}
	if (len > n) {
		*cp = TUI_BAD_CHAR;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = TUI_BAD_CHAR;
			return 1;
		}
		c = c << 6 | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = TUI_BAD_CHAR;
		return 1;
	}
	*cp = c;
	return len;
}

size_t tui_utf8_encode(unsigned long cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	if (cp > 0x10ffff)
		return 0;
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Columns a code point takes on screen: 0 or more from wcwidth, 1 for what
 * is drawn as '?' (control, bad sequence, not printable here). */
static int char_cols(unsigned long cp, bool *shown)
{
	*shown = false;
	if (cp < 32 || cp == 127 || cp == TUI_BAD_CHAR)
		return 1;
	if (cp < 127) {
		*shown = true;
		return 1;
	}
	int w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	*shown = true;
	return w;
}

int tui_text_width(const char *s, size_t n)
{
	int cols = 0;
	for (size_t i = 0; i < n && s[i];) {
		unsigned long cp;
		bool shown;
		i += tui_utf8_decode(s + i, n - i, &cp);
		cols += char_cols(cp, &shown);
	}
	return cols;
}

/* The window drawing goes to and the screen position of its corner. */
static WINDOW *canvas(const struct tui_app *app, int *oy, int *ox)
{
	WINDOW *w = app->canvas ? app->canvas : stdscr;
	*oy = getbegy(w);
	*ox = getbegx(w);
	return w;
}

void tui_put(const struct tui_app *app, int y, int x, int w, enum tui_role r, const char *s)
{
	int oy, ox;
	WINDOW *win = canvas(app, &oy, &ox);
	y -= oy;
	x -= ox;
	if (w <= 0 || y < 0 || x < 0 || y >= getmaxy(win) || x >= getmaxx(win))
		return;
	if (x + w > getmaxx(win))
		w = getmaxx(win) - x;
	wattrset(win, app->theme.attr[r]);
	size_t n = s ? strlen(s) : 0;
	int col = 0;
	for (size_t i = 0; i < n && col < w;) {
		unsigned long cp;
		bool shown;
		i += tui_utf8_decode(s + i, n - i, &cp);
		int cw = char_cols(cp, &shown);
		if (col + cw > w)
			break;
		if (!shown) {
			mvwaddch(win, y, x + col, '?');
		} else if (cp < 127) {
			mvwaddch(win, y, x + col, (chtype)cp);
		} else if (cw > 0) {
			wchar_t wc[2] = { (wchar_t)cp, 0 };
			cchar_t cc;
			setcchar(&cc, wc, app->theme.attr[r], 0, NULL);
			mvwadd_wch(win, y, x + col, &cc);
		}
		col += cw;
	}
	wattrset(win, A_NORMAL);
}

void tui_putf(const struct tui_app *app, int y, int x, int w, enum tui_role r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	tui_put(app, y, x, w, r, buf);
}

char *tui_words_fit(const char *s, int w)
{
	size_t n = s ? strlen(s) : 0;
	if (w <= 0 || tui_text_width(s ? s : "", n) <= w)
		return afcq_xstrdup(s ? s : "");
	/* the words that fit with "..." after them; a first word wider
	 * than that is cut, as nothing else would show */
	size_t cut = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ' ' && i > 0 && s[i - 1] != ' ') {
			if (tui_text_width(s, i) + 3 > w)
				break;
			cut = i;
		}
	if (cut == 0)
		return afcq_xstrdup(s);
	while (cut > 0 && strchr(" ,;:(-", s[cut - 1]))
		cut--; /* no dangling separator before the dots */
	return afcq_xasprintf("%.*s...", (int)cut, s);
}

int tui_wrap(const char *s, int w, size_t *start, int max)
{
	size_t n = strlen(s), pos = 0;
	int rows = 0;
	if (w <= 0 || max <= 0)
		return 0;
	for (;;) {
		if (rows > 0)
			while (pos < n && s[pos] == ' ')
				pos++; /* a row never starts with the space it broke at */
		if (rows == max)
			return pos < n ? max + 1 : max;
		start[rows++] = pos;
		if (tui_text_width(s + pos, n - pos) <= w)
			return rows;
		/* the last space that leaves the words before it within w;
		 * a word wider than a row is cut at the character that does
		 * not fit */
		size_t brk = 0, cut = pos;
		for (size_t i = pos; i < n;) {
			unsigned long cp;
			size_t len = tui_utf8_decode(s + i, n - i, &cp);
			if (tui_text_width(s + pos, i + len - pos) > w)
				break;
			i += len;
			cut = i;
			if (i < n && s[i] == ' ' && s[i - 1] != ' ')
				brk = i;
		}
		pos = brk > pos ? brk : cut > pos ? cut : pos + 1;
	}
}

void tui_put_words(const struct tui_app *app, int y, int x, int w, enum tui_role r, const char *s)
{
	char *t = tui_words_fit(s, w);
	tui_put(app, y, x, w, r, t);
	free(t);
}

void tui_putf_words(const struct tui_app *app, int y, int x, int w, enum tui_role r,
		    const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	tui_put_words(app, y, x, w, r, buf);
}

void tui_fill(const struct tui_app *app, int y, int x, int w, enum tui_role r)
{
	int oy, ox;
	WINDOW *win = canvas(app, &oy, &ox);
	y -= oy;
	x -= ox;
	if (x < 0) {
		w += x;
		x = 0;
	}
	if (y < 0 || y >= getmaxy(win) || w <= 0 || x >= getmaxx(win))
		return;
	if (x + w > getmaxx(win))
		w = getmaxx(win) - x;
	wattrset(win, app->theme.attr[r]);
	mvwhline(win, y, x, ' ', w);
	wattrset(win, A_NORMAL);
}

void tui_move(const struct tui_app *app, int y, int x)
{
	int oy, ox;
	WINDOW *win = canvas(app, &oy, &ox);
	wmove(win, y - oy, x - ox);
}

struct tui_rect tui_dialog_frame(struct tui_app *app, int h, int w, const char *title)
{
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	/* a dialog (not the main screen) draws in its own overlay */
	struct tui_view *v = app->drawing;
	if (v && v != &app->stack[0] && h > 0 && w > 0) {
		if (!v->overlay)
			v->overlay = tui_overlay_new();
		WINDOW *win = tui_overlay_place(v->overlay, y, x, h, w);
		if (win) {
			wbkgdset(win, ' ' | app->theme.attr[ROLE_DIALOG]);
			werase(win);
			app->canvas = win;
			v->overlaid = true;
		}
	}
	for (int r = 0; r < h; r++) {
		tui_fill(app, y + r, x, w, ROLE_DIALOG);
		tui_put(app, y + r, x, 1, ROLE_DIALOG, "|");
		tui_put(app, y + r, x + w - 1, 1, ROLE_DIALOG, "|");
	}
	char line[512];
	memset(line, '-', sizeof line);
	line[w < (int)sizeof line ? w : (int)sizeof line - 1] = '\0';
	line[0] = line[strlen(line) - 1] = '+';
	tui_put(app, y, x, w, ROLE_DIALOG, line);
	tui_put(app, y + h - 1, x, w, ROLE_DIALOG, line);
	if (title)
		tui_putf_words(app, y, x + 2, w - 4, ROLE_TITLE, " %s ", title);
	/* a key that did nothing here, said where the eyes are */
	if (v && v == tui_top(app) && app->dialog_note[0])
		tui_putf_words(app, y + h - 1, x + 2, w - 4, ROLE_ERROR, " %s ", app->dialog_note);
	struct tui_rect in = { y + 1, x + 2, h - 2, w - 4 };
	return in;
}

/* The byte before the character that ends at i; the start of the next
 * character after i. */
static size_t prev_char(const char *b, size_t i)
{
	while (i > 0 && ((unsigned char)b[--i] & 0xc0) == 0x80)
		;
	return i;
}

static size_t next_char(const char *b, size_t len, size_t i)
{
	if (i < len)
		i++;
	while (i < len && ((unsigned char)b[i] & 0xc0) == 0x80)
		i++;
	return i;
}

/* Bytes a field's text may hold: the request's string limit for string
 * fields of the form, else what the buffer holds. */
static size_t edit_limit(const struct tui_edit *e)
{
	size_t n;
	const struct tui_field_def *f = e->t < TBL_COUNT ? tui_fields(e->t, &n) : NULL;
	if (f && e->fi < n && f[e->fi].type == FT_STR)
		return AFCQ_MAX_STR;
	return sizeof e->buf - 1;
}

void tui_edit_load(struct tui_app *app, struct tui_edit *e, enum tui_table t, size_t fi, size_t rec)
{
	char *s = tui_field_text(app, t, fi, rec);
	e->active = true;
	e->t = t;
	e->fi = fi;
	e->rec = rec;
	size_t len = strlen(s);
	if (len > sizeof e->buf - 1) {
		/* never half a character */
		len = sizeof e->buf - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(e->buf, s, len);
	e->buf[len] = '\0';
	e->len = len;
	e->cur = e->len;
	e->fresh = true;
	e->dirty = false;
	free(s);
}

int tui_edit_commit(struct tui_app *app, struct tui_edit *e)
{
	if (!e->active || !e->dirty)
		return 0;
	e->dirty = false;
	char msg[512];
	if (tui_field_set(app, e->t, e->fi, e->rec, e->buf, msg, sizeof msg) != 0) {
		tui_message(app, ROLE_ERROR, "%s", msg);
		return -1;
	}
	return 0;
}

unsigned long tui_typed_char(int key)
{
	if (key >= 32 && key < 127)
		return (unsigned long)key;
	if (key & TUI_KEY_UNICODE) {
		unsigned long cp = (unsigned long)(key & ~TUI_KEY_UNICODE);
		if (cp >= 0xa0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff))
			return cp;
	}
	return 0;
}

enum tui_result tui_edit_key(struct tui_edit *e, int key)
{
	if (!e->active)
		return TUI_PASS;
	unsigned long cp = tui_typed_char(key);
	if (cp) {
		char u[4];
		size_t n = tui_utf8_encode(cp, u);
		if (e->fresh) {
			e->len = e->cur = 0;
			e->buf[0] = '\0';
		}
		e->fresh = false;
		/* a character that does not fit whole is not typed */
		if (n == 0 || e->len + n > edit_limit(e))
			return TUI_HANDLED;
		memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
		memcpy(e->buf + e->cur, u, n);
		e->cur += n;
		e->len += n;
		e->dirty = true;
		return TUI_HANDLED;
	}
	if (key & TUI_KEY_UNICODE)
		return TUI_HANDLED; /* a character not typed: never a command */
	switch (key) {
	case KEY_BACKSPACE:
	case 127:
	case 8: {
		e->fresh = false;
		if (e->cur == 0)
			return TUI_HANDLED;
		size_t from = prev_char(e->buf, e->cur);
		memmove(e->buf + from, e->buf + e->cur, e->len - e->cur + 1);
		e->len -= e->cur - from;
		e->cur = from;
		e->dirty = true;
		return TUI_HANDLED;
	}
	case KEY_DC:
		e->fresh = false;
		if (e->cur < e->len) {
			size_t to = next_char(e->buf, e->len, e->cur);
			memmove(e->buf + e->cur, e->buf + to, e->len - to + 1);
			e->len -= to - e->cur;
			e->dirty = true;
		}
		return TUI_HANDLED;
	case CTRL_KEY('a'):
		e->fresh = false;
		e->cur = 0;
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}

enum tui_result tui_edit_action(struct tui_edit *e, enum tui_action a)
{
	if (!e->active)
		return TUI_PASS;
	switch (a) {
	/* Left/Right move within the text being edited; on a field just
	 * entered, or at its edge, they pass on (to the next field). */
	case ACT_LEFT:
		if (e->fresh || e->cur == 0)
			return TUI_PASS;
		e->cur = prev_char(e->buf, e->cur);
		return TUI_HANDLED;
	case ACT_RIGHT:
		if (e->fresh || e->cur == e->len)
			return TUI_PASS;
		e->cur = next_char(e->buf, e->len, e->cur);
		return TUI_HANDLED;
	case ACT_END:
		e->fresh = false;
		e->cur = e->len;
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}

/* The first byte shown of e in w columns: scrolled by whole characters
 * until the cursor's column fits, the character under it inside the
 * field, the end of the text on the column after it (the closing
 * bracket), so a text that fits shows whole. */
static size_t edit_start(const struct tui_edit *e, int w)
{
	size_t start = 0;
	int room = e->cur < e->len ? w - 1 : w;
	while (start < e->cur && tui_text_width(e->buf + start, e->cur - start) > room)
		start = next_char(e->buf, e->len, start);
	return start;
}

int tui_edit_cursor_col(const struct tui_edit *e, int w)
{
	size_t start = edit_start(e, w);
	return tui_text_width(e->buf + start, e->cur - start);
}

void tui_edit_draw(const struct tui_app *app, const struct tui_edit *e, int y, int x, int w,
		   bool focus)
{
	const char *problem = tui_field_problem(app, e->t, e->fi, e->rec);
	enum tui_role r = focus ? ROLE_FOCUS : problem ? ROLE_INVALID : ROLE_FIELD;
	tui_fill(app, y, x, w, r);
	if (w <= 0)
		return;
	size_t start = edit_start(e, w);
	tui_put(app, y, x, w, r, e->buf + start);
	if (focus)
		tui_move(app, y, x + tui_text_width(e->buf + start, e->cur - start));
}

void tui_field_draw(struct tui_app *app, enum tui_table t, size_t fi, size_t rec, int y, int x,
		    int w, bool focus)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(t, &n);
	if (fi >= n)
		return;
	const char *problem = tui_field_problem(app, t, fi, rec);
	if (f[fi].type == FT_BOOL) {
		char *s = tui_field_text(app, t, fi, rec);
		enum tui_role r = focus ? ROLE_FOCUS : problem ? ROLE_INVALID : ROLE_FIELD;
		tui_put(app, y, x, 1, ROLE_LABEL, "[");
		tui_put(app, y, x + 1, 1, r, strcmp(s, "x") == 0 ? "x" : " ");
		tui_put(app, y, x + 2, 1, ROLE_LABEL, "]");
		if (focus)
			tui_move(app, y, x + 1);
		free(s);
		return;
	}
	tui_put(app, y, x, 1, ROLE_LABEL, "[");
	if (focus && app->form.edit.active && app->form.edit.t == t && app->form.edit.fi == fi &&
	    app->form.edit.rec == rec) {
		tui_edit_draw(app, &app->form.edit, y, x + 1, w, true);
	} else {
		char *s = tui_field_text(app, t, fi, rec);
		enum tui_role r = focus ? ROLE_FOCUS : problem ? ROLE_INVALID : ROLE_FIELD;
		tui_fill(app, y, x + 1, w, r);
		bool right = f[fi].type == FT_DBL || f[fi].type == FT_INT;
		int len = (int)strlen(s);
		if (right && len < w)
			tui_put(app, y, x + 1 + w - len, len, r, s);
		else
			tui_put(app, y, x + 1, w, r, s);
		free(s);
	}
	tui_put(app, y, x + 1 + w, 1, ROLE_LABEL, "]");
	if (problem && !focus)
		tui_put(app, y, x, 1, ROLE_INVALID, "!");
}

/* One format for both front ends (money.h). */
const char *tui_rate_text(int calc, double rate, char *buf, size_t n)
{
	return afcq_rate_format(calc, rate, buf, n);
}

const char *tui_error_text(const struct afcq_error *e, char *buf, size_t n)
{
	bool exchange = e->status == AFCQ_ERR_NET || e->status == AFCQ_ERR_HTTP ||
			e->status == AFCQ_ERR_PARSE || strstr(e->where, "://");
	if (!exchange || !e->where[0] || !e->msg[0])
		return afcq_error_line(e, buf, n);
	snprintf(buf, n, "%s (%s)", e->msg, e->where);
	return buf;
}
