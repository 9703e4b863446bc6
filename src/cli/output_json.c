/* output_json.c - answers as the server sent them, pretty-printed, and the
 * API's err entries as stderr lines. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"

void cli_json_body(FILE *f, const char *body)
{
	if (!body || !body[0])
		return;
	size_t len = strlen(body);
	if (len > AFCQ_HISTORY_ANSWER_MAX) {
		/* A large answer is laid out from its text, values as written,
		 * as the workstation's raw view does: its tree would cost many
		 * times its size. */
		char *s = afcq_json_reindent(body, len);
		if (s) {
			fputs(s, f);
			if (!s[0] || s[strlen(s) - 1] != '\n')
				fputc('\n', f);
			free(s);
			return;
		}
	}
	json_t *j = NULL;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_json_parse(body, strlen(body), &j, &err) != AFCQ_OK || !j) {
		fputs(body, f);
		if (body[strlen(body) - 1] != '\n')
			fputc('\n', f);
		return;
	}
	cli_json_print(f, j);
}

void cli_json_stream_init(struct cli_json_stream *c, FILE *f, size_t settled)
{
	*c = (struct cli_json_stream){ .f = f, .settled = settled };
	afcq_buf_init(&c->head);
}

void cli_json_stream_body(void *ud, const char *data, size_t len)
{
	struct cli_json_stream *c = ud;
	struct afcq_error err;
	if (c->failed)
		return;
	if (!c->pretty) {
		afcq_buf_append(&c->head, data, len);
		if (c->head.len <= c->settled)
			return;
		c->pretty = afcq_pretty_new(c->f);
		data = c->head.data;
		len = c->head.len;
	}
	if (afcq_pretty_feed(c->pretty, data, len, &err) != AFCQ_OK)
		c->failed = true; /* the decoder says why */
	if (c->head.data) {
		afcq_buf_done(&c->head);
		afcq_buf_init(&c->head);
	}
}

void cli_json_stream_end(struct cli_json_stream *c, const char *body)
{
	struct afcq_error err;
	if (c->pretty)
		afcq_pretty_finish(c->pretty, &err);
	else
		cli_json_body(c->f, body);
}

void cli_json_stream_done(struct cli_json_stream *c)
{
	afcq_pretty_free(c->pretty);
	afcq_buf_done(&c->head);
	memset(c, 0, sizeof *c);
}

void cli_json_print(FILE *f, json_t *j)
{
	char *s = afcq_json_dump(j, AFCQ_JSON_PRETTY);
	json_decref(j);
	fputs(s, f);
	if (!s[0] || s[strlen(s) - 1] != '\n')
		fputc('\n', f);
	free(s);
}

static size_t print_errors(const char *where, const struct afcq_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		fprintf(stderr, "afcq: %s: %d %s\n", where, e->v[i].code,
			e->v[i].msg ? e->v[i].msg : "");
	return e->n;
}

size_t cli_print_api_errors(const struct afcq_response *resp)
{
	size_t n = print_errors("request", &resp->err);
	char where[64];
	for (size_t i = 0; i < resp->n_inv; i++) {
		const struct afcq_invoice_result *inv = &resp->inv[i];
		snprintf(where, sizeof where, "inv[%zu]", i);
		n += print_errors(where, &inv->err);
		for (size_t k = 0; k < inv->n_itms; k++) {
			snprintf(where, sizeof where, "inv[%zu].itms[%zu]", i, k);
			n += print_errors(where, &inv->itms[k].err);
		}
	}
	return n;
}
