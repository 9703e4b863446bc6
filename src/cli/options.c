/* options.c - command-line options as a table.
 *
 * Each option is described once (long name, short letter, what it takes,
 * which command may use it, where it goes).  Parsing walks argv with no
 * global state; options may follow the positional arguments ("afcq quote
 * FILE -f csv"), "--opt=value" and "-fcsv" forms work, "--" ends options and
 * "-" alone is a positional argument (stdin).
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

enum opt_kind { OPT_FLAG, OPT_STRING, OPT_FORMAT, OPT_TIMEOUT };

struct opt_spec {
	const char *name;     /* long name without "--" */
	char letter;          /* short form, 0 when none */
	enum opt_kind kind;
	const char *only;     /* commands that may use it, blank-separated; NULL = every
			       * command, "" = the workstation */
	size_t off;           /* offset of the target in struct cli_opts */
};

#define AT(field) offsetof(struct cli_opts, field)

static const struct opt_spec specs[] = {
	{ .name = "config", .letter = 'c', .kind = OPT_STRING, .off = AT(config_path) },
	{ .name = "profile", .letter = 'p', .kind = OPT_STRING, .off = AT(profile) },
	{ .name = "endpoint", .letter = 'e', .kind = OPT_STRING, .off = AT(endpoint) },
	{ .name = "sandbox", .kind = OPT_FLAG, .off = AT(sandbox) },
	{ .name = "format", .letter = 'f', .kind = OPT_FORMAT, .off = AT(format) },
	{ .name = "timeout", .kind = OPT_TIMEOUT, .off = AT(timeout_s) },
	{ .name = "help", .letter = 'h', .kind = OPT_FLAG, .off = AT(help) },
	{ .name = "version", .letter = 'V', .kind = OPT_FLAG, .off = AT(version) },
	{ .name = "number", .kind = OPT_STRING, .only = "invoice", .off = AT(number) },
	{ .name = "doc", .kind = OPT_STRING, .only = "invoice", .off = AT(doc) },
	{ .name = "commit", .kind = OPT_FLAG, .only = "invoice", .off = AT(commit) },
	{ .name = "all", .kind = OPT_FLAG, .only = "history", .off = AT(all) },
	{ .name = "to", .kind = OPT_STRING, .only = "store", .off = AT(to) },
	{ .name = "zip", .kind = OPT_STRING, .only = "pcode customers", .off = AT(zip) },
	{ .name = "npanxx", .kind = OPT_STRING, .only = "pcode", .off = AT(npanxx) },
	{ .name = "fips", .kind = OPT_STRING, .only = "pcode", .off = AT(fips) },
	{ .name = "city", .kind = OPT_STRING, .only = "pcode customers", .off = AT(city) },
	{ .name = "state", .kind = OPT_STRING, .only = "pcode customers", .off = AT(state) },
	{ .name = "county", .kind = OPT_STRING, .only = "pcode", .off = AT(county) },
	{ .name = "country", .kind = OPT_STRING, .only = "pcode", .off = AT(country) },
	{ .name = "best-match", .kind = OPT_FLAG, .only = "pcode", .off = AT(best_match) },
	{ .name = "exact", .kind = OPT_FLAG, .only = "pcode", .off = AT(exact) },
	{ .name = "limit", .kind = OPT_STRING, .only = "pcode", .off = AT(limit) },
	{ .name = "primary", .kind = OPT_FLAG, .only = "pcode", .off = AT(primary) },
	{ .name = "name", .kind = OPT_STRING, .only = "customers products", .off = AT(name) },
	{ .name = "account", .kind = OPT_STRING, .only = "customers", .off = AT(account) },
	{ .name = "phone", .kind = OPT_STRING, .only = "customers", .off = AT(phone) },
	{ .name = "pcode", .kind = OPT_STRING, .only = "customers", .off = AT(pcode) },
	{ .name = "cust", .kind = OPT_STRING, .only = "customers", .off = AT(cust) },
	{ .name = "lifeline", .kind = OPT_STRING, .only = "customers", .off = AT(lifeline) },
	{ .name = "products", .kind = OPT_STRING, .only = "customers quote invoice", .off = AT(products) },
	{ .name = "customer", .kind = OPT_STRING, .only = "quote invoice history", .off = AT(customer) },
	{ .name = "script", .kind = OPT_STRING, .only = "", .off = AT(script) },
	{ .name = "no-color", .kind = OPT_FLAG, .only = "", .off = AT(no_color) },
	{ .name = "log-level", .kind = OPT_STRING, .off = AT(log_level) },
	{ .name = "print-curl", .kind = OPT_FLAG,
	  .only = "quote invoice commit uncommit resolve tspairs taxtype pcode",
	  .off = AT(print_curl) },
};

bool cli_option_at(size_t i, struct cli_option_info *out)
{
	if (i >= sizeof specs / sizeof specs[0])
		return false;
	const struct opt_spec *sp = &specs[i];
	*out = (struct cli_option_info){
		.name = sp->name,
		.letter = sp->letter,
		.takes_value = sp->kind != OPT_FLAG,
		.only = sp->only,
		.values = sp->kind == OPT_FORMAT		     ? "table json csv"
			  : strcmp(sp->name, "log-level") == 0 ? "error warn info debug"
							       : NULL,
	};
	return true;
}

/* Prints one "afcq: ..." usage line; returns false for the caller. */
static bool bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool bad(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vfailf(CLI_EXIT_USAGE, fmt, ap);
	va_end(ap);
	return false;
}

static const struct opt_spec *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
		if (strlen(specs[i].name) == len && strncmp(specs[i].name, name, len) == 0)
			return &specs[i];
	return NULL;
}

static const struct opt_spec *find_short(char c)
{
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
		if (specs[i].letter && specs[i].letter == c)
			return &specs[i];
	return NULL;
}

bool cli_option_applies(const char *only, const char *command)
{
	if (!only)
		return true;
	if (!only[0])
		return command == NULL;
	if (!command)
		return false;
	size_t n = strlen(command);
	for (const char *p = only; (p = strstr(p, command)); p += n)
		if ((p == only || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static bool allowed(const struct opt_spec *sp, const char *command)
{
	return cli_option_applies(sp->only, command);
}

/* Stores value into the option's target; false (message printed) when the
 * value is not acceptable. */
static bool store(struct cli_opts *o, const struct opt_spec *sp, const char *shown,
		  const char *value)
{
	char *base = (char *)o;
	switch (sp->kind) {
	case OPT_FLAG:
		*(bool *)(base + sp->off) = true;
		return true;
	case OPT_STRING:
		if (!value[0]) {
			bad("%s: empty value", shown);
			return false;
		}
		*(const char **)(base + sp->off) = value;
		return true;
	case OPT_FORMAT: {
		enum cli_format *fmt = (enum cli_format *)(base + sp->off);
		if (strcmp(value, "table") == 0)
			*fmt = CLI_FORMAT_TABLE;
		else if (strcmp(value, "json") == 0)
			*fmt = CLI_FORMAT_JSON;
		else if (strcmp(value, "csv") == 0)
			*fmt = CLI_FORMAT_CSV;
		else {
			bad("%s: unknown format '%s' (table, json or csv)", shown, value);
			return false;
		}
		return true;
	}
	case OPT_TIMEOUT: {
		char *end = NULL;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v <= 0 || v > 86400) {
			bad("%s: '%s' is not a number of seconds (1-86400)", shown, value);
			return false;
		}
		*(long *)(base + sp->off) = v;
		return true;
	}
	}
	return false;
}

bool cli_opt_wants_next(const char *arg)
{
	const struct opt_spec *sp = NULL;
	if (arg[0] != '-' || !arg[1])
		return false;
	if (arg[1] == '-') {
		if (strchr(arg, '='))
			return false;
		sp = find_long(arg + 2, strlen(arg + 2));
	} else {
		/* "-f" alone wants the next word; "-fcsv" or "-hV" do not */
		if (arg[2])
			return false;
		sp = find_short(arg[1]);
	}
	return sp && sp->kind != OPT_FLAG;
}

static void add_arg(struct cli_opts *o, const char *a)
{
	o->args = afcq_xrealloc(o->args, (o->n_args + 1) * sizeof *o->args);
	o->args[o->n_args++] = a;
}

/* Handles "--name[=value]" at argv[*i]; advances *i past a separate value. */
static bool parse_long(struct cli_opts *o, const char *command, int argc, char **argv, int *i)
{
	const char *arg = argv[*i] + 2;
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct opt_spec *sp = find_long(arg, len);
	if (!sp || !allowed(sp, command)) {
		if (sp)
			return bad("--%s: not an option of %s%s", sp->name,
				   command ? "afcq " : "the workstation", command ? command : "");
		return bad("%.*s: unknown option (see afcq --help)", (int)(len + 2), argv[*i]);
	}
	char shown[64];
	snprintf(shown, sizeof shown, "--%s", sp->name);
	if (sp->kind == OPT_FLAG) {
		if (eq)
			return bad("%s: takes no value", shown);
		return store(o, sp, shown, NULL);
	}
	if (eq)
		return store(o, sp, shown, eq + 1);
	if (*i + 1 >= argc)
		return bad("%s: missing value", shown);
	(*i)++;
	return store(o, sp, shown, argv[*i]);
}

/* Handles "-x", "-xVALUE", "-x VALUE" and flag clusters like "-hV". */
static bool parse_short(struct cli_opts *o, const char *command, int argc, char **argv, int *i)
{
	const char *p = argv[*i] + 1;
	while (*p) {
		const struct opt_spec *sp = find_short(*p);
		char shown[4] = { '-', *p, '\0', '\0' };
		if (!sp || !allowed(sp, command))
			return bad("%s: unknown option (see afcq --help)", shown);
		if (sp->kind == OPT_FLAG) {
			store(o, sp, shown, NULL);
			p++;
			continue;
		}
		if (p[1])
			return store(o, sp, shown, p + 1);
		if (*i + 1 >= argc)
			return bad("%s: missing value", shown);
		(*i)++;
		return store(o, sp, shown, argv[*i]);
	}
	return true;
}

bool cli_opts_parse(struct cli_opts *o, const char *command, int argc, char **argv, int skip)
{
	o->command = command;
	bool only_args = false;
	for (int i = 1; i < argc; i++) {
		if (i == skip)
			continue;
		const char *a = argv[i];
		if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
			add_arg(o, a);
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = true;
			continue;
		}
		bool ok = a[1] == '-' ? parse_long(o, command, argc, argv, &i)
				      : parse_short(o, command, argc, argv, &i);
		if (!ok)
			return false;
	}
	return true;
}

void cli_opts_done(struct cli_opts *o)
{
	free(o->args);
	o->args = NULL;
	o->n_args = 0;
}
