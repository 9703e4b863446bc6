/* newcall.c - NEW_CALL: the form back to the configured defaults for the
 * next caller.  What the last caller was quoted is in history already
 * (every answer is recorded when it arrives), so nothing is lost by
 * clearing the panes; only a form holding something never quoted, saved or
 * loaded makes it ask first.
 */
#include "day.h"

#include <stdlib.h>
#include <string.h>

bool tui_form_unquoted(const struct tui_app *app)
{
	if (!tui_form_changed(app))
		return false;
	const struct tui_results *r = &app->res;
	/* the answer shown was sent from the form as it is now */
	bool quoted = r->have && !r->from_history && r->form_gen == app->form_gen;
	if (!quoted)
		return true;
	/* ...unless a field is being edited, or holds a value that did not parse */
	if (app->form.edit.active && app->form.edit.dirty)
		return true;
	return tui_marks_typed(app, NULL, 0) > 0;
}

static void reset(struct tui_app *app, void *data)
{
	(void)data;
	if (tui_busy_refuse(app))
		return;
	/* what is in history to mention: the answer shown, if one was sent */
	const char *sent = app->res.have && !app->res.from_history ? afcq_op_name(app->res.op)
								    : NULL;
	tui_compare_clear(app);
	tui_day_forget_caller(app->day);
	tui_results_clear(&app->res);
	tui_form_new(app);
	app->form_gen++;
	free(app->file);
	app->file = NULL;
	app->focus = PANE_FORM;
	tui_form_take_focus(app);
	app->state_line[0] = '\0';
	if (sent)
		tui_message(app, ROLE_OK,
			    "New call: the form holds the defaults; the last %s is in history (F8)", sent);
	else
		tui_message(app, ROLE_OK, "New call: the form holds the defaults");
}

void tui_new_call(struct tui_app *app)
{
	if (tui_busy_refuse(app))
		return;
	if (tui_form_unquoted(app)) {
		tui_confirm_default_no(app, "New call",
				       "The form holds changes that were never quoted or saved.\n"
				       "Clear it for a new call and lose them? (y/N)",
				       reset, NULL);
		return;
	}
	reset(app, NULL);
}
