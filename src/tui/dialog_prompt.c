/* dialog_prompt.c - one line of text (a file name, a search): Enter
 * hands it to the callback, Esc drops it.  The line is a libform field
 * (textform.c) owned by the prompt.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

/* Bytes a prompt's line holds (a path, a search). */
#define PROMPT_MAX 255

struct prompt {
	char *title, *label;
	struct tui_textform *in;
	int width;              /* columns of the input: the box is always 70 wide */
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
	tui_textform_draw(app, p->in, 0, in.y, in.x + ll + 1, true, false);
}

static enum tui_result prompt_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)app;
	struct prompt *p = v->state;
	return tui_textform_key(p->in, key);
}

static enum tui_result prompt_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct prompt *p = v->state;
	if (tui_textform_action(p->in, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_ENTER: {
		char *text = afcq_xstrdup(tui_textform_text(p->in, 0));
		tui_prompt_fn ok = p->ok;
		void *data = p->data;
		p->data = NULL;
		tui_pop(app);
		ok(app, data, text);
		free(data);
		free(text);
		return TUI_HANDLED;
	}
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static void prompt_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct prompt *p = v->state;
	free(p->title);
	free(p->label);
	free(p->data);
	tui_textform_free(p->in);
	free(p);
}

const struct tui_view_ops tui_dialog_prompt_ops = {
	.name = "prompt",
	.draw = prompt_draw,
	.on_key = prompt_on_key,
	.on_action = prompt_on_action,
	.close = prompt_close,
	.text_focus = tui_dialog_text_always,
	.keys = "Enter OK, Esc cancels",
};

void tui_prompt(struct tui_app *app, const char *title, const char *label, const char *initial,
		tui_prompt_fn ok, void *data)
{
	struct prompt *p = afcq_xcalloc(1, sizeof *p);
	p->title = afcq_xstrdup(title);
	p->label = afcq_xstrdup(label);
	p->ok = ok;
	p->data = data;
	/* the box is 70 wide (66 inside) at 80 columns and more */
	p->width = 66 - (int)strlen(label) - 1;
	if (p->width < 8)
		p->width = 8;
	p->in = tui_textform_new(1, &p->width, PROMPT_MAX);
	tui_textform_set(p->in, 0, initial ? initial : ""); /* typing replaces it */
	tui_push(app, &tui_dialog_prompt_ops, p);
}
