/* draw.c - drawing helpers and the one-line field editor shared by the
 * form and the dialogs.
 *
 * Text is clipped to the width given, never wrapped; everything is ASCII so
 * that a screen dump reads the same as the screen.
 */
#include "tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"
#include "afcq/str.h"

void tui_put(const struct tui_app *app, int y, int x, int w, enum tui_role r, const char *s)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset(app->theme.attr[r]);
	int i = 0;
	for (; s && s[i] && i < w; i++) {
		unsigned char c = (unsigned char)s[i];
		mvaddch(y, x + i, (c < 32 || c > 126) ? '?' : c);
	}
	attrset(A_NORMAL);
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

void tui_fill(const struct tui_app *app, int y, int x, int w, enum tui_role r)
{
	if (y < 0 || y >= LINES || w <= 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset(app->theme.attr[r]);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

struct tui_rect tui_dialog_frame(const struct tui_app *app, int h, int w, const char *title)
{
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
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
		tui_putf(app, y, x + 2, w - 4, ROLE_TITLE, " %s ", title);
	struct tui_rect in = { y + 1, x + 2, h - 2, w - 4 };
	return in;
}

void tui_edit_load(struct tui_app *app, struct tui_edit *e, enum tui_table t, size_t fi, size_t rec)
{
	char *s = tui_field_text(app, t, fi, rec);
	e->active = true;
	e->t = t;
	e->fi = fi;
	e->rec = rec;
	snprintf(e->buf, sizeof e->buf, "%s", s);
	e->len = strlen(e->buf);
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

enum tui_result tui_edit_key(struct tui_edit *e, int key)
{
	if (!e->active)
		return TUI_PASS;
	if (key >= 32 && key < 127) {
		if (e->fresh) {
			e->len = e->cur = 0;
			e->buf[0] = '\0';
		}
		e->fresh = false;
		if (e->len + 1 >= sizeof e->buf)
			return TUI_HANDLED;
		memmove(e->buf + e->cur + 1, e->buf + e->cur, e->len - e->cur + 1);
		e->buf[e->cur++] = (char)key;
		e->len++;
		e->dirty = true;
		return TUI_HANDLED;
	}
	switch (key) {
	case KEY_BACKSPACE:
	case 127:
	case 8:
		e->fresh = false;
		if (e->cur == 0)
			return TUI_HANDLED;
		memmove(e->buf + e->cur - 1, e->buf + e->cur, e->len - e->cur + 1);
		e->cur--;
		e->len--;
		e->dirty = true;
		return TUI_HANDLED;
	case KEY_DC:
		e->fresh = false;
		if (e->cur < e->len) {
			memmove(e->buf + e->cur, e->buf + e->cur + 1, e->len - e->cur);
			e->len--;
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
		e->cur--;
		return TUI_HANDLED;
	case ACT_RIGHT:
		if (e->fresh || e->cur == e->len)
			return TUI_PASS;
		e->cur++;
		return TUI_HANDLED;
	case ACT_END:
		e->fresh = false;
		e->cur = e->len;
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}

void tui_edit_draw(const struct tui_app *app, const struct tui_edit *e, int y, int x, int w,
		   bool focus)
{
	const char *problem = tui_field_problem(app, e->t, e->fi, e->rec);
	enum tui_role r = focus ? ROLE_FOCUS : problem ? ROLE_INVALID : ROLE_FIELD;
	tui_fill(app, y, x, w, r);
	size_t start = 0;
	if (e->cur >= (size_t)w)
		start = e->cur - (size_t)w + 1;
	tui_put(app, y, x, w, r, e->buf + start);
	if (focus) {
		move(y, x + (int)(e->cur - start));
	}
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
			move(y, x + 1);
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

const char *tui_rate_text(int calc, double rate, char *buf, size_t n)
{
	char num[64];
	switch (calc) {
	case 1: /* percentage */
		/* rate * 100 may carry binary noise: keep it short */
		snprintf(buf, n, "%.10g%%", rate * 100.0);
		break;
	case 2:
		snprintf(buf, n, "%s fix", afcq_number_format(rate, num, sizeof num));
		break;
	case 3:
		snprintf(buf, n, "%s/min", afcq_number_format(rate, num, sizeof num));
		break;
	case 4:
		snprintf(buf, n, "%s/line", afcq_number_format(rate, num, sizeof num));
		break;
	default:
		snprintf(buf, n, "%s", afcq_number_format(rate, num, sizeof num));
		break;
	}
	return buf;
}
