/* dialog_confirm.c - a box of text that asks yes/no (confirm) or only
 * informs (message).  Enter or y confirms, Esc or n declines; the callback
 * runs after the dialog is closed, so it may open another one.  A question
 * whose "yes" loses something (quit and discard) takes only y: Enter
 * declines too, and F10 pressed again does nothing.
 */
#include "tui.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct confirm {
	char *title;
	char *text;
	tui_confirm_fn yes;   /* NULL: a message */
	void *data;
	bool default_no;      /* only y confirms */
};

static int count_lines(const char *s, int *maxw)
{
	int n = 1, w = 0;
	*maxw = 0;
	for (; *s; s++) {
		if (*s == '\n') {
			n++;
			w = 0;
		} else if (++w > *maxw) {
			*maxw = w;
		}
	}
	return n;
}

static void confirm_draw(struct tui_app *app, struct tui_view *v)
{
	struct confirm *c = v->state;
	int maxw;
	int n = count_lines(c->text, &maxw);
	int w = maxw + 6 < 50 ? 50 : maxw + 6;
	struct tui_rect in = tui_dialog_frame(app, n + 4, w, c->title);
	const char *p = c->text;
	for (int i = 0; i < n && i < in.h; i++) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char line[512];
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		tui_put(app, in.y + i, in.x, in.w, ROLE_DIALOG, line);
		p = e ? e + 1 : p + len;
	}
	tui_put(app, in.y + in.h - 1, in.x, in.w, ROLE_TITLE,
		!c->yes ? "Enter or Esc: close"
		: c->default_no ? "y: yes    n, Esc or Enter: no" : "Enter: yes, go ahead    Esc: no");
}

/* Closes the dialog, then runs its callback (which may open another). */
static enum tui_result accept(struct tui_app *app, struct confirm *c)
{
	tui_confirm_fn yes = c->yes;
	void *data = c->data;
	c->data = NULL;
	tui_pop(app);
	yes(app, data);
	free(data);
	return TUI_HANDLED;
}

/* Also called while the terminal is too small to show the dialog, so a
 * question asked then (quit and discard?) can still be answered. */
static enum tui_result confirm_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	struct confirm *c = v->state;
	if (c->yes && (key == 'y' || key == 'Y'))
		return accept(app, c);
	if (key == 'n' || key == 'N')
		return TUI_CLOSE;
	return TUI_PASS;
}

static enum tui_result confirm_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct confirm *c = v->state;
	switch (a) {
	case ACT_ENTER:
		if (c->yes && !c->default_no)
			return accept(app, c);
		return TUI_CLOSE;
	case ACT_QUIT:
		return c->default_no ? TUI_HANDLED : TUI_PASS;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void confirm_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct confirm *c = v->state;
	free(c->title);
	free(c->text);
	free(c->data);
	free(c);
}

const struct tui_view_ops tui_dialog_confirm_ops = {
	.name = "confirm",
	.draw = confirm_draw,
	.on_key = confirm_on_key,
	.on_action = confirm_on_action,
	.close = confirm_close,
	.keys = "y yes, n or Esc no",
};

const struct tui_view_ops tui_dialog_message_ops = {
	.name = "message",
	.draw = confirm_draw,
	.on_action = confirm_on_action,
	.close = confirm_close,
	.keys = "Enter or Esc closes",
};

void tui_confirm(struct tui_app *app, const char *title, const char *lines, tui_confirm_fn yes,
		 void *data)
{
	struct confirm *c = afcq_xcalloc(1, sizeof *c);
	c->title = afcq_xstrdup(title);
	c->text = afcq_xstrdup(lines);
	c->yes = yes;
	c->data = data;
	tui_push(app, &tui_dialog_confirm_ops, c);
}

void tui_confirm_default_no(struct tui_app *app, const char *title, const char *lines,
			    tui_confirm_fn yes, void *data)
{
	tui_confirm(app, title, lines, yes, data);
	struct tui_view *v = tui_top(app);
	if (v->ops == &tui_dialog_confirm_ops)
		((struct confirm *)v->state)->default_no = true;
}

void tui_show_message(struct tui_app *app, const char *title, const char *lines)
{
	struct confirm *c = afcq_xcalloc(1, sizeof *c);
	c->title = afcq_xstrdup(title);
	c->text = afcq_xstrdup(lines);
	tui_push(app, &tui_dialog_message_ops, c);
}
