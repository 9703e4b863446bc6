/* dialog_prompt.c - one line of text (a file name, a search): Enter
 * hands it to the callback, Esc drops it.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct prompt {
	char *title, *label;
	struct tui_edit edit;
	tui_prompt_fn ok;
	void *data;
};

static void prompt_draw(struct tui_app *app, struct tui_view *v)
{
	struct prompt *p = v->state;
	struct tui_rect in = tui_dialog_frame(app, 5, 70, p->title);
	int ll = (int)strlen(p->label);
	tui_put(app, in.y, in.x, ll, ROLE_LABEL, p->label);
	tui_put(app, in.y + 2, in.x, in.w, ROLE_DIM, "Enter: OK    Esc: cancel");
	tui_edit_draw(app, &p->edit, in.y, in.x + ll + 1, in.w - ll - 1, true);
}

static enum tui_result prompt_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)app;
	struct prompt *p = v->state;
	return tui_edit_key(&p->edit, key);
}

static enum tui_result prompt_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct prompt *p = v->state;
	if (tui_edit_action(&p->edit, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_ENTER: {
		char *text = afcq_xstrdup(p->edit.buf);
		tui_prompt_fn ok = p->ok;
		void *data = p->data;
		p->data = NULL;
		tui_pop(app);
		ok(app, data, text);
		free(data);
		free(text);
		return TUI_HANDLED;
	}
	case ACT_CANCEL:
		return TUI_CLOSE;
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_REDRAW:
		return TUI_PASS;
	default:
		return TUI_HANDLED;
	}
}

static void prompt_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct prompt *p = v->state;
	free(p->title);
	free(p->label);
	free(p->data);
	free(p);
}

static bool prompt_text_focus(const struct tui_app *app, const struct tui_view *v)
{
	(void)app;
	(void)v;
	return true;
}

const struct tui_view_ops tui_dialog_prompt_ops = {
	.name = "prompt",
	.draw = prompt_draw,
	.on_key = prompt_on_key,
	.on_action = prompt_on_action,
	.close = prompt_close,
	.text_focus = prompt_text_focus,
};

void tui_prompt(struct tui_app *app, const char *title, const char *label, const char *initial,
		tui_prompt_fn ok, void *data)
{
	struct prompt *p = afcq_xcalloc(1, sizeof *p);
	p->title = afcq_xstrdup(title);
	p->label = afcq_xstrdup(label);
	p->ok = ok;
	p->data = data;
	p->edit.active = true;
	p->edit.t = TBL_COUNT; /* not a form field: no marks */
	snprintf(p->edit.buf, sizeof p->edit.buf, "%s", initial ? initial : "");
	p->edit.len = p->edit.cur = strlen(p->edit.buf);
	p->edit.fresh = true; /* typing replaces the suggestion */
	tui_push(app, &tui_dialog_prompt_ops, p);
}
