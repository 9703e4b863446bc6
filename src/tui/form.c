/* form.c - the request being edited: a fresh one from the config, loading
 * and saving request files, line-item rows, and where the focus is.
 *
 * The form edits one invoice at a time, inv[cur_inv] (every use goes
 * through tui_form_invoice); a file with more invoices keeps them all and
 * sends them all, and the user moves between them, adds and deletes them.  Loading goes through the core codec into a scratch
 * request first, so a file that does not parse leaves the form as it was.
 *
 * The header pane and the item grid keep the in-place field editor of
 * draw.c (struct tui_edit) instead of libform, on purpose: the grid is a
 * scrolling table of up to 10,000 rows of which a screenful is drawn, and
 * a FORM holds every FIELD it edits at once with its own buffers, so it
 * would have to be rebuilt on every scroll; the header shares the grid's
 * focus, marks and "nothing typed is lost" rules and its editor.  The
 * dialogs' text inputs are libform fields (textform.c).
 */
#include "tui.h"
#include "undo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/str.h"

/* A new row starts with the configured sale type (defaults.sale). */
static void default_item(struct tui_app *app, struct afcq_item *it)
{
	if (app->cfg && !it->sale.set)
		it->sale = (struct afcq_oint){ true, app->cfg->defaults.sale };
}

struct afcq_invoice *tui_form_invoice(struct tui_app *app)
{
	if (app->req.n_inv == 0)
		afcq_request_add_invoice(&app->req);
	if (app->cur_inv >= app->req.n_inv)
		app->cur_inv = app->req.n_inv - 1;
	return &app->req.inv[app->cur_inv];
}

const struct afcq_invoice *tui_form_invoice_c(const struct tui_app *app)
{
	if (app->req.n_inv == 0)
		return NULL;
	size_t i = app->cur_inv < app->req.n_inv ? app->cur_inv : app->req.n_inv - 1;
	return &app->req.inv[i];
}

size_t tui_form_n_items(const struct tui_app *app)
{
	const struct afcq_invoice *inv = tui_form_invoice_c(app);
	return inv ? inv->n_itms : 0;
}

const char *tui_form_invoice_label(const struct tui_app *app, char *buf, size_t n)
{
	if (app->req.n_inv > 1)
		snprintf(buf, n, "Invoice %zu of %zu", app->cur_inv + 1, app->req.n_inv);
	else if (n)
		buf[0] = '\0';
	return buf;
}

/* Shows invoice i without storing any edit (the caller did). */
static void show(struct tui_app *app, size_t i)
{
	if (app->req.n_inv && i >= app->req.n_inv)
		i = app->req.n_inv - 1;
	app->cur_inv = i;
	app->form.row = 0;
	app->form.top = 0;
	tui_form_refocus(app);
}

int tui_form_show_invoice(struct tui_app *app, size_t i)
{
	if (i >= app->req.n_inv)
		return -1;
	/* a value that does not parse stays typed, marked on its invoice */
	tui_form_commit_edit(app);
	show(app, i);
	return 0;
}

int tui_form_add_invoice(struct tui_app *app)
{
	if (tui_form_commit_edit(app) != 0)
		return -1;
	const struct afcq_invoice *from = tui_form_invoice(app);
	/* the defaults go into a request of its own, so the other invoices'
	 * unset fields stay unset */
	struct afcq_request scratch;
	afcq_request_init(&scratch);
	afcq_request_add_invoice(&scratch);
	struct afcq_invoice *inv = &scratch.inv[0];
	afcq_location_copy(&inv->bill, &from->bill);
	inv->cust = from->cust;
	inv->date = afcq_xstrdup(from->date ? from->date : app->today);
	if (app->cfg)
		afcq_config_apply_defaults(app->cfg, &scratch);
	afcq_invoice_insert_item(inv, 0);
	default_item(app, &inv->itms[0]);
	int at = afcq_request_add_invoice(&app->req);
	if (at < 0) {
		afcq_request_done(&scratch);
		return -1;
	}
	afcq_invoice_done(&app->req.inv[at]);
	app->req.inv[at] = *inv;
	scratch.n_inv = 0; /* the invoice moved; the rest of scratch goes */
	afcq_request_done(&scratch);
	app->form_gen++;
	app->form.in_grid = false;
	app->form.hfield = 0;
	show(app, (size_t)at);
	return 0;
}

int tui_form_delete_invoice(struct tui_app *app)
{
	if (app->req.n_inv <= 1) {
		tui_message(app, ROLE_ERROR, "the only invoice cannot be deleted");
		return -1;
	}
	size_t at = app->cur_inv < app->req.n_inv ? app->cur_inv : app->req.n_inv - 1;
	memset(&app->form.edit, 0, sizeof app->form.edit); /* its edit goes with it */
	afcq_invoice_done(&app->req.inv[at]);
	memmove(&app->req.inv[at], &app->req.inv[at + 1],
		(app->req.n_inv - at - 1) * sizeof app->req.inv[0]);
	app->req.n_inv--;
	memset(&app->req.inv[app->req.n_inv], 0, sizeof app->req.inv[0]);
	tui_marks_invoice_deleted(app, at);
	tui_undo_forget(app); /* its invoice may be the one gone */
	app->form_gen++;
	show(app, at < app->req.n_inv ? at : app->req.n_inv - 1);
	return 0;
}

void tui_form_new(struct tui_app *app)
{
	afcq_request_done(&app->req);
	afcq_request_init(&app->req);
	afcq_request_add_invoice(&app->req);
	app->cur_inv = 0;
	if (app->cfg)
		afcq_config_apply_defaults(app->cfg, &app->req);
	struct afcq_invoice *inv = tui_form_invoice(app);
	if (!inv->date)
		inv->date = afcq_xstrdup(app->today);
	if (inv->n_itms == 0) {
		afcq_invoice_insert_item(inv, 0);
		default_item(app, &inv->itms[0]);
	}
	tui_marks_clear(app, false);
	tui_undo_forget(app);
	memset(&app->form, 0, sizeof app->form);
	tui_form_refocus(app);
	tui_form_set_clean(app);
}

void tui_form_set_clean(struct tui_app *app)
{
	free(app->form_clean);
	app->form_clean = afcq_codec_request_dump(&app->req, AFCQ_JSON_COMPACT);
}

bool tui_form_changed(const struct tui_app *app)
{
	const struct tui_edit *e = &app->form.edit;
	if (e->active && e->dirty) {
		char *was = tui_field_text(app, e->t, e->fi, e->rec);
		bool same = strcmp(was, e->buf) == 0;
		free(was);
		if (!same)
			return true;
	}
	for (size_t i = 0; i < app->n_marks; i++)
		if (app->marks[i].text)
			return true;
	char *now = afcq_codec_request_dump(&app->req, AFCQ_JSON_COMPACT);
	bool changed = !app->form_clean || strcmp(now, app->form_clean) != 0;
	free(now);
	return changed;
}

static int adopt(struct tui_app *app, struct afcq_request *r, char *msg, size_t n)
{
	if (r->n_inv == 0) {
		afcq_request_done(r);
		snprintf(msg, n, "the request holds no invoice (inv)");
		return -1;
	}
	afcq_request_done(&app->req);
	app->req = *r;
	app->form_gen++;
	app->cur_inv = 0;
	tui_marks_clear(app, false);
	tui_undo_forget(app);
	memset(&app->form, 0, sizeof app->form);
	tui_form_refocus(app);
	tui_form_set_clean(app);
	return 0;
}

int tui_form_load_text(struct tui_app *app, const char *text, char *msg, size_t n)
{
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	afcq_error_clear(&err);
	if (afcq_codec_parse_request(text, strlen(text), &r, &err) != AFCQ_OK) {
		char line[800];
		snprintf(msg, n, "%s", afcq_error_line(&err, line, sizeof line));
		return -1;
	}
	return adopt(app, &r, msg, n);
}

int tui_form_load_file(struct tui_app *app, const char *path, char *msg, size_t n)
{
	size_t len = 0;
	char *text = afcq_read_file(path, &len);
	if (!text && errno == EFBIG) {
		snprintf(msg, n, "%s: larger than %zu MB, the most the service accepts in one request",
			 path, AFCQ_MAX_BODY / (1024 * 1024));
		return -1;
	}
	if (!text) {
		snprintf(msg, n, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	struct afcq_request r;
	struct afcq_error err;
	afcq_request_init(&r);
	afcq_error_clear(&err);
	enum afcq_status st = afcq_codec_parse_request(text, len, &r, &err);
	free(text);
	if (st != AFCQ_OK) {
		char line[800];
		snprintf(msg, n, "%s: %s", path, afcq_error_line(&err, line, sizeof line));
		return -1;
	}
	if (adopt(app, &r, msg, n) != 0)
		return -1;
	free(app->file);
	app->file = afcq_xstrdup(path);
	return 0;
}

int tui_form_save_file(struct tui_app *app, const char *path, char *msg, size_t n)
{
	tui_form_commit_edit(app);
	char *text = afcq_codec_request_dump(&app->req, AFCQ_JSON_PRETTY);
	FILE *f = fopen(path, "w");
	if (!f) {
		snprintf(msg, n, "%s: cannot write: %s", path, strerror(errno));
		free(text);
		return -1;
	}
	fputs(text, f);
	fputc('\n', f);
	free(text);
	if (fclose(f) != 0) {
		snprintf(msg, n, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	free(app->file);
	app->file = afcq_xstrdup(path);
	tui_form_set_clean(app);
	return 0;
}

void tui_form_refocus(struct tui_app *app)
{
	struct tui_form_state *fs = &app->form;
	size_t nh, ni;
	const struct tui_field_def *h = tui_fields(TBL_HEADER, &nh);
	const struct tui_field_def *g = tui_fields(TBL_ITEM, &ni);
	size_t rows = tui_form_n_items(app);
	if (fs->in_grid && rows == 0)
		fs->in_grid = false;
	if (fs->row >= rows)
		fs->row = rows ? rows - 1 : 0;
	if (fs->col >= ni)
		fs->col = ni - 1;
	if (fs->hfield >= nh)
		fs->hfield = nh - 1;
	memset(&fs->edit, 0, sizeof fs->edit);
	if (fs->in_grid) {
		if (g[fs->col].type != FT_BOOL)
			tui_edit_load(app, &fs->edit, TBL_ITEM, fs->col, fs->row);
	} else if (h[fs->hfield].type != FT_BOOL) {
		tui_edit_load(app, &fs->edit, TBL_HEADER, fs->hfield, 0);
	}
}

enum tui_result tui_form_abandon_edit(struct tui_app *app)
{
	if (!app->form.edit.dirty)
		return TUI_PASS;
	tui_form_refocus(app);
	return TUI_HANDLED;
}

void tui_form_take_focus(struct tui_app *app)
{
	app->focus = PANE_FORM;
	app->fold = false; /* back to editing: the whole form */
	tui_form_refocus(app);
}

void tui_form_focus_row(struct tui_app *app, size_t row)
{
	app->form.in_grid = true;
	app->form.row = row;
	tui_form_take_focus(app);
}

int tui_form_commit_edit(struct tui_app *app)
{
	return tui_edit_commit(app, &app->form.edit);
}

int tui_form_insert_row(struct tui_app *app, size_t at)
{
	tui_form_commit_edit(app);
	struct afcq_invoice *inv = tui_form_invoice(app);
	if (inv->n_itms >= AFCQ_MAX_ITEMS) {
		tui_message(app, ROLE_ERROR, "an invoice holds at most %d items", AFCQ_MAX_ITEMS);
		return -1;
	}
	if (at > inv->n_itms)
		at = inv->n_itms;
	if (afcq_invoice_insert_item(inv, at) < 0)
		return -1;
	tui_marks_shift(app, TBL_ITEM, at, 1);
	default_item(app, &inv->itms[at]);
	app->form_gen++;
	app->form.in_grid = true;
	app->form.row = at;
	/* a new item starts with its pair: the reference is optional */
	int ts = tui_field_index(TBL_ITEM, "ts");
	app->form.col = ts >= 0 ? (size_t)ts : 0;
	tui_form_refocus(app);
	return 0;
}

void tui_form_delete_row(struct tui_app *app, size_t at)
{
	struct afcq_invoice *inv = tui_form_invoice(app);
	if (at >= inv->n_itms)
		return;
	tui_form_commit_edit(app); /* what is typed in the row goes with it, and comes back */
	tui_undo_keep_item(app, at);
	memset(&app->form.edit, 0, sizeof app->form.edit);
	afcq_invoice_delete_item(inv, at);
	tui_marks_shift(app, TBL_ITEM, at, -1);
	app->form_gen++;
	tui_form_refocus(app);
}

void tui_form_dup_row(struct tui_app *app, size_t at)
{
	tui_form_commit_edit(app);
	struct afcq_invoice *inv = tui_form_invoice(app);
	if (at >= inv->n_itms || inv->n_itms >= AFCQ_MAX_ITEMS)
		return;
	struct afcq_item copy;
	afcq_item_init(&copy);
	if (afcq_item_copy(&copy, &inv->itms[at]) != 0)
		return;
	if (afcq_invoice_insert_item(inv, at + 1) < 0) {
		afcq_item_done(&copy);
		return;
	}
	tui_marks_shift(app, TBL_ITEM, at + 1, 1);
	afcq_item_done(&inv->itms[at + 1]);
	inv->itms[at + 1] = copy;
	app->form_gen++;
	app->form.row = at + 1;
	tui_form_refocus(app);
}

void tui_form_move_row(struct tui_app *app, size_t at, int dir)
{
	tui_form_commit_edit(app);
	struct afcq_invoice *inv = tui_form_invoice(app);
	if (at >= inv->n_itms)
		return;
	if ((dir < 0 && at == 0) || (dir > 0 && at + 1 >= inv->n_itms))
		return;
	size_t other = dir < 0 ? at - 1 : at + 1;
	afcq_invoice_move_item(inv, at, other);
	tui_marks_swap(app, TBL_ITEM, at, other);
	app->form_gen++;
	app->form.row = other;
	tui_form_refocus(app);
}

void tui_form_focus_mark(struct tui_app *app, const struct tui_mark *mark)
{
	/* switching invoices stores the edit, which may move the marks */
	const struct tui_mark copy = *mark, *m = &copy;
	size_t n;
	const struct tui_field_def *f = tui_fields(m->t, &n);
	if (m->fi >= n)
		return;
	if (m->inv != app->cur_inv && m->inv < app->req.n_inv &&
	    !(m->t == TBL_HEADER && strncmp(f[m->fi].key, "cmpn.", 5) == 0)) {
		if (tui_form_show_invoice(app, m->inv) != 0)
			return;
	}
	switch (m->t) {
	case TBL_HEADER:
		app->form.in_grid = false;
		app->form.hfield = m->fi;
		break;
	case TBL_ITEM:
		app->form.in_grid = true;
		app->form.row = m->rec;
		app->form.col = m->fi;
		break;
	case TBL_DETAIL:
		app->form.in_grid = true;
		app->form.row = m->rec;
		break;
	default:
		break;
	}
	tui_form_take_focus(app);
	if (m->t == TBL_DETAIL || m->t == TBL_EXEMPTION)
		tui_open_fields(app, m->t, m->rec, f[m->fi].key);
}

void tui_form_focus_path(struct tui_app *app, const char *path)
{
	if (strncmp(path, "inv[", 4) == 0) {
		char *end;
		unsigned long i = strtoul(path + 4, &end, 10);
		if (end[0] != ']')
			return;
		if (i < app->req.n_inv && i != app->cur_inv && tui_form_show_invoice(app, i) != 0)
			return;
		path = end[1] == '.' ? end + 2 : end + 1;
	}
	struct tui_form_state *fs = &app->form;
	if (strncmp(path, "exms[", 5) == 0) {
		char *end;
		unsigned long rec = strtoul(path + 5, &end, 10);
		const char *key = (*end == ']' && end[1] == '.') ? end + 2 : NULL;
		tui_open_fields(app, TBL_EXEMPTION, rec, key);
		return;
	}
	if (strncmp(path, "itms[", 5) == 0) {
		char *end;
		unsigned long row = strtoul(path + 5, &end, 10);
		const char *key = (*end == ']' && end[1] == '.') ? end + 2 : "";
		if (strcmp(key, "tran") == 0 || strcmp(key, "serv") == 0)
			key = "ts";
		int c = tui_field_index(TBL_ITEM, key);
		if (c < 0 && tui_field_index(TBL_DETAIL, key) >= 0 && row < tui_form_n_items(app)) {
			/* a less common field: its dialog, over the row */
			tui_form_focus_row(app, row);
			tui_open_fields(app, TBL_DETAIL, row, key);
			return;
		}
		fs->in_grid = true;
		fs->row = row;
		fs->col = c >= 0 ? (size_t)c : 0;
	} else {
		int i = tui_field_index(TBL_HEADER, path);
		if (i < 0 && strcmp(path, "bill") == 0)
			i = tui_field_index(TBL_HEADER, "bill.pcd"); /* "give a PCode or..." */
		if (i < 0 && strncmp(path, "cmpn", 4) == 0)
			i = 0;
		if (i < 0)
			return;
		fs->in_grid = false;
		fs->hfield = (size_t)i;
	}
	tui_form_take_focus(app);
}
