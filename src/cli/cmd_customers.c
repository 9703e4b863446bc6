/* cmd_customers.c - afcq customers list [TEXT] | show ID | add ... |
 * import FILE | export [FILE] | rm ID: the customer book from the command
 * line (afcq/store.h, afcq/book_io.h).  Names and phone numbers are
 * personal data: they go to stdout when asked for, never to the log, and
 * an export says that it holds them. */
#include "cli.h"
#include "cli_book.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/book_io.h"
#include "afcq/codec.h"
#include "afcq/str.h"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* ---- list -------------------------------------------------------------------- */

static void csv_row(FILE *f, const struct afcq_customer *c, bool with_id)
{
	char num[32];
	if (with_id)
		fprintf(f, "%" PRId64 ",", c->id);
	cli_csv_next(f, c->name);
	cli_csv_next(f, c->account);
	struct afcq_buf b;
	afcq_buf_init(&b);
	for (size_t i = 0; i < c->n_phones; i++)
		afcq_buf_printf(&b, "%s%s", i ? ";" : "", c->phones[i]);
	afcq_buf_puts(&b, "");
	cli_csv_next(f, b.data);
	afcq_buf_done(&b);
	snprintf(num, sizeof num, "%lld", c->bill.pcd.v);
	cli_csv_next(f, c->bill.pcd.set ? num : "");
	cli_csv_next(f, c->bill.zip);
	cli_csv_next(f, c->bill.city);
	cli_csv_next(f, c->bill.st);
	snprintf(num, sizeof num, "%lld", c->cust.v);
	cli_csv_next(f, c->cust.set ? num : "");
	cli_csv_next(f, c->lfln.set ? (c->lfln.v ? "yes" : "no") : "");
	afcq_buf_init(&b);
	for (size_t i = 0; i < c->n_products; i++)
		afcq_buf_printf(&b, "%s%s", i ? ";" : "", c->products[i]);
	afcq_buf_puts(&b, "");
	cli_csv_field(f, b.data);
	afcq_buf_done(&b);
	fputc('\n', f);
}

static void print_list(const struct cli_opts *o, const struct afcq_customer *v, size_t n)
{
	if (o->format == CLI_FORMAT_JSON) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, afcq_book_customer_to_json(&v[i]));
		cli_json_print(stdout, a);
		return;
	}
	if (o->format == CLI_FORMAT_CSV) {
		puts("id," AFCQ_BOOK_COLUMNS);
		for (size_t i = 0; i < n; i++)
			csv_row(stdout, &v[i], true);
		return;
	}
	int wn = 4, wa = 7, wp = 5;
	for (size_t i = 0; i < n; i++) {
		wn = cli_max_width(wn, v[i].name, 32);
		wa = cli_max_width(wa, v[i].account, 16);
		wp = cli_max_width(wp, v[i].n_phones ? v[i].phones[0] : NULL, 20);
	}
	printf("%5s  %-*s  %-*s  %-*s  %s\n", "id", wn, "name", wa, "account", wp, "phone", "place");
	char place[160];
	for (size_t i = 0; i < n; i++) {
		const struct afcq_customer *c = &v[i];
		printf("%5" PRId64 "  %-*.*s  %-*.*s  %-*.*s  %s\n", c->id, wn, wn,
		       or_empty(c->name), wa, wa, c->account ? c->account : "-", wp, wp,
		       c->n_phones ? c->phones[0] : "-", afcq_book_place(c, place, sizeof place));
	}
	printf("%zu customer%s\n", n, n == 1 ? "" : "s");
}

/* ---- show -------------------------------------------------------------------- */

static void show(const struct cli_opts *o, const struct afcq_customer *c)
{
	if (o->format == CLI_FORMAT_JSON) {
		cli_json_print(stdout, afcq_book_customer_to_json(c));
		return;
	}
	if (o->format == CLI_FORMAT_CSV) {
		puts("id," AFCQ_BOOK_COLUMNS);
		csv_row(stdout, c, true);
		return;
	}
	printf("id        %" PRId64 "\n", c->id);
	printf("name      %s\n", or_empty(c->name));
	printf("account   %s\n", c->account ? c->account : "-");
	for (size_t i = 0; i < c->n_phones; i++)
		printf("%s%s\n", i ? "          " : "phone     ", c->phones[i]);
	if (!c->n_phones)
		printf("phone     -\n");
	if (c->bill.present) {
		json_t *x = afcq_codec_location_to_json(&c->bill);
		char *t = afcq_json_dump(x, AFCQ_JSON_COMPACT);
		json_decref(x);
		printf("bill-to   %s\n", t);
		free(t);
	} else {
		printf("bill-to   -\n");
	}
	if (c->cust.set)
		printf("type      %lld %s\n", c->cust.v, afcq_cust_name(c->cust.v));
	else
		printf("type      -\n");
	printf("lifeline  %s\n", c->lfln.set ? (c->lfln.v ? "yes" : "no") : "-");
	if (c->n_exms) {
		json_t *x = afcq_codec_exemptions_to_json(c->exms, c->n_exms);
		char *t = afcq_json_dump(x, AFCQ_JSON_COMPACT);
		json_decref(x);
		printf("exempt    %s\n", t);
		free(t);
	} else {
		printf("exempt    -\n");
	}
	for (size_t i = 0; i < c->n_products; i++)
		printf("%s%s\n", i ? "          " : "products  ", c->products[i]);
	if (!c->n_products)
		printf("products  -\n");
	if (c->changed_at)
		printf("changed   %s by %s\n", c->changed_at, or_empty(c->changed_by));
}

/* ---- add ----------------------------------------------------------------------- */

static int add(struct cli_session *s, const struct cli_opts *o)
{
	if (!o->name)
		return cli_failf(CLI_EXIT_USAGE, "customers add: --name is required "
				 "(also --account, --phone, --pcode, --zip, --city, --state, --cust, "
				 "--lifeline, --products)");
	struct {
		const char *column, *value, *option;
	} fields[] = {
		{ "name", o->name, "--name" },       { "account", o->account, "--account" },
		{ "phone", o->phone, "--phone" },    { "pcode", o->pcode, "--pcode" },
		{ "zip", o->zip, "--zip" },          { "city", o->city, "--city" },
		{ "state", o->state, "--state" },    { "cust", o->cust, "--cust" },
		{ "lifeline", o->lifeline, "--lifeline" },
		{ "products", o->products, "--products" },
	};
	struct afcq_book_row r;
	afcq_book_row_init(&r);
	struct afcq_error err;
	afcq_error_clear(&err);
	int rc = CLI_EXIT_OK;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0] && !rc; i++)
		if (fields[i].value && afcq_book_row_set(&r, fields[i].column, fields[i].value, &err))
			rc = cli_failf(CLI_EXIT_USAGE, "%s: %s", fields[i].option, err.msg);
	if (!rc && !(r.given & AFCQ_BOOK_NAME))
		rc = cli_failf(CLI_EXIT_USAGE, "--name: empty; a customer needs a name");
	if (!rc && r.c.account) {
		int64_t id = 0;
		if (afcq_store_customer_by_account(s->store, r.c.account, &id, &err) != AFCQ_OK)
			rc = cli_fail(&err);
		else if (id)
			rc = cli_failf(CLI_EXIT_USAGE,
				       "--account: customer %" PRId64 " has this account already "
				       "(afcq customers show %" PRId64 ")", id, id);
	}
	if (!rc && afcq_store_customer_save(s->store, &r.c, false, &err) != AFCQ_OK)
		rc = cli_fail(&err);
	if (!rc)
		printf("added customer %" PRId64 "\n", r.c.id);
	afcq_book_row_done(&r);
	return rc;
}

/* ---- import / export ------------------------------------------------------- */

/* Says which usual products of the rows the store does not have (yet): a
 * note, since products may be imported after the customers. */
static void note_missing_products(struct cli_session *s, const struct afcq_book_row *v, size_t n)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	size_t missing = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i].c.n_products; k++) {
			const char *name = v[i].c.products[k];
			struct afcq_product p;
			afcq_product_init(&p);
			struct afcq_error err;
			afcq_error_clear(&err);
			bool have = afcq_store_product_by_name(s->store, name, &p, &err) == AFCQ_OK;
			afcq_product_done(&p);
			char *quoted = afcq_xasprintf("'%s'", name);
			if (!have && !(b.data && strstr(b.data, quoted))) {
				afcq_buf_printf(&b, "%s%s", missing ? ", " : "", quoted);
				missing++;
			}
			free(quoted);
		}
	if (missing)
		fprintf(stderr, "afcq: note: %zu usual product%s not in the store yet: %s (afcq "
			"products import FILE)\n", missing, missing == 1 ? " is" : "s are", b.data);
	afcq_buf_done(&b);
}

static int import(struct cli_session *s, const char *path)
{
	size_t len = 0;
	const char *shown = cli_file_shown(path);
	char *text = NULL;
	int rc = cli_read_input(path, &text, &len);
	if (rc)
		return rc;
	struct afcq_book_row *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_book_import done = { 0 };
	if (afcq_book_read_customers(text, len, shown, &v, &n, &err) != AFCQ_OK ||
	    afcq_book_import_customers(s->store, v, n, shown, &done, &err) != AFCQ_OK) {
		rc = cli_fail(&err);
		fprintf(stderr, "afcq: %s: nothing imported\n", shown);
	} else {
		printf("%s: %zu customer%s: %zu added, %zu updated\n", shown, n, n == 1 ? "" : "s",
		       done.added, done.updated);
		note_missing_products(s, v, n);
	}
	afcq_book_rows_free(v, n);
	free(text);
	return rc;
}

static int export(struct cli_session *s, const struct cli_opts *o, const char *path)
{
	struct afcq_customer *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_store_customers_find(s->store, NULL, 0, &v, &n, &err) != AFCQ_OK)
		return cli_fail(&err);
	FILE *f = NULL;
	int rc = cli_open_output(path, &f);
	if (!rc) {
		if (o->format == CLI_FORMAT_CSV) {
			fputs(AFCQ_BOOK_COLUMNS "\n", f);
			for (size_t i = 0; i < n; i++)
				csv_row(f, &v[i], false);
		} else {
			json_t *a = json_array();
			for (size_t i = 0; i < n; i++) {
				json_t *j = afcq_book_customer_to_json(&v[i]);
				json_object_del(j, "id");
				json_array_append_new(a, j);
			}
			cli_json_print(f, a);
		}
		rc = cli_close_output(path, f);
	}
	if (!rc)
		fprintf(stderr,
			"afcq: %s holds personal data (names and phone numbers of %zu customer%s):"
			" keep it private%s\n",
			path && strcmp(path, "-") ? path : "the output", n, n == 1 ? "" : "s",
			o->format == CLI_FORMAT_CSV ? "; CSV leaves out exemptions and bill-to "
						      "fields other than pcode, zip, city and state"
						    : "");
	afcq_customers_free(v, n);
	return rc;
}

/* ---- the command ------------------------------------------------------------- */

int cmd_customers(const struct cli_opts *o)
{
	const char *what = o->n_args ? o->args[0] : "list";
	int64_t id = 0;
	int rc = CLI_EXIT_OK;
	if (strcmp(what, "list") == 0)
		rc = cli_book_args(o, 0, 1, "customers list [TEXT]");
	else if (strcmp(what, "show") == 0)
		rc = cli_book_args(o, 1, 1, "customers show ID|TEXT");
	else if (strcmp(what, "rm") == 0)
		rc = cli_book_id(o, "customers", &id);
	else if (strcmp(what, "add") == 0)
		rc = cli_book_args(o, 0, 0, "customers add --name NAME [...]");
	else if (strcmp(what, "import") == 0)
		rc = cli_book_args(o, 1, 1, "customers import FILE (CSV or JSON; - for stdin)");
	else if (strcmp(what, "export") == 0)
		rc = cli_book_args(o, 0, 1, "customers export [FILE]");
	else
		return cli_failf(CLI_EXIT_USAGE,
				 "customers: unknown action '%s' (list, show, add, import, export or rm)",
				 what);
	if (rc)
		return rc;
	if (strcmp(what, "add") != 0 &&
	    (o->name || o->account || o->phone || o->pcode || o->zip || o->city || o->state ||
	     o->cust || o->lifeline || o->products))
		return cli_failf(CLI_EXIT_USAGE, "customers %s: the field options are for "
				 "customers add", what);
	struct cli_session s = { .opts = o };
	rc = cli_session_config(&s, o);
	if (!rc)
		rc = cli_session_open(&s, CLI_NEED_STORE);
	struct afcq_error err;
	afcq_error_clear(&err);
	if (rc) {
		/* printed */
	} else if (strcmp(what, "list") == 0) {
		struct afcq_customer *v = NULL;
		size_t n = 0;
		if (afcq_store_customers_find(s.store, o->n_args > 1 ? o->args[1] : NULL, 0, &v, &n,
					      &err) != AFCQ_OK)
			rc = cli_fail(&err);
		else
			print_list(o, v, n);
		afcq_customers_free(v, n);
	} else if (strcmp(what, "show") == 0) {
		/* a number is an id; other text picks one customer as
		 * customers list finds them */
		struct afcq_customer c;
		afcq_customer_init(&c);
		char *end = NULL;
		long long v = strtoll(o->args[1], &end, 10);
		if (end != o->args[1] && !*end) {
			enum afcq_status st = v > 0 ? afcq_store_customer_get(s.store, v, &c, &err)
						    : AFCQ_ERR_USAGE;
			if (st == AFCQ_ERR_USAGE)
				rc = cli_failf(CLI_EXIT_USAGE, "customers show: no customer %s (see "
					       "afcq customers list)", o->args[1]);
			else if (st != AFCQ_OK)
				rc = cli_fail(&err);
		} else {
			rc = cli_book_pick_customer(&s, "customers show", o->args[1], &c);
		}
		if (!rc)
			show(o, &c);
		afcq_customer_done(&c);
	} else if (strcmp(what, "rm") == 0) {
		enum afcq_status st = afcq_store_customer_delete(s.store, id, &err);
		if (st == AFCQ_ERR_USAGE)
			rc = cli_failf(CLI_EXIT_USAGE, "customers rm: no customer %" PRId64
				       " (see afcq customers list)", id);
		else if (st != AFCQ_OK)
			rc = cli_fail(&err);
		else
			printf("removed customer %" PRId64 "\n", id);
	} else if (strcmp(what, "add") == 0) {
		rc = add(&s, o);
	} else if (strcmp(what, "import") == 0) {
		rc = import(&s, o->args[1]);
	} else {
		rc = export(&s, o, o->n_args > 1 ? o->args[1] : NULL);
	}
	cli_session_done(&s);
	return rc;
}
