/* screen_main.c - the one screen: the form (header + line-item grid) on
 * top, the line-item tax pane and the summary pane below.
 *
 * Actions go to the focused pane first (the form pane is the header or the
 * grid, whichever holds the focus); what it passes on is handled here: the
 * F-key commands, pane switching, file dialogs.
 */
#include "tui.h"
#include "folders.h"
#include "undo.h"
#include "day.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/str.h"

static const struct tui_view_ops *form_pane(const struct tui_app *app)
{
	return app->form.in_grid ? &tui_pane_items_ops : &tui_pane_header_ops;
}

static const struct tui_view_ops *focused_pane(const struct tui_app *app)
{
	switch (app->focus) {
	case PANE_TAXES: return &tui_pane_taxes_ops;
	case PANE_SUMMARY: return &tui_pane_summary_ops;
	default: return form_pane(app);
	}
}

static void main_draw(struct tui_app *app, struct tui_view *v)
{
	struct tui_view pane = { .ops = NULL };
	/* results first, the form last so the cursor ends in the focused field */
	pane.ops = &tui_pane_taxes_ops;
	tui_pane_taxes_ops.draw(app, &pane);
	pane.ops = &tui_pane_summary_ops;
	tui_pane_summary_ops.draw(app, &pane);
	pane.ops = &tui_pane_items_ops;
	tui_pane_items_ops.draw(app, &pane);
	pane.ops = &tui_pane_header_ops;
	tui_pane_header_ops.draw(app, &pane);
	(void)v;
}

/* Back to editing the form: it unfolds (see app->fold). */
static bool edits_form(const struct tui_app *app, enum tui_action a)
{
	if (app->focus != PANE_FORM)
		return false;
	switch (a) {
	case ACT_NEXT_FIELD: case ACT_PREV_FIELD: case ACT_UP: case ACT_DOWN: case ACT_LEFT:
	case ACT_RIGHT: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_HOME: case ACT_END:
	case ACT_ENTER: case ACT_TOGGLE: case ACT_ROW_INSERT: case ACT_ROW_DELETE: case ACT_ROW_DUP:
	case ACT_ROW_UP: case ACT_ROW_DOWN: case ACT_UNDO: case ACT_DETAIL: case ACT_PICK_TSPAIR:
	case ACT_FIND_PCODE: case ACT_EXEMPTIONS: case ACT_NEXT_INVOICE: case ACT_PREV_INVOICE:
	case ACT_ADD_INVOICE: case ACT_DELETE_INVOICE: case ACT_NEW_CALL: case ACT_EDIT_REQUEST:
		return true;
	default:
		return false;
	}
}

static enum tui_result main_on_key(struct tui_app *app, struct tui_view *v, int key)
{
	const struct tui_view_ops *ops = focused_pane(app);
	struct tui_view pane = { .ops = ops };
	enum tui_result r = ops->on_key ? ops->on_key(app, &pane, key) : TUI_PASS;
	if (r != TUI_PASS && app->focus == PANE_FORM)
		app->fold = false; /* typing in the form */
	return r;
}

static void open_done(struct tui_app *app, void *data, const char *text)
{
	char msg[800];
	(void)data;
	if (afcq_str_empty(text))
		return;
	char *path = tui_folder_resolve(text);
	if (tui_form_load_file(app, path, msg, sizeof msg) != 0) {
		tui_message(app, ROLE_ERROR, "%s (the form is unchanged)", msg);
		free(path);
		return;
	}
	tui_folder_remember(path);
	tui_message(app, ROLE_OK, "loaded %s: %zu item(s)%s", path, tui_form_n_items(app),
		    app->req.n_inv > 1 ? "; invoice 1 shown, Alt-] and Alt-[ move between them, all are sent" : "");
	free(path);
}

static void save_to(struct tui_app *app, char *path);

/* y to "Replace FILE?": data is the path. */
static void save_replacing(struct tui_app *app, void *data)
{
	save_to(app, afcq_xstrdup(data));
}

static void save_done(struct tui_app *app, void *data, const char *text)
{
	(void)data;
	if (afcq_str_empty(text))
		return;
	char *path = tui_folder_resolve(text);
	/* another file than the form's own is never replaced unasked (the
	 * last caller's request, saved under the same name) */
	struct stat st;
	bool own = app->file && strcmp(app->file, path) == 0;
	if (!own && stat(path, &st) == 0) {
		char *q = afcq_xasprintf("%s exists.\nReplace it with the form? (y/N)", path);
		tui_confirm_default_no(app, "Replace the file?", q, save_replacing, path);
		free(q);
		return;
	}
	save_to(app, path);
}

/* Saves the form to path (taken). */
static void save_to(struct tui_app *app, char *path)
{
	char msg[800];
	if (tui_form_save_file(app, path, msg, sizeof msg) != 0) {
		tui_message(app, ROLE_ERROR, "%s", msg);
		free(path);
		return;
	}
	tui_folder_remember(path);
	if (tui_marks_typed(app, NULL, 0))
		tui_message(app, ROLE_ERROR, "saved the request to %s without the marked (invalid) fields",
			    path);
	else
		tui_message(app, ROLE_OK, "saved the request to %s", path);
	free(path);
}

/* What the file prompts offer: the file of the form (as an absolute path),
 * else name in the default folder (folders.h); malloc'd. */
static char *offered_file(const struct tui_app *app, const char *name)
{
	if (app->file && app->file[0] == '/')
		return afcq_xstrdup(app->file);
	if (app->file) {
		char cwd[4096];
		if (getcwd(cwd, sizeof cwd))
			return afcq_xasprintf("%s/%s", cwd, app->file);
	}
	char *dir = tui_folder_default();
	/* a name not taken yet: request.json, request-2.json... */
	char *p = tui_folder_free_name(dir, name);
	free(dir);
	return p;
}

/* Shows the invoice dir (+1, -1) away from the one shown, if there is one. */
static void switch_invoice(struct tui_app *app, int dir)
{
	size_t n = app->req.n_inv;
	if (n <= 1) {
		tui_message(app, ROLE_ERROR, "the request holds one invoice (Alt-A adds one)");
		return;
	}
	if ((dir < 0 && app->cur_inv == 0) || (dir > 0 && app->cur_inv + 1 >= n)) {
		tui_message(app, ROLE_ERROR, "no %s invoice: this is invoice %zu of %zu",
			    dir < 0 ? "previous" : "next", app->cur_inv + 1, n);
		return;
	}
	size_t to = dir < 0 ? app->cur_inv - 1 : app->cur_inv + 1;
	if (tui_form_show_invoice(app, to) != 0)
		return;
	tui_message(app, ROLE_OK, "invoice %zu of %zu: %zu item(s)", to + 1, n, tui_form_n_items(app));
}

static void delete_invoice_yes(struct tui_app *app, void *data)
{
	(void)data;
	size_t was = app->cur_inv + 1;
	if (tui_form_delete_invoice(app) == 0)
		tui_message(app, ROLE_OK, "deleted invoice %zu; showing invoice %zu of %zu", was,
			    app->cur_inv + 1, app->req.n_inv);
}

static enum tui_result main_on_action(struct tui_app *app, struct tui_view *v, enum tui_action a)
{
	const struct tui_view_ops *ops = focused_pane(app);
	struct tui_view pane = { .ops = ops };
	if (edits_form(app, a))
		app->fold = false;
	enum tui_result r = ops->on_action ? ops->on_action(app, &pane, a) : TUI_PASS;
	if (r != TUI_PASS)
		return r;
	switch (a) {
	case ACT_QUOTE:
		tui_calls_quote(app);
		return TUI_HANDLED;
	case ACT_INVOICE:
		tui_form_commit_edit(app);
		tui_open_invoice(app);
		return TUI_HANDLED;
	case ACT_COMMIT:
		tui_form_commit_edit(app);
		tui_open_commit(app);
		return TUI_HANDLED;
	case ACT_HISTORY:
		tui_form_commit_edit(app);
		tui_open_history(app);
		return TUI_HANDLED;
	case ACT_EDIT_REQUEST:
		tui_edit_request(app);
		return TUI_HANDLED;
	case ACT_RESOLVE:
		tui_form_commit_edit(app);
		tui_resolve_oldest(app);
		return TUI_HANDLED;
	case ACT_RAW:
		tui_form_commit_edit(app);
		tui_open_raw(app);
		return TUI_HANDLED;
	case ACT_OPEN:
		tui_form_commit_edit(app);
	{
		char *offer = offered_file(app, "");
		tui_prompt(app, "Open a request file", "File:", offer, open_done, NULL);
		free(offer);
		return TUI_HANDLED;
	}
	case ACT_SAVE:
		tui_form_commit_edit(app);
	{
		char *offer = offered_file(app, "request.json");
		tui_prompt(app, "Save the form as a request file", "File:", offer, save_done, NULL);
		free(offer);
		return TUI_HANDLED;
	}
	case ACT_DETAIL:
		tui_form_commit_edit(app);
		if (tui_form_n_items(app) == 0) {
			tui_message(app, ROLE_ERROR, "no line item: insert one first (Ins or Ctrl-N)");
			return TUI_HANDLED;
		}
		tui_open_fields(app, TBL_DETAIL, app->form.row, NULL);
		return TUI_HANDLED;
	case ACT_EXEMPTIONS:
		tui_form_commit_edit(app);
		tui_open_fields(app, TBL_EXEMPTION, 0, NULL);
		return TUI_HANDLED;
	case ACT_PICK_TSPAIR:
		if (tui_form_n_items(app) == 0) {
			tui_message(app, ROLE_ERROR, "no line item: insert one first (Ins or Ctrl-N)");
			return TUI_HANDLED;
		}
		tui_open_tspair_picker(app, app->form.row);
		return TUI_HANDLED;
	case ACT_FIND_PCODE:
		tui_form_commit_edit(app);
		tui_open_pcode_finder(app, TBL_HEADER, 0, "bill.pcd");
		return TUI_HANDLED;
	case ACT_NEXT_PANE:
		tui_form_commit_edit(app);
		app->focus = (enum tui_pane)((app->focus + 1) % PANE_COUNT);
		if (app->focus == PANE_FORM)
			tui_form_refocus(app);
		else
			memset(&app->form.edit, 0, sizeof app->form.edit);
		return TUI_HANDLED;
	case ACT_ROW_INSERT:
		tui_form_insert_row(app, tui_form_n_items(app) ? app->form.row + 1 : 0);
		app->focus = PANE_FORM;
		return TUI_HANDLED;
	case ACT_UNDO:
		tui_undo(app);
		return TUI_HANDLED;
	case ACT_NEXT_INVOICE:
	case ACT_PREV_INVOICE:
		switch_invoice(app, a == ACT_NEXT_INVOICE ? 1 : -1);
		return TUI_HANDLED;
	case ACT_ADD_INVOICE:
		if (tui_form_add_invoice(app) == 0) {
			app->focus = PANE_FORM;
			tui_form_refocus(app);
			tui_message(app, ROLE_OK, "added invoice %zu of %zu", app->cur_inv + 1,
				    app->req.n_inv);
		}
		return TUI_HANDLED;
	case ACT_DELETE_INVOICE:
		if (app->req.n_inv <= 1) {
			tui_message(app, ROLE_ERROR, "the only invoice cannot be deleted");
			return TUI_HANDLED;
		}
		if (tui_form_commit_edit(app) != 0)
			return TUI_HANDLED;
		{
			char lines[160];
			snprintf(lines, sizeof lines, "Delete invoice %zu of %zu and its %zu item(s)?",
				 app->cur_inv + 1, app->req.n_inv, tui_form_n_items(app));
			tui_confirm_default_no(app, "Delete invoice", lines, delete_invoice_yes, NULL);
		}
		return TUI_HANDLED;
	default:
		/* a rep's day: new call, customer, products, pin, copy */
		return tui_day_action(app, a);
	}
}

static bool main_text_focus(const struct tui_app *app, const struct tui_view *v)
{
	(void)v;
	return app->focus == PANE_FORM && app->form.edit.active;
}

const struct tui_view_ops tui_screen_main_ops = {
	.name = "main",
	.draw = main_draw,
	.on_key = main_on_key,
	.on_action = main_on_action,
	.text_focus = main_text_focus,
	.keys = "F1 lists every key, F5 quotes, F10 quits",
	.full_screen = true,
};
