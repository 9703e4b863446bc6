/* dialog_help.c - F1: every action with its keys and help text, generated
 * from actions.def (the same table the keymap and the key bar use).
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

#define HELP_W 50

struct help {
	char **lines;
	size_t n, top;
};

static void add(struct help *h, char *line)
{
	h->lines = afcq_xrealloc(h->lines, (h->n + 1) * sizeof *h->lines);
	h->lines[h->n++] = line;
}

static void help_open(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct help *h = v->state;
	add(h, afcq_xstrdup("Keys (Alt+letter works everywhere; the plain letter where no text"));
	add(h, afcq_xstrdup("field has the focus). Ctrl-S, Ctrl-Q, Ctrl-C and Ctrl-Z are not bound."));
	add(h, afcq_xstrdup(""));
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *ai = tui_action_info((enum tui_action)a);
		char k1[16] = "", k2[16] = "", keys[48];
		if (ai->key)
			tui_key_name(ai->key, k1, sizeof k1);
		if (ai->key2)
			tui_key_name(ai->key2, k2, sizeof k2);
		snprintf(keys, sizeof keys, "%s%s%s", k1, k2[0] ? " " : "", k2);
		char alias[8] = "";
		if (ai->alias)
			snprintf(alias, sizeof alias, "%c", ai->alias);
		/* the help text wraps under itself */
		const char *t = ai->help;
		bool first = true;
		while (*t || first) {
			size_t len = strlen(t);
			if (len > HELP_W) {
				len = HELP_W;
				while (len > 0 && t[len] != ' ')
					len--;
				if (len == 0)
					len = HELP_W;
			}
			if (first)
				add(h, afcq_xasprintf("%-8s %-1s %-11s %.*s", keys, alias, ai->name + 4,
						      (int)len, t));
			else
				add(h, afcq_xasprintf("%-22s %.*s", "", (int)len, t));
			first = false;
			t += len;
			while (*t == ' ')
				t++;
		}
	}
	add(h, afcq_xstrdup(""));
	add(h, afcq_xstrdup("In a field: type to replace the value, Left/Right/Backspace/Del edit,"));
	add(h, afcq_xstrdup("Ctrl-A goes to the start; check boxes take Space, x or -."));
	add(h, afcq_xstrdup("The value is stored when you leave the field; a bad value stays as"));
	add(h, afcq_xstrdup("typed, marked with ! and its reason, and nothing is sent until fixed."));
}

static void help_draw(struct tui_app *app, struct tui_view *v)
{
	struct help *h = v->state;
	int rows = LINES - 6;
	if (rows > (int)h->n + 2)
		rows = (int)h->n + 2;
	struct tui_rect in = tui_dialog_frame(app, rows, 78, "Help (F1)  Up/Down scroll, Esc closes");
	if (h->top + (size_t)in.h > h->n)
		h->top = h->n > (size_t)in.h ? h->n - (size_t)in.h : 0;
	for (int i = 0; i < in.h && h->top + (size_t)i < h->n; i++)
		tui_put(app, in.y + i, in.x, in.w, ROLE_DIALOG, h->lines[h->top + (size_t)i]);
}

static enum tui_result help_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	(void)app;
	struct help *h = v->state;
	switch (a) {
	case ACT_UP:
		if (h->top)
			h->top--;
		return TUI_HANDLED;
	case ACT_DOWN:
		h->top++;
		return TUI_HANDLED;
	case ACT_PAGE_UP:
		h->top = h->top > 10 ? h->top - 10 : 0;
		return TUI_HANDLED;
	case ACT_PAGE_DOWN:
		h->top += 10;
		return TUI_HANDLED;
	case ACT_HOME:
		h->top = 0;
		return TUI_HANDLED;
	case ACT_END:
		h->top = h->n;
		return TUI_HANDLED;
	case ACT_CANCEL:
	case ACT_ENTER:
	case ACT_HELP:
		return TUI_CLOSE;
	case ACT_QUIT:
	case ACT_REDRAW:
		return TUI_PASS;
	default:
		return TUI_HANDLED;
	}
}

static void help_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct help *h = v->state;
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

const struct tui_view_ops tui_dialog_help_ops = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.on_action = help_on_action,
	.close = help_close,
};

void tui_open_help(struct tui_app *app)
{
	if (tui_top(app)->ops == &tui_dialog_help_ops)
		return;
	tui_push(app, &tui_dialog_help_ops, afcq_xcalloc(1, sizeof(struct help)));
}
