/* dialog_commit.c - F7: commit or uncommit a document (the last invoice's
 * by default, or one typed in), after a confirmation; the server's answer
 * is shown in a message box.
 */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

struct commit_dlg {
	struct tui_edit doc;
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
	tui_put(app, in.y + 4, in.x, in.w, ROLE_DIM,
		"Tab: next  Space: commit/uncommit  Enter: continue  Esc: cancel");
	tui_edit_draw(app, &d->doc, in.y + 1, in.x + 17, in.w - 17, d->focus == 0);
	if (d->focus == 1)
		move(in.y + 2, in.x + 18);
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
		return tui_edit_key(&d->doc, key);
	return TUI_PASS;
}

static enum tui_result commit_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	struct commit_dlg *d = v->state;
	if (d->focus == 0 && tui_edit_action(&d->doc, a) == TUI_HANDLED)
		return TUI_HANDLED;
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
	case ACT_UP:
	case ACT_DOWN:
		d->focus = !d->focus;
		return TUI_HANDLED;
	case ACT_TOGGLE:
		d->commit = !d->commit;
		return TUI_HANDLED;
	case ACT_ENTER:
	case ACT_COMMIT: {
		if (afcq_str_empty(d->doc.buf)) {
			tui_message(app, ROLE_ERROR, "type the document code to %s",
				    d->commit ? "commit" : "uncommit");
			d->focus = 0;
			return TUI_HANDLED;
		}
		if (tui_busy(app)) {
			tui_message(app, ROLE_ERROR, "a request is already running (Esc cancels it)");
			return TUI_HANDLED;
		}
		struct commit_go *g = afcq_xcalloc(1, sizeof *g);
		snprintf(g->doc, sizeof g->doc, "%s", d->doc.buf);
		g->commit = d->commit;
		char text[800];
		snprintf(text, sizeof text, "%s document %s\non %s?\n%s",
			 g->commit ? "COMMIT" : "UNCOMMIT", g->doc, app->endpoint_label,
			 g->commit ? "Its transactions will be reported."
				   : "Its transactions will no longer be reported.");
		tui_pop(app);
		tui_confirm(app, g->commit ? "Commit?" : "Uncommit?", text, go_commit, g);
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

static bool commit_text_focus(const struct tui_app *app, const struct tui_view *v)
{
	(void)app;
	const struct commit_dlg *d = v->state;
	return d->focus == 0;
}

const struct tui_view_ops tui_dialog_commit_ops = {
	.name = "commit",
	.draw = commit_draw,
	.on_key = commit_on_key,
	.on_action = commit_on_action,
	.text_focus = commit_text_focus,
};

void tui_open_commit(struct tui_app *app)
{
	struct commit_dlg *d = afcq_xcalloc(1, sizeof *d);
	const char *doc = app->last_doc;
	if (!doc && app->res.doc)
		doc = app->res.doc;
	d->doc.active = true;
	d->doc.t = TBL_COUNT;
	snprintf(d->doc.buf, sizeof d->doc.buf, "%s", doc ? doc : "");
	d->doc.len = d->doc.cur = strlen(d->doc.buf);
	d->doc.fresh = true;
	d->commit = true;
	tui_push(app, &tui_dialog_commit_ops, d);
}
