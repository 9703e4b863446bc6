/* config.h - configuration on libconfig.
 *
 * The file is the first found of: the explicit path, $AFCQ_CONFIG,
 * $XDG_CONFIG_HOME/afcq/config (default ~/.config/afcq/config).  No file at
 * all means the built-in `sandbox` profile.  Keys are described once in a
 * table (path, type, target, default, bounds); unknown keys are warnings with
 * file:line, invalid values are errors with file:line.  A file that holds a
 * password must not be readable by group or others.
 */
#ifndef AFCQ_CONFIG_H
#define AFCQ_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "afcq/client.h"
#include "afcq/error.h"
#include "afcq/model.h"

struct afcq_config_defaults {
	long long cust, sale;
	bool invm, dtl, summ;
};

struct afcq_config_log {
	char *level;                 /* "error", "warn", "info" (default) or "debug" */
	long long max_kb;            /* rotated past this size; 1024 */
};

struct afcq_config_ui {
	char *theme;                 /* "default" */
	bool mouse;
};

/* Where a value came from, for check-config. */
struct afcq_config_origin {
	char *key;                   /* "profiles.ua.endpoint" */
	char *value;                 /* printable; passwords shown as "(hidden)" */
	char *source;                /* "file:12", "default", "environment AFCQ_PASSWORD", "command line" */
};

struct afcq_config {
	char *path;                  /* file read, NULL when none */
	char *profile;               /* chosen profile name */
	bool sandbox;                /* endpoint = "sandbox": start the bundled server */
	struct afcq_endpoint endpoint; /* base_url NULL when sandbox */
	char *password_env;          /* name of the variable holding the password */
	bool allow_commit;           /* the profile's allow_commit: false = quotes only */
	char *store;                 /* a team's PostgreSQL store ("" = the local SQLite files) */
	struct afcq_company company; /* defaults for the form */
	struct afcq_config_defaults defaults;
	struct afcq_config_ui ui;
	struct afcq_config_log log;
	char *warnings;              /* newline-separated "file:line: ..." or NULL */
	char **profile_names;        /* every profile of the file (and "sandbox"), in order */
	size_t n_profile_names;
	struct afcq_config_origin *origins;
	size_t n_origins;
};

struct afcq_config_overrides {
	const char *path;            /* --config */
	const char *profile;         /* --profile */
	const char *endpoint;        /* --endpoint URL */
	bool sandbox;                /* --sandbox */
	long timeout_s;              /* --timeout, 0 = keep */
};

/* Loads the configuration.  *cfg must be zeroed; on error it is left done
 * and *err names the file and line (AFCQ_ERR_CONFIG): a missing explicit
 * file (--config, $AFCQ_CONFIG), a syntax error, a value of the wrong type
 * or out of range, a profile without endpoint, password together with
 * password_env, an unreadable ca_file, an unknown profile, a file holding a
 * password that group or others can access.  A bad command-line value
 * (--endpoint that is not a URL, --timeout out of 1-3600, --sandbox with
 * --endpoint URL) is AFCQ_ERR_USAGE with where = the option.  On success
 * cfg owns everything (afcq_config_done); unknown keys are in cfg->warnings.
 * The password comes from the profile's password, or from the variable
 * named by password_env when that is set and non-empty; it is never put in
 * origins or messages.  With the sandbox (profile endpoint "sandbox",
 * --endpoint sandbox or --sandbox) no username or password is kept: the
 * bundled server is started without authentication.  An http(s) endpoint loses its trailing '/'; a
 * relative ca_file is taken from the config file's directory. */
enum afcq_status afcq_config_load(const struct afcq_config_overrides *ov, struct afcq_config *cfg,
				  struct afcq_error *err);
void afcq_config_done(struct afcq_config *cfg);

/* Applies the company and defaults sections to a request: cmpn bscl, svcl,
 * fclt, frch, reg, idnt (cmpn.present set when anything was filled), each
 * invoice's cust, invm, dtl, summ and each item's sale, only where unset.
 * New strings belong to r.  cfg or r NULL: nothing happens. */
void afcq_config_apply_defaults(const struct afcq_config *cfg, struct afcq_request *r);

#endif
