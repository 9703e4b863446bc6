/* config_table.h - private to the config module: the table of keys.
 *
 * Each row describes one key once: its path, libconfig type, where the
 * value lands (an offset into struct afcq_config for top_keys, into struct
 * config_profile for profile_keys), its default as text, its bounds and an
 * optional validator.  config.c walks the libconfig tree against these rows;
 * config.example documents the same rows for people.
 */
#ifndef AFCQ_CONFIG_TABLE_H
#define AFCQ_CONFIG_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_NO_TARGET SIZE_MAX
#define CONFIG_KEY_LEN 160

enum config_key_type { CONFIG_KEY_INT, CONFIG_KEY_BOOL, CONFIG_KEY_STRING };

/* Returns NULL when the string is acceptable, else what is wrong (static). */
typedef const char *(*config_check_fn)(const char *value);

struct config_key {
	const char *path;            /* relative to the root, or to one profile */
	enum config_key_type type;
	size_t target;               /* offset of the value, or CONFIG_NO_TARGET */
	const char *def;             /* default as text, NULL = unset */
	long long min, max;          /* INT bounds; STRING length in bytes */
	config_check_fn check;       /* STRING only, may be NULL */
	const char *expect;          /* what is accepted, for messages */
};

/* Where a value came from: line 0 = default. */
struct config_src {
	const char *file;            /* borrowed from the libconfig tree or the loader */
	int line;
};

/* One profile as read from the file (or the built-in sandbox one). */
struct config_profile {
	char *name;
	char *endpoint, *username, *password, *password_env, *ca_file;
	long long client_id, client_profile_id, timeout, connect_timeout;
	bool allow_commit;           /* false: a quote-only profile */
	const char *file;            /* where the profile group is */
	int line;
	struct config_src src[12];   /* one per profile_keys row */
};

/* Rows of the two tables that the loader names in code; the order is the
 * order of the tables (checked in config_table.c). */
enum { CONFIG_TK_VERSION, CONFIG_TK_PROFILE, CONFIG_N_TOP = 18 };
enum { CONFIG_PK_ENDPOINT, CONFIG_PK_USERNAME, CONFIG_PK_PASSWORD, CONFIG_PK_PASSWORD_ENV,
       CONFIG_PK_CLIENT_ID, CONFIG_PK_CLIENT_PROFILE_ID, CONFIG_PK_TIMEOUT,
       CONFIG_PK_CONNECT_TIMEOUT, CONFIG_PK_CA_FILE, CONFIG_PK_ALLOW_COMMIT, CONFIG_N_PROFILE };

extern const struct config_key config_top_keys[CONFIG_N_TOP];
extern const struct config_key config_profile_keys[CONFIG_N_PROFILE];

/* The row with exactly this path, or NULL. */
const struct config_key *config_key_find(const struct config_key *keys, size_t n,
					 const char *path);
/* true when path is a section ("company") that holds rows of top_keys. */
bool config_key_is_section(const char *path);
/* The row whose last part is within 2 edits of path's last part, in the same
 * section; NULL when none is that close.  For "did you mean" hints. */
const char *config_key_closest(const struct config_key *keys, size_t n, const char *path);

/* Stores the row's default into base (frees a previous string). */
void config_key_set_default(void *base, const struct config_key *k);
/* The value at base as check-config prints it; "(none)" when unset (set
 * false for an integer without default).  Caller frees. */
char *config_key_value_text(const void *base, const struct config_key *k, bool set);

/* "an integer", "a string"...: for a libconfig type and for a row type. */
const char *config_type_name(int libconfig_type);
const char *config_key_type_name(enum config_key_type t);

/* The log level validator, also used for --log-level. */
const char *config_check_log_level(const char *s);
/* The endpoint validator, also used for --endpoint. */
const char *config_check_endpoint(const char *s);

#endif
