/* cmd_quote_customer.c - afcq quote --customer TEXT [--products NAMES]: a
 * stored customer quoted without a request file (and the request afcq
 * invoice --customer sends as an invoice).  The request is one
 * invoice dated today (AFCQ_NOW pins it) with the customer's bill-to, type,
 * lifeline and exemptions and the items of the customer's usual products
 * (or of NAMES), then the configuration's company and defaults where the
 * customer leaves something unset.  TEXT is looked for as the customer
 * book's finder does; it must pick one customer. */
#include "cli.h"
#include "cli_book.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "afcq/book.h"
#include "afcq/book_io.h"
#include "afcq/str.h"
#include "afcq/validate.h"

static void today(char *buf, size_t n)
{
	const char *now = getenv("AFCQ_NOW");
	if (now && strlen(now) >= 10) {
		snprintf(buf, n, "%.10s", now);
		if (afcq_valid_date(buf))
			return;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

/* "3x NAME" or "3 x NAME": the count and where the name starts. */
static long long count_of(const char *s, const char **name)
{
	const char *p = s;
	while (isspace((unsigned char)*p))
		p++;
	*name = p;
	if (!isdigit((unsigned char)*p))
		return 1;
	char *end = NULL;
	long long n = strtoll(p, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if ((*end != 'x' && *end != 'X') || !isspace((unsigned char)end[1]))
		return 1;
	end++;
	while (isspace((unsigned char)*end))
		end++;
	*name = end;
	return n;
}

/* The one product whose name has every word of text at the start of one of
 * its words ("3x voip" as the workstation's picker finds it), into *out.
 * AFCQ_ERR_USAGE with the reason when none or several do. */
static enum afcq_status by_words(struct cli_session *s, const char *text, struct afcq_product *out,
				 struct afcq_error *err)
{
	struct afcq_product *v = NULL;
	size_t n = 0;
	enum afcq_status st = afcq_store_products_find(s->store, text, 0, &v, &n, err);
	if (st != AFCQ_OK)
		return st;
	if (n == 1) {
		afcq_product_done(out);
		afcq_product_copy(out, &v[0]);
	} else if (n == 0) {
		st = afcq_error_set(err, AFCQ_ERR_USAGE, NULL,
				    "no product '%s' (see afcq products list)", text);
	} else {
		struct afcq_buf b;
		afcq_buf_init(&b);
		for (size_t i = 0; i < n && i < 5; i++)
			afcq_buf_printf(&b, "%s'%s'", i ? ", " : "", v[i].name);
		st = afcq_error_set(err, AFCQ_ERR_USAGE, NULL,
				    "'%s' names %zu products (%s%s): write more of the name", text,
				    n, b.data, n > 5 ? ", ..." : "");
		afcq_buf_done(&b);
	}
	afcq_products_free(v, n);
	return st;
}

/* Adds the products NAMES (';'-separated, each maybe "3x NAME": a whole
 * name, else words picking one) to inv. */
static int add_named(struct cli_session *s, const char *names, struct afcq_invoice *inv)
{
	char *copy = afcq_xstrdup(names);
	int rc = CLI_EXIT_OK;
	for (char *save = NULL, *w = strtok_r(copy, ";", &save); w && !rc;
	     w = strtok_r(NULL, ";", &save)) {
		const char *name;
		long long count = count_of(w, &name);
		char *nm = afcq_xstrdup(name);
		for (size_t k = strlen(nm); k && isspace((unsigned char)nm[k - 1]); k--)
			nm[k - 1] = '\0';
		if (!nm[0]) {
			free(nm);
			continue;
		}
		struct afcq_product p;
		afcq_product_init(&p);
		struct afcq_error err;
		afcq_error_clear(&err);
		enum afcq_status st = afcq_store_product_by_name(s->store, nm, &p, &err);
		if (st == AFCQ_ERR_USAGE)
			st = by_words(s, nm, &p, &err);
		if (st == AFCQ_ERR_USAGE)
			rc = cli_failf(CLI_EXIT_USAGE, "--products: %s", err.msg);
		else if (st != AFCQ_OK)
			rc = cli_fail(&err);
		else if (afcq_book_add_product(inv, &p, count, NULL, &err) != AFCQ_OK)
			rc = cli_failf(CLI_EXIT_USAGE, "--products: %s: %s", nm, err.msg);
		afcq_product_done(&p);
		free(nm);
	}
	free(copy);
	return rc;
}

int cli_customer_request(struct cli_session *s, struct afcq_customer *c,
			 struct afcq_request *req)
{
	const struct cli_opts *o = s->opts;
	if (o->n_args)
		return cli_failf(CLI_EXIT_USAGE, "%s --customer: takes no FILE ('%s')", o->command,
				 o->args[0]);
	int rc = cli_session_open(s, CLI_NEED_STORE);
	if (!rc)
		rc = cli_book_pick_customer(s, "--customer", o->customer, c);
	if (rc)
		return rc;
	struct afcq_error err;
	afcq_error_clear(&err);
	afcq_request_add_invoice(req);
	struct afcq_invoice *inv = &req->inv[0];
	char *missing = NULL;
	if (o->products) {
		afcq_book_apply_customer(inv, c);
		rc = add_named(s, o->products, inv);
	} else if (afcq_book_load_customer(s->store, c, inv, &missing, &err) != AFCQ_OK) {
		rc = cli_fail(&err);
	} else if (missing) {
		rc = cli_failf(CLI_EXIT_USAGE, "customer %" PRId64 ": usual products not in "
			       "the store: %s (see afcq products list; or %s with --products)",
			       c->id, missing, o->command);
	}
	free(missing);
	if (!rc && inv->n_itms == 0)
		rc = cli_failf(CLI_EXIT_USAGE, "customer %" PRId64 " has no usual products: "
			       "name some with --products", c->id);
	if (!rc) {
		char date[16];
		today(date, sizeof date);
		inv->date = afcq_xstrdup(date);
		afcq_config_apply_defaults(&s->cfg, req);
		if (afcq_store_customer_touch(s->store, c->id, &err) != AFCQ_OK)
			rc = cli_fail(&err);
	}
	if (!rc) {
		if (o->format == CLI_FORMAT_TABLE)
			printf("Customer %" PRId64 ": %s\n", c->id, c->name);
		/* history keeps the customer with the entry (borrowed from c,
		 * which outlives the call) */
		s->api.customer = c->name;
		s->api.customer_account = c->account;
		s->api.customer_uid = c->uid;
	}
	return rc;
}

int cli_quote_customer(const struct cli_opts *o)
{
	struct cli_session s = { .opts = o };
	struct afcq_request req, sent;
	afcq_request_init(&req);
	afcq_request_init(&sent);
	struct afcq_customer c;
	afcq_customer_init(&c);
	int rc = cli_session_config(&s, o);
	if (!rc)
		rc = cli_customer_request(&s, &c, &req);
	if (!rc) {
		afcq_api_prepare_quote(&sent, &req);
		rc = cli_calc_send(&s, CLI_NEED_ENDPOINT | CLI_WANT_HISTORY, AFCQ_OP_QUOTE, &sent);
	}
	afcq_customer_done(&c);
	afcq_request_done(&sent);
	afcq_request_done(&req);
	cli_session_done(&s);
	return rc;
}
