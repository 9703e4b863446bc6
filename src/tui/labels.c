/* labels.c - the request's fields in the workstation's words.
 *
 * The screen shows a field under a label ("Bill-to PCode", "Charge"); a
 * message or hint about the field names it the same way, so a rep finds
 * it at a glance.  The JSON names ("inv[0].itms[2].chg", "cmpn.bscl") are
 * the command line's, for people who write requests; the core's
 * validation messages use them, also inside their text ("give a PCode
 * (pcd)"), and are said again here with the labels.
 */
#include "labels.h"

#include "marks.h"
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

/* Header fields whose label is a word of a row ("st" on the Addr row):
 * named with the row. */
static const struct {
	const char *key, *words;
} header_words[] = {
	{ "cmpn.svcl", "Company svcl" }, { "cmpn.fclt", "Company fclt" },
	{ "cmpn.frch", "Company frch" }, { "cmpn.reg", "Company reg" },
	{ "cmpn.idnt", "Company idnt" }, { "bill.zip", "Bill-to ZIP" },
	{ "bill.npa", "Bill-to NPA" },   { "bill.fips", "Bill-to FIPS" },
	{ "bill.st", "Addr st" },        { "bill.cnty", "Addr cnty" },
	{ "bill.city", "Addr city" },    { "bill.addr", "Addr addr" },
};

const char *tui_field_words(const struct tui_field_def *f)
{
	size_t n;
	const struct tui_field_def *h = tui_fields(TBL_HEADER, &n);
	for (size_t i = 0; i < n; i++) {
		if (&h[i] != f)
			continue;
		for (size_t k = 0; k < sizeof header_words / sizeof header_words[0]; k++)
			if (strcmp(header_words[k].key, f->key) == 0)
				return header_words[k].words;
	}
	return f->label;
}

/* The core's words (validate.c) and the workstation's, in the order they
 * are tried; a '*' ends a pattern that goes on to the next ')'. */
static const struct {
	const char *core, *screen;
} problem_words[] = {
	{ "required; give a PCode (pcd) or the address (ctry, st, cnty, city, zip)",
	  "required; fill in Bill-to PCode (Ctrl-F finds it), ZIP or the address (Addr ctry, st, "
	  "cnty, city)" },
	{ "empty location; give a PCode (pcd), an NPA-NXX (npa), a FIPS code or address parts "
	  "(ctry, st, cnty, city, zip)",
	  "empty place; fill in its PCode (Ctrl-F finds it), NPA-NXX or ZIP" },
	{ "give tpe (a tax type) or cat (a tax category), not both",
	  "fill in Tax type or Category, not both" },
	{ "give tpe (a tax type, 0 = every type) or cat (a tax category, 0 = every category)",
	  "fill in Tax type (0 = every type) or Category (0 = every category)" },
	{ "(or the older lvl)", "(or the older Level)" },
	{ "required when cmmt is true", "required when committing" },
	{ "a private-line split needs both from and to",
	  "a private-line split needs both From and To places (F4)" },
	/* here the picker finds a pair, not the command line */
	{ "(see afcq tspairs*", "(F11 picks one)" },
};

const char *tui_problem_words(const char *msg, char *buf, size_t n)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	const char *p = msg;
	while (*p) {
		bool said = false;
		for (size_t k = 0; k < sizeof problem_words / sizeof problem_words[0] && !said; k++) {
			const char *core = problem_words[k].core;
			size_t l = strlen(core);
			bool open = l && core[l - 1] == '*';
			if (open)
				l--;
			if (strncmp(p, core, l) != 0)
				continue;
			const char *end = p + l;
			if (open) {
				const char *close = strchr(end, ')');
				if (!close)
					continue;
				end = close + 1;
			}
			afcq_buf_puts(&b, problem_words[k].screen);
			p = end;
			said = true;
		}
		if (!said)
			afcq_buf_printf(&b, "%c", *p++);
	}
	snprintf(buf, n, "%s", b.data);
	afcq_buf_done(&b);
	return buf;
}

/* Paths of no field of the form: what the screen calls them, by the last
 * name of the path ("inv[0].bill" is the Bill-to). */
static const struct {
	const char *tail, *words;
} part_words[] = {
	{ "bill", "Bill-to" },      { "from", "From" },
	{ "to", "To" },             { "loc", "place" },
	{ "itms", "line items" },   { "exms", "exemptions" },
	{ "doc", "document code" }, { "invn", "invoice number" },
	{ "cmpn", "Company" },
};

const char *tui_path_words(const struct tui_app *app, const char *path, char *buf, size_t n)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_puts(&b, "");
	const char *p = path;
	if (strncmp(p, "inv[", 4) == 0) {
		char *end;
		unsigned long i = strtoul(p + 4, &end, 10);
		if (*end == ']') {
			if (app->req.n_inv > 1)
				afcq_buf_printf(&b, "invoice %lu ", i + 1);
			p = end[1] == '.' ? end + 2 : end + 1;
		}
	}
	size_t inv;
	enum tui_table t;
	int fi;
	size_t rec;
	char row[32];
	if (tui_field_resolve(app, path, &inv, &t, &fi, &rec) == 0) {
		size_t nf;
		const struct tui_field_def *f = tui_fields(t, &nf);
		afcq_buf_printf(&b, "%s%s", tui_row_words(t, rec, row, sizeof row),
				tui_field_words(&f[fi]));
		goto done;
	}
	const char *names[][2] = { { "itms[", "item" }, { "exms[", "exemption" } };
	for (size_t k = 0; k < 2; k++) {
		size_t l = strlen(names[k][0]);
		if (strncmp(p, names[k][0], l) != 0)
			continue;
		char *end;
		unsigned long i = strtoul(p + l, &end, 10);
		if (*end != ']')
			break;
		afcq_buf_printf(&b, "%s %lu", names[k][1], i + 1);
		p = end[1] == '.' ? end + 2 : end + 1;
		if (*p)
			afcq_buf_puts(&b, " ");
		break;
	}
	/* an item's optional field ("opt[1].key") is in Optional fields */
	if (strncmp(p, "opt[", 4) == 0) {
		afcq_buf_puts(&b, "Optional fields");
		goto done;
	}
	for (size_t k = 0; k < sizeof part_words / sizeof part_words[0]; k++)
		if (strcmp(p, part_words[k].tail) == 0) {
			afcq_buf_puts(&b, part_words[k].words);
			goto done;
		}
	afcq_buf_puts(&b, p);
done:
	snprintf(buf, n, "%s", b.data);
	afcq_buf_done(&b);
	return buf;
}
