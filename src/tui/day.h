/* day.h - a rep's working day on the workstation: a new call, the pinned
 * quote the next one is compared with, and the read-back text copied to
 * the clipboard.  Private to the workstation; the state lives in one
 * struct tui_day the app owns (app->day).
 *
 * Compare: PIN keeps the quote shown (its request and answer, moved out of
 * the result panes' way into day->other once a newer answer comes).  While
 * a pin and a newer answer both exist, the panes show the newer one with
 * each row's difference from the other, rows only the other has ("gone")
 * are listed from it, and the total line shows both totals.  PIN_SWAP
 * shows the other one instead (the two tui_results are swapped, so the
 * panes always draw app->res); before a new answer replaces app->res the
 * newer one is put back first, so the pin is never lost.
 */
#ifndef AFCQ_TUI_DAY_H
#define AFCQ_TUI_DAY_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/store.h"
#include "tui.h"

struct tui_day_product {
	char *name;
	long long count;          /* added count times (AFC qty) */
};
struct tui_day_undo;

struct tui_day {
	/* the caller: the customer loaded into the form, the products added */
	bool have_customer;
	struct afcq_customer customer;  /* as loaded (or last saved) */
	struct tui_day_product *products; /* in the order added */
	size_t n_products;
	/* the customer book, opened on first use (customer.c) */
	struct afcq_store *store;
	bool store_failed;        /* tried and failed: said, not tried again */
	char store_why[512];
	/* undo of the last load of a customer or product (customer.c) */
	struct tui_day_undo *undo;
	/* a customer being saved, while a question about it is open */
	bool have_pending;
	struct afcq_customer pending;

	/* compare */
	bool pinned;              /* a quote is pinned */
	bool pin_is_res;          /* the pinned quote is app->res, no newer one yet */
	bool showing_pin;         /* app->res holds the pinned quote, other the newer */
	struct tui_results other; /* the quote not shown (once there are two) */
	/* summary rows only the other quote has: (invoice, row) of other */
	size_t (*gone_summ)[2];
	size_t n_gone_summ;
};

/* app.c creates it after the form, frees it before the results. */
struct tui_day *tui_day_new(void);
void tui_day_free(struct tui_day *d);

/* Forgets the customer loaded and the products added (a new call). */
void tui_day_forget_caller(struct tui_day *d);
/* Remembers a product added to the form, as the read-back names it. */
void tui_day_add_product(struct tui_day *d, const char *name, long long count);

/* customer.c: the customer book on the workstation.
 *
 * The store is opened on first use; when it cannot be, the message line
 * says so once and everything else goes on (quoting needs no book).
 * Loading a customer or adding a product first keeps a copy of the form
 * and of the caller (customer, products added), so that UNDO puts both
 * back; the copy goes with a new call or the next load. */
/* The store, or NULL with the reason said on the message line. */
struct afcq_store *tui_day_store(struct tui_app *app);
/* Loads c into the invoice shown (bill-to, type, lifeline, exemptions,
 * usual products), touches it and says so, naming the undo key.  Refused
 * (false, said) while a field holds a value that does not parse. */
bool tui_customer_load(struct tui_app *app, const struct afcq_customer *c);
/* Keeps the undo copy before the form is changed by a load; what names
 * the change ("loading Ada Lovelace").  false (said) when the form holds
 * a value that does not parse. */
bool tui_day_undo_keep(struct tui_app *app, const char *what);
/* The change was made: the undo copy is for the form as it is now. */
void tui_day_undo_mark(struct tui_app *app);
/* Undoes the last load (UNDO, undo.h, when it is the newest change): the
 * form and the caller back to before it (asking first when the form
 * changed since). */
void tui_day_undo(struct tui_app *app);
/* The undo_seq of the load kept for undoing, 0 when none. */
unsigned long tui_day_undo_seq(const struct tui_app *app);
void tui_day_undo_free(struct tui_day *d);
/* The name of the caller ("Ada Lovelace"), NULL when none. */
const char *tui_day_caller(const struct tui_app *app);
/* What the status line says of the caller: the name, "no customer book"
 * once the book could not be opened, else NULL. */
const char *tui_day_status(const struct tui_app *app);
/* Opens the customer finder (dialog_customer.c). */
void tui_open_customer_finder(struct tui_app *app);
/* Opens the product picker (dialog_products.c). */
void tui_open_products(struct tui_app *app);
/* Saves the form's customer fields (dialog_customer_save.c): as a new
 * customer (new_one), else into the customer loaded; query prefills the
 * name or phone of a new one. */
void tui_open_customer_save(struct tui_app *app, bool new_one, const char *query);

/* The main screen's last word on an action: NEW_CALL, PIN, PIN_SWAP, COPY.
 * TUI_PASS for any other. */
enum tui_result tui_day_action(struct tui_app *app, enum tui_action a);

/* newcall.c: NEW_CALL.  Resets the form to the configured defaults (the
 * company profile, today's date, one empty line item) and forgets the
 * answer shown, the pin and the loaded customer; the last quote stays in
 * history.  Asks first when the form holds changes never quoted or saved;
 * refused while a request runs. */
void tui_new_call(struct tui_app *app);
/* true when the form holds something neither quoted (the answer shown was
 * sent from the form as it is) nor saved nor loaded. */
bool tui_form_unquoted(const struct tui_app *app);

/* compare.c */
/* true when a pinned quote and another one are both there to compare. */
bool tui_compare_on(const struct tui_app *app);
/* PIN: pins the quote shown; on the pinned quote with no newer one, drops
 * the pin. */
void tui_compare_pin(struct tui_app *app);
/* PIN_SWAP: shows the other quote. */
void tui_compare_swap(struct tui_app *app);
/* Forgets the pin (a new call). */
void tui_compare_clear(struct tui_app *app);
/* A new answer is about to replace app->res: the newer quote goes back
 * into app->res, and a pin that was app->res moves to day->other. */
void tui_compare_before_results(struct tui_app *app);
/* app->res was replaced: the rows are indexed again with the other
 * quote's gone rows. */
void tui_compare_after_results(struct tui_app *app);
/* "pinned" or "newer": what the quote not shown is, for labels. */
const char *tui_compare_other_name(const struct tui_app *app);
/* The change column of a tax-pane row ("+0.15", "new +0.94", "gone
 * -0.94"), "" for rows that have none.  Returns buf. */
const char *tui_compare_tax_change(const struct tui_app *app, const struct tui_trow *row,
				   char *buf, size_t n);
/* The tax of a TROW_GONE row (from the other quote). */
const struct afcq_tax *tui_compare_gone_tax(const struct tui_app *app, const struct tui_trow *row);
/* Summary rows only the other quote has, and one of them. */
size_t tui_compare_n_gone_summ(const struct tui_app *app);
const struct afcq_summary *tui_compare_gone_summ(const struct tui_app *app, size_t k);
/* The change column of summary row idx of invoice inv of app->res, of gone
 * row k (gone true), or of total t (0 charges, 1 billable, 2 non-billable,
 * 3 total due; with inv SIZE_MAX). */
const char *tui_compare_summ_change(const struct tui_app *app, size_t inv, size_t idx, bool gone,
				    char *buf, size_t n);
const char *tui_compare_total_change(const struct tui_app *app, int t, char *buf, size_t n);
/* The total line while comparing. */
void tui_compare_draw_total(struct tui_app *app, const struct tui_rect *r);

#endif
