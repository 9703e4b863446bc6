/* dialog_common.c - what most dialogs do alike: the keys a dialog does not
 * use itself, and a text input that always has the focus.
 */
#include "tui.h"

#include <stdarg.h>
#include <stdio.h>

enum tui_result tui_dialog_action_rest(struct tui_app *app, enum tui_action a)
{
	switch (a) {
	case ACT_CANCEL:
		return TUI_CLOSE;
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_REDRAW:
		return TUI_PASS;
	default:
		tui_dialog_ignored(app, a);
		return TUI_HANDLED;
	}
}

/* The key being handled as the help writes keys ("F5", "Alt-q",
 * "Ctrl-K"); for an action run without a key, the action's key. */
static const char *key_words(const struct tui_app *app, enum tui_action a, char *buf, size_t n)
{
	if (!app->key_now_set)
		return tui_action_key_text(a, buf, n);
	int key = app->key_now;
	char name[32];
	if (key > 0 && key < ' ' && key != '\t' && key != '\n' && key != 27)
		snprintf(name, sizeof name, "Ctrl-%c", key + '@');
	else
		tui_key_name(key, name, sizeof name);
	snprintf(buf, n, "%s%s", app->key_now_meta ? "Alt-" : "", name);
	return buf;
}

void tui_dialog_ignored(struct tui_app *app, enum tui_action a)
{
	const struct tui_view *v = tui_top(app);
	if (!v->ops->keys)
		return;
	char k[48];
	snprintf(app->dialog_note, sizeof app->dialog_note, "%s does nothing here: %s",
		 key_words(app, a, k, sizeof k), v->ops->keys);
	app->dirty = true;
}

void tui_dialog_refused(struct tui_app *app, enum tui_action a, const char *fmt, ...)
{
	char k[48], why[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(app->dialog_note, sizeof app->dialog_note, "%s: %s",
		 key_words(app, a, k, sizeof k), why);
	app->dirty = true;
}

bool tui_dialog_text_always(const struct tui_app *app, const struct tui_view *v)
{
	(void)app;
	(void)v;
	return true;
}
