/* dialog_pcode.c - the PCode finder (being written). */
#include "tui.h"

const struct tui_view_ops tui_dialog_pcode_ops = {
	.name = "pcode",
};

void tui_open_pcode_finder(struct tui_app *app, enum tui_table t, size_t rec, const char *key)
{
	(void)t;
	(void)rec;
	(void)key;
	tui_message(app, ROLE_ERROR, "the PCode finder is not available yet");
}
