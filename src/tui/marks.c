/* marks.c - what the form's fields hold that is not in the request: text
 * typed that did not read (kept as typed, with its reason) and problems
 * validation found, one mark per field of a record of an invoice.  The
 * marks follow their rows when items are inserted, moved or deleted.
 */
#include "marks.h"

#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

/* The company's fields are in no invoice: their marks say invoice 0. */
static bool company_field(enum tui_table t, size_t fi)
{
	size_t n;
	const struct tui_field_def *f = tui_fields(t, &n);
	return t == TBL_HEADER && fi < n && strncmp(f[fi].key, "cmpn.", 5) == 0;
}

/* The invoice a mark of field fi of the invoice i goes with. */
size_t tui_mark_inv(enum tui_table t, size_t fi, size_t i)
{
	return company_field(t, fi) ? 0 : i;
}

const struct tui_mark *tui_mark_find(const struct tui_app *app, size_t inv, enum tui_table t,
				     size_t fi, size_t rec)
{
	/* The detail dialog and the grid share item records. */
	inv = tui_mark_inv(t, fi, inv);
	for (size_t i = 0; i < app->n_marks; i++) {
		const struct tui_mark *m = &app->marks[i];
		if (m->t == t && m->fi == fi && m->rec == rec && m->inv == inv)
			return m;
	}
	return NULL;
}

void tui_mark_remove(struct tui_app *app, size_t inv, enum tui_table t, size_t fi, size_t rec)
{
	inv = tui_mark_inv(t, fi, inv);
	for (size_t i = 0; i < app->n_marks; i++) {
		struct tui_mark *m = &app->marks[i];
		if (m->t == t && m->fi == fi && m->rec == rec && m->inv == inv) {
			free(m->text);
			free(m->msg);
			app->marks[i] = app->marks[--app->n_marks];
			return;
		}
	}
}

void tui_mark_set(struct tui_app *app, size_t inv, enum tui_table t, size_t fi, size_t rec,
		  const char *text, const char *msg)
{
	tui_mark_remove(app, inv, t, fi, rec);
	app->marks = afcq_xrealloc(app->marks, (app->n_marks + 1) * sizeof *app->marks);
	struct tui_mark *m = &app->marks[app->n_marks++];
	m->t = t;
	m->inv = tui_mark_inv(t, fi, inv);
	m->fi = fi;
	m->rec = rec;
	m->text = afcq_xstrdup(text);
	m->msg = afcq_xstrdup(msg);
}

/* "item 3 " for a row of the grid or the detail dialog, "exemption 2 "
 * for an exemption, "" for the header. */
const char *tui_row_words(enum tui_table t, size_t rec, char *buf, size_t n)
{
	if (t == TBL_ITEM || t == TBL_DETAIL)
		snprintf(buf, n, "item %zu ", rec + 1);
	else if (t == TBL_EXEMPTION)
		snprintf(buf, n, "exemption %zu ", rec + 1);
	else
		snprintf(buf, n, "%s", "");
	return buf;
}


void tui_marks_clear(struct tui_app *app, bool keep_typed)
{
	size_t j = 0;
	for (size_t i = 0; i < app->n_marks; i++) {
		struct tui_mark *m = &app->marks[i];
		if (keep_typed && m->text) {
			app->marks[j++] = *m;
			continue;
		}
		free(m->text);
		free(m->msg);
	}
	app->n_marks = j;
}


static bool item_table(enum tui_table t)
{
	return t == TBL_ITEM || t == TBL_DETAIL;
}

void tui_marks_shift(struct tui_app *app, enum tui_table t, size_t from, long delta)
{
	size_t j = 0;
	for (size_t i = 0; i < app->n_marks; i++) {
		struct tui_mark *m = &app->marks[i];
		bool same = (m->t == t || (item_table(t) && item_table(m->t))) &&
			    m->inv == app->cur_inv;
		if (same && m->rec >= from) {
			if (delta < 0 && m->rec == from) {
				free(m->text);
				free(m->msg);
				continue;
			}
			m->rec = (size_t)((long)m->rec + delta);
		}
		app->marks[j++] = *m;
	}
	app->n_marks = j;
}

void tui_marks_swap(struct tui_app *app, enum tui_table t, size_t a, size_t b)
{
	for (size_t i = 0; i < app->n_marks; i++) {
		struct tui_mark *m = &app->marks[i];
		bool same = (m->t == t || (item_table(t) && item_table(m->t))) &&
			    m->inv == app->cur_inv;
		if (!same)
			continue;
		if (m->rec == a)
			m->rec = b;
		else if (m->rec == b)
			m->rec = a;
	}
}

void tui_marks_invoice_deleted(struct tui_app *app, size_t inv)
{
	size_t j = 0;
	for (size_t i = 0; i < app->n_marks; i++) {
		struct tui_mark *m = &app->marks[i];
		if (!company_field(m->t, m->fi)) {
			if (m->inv == inv) {
				free(m->text);
				free(m->msg);
				continue;
			}
			if (m->inv > inv)
				m->inv--;
		}
		app->marks[j++] = *m;
	}
	app->n_marks = j;
}

size_t tui_marks_typed(const struct tui_app *app, char *first, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < app->n_marks; i++) {
		const struct tui_mark *m = &app->marks[i];
		if (!m->text)
			continue;
		char row[32];
		if (count++ == 0 && first && n)
			snprintf(first, n, "%s%s", tui_row_words(m->t, m->rec, row, sizeof row),
				 m->msg ? m->msg : "invalid value");
	}
	return count;
}

void tui_marks_done(struct tui_app *app)
{
	tui_marks_clear(app, false);
	free(app->marks);
	app->marks = NULL;
}
