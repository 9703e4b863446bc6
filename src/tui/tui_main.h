/* tui_main.h - entry point of the workstation, called by the command line.
 *
 * The command line parses options, loads the configuration and, for the
 * sandbox profile or --sandbox, starts the bundled server; it then hands the
 * result to tui_main(), which owns the terminal until it returns.  The
 * server loads its rate book while the first screen is drawn: tui_main
 * waits for it (tui_args.endpoint_wait) only after showing that screen.
 */
#ifndef AFCQ_TUI_MAIN_H
#define AFCQ_TUI_MAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "afcq/client.h"
#include "afcq/config.h"
#include "afcq/error.h"
#include "afcq/log.h"

struct tui_args {
	const struct afcq_config *config;     /* loaded configuration, borrowed */
	const struct afcq_endpoint *endpoint; /* base_url set (a started sandbox's URL); borrowed */
	bool sandbox;                         /* the endpoint is the bundled sandbox */
	const char *file;                     /* request file to load into the form, or NULL */
	const char *script;                   /* --script FILE, or NULL ($AFCQ_SCRIPT is read too) */
	const char *argv0;                    /* to find themes/ beside the binary; may be NULL */
	bool no_color;                        /* --no-color: as NO_COLOR, the mono theme */
	struct afcq_log *log;                 /* the log file, borrowed, may be NULL */
	/* The bundled sandbox found stopped (a request refused): starts it
	 * again on the same URL; AFCQ_OK when it did.  NULL without one. */
	enum afcq_status (*restart_sandbox)(void *ctx, struct afcq_error *err);
	void *restart_ctx;
	/* Set when the endpoint is not ready yet (the bundled sandbox is still
	 * starting, endpoint->base_url NULL): called once the first screen is
	 * shown, it sets endpoint->base_url, or fills *err and fails; tui_main
	 * then leaves the terminal and returns 4, *err for the caller to print. */
	enum afcq_status (*endpoint_wait)(void *ud, struct afcq_error *err);
	void *endpoint_ud;
	struct afcq_error *endpoint_err;
};

/* Runs the workstation until the user quits (or the script ends).  The
 * terminal is restored on every exit path.  Returns the process exit code:
 * 0 normal quit, 1 a script command failed, 2 the file or script could not
 * be read or there is no terminal, 128 + the signal after SIGINT, SIGTERM
 * or SIGHUP (130, 143, 129).  A theme that cannot be loaded is reported on
 * screen and replaced by built-in attributes. */
int tui_main(const struct tui_args *args);

/* Prints every key of the workstation as a Markdown table (Key | Alias |
 * Action | What it does), one row per action of actions.def, to out
 * (afcq --keys; the README's key table).  Needs no terminal. */
void tui_print_keys(FILE *out);

#endif
