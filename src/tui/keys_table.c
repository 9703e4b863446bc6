/* keys_table.c - the workstation's keys as a Markdown table (afcq --keys),
 * generated from actions.def like the keymap, the key bar and the help
 * overlay, so the README's table cannot drift from the program.
 */
#include "tui_main.h"
#include "tui.h"

#include <stdio.h>
#include <string.h>

/* A table cell: '|' would end the cell, so it is escaped. */
static void cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void key_cell(FILE *out, int key)
{
	char name[32];
	fputc('`', out);
	cell(out, tui_key_name(key, name, sizeof name));
	fputc('`', out);
}

void tui_print_keys(FILE *out)
{
	fputs("| Key | Alias | Action | What it does |\n", out);
	fputs("|---|---|---|---|\n", out);
	for (int a = 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *ai = tui_action_info((enum tui_action)a);
		fputs("| ", out);
		if (ai->key)
			key_cell(out, ai->key);
		char k1[32], k2[32];
		tui_key_name(ai->key, k1, sizeof k1);
		tui_key_name(ai->key2, k2, sizeof k2);
		if (ai->key2 && (!ai->key || strcmp(k1, k2) != 0)) { /* Enter is Enter twice */
			fputs(ai->key ? ", " : "", out);
			key_cell(out, ai->key2);
		}
		fputs(" | ", out);
		if (ai->alias) {
			char alias[2] = { (char)ai->alias, '\0' };
			fputc('`', out);
			cell(out, alias);
			fputc('`', out);
		}
		fputs(" | ", out);
		cell(out, ai->name + 4); /* without "ACT_", as scripts may name it */
		fputs(" | ", out);
		cell(out, ai->help ? ai->help : "");
		fputs(" |\n", out);
	}
}
