/* history_answer.c - what history keeps of a huge answer (history.h).
 *
 * A 10,000-item answer is megabytes; storing it whole costs a write of that
 * size per quote and gives a troubleshooter nothing a shorter record does
 * not: the invoices' summary rows, every err entry at request and invoice
 * level, the total due (recorded beside it) and a note saying what was
 * left out.  The note comes first in the stored object, so a reader finds
 * it without parsing the rest.
 */
#include "afcq/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/model.h"
#include "afcq/str.h"

#define SHORT_KEY "afcq_shortened"
#define START_MAX ((size_t)64 * 1024)

/* "12.7 MB" style sizes for the note. */
static void size_text(size_t n, char *buf, size_t len)
{
	if (n >= 1024 * 1024)
		snprintf(buf, len, "%.1f MiB", (double)n / (1024.0 * 1024.0));
	else
		snprintf(buf, len, "%.0f KiB", (double)n / 1024.0);
}

static json_t *without_items(const struct afcq_response *r, size_t *items, size_t *with_errors)
{
	struct afcq_response copy = *r;
	struct afcq_invoice_result *inv = NULL;
	if (r->n_inv) {
		inv = afcq_xcalloc(r->n_inv, sizeof *inv);
		for (size_t i = 0; i < r->n_inv; i++) {
			inv[i] = r->inv[i];
			*items += inv[i].n_itms;
			for (size_t k = 0; k < inv[i].n_itms; k++)
				*with_errors += inv[i].itms[k].err.n > 0;
			inv[i].itms = NULL;
			inv[i].n_itms = 0;
		}
	}
	copy.inv = inv;
	json_t *j = afcq_codec_response_to_json(&copy);
	free(inv);
	return j;
}

char *afcq_history_shorten(const char *body, size_t len, size_t received,
			   const struct afcq_response *r)
{
	if (received < len)
		received = len;
	if (received <= AFCQ_HISTORY_ANSWER_MAX)
		return NULL;
	char size[32], note[400];
	size_text(received, size, sizeof size);
	json_t *o = json_object();
	json_t *rest;
	if (r) {
		size_t items = 0, with_errors = 0;
		rest = without_items(r, &items, &with_errors);
		snprintf(note, sizeof note,
			 "answer of %s shortened in history: %zu line items left out (%zu with "
			 "errors); summary, errors and total kept", size, items, with_errors);
	} else {
		size_t n = len < START_MAX ? len : START_MAX;
		rest = json_object();
		char *start = afcq_xstrndup(body ? body : "", body ? n : 0);
		json_object_set_new(rest, "start", afcq_json_string(start));
		free(start);
		snprintf(note, sizeof note,
			 "answer of %s shortened in history: not decoded; its first %zu bytes kept",
			 size, n);
	}
	json_object_set_new(o, SHORT_KEY, json_string(note));
	json_object_update(o, rest);
	json_decref(rest);
	char *text = afcq_json_dump(o, AFCQ_JSON_COMPACT);
	json_decref(o);
	return text;
}

bool afcq_history_shortened(const char *response, char *buf, size_t n)
{
	static const char head[] = "{\"" SHORT_KEY "\":";
	if (!response || strncmp(response, head, sizeof head - 1) != 0)
		return false;
	json_t *j = json_loads(response, 0, NULL);
	const char *note = json_string_value(json_object_get(j, SHORT_KEY));
	if (n)
		snprintf(buf, n, "%s", note ? note : "answer shortened in history");
	json_decref(j);
	return true;
}
