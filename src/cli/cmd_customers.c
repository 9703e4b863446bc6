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

/* The strings of v joined by ';', as a CSV cell holds them (malloc'd). */
static char *joined(char *const *v, size_t n)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	for (size_t i = 0; i < n; i++)
		afcq_buf_printf(&b, "%s%s", i ? ";" : "", v[i]);
	afcq_buf_puts(&b, "");
	return afcq_buf_steal(&b);
}

static void csv_row(FILE *f, const struct afcq_customer *c, bool with_id)
{
	char num[32];
	if (with_id)
		fprintf(f, "%" PRId64 ",", c->id);
	cli_csv_next(f, c->name);
	cli_csv_next(f, c->account);
	char *cell = joined(c->phones, c->n_phones);
	cli_csv_next(f, cell);
	free(cell);
	snprintf(num, sizeof num, "%lld", c->bill.pcd.v);
	cli_csv_next(f, c->bill.pcd.set ? num : "");
	cli_csv_next(f, c->bill.zip);
	cli_csv_next(f, c->bill.city);
	cli_csv_next(f, c->bill.st);
	snprintf(num, sizeof num, "%lld", c->cust.v);
	cli_csv_next(f, c->cust.set ? num : "");
	cli_csv_next(f, c->lfln.set ? (c->lfln.v ? "yes" : "no") : "");
	cell = joined(c->products, c->n_products);
	cli_csv_field(f, cell);
	free(cell);
	fputc('\n', f);
}

static void print_list(const struct cli_opts *o, const void *all, size_t n)
{
	const struct afcq_customer *v = all;
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
	char place[160], cn[160], ca[80], cp[96];
	for (size_t i = 0; i < n; i++) {
		const struct afcq_customer *c = &v[i];
		char line[600];
		snprintf(line, sizeof line, "%5" PRId64 "  %s  %s  %s  %s", c->id,
			 cli_cell(or_empty(c->name), wn, cn, sizeof cn),
			 cli_cell(c->account ? c->account : "-", wa, ca, sizeof ca),
			 cli_cell(c->n_phones ? c->phones[0] : "-", wp, cp, sizeof cp),
			 afcq_book_place(c, place, sizeof place));
		/* no place: the line ends with the phone, not with spaces */
		size_t len = strlen(line);
		while (len && line[len - 1] == ' ')
			line[--len] = '\0';
		puts(line);
	}
	printf("%zu customer%s\n", n, n == 1 ? "" : "s");
}

/* ---- show -------------------------------------------------------------------- */

/* "LABEL" and the first of v, the others one a line below it; "-" for
 * none. */
static void print_lines(const char *label, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%s%s\n", i ? "          " : label, v[i]);
	if (!n)
		printf("%s-\n", label);
}

/* "LABEL" and x (taken) as compact JSON; "-" for NULL. */
static void print_json(const char *label, json_t *x)
{
	char *t = x ? afcq_json_dump(x, AFCQ_JSON_COMPACT) : NULL;
	json_decref(x);
	printf("%s%s\n", label, t ? t : "-");
	free(t);
}

static void show(const struct cli_opts *o, const void *rec)
{
	const struct afcq_customer *c = rec;
	if (o->format == CLI_FORMAT_CSV) {
		puts("id," AFCQ_BOOK_COLUMNS);
		csv_row(stdout, c, true);
		return;
	}
	printf("id        %" PRId64 "\n", c->id);
	printf("name      %s\n", or_empty(c->name));
	printf("account   %s\n", c->account ? c->account : "-");
	print_lines("phone     ", c->phones, c->n_phones);
	print_json("bill-to   ", c->bill.present ? afcq_codec_location_to_json(&c->bill) : NULL);
	if (c->cust.set)
		printf("type      %lld %s\n", c->cust.v, afcq_cust_name(c->cust.v));
	else
		printf("type      -\n");
	printf("lifeline  %s\n", c->lfln.set ? (c->lfln.v ? "yes" : "no") : "-");
	print_json("exempt    ",
		   c->n_exms ? afcq_codec_exemptions_to_json(c->exms, c->n_exms) : NULL);
	print_lines("products  ", c->products, c->n_products);
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

static enum afcq_status import(struct cli_session *s, const char *text, size_t len,
			       const char *shown, struct afcq_error *err)
{
	struct afcq_book_row *v = NULL;
	size_t n = 0;
	struct afcq_book_import done = { 0 };
	enum afcq_status st = afcq_book_read_customers(text, len, shown, &v, &n, err);
	if (st == AFCQ_OK)
		st = afcq_book_import_customers(s->store, v, n, shown, &done, err);
	if (st == AFCQ_OK) {
		cli_book_imported(shown, "customer", n, &done);
		note_missing_products(s, v, n);
	}
	afcq_book_rows_free(v, n);
	return st;
}

static void export_csv(FILE *f, const void *all, size_t n)
{
	const struct afcq_customer *v = all;
	fputs(AFCQ_BOOK_COLUMNS "\n", f);
	for (size_t i = 0; i < n; i++)
		csv_row(f, &v[i], false);
}

static void exported(const struct cli_opts *o, const char *path, size_t n)
{
	fprintf(stderr,
		"afcq: %s holds personal data (names and phone numbers of %zu customer%s):"
		" keep it private%s\n",
		path && strcmp(path, "-") ? path : "the output", n, n == 1 ? "" : "s",
		o->format == CLI_FORMAT_CSV ? "; CSV leaves out exemptions and bill-to "
					      "fields other than pcode, zip, city and state"
					    : "");
}

/* ---- the command ------------------------------------------------------------- */

/* The field options are for add only. */
static int check(const struct cli_opts *o, enum cli_book_verb v)
{
	if (v != CLI_BOOK_ADD &&
	    (o->name || o->account || o->phone || o->pcode || o->zip || o->city || o->state ||
	     o->cust || o->lifeline || o->products))
		return cli_failf(CLI_EXIT_USAGE, "customers %s: the field options are for "
				 "customers add", o->n_args ? o->args[0] : "list");
	return CLI_EXIT_OK;
}

static void init(void *rec)
{
	afcq_customer_init(rec);
}

static void done(void *rec)
{
	afcq_customer_done(rec);
}

static enum afcq_status find(struct afcq_store *s, const char *text, void **v, size_t *n,
			     struct afcq_error *err)
{
	struct afcq_customer *found = NULL;
	enum afcq_status st = afcq_store_customers_find(s, text, 0, &found, n, err);
	*v = found;
	return st;
}

static void free_all(void *v, size_t n)
{
	afcq_customers_free(v, n);
}

static enum afcq_status get(struct afcq_store *s, int64_t id, void *rec, struct afcq_error *err)
{
	return afcq_store_customer_get(s, id, rec, err);
}

static int pick(struct cli_session *s, const char *what, const char *text, void *rec)
{
	return cli_book_pick_customer(s, what, text, rec);
}

static json_t *to_json(const void *rec)
{
	return afcq_book_customer_to_json(rec);
}

static const struct cli_book_ops customers_ops = {
	.what = "customers",
	.one = "customer",
	.args = {
		[CLI_BOOK_LIST] = { 0, 1, "customers list [TEXT]" },
		[CLI_BOOK_SHOW] = { 1, 1, "customers show ID|TEXT" },
		[CLI_BOOK_ADD] = { 0, 0, "customers add --name NAME [...]" },
		[CLI_BOOK_IMPORT] = { 1, 1, "customers import FILE (CSV or JSON; - for stdin)" },
		[CLI_BOOK_EXPORT] = { 0, 1, "customers export [FILE]" },
		[CLI_BOOK_RM] = { 0, 0, NULL },
	},
	.check = check,
	.size = sizeof(struct afcq_customer),
	.init = init,
	.done = done,
	.find = find,
	.free_all = free_all,
	.get = get,
	.rm = afcq_store_customer_delete,
	.pick = pick,
	.to_json = to_json,
	.print_list = print_list,
	.print_one = show,
	.add = add,
	.import = import,
	.export_csv = export_csv,
	.exported = exported,
};

int cmd_customers(const struct cli_opts *o)
{
	return cli_book_run(&customers_ops, o);
}
