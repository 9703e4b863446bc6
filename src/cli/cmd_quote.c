/* cmd_quote.c - afcq quote FILE|-: CalcTaxes as a quote (cmmt forced
 * false), and what quote and invoice share: the FILE argument, the checks,
 * the sending and the printing of a CalcTaxes outcome. */
#include "cli.h"
#include "cli_book.h"

#include "afcq/outgoing.h"

#include <stdio.h>

/* Prints the outcome of a CalcTaxes exchange in the chosen format and the
 * API errors to stderr; returns the exit code for status st. */
static int print_calc(const struct cli_session *s, const struct afcq_exchange *x,
		      enum afcq_status st, const struct afcq_error *err,
		      struct cli_csv_stream *csv, struct cli_json_stream *json)
{
	if (st != AFCQ_OK && st != AFCQ_ERR_API)
		return cli_fail(err);
	switch (s->opts->format) {
	case CLI_FORMAT_JSON:
		cli_json_stream_end(json, x->http.body);
		break;
	case CLI_FORMAT_CSV:
		cli_csv_stream_end(csv, &x->response);
		break;
	case CLI_FORMAT_TABLE:
		cli_table_calc(stdout, &x->sent, &x->response);
		break;
	}
	fflush(stdout);
	size_t n = cli_print_api_errors(&x->response);
	if (st == AFCQ_ERR_API && n == 0)
		cli_fail(err);
	return st == AFCQ_ERR_API || n ? CLI_EXIT_API : CLI_EXIT_OK;
}

/* -f json and table: a line item's taxes are kept for the table, and let
 * go for JSON once the answer is past the size a refusal could still send
 * to the other reader (its text is printed as it comes). */
static bool json_item_done(void *ud, const struct afcq_stream_event *ev)
{
	(void)ud;
	return ev->fed > AFCQ_HISTORY_ANSWER_MAX;
}

int cli_one_file(const struct cli_opts *o)
{
	if (o->n_args == 0)
		return cli_failf(CLI_EXIT_USAGE, "%s: missing FILE (a request file, or - for stdin)",
				 o->command);
	if (o->n_args > 1)
		return cli_failf(CLI_EXIT_USAGE, "%s: one FILE expected, got '%s' too", o->command,
				 o->args[1]);
	return CLI_EXIT_OK;
}

/* What prints the outcome when the api says it is known. */
struct answer_print {
	const struct cli_session *s;
	struct cli_csv_stream *csv;
	struct cli_json_stream *json;
	bool printed;
	int rc;
};

static void answer_known(void *ud, const struct afcq_exchange *x, enum afcq_status st,
			 const struct afcq_error *err)
{
	struct answer_print *ap = ud;
	ap->rc = print_calc(ap->s, x, st, err, ap->csv, ap->json);
	ap->printed = true;
}

/* Sends sent as op, or the quote read one invoice at a time o (sent
 * NULL), and prints the outcome (cli_calc_send, checked already). */
static int send_and_print(struct cli_session *s, enum afcq_op op, struct afcq_request *sent,
			  struct afcq_outgoing *o)
{
	struct afcq_exchange x = { 0 };
	struct afcq_error err;
	afcq_error_clear(&err);
	/* The answer is decoded as it arrives; CSV rows and the JSON text of
	 * a long answer go out as they are read. */
	struct cli_csv_stream csv;
	struct cli_json_stream json;
	cli_csv_stream_init(&csv, stdout, AFCQ_HISTORY_ANSWER_MAX);
	cli_json_stream_init(&json, stdout, AFCQ_HISTORY_ANSWER_MAX);
	bool csv_out = s->opts->format == CLI_FORMAT_CSV;
	bool json_out = s->opts->format == CLI_FORMAT_JSON;
	struct afcq_api_stream how = {
		.on_item = csv_out ? cli_csv_stream_item : json_out ? json_item_done : NULL,
		.on_invoice = csv_out ? cli_csv_stream_invoice : json_out ? json_item_done : NULL,
		.ud = json_out ? (void *)&json : (void *)&csv,
		.on_body = json_out ? cli_json_stream_body : NULL,
		/* only the table shows the request's items with the answer; CSV
		 * and JSON are printed before the record is completed, and the
		 * answer then let go */
		.let_items_go = csv_out || json_out,
		.on_answer = answer_known,
	};
	struct answer_print ap = { .s = s, .csv = &csv, .json = &json };
	how.answer_ud = &ap;
	/* The request is lent to the exchange (held once, not copied) and
	 * given back after. */
	enum afcq_status st = o ? afcq_api_calc_outgoing(&s->api, o, &how, &x, &err)
				: afcq_api_calc_stream(&s->api, op, sent, &how, &x, &err);
	int rc = ap.printed ? ap.rc : print_calc(s, &x, st, &err, &csv, &json);
	cli_json_stream_done(&json);
	if (afcq_api_outcome_unknown(&x, st) && x.sent.n_inv) {
		char hint[1200];
		struct afcq_history_entry e = {
			.endpoint = (char *)cli_session_endpoint_label(s),
			.doc = x.sent.inv[0].doc,
		};
		cli_failf(rc, "the invoice went out and no answer came back: the service may have "
			  "it (outcome unknown); before sending it again: %s",
			  cli_resolve_hint(s->opts, &e, hint, sizeof hint));
	}
	if (sent && x.sent.n_inv) {
		afcq_request_done(sent);
		*sent = x.sent;
		afcq_request_init(&x.sent);
	}
	afcq_exchange_done(&x);
	return rc;
}

int cli_calc_send(struct cli_session *s, unsigned need, enum afcq_op op,
		  struct afcq_request *sent)
{
	int rc = cli_request_check(sent);
	if (!rc)
		rc = cli_session_open(s, need);
	if (!rc)
		rc = cli_request_check_catalog(s, sent, NULL);
	return rc ? rc : send_and_print(s, op, sent, NULL);
}

int cli_quote_send_outgoing(struct cli_session *s, unsigned need, struct afcq_outgoing *o)
{
	int rc = cli_session_open(s, need);
	if (!rc)
		rc = cli_request_check_catalog(s, NULL, &o->pairs);
	afcq_item_pairs_done(&o->pairs); /* checked: not needed any more */
	return rc ? rc : send_and_print(s, AFCQ_OP_QUOTE, NULL, o);
}

int cmd_quote(const struct cli_opts *o)
{
	if (o->customer)
		return cli_quote_customer(o);
	if (o->products)
		return cli_failf(CLI_EXIT_USAGE, "quote: --products goes with --customer");
	int rc = cli_one_file(o);
	if (rc)
		return rc;
	struct cli_session s = { 0 };
	struct afcq_request req;
	afcq_request_init(&req);
	unsigned need = CLI_NEED_ENDPOINT | CLI_WANT_HISTORY;
	rc = cli_session_config(&s, o);
	/* CSV and JSON print no request item: a request file is read one
	 * invoice at a time and its model never held whole. */
	if (!rc && (o->format == CLI_FORMAT_CSV || o->format == CLI_FORMAT_JSON)) {
		struct afcq_outgoing out;
		int read = cli_request_read_quote(o->args[0], &out);
		if (read != CLI_READ_OTHERWISE) {
			rc = read ? read : cli_quote_send_outgoing(&s, need, &out);
			afcq_outgoing_done(&out);
			cli_session_done(&s);
			return rc;
		}
	}
	if (!rc)
		rc = cli_request_load(o->args[0], &req);
	if (!rc) {
		/* prepared in place: a long request is not held twice */
		afcq_api_make_quote(&req);
		rc = cli_calc_send(&s, need, AFCQ_OP_QUOTE, &req);
	}
	afcq_request_done(&req);
	cli_session_done(&s);
	return rc;
}
