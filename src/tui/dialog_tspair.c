/* dialog_tspair.c - the T/S pair picker (being written). */
#include "tui.h"

const struct tui_view_ops tui_dialog_tspair_ops = {
	.name = "tspair",
};

void tui_open_tspair_picker(struct tui_app *app, size_t row)
{
	(void)row;
	tui_message(app, ROLE_ERROR, "the T/S pair picker is not available yet");
}
