#include "afcq/config.h"

/* config.c - the configuration file, described once as a table.
 *
 * Every key the file may hold is one row of top_keys[] (keys relative to
 * the root: "company.bscl") or profile_keys[] (keys relative to one
 * profile: "endpoint").  A row names the key, its libconfig type, where the
 * value lands (an offset into struct afcq_config or struct profile), its
 * default as text, its bounds and an optional validator.  Loading is:
 *
 *   1. find the file (override, $AFCQ_CONFIG, XDG location); none at all
 *      means every default and the built-in `sandbox` profile;
 *   2. fill every target from the defaults of its row;
 *   3. walk the libconfig tree: a known key is type-checked, bounds-checked
 *      and stored, remembering its line; an unknown key is a warning with
 *      file:line; a bad value stops with file:line;
 *   4. refuse a file holding a password that group or others can read;
 *   5. pick the profile (--profile, then `profile`), apply the command-line
 *      overrides and the password_env variable, and record where each value
 *      came from for `afcq check-config`.
 *
 * The same rows drive the defaults, the checks, the "did you mean" hints
 * and the origin list, so they cannot drift apart; config.example documents
 * the same rows for people.
 */

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/str.h"

#define NO_TARGET SIZE_MAX
#define MAX_STR 150
#define KEY_LEN 160

enum key_type { KEY_INT, KEY_BOOL, KEY_STRING };

/* Returns NULL when the string is acceptable, else what is wrong. */
typedef const char *(*key_check_fn)(const char *value);

struct key_spec {
	const char *path;     /* relative to the root, or to one profile */
	enum key_type type;
	size_t target;        /* offset into struct afcq_config / struct profile */
	const char *def;      /* default as text, NULL = unset */
	long long min, max;   /* KEY_INT bounds; KEY_STRING length in bytes */
	key_check_fn check;   /* KEY_STRING only, may be NULL */
	const char *expect;   /* what is accepted, for messages */
};

/* Where a value came from: line 0 = default. */
struct key_src {
	const char *file;     /* borrowed from the libconfig tree or the loader */
	int line;
};

/* One profile as read from the file (or the built-in sandbox one). */
struct profile {
	char *name;
	char *endpoint, *username, *password, *password_env, *ca_file;
	long long client_id, client_profile_id, timeout, connect_timeout;
	const char *file;     /* where the profile group is */
	int line;
	struct key_src src[10]; /* one per profile_keys[] row */
};

/* ---- validators --------------------------------------------------------------- */

static const char *check_endpoint(const char *s)
{
	if (strcmp(s, "sandbox") == 0)
		return NULL;
	const char *host = NULL;
	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	if (!host)
		return "must be \"sandbox\" or a URL starting with https:// or http://";
	if (*host == '\0' || *host == '/')
		return "the URL has no host name";
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p))
			return "the URL contains a space or a control character";
	return NULL;
}

static const char *check_env_name(const char *s)
{
	if (!isalpha((unsigned char)s[0]) && s[0] != '_')
		return "must be the name of an environment variable, such as AFCQ_PASSWORD";
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return "must be the name of an environment variable, such as AFCQ_PASSWORD";
	return NULL;
}

/* ---- the tables --------------------------------------------------------------- */

#define CFG(field) offsetof(struct afcq_config, field)
#define PRF(field) offsetof(struct profile, field)

static const struct key_spec top_keys[] = {
	{ "version", KEY_INT, NO_TARGET, "1", 1, 1, NULL, "1 (the only version this afcq reads)" },
	{ "profile", KEY_STRING, CFG(profile), "sandbox", 1, 64, NULL,
	  "the name of a profile under profiles" },
	{ "company.bscl", KEY_INT, CFG(company.bscl.v), "1", 0, 1, NULL, "0 ILEC or 1 CLEC" },
	{ "company.svcl", KEY_INT, CFG(company.svcl.v), "0", 0, 1, NULL,
	  "0 primarily local or 1 primarily long distance" },
	{ "company.fclt", KEY_BOOL, CFG(company.fclt.v), "false", 0, 0, NULL, "true or false" },
	{ "company.frch", KEY_BOOL, CFG(company.frch.v), "false", 0, 0, NULL, "true or false" },
	{ "company.reg", KEY_BOOL, CFG(company.reg.v), "false", 0, 0, NULL, "true or false" },
	{ "company.idnt", KEY_STRING, CFG(company.idnt), "", 0, MAX_STR, NULL,
	  "a company identifier of at most 150 bytes" },
	{ "defaults.cust", KEY_INT, CFG(defaults.cust), "0", 0, 3, NULL,
	  "0 Residential, 1 Business, 2 Senior Citizen or 3 Industrial" },
	{ "defaults.sale", KEY_INT, CFG(defaults.sale), "1", 0, 3, NULL,
	  "0 Wholesale, 1 Retail, 2 Consumed or 3 Vendor Use" },
	{ "defaults.invm", KEY_BOOL, CFG(defaults.invm), "true", 0, 0, NULL, "true or false" },
	{ "defaults.dtl", KEY_BOOL, CFG(defaults.dtl), "true", 0, 0, NULL, "true or false" },
	{ "defaults.summ", KEY_BOOL, CFG(defaults.summ), "true", 0, 0, NULL, "true or false" },
	{ "ui.theme", KEY_STRING, CFG(ui.theme), "default", 1, 64, NULL,
	  "a theme name such as default, dark, light, high-contrast or mono" },
	{ "ui.mouse", KEY_BOOL, CFG(ui.mouse), "false", 0, 0, NULL, "true or false" },
};
#define N_TOP (sizeof top_keys / sizeof top_keys[0])

static const struct key_spec profile_keys[] = {
	{ "endpoint", KEY_STRING, PRF(endpoint), NULL, 1, 512, check_endpoint,
	  "\"sandbox\" or an https:// URL" },
	{ "username", KEY_STRING, PRF(username), NULL, 0, MAX_STR, NULL, "a user name" },
	{ "password", KEY_STRING, PRF(password), NULL, 0, MAX_STR, NULL, "a password" },
	{ "password_env", KEY_STRING, PRF(password_env), NULL, 1, 128, check_env_name,
	  "the name of an environment variable" },
	{ "client_id", KEY_INT, PRF(client_id), NULL, 0, INT64_MAX, NULL,
	  "a client account number (0 or more)" },
	{ "client_profile_id", KEY_INT, PRF(client_profile_id), NULL, 0, INT64_MAX, NULL,
	  "a customization profile number (0 = none)" },
	{ "timeout", KEY_INT, PRF(timeout), "30", 1, 3600, NULL, "seconds, 1 to 3600" },
	{ "connect_timeout", KEY_INT, PRF(connect_timeout), "10", 1, 300, NULL,
	  "seconds, 1 to 300" },
	{ "ca_file", KEY_STRING, PRF(ca_file), NULL, 1, 4096, NULL, "the path of a CA bundle" },
};
#define N_PROFILE (sizeof profile_keys / sizeof profile_keys[0])
_Static_assert(N_PROFILE <= sizeof ((struct profile *)0)->src / sizeof(struct key_src),
	       "struct profile src[] too small for profile_keys[]");

enum { TK_VERSION, TK_PROFILE }; /* rows of top_keys[] named in code */
enum { PK_ENDPOINT, PK_USERNAME, PK_PASSWORD, PK_PASSWORD_ENV, PK_CLIENT_ID,
       PK_CLIENT_PROFILE_ID, PK_TIMEOUT, PK_CONNECT_TIMEOUT, PK_CA_FILE };

/* ---- loader state ------------------------------------------------------------- */

struct loader {
	const char *path;             /* main file, NULL when none */
	struct afcq_config *cfg;
	struct afcq_error *err;
	struct afcq_buf warnings;
	struct key_src top_src[N_TOP];
	struct profile *profiles;
	size_t n_profiles;
	struct stat main_st;
};

static const char *src_file(const struct loader *L, const config_setting_t *s)
{
	const char *f = config_setting_source_file(s);
	return f ? f : L->path;
}

__attribute__((format(printf, 4, 5)))
static enum afcq_status fail_at(struct loader *L, const char *file, int line, const char *fmt, ...)
{
	char msg[sizeof L->err->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	afcq_error_set(L->err, AFCQ_ERR_CONFIG, file, "%s", msg);
	if (L->err)
		L->err->line = line;
	return AFCQ_ERR_CONFIG;
}

static void *target_ptr(void *base, const struct key_spec *k)
{
	return (char *)base + k->target;
}

/* Sets a row's target from its default text. */
static void set_default(void *base, const struct key_spec *k)
{
	if (k->target == NO_TARGET)
		return;
	void *p = target_ptr(base, k);
	switch (k->type) {
	case KEY_INT:
		*(long long *)p = k->def ? strtoll(k->def, NULL, 10) : 0;
		break;
	case KEY_BOOL:
		*(bool *)p = k->def && strcmp(k->def, "true") == 0;
		break;
	case KEY_STRING:
		free(*(char **)p);
		*(char **)p = afcq_xstrdup(k->def);
		break;
	}
}

static const char *type_name(int t)
{
	switch (t) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64: return "an integer";
	case CONFIG_TYPE_FLOAT: return "a number with a fraction";
	case CONFIG_TYPE_STRING: return "a string";
	case CONFIG_TYPE_BOOL: return "true/false";
	case CONFIG_TYPE_GROUP: return "a group { }";
	case CONFIG_TYPE_ARRAY: return "an array [ ]";
	case CONFIG_TYPE_LIST: return "a list ( )";
	}
	return "nothing";
}

static const char *key_type_name(enum key_type t)
{
	switch (t) {
	case KEY_INT: return "an integer";
	case KEY_BOOL: return "true or false";
	case KEY_STRING: return "a string in double quotes";
	}
	return "?";
}

/* Type-checks, bounds-checks and stores one setting into its target. */
static enum afcq_status set_value(struct loader *L, const struct key_spec *k, void *base,
				  struct key_src *src, const config_setting_t *s, const char *path)
{
	const char *file = src_file(L, s);
	int line = config_setting_source_line(s);
	int t = config_setting_type(s);
	void *p = k->target == NO_TARGET ? NULL : target_ptr(base, k);

	switch (k->type) {
	case KEY_INT: {
		if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
			return fail_at(L, file, line, "%s: expected %s (%s), got %s", path,
				       key_type_name(k->type), k->expect, type_name(t));
		long long v = config_setting_get_int64(s);
		if (v < k->min || v > k->max)
			return fail_at(L, file, line, "%s: must be %s, got %lld", path, k->expect, v);
		if (p)
			*(long long *)p = v;
		break;
	}
	case KEY_BOOL:
		if (t != CONFIG_TYPE_BOOL)
			return fail_at(L, file, line, "%s: expected true or false, got %s", path,
				       type_name(t));
		if (p)
			*(bool *)p = config_setting_get_bool(s) != 0;
		break;
	case KEY_STRING: {
		if (t != CONFIG_TYPE_STRING)
			return fail_at(L, file, line, "%s: expected %s (%s), got %s", path,
				       key_type_name(k->type), k->expect, type_name(t));
		const char *v = config_setting_get_string(s);
		size_t n = strlen(v);
		if (n < (size_t)k->min)
			return fail_at(L, file, line, "%s: must not be empty; give %s", path,
				       k->expect);
		if (n > (size_t)k->max)
			return fail_at(L, file, line, "%s: too long (%zu bytes); at most %lld", path,
				       n, k->max);
		const char *why = k->check ? k->check(v) : NULL;
		if (why)
			return fail_at(L, file, line, "%s: %s", path, why);
		if (p) {
			free(*(char **)p);
			*(char **)p = afcq_xstrdup(v);
		}
		break;
	}
	}
	src->file = file;
	src->line = line;
	return AFCQ_OK;
}

/* ---- unknown keys --------------------------------------------------------- */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return SIZE_MAX;
	size_t row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The closest row path within distance 2 that shares the section, or NULL. */
static const char *closest_key(const struct key_spec *keys, size_t n, const char *path)
{
	const char *best = NULL;
	size_t best_d = 3;
	const char *dot = strrchr(path, '.');
	size_t sect = dot ? (size_t)(dot - path + 1) : 0;
	for (size_t i = 0; i < n; i++) {
		if (strncmp(keys[i].path, path, sect) != 0)
			continue;
		if (strchr(keys[i].path + sect, '.'))
			continue;
		size_t d = edit_distance(keys[i].path + sect, path + sect);
		if (d < best_d) {
			best_d = d;
			best = keys[i].path;
		}
	}
	return best;
}

static void warn_unknown(struct loader *L, const config_setting_t *s, const char *path,
			 const char *hint_prefix, const char *hint)
{
	afcq_buf_printf(&L->warnings, "%s:%d: unknown key '%s' (ignored)", src_file(L, s),
			config_setting_source_line(s), path);
	if (hint)
		afcq_buf_printf(&L->warnings, "; did you mean '%s%s'?", hint_prefix, hint);
	afcq_buf_puts(&L->warnings, "\n");
}

/* ---- profiles ----------------------------------------------------------------- */

static void profile_done(struct profile *p)
{
	free(p->name);
	free(p->endpoint);
	free(p->username);
	if (p->password) {
		volatile char *c = p->password;
		while (*c)
			*c++ = 0;
		free(p->password);
	}
	free(p->password_env);
	free(p->ca_file);
	memset(p, 0, sizeof *p);
}

static struct profile *profile_add(struct loader *L, const char *name, const char *file, int line)
{
	L->profiles = afcq_xrealloc(L->profiles, (L->n_profiles + 1) * sizeof *L->profiles);
	struct profile *p = &L->profiles[L->n_profiles++];
	memset(p, 0, sizeof *p);
	p->name = afcq_xstrdup(name);
	p->file = file;
	p->line = line;
	for (size_t i = 0; i < N_PROFILE; i++)
		set_default(p, &profile_keys[i]);
	return p;
}

static struct profile *profile_find(struct loader *L, const char *name)
{
	for (size_t i = 0; i < L->n_profiles; i++)
		if (strcmp(L->profiles[i].name, name) == 0)
			return &L->profiles[i];
	return NULL;
}

static enum afcq_status walk_profile(struct loader *L, const config_setting_t *g)
{
	const char *name = config_setting_name(g);
	char path[KEY_LEN];
	struct profile *p = profile_add(L, name, src_file(L, g), config_setting_source_line(g));
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *key = config_setting_name(s);
		snprintf(path, sizeof path, "profiles.%s.%s", name, key ? key : "?");
		size_t j = 0;
		while (j < N_PROFILE && strcmp(profile_keys[j].path, key) != 0)
			j++;
		if (j == N_PROFILE) {
			char prefix[KEY_LEN];
			snprintf(prefix, sizeof prefix, "profiles.%s.", name);
			warn_unknown(L, s, path, prefix, closest_key(profile_keys, N_PROFILE, key));
			continue;
		}
		enum afcq_status st = set_value(L, &profile_keys[j], p, &p->src[j], s, path);
		if (st)
			return st;
	}
	if (!p->src[PK_ENDPOINT].line)
		return fail_at(L, p->file, p->line,
			       "profiles.%s: no endpoint; set endpoint = \"sandbox\" or an https:// URL",
			       name);
	if (p->src[PK_PASSWORD].line && p->src[PK_PASSWORD_ENV].line)
		return fail_at(L, p->src[PK_PASSWORD].file, p->src[PK_PASSWORD].line,
			       "profiles.%s: give password or password_env, not both", name);
	if (p->username && p->src[PK_USERNAME].line && strncmp(p->endpoint, "http://", 7) == 0)
		afcq_buf_printf(&L->warnings,
				"%s:%d: profiles.%s.endpoint: plain http:// sends the password "
				"unencrypted; use https://\n",
				p->src[PK_ENDPOINT].file, p->src[PK_ENDPOINT].line, name);
	return AFCQ_OK;
}

static enum afcq_status walk_profiles(struct loader *L, const config_setting_t *g)
{
	if (!config_setting_is_group(g))
		return fail_at(L, src_file(L, g), config_setting_source_line(g),
			       "profiles: expected a group such as profiles: { ua: { endpoint = "
			       "\"https://...\"; }; }, got %s",
			       type_name(config_setting_type(g)));
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		if (!config_setting_is_group(s))
			return fail_at(L, src_file(L, s), config_setting_source_line(s),
				       "profiles.%s: expected a group { endpoint = ...; }, got %s",
				       config_setting_name(s), type_name(config_setting_type(s)));
		enum afcq_status st = walk_profile(L, s);
		if (st)
			return st;
	}
	return AFCQ_OK;
}

/* ---- the tree walk ------------------------------------------------------------ */

static bool is_section(const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < N_TOP; i++)
		if (strncmp(top_keys[i].path, path, n) == 0 && top_keys[i].path[n] == '.')
			return true;
	return false;
}

static enum afcq_status walk_group(struct loader *L, const config_setting_t *g, const char *prefix)
{
	char path[KEY_LEN];
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(s);
		if (prefix)
			snprintf(path, sizeof path, "%s.%s", prefix, name);
		else
			snprintf(path, sizeof path, "%s", name);
		enum afcq_status st = AFCQ_OK;
		if (!prefix && strcmp(name, "profiles") == 0) {
			st = walk_profiles(L, s);
		} else if (is_section(path)) {
			if (!config_setting_is_group(s))
				return fail_at(L, src_file(L, s), config_setting_source_line(s),
					       "%s: expected a group { key = value; }, got %s", path,
					       type_name(config_setting_type(s)));
			st = walk_group(L, s, path);
		} else {
			size_t j = 0;
			while (j < N_TOP && strcmp(top_keys[j].path, path) != 0)
				j++;
			if (j < N_TOP)
				st = set_value(L, &top_keys[j], L->cfg, &L->top_src[j], s, path);
			else
				warn_unknown(L, s, path, "", closest_key(top_keys, N_TOP, path));
		}
		if (st)
			return st;
	}
	return AFCQ_OK;
}

/* ---- finding and reading the file --------------------------------------------- */

/* Picks the file: the override, $AFCQ_CONFIG, then the XDG location.  An
 * explicit file must exist; a missing XDG file means "no file". */
static void find_file(const struct afcq_config_overrides *ov, char **path)
{
	const char *env = getenv("AFCQ_CONFIG");
	*path = NULL;
	if (ov && !afcq_str_empty(ov->path)) {
		*path = afcq_xstrdup(ov->path);
		return;
	}
	if (!afcq_str_empty(env)) {
		*path = afcq_xstrdup(env);
		return;
	}
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (!afcq_str_empty(xdg) && xdg[0] == '/')
		*path = afcq_xasprintf("%s/afcq/config", xdg);
	else if (!afcq_str_empty(home))
		*path = afcq_xasprintf("%s/.config/afcq/config", home);
	else
		return;
	struct stat st;
	if (stat(*path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		free(*path);
		*path = NULL;
	}
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return afcq_xstrdup(".");
	if (slash == path)
		return afcq_xstrdup("/");
	return afcq_xstrndup(path, (size_t)(slash - path));
}

static enum afcq_status read_tree(struct loader *L, config_t *c)
{
	FILE *fp = fopen(L->path, "r");
	if (!fp)
		return fail_at(L, L->path, 0, "cannot read the configuration file: %s",
			       strerror(errno));
	if (fstat(fileno(fp), &L->main_st) != 0 || S_ISDIR(L->main_st.st_mode)) {
		fclose(fp);
		return fail_at(L, L->path, 0, "cannot read the configuration file: %s",
			       S_ISDIR(L->main_st.st_mode) ? "it is a directory" : strerror(errno));
	}
	char *dir = dir_of(L->path);
	config_set_include_dir(c, dir);
	free(dir);
	int ok = config_read(c, fp);
	fclose(fp);
	if (!ok) {
		const char *f = config_error_file(c);
		return fail_at(L, f ? f : L->path, config_error_line(c),
			       "%s; expected key = value; lines, groups in { }",
			       config_error_text(c) ? config_error_text(c) : "syntax error");
	}
	return AFCQ_OK;
}

/* Refuses a file with a password that group or others may read or write. */
static enum afcq_status check_permissions(struct loader *L)
{
	for (size_t i = 0; i < L->n_profiles; i++) {
		const struct profile *p = &L->profiles[i];
		const struct key_src *src = &p->src[PK_PASSWORD];
		if (!src->line)
			continue;
		struct stat st;
		if (src->file == L->path)
			st = L->main_st;
		else if (stat(src->file, &st) != 0)
			continue;
		if ((st.st_mode & 077) == 0)
			continue;
		return fail_at(L, src->file, src->line,
			       "permissions %04o are too open: this file holds a password "
			       "(profiles.%s.password), so it must not be readable by group or "
			       "others; run: chmod 600 %s (or move the password to password_env)",
			       (unsigned)(st.st_mode & 07777), p->name, src->file);
	}
	return AFCQ_OK;
}

/* ---- choosing the profile and the endpoint ------------------------------------ */

static void origin_add(struct afcq_config *cfg, const char *key, const char *value,
		       const char *source)
{
	cfg->origins = afcq_xrealloc(cfg->origins, (cfg->n_origins + 1) * sizeof *cfg->origins);
	struct afcq_config_origin *o = &cfg->origins[cfg->n_origins++];
	o->key = afcq_xstrdup(key);
	o->value = afcq_xstrdup(value);
	o->source = afcq_xstrdup(source);
}

static char *source_text(const struct loader *L, const struct key_src *src)
{
	if (!src->line)
		return afcq_xstrdup("default");
	if (src->file == L->path)
		return afcq_xasprintf("file:%d", src->line);
	return afcq_xasprintf("%s:%d", src->file, src->line);
}

static char *value_text(const void *base, const struct key_spec *k, bool set)
{
	if (k->target == NO_TARGET)
		return afcq_xstrdup(k->def);
	const void *p = (const char *)base + k->target;
	switch (k->type) {
	case KEY_INT:
		return set ? afcq_xasprintf("%lld", *(const long long *)p) : afcq_xstrdup("(none)");
	case KEY_BOOL:
		return afcq_xstrdup(*(const bool *)p ? "true" : "false");
	case KEY_STRING: {
		const char *s = *(char *const *)p;
		return afcq_xstrdup(s ? s : "(none)");
	}
	}
	return afcq_xstrdup("?");
}

/* Records the chosen profile's keys, with the overrides already applied. */
static void origins_profile(struct loader *L, const struct profile *p, const char *const *why)
{
	char key[KEY_LEN];
	for (size_t i = 0; i < N_PROFILE; i++) {
		const struct key_spec *k = &profile_keys[i];
		snprintf(key, sizeof key, "profiles.%s.%s", p->name, k->path);
		bool set = p->src[i].line || k->def || why[i];
		char *value = i == PK_PASSWORD
				      ? afcq_xstrdup(p->password ? "(hidden)" : "(none)")
				      : value_text(p, k, set);
		char *source = why[i] ? afcq_xstrdup(why[i]) : source_text(L, &p->src[i]);
		origin_add(L->cfg, key, value, source);
		free(value);
		free(source);
	}
}

static void origins_all(struct loader *L, const struct profile *p, const char *const *why,
			bool profile_from_cli)
{
	for (size_t i = 0; i < N_TOP; i++) {
		const struct key_spec *k = &top_keys[i];
		char *value = value_text(L->cfg, k, true);
		char *source = (i == TK_PROFILE && profile_from_cli) ? afcq_xstrdup("command line")
							    : source_text(L, &L->top_src[i]);
		origin_add(L->cfg, k->path, value, source);
		free(value);
		free(source);
		if (i == TK_PROFILE)
			origins_profile(L, p, why);
	}
}

static char *profile_names(const struct loader *L)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	for (size_t i = 0; i < L->n_profiles; i++)
		afcq_buf_printf(&b, "%s%s", i ? ", " : "", L->profiles[i].name);
	return afcq_buf_steal(&b);
}

/* Fills cfg->endpoint and friends from profile p and the overrides. */
static enum afcq_status apply_profile(struct loader *L, struct profile *p,
				      const struct afcq_config_overrides *ov)
{
	struct afcq_config *cfg = L->cfg;
	const char *why[N_PROFILE] = { 0 };
	char env_source[KEY_LEN];

	if (ov && ov->sandbox && !afcq_str_empty(ov->endpoint) &&
	    strcmp(ov->endpoint, "sandbox") != 0) {
		afcq_error_set(L->err, AFCQ_ERR_USAGE, "--endpoint",
			       "--sandbox and --endpoint %s ask for two different servers; give one",
			       ov->endpoint);
		return AFCQ_ERR_USAGE;
	}
	if (ov && !afcq_str_empty(ov->endpoint)) {
		const char *bad = check_endpoint(ov->endpoint);
		if (bad) {
			afcq_error_set(L->err, AFCQ_ERR_USAGE, "--endpoint", "%s", bad);
			return AFCQ_ERR_USAGE;
		}
		free(p->endpoint);
		p->endpoint = afcq_xstrdup(ov->endpoint);
		why[PK_ENDPOINT] = "command line";
	}
	if (ov && ov->sandbox) {
		free(p->endpoint);
		p->endpoint = afcq_xstrdup("sandbox");
		why[PK_ENDPOINT] = "command line";
	}
	if (ov && ov->timeout_s) {
		const struct key_spec *k = &profile_keys[PK_TIMEOUT];
		if (ov->timeout_s < k->min || ov->timeout_s > k->max) {
			afcq_error_set(L->err, AFCQ_ERR_USAGE, "--timeout", "must be %s, got %ld",
				       k->expect, ov->timeout_s);
			return AFCQ_ERR_USAGE;
		}
		p->timeout = ov->timeout_s;
		why[PK_TIMEOUT] = "command line";
	}

	struct afcq_endpoint *ep = &cfg->endpoint;
	cfg->sandbox = strcmp(p->endpoint, "sandbox") == 0;
	if (!cfg->sandbox) {
		size_t n = strlen(p->endpoint);
		while (n > 0 && p->endpoint[n - 1] == '/')
			n--;
		ep->base_url = afcq_xstrndup(p->endpoint, n);
	}
	ep->username = afcq_str_empty(p->username) ? NULL : afcq_xstrdup(p->username);
	if (p->password_env) {
		cfg->password_env = afcq_xstrdup(p->password_env);
		const char *v = getenv(p->password_env);
		if (!afcq_str_empty(v)) {
			free(p->password);
			p->password = afcq_xstrdup(v);
			snprintf(env_source, sizeof env_source, "environment %s", p->password_env);
		} else {
			snprintf(env_source, sizeof env_source, "environment %s (not set)",
				 p->password_env);
		}
		why[PK_PASSWORD] = env_source;
	}
	ep->password = afcq_str_empty(p->password) ? NULL : afcq_xstrdup(p->password);
	ep->has_client_id = p->src[PK_CLIENT_ID].line > 0;
	ep->client_id = p->client_id;
	ep->has_client_profile_id = p->src[PK_CLIENT_PROFILE_ID].line > 0;
	ep->client_profile_id = p->client_profile_id;
	ep->timeout_s = (long)p->timeout;
	ep->connect_timeout_s = (long)p->connect_timeout;
	if (p->ca_file) {
		const struct key_src *src = &p->src[PK_CA_FILE];
		if (p->ca_file[0] != '/' && src->file) {
			char *dir = dir_of(src->file);
			ep->ca_file = afcq_xasprintf("%s/%s", dir, p->ca_file);
			free(dir);
		} else {
			ep->ca_file = afcq_xstrdup(p->ca_file);
		}
		if (access(ep->ca_file, R_OK) != 0)
			return fail_at(L, src->file, src->line, "profiles.%s.ca_file: cannot read %s: %s",
				       p->name, ep->ca_file, strerror(errno));
	}
	origins_all(L, p, why, ov && !afcq_str_empty(ov->profile));
	return AFCQ_OK;
}

static enum afcq_status choose_profile(struct loader *L, const struct afcq_config_overrides *ov)
{
	struct afcq_config *cfg = L->cfg;
	bool from_cli = ov && !afcq_str_empty(ov->profile);
	if (from_cli) {
		free(cfg->profile);
		cfg->profile = afcq_xstrdup(ov->profile);
	}
	struct profile *p = profile_find(L, cfg->profile);
	if (!p) {
		char *names = profile_names(L);
		const struct key_src *src = &L->top_src[TK_PROFILE];
		enum afcq_status st;
		if (from_cli || !src->line) {
			afcq_error_set(L->err, AFCQ_ERR_CONFIG, L->path ? L->path : "--profile",
				       "unknown profile '%s'%s; profiles: %s", cfg->profile,
				       from_cli ? " (from --profile)" : "", names);
			st = AFCQ_ERR_CONFIG;
		} else {
			st = fail_at(L, src->file, src->line, "profile: unknown profile '%s'; profiles: %s",
				     cfg->profile, names);
		}
		free(names);
		return st;
	}
	return apply_profile(L, p, ov);
}

/* ---- entry points ------------------------------------------------------------- */

static void finish_defaults(struct afcq_config *cfg)
{
	struct afcq_company *c = &cfg->company;
	c->present = true;
	c->bscl.set = c->svcl.set = true;
	c->fclt.set = c->frch.set = c->reg.set = true;
	if (c->idnt && !c->idnt[0]) {
		free(c->idnt);
		c->idnt = NULL;
	}
}

enum afcq_status afcq_config_load(const struct afcq_config_overrides *ov, struct afcq_config *cfg,
				  struct afcq_error *err)
{
	struct loader L = { .cfg = cfg, .err = err };
	afcq_buf_init(&L.warnings);
	afcq_error_clear(err);
	for (size_t i = 0; i < N_TOP; i++)
		set_default(cfg, &top_keys[i]);

	char *path = NULL;
	enum afcq_status st = AFCQ_OK;
	find_file(ov, &path);
	config_t c;
	config_init(&c);
	if (!st && path) {
		cfg->path = path;
		L.path = path;
		st = read_tree(&L, &c);
		if (!st)
			st = walk_group(&L, config_root_setting(&c), NULL);
		if (!st)
			st = check_permissions(&L);
	}
	if (!st && !profile_find(&L, "sandbox")) {
		struct profile *sb = profile_add(&L, "sandbox", NULL, 0);
		sb->endpoint = afcq_xstrdup("sandbox");
		sb->src[PK_ENDPOINT] = (struct key_src){ NULL, 0 };
	}
	if (!st) {
		finish_defaults(cfg);
		st = choose_profile(&L, ov);
	}
	/* origins and the loader keep pointers into the tree: done with both now */
	config_destroy(&c);
	for (size_t i = 0; i < L.n_profiles; i++)
		profile_done(&L.profiles[i]);
	free(L.profiles);
	if (st) {
		afcq_buf_done(&L.warnings);
		afcq_config_done(cfg);
		return st;
	}
	cfg->warnings = L.warnings.len ? afcq_buf_steal(&L.warnings) : NULL;
	afcq_buf_done(&L.warnings);
	return AFCQ_OK;
}

void afcq_config_done(struct afcq_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->path);
	free(cfg->profile);
	afcq_endpoint_done(&cfg->endpoint);
	free(cfg->password_env);
	free(cfg->company.idnt);
	for (size_t i = 0; i < cfg->company.n_excl; i++) {
		free(cfg->company.excl[i].ctry);
		free(cfg->company.excl[i].st);
	}
	free(cfg->company.excl);
	free(cfg->ui.theme);
	free(cfg->warnings);
	for (size_t i = 0; i < cfg->n_origins; i++) {
		free(cfg->origins[i].key);
		free(cfg->origins[i].value);
		free(cfg->origins[i].source);
	}
	free(cfg->origins);
	memset(cfg, 0, sizeof *cfg);
}

void afcq_config_apply_defaults(const struct afcq_config *cfg, struct afcq_request *r)
{
	if (!cfg || !r)
		return;
	const struct afcq_company *c = &cfg->company;
	struct afcq_company *d = &r->cmpn;
	bool filled = false;
#define FILL(f)                                    \
	if (c->f.set && !d->f.set) {               \
		d->f = c->f;                       \
		filled = true;                     \
	}
	FILL(bscl)
	FILL(svcl)
	FILL(fclt)
	FILL(frch)
	FILL(reg)
#undef FILL
	if (!afcq_str_empty(c->idnt) && !d->idnt) {
		d->idnt = afcq_xstrdup(c->idnt);
		filled = true;
	}
	if (filled)
		d->present = true;

	const struct afcq_config_defaults *df = &cfg->defaults;
	for (size_t i = 0; i < r->n_inv; i++) {
		struct afcq_invoice *inv = &r->inv[i];
		if (!inv->cust.set)
			inv->cust = (struct afcq_oint){ true, df->cust };
		if (!inv->invm.set)
			inv->invm = (struct afcq_obool){ true, df->invm };
		if (!inv->dtl.set)
			inv->dtl = (struct afcq_obool){ true, df->dtl };
		if (!inv->summ.set)
			inv->summ = (struct afcq_obool){ true, df->summ };
		for (size_t j = 0; j < inv->n_itms; j++)
			if (!inv->itms[j].sale.set)
				inv->itms[j].sale = (struct afcq_oint){ true, df->sale };
	}
}
