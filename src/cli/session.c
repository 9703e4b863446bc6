/* session.c - what a command works with: configuration, the endpoint (a
 * started sandbox when the profile or --sandbox says so), the HTTP client
 * and the history store.  One struct cli_session per command, torn down by
 * cli_session_done on every path.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/client.h"
#include "afcq/curl_command.h"
#include "afcq/paths.h"
#include "afcq/store_copy.h"
#include "afcq/str.h"

int cli_fail(const struct afcq_error *e)
{
	if (e->status == AFCQ_NOT_SENT)
		return CLI_EXIT_DRY_RUN;
	char line[1024];
	fprintf(stderr, "afcq: %s\n", afcq_error_line(e, line, sizeof line));
	return afcq_status_exit_code(e->status);
}

int cli_vfailf(int code, const char *fmt, va_list ap)
{
	fputs("afcq: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return code;
}

int cli_failf(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vfailf(code, fmt, ap);
	va_end(ap);
	return code;
}

/* The log, at --log-level or the configuration's level.  Completion asks
 * afcq at every Tab: that is not worth a line. */
static int open_log(struct cli_session *s)
{
	const struct cli_opts *o = s->opts;
	const char *name = o->log_level ? o->log_level : s->cfg.log.level;
	enum afcq_log_level lv;
	if (!afcq_log_level_parse(name, &lv))
		return cli_failf(o->log_level ? CLI_EXIT_USAGE : CLI_EXIT_CONFIG,
				 "%s: must be error, warn, info or debug, got '%s'",
				 o->log_level ? "--log-level" : "log.level", name ? name : "");
	if (o->command && o->command[0] == '_')
		return CLI_EXIT_OK;
	struct afcq_error err;
	s->log = afcq_log_open(NULL, lv, (long)s->cfg.log.max_kb * 1024, &err);
	if (!s->log) {
		char line[600];
		fprintf(stderr, "afcq: warning: no log file: %s\n", afcq_error_line(&err, line, sizeof line));
		return CLI_EXIT_OK;
	}
	afcq_logf(s->log, AFCQ_LOG_INFO, "afcq %s: %s; configuration %s, profile %s, endpoint %s",
		  AFCQ_VERSION, o->command ? o->command : "workstation",
		  s->cfg.path ? s->cfg.path : "(none: defaults)", s->cfg.profile ? s->cfg.profile : "-",
		  s->cfg.sandbox ? "sandbox" : (s->cfg.endpoint.base_url ? s->cfg.endpoint.base_url : "-"));
	return CLI_EXIT_OK;
}

int cli_session_config(struct cli_session *s, const struct cli_opts *o)
{
	s->opts = o;
	struct afcq_config_overrides ov = {
		.path = o->config_path,
		.profile = o->profile,
		.endpoint = o->endpoint,
		.sandbox = o->sandbox,
		.timeout_s = o->timeout_s,
	};
	if (o->sandbox && o->endpoint)
		return cli_failf(CLI_EXIT_USAGE, "--sandbox and --endpoint: choose one");
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_config_load(&ov, &s->cfg, &err) != AFCQ_OK) {
		if (err.status == AFCQ_OK)
			err.status = AFCQ_ERR_CONFIG;
		cli_fail(&err);
		/* Whatever the detail, a configuration that cannot be loaded is
		 * a configuration error for the exit code. */
		return CLI_EXIT_CONFIG;
	}
	s->cfg_loaded = true;
	int rc = open_log(s);
	if (rc)
		return rc;
	if (s->cfg.warnings) {
		/* one "file:line: ..." warning a line */
		const char *p = s->cfg.warnings;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			if (len)
				fprintf(stderr, "afcq: warning: %.*s\n", (int)len, p);
			p += len + (nl ? 1 : 0);
		}
	}
	return CLI_EXIT_OK;
}

int cli_session_may_commit(const struct cli_session *s, const char *what)
{
	if (s->cfg.allow_commit)
		return CLI_EXIT_OK;
	return cli_failf(CLI_EXIT_USAGE,
			 "profile '%s' is quote-only (allow_commit = false): it may not %s; "
			 "use a profile that allows commits (-p NAME)",
			 s->cfg.profile, what);
}

/* --print-curl: the command that sends what afcq would have sent. */
static void print_curl(void *ud, const char *method, const char *path, const char *body)
{
	const struct cli_session *s = ud;
	char *cmd = afcq_curl_command(&s->endpoint, s->cfg.password_env, method, path, body);
	fputs(cmd, stdout);
	fflush(stdout);
	free(cmd);
}

static int open_history(struct cli_session *s, bool required)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	/* The team's store when the config names one, else the file; with
	 * the team's store down, a quote is kept locally until it is back
	 * (invoices and commits need the team's journal). */
	bool offline = false;
	s->history = afcq_store_journal_open(s->cfg.store, &offline, &err);
	if (s->history && offline && required) {
		afcq_history_close(s->history);
		s->history = NULL;
	}
	if (s->history && !offline)
		return CLI_EXIT_OK;
	if (required) {
		cli_fail(&err);
		return CLI_EXIT_STORE;
	}
	char line[1024];
	s->journal_local = offline;
	if (offline) {
		fprintf(stderr, "afcq: warning: store unavailable: %s; kept locally until it is "
				"back\n",
			afcq_error_line(&err, line, sizeof line));
		return CLI_EXIT_OK;
	}
	fprintf(stderr, "afcq: warning: history not recorded: %s\n",
		afcq_error_line(&err, line, sizeof line));
	return CLI_EXIT_OK;
}

/* The customer book: the configuration's team store when it names one,
 * else the default SQLite file.  Any failure to open it is the store's
 * (exit 5). */
static int open_store(struct cli_session *s)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	const char *where = s->cfg_loaded && !afcq_str_empty(s->cfg.store) ? s->cfg.store : NULL;
	s->store = afcq_store_open(where, &err);
	if (s->store)
		return CLI_EXIT_OK;
	cli_fail(&err);
	return CLI_EXIT_STORE;
}

/* The bundled sandbox keeps its documents in a file under the state folder
 * (s->sandbox_docs), so an invoice sent by one run is known to the next (a
 * commit tomorrow, a resolve); where that file cannot be had, in memory as
 * before.  Spawned first, then waited for (wait_sandbox, which starts it
 * again in memory when it did not listen with the file). */
static enum afcq_status spawn_sandbox(struct cli_session *s, struct afcq_error *err)
{
	char *docs = afcq_xdg_path("XDG_STATE_HOME", ".local/state", "sandbox.sqlite");
	struct afcq_error ferr;
	afcq_error_clear(&ferr);
	enum afcq_status st = AFCQ_ERR_IO;
	if (docs && afcq_make_parents(docs, &ferr) == AFCQ_OK &&
	    afcq_make_private_file(docs, &ferr) == AFCQ_OK) {
		const char *args[] = { "--store", docs, NULL };
		st = afcq_sandbox_spawn(args, &s->sandbox, err);
	}
	if (st == AFCQ_OK) {
		s->sandbox_docs = docs;
		return st;
	}
	free(docs);
	afcq_error_clear(err);
	return afcq_sandbox_spawn(NULL, &s->sandbox, err);
}

static enum afcq_status wait_sandbox(struct cli_session *s, struct afcq_error *err)
{
	enum afcq_status st = afcq_sandbox_wait(&s->sandbox, err);
	if (st != AFCQ_OK && s->sandbox_docs) {
		afcq_sandbox_stop(&s->sandbox);
		free(s->sandbox_docs);
		s->sandbox_docs = NULL;
		afcq_error_clear(err);
		st = afcq_sandbox_start(NULL, &s->sandbox, err);
	}
	return st;
}

static enum afcq_status start_sandbox(struct cli_session *s, struct afcq_error *err)
{
	enum afcq_status st = spawn_sandbox(s, err);
	return st == AFCQ_OK ? wait_sandbox(s, err) : st;
}

enum afcq_status cli_session_sandbox_restart(struct cli_session *s, struct afcq_error *err)
{
	if (!s->sandbox_running)
		return afcq_error_set(err, AFCQ_ERR_USAGE, NULL, "no bundled sandbox");
	const char *args[] = { "--store", s->sandbox_docs, NULL };
	enum afcq_status st =
		afcq_sandbox_restart(&s->sandbox, s->sandbox_docs ? args : NULL, err);
	if (st == AFCQ_OK)
		afcq_logf(s->log, AFCQ_LOG_WARN, "bundled sandbox had stopped; started again at %s",
			  s->endpoint.base_url);
	return st;
}

static int open_endpoint(struct cli_session *s, bool defer)
{
	struct afcq_error err;
	afcq_error_clear(&err);
	afcq_endpoint_copy(&s->endpoint, &s->cfg.endpoint);
	if (s->cfg.sandbox && defer) {
		/* started by cli_session_sandbox_wait, once the workstation's
		 * first screen is up: starting it beside that screen took both
		 * cores from it */
		s->sandbox_spawn_due = true;
		s->sandbox_running = true;
		free(s->endpoint.base_url);
		s->endpoint.base_url = NULL;
		return CLI_EXIT_OK;
	}
	if (s->cfg.sandbox) {
		if (start_sandbox(s, &err) != AFCQ_OK) {
			cli_fail(&err);
			return CLI_EXIT_NET;
		}
		s->sandbox_running = true;
		free(s->endpoint.base_url);
		s->endpoint.base_url = afcq_xstrdup(s->sandbox.url);
	}
	if (afcq_str_empty(s->endpoint.base_url))
		return cli_failf(CLI_EXIT_CONFIG, "profile %s: no endpoint configured",
				 s->cfg.profile ? s->cfg.profile : "(none)");
	if (!s->cfg.sandbox && s->endpoint.username && !s->endpoint.password &&
	    !s->opts->print_curl) {
		/* A user name without a password: ask for it on the terminal,
		 * never echoed, never stored. */
		char *q = afcq_xasprintf("Password for %s at %s: ", s->endpoint.username,
					 s->endpoint.base_url);
		s->endpoint.password = cli_password_prompt(q);
		free(q);
		if (!s->endpoint.password)
			return cli_failf(CLI_EXIT_CONFIG,
					 "profile %s: user %s has no password: set %s%s or run on a terminal to be asked",
					 s->cfg.profile ? s->cfg.profile : "?", s->endpoint.username,
					 s->cfg.password_env ? "the variable " : "password_env",
					 s->cfg.password_env ? s->cfg.password_env : "");
	}
	/* The workstation makes its own client once its first screen is up:
	 * loading libcurl is most of what it would wait for. */
	if (defer)
		return CLI_EXIT_OK;
	struct afcq_error cerr;
	afcq_error_clear(&cerr);
	s->client = afcq_client_new(&s->endpoint, &cerr);
	if (!s->client) {
		char line[400];
		return cli_failf(CLI_EXIT_CONFIG, "%s", afcq_error_line(&cerr, line, sizeof line));
	}
	s->api.client = s->client;
	s->api.history = s->history;
	s->api.journal_local = s->journal_local;
	s->api.endpoint_label = cli_session_endpoint_label(s);
	s->api.log = s->log;
	if (s->sandbox_running)
		afcq_logf(s->log, AFCQ_LOG_INFO, "bundled sandbox started at %s", s->endpoint.base_url);
	if (s->opts->print_curl) {
		s->api.dry_run = print_curl;
		s->api.dry_run_ud = s;
		if (s->sandbox_running)
			fprintf(stderr, "afcq: note: the bundled sandbox at %s stops when afcq exits; "
					"start afcq-sandbox yourself and pass --endpoint to run this "
					"command\n", s->endpoint.base_url);
	}
	return CLI_EXIT_OK;
}

const char *cli_session_endpoint_label(const struct cli_session *s)
{
	if (s->cfg.sandbox)
		return "sandbox";
	return s->endpoint.base_url ? s->endpoint.base_url : s->cfg.endpoint.base_url;
}

int cli_session_open(struct cli_session *s, unsigned need)
{
	int rc = CLI_EXIT_OK;
	if (need & (CLI_NEED_HISTORY | CLI_WANT_HISTORY))
		rc = open_history(s, need & CLI_NEED_HISTORY);
	if (rc == CLI_EXIT_OK && (need & CLI_NEED_STORE))
		rc = open_store(s);
	if (rc == CLI_EXIT_OK && (need & CLI_NEED_ENDPOINT))
		rc = open_endpoint(s, need & CLI_DEFER_SANDBOX);
	return rc;
}

enum afcq_status cli_session_sandbox_wait(struct cli_session *s, struct afcq_error *err)
{
	afcq_error_clear(err);
	if (!s->sandbox_running || s->endpoint.base_url)
		return AFCQ_OK;
	if (s->sandbox_spawn_due) {
		s->sandbox_spawn_due = false;
		enum afcq_status sst = spawn_sandbox(s, err);
		if (sst != AFCQ_OK)
			return sst;
	}
	enum afcq_status st = wait_sandbox(s, err);
	if (st != AFCQ_OK)
		return st;
	s->endpoint.base_url = afcq_xstrdup(s->sandbox.url);
	afcq_logf(s->log, AFCQ_LOG_INFO, "bundled sandbox started at %s", s->endpoint.base_url);
	return AFCQ_OK;
}

void cli_session_done(struct cli_session *s)
{
	afcq_log_close(s->log);
	s->log = NULL;
	if (s->client)
		afcq_client_free(s->client);
	s->client = NULL;
	if (s->sandbox_running)
		afcq_sandbox_stop(&s->sandbox);
	s->sandbox_running = false;
	free(s->sandbox_docs);
	s->sandbox_docs = NULL;
	if (s->history)
		afcq_history_close(s->history);
	s->history = NULL;
	afcq_store_close(s->store);
	s->store = NULL;
	if (s->endpoint.password) {
		cli_password_free(s->endpoint.password);
		s->endpoint.password = NULL;
	}
	afcq_endpoint_done(&s->endpoint);
	if (s->cfg_loaded)
		afcq_config_done(&s->cfg);
	s->cfg_loaded = false;
}
