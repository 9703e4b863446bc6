/* cli_book_cmd.c - the verbs afcq customers and afcq products share (see
 * cli_book.h): the arguments each verb takes, opening the store, list and
 * show in JSON, rm, reading an import's file and exporting to a private
 * file.  What differs by kind of record comes from struct cli_book_ops. */
#include "cli_book.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

static const char *const verb_names[CLI_BOOK_N_VERBS] = {
	[CLI_BOOK_LIST] = "list",     [CLI_BOOK_SHOW] = "show",
	[CLI_BOOK_ADD] = "add",       [CLI_BOOK_IMPORT] = "import",
	[CLI_BOOK_EXPORT] = "export", [CLI_BOOK_RM] = "rm",
};

static const void *rec_at(const struct cli_book_ops *ops, const void *v, size_t i)
{
	return (const char *)v + i * ops->size;
}

/* A JSON array of records, without their ids when drop_id (an export
 * imports back as new records elsewhere). */
static json_t *json_all(const struct cli_book_ops *ops, const void *v, size_t n, bool drop_id)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j = ops->to_json(rec_at(ops, v, i));
		if (drop_id)
			json_object_del(j, "id");
		json_array_append_new(a, j);
	}
	return a;
}

static int list(const struct cli_book_ops *ops, struct cli_session *s, const struct cli_opts *o)
{
	void *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	int rc = CLI_EXIT_OK;
	if (ops->find(s->store, o->n_args > 1 ? o->args[1] : NULL, &v, &n, &err) != AFCQ_OK)
		rc = cli_fail(&err);
	else if (o->format == CLI_FORMAT_JSON)
		cli_json_print(stdout, json_all(ops, v, n, false));
	else
		ops->print_list(o, v, n);
	ops->free_all(v, n);
	return rc;
}

/* show ID, or show TEXT where ops->pick takes text: a number is an id (or,
 * when no record has it and it has 5 digits or more, digits of an account
 * or a phone number as text), other
 * text picks one record as list finds them.  id is cli_book_id's when
 * show takes an id only. */
static int show(const struct cli_book_ops *ops, struct cli_session *s, const struct cli_opts *o,
		int64_t id)
{
	const char *arg = o->args[1];
	char what[64], shown[32];
	snprintf(what, sizeof what, "%s show", ops->what);
	snprintf(shown, sizeof shown, "%" PRId64, id);
	void *rec = afcq_xcalloc(1, ops->size);
	ops->init(rec);
	int rc = CLI_EXIT_OK;
	char *end = NULL;
	long long v = strtoll(arg, &end, 10);
	if (ops->pick && !(end != arg && !*end)) {
		rc = ops->pick(s, what, arg, rec);
	} else {
		if (ops->pick) { /* the number as typed */
			id = v;
			snprintf(shown, sizeof shown, "%s", arg);
		}
		struct afcq_error err;
		afcq_error_clear(&err);
		enum afcq_status st = id > 0 ? ops->get(s->store, id, rec, &err) : AFCQ_ERR_USAGE;
		if (st == AFCQ_ERR_USAGE && ops->pick && strlen(arg) >= 5)
			/* no such id, and long for one: the digits of an account or a
			 * phone number ("show 2145550100") */
			rc = ops->pick(s, what, arg, rec);
		else if (st == AFCQ_ERR_USAGE)
			rc = cli_failf(CLI_EXIT_USAGE, "%s: no %s %s (see afcq %s list)", what, ops->one,
				       shown, ops->what);
		else if (st != AFCQ_OK)
			rc = cli_fail(&err);
	}
	if (!rc && o->format == CLI_FORMAT_JSON)
		cli_json_print(stdout, ops->to_json(rec));
	else if (!rc)
		ops->print_one(o, rec);
	ops->done(rec);
	free(rec);
	return rc;
}

static int rm(const struct cli_book_ops *ops, struct cli_session *s, int64_t id)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = ops->rm(s->store, id, &err);
	if (st == AFCQ_ERR_USAGE)
		return cli_failf(CLI_EXIT_USAGE, "%s rm: no %s %" PRId64 " (see afcq %s list)",
				 ops->what, ops->one, id, ops->what);
	if (st != AFCQ_OK)
		return cli_fail(&err);
	printf("removed %s %" PRId64 "\n", ops->one, id);
	return CLI_EXIT_OK;
}

static int import(const struct cli_book_ops *ops, struct cli_session *s, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int rc = cli_read_input(path, &text, &len);
	if (rc)
		return rc;
	const char *shown = cli_file_shown(path);
	struct afcq_error err;
	afcq_error_clear(&err);
	if (ops->import(s, text, len, shown, &err) != AFCQ_OK) {
		rc = cli_fail(&err);
		fprintf(stderr, "afcq: %s: nothing imported\n", shown);
	}
	free(text);
	return rc;
}

void cli_book_imported(const char *shown, const char *one, size_t n,
		       const struct afcq_book_import *done)
{
	printf("%s: %zu %s%s: %zu added, %zu updated\n", shown, n, one, n == 1 ? "" : "s",
	       done->added, done->updated);
}

/* Everything to path (NULL or "-": stdout), a file private to the user. */
static int export(const struct cli_book_ops *ops, struct cli_session *s, const struct cli_opts *o,
		  const char *path)
{
	void *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (ops->find(s->store, NULL, &v, &n, &err) != AFCQ_OK)
		return cli_fail(&err);
	FILE *f = NULL;
	int rc = cli_open_output(path, &f);
	if (!rc) {
		if (o->format == CLI_FORMAT_CSV && ops->export_csv)
			ops->export_csv(f, v, n);
		else
			cli_json_print(f, json_all(ops, v, n, true));
		rc = cli_close_output(path, f);
	}
	if (!rc && ops->exported)
		ops->exported(o, path, n);
	ops->free_all(v, n);
	return rc;
}

int cli_book_run(const struct cli_book_ops *ops, const struct cli_opts *o)
{
	const char *name = o->n_args ? o->args[0] : "list";
	size_t verb = 0;
	while (verb < CLI_BOOK_N_VERBS && strcmp(name, verb_names[verb]) != 0)
		verb++;
	if (verb == CLI_BOOK_N_VERBS)
		return cli_failf(CLI_EXIT_USAGE,
				 "%s: unknown action '%s' (list, show, add, import, export or rm)",
				 ops->what, name);
	const struct cli_book_args *a = &ops->args[verb];
	int64_t id = 0;
	int rc = a->usage ? cli_book_args(o, a->min, a->max, a->usage)
			  : cli_book_id(o, ops->what, &id);
	if (!rc && ops->check)
		rc = ops->check(o, (enum cli_book_verb)verb);
	if (rc)
		return rc;
	struct cli_session s = { .opts = o };
	rc = cli_session_config(&s, o);
	if (!rc)
		rc = cli_session_open(&s, CLI_NEED_STORE);
	if (rc) {
		/* printed */
	} else if (verb == CLI_BOOK_LIST) {
		rc = list(ops, &s, o);
	} else if (verb == CLI_BOOK_SHOW) {
		rc = show(ops, &s, o, id);
	} else if (verb == CLI_BOOK_RM) {
		rc = rm(ops, &s, id);
	} else if (verb == CLI_BOOK_ADD) {
		rc = ops->add(&s, o);
	} else if (verb == CLI_BOOK_IMPORT) {
		rc = import(ops, &s, o->args[1]);
	} else {
		rc = export(ops, &s, o, o->n_args > 1 ? o->args[1] : NULL);
	}
	cli_session_done(&s);
	return rc;
}
