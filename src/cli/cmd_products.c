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

static void print_list(const struct cli_opts *o, const struct afcq_product *v, size_t n)
{
	char pb[512];
	if (o->format == CLI_FORMAT_JSON) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, afcq_book_product_to_json(&v[i]));
		cli_json_print(stdout, a);
		return;
	}
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
	for (size_t i = 0; i < n; i++)
		printf("%5" PRId64 "  %-*.*s  %5zu  %s\n", v[i].id, wn, wn, v[i].name, v[i].n_itms,
		       pairs(&v[i], pb, sizeof pb));
	printf("%zu product%s\n", n, n == 1 ? "" : "s");
}

static void show(const struct cli_opts *o, const struct afcq_product *p)
{
	json_t *j = afcq_book_product_to_json(p);
	if (o->format == CLI_FORMAT_JSON) {
		cli_json_print(stdout, j);
		return;
	}
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

static int import(struct cli_session *s, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int rc = cli_read_input(path, &text, &len);
	if (rc)
		return rc;
	const char *shown = cli_file_shown(path);
	struct afcq_product *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_book_import done = { 0 };
	if (afcq_book_read_products(text, len, shown, &v, &n, &err) != AFCQ_OK ||
	    afcq_book_import_products(s->store, v, n, shown, &done, &err) != AFCQ_OK) {
		rc = cli_fail(&err);
		fprintf(stderr, "afcq: %s: nothing imported\n", shown);
	} else {
		printf("%s: %zu product%s: %zu added, %zu updated\n", shown, n, n == 1 ? "" : "s",
		       done.added, done.updated);
	}
	afcq_products_free(v, n);
	free(text);
	return rc;
}

static int export(struct cli_session *s, const char *path)
{
	struct afcq_product *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_store_products_find(s->store, NULL, 0, &v, &n, &err) != AFCQ_OK)
		return cli_fail(&err);
	FILE *f = NULL;
	int rc = cli_open_output(path, &f);
	if (!rc) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *j = afcq_book_product_to_json(&v[i]);
			json_object_del(j, "id");
			json_array_append_new(a, j);
		}
		cli_json_print(f, a);
		rc = cli_close_output(path, f);
	}
	afcq_products_free(v, n);
	return rc;
}

int cmd_products(const struct cli_opts *o)
{
	const char *what = o->n_args ? o->args[0] : "list";
	int64_t id = 0;
	int rc = CLI_EXIT_OK;
	if (strcmp(what, "list") == 0)
		rc = cli_book_args(o, 0, 1, "products list [TEXT]");
	else if (strcmp(what, "show") == 0 || strcmp(what, "rm") == 0)
		rc = cli_book_id(o, "products", &id);
	else if (strcmp(what, "add") == 0)
		rc = cli_book_args(o, 1, 1, "products add --name NAME FILE (line items; - for stdin)");
	else if (strcmp(what, "import") == 0)
		rc = cli_book_args(o, 1, 1, "products import FILE (JSON; - for stdin)");
	else if (strcmp(what, "export") == 0)
		rc = cli_book_args(o, 0, 1, "products export [FILE]");
	else
		return cli_failf(CLI_EXIT_USAGE,
				 "products: unknown action '%s' (list, show, add, import, export or rm)",
				 what);
	if (rc)
		return rc;
	if (strcmp(what, "add") == 0 && !o->name)
		return cli_failf(CLI_EXIT_USAGE, "products add: --name NAME is required");
	if (strcmp(what, "add") != 0 && o->name)
		return cli_failf(CLI_EXIT_USAGE, "products %s: --name is for products add", what);
	if (strcmp(what, "export") == 0 && o->format == CLI_FORMAT_CSV)
		return cli_failf(CLI_EXIT_USAGE, "products export: JSON only (line items do not fit "
				 "CSV columns)");
	struct cli_session s = { .opts = o };
	rc = cli_session_config(&s, o);
	if (!rc)
		rc = cli_session_open(&s, CLI_NEED_STORE);
	struct afcq_error err;
	afcq_error_clear(&err);
	if (rc) {
		/* printed */
	} else if (strcmp(what, "list") == 0) {
		struct afcq_product *v = NULL;
		size_t n = 0;
		if (afcq_store_products_find(s.store, o->n_args > 1 ? o->args[1] : NULL, 0, &v, &n,
					     &err) != AFCQ_OK)
			rc = cli_fail(&err);
		else
			print_list(o, v, n);
		afcq_products_free(v, n);
	} else if (strcmp(what, "show") == 0) {
		struct afcq_product p;
		afcq_product_init(&p);
		enum afcq_status st = afcq_store_product_get(s.store, id, &p, &err);
		if (st == AFCQ_ERR_USAGE)
			rc = cli_failf(CLI_EXIT_USAGE, "products show: no product %" PRId64
				       " (see afcq products list)", id);
		else if (st != AFCQ_OK)
			rc = cli_fail(&err);
		else
			show(o, &p);
		afcq_product_done(&p);
	} else if (strcmp(what, "rm") == 0) {
		enum afcq_status st = afcq_store_product_delete(s.store, id, &err);
		if (st == AFCQ_ERR_USAGE)
			rc = cli_failf(CLI_EXIT_USAGE, "products rm: no product %" PRId64
				       " (see afcq products list)", id);
		else if (st != AFCQ_OK)
			rc = cli_fail(&err);
		else
			printf("removed product %" PRId64 "\n", id);
	} else if (strcmp(what, "add") == 0) {
		rc = add(&s, o);
	} else if (strcmp(what, "import") == 0) {
		rc = import(&s, o->args[1]);
	} else {
		rc = export(&s, o->n_args > 1 ? o->args[1] : NULL);
	}
	cli_session_done(&s);
	return rc;
}
