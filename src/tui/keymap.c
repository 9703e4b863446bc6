/* keymap.c - keys to actions, generated from actions.def.
 *
 * The action table below is the X-macro expanded once; lookups walk it.
 * A key maps to an action by its primary or second key; Alt+letter maps by
 * alias anywhere; a plain letter maps by alias only where no text field has
 * the focus, so text fields never treat letters as commands.  Ctrl-S, -Q,
 * -C and -Z are deliberately not bound (terminal flow control, habits).
 */
#include "tui.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct tui_action_info actions[] = {
	{ ACT_NONE, "ACT_NONE", 0, 0, 0, NULL, NULL },
#define ACTION(id, key, key2, alias, label, help) { id, #id, key, key2, alias, label, help },
#include "actions.def"
#undef ACTION
};

const struct tui_action_info *tui_action_info(enum tui_action a)
{
	if ((int)a <= 0 || a >= ACT_COUNT)
		return &actions[0];
	return &actions[a];
}

enum tui_action tui_action_by_name(const char *name)
{
	for (size_t i = 1; i < ACT_COUNT; i++)
		if (strcasecmp(actions[i].name, name) == 0 || strcasecmp(actions[i].name + 4, name) == 0)
			return actions[i].id;
	return ACT_NONE;
}

enum tui_action tui_keymap_lookup(int key, bool meta, bool text_focus)
{
	bool printable = key >= 32 && key < 127;
	if (!meta) {
		/* in a text field a printable key is text, never a command */
		if (text_focus && printable)
			return ACT_NONE;
		for (size_t i = 1; i < ACT_COUNT; i++)
			if (actions[i].key == key || actions[i].key2 == key)
				return actions[i].id;
		if (!printable)
			return ACT_NONE;
	}
	for (size_t i = 1; i < ACT_COUNT; i++)
		if (actions[i].alias && actions[i].alias == key)
			return actions[i].id;
	return ACT_NONE;
}

struct key_name { const char *name; int key; };

static const struct key_name key_names[] = {
	{ "Tab", '\t' }, { "S-Tab", KEY_BTAB }, { "BTab", KEY_BTAB }, { "Enter", '\n' },
	{ "Esc", 27 }, { "Space", ' ' }, { "Up", KEY_UP }, { "Down", KEY_DOWN },
	{ "Left", KEY_LEFT }, { "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE },
	{ "Home", KEY_HOME }, { "End", KEY_END }, { "Ins", KEY_IC }, { "Del", KEY_DC },
	{ "BS", KEY_BACKSPACE }, { "Backspace", KEY_BACKSPACE }, { "S-Up", KEY_SR },
	{ "S-Down", KEY_SF }, { "Resize", KEY_RESIZE },
};

int tui_key_by_name(const char *name)
{
	if (!name || !*name)
		return -1;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '0' && name[1] <= '9') {
		int n = 0;
		if (sscanf(name + 1, "%d", &n) == 1 && n >= 1 && n <= 24)
			return KEY_F(n);
		return -1;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3])
		return CTRL_KEY(name[2]);
	if (!name[1])
		return (unsigned char)name[0];
	return -1;
}

const char *tui_action_key_text(enum tui_action a, char *buf, size_t n)
{
	const struct tui_action_info *ai = tui_action_info(a);
	char alias[8];
	if (ai->key)
		return tui_key_name(ai->key, buf, n);
	snprintf(alias, sizeof alias, "%c", ai->alias ? ai->alias : '?');
	snprintf(buf, n, "Alt-%s", alias);
	return buf;
}

const char *tui_key_name(int key, char *buf, size_t n)
{
	if (key >= KEY_F(1) && key <= KEY_F(24)) {
		snprintf(buf, n, "F%d", key - KEY_F0);
		return buf;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(buf, n, "%s", key_names[i].name);
			return buf;
		}
	if (key == KEY_ENTER) {
		snprintf(buf, n, "Enter");
		return buf;
	}
	if (key > 0 && key < 32) {
		snprintf(buf, n, "C-%c", key + 'a' - 1);
		return buf;
	}
	if (key >= 32 && key < 127) {
		snprintf(buf, n, "%c", key);
		return buf;
	}
	snprintf(buf, n, "key %d", key);
	return buf;
}
