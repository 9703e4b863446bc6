/* csv.h - a small RFC 4180 reader: the CSV files billing systems export.
 *
 * Fields are separated by commas and records by CRLF or LF; a field may be
 * quoted with '"', and then holds commas, line breaks and doubled quotes
 * ("" for one).  A UTF-8 byte order mark at the start is skipped; blank
 * lines are skipped.  Errors name the line and column (1-based) where the
 * text stops making sense: a quote inside an unquoted field, text after a
 * closing quote, a quoted field never closed, a NUL byte.
 *
 * Ownership: the reader borrows the text, which must outlive it; each row
 * owns its fields (afcq_csv_row_done).
 */
#ifndef AFCQ_CSV_H
#define AFCQ_CSV_H

#include <stddef.h>

#include "afcq/error.h"

struct afcq_csv_reader {
	const char *p, *end;
	int line;     /* line of p, 1-based */
	const char *line_start;
};

struct afcq_csv_row {
	char **fields; /* n strings, never NULL ("" for an empty field) */
	int *columns;  /* the column (1-based, in bytes) each field starts at */
	size_t n;
	int line;      /* the line the record starts on */
};

void afcq_csv_reader_init(struct afcq_csv_reader *r, const char *text, size_t len);

/* Reads the next record into *row (done first).  Returns 1 for a record, 0
 * at the end of the text, -1 on malformed text: err (AFCQ_ERR_INVALID) then
 * has line and column set and the message says what is wrong; where is
 * left for the caller (the file name), and *row is left empty. */
int afcq_csv_next(struct afcq_csv_reader *r, struct afcq_csv_row *row, struct afcq_error *err);

void afcq_csv_row_done(struct afcq_csv_row *row);

#endif
