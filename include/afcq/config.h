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
	struct afcq_company company; /* defaults for the form */
	struct afcq_config_defaults defaults;
	struct afcq_config_ui ui;
	char *warnings;              /* newline-separated "file:line: ..." or NULL */
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
 * and *err names the file and line (AFCQ_ERR_CONFIG). */
enum afcq_status afcq_config_load(const struct afcq_config_overrides *ov, struct afcq_config *cfg,
				  struct afcq_error *err);
void afcq_config_done(struct afcq_config *cfg);

/* Applies the company and defaults sections to a fresh invoice/request. */
void afcq_config_apply_defaults(const struct afcq_config *cfg, struct afcq_request *r);

#endif
