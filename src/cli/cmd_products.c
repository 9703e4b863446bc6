/* cmd_products.c - afcq products list [TEXT] | show ID | add --name NAME
 * FILE | import FILE | export [FILE] | rm ID: the named bundles of line
 * items a company sells (afcq/store.h, afcq/book_io.h). */
#include "cli.h"
#include "cli_book.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/book_io.h"
#include "afcq/codec.h"
#include "afcq/str.h"

/* "19/6 19/21 19/43" (at most n bytes). */
static const char *pairs(const struct afcq_product *p, char *buf, size_t n)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	for (size_t i = 0; i < p->n_itms; i++) {
		const struct afcq_item *it = &p->itms[i];
		afcq_buf_printf(&b, "%s", i ? " " : "");
		if (it->tran.set && it->serv.set)
			afcq_buf_printf(&b, "%lld/%lld", it->tran.v, it->serv.v);
		else
			afcq_buf_puts(&b, "?/?");
		if (it->qty.set && it->qty.v != 1)
			afcq_buf_printf(&b, "x%lld", it->qty.v);
	}
	afcq_buf_puts(&b, "");
	snprintf(buf, n, "%s", b.data);
	afcq_buf_done(&b);
	return buf;
}

static void print_list(const struct cli_opts *o, const void *all, size_t n)
{
	const struct afcq_product *v = all;
	char pb[512];
	if (o->format == CLI_FORMAT_CSV) {
		puts("id,name,items,pairs");
		for (size_t i = 0; i < n; i++) {
			printf("%" PRId64 ",", v[i].id);
			cli_csv_next(stdout, v[i].name);
			printf("%zu,", v[i].n_itms);
			cli_csv_field(stdout, pairs(&v[i], pb, sizeof pb));
			putchar('\n');
		}
		return;
	}
	int wn = 4;
	for (size_t i = 0; i < n; i++)
		wn = cli_max_width(wn, v[i].name, 40);
	printf("%5s  %-*s  %5s  %s\n", "id", wn, "name", "items", "T/S pairs");
	char cn[200];
	for (size_t i = 0; i < n; i++)
		printf("%5" PRId64 "  %s  %5zu  %s\n", v[i].id, cli_cell(v[i].name, wn, cn, sizeof cn),
		       v[i].n_itms, pairs(&v[i], pb, sizeof pb));
	printf("%zu product%s\n", n, n == 1 ? "" : "s");
}

static void show(const struct cli_opts *o, const void *rec)
{
	(void)o;
	const struct afcq_product *p = rec;
	json_t *j = afcq_book_product_to_json(p);
	char pb[512];
	printf("id        %" PRId64 "\n", p->id);
	printf("name      %s\n", p->name);
	printf("pairs     %s\n", pairs(p, pb, sizeof pb));
	printf("itms:\n");
	cli_json_print(stdout, json_incref(json_object_get(j, "itms")));
	json_decref(j);
}

/* The items of FILE: an array of line items, an object with "itms", or a
 * request (its first invoice's items). */
static int read_items(const char *path, struct afcq_product *p)
{
	char *text = NULL;
	size_t len = 0;
	int rc = cli_read_input(path, &text, &len);
	if (rc)
		return rc;
	const char *shown = cli_file_shown(path);
	json_t *j = NULL;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_json_parse(text, len, &j, &err) != AFCQ_OK) {
		free(text);
		return cli_failf(CLI_EXIT_USAGE, "%s: %s", shown, err.msg);
	}
	free(text);
	json_t *itms = j;
	const char *path_name = "itms";
	if (json_is_object(j) && json_object_get(j, "itms")) {
		itms = json_object_get(j, "itms");
	} else if (json_is_object(j) && json_is_array(json_object_get(j, "inv"))) {
		itms = json_object_get(json_array_get(json_object_get(j, "inv"), 0), "itms");
		path_name = "inv[0].itms";
	}
	if (!json_is_array(itms) || json_array_size(itms) == 0) {
		json_decref(j);
		return cli_failf(CLI_EXIT_USAGE, "%s: no line items (a JSON array of AFC line items, "
				 "an object with \"itms\", or a request)", shown);
	}
	if (afcq_codec_items_from_json(itms, path_name, &p->itms, &p->n_itms, &err) != AFCQ_OK)
		rc = cli_failf(CLI_EXIT_USAGE, "%s: %s%s%s", shown, err.where,
			       err.where[0] ? ": " : "", err.msg);
	json_decref(j);
	return rc;
}

static int add(struct cli_session *s, const struct cli_opts *o)
{
	struct afcq_product p;
	afcq_product_init(&p);
	struct afcq_error err;
	afcq_error_clear(&err);
	p.name = afcq_xstrdup(o->name);
	int rc = read_items(o->args[1], &p);
	if (!rc) {
		struct afcq_product have;
		afcq_product_init(&have);
		enum afcq_status st = afcq_store_product_by_name(s->store, p.name, &have, &err);
		if (st == AFCQ_OK)
			rc = cli_failf(CLI_EXIT_USAGE, "--name: product %" PRId64 " is called '%s' "
				       "already (afcq products rm %" PRId64 " first, or import a file "
				       "to replace its items)", have.id, have.name, have.id);
		else if (st != AFCQ_ERR_USAGE)
			rc = cli_fail(&err);
		afcq_product_done(&have);
	}
	if (!rc && afcq_store_product_save(s->store, &p, &err) != AFCQ_OK)
		rc = cli_fail(&err);
	if (!rc)
		printf("added product %" PRId64 " (%zu item%s)\n", p.id, p.n_itms,
		       p.n_itms == 1 ? "" : "s");
	afcq_product_done(&p);
	return rc;
}

static enum afcq_status import(struct cli_session *s, const char *text, size_t len,
			       const char *shown, struct afcq_error *err)
{
	struct afcq_product *v = NULL;
	size_t n = 0;
	struct afcq_book_import done = { 0 };
	enum afcq_status st = afcq_book_read_products(text, len, shown, &v, &n, err);
	if (st == AFCQ_OK)
		st = afcq_book_import_products(s->store, v, n, shown, &done, err);
	if (st == AFCQ_OK)
		cli_book_imported(shown, "product", n, &done);
	afcq_products_free(v, n);
	return st;
}

static int check(const struct cli_opts *o, enum cli_book_verb v)
{
	if (v == CLI_BOOK_ADD && !o->name)
		return cli_failf(CLI_EXIT_USAGE, "products add: --name NAME is required");
	if (v != CLI_BOOK_ADD && o->name)
		return cli_failf(CLI_EXIT_USAGE, "products %s: --name is for products add",
				 o->n_args ? o->args[0] : "list");
	if (v == CLI_BOOK_EXPORT && o->format == CLI_FORMAT_CSV)
		return cli_failf(CLI_EXIT_USAGE, "products export: JSON only (line items do not fit "
				 "CSV columns)");
	return CLI_EXIT_OK;
}

static void init(void *rec)
{
	afcq_product_init(rec);
}

static void done(void *rec)
{
	afcq_product_done(rec);
}

static enum afcq_status find(struct afcq_store *s, const char *text, void **v, size_t *n,
			     struct afcq_error *err)
{
	struct afcq_product *found = NULL;
	enum afcq_status st = afcq_store_products_find(s, text, 0, &found, n, err);
	*v = found;
	return st;
}

static void free_all(void *v, size_t n)
{
	afcq_products_free(v, n);
}

static enum afcq_status get(struct afcq_store *s, int64_t id, void *rec, struct afcq_error *err)
{
	return afcq_store_product_get(s, id, rec, err);
}

static json_t *to_json(const void *rec)
{
	return afcq_book_product_to_json(rec);
}

static const struct cli_book_ops products_ops = {
	.what = "products",
	.one = "product",
	.args = {
		[CLI_BOOK_LIST] = { 0, 1, "products list [TEXT]" },
		[CLI_BOOK_SHOW] = { 0, 0, NULL },
		[CLI_BOOK_ADD] = { 1, 1, "products add --name NAME FILE (line items; - for stdin)" },
		[CLI_BOOK_IMPORT] = { 1, 1, "products import FILE (JSON; - for stdin)" },
		[CLI_BOOK_EXPORT] = { 0, 1, "products export [FILE]" },
		[CLI_BOOK_RM] = { 0, 0, NULL },
	},
	.check = check,
	.size = sizeof(struct afcq_product),
	.init = init,
	.done = done,
	.find = find,
	.free_all = free_all,
	.get = get,
	.rm = afcq_store_product_delete,
	.pick = NULL, /* show takes an id only */
	.to_json = to_json,
	.print_list = print_list,
	.print_one = show,
	.add = add,
	.import = import,
	.export_csv = NULL,
	.exported = NULL,
};

int cmd_products(const struct cli_opts *o)
{
	return cli_book_run(&products_ops, o);
}
