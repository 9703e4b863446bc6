/* dialog_help.c - F1: every action with its keys and help text, generated
 * from actions.def (the same table the keymap, the key bar and the README's
 * key table use).
 *
 * The help is kept as logical lines, each with the indent its continuation
 * rows take; they are wrapped at word boundaries to the box's width when
 * drawn (and again when the width changes), so every word of every line is
 * on some row and Up/Down/PgUp/PgDn/Home/End reach them all at 80x24.
 * / searches the lines (ignoring case), n finds the next match; the rows
 * of the matching line are marked and scrolled into view.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct help_line {
	char *text;
	int indent;               /* columns of the continuation rows' indent */
	bool dim;                 /* an action not available where help was opened */
};

struct help {
	struct help_line *lines;  /* logical lines, owned */
	size_t n;
	char **rows;              /* lines wrapped to rows_w columns, owned */
	size_t *row_line;         /* the logical line of each row */
	size_t n_rows;
	int rows_w;               /* 0: not wrapped yet */
	size_t top;               /* first row shown */
	char search[128];
	long match;               /* logical line found, -1 none */
	bool scroll_to_match;     /* the next draw brings it into view */
};

static void add(struct help *h, char *text, int indent)
{
	h->lines = afcq_xrealloc(h->lines, (h->n + 1) * sizeof *h->lines);
	h->lines[h->n++] = (struct help_line){ text, indent, false };
}

/* The keys of an action: "F1", "C-w F12"; a second key that reads the same
 * as the first (Enter and the keypad's Enter) is named once. */
static void action_keys(const struct tui_action_info *ai, char *buf, size_t n)
{
	char k1[16] = "", k2[16] = "";
	if (ai->key)
		tui_key_name(ai->key, k1, sizeof k1);
	if (ai->key2)
		tui_key_name(ai->key2, k2, sizeof k2);
	if (strcmp(k1, k2) == 0)
		k2[0] = '\0';
	snprintf(buf, n, "%s%s%s", k1, k1[0] && k2[0] ? " " : "", k2);
}

static void help_open(struct tui_app *app, struct tui_view *v)
{
	struct help *h = v->state;
	/* columns as wide as the widest keys and name */
	int keys_w = 0, name_w = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *ai = tui_action_info((enum tui_action)a);
		char keys[48];
		action_keys(ai, keys, sizeof keys);
		if ((int)strlen(keys) > keys_w)
			keys_w = (int)strlen(keys);
		if ((int)strlen(ai->name + 4) > name_w)
			name_w = (int)strlen(ai->name + 4);
	}
	add(h, afcq_xstrdup("Keys (Alt+letter works everywhere; the plain letter where no text field "
			    "has the focus). Ctrl-S, Ctrl-Q, Ctrl-C and Ctrl-Z are not bound."), 2);
	add(h, afcq_xstrdup(""), 0);
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *ai = tui_action_info((enum tui_action)a);
		char keys[48];
		action_keys(ai, keys, sizeof keys);
		char alias[2] = { (char)ai->alias, '\0' };
		const char *why = tui_action_unavailable(app, (enum tui_action)a);
		add(h, afcq_xasprintf("%-*s %1s %-*s %s%s%s%s", keys_w, keys, alias, name_w,
				      ai->name + 4, ai->help ? ai->help : "",
				      why ? " (unavailable: " : "", why ? why : "", why ? ")" : ""),
		    keys_w + 3 + name_w + 1);
		h->lines[h->n - 1].dim = why != NULL;
	}
	add(h, afcq_xstrdup(""), 0);
	add(h, afcq_xstrdup("In a field: type to replace the value, Left/Right/Backspace/Del edit, "
			    "Ctrl-A goes to the start; check boxes take Space, x or -."), 2);
	add(h, afcq_xstrdup("The value is stored when you leave the field; a bad value stays as "
			    "typed, marked with ! and its reason, and nothing is sent until fixed."), 2);
}

static void add_row(struct help *h, char *row, size_t line)
{
	h->rows = afcq_xrealloc(h->rows, (h->n_rows + 1) * sizeof *h->rows);
	h->row_line = afcq_xrealloc(h->row_line, (h->n_rows + 1) * sizeof *h->row_line);
	h->row_line[h->n_rows] = line;
	h->rows[h->n_rows++] = row;
}

static void free_rows(struct help *h)
{
	for (size_t i = 0; i < h->n_rows; i++)
		free(h->rows[i]);
	free(h->rows);
	free(h->row_line);
	h->rows = NULL;
	h->row_line = NULL;
	h->n_rows = 0;
}

/* Wraps every logical line to w columns: breaks after the last blank that
 * fits, or inside a word longer than a whole row. */
static void wrap(struct help *h, int w)
{
	free_rows(h);
	h->rows_w = w;
	for (size_t i = 0; i < h->n; i++) {
		const char *t = h->lines[i].text;
		int indent = h->lines[i].indent;
		if (indent > w / 2)
			indent = w / 2; /* a narrow box keeps room for the words */
		bool first = true;
		do {
			int room = first ? w : w - indent;
			size_t len = strlen(t);
			if (len > (size_t)room) {
				size_t cut = (size_t)room;
				while (cut > 0 && t[cut] != ' ')
					cut--;
				len = cut > 0 ? cut : (size_t)room;
			}
			size_t shown = len;
			while (shown > 0 && t[shown - 1] == ' ')
				shown--;
			add_row(h, afcq_xasprintf("%*s%.*s", first ? 0 : indent, "", (int)shown, t), i);
			first = false;
			t += len;
			while (*t == ' ')
				t++;
		} while (*t);
	}
}

static void help_draw(struct tui_app *app, struct tui_view *v)
{
	struct help *h = v->state;
	int rows = LINES - 6;
	struct tui_rect in = tui_dialog_frame(app, rows, 78, "Help (F1)  Up/Down scroll, Esc closes");
	if (in.w < 1 || in.h < 1)
		return;
	if (h->rows_w != in.w)
		wrap(h, in.w);
	if (h->scroll_to_match && h->match >= 0) {
		h->scroll_to_match = false;
		for (size_t r = 0; r < h->n_rows; r++)
			if (h->row_line[r] == (size_t)h->match) {
				h->top = r > 2 ? r - 2 : 0;
				break;
			}
	}
	if (h->top + (size_t)in.h > h->n_rows)
		h->top = h->n_rows > (size_t)in.h ? h->n_rows - (size_t)in.h : 0;
	for (int i = 0; i < in.h && h->top + (size_t)i < h->n_rows; i++) {
		size_t r = h->top + (size_t)i;
		bool hit = h->match >= 0 && h->row_line[r] == (size_t)h->match;
		enum tui_role role = hit ? ROLE_MATCH
				  : h->lines[h->row_line[r]].dim ? ROLE_DIM : ROLE_DIALOG;
		tui_put(app, in.y + i, in.x, in.w, role, h->rows[r]);
	}
}

/* The next logical line holding the search text, after line from. */
static void find_next(struct tui_app *app, struct help *h, size_t from)
{
	if (!h->search[0] || h->n == 0)
		return;
	for (size_t k = 0; k < h->n; k++) {
		size_t i = (from + k) % h->n;
		if (afcq_str_icontains(h->lines[i].text, h->search)) {
			h->match = (long)i;
			h->scroll_to_match = true;
			tui_message(app, ROLE_NORMAL, "help: \"%s\" found (n: next)", h->search);
			return;
		}
	}
	h->match = -1;
	tui_message(app, ROLE_ERROR, "help: \"%s\" not found", h->search);
}

static void search_done(struct tui_app *app, void *data, const char *text)
{
	(void)data;
	struct tui_view *v = tui_top(app);
	if (v->ops != &tui_dialog_help_ops)
		return;
	struct help *h = v->state;
	snprintf(h->search, sizeof h->search, "%s", text);
	/* from the line at the top of the box */
	find_next(app, h, h->top < h->n_rows ? h->row_line[h->top] : 0);
}

static enum tui_result help_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
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
		h->top = h->n_rows; /* the draw stops at the last page */
		return TUI_HANDLED;
	case ACT_SEARCH:
		tui_prompt(app, "Search the help", "Find:", h->search, search_done, NULL);
		return TUI_HANDLED;
	case ACT_SEARCH_NEXT:
		find_next(app, h, h->match >= 0 ? (size_t)h->match + 1 : 0);
		return TUI_HANDLED;
	case ACT_ENTER:
	case ACT_HELP:
		return TUI_CLOSE;
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void help_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct help *h = v->state;
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i].text);
	free(h->lines);
	free_rows(h);
	free(h);
}

const struct tui_view_ops tui_dialog_help_ops = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.on_action = help_on_action,
	.close = help_close,
	.keys = "Up/Down scroll, / searches, Esc closes",
};

void tui_open_help(struct tui_app *app)
{
	if (tui_top(app)->ops == &tui_dialog_help_ops)
		return;
	struct help *h = afcq_xcalloc(1, sizeof *h);
	h->match = -1;
	tui_push(app, &tui_dialog_help_ops, h);
}
