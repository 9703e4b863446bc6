/* main.c - afcq: picks the workstation or a subcommand.
 *
 * The first argument that is not an option names the subcommand; with
 * none, afcq is the workstation.  Options are parsed per command so that
 * each one accepts only what applies to it (options.c).
 */
#include "cli.h"
#include "tui_main.h"

#include "afcq/version.h"

#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(const struct cli_opts *o);
};

static const struct command commands[] = {
	{ "quote", cmd_quote },
	{ "invoice", cmd_invoice },
	{ "compare", cmd_compare },
	{ "commit", cmd_commit },
	{ "uncommit", cmd_uncommit },
	{ "tspairs", cmd_tspairs },
	{ "taxtype", cmd_taxtype },
	{ "pcode", cmd_pcode },
	{ "history", cmd_history },
	{ "customers", cmd_customers },
	{ "products", cmd_products },
	{ "store", cmd_store },
	{ "resolve", cmd_resolve },
	{ "check-config", cmd_check_config },
	{ "completion", cmd_completion },
	{ "__complete", cmd_complete_words },
};

const char *cli_command_at(size_t i)
{
	return i < sizeof commands / sizeof commands[0] ? commands[i].name : NULL;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Index of the subcommand word in argv, or 0 when there is none.  Options
 * before it may take a separate value ("-f csv quote"), which is skipped. */
static int command_index(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return 0;
		if (a[0] != '-' || strcmp(a, "-") == 0)
			return find_command(a) ? i : 0;
		if (cli_opt_wants_next(a))
			i++;
	}
	return 0;
}

static enum afcq_status restart_sandbox(void *ctx, struct afcq_error *err)
{
	return cli_session_sandbox_restart(ctx, err);
}

static enum afcq_status sandbox_wait(void *ud, struct afcq_error *err)
{
	return cli_session_sandbox_wait(ud, err);
}

/* The workstation (no subcommand): the session opens the endpoint (a
 * sandbox for the sandbox profile or --sandbox, spawned here and waited
 * for once the first screen is shown), tui_main() owns the terminal until
 * the user quits. */
static int run_workstation(const struct cli_opts *o)
{
	if (o->n_args > 1)
		return cli_failf(CLI_EXIT_USAGE,
				 "%s: unknown command (see afcq --help)", o->args[0]);
	struct cli_session s = { 0 };
	int rc = cli_session_config(&s, o);
	if (rc == CLI_EXIT_OK)
		rc = cli_session_open(&s, CLI_NEED_ENDPOINT | CLI_DEFER_SANDBOX);
	if (rc == CLI_EXIT_OK) {
		struct afcq_error serr;
		afcq_error_clear(&serr);
		struct tui_args a = {
			.config = &s.cfg,
			.endpoint = &s.endpoint,
			.sandbox = s.sandbox_running,
			.file = o->n_args ? o->args[0] : NULL,
			.script = o->script,
			.argv0 = o->argv0,
			.no_color = o->no_color,
			.log = s.log,
			.restart_sandbox = s.sandbox_running ? restart_sandbox : NULL,
			.restart_ctx = &s,
			.endpoint_wait = s.sandbox_running && !s.endpoint.base_url ? sandbox_wait : NULL,
			.endpoint_ud = &s,
			.endpoint_err = &serr,
		};
		rc = tui_main(&a);
		if (serr.status != AFCQ_OK) {
			cli_fail(&serr);
			rc = CLI_EXIT_NET;
		}
	}
	cli_session_done(&s);
	return rc;
}

int main(int argc, char **argv)
{
	/* The key table is the workstation's, printed without a terminal. */
	if (argc == 2 && strcmp(argv[1], "--keys") == 0) {
		tui_print_keys(stdout);
		return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_NET;
	}
	int ci = command_index(argc, argv);
	const struct command *cmd = ci ? find_command(argv[ci]) : NULL;
	struct cli_opts o = { 0 };
	/* The command word itself is skipped; options may sit on both sides. */
	bool ok = cli_opts_parse(&o, cmd ? cmd->name : NULL, argc, argv, ci);
	o.argv0 = argc > 0 ? argv[0] : NULL;
	int rc;
	if (!ok) {
		rc = CLI_EXIT_USAGE;
	} else if (o.version) {
		char libs[256];
		printf("afcq %s\n%s\n", AFCQ_VERSION, afcq_library_versions(libs, sizeof libs));
		rc = CLI_EXIT_OK;
	} else if (o.help) {
		cli_usage(stdout, cmd ? cmd->name : NULL);
		rc = CLI_EXIT_OK;
	} else if (cmd) {
		rc = cmd->run(&o);
		if (rc == CLI_EXIT_DRY_RUN)
			rc = CLI_EXIT_OK;
	} else {
		rc = run_workstation(&o);
	}
	cli_opts_done(&o);
	return rc;
}
