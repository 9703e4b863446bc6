/* dialog_commit.c - F7: commit or uncommit a document (the last invoice's
 * by default, or one typed in), after a confirmation; a refusal or an
 * unknown outcome is shown in a message box, success on the message line.  The action offered first is the opposite of
 * the document's known state (uncommit a committed one).  The document code is a libform field
 * (textform.c) owned by the dialog.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

#define DOC_W 51           /* columns: the box is 72 wide from 80 columns on */
#define DOC_MAX 255        /* bytes the document code input holds */

struct commit_dlg {
	struct tui_textform *doc;
	bool commit;
	int focus;            /* 0 document, 1 commit/uncommit */
};

struct commit_go {
	char doc[256];
	bool commit;
};

static void commit_draw(struct tui_app *app, struct tui_view *v)
{
	struct commit_dlg *d = v->state;
	struct tui_rect in = tui_dialog_frame(app, 8, 72, "Commit / uncommit (F7)");
	tui_put(app, in.y + 1, in.x, 16, ROLE_LABEL, "Document code:");
	tui_put(app, in.y + 2, in.x, 16, ROLE_LABEL, "Action:");
	tui_put(app, in.y + 2, in.x + 17, 20, d->focus == 1 ? ROLE_FOCUS : ROLE_FIELD,
		d->commit ? "[commit]" : "[uncommit]");
	if (afcq_str_empty(tui_textform_text(d->doc, 0)))
		/* a document of an earlier session: history knows its code */
		tui_put(app, in.y + 3, in.x, in.w, ROLE_DIM,
			"Or from history: F8, Enter on the invoice, then F7 offers its code.");
	tui_put(app, in.y + 4, in.x, in.w, ROLE_DIM,
		"Tab: next  Space: commit/uncommit  Enter: continue  Esc: cancel");
	tui_textform_draw(app, d->doc, 0, in.y + 1, in.x + 17, d->focus == 0, false);
	if (d->focus == 1)
		tui_move(app, in.y + 2, in.x + 18);
}

static void go_commit(struct tui_app *app, void *data)
{
	struct commit_go *g = data;
	tui_calls_commit(app, g->doc, g->commit);
}

static enum tui_result commit_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	(void)app;
	struct commit_dlg *d = v->state;
	if (d->focus == 0)
		return tui_textform_key(d->doc, key);
	return TUI_PASS;
}

static enum tui_result commit_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct commit_dlg *d = v->state;
	if (d->focus == 0 && tui_textform_action(d->doc, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
	case ACT_UP:
	case ACT_DOWN:
		d->focus = !d->focus;
		if (d->focus == 0)
			tui_textform_focus(d->doc, 0);
		return TUI_HANDLED;
	case ACT_TOGGLE:
		d->commit = !d->commit;
		return TUI_HANDLED;
	case ACT_ENTER:
	case ACT_COMMIT: {
		const char *doc = tui_textform_text(d->doc, 0);
		if (afcq_str_empty(doc)) {
			tui_message(app, ROLE_ERROR, "type the document code to %s",
				    d->commit ? "commit" : "uncommit");
			d->focus = 0;
			tui_textform_focus(d->doc, 0);
			return TUI_HANDLED;
		}
		if (tui_busy_refuse(app))
			return TUI_HANDLED;
		struct commit_go *g = afcq_xcalloc(1, sizeof *g);
		snprintf(g->doc, sizeof g->doc, "%s", doc);
		g->commit = d->commit;
		char text[800];
		snprintf(text, sizeof text, "%s document %s\non %s?\n%s",
			 g->commit ? "COMMIT" : "UNCOMMIT", g->doc, app->endpoint_label,
			 g->commit ? "Its transactions will be reported."
				   : "Its transactions will no longer be reported.");
		tui_pop(app);
		tui_message(app, ROLE_NORMAL, "%s", ""); /* "type the document code" holds no more */
		tui_confirm(app, g->commit ? "Commit?" : "Uncommit?", text, go_commit, g);
		return TUI_HANDLED;
	}
	default:
		return tui_dialog_action_rest(app, a);
	}
}

static bool commit_text_focus(const struct tui_app *app, const struct tui_view *v)
{
	(void)app;
	const struct commit_dlg *d = v->state;
	return d->focus == 0;
}

static void commit_close(struct tui_app *app, struct tui_view *v)
{
	(void)app;
	struct commit_dlg *d = v->state;
	tui_textform_free(d->doc);
	free(d);
}

const struct tui_view_ops tui_dialog_commit_ops = {
	.name = "commit",
	.draw = commit_draw,
	.on_key = commit_on_key,
	.on_action = commit_on_action,
	.close = commit_close,
	.text_focus = commit_text_focus,
	.keys = "Tab next, Space commit/uncommit, Enter continues, Esc cancels",
};

void tui_open_commit(struct tui_app *app)
{
	struct commit_dlg *d = afcq_xcalloc(1, sizeof *d);
	const char *doc = app->last_doc;
	if (!doc && app->res.doc)
		doc = app->res.doc;
	static const int width = DOC_W;
	d->doc = tui_textform_new(1, &width, DOC_MAX);
	tui_textform_set(d->doc, 0, doc ? doc : "");
	/* The opposite of the document's known state: uncommit what the
	 * server confirmed committed, commit anything else. */
	bool committed = doc == app->last_doc ? app->last_doc_committed
					      : (app->res.doc && app->res.commit);
	d->commit = !(doc && committed);
	tui_push(app, &tui_dialog_commit_ops, d);
}
