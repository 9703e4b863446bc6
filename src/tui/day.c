/* day.c - a rep's day on the main screen: the state (day.h) and the
 * actions the main screen hands on (new call, pin, swap).
 */
#include "day.h"

#include <stdlib.h>

#include "afcq/str.h"
#include "clipboard.h"

struct tui_day *tui_day_new(void)
{
	return afcq_xcalloc(1, sizeof(struct tui_day));
}

void tui_day_forget_caller(struct tui_day *d)
{
	afcq_customer_done(&d->customer);
	d->have_customer = false;
	for (size_t i = 0; i < d->n_products; i++)
		free(d->products[i].name);
	free(d->products);
	d->products = NULL;
	d->n_products = 0;
	tui_day_undo_free(d);
}

void tui_day_add_product(struct tui_day *d, const char *name, long long count)
{
	d->products = afcq_xrealloc(d->products, (d->n_products + 1) * sizeof *d->products);
	d->products[d->n_products++] = (struct tui_day_product){ afcq_xstrdup(name), count };
}

void tui_day_free(struct tui_day *d)
{
	if (!d)
		return;
	tui_day_forget_caller(d);
	afcq_customer_done(&d->pending);
	afcq_store_close(d->store);
	tui_results_clear(&d->other);
	free(d->gone_summ);
	free(d);
}

enum tui_result tui_day_action(struct tui_app *app, enum tui_action a)
{
	switch (a) {
	case ACT_NEW_CALL:
		tui_new_call(app);
		return TUI_HANDLED;
	case ACT_PIN:
		tui_form_commit_edit(app);
		tui_compare_pin(app);
		return TUI_HANDLED;
	case ACT_PIN_SWAP:
		tui_form_commit_edit(app);
		tui_compare_swap(app);
		return TUI_HANDLED;
	case ACT_CUSTOMER:
		tui_open_customer_finder(app);
		return TUI_HANDLED;
	case ACT_PRODUCTS:
		tui_open_products(app);
		return TUI_HANDLED;
	case ACT_COPY:
		tui_copy_readback(app);
		return TUI_HANDLED;
	default:
		return TUI_PASS;
	}
}
