/* csv.c - the RFC 4180 reader (see csv.h). */
#include "afcq/csv.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

void afcq_csv_reader_init(struct afcq_csv_reader *r, const char *text, size_t len)
{
	r->p = text;
	r->end = text + len;
	r->line = 1;
	r->line_start = text;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		r->p += 3;
		r->line_start = r->p;
	}
}

void afcq_csv_row_done(struct afcq_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		free(row->fields[i]);
	free(row->fields);
	free(row->columns);
	memset(row, 0, sizeof *row);
}

static int column(const struct afcq_csv_reader *r, const char *at)
{
	return (int)(at - r->line_start) + 1;
}

static int bad(struct afcq_csv_reader *r, const char *at, struct afcq_error *err, const char *msg)
{
	afcq_error_set(err, AFCQ_ERR_INVALID, NULL, "column %d: %s", column(r, at), msg);
	if (err) {
		err->line = r->line;
		err->column = column(r, at);
	}
	return -1;
}

static void add_field(struct afcq_csv_row *row, struct afcq_buf *b, int col)
{
	row->fields = afcq_xrealloc(row->fields, (row->n + 1) * sizeof *row->fields);
	row->columns = afcq_xrealloc(row->columns, (row->n + 1) * sizeof *row->columns);
	afcq_buf_puts(b, "");
	row->fields[row->n] = afcq_buf_steal(b);
	row->columns[row->n] = col;
	row->n++;
}

/* At a line break (CRLF or LF) at r->p: steps over it. */
static bool line_break(struct afcq_csv_reader *r)
{
	const char *p = r->p;
	if (p < r->end && *p == '\r' && p + 1 < r->end && p[1] == '\n')
		p++;
	else if (p >= r->end || (*p != '\n' && *p != '\r'))
		return false;
	r->p = p + 1;
	r->line++;
	r->line_start = r->p;
	return true;
}

static int next_record(struct afcq_csv_reader *r, struct afcq_csv_row *row,
		       struct afcq_error *err)
{
	while (r->p < r->end && line_break(r))
		; /* blank lines */
	if (r->p >= r->end)
		return 0;
	row->line = r->line;
	struct afcq_buf b;
	afcq_buf_init(&b);
	for (;;) {
		int col = column(r, r->p);
		if (r->p < r->end && *r->p == '"') {
			const char *open = r->p++;
			int open_line = r->line;
			const char *open_start = r->line_start;
			for (;;) {
				if (r->p >= r->end) {
					afcq_buf_done(&b);
					r->line = open_line;
					r->line_start = open_start;
					return bad(r, open, err, "quoted field never closed (a '\"' missing)");
				}
				char c = *r->p;
				if (c == '\0') {
					afcq_buf_done(&b);
					return bad(r, r->p, err, "NUL byte in the text");
				}
				if (c == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						afcq_buf_append(&b, "\"", 1);
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (c == '\n' || c == '\r') {
					const char *at = r->p;
					if (!line_break(r))
						r->p++;
					afcq_buf_append(&b, at, (size_t)(r->p - at));
					continue;
				}
				afcq_buf_append(&b, &c, 1);
				r->p++;
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
				afcq_buf_done(&b);
				return bad(r, r->p, err,
					   "text after a closing quote (quote the whole field, "
					   "doubling the quotes inside)");
			}
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
				if (*r->p == '"') {
					afcq_buf_done(&b);
					return bad(r, r->p, err,
						   "a quote inside an unquoted field (quote the whole "
						   "field, doubling the quotes inside)");
				}
				if (*r->p == '\0') {
					afcq_buf_done(&b);
					return bad(r, r->p, err, "NUL byte in the text");
				}
				afcq_buf_append(&b, r->p, 1);
				r->p++;
			}
		}
		add_field(row, &b, col);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		line_break(r);
		return 1;
	}
}

int afcq_csv_next(struct afcq_csv_reader *r, struct afcq_csv_row *row, struct afcq_error *err)
{
	afcq_csv_row_done(row);
	int got = next_record(r, row, err);
	if (got < 0)
		afcq_csv_row_done(row); /* the fields read before the error */
	return got;
}
