/* cmd_check_config.c - afcq check-config: validates the configuration and
 * shows every value with where it came from.  Passwords are never shown
 * (the config module prints them as "(hidden)"). */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_check_config(const struct cli_opts *o)
{
	if (o->n_args)
		return cli_failf(CLI_EXIT_USAGE, "check-config: takes no argument");
	struct cli_session s = { 0 };
	int rc = cli_session_config(&s, o);
	if (rc) {
		cli_session_done(&s);
		return rc;
	}
	const struct afcq_config *c = &s.cfg;
	printf("file      %s\n", c->path ? c->path : "(none: built-in defaults)");
	printf("profile   %s\n", c->profile ? c->profile : "-");
	printf("endpoint  %s\n", c->sandbox ? "sandbox (bundled afcq-sandbox)"
					    : (c->endpoint.base_url ? c->endpoint.base_url : "-"));
	size_t w = 0;
	for (size_t i = 0; i < c->n_origins; i++)
		if (c->origins[i].key && strlen(c->origins[i].key) > w)
			w = strlen(c->origins[i].key);
	if (c->n_origins)
		printf("\n%-*s  %-32s  %s\n", (int)w, "key", "value", "from");
	for (size_t i = 0; i < c->n_origins; i++) {
		const struct afcq_config_origin *g = &c->origins[i];
		printf("%-*s  %-32s  %s\n", (int)w, g->key ? g->key : "",
		       g->value ? g->value : "", g->source ? g->source : "");
	}
	/* A password written in the file works (the file is chmod 600), but
	 * password_env keeps it out of files, backups and screenshares. */
	for (size_t i = 0; i < c->n_origins; i++) {
		const struct afcq_config_origin *g = &c->origins[i];
		size_t kl = g->key ? strlen(g->key) : 0;
		if (kl > 9 && strcmp(g->key + kl - 9, ".password") == 0 && g->source &&
		    strncmp(g->source, "default", 7) != 0 &&
		    strncmp(g->source, "environment", 11) != 0 && g->value &&
		    strcmp(g->value, "(none)") != 0)
			printf("\nwarning: %s (%s): a password written in the config file; prefer "
			       "password_env = \"AFCQ_PASSWORD\" (the name of a variable that holds "
			       "it), or leave both out and afcq asks\n",
			       g->key, g->source);
	}
	printf("\nconfiguration ok\n");
	cli_session_done(&s);
	return CLI_EXIT_OK;
}
