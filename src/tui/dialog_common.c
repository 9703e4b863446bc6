/* dialog_common.c - what most dialogs do alike: the keys a dialog does not
 * use itself, and a text input that always has the focus.
 */
#include "tui.h"

enum tui_result tui_dialog_action_rest(enum tui_action a)
{
	switch (a) {
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

bool tui_dialog_text_always(const struct tui_app *app, const struct tui_view *v)
{
	(void)app;
	(void)v;
	return true;
}
