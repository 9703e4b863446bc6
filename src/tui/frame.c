/* frame.c - the workstation's layout and frame: the status line, the
 * total line, the message line and the key bar around the views, which
 * are drawn in stack order (dialogs in their overlays). */
#include "tui.h"
#include "frame.h"
#include "day.h"

#include <panel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/money.h"

/* ---- the message line -------------------------------------------------------- */
/* At most this many rows of message: a message wider than its row wraps
 * onto the rows below it for as long as it is shown (the summary pane
 * gives them up, keeping its heading and a row). */
enum { MSG_ROWS_MAX = 4, SUMMARY_ROWS_MIN = 2 };

/* What the message line shows now (without its one-column margin) and in
 * which role: while a request runs, its progress; a message said since it
 * started (a key refused, a value that does not read) comes first, before
 * the progress, until the answer's own message replaces it. */
static void msg_text(const struct tui_app *app, char *buf, size_t n, enum tui_role *role)
{
	static const char spin[] = "|/-\\";
	char progress[128];
	/* a key that did nothing on a full-screen view: said in the message's
	 * place until the next key, the message kept for after */
	const struct tui_view *top = &app->stack[app->n_views - 1];
	bool note = app->dialog_note[0] && top->ops->full_screen;
	const char *msg = note ? app->dialog_note : app->msg;
	*role = note ? ROLE_ERROR : app->msg_role;
	if (app->fly.dec) {
		/* the answer arrived and is parsed off the loop: nothing to cancel */
		snprintf(progress, sizeof progress, "%c Reading the %s answer... %.1f s",
			 spin[app->spin % 4], afcq_op_name(app->fly.op),
			 tui_calls_elapsed_ms(app) / 1000.0);
	} else if (tui_busy(app)) {
		snprintf(progress, sizeof progress, "%c Sending %s... %.1f s  (Esc cancels)",
			 spin[app->spin % 4], afcq_op_name(app->fly.op),
			 tui_calls_elapsed_ms(app) / 1000.0);
	} else {
		snprintf(buf, n, "%s", msg);
		return;
	}
	if ((note || app->msg_in_flight) && msg[0]) {
		snprintf(buf, n, "%s  | %s", msg, progress);
		return;
	}
	*role = ROLE_OK;
	snprintf(buf, n, "%s", progress);
}

/* Rows the message takes in a line w wide, 1 to rows_max. */
static int msg_rows(const struct tui_app *app, int w, int rows_max)
{
	char text[1024];
	enum tui_role role;
	size_t start[MSG_ROWS_MAX];
	msg_text(app, text, sizeof text, &role);
	if (rows_max > MSG_ROWS_MAX)
		rows_max = MSG_ROWS_MAX;
	int rows = tui_wrap(text, w - 1, start, rows_max);
	return rows < 1 ? 1 : rows > rows_max ? rows_max : rows;
}

/* A long message takes rows from the summary pane, above it the total
 * line moves up with the message. */
static void grow_msg(const struct tui_app *app, struct tui_layout *l)
{
	int spare = l->summary.h - SUMMARY_ROWS_MIN;
	if (spare <= 0)
		return;
	int extra = msg_rows(app, l->msg.w, spare + 1) - 1;
	if (extra <= 0)
		return;
	l->summary.h -= extra;
	l->total.y -= extra;
	l->msg.y -= extra;
	l->msg.h += extra;
}

/* ---- layout --------------------------------------------------------------- */
void tui_compute_layout(struct tui_app *app)
{
	struct tui_layout *l = &app->lay;
	memset(l, 0, sizeof *l);
	int h = LINES, w = COLS;
	l->too_small = h < TUI_MIN_LINES || w < TUI_MIN_COLS;
	if (l->too_small)
		return;
	int extra = h - TUI_MIN_LINES;
	int grid_rows = 3 + extra / 4;
	int rest = extra - extra / 4;
	int tax_h = 6 + rest * 2 / 3;
	int sum_h = 5 + rest - rest * 2 / 3;
	const struct tui_results *res = &app->res;
	size_t want = res->n_rows + 1 + (res->op == AFCQ_OP_INVOICE && res->doc ? 1 : 0);
	/* only while the form is the one answered: a change brings it back */
	if (app->fold && res->have && res->form_gen == app->form_gen && want > (size_t)tax_h) {
		/* the answer takes the form's room but one line: every tax row
		 * when they fit with a few summary rows below */
		int room = h - 1 - 1 - 3; /* status, the form's line, total, msg, keys */
		int y = 0;
		l->folded = true;
		l->status = (struct tui_rect){ y++, 0, 1, w };
		l->grid = (struct tui_rect){ y, 0, 1, w };
		l->header = (struct tui_rect){ y, 0, 1, w };
		y++;
		l->hint = (struct tui_rect){ -1, 0, 0, w };
		tax_h = want + 3 <= (size_t)room ? (int)want : room - 3;
		l->taxes = (struct tui_rect){ y, 0, tax_h, w };
		y += tax_h;
		l->summary = (struct tui_rect){ y, 0, room - tax_h, w };
		y += room - tax_h;
		l->total = (struct tui_rect){ y++, 0, 1, w };
		l->msg = (struct tui_rect){ y++, 0, 1, w };
		l->keybar = (struct tui_rect){ y++, 0, 1, w };
		grow_msg(app, l);
		return;
	}
	int y = 0;
	l->status = (struct tui_rect){ y++, 0, 1, w };
	l->header = (struct tui_rect){ y, 0, 4, w };
	y += 4;
	l->grid = (struct tui_rect){ y, 0, 1 + grid_rows, w };
	y += 1 + grid_rows;
	l->hint = (struct tui_rect){ y++, 0, 1, w };
	l->taxes = (struct tui_rect){ y, 0, tax_h, w };
	y += tax_h;
	l->summary = (struct tui_rect){ y, 0, sum_h, w };
	y += sum_h;
	l->total = (struct tui_rect){ y++, 0, 1, w };
	l->msg = (struct tui_rect){ y++, 0, 1, w };
	l->keybar = (struct tui_rect){ y++, 0, 1, w };
	grow_msg(app, l);
}

/* ---- the frame ------------------------------------------------------------ */
static void draw_status(struct tui_app *app)
{
	const struct tui_rect *r = &app->lay.status;
	tui_fill(app, r->y, 0, r->w, ROLE_STATUS);
	tui_put(app, r->y, 0, 6, ROLE_STATUS, " afcq ");
	char right[160];
	if (tui_busy(app)) {
		static const char spin[] = "|/-\\";
		snprintf(right, sizeof right, "%c %s %.1f s", spin[app->spin % 4],
			 afcq_op_name(app->fly.op), tui_calls_elapsed_ms(app) / 1000.0);
	} else if (app->n_unknown) {
		/* an invoice that may or may not be at the service: said until resolved */
		snprintf(right, sizeof right, "%zu OUTCOME%s UNKNOWN: Alt-R", app->n_unknown,
			 app->n_unknown == 1 ? "" : "S");
	} else if (app->journal_pending) {
		snprintf(right, sizeof right, "starting");
	} else if (!app->history || app->store_down) {
		/* quotes still go out; invoices and commits wait for the journal */
		snprintf(right, sizeof right, "store unavailable  %s",
			 app->state_line[0] ? app->state_line : "quotes only");
	} else {
		snprintf(right, sizeof right, "%s", app->state_line[0] ? app->state_line : "ready");
	}
	/* the caller first: the name of the customer loaded */
	const char *who = tui_day_status(app);
	char shown[400];
	snprintf(shown, sizeof shown, "%s%s%s", who ? who : "", who ? " | " : "", right);
	int rl = tui_text_width(shown, strlen(shown));
	/* the endpoint is never hidden: the state gives way first */
	enum tui_role badge = app->sandbox ? ROLE_SANDBOX : ROLE_PRODUCTION;
	const char *ep = app->endpoint_label ? app->endpoint_label : "(no endpoint)";
	int len = (int)strlen(ep);
	if (len > r->w - 8)
		len = r->w - 8;
	tui_put(app, r->y, 6, len, badge, ep);
	int room = r->w - 6 - len - 2;
	enum tui_role role = !tui_busy(app) && app->n_unknown ? ROLE_ERROR : ROLE_STATUS;
	if (rl > room && who) {
		/* the state whole ("network error" is news), the caller's name
		 * in whole words before it in what is left */
		int sw = tui_text_width(right, strlen(right));
		int name_w = room - sw - 3;
		if (name_w >= 8) {
			tui_put(app, r->y, r->w - sw - 1, sw, role, right);
			tui_put(app, r->y, r->w - sw - 4, 3, ROLE_STATUS, " | ");
			char *name = tui_words_fit(who, name_w);
			int nw = tui_text_width(name, strlen(name));
			if (nw > name_w)
				nw = name_w;
			tui_put(app, r->y, r->w - sw - 4 - nw, nw, ROLE_STATUS, name);
			free(name);
			return;
		}
		snprintf(shown, sizeof shown, "%s", right);
		rl = tui_text_width(shown, strlen(shown));
	}
	if (rl > room)
		rl = room; /* whole words, never "erro" */
	if (rl > 0)
		tui_put_words(app, r->y, r->w - rl - 1, rl, role, shown);
}

static void draw_total(struct tui_app *app)
{
	const struct tui_rect *r = &app->lay.total;
	const struct tui_results *res = &app->res;
	char a[64], b[64], c[64], d[64];
	tui_fill(app, r->y, 0, r->w, ROLE_TOTAL);
	if (tui_compare_on(app)) {
		tui_compare_draw_total(app, r);
	} else if (res->have && res->has_total) {
		const char *kind = res->op != AFCQ_OP_INVOICE ? "quote"
				   : res->commit ? "COMMITTED" : "INVOICE";
		if (res->from_history)
			kind = "(history)";
		else if (res->form_gen != app->form_gen)
			kind = "- form changed";
		tui_putf(app, r->y, 0, r->w, ROLE_TOTAL,
			 " Total due %s = charges %s + taxes %s (non-billable %s) %s",
			 afcq_money_format(res->totals.total_due, a, sizeof a),
			 afcq_money_format(res->totals.charges, b, sizeof b),
			 afcq_money_format(res->totals.billable, c, sizeof c),
			 afcq_money_format(res->totals.nonbillable, d, sizeof d), kind);
	} else if (res->have) {
		tui_put(app, r->y, 0, r->w, ROLE_TOTAL,
			" No total: the answer holds errors (see the tax pane)");
	} else if (res->status != AFCQ_OK) {
		char line[800];
		/* the reason without where (the pane and the message line say
		 * it): "connection refused" must not give way to a long URL */
		if (res->err.msg[0])
			snprintf(line, sizeof line, "%s", res->err.msg);
		else
			tui_error_text(&res->err, line, sizeof line);
		tui_putf_words(app, r->y, 0, r->w, ROLE_TOTAL, " No total: %s failed: %s",
			       afcq_op_name(res->op), line);
	} else {
		tui_put(app, r->y, 0, r->w, ROLE_TOTAL,
			" No quote yet: fill in the form, then F5 Quote");
	}
}

/* The message, wrapped at spaces onto the rows the layout gave it; one
 * that needs still more ends its last row with "...". */
static void draw_msg(struct tui_app *app)
{
	const struct tui_rect *r = &app->lay.msg;
	char text[1024];
	enum tui_role role;
	size_t start[MSG_ROWS_MAX + 1];
	msg_text(app, text, sizeof text, &role);
	int max = r->h < 1 ? 1 : r->h > MSG_ROWS_MAX ? MSG_ROWS_MAX : r->h;
	int rows = tui_wrap(text, r->w - 1, start, max);
	for (int k = 0; k < r->h; k++)
		tui_fill(app, r->y + k, 0, r->w, ROLE_NORMAL);
	for (int k = 0; k < rows && k < max; k++) {
		const char *row = text + start[k];
		if (k == rows - 1 || k == max - 1) {
			/* the last row: the rest, as it fits */
			tui_putf_words(app, r->y + k, 0, r->w, role, " %s", row);
			break;
		}
		int len = (int)(start[k + 1] - start[k]);
		while (len > 0 && row[len - 1] == ' ')
			len--;
		tui_putf(app, r->y + k, 0, r->w, role, " %.*s", len, row);
	}
}

bool tui_keybar_wide(const struct tui_app *app)
{
	return app->lay.keybar.w >= 110;
}

int tui_keybar_entry_width(const struct tui_action_info *ai, bool wide)
{
	char key[16];
	int w = (int)strlen(tui_key_name(ai->key, key, sizeof key)) + (int)strlen(ai->label) + 1;
	return wide && ai->alias ? w + 3 : w;
}

const char *tui_action_unavailable(const struct tui_app *app, enum tui_action a)
{
	if ((a == ACT_INVOICE || a == ACT_COMMIT || a == ACT_RESOLVE) && app->cfg && !app->cfg->allow_commit)
		return "this profile is quote-only (allow_commit = false)";
	return NULL;
}

static void draw_keybar(struct tui_app *app)
{
	const struct tui_rect *r = &app->lay.keybar;
	tui_fill(app, r->y, 0, r->w, ROLE_KEYLABEL);
	bool wide = tui_keybar_wide(app);
	int x = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *ai = tui_action_info((enum tui_action)a);
		if (!ai->label)
			continue;
		char key[16];
		tui_key_name(ai->key, key, sizeof key);
		int kl = (int)strlen(key);
		if (x + kl + (int)strlen(ai->label) > r->w)
			break;
		tui_put(app, r->y, x, kl, ROLE_KEY, key);
		x += kl;
		if (wide && ai->alias) {
			char al[4] = { '/', (char)ai->alias, ' ', 0 };
			tui_put(app, r->y, x, 3, ROLE_KEY, al);
			x += 3;
		}
		bool off = tui_action_unavailable(app, ai->id) != NULL;
		tui_put(app, r->y, x, (int)strlen(ai->label), off ? ROLE_DIM : ROLE_KEYLABEL,
			ai->label);
		/* the alias letter, where the label holds it, is marked */
		for (const char *p = ai->label; *p && ai->alias && !off; p++)
			if ((*p | 0x20) == ai->alias) {
				char one[2] = { *p, 0 };
				tui_put(app, r->y, x + (int)(p - ai->label), 1, ROLE_KEY, one);
				break;
			}
		x += (int)strlen(ai->label) + 1;
	}
}

/* Draws each view: the main screen and full-screen views on stdscr, each
 * dialog in its overlay (tui_dialog_frame places it).  A view drawn on
 * stdscr above the main screen covers everything below it, so the
 * overlays under it are hidden. */
static void draw_views(struct tui_app *app)
{
	size_t cover = 0;
	for (size_t i = 0; i < app->n_views; i++) {
		struct tui_view *v = &app->stack[i];
		v->overlaid = false;
		app->drawing = v;
		app->canvas = stdscr;
		if (v->ops->draw)
			v->ops->draw(app, v);
		if (!v->overlaid) {
			tui_overlay_hide(v->overlay);
			if (i > 0)
				cover = i;
		}
	}
	app->drawing = NULL;
	app->canvas = stdscr;
	for (size_t i = 0; i < cover; i++)
		tui_overlay_hide(app->stack[i].overlay);
}

static void hide_overlays(struct tui_app *app)
{
	for (size_t i = 0; i < app->n_views; i++)
		tui_overlay_hide(app->stack[i].overlay);
}

/* Shows the frame: stdscr under the dialogs' panels. */
static void show(void)
{
	/* stdscr is a panel only once the first dialog made one */
	wnoutrefresh(stdscr);
	update_panels();
	doupdate();
}

void tui_draw(struct tui_app *app)
{
	tui_compute_layout(app);
	erase();
	if (app->lay.too_small) {
		hide_overlays(app);
		attrset(A_NORMAL);
		char line[128];
		snprintf(line, sizeof line, "terminal too small: %dx%d, needs at least %dx%d", COLS,
			 LINES, TUI_MIN_COLS, TUI_MIN_LINES);
		mvaddnstr(LINES / 2, 0, line, COLS);
		if (LINES > 1)
			mvaddnstr(LINES / 2 + 1, 0, "enlarge the window, or F10 to quit", COLS);
		if (LINES > 2 && tui_top(app)->ops == &tui_dialog_confirm_ops)
			mvaddnstr(LINES / 2 + 2, 0, "a question is open: y answers yes, n no", COLS);
		show();
		app->dirty = false;
		return;
	}
	draw_status(app);
	draw_total(app);
	draw_msg(app);
	draw_keybar(app);
	draw_views(app);
	struct tui_view *top = tui_top(app);
	bool text = top->ops->text_focus && top->ops->text_focus(app, top);
	curs_set(text ? 1 : 0);
	show();
	app->dirty = false;
}
