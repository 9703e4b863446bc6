/* tui.h - private to the workstation: the app context, actions, views.
 *
 * Shape (tig/htop): every user action is declared once in actions.def.  A
 * key becomes an action through the keymap; the action goes to the top view
 * of the view stack (a dialog, or the main screen).  The main screen gives
 * it to the focused pane first, then handles it itself; whatever is still
 * not consumed goes to the global map (help, quit, redraw).  Handlers
 * return what happens next (enum tui_result).
 *
 * There is no global mutable state: one struct tui_app is created by
 * tui_main() and passed down.  The only static is the signal flag in app.c.
 * Everything is drawn each frame, only what is visible (frames in ASCII,
 * text as the UTF-8 it is): the main screen on stdscr, each dialog in its
 * own window in a libpanel PANEL over it (overlay.c).  A screen dump
 * (scripts, tests) reads back what the terminal was sent, so exactly what
 * a user sees.  Dialog text inputs are libform fields (textform.c), lists
 * keep their selection in libmenu (listmenu.c); those objects stay inside
 * the file that wraps them and the dialog or screen owning an instance.
 */
#ifndef AFCQ_TUI_H
#define AFCQ_TUI_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "afcq/api.h"
#include "afcq/config.h"
#include "afcq/error.h"
#include "afcq/history.h"
#include "afcq/model.h"
#include "afcq/money.h"
#include "afcq/validate.h"
#include "tui_main.h"

struct tui_app;

#define CTRL_KEY(c) ((c) & 0x1f)
/* A typed character outside ASCII travels as a key of its own kind,
 * TUI_KEY_UNICODE | code point, apart from curses' key codes (which it
 * would otherwise collide with). */
#define TUI_KEY_UNICODE 0x40000000
#define TUI_KEY_CHAR(cp) ((cp) < 0x80 ? (int)(cp) : (int)(TUI_KEY_UNICODE | (int)(cp)))
#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24
#define TUI_TICK_MS 50

/* ---- actions ----------------------------------------------------------- */
enum tui_action {
	ACT_NONE = 0,
#define ACTION(id, key, key2, alias, label, help) id,
#include "actions.def"
#undef ACTION
	ACT_COUNT
};

struct tui_action_info {
	enum tui_action id;
	const char *name;   /* "ACT_QUOTE" */
	int key, key2;
	int alias;
	const char *label;  /* key bar, NULL when not on it */
	const char *help;
};

/* keymap.c */
const struct tui_action_info *tui_action_info(enum tui_action a);
/* ACT_NONE when no action has that name. */
enum tui_action tui_action_by_name(const char *name);
/* The action bound to key; meta is true for Alt+key.  With text_focus,
 * plain letters are never aliases (they belong to the field). */
enum tui_action tui_keymap_lookup(int key, bool meta, bool text_focus);
/* Key names for scripts and help: "F5", "Tab", "S-Tab", "Enter", "Esc",
 * "Up", "PgDn", "Ins", "C-n", "Space", or a single character.  Returns -1
 * for an unknown name. */
int tui_key_by_name(const char *name);
const char *tui_key_name(int key, char *buf, size_t n);
/* How to press action a, as the help says it: its key ("C-d"), else
 * "Alt-" and its letter. */
const char *tui_action_key_text(enum tui_action a, char *buf, size_t n);

/* ---- results of handlers ----------------------------------------------- */
enum tui_result {
	TUI_PASS = 0,  /* not mine: offer it to the next handler */
	TUI_HANDLED,   /* consumed */
	TUI_REDRAW,    /* consumed, repaint everything */
	TUI_CLOSE,     /* consumed, close this view */
	TUI_QUIT,      /* leave the workstation */
};

/* ---- colour roles -------------------------------------------------------- */
enum tui_role {
	ROLE_NORMAL,
	ROLE_STATUS,      /* top line */
	ROLE_SANDBOX,     /* endpoint badge: sandbox */
	ROLE_PRODUCTION,  /* endpoint badge: production, unmistakable */
	ROLE_TITLE,       /* pane titles */
	ROLE_LABEL,       /* field labels */
	ROLE_FIELD,       /* field values */
	ROLE_FOCUS,       /* the field or row with the focus */
	ROLE_INVALID,     /* a field with a problem */
	ROLE_SELECTED,    /* selected row in a list that has no focus */
	ROLE_HEADER,      /* column headings */
	ROLE_ERROR,
	ROLE_OK,
	ROLE_KEY,         /* key bar: key */
	ROLE_KEYLABEL,    /* key bar: label */
	ROLE_TOTAL,       /* the total-due line */
	ROLE_DIM,
	ROLE_DIALOG,
	ROLE_MATCH,       /* search match */
	ROLE_COUNT
};

struct tui_theme {
	char *name;
	char *path;                 /* file read, NULL for the built-in fallback */
	attr_t attr[ROLE_COUNT];
	bool color;
};

/* theme.c: loads themes/<name>.theme (beside the binary, ../themes,
 * ../../themes, $AFCQ_DATADIR/themes, the installed data dir).  Call after
 * curses started.  Without colours (NO_COLOR, mono terminal) only the
 * attributes are used.  A missing or bad file falls back to built-in
 * attributes and leaves a one-line reason in msg; returns 0 when the file
 * was used, -1 on fallback. */
int tui_theme_load(struct tui_theme *t, const char *name, const char *argv0, bool no_color,
		   char *msg, size_t n);
void tui_theme_done(struct tui_theme *t);
/* Names of the roles as used in theme files ("status", "field_focus"...). */
const char *tui_role_name(enum tui_role r);

/* ---- the form's fields ----------------------------------------------------- */
enum tui_table {
	TBL_HEADER,     /* company, bill-to, customer, date, flags */
	TBL_ITEM,       /* the line-item grid */
	TBL_DETAIL,     /* less common item fields (dialog) */
	TBL_EXEMPTION,  /* exemptions of the invoice (dialog) */
	TBL_COUNT
};

enum tui_ftype { FT_INT, FT_DBL, FT_BOOL, FT_STR, FT_DATE, FT_TS, FT_OPT };

struct tui_field_def {
	const char *key;     /* wire-like name: "bill.pcd", "chg", "from.zip" */
	const char *label;
	int row, col;        /* header: position inside the pane */
	int width;           /* characters of the value */
	enum tui_ftype type;
	size_t off;          /* offset of the member in its record */
	long loc_off;        /* offset of the enclosing location, -1 if none */
	const char *hint;    /* one line shown while the field has the focus */
};

/* fields.c */
const struct tui_field_def *tui_fields(enum tui_table t, size_t *n);
/* Index of key in table t, -1 if none. */
int tui_field_index(enum tui_table t, const char *key);
/* Number of records of a table in the current form (1 for the header). */
size_t tui_records(const struct tui_app *app, enum tui_table t);
/* Current text of a field: what was typed when it is marked invalid, else
 * the model's value ("" when absent).  Caller frees. */
char *tui_field_text(const struct tui_app *app, enum tui_table t, size_t fi, size_t rec);
/* Parses text into the model.  On a bad value the text is kept as typed,
 * the field is marked with the reason (msg) and -1 is returned. */
int tui_field_set(struct tui_app *app, enum tui_table t, size_t fi, size_t rec, const char *text,
		  char *msg, size_t n);
/* The problem marked on a field, NULL when none. */
const char *tui_field_problem(const struct tui_app *app, enum tui_table t, size_t fi, size_t rec);
/* Sets check box fi of record rec to value ("x" or "-"), or with value
 * NULL to the opposite of what it holds; a refusal goes to the message
 * line. */
void tui_field_check(struct tui_app *app, enum tui_table t, size_t fi, size_t rec,
		     const char *value);
/* The value a key gives a check box of the form: "x" for x y 1 (either
 * case), "-" for - n 0, NULL for any other key. */
const char *tui_field_check_key(int key);
/* Sets a field by its full script name: "bill.pcd", "itms[1].ts",
 * "itms[0].from.pcd", "exms[0].tpe".  Returns -1 with msg on failure. */
int tui_field_set_by_name(struct tui_app *app, const char *name, const char *text, char *msg,
			  size_t n);
/* Reads a field by full script name into a malloc'd string; NULL if none. */
char *tui_field_get_by_name(const struct tui_app *app, const char *name);
/* Marks: problems from validation and typed-but-invalid texts. */
void tui_marks_clear(struct tui_app *app, bool keep_typed);
void tui_marks_add_problem(struct tui_app *app, const char *path, const char *msg);
/* Rows of a table moved: every mark at rec >= from shifts by delta; marks
 * of a deleted row (delta < 0) go away. */
void tui_marks_shift(struct tui_app *app, enum tui_table t, size_t from, long delta);
void tui_marks_swap(struct tui_app *app, enum tui_table t, size_t a, size_t b);
/* Invoice inv was deleted: its marks go, marks of later invoices follow
 * them down by one. */
void tui_marks_invoice_deleted(struct tui_app *app, size_t inv);
size_t tui_marks_typed(const struct tui_app *app, char *first, size_t n);
void tui_marks_done(struct tui_app *app);
/* Whether text would read as field fi of table t (nothing stored): 0, or
 * -1 with the reason in msg. */
int tui_field_try(const struct tui_app *app, enum tui_table t, size_t fi, const char *text,
		  char *msg, size_t n);
/* A request path in the screen's words (labels.c): "inv[0].itms[2].chg"
 * is "item 3 Charge" ("invoice 2 item 3 Charge" when there are several),
 * "cmpn.svcl" "Company svcl", "inv[0].bill" "Bill-to". */
const char *tui_path_words(const struct tui_app *app, const char *path, char *buf, size_t n);
/* Describes a T/S pair from the catalog; NULL when unknown or no catalog. */
const struct afcq_tspair *tui_tspair_find(const struct tui_app *app, long long tran,
					  long long serv);

/* ---- views ------------------------------------------------------------------ */
struct tui_app;
struct tui_view;

struct tui_view_ops {
	const char *name;
	void (*open)(struct tui_app *app, struct tui_view *v);
	void (*draw)(struct tui_app *app, struct tui_view *v);
	/* Raw key before the keymap (text input); may be NULL. */
	enum tui_result (*on_key)(struct tui_app *app, struct tui_view *v, int key);
	enum tui_result (*on_action)(struct tui_app *app, struct tui_view *v, enum tui_action a);
	void (*on_resize)(struct tui_app *app, struct tui_view *v);
	void (*close)(struct tui_app *app, struct tui_view *v);
	/* Every tick while the view is on the stack (a dialog's own lookup);
	 * may be NULL. */
	void (*on_tick)(struct tui_app *app, struct tui_view *v);
	/* true when a text field has the focus (letters are text, not aliases). */
	bool (*text_focus)(const struct tui_app *app, const struct tui_view *v);
	/* What the view's keys do, in a few words ("Enter picks, Esc
	 * closes"), said with a key that does nothing there: on a dialog's
	 * bottom border, on the message line of a full_screen view. */
	const char *keys;
	/* The main screen or a view drawn over all of it (history, raw), not
	 * a dialog: what is said of a key that does nothing there takes the
	 * message line's place until the next key (the message stays). */
	bool full_screen;
};

struct tui_overlay;

struct tui_view {
	const struct tui_view_ops *ops;
	void *state;                /* owned by the view, freed by .close */
	struct tui_overlay *overlay; /* a dialog's window and panel (overlay.c),
				      * owned by the stack; NULL on stdscr */
	bool overlaid;              /* drawn in its overlay this frame */
};

/* overlay.c: a dialog's own window in a PANEL over the main screen.
 * _init once after curses started (libpanel's own set-up). */
void tui_overlay_init(void);
struct tui_overlay *tui_overlay_new(void);
void tui_overlay_free(struct tui_overlay *o);
/* Puts the overlay's window at y, x, h x w (made again when the size or
 * place changed) and shows it on top; NULL when it cannot be made. */
WINDOW *tui_overlay_place(struct tui_overlay *o, int y, int x, int h, int w);
void tui_overlay_hide(struct tui_overlay *o);

struct tui_rect { int y, x, h, w; };

/* ---- main-screen panes ------------------------------------------------------- */
enum tui_pane { PANE_FORM, PANE_TAXES, PANE_SUMMARY, PANE_COUNT };

struct tui_edit {
	bool active;
	enum tui_table t;
	size_t fi, rec;
	char buf[256];
	size_t len, cur;
	bool fresh;               /* first printable key replaces the text */
	bool dirty;               /* changed since loaded */
};

struct tui_form_state {
	bool in_grid;
	size_t hfield;            /* header field with the focus */
	size_t row, col;          /* grid cell with the focus */
	size_t top;               /* first visible grid row */
	struct tui_edit edit;
};

/* TROW_GONE: a tax only the compared quote has (inv, item, idx and brdg
 * are its). */
enum tui_trow_kind {
	TROW_REQERR, TROW_INVERR, TROW_ITEM, TROW_TAX, TROW_ITEMERR, TROW_NOTAX, TROW_GONE,
	TROW_BRIDGE,              /* a bridge participant's heading (brdg - 1) */
};
struct tui_trow {
	enum tui_trow_kind kind;
	size_t inv, item, idx;
	size_t brdg;              /* 0: the item's own; k + 1: its participant k */
};

struct tui_results {
	bool have;                /* a finished CalcTaxes to show */
	enum afcq_op op;
	enum afcq_status status;
	struct afcq_error err;    /* why it failed, when it did */
	struct afcq_request sent; /* the request as sent */
	struct afcq_response resp;
	struct afcq_totals totals;
	bool has_total;
	char *doc, *invn;
	bool commit;
	int64_t history_id;
	bool from_history;
	double latency_ms;
	unsigned long form_gen;   /* the form's generation when it was sent */
	struct tui_trow *rows;
	size_t n_rows;
	size_t tax_sel, tax_top, sum_sel, sum_top;
};

/* pane_rows.c: the tax columns the taxes and summary panes share. */
enum { TAXCOL_LVL = 7, TAXCOL_PCD = 8, TAXCOL_RATE = 11, TAXCOL_BASE = 10, TAXCOL_TAX = 9,
       TAXCOL_CHG = 10, TAXCOL_NAME_MIN = 20 };
/* The columns of a pane w wide: name width, and whether the rate and the
 * change (the difference from a compared quote) are shown. */
struct tui_taxcols { int w, nw; bool rate, change; };
/* With change, a change column is added; the rate gives way when the name
 * would get narrower than TAXCOL_NAME_MIN. */
struct tui_taxcols tui_taxcols(int w, bool change);
/* Formats one tax row into buf: name, level (as shown:
 * afcq_tax_level_name), PCode, rate by calculation type, base (the line
 * count for per-line taxes), the amount as given (tax) and the change
 * (NULL: blank). */
void tui_taxcol_line(const struct tui_taxcols *c, char *buf, size_t n, const char *name,
		     const char *level, long long pcd, int calc, double rate, double base,
		     long long lns, const char *tax, const char *change);
/* A totals row: the name, then the amount under Tax, the change under it. */
void tui_taxcol_total(const struct tui_taxcols *c, char *buf, size_t n, const char *name,
		      const char *amount, const char *change);
/* Draws the column heading on the pane's first row, title over the name;
 * with the focus, the hint goes on the hint line. */
void tui_taxcol_head(const struct tui_app *app, const struct tui_rect *p,
		     const struct tui_taxcols *c, const char *title, bool focus, const char *hint);

/* A pane's list of rows: vis rows from screen row y, n in all. */
struct tui_rows {
	int y, w, vis;
	size_t n, sel;
	bool focus;               /* the selected row is shown selected */
	/* Text of row i (w wide) into buf and its role. */
	void (*text)(const struct tui_app *app, size_t i, int w, char *buf, size_t n,
		     enum tui_role *role);
};
/* Scrolls *top so the selected row shows, then draws the visible rows. */
void tui_rows_draw(const struct tui_app *app, const struct tui_rows *rows, size_t *top);
/* Up/Down/Home/End and PgUp/PgDn by page rows move *sel among n rows
 * (true); false for any other action. */
bool tui_rows_move(size_t *sel, size_t n, size_t page, enum tui_action a);

/* The request under way: what it is, so the answer can be shown. */
struct tui_decode;
struct tui_encode;
struct tui_reaper;

struct tui_inflight {
	struct tui_encode *enc;   /* first the request being encoded on a worker
				   * thread (calls.c), until sent */
	struct afcq_pending *p;   /* the call, until its answer arrived */
	struct tui_decode *dec;   /* then: the answer being parsed on a worker
				   * thread (calls.c), until joined */
	enum afcq_op op;
	struct afcq_request req;  /* as handed to the API */
	char *doc, *invn;
	bool commit;
	unsigned long form_gen;
	struct afcq_history_entry resolving; /* the record a Commit call asks
					      * about (id 0 when none; no bodies) */
};

struct tui_mark {
	enum tui_table t;
	size_t inv;               /* the invoice (inv[] index) the field is in;
				   * 0 for the company's fields */
	size_t fi, rec;
	char *text;               /* typed text that did not parse, or NULL */
	char *msg;
};

struct tui_layout {
	bool too_small;
	/* the form shows only its current line (header row or item row, at
	 * grid.y; no hint) so that the answer has the room: see app->fold */
	bool folded;
	struct tui_rect status, header, grid, hint, taxes, summary, total, msg, keybar;
};

struct tui_script;

struct tui_app {
	const struct tui_args *args;
	const struct afcq_config *cfg;
	struct afcq_client *client;     /* made when first needed: tui_client() */
	bool client_wanted;             /* an endpoint to make it for, not tried yet */
	struct afcq_history *history;
	char *history_spec;             /* the store history was opened from (NULL:
					 * the local file), owned */
	struct afcq_history *history_rec; /* a second connection to it, for the
					   * answer workers (calls.c), or NULL */
	struct tui_reaper *reaper;      /* replaced results being freed (calls.c) */
	bool store_down;                /* the config's team store could not be reached */
	bool journal_pending;           /* history not opened yet: the first screen comes first */
	struct tui_team *team;          /* the link to it (teamstore.h), or NULL */
	struct afcq_api_ctx api;        /* with history: what users send */
	struct afcq_api_ctx lookup_api; /* no history: catalogs */
	char *endpoint_label;           /* "SANDBOX http://..." */
	bool sandbox;
	bool resend_quote;              /* the bundled sandbox was started again: F5 anew */

	struct tui_theme theme;
	bool mouse;

	struct afcq_request req;        /* the form: inv[cur_inv] is edited */
	size_t cur_inv;                 /* the invoice the header, grid, item and
					 * exemption dialogs show (< req.n_inv) */
	unsigned long form_gen;         /* bumped on every change of the form */
	char *file;                     /* last opened/saved path */
	char *form_clean;               /* the form as last started, loaded or saved (JSON) */
	struct tui_mark *marks;
	size_t n_marks;
	struct tui_form_state form;
	enum tui_pane focus;

	struct tui_results res;
	struct tui_inflight fly;
	struct afcq_pending *ts_pending;
	struct tui_catalog_read *ts_reading; /* the cache being read on a worker, or NULL */
	struct afcq_tspair_list tspairs;
	bool tspairs_loaded;
	time_t tspairs_fetched;         /* when the T/S catalog arrived (from the cache: when fetched) */
	struct afcq_pending *tt_pending; /* the tax type catalog, fetched beside the T/S one so the
					  * cache written afterwards holds both lists */
	struct afcq_taxtype_list taxtypes; /* as fetched, for the cache */
	bool ts_fetched, tt_fetched;    /* both lists came in this round: rewrite the cache */
	bool tspairs_from_cache;        /* the T/S list came from the cache, not this session */
	bool ts_rechecked;              /* a refusal already had the cached list fetched again */
	struct afcq_pending *lookup_pending; /* a dialog's lookup (PCode finder), owned by it */
	char *last_doc;                 /* last invoice document code */
	size_t n_unknown;               /* history records with an unknown outcome */
	unsigned long history_gen;      /* bumped when history may have changed */
	bool last_doc_committed;        /* its state as the server last confirmed it
					 * (invoice sent with cmmt, or F7 done) */

	char *raw_request, *raw_response, *raw_title;
	enum afcq_op raw_op;            /* what raw_request was sent as */
	struct tui_day *day;            /* a rep's day: pin, customer (day.h) */
	struct tui_undo *undo;          /* the last line item deleted (undo.h), or NULL */
	unsigned long undo_seq;         /* numbers undoable changes, newest highest (undo.h) */
	struct tui_places *places;      /* PCodes to places, for the screen (places.h) */
	bool fold;                      /* an answer just came: the form folds to its current
					 * line when the tax rows would not all show; editing
					 * the form again unfolds it */

	struct tui_view stack[8];
	size_t n_views;

	struct tui_layout lay;
	/* While a view draws: the view, and the window tui_put and friends
	 * draw on (stdscr, or the dialog's overlay once it framed its box).
	 * Screen coordinates are translated into the window's. */
	struct tui_view *drawing;
	WINDOW *canvas;
	char msg[512];
	enum tui_role msg_role;
	bool msg_in_flight;             /* msg was set while a request was running: it is
					 * shown beside the request's progress (a refusal
					 * must not hide behind "Sending...") */
	char dialog_note[160];          /* a key did nothing in the view on top: said
					 * on its bottom border (the message line of a
					 * full_screen view) until the next key */
	int key_now;                    /* the key being handled (tui_feed_key), */
	bool key_now_meta, key_now_set; /* with Alt; key_now_set false for an action
					 * run without a key (scripts) */
	char state_line[128];           /* "quote OK 12 ms" */
	char today[16];
	unsigned spin;

	struct tui_script *script;
	bool scripted;
	bool quit;
	int exit_code;
	bool dirty;                     /* repaint needed */
};

/* app.c (tui_action_unavailable, tui_draw, tui_compute_layout: frame.c) */
/* Opens a view on top of the stack; the view owns state from then on (its
 * .close frees it, or free() when it has none).  A full stack drops it. */
void tui_push(struct tui_app *app, const struct tui_view_ops *ops, void *state);
/* Closes the top view (never the main screen). */
void tui_pop(struct tui_app *app);
struct tui_view *tui_top(struct tui_app *app);
/* The one-line message under the total; role colours it. */
/* The HTTP client, made (and libcurl loaded) the first time a request
 * needs it or the loop is first idle, whichever comes first: the first
 * screen and a session that sends nothing do without it.  NULL when there
 * is no endpoint or it cannot be made (said once on the message line). */
struct afcq_client *tui_client(struct tui_app *app);
void tui_message(struct tui_app *app, enum tui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The message line holds TUI_MSG_COLS columns after its margin: what the
 * rep must know comes first and a message fits it whole. */
#define TUI_MSG_COLS 79
/* The last part of an error's message, its cause ("Not a directory" of
 * "cannot create folder: Not a directory"): a pointer into msg. */
const char *tui_cause(const char *msg);
/* Feeds one key as if typed (scripts use it too); meta for Alt. */
void tui_feed_key(struct tui_app *app, int key, bool meta);
/* Runs one action through the view stack and the global map. */
void tui_dispatch(struct tui_app *app, enum tui_action a);
/* Why action a cannot be used now (a static phrase), or NULL when it can.
 * The key bar dims such actions, help greys them out and tui_dispatch
 * refuses them with a message: F6 and F7 under a quote-only profile. */
const char *tui_action_unavailable(const struct tui_app *app, enum tui_action a);
/* One tick: pumps the client, completes finished requests. */
void tui_tick(struct tui_app *app, int wait_ms);
/* Draws everything (stdscr, then each dialog in its overlay) and shows
 * it: update_panels() and doupdate(). */
void tui_draw(struct tui_app *app);
void tui_compute_layout(struct tui_app *app);
bool tui_busy(const struct tui_app *app);
/* calls.c: true, with the message saying so, when a request is running. */
bool tui_busy_refuse(struct tui_app *app);

/* draw.c: UTF-8.  Decodes one character of s (n bytes): returns the bytes
 * it takes (1 for a broken sequence, read as TUI_BAD_CHAR), 0 when n is 0. */
#define TUI_BAD_CHAR 0xfffdUL
size_t tui_utf8_decode(const char *s, size_t n, unsigned long *cp);
/* Writes cp as UTF-8 into out; returns the bytes, 0 for no character. */
size_t tui_utf8_encode(unsigned long cp, char out[4]);
/* Display columns of the first n bytes of s (stops at a NUL). */
int tui_text_width(const char *s, size_t n);
/* The character a key types (printable ASCII or a Unicode key's code
 * point, never a surrogate or C1 control), 0 when it types none. */
unsigned long tui_typed_char(int key);
/* draw.c: UTF-8 text clipped to w display columns in a role's colours
 * (never wraps). */
void tui_put(const struct tui_app *app, int y, int x, int w, enum tui_role r, const char *s);
void tui_putf(const struct tui_app *app, int y, int x, int w, enum tui_role r, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* As tui_put/tui_putf, for lines of words (hints, messages, titles): a
 * text wider than w ends with the last whole word that fits and "...",
 * never in the middle of a word. */
/* s as it fits in w columns: whole, or the words that fit and "..." (a
 * first word wider than w is returned whole, for the caller to cut).
 * Allocated; the caller frees it. */
char *tui_words_fit(const char *s, int w);
/* Breaks s into rows of at most w columns, at spaces (a word wider than
 * w is cut between characters): start[i] is the byte where row i begins
 * (leading spaces skipped), for at most max rows; a row ends where the
 * next begins (trailing spaces are the caller's to leave out).  Returns
 * the rows the text takes, max + 1 when it needs more than max. */
int tui_wrap(const char *s, int w, size_t *start, int max);
void tui_put_words(const struct tui_app *app, int y, int x, int w, enum tui_role r, const char *s);
void tui_putf_words(const struct tui_app *app, int y, int x, int w, enum tui_role r,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void tui_fill(const struct tui_app *app, int y, int x, int w, enum tui_role r);
/* Leaves the cursor at screen position y, x of the window being drawn. */
void tui_move(const struct tui_app *app, int y, int x);
/* A centred box of h x w with a title; returns the inside.  Called from a
 * dialog's .draw, it places the dialog's overlay there and draws in it. */
struct tui_rect tui_dialog_frame(struct tui_app *app, int h, int w, const char *title);
/* dialog_common.c: the end of a dialog's action switch: Esc closes it;
 * help, quit and redraw go on to the app; any other action does nothing
 * and says so (tui_dialog_ignored). */
enum tui_result tui_dialog_action_rest(struct tui_app *app, enum tui_action a);
/* Action a (ACT_NONE: a key bound to none) does nothing in the view on
 * top: until the next key its bottom border says so ("F5 does nothing
 * here: Enter picks, Esc closes"), or for a full_screen view the message
 * line; what was typed and the message stay as they are.  Nothing is said
 * when the top view has no .keys. */
void tui_dialog_ignored(struct tui_app *app, enum tui_action a);
/* Action a does nothing in the dialog on top for the reason given: said
 * as tui_dialog_ignored does ("PgDn: no next exemption, this is 2 of 2"). */
void tui_dialog_refused(struct tui_app *app, enum tui_action a, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A .text_focus for a dialog whose one text input always has the focus. */
bool tui_dialog_text_always(const struct tui_app *app, const struct tui_view *v);
/* The in-place field editor of the header and the grid (fields.c says why
 * they are not on libform). */
void tui_edit_load(struct tui_app *app, struct tui_edit *e, enum tui_table t, size_t fi, size_t rec);
/* Stores the text when it changed; returns -1 when it did not parse. */
int tui_edit_commit(struct tui_app *app, struct tui_edit *e);
/* Printable keys, Backspace, Delete, Ctrl-A/E/U: TUI_HANDLED or TUI_PASS. */
enum tui_result tui_edit_key(struct tui_edit *e, int key);
enum tui_result tui_edit_action(struct tui_edit *e, enum tui_action a);
/* Columns from a field of w columns to the cursor of e, as drawn. */
int tui_edit_cursor_col(const struct tui_edit *e, int w);
void tui_edit_draw(const struct tui_app *app, const struct tui_edit *e, int y, int x, int w,
		   bool focus);
#include "widgets.h"

/* Draws a field value "[value]" with its mark; for check boxes "[x]". */
void tui_field_draw(struct tui_app *app, enum tui_table t, size_t fi, size_t rec, int y, int x,
		    int w, bool focus);
/* Rate as shown for its calculation type: "6.25%", "1.72/line". */
const char *tui_rate_text(int calc, double rate, char *buf, size_t n);
/* An error for a line that may be cut at the screen's width: the cause
 * first, then the URL it is about ("connection refused (http://...)"),
 * for errors of an exchange (network, HTTP, answer); else as
 * afcq_error_line ("itms[0].chg: not a number").  Returns buf. */
const char *tui_error_text(const struct afcq_error *e, char *buf, size_t n);
/* A request (st, err) that found nobody listening at the bundled sandbox:
 * it had stopped (killed, crashed) and is started again on the same URL
 * (calls.c).  true when it was: asking again will reach it. */
bool tui_sandbox_back(struct tui_app *app, enum afcq_status st, const struct afcq_error *err);

/* calls.c: requests to the server (the T/S catalog and tui_calls_validate:
 * calls_catalog.c) */
void tui_calls_start_catalog(struct tui_app *app);
/* Validates the form (marking fields) and starts a quote; false when
 * nothing was sent. */
bool tui_calls_quote(struct tui_app *app);
bool tui_calls_invoice(struct tui_app *app, const char *invn, const char *doc, bool commit);
bool tui_calls_commit(struct tui_app *app, const char *doc, bool commit);
/* Cancels the running call.  Once its answer arrived and is being parsed
 * (fly.dec) there is nothing left to cancel: the answer is shown when the
 * parse ends, a fraction of a second later. */
void tui_calls_cancel(struct tui_app *app);
/* Completes what finished: a done call's answer is handed to a worker
 * thread to parse, a parsed answer is recorded in history and shown.
 * Never waits for either. */
void tui_calls_poll(struct tui_app *app);
/* Waits up to ms (in 1 ms naps) while an answer is being parsed; returns
 * at once when none is.  tui_tick uses it as the pump's wait. */
/* Waits up to ms for the T/S catalog cache's reader (calls_catalog.c). */
void tui_calls_catalog_wait(const struct tui_app *app, int ms);
/* Joins and frees that reader, if any (the workstation's end). */
void tui_calls_catalog_end(struct tui_app *app);
void tui_calls_wait(const struct tui_app *app, int ms);
/* Waits for an answer being parsed (app_done), then completes it. */
void tui_calls_drain(struct tui_app *app);
/* Waits for the answer a newer one replaced to be freed (calls.c). */
void tui_calls_reap(struct tui_app *app);
/* Milliseconds since the user's request was sent (0 when none). */
double tui_calls_elapsed_ms(const struct tui_app *app);
/* Validation of the form with the catalog; marks fields.  Returns the
 * number of problems (first one in msg). */
size_t tui_calls_validate(struct tui_app *app, char *msg, size_t n);
/* calls_resolve.c: unknown outcomes (resolve.h) */
/* Counts history's unknown outcomes into app->n_unknown. */
void tui_unknown_recount(struct tui_app *app);
/* Starts the Commit call that settles history entry id (sent to this
 * endpoint); false with a message when it cannot. */
bool tui_calls_resolve(struct tui_app *app, int64_t id);
/* The call started by tui_calls_resolve is done: records and shows what it
 * says (decode_finish calls it instead of the commit's own ending). */
void tui_resolve_finish(struct tui_app *app, enum afcq_status st, const struct afcq_exchange *x,
			const struct afcq_error *err);
/* Asks whether to resolve e (a record with an unknown outcome) now. */
void tui_offer_resolve(struct tui_app *app, const struct afcq_history_entry *e);
/* true (message shown) when invoice number invn may not be sent to this
 * endpoint (afcq_history_invoice_blocker); *b gets the record that blocks
 * it (id 0 when the store could not be read), the caller frees it with
 * afcq_history_entry_done. */
bool tui_invoice_blocked(struct tui_app *app, const char *invn, struct afcq_history_entry *b);
/* R outside the history: offers to resolve this endpoint's oldest unknown. */
void tui_resolve_oldest(struct tui_app *app);
/* Shows a stored exchange (history) in the result panes. */
void tui_results_show(struct tui_app *app, enum afcq_op op, const char *request_text,
		      const char *response_text, int64_t history_id);
void tui_results_clear(struct tui_results *r);
void tui_results_index(struct tui_results *r);

/* form.c: the request being edited */
void tui_form_new(struct tui_app *app);
/* Loads a request file into the form; -1 with msg on failure (the form
 * is left as it was). */
int tui_form_load_file(struct tui_app *app, const char *path, char *msg, size_t n);
int tui_form_load_text(struct tui_app *app, const char *text, char *msg, size_t n);
/* EDIT_REQUEST: the request in $VISUAL/$EDITOR/vi, then back into the form
 * (editor.c). */
void tui_edit_request(struct tui_app *app);
int tui_form_save_file(struct tui_app *app, const char *path, char *msg, size_t n);
/* Remembers the form as it is now as the one last started, loaded or
 * saved (tui_form_new, loading and saving call it). */
void tui_form_set_clean(struct tui_app *app);
/* true when the form differs from what was last started, loaded or saved:
 * a field being edited whose text changed, a typed value that did not
 * parse, or a request that is not the same.  Changes nothing. */
bool tui_form_changed(const struct tui_app *app);
/* Re-reads the focused field after the model changed underneath. */
void tui_form_refocus(struct tui_app *app);
/* Esc on the form: a field being edited and changed goes back to what it
 * holds (TUI_HANDLED); TUI_PASS when there is no such edit. */
enum tui_result tui_form_abandon_edit(struct tui_app *app);
/* Gives the form pane the focus, on its focused field (re-read). */
void tui_form_take_focus(struct tui_app *app);
/* Gives the form pane the focus, on grid row row. */
void tui_form_focus_row(struct tui_app *app, size_t row);
/* Stores the field being edited; -1 when it did not parse. */
int tui_form_commit_edit(struct tui_app *app);
/* The invoice being edited, inv[cur_inv] (made when the form has none). */
struct afcq_invoice *tui_form_invoice(struct tui_app *app);
/* The same, read-only; NULL when the form holds no invoice. */
const struct afcq_invoice *tui_form_invoice_c(const struct tui_app *app);
/* Shows invoice i, storing the field being edited first (a value that
 * does not parse stays typed and marked on its own invoice).  Returns -1
 * when there is no invoice i (nothing switched). */
int tui_form_show_invoice(struct tui_app *app, size_t i);
/* Appends an invoice with the config defaults and one item, copying the
 * bill-to, customer type and date of the shown one, and shows it. */
int tui_form_add_invoice(struct tui_app *app);
/* Deletes the shown invoice (never the last one: -1 with a message) and
 * shows the one now at its place (or the one before). */
int tui_form_delete_invoice(struct tui_app *app);
/* "Invoice 2 of 3" into buf when the form holds more than one invoice,
 * "" otherwise; returns buf. */
const char *tui_form_invoice_label(const struct tui_app *app, char *buf, size_t n);
size_t tui_form_n_items(const struct tui_app *app);
int tui_form_insert_row(struct tui_app *app, size_t at);
/* The next column after col of row that Tab stops on (a quantity the
 * row's pair does not use is skipped); the column count when none. */
size_t tui_items_next_col(const struct tui_app *app, size_t row, size_t col);
void tui_form_delete_row(struct tui_app *app, size_t at);
void tui_form_dup_row(struct tui_app *app, size_t at);
void tui_form_move_row(struct tui_app *app, size_t at, int dir);
/* Puts the focus on a marked field (opening its dialog when it has one). */
void tui_form_focus_mark(struct tui_app *app, const struct tui_mark *m);
/* Puts the focus on a field named by a validation path. */
void tui_form_focus_path(struct tui_app *app, const char *path);

/* views and panes (one file each) */
extern const struct tui_view_ops tui_screen_main_ops;
extern const struct tui_view_ops tui_pane_header_ops;
extern const struct tui_view_ops tui_pane_items_ops;
extern const struct tui_view_ops tui_pane_taxes_ops;
extern const struct tui_view_ops tui_pane_summary_ops;
extern const struct tui_view_ops tui_dialog_help_ops;
extern const struct tui_view_ops tui_dialog_invoice_ops;
extern const struct tui_view_ops tui_dialog_commit_ops;
extern const struct tui_view_ops tui_dialog_confirm_ops;
extern const struct tui_view_ops tui_dialog_prompt_ops;
extern const struct tui_view_ops tui_dialog_fields_ops;
extern const struct tui_view_ops tui_dialog_tax_ops;
extern const struct tui_view_ops tui_dialog_message_ops;
extern const struct tui_view_ops tui_screen_raw_ops;
extern const struct tui_view_ops tui_screen_history_ops;
extern const struct tui_view_ops tui_dialog_tspair_ops;
extern const struct tui_view_ops tui_dialog_pcode_ops;

/* Dialog helpers: each returns after pushing the dialog; the callbacks run
 * once the dialog is closed, and data (malloc'd or NULL) is theirs to read,
 * freed with free() afterwards. */
typedef void (*tui_confirm_fn)(struct tui_app *app, void *data);
typedef void (*tui_prompt_fn)(struct tui_app *app, void *data, const char *text);
/* lines: '\n'-separated text.  data is freed with free() on close. */
void tui_confirm(struct tui_app *app, const char *title, const char *lines, tui_confirm_fn yes,
		 void *data);
/* As tui_confirm, but only y confirms: Enter, n and Esc decline ("y/N"). */
void tui_confirm_default_no(struct tui_app *app, const char *title, const char *lines,
			    tui_confirm_fn yes, void *data);
void tui_prompt(struct tui_app *app, const char *title, const char *label, const char *initial,
		tui_prompt_fn ok, void *data);
void tui_show_message(struct tui_app *app, const char *title, const char *lines);
/* The detail or exemption dialog on record rec, focus on field key (NULL:
 * the first). */
void tui_open_fields(struct tui_app *app, enum tui_table t, size_t rec, const char *key);
/* The tax a TROW_TAX row stands for (the item's or a bridge
 * participant's), NULL when the row is of another kind or out of range. */
const struct afcq_tax *tui_trow_tax(const struct tui_results *r, const struct tui_trow *row);
/* Opens a tax in full: with summary, summary row idx of invoice inv; else
 * the tax on row idx of the taxes pane (an item's or a bridge
 * participant's; inv and item are then taken from the row). */
void tui_open_tax(struct tui_app *app, size_t inv, size_t item, size_t idx, bool summary);
void tui_open_invoice(struct tui_app *app);
void tui_open_commit(struct tui_app *app);
void tui_open_raw(struct tui_app *app);
void tui_open_history(struct tui_app *app);
void tui_open_help(struct tui_app *app);
/* dialog_tspair.c: the T/S pair picker for line item row; Enter sets its
 * T/S field, Esc leaves it as it was. */
void tui_open_tspair_picker(struct tui_app *app, size_t row);
/* dialog_pcode.c: the PCode finder; Enter on a match sets field key
 * ("bill.pcd", "from.pcd"...) of record rec in table t. */
void tui_open_pcode_finder(struct tui_app *app, enum tui_table t, size_t rec, const char *key);

/* script.c */
/* Loads a script; NULL with msg when it cannot be read. */
struct tui_script *tui_script_open(const char *path, char *msg, size_t n);
void tui_script_free(struct tui_script *s);
/* Runs the next command; returns false at the end of the script. */
bool tui_script_step(struct tui_app *app);
/* Text of the screen as shown (rows joined by '\n'); caller frees. */
char *tui_screen_text(void);

#endif
