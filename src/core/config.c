#include "afcq/config.h"

/* config.c - loading the configuration file against the table of keys.
 *
 * Every key the file may hold is one row of config_top_keys[] (keys relative
 * to the root: "company.bscl") or config_profile_keys[] (keys relative to
 * one profile: "endpoint"), in config_table.c.  Loading is:
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

#include <errno.h>
#include <libconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/str.h"
#include "config_table.h"

/* ---- loader state ------------------------------------------------------------- */

struct loader {
	const char *path;             /* main file, NULL when none */
	struct afcq_config *cfg;
	struct afcq_error *err;
	struct afcq_buf warnings;
	struct config_src top_src[CONFIG_N_TOP];
	struct config_profile *profiles;
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

/* Type-checks, bounds-checks and stores one setting into its target. */
static enum afcq_status set_value(struct loader *L, const struct config_key *k, void *base,
				  struct config_src *src, const config_setting_t *s, const char *path)
{
	const char *file = src_file(L, s);
	int line = config_setting_source_line(s);
	int t = config_setting_type(s);
	void *p = k->target == CONFIG_NO_TARGET ? NULL : (char *)base + k->target;

	switch (k->type) {
	case CONFIG_KEY_INT: {
		if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
			return fail_at(L, file, line, "%s: expected %s (%s), got %s", path,
				       config_key_type_name(k->type), k->expect, config_type_name(t));
		long long v = config_setting_get_int64(s);
		if (v < k->min || v > k->max)
			return fail_at(L, file, line, "%s: must be %s, got %lld", path, k->expect, v);
		if (p)
			*(long long *)p = v;
		break;
	}
	case CONFIG_KEY_BOOL:
		if (t != CONFIG_TYPE_BOOL)
			return fail_at(L, file, line, "%s: expected true or false, got %s", path,
				       config_type_name(t));
		if (p)
			*(bool *)p = config_setting_get_bool(s) != 0;
		break;
	case CONFIG_KEY_STRING: {
		if (t != CONFIG_TYPE_STRING)
			return fail_at(L, file, line, "%s: expected %s (%s), got %s", path,
				       config_key_type_name(k->type), k->expect, config_type_name(t));
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

static void profile_done(struct config_profile *p)
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

static struct config_profile *profile_add(struct loader *L, const char *name, const char *file,
					  int line)
{
	L->profiles = afcq_xrealloc(L->profiles, (L->n_profiles + 1) * sizeof *L->profiles);
	struct config_profile *p = &L->profiles[L->n_profiles++];
	memset(p, 0, sizeof *p);
	p->name = afcq_xstrdup(name);
	p->file = file;
	p->line = line;
	for (size_t i = 0; i < CONFIG_N_PROFILE; i++)
		config_key_set_default(p, &config_profile_keys[i]);
	return p;
}

static struct config_profile *profile_find(struct loader *L, const char *name)
{
	for (size_t i = 0; i < L->n_profiles; i++)
		if (strcmp(L->profiles[i].name, name) == 0)
			return &L->profiles[i];
	return NULL;
}

static enum afcq_status walk_profile(struct loader *L, const config_setting_t *g)
{
	const char *name = config_setting_name(g);
	char path[CONFIG_KEY_LEN];
	struct config_profile *p = profile_add(L, name, src_file(L, g), config_setting_source_line(g));
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *key = config_setting_name(s);
		snprintf(path, sizeof path, "profiles.%s.%s", name, key ? key : "?");
		const struct config_key *k =
			config_key_find(config_profile_keys, CONFIG_N_PROFILE, key);
		if (!k) {
			char prefix[CONFIG_KEY_LEN];
			snprintf(prefix, sizeof prefix, "profiles.%s.", name);
			warn_unknown(L, s, path, prefix,
				     config_key_closest(config_profile_keys, CONFIG_N_PROFILE, key));
			continue;
		}
		struct config_src *src = &p->src[k - config_profile_keys];
		enum afcq_status st = set_value(L, k, p, src, s, path);
		if (st)
			return st;
	}
	if (!p->src[CONFIG_PK_ENDPOINT].line)
		return fail_at(L, p->file, p->line,
			       "profiles.%s: no endpoint; set endpoint = \"sandbox\" or an https:// URL",
			       name);
	if (p->src[CONFIG_PK_PASSWORD].line && p->src[CONFIG_PK_PASSWORD_ENV].line)
		return fail_at(L, p->src[CONFIG_PK_PASSWORD].file, p->src[CONFIG_PK_PASSWORD].line,
			       "profiles.%s: give password or password_env, not both", name);
	if (p->username && p->src[CONFIG_PK_USERNAME].line && strncmp(p->endpoint, "http://", 7) == 0)
		afcq_buf_printf(&L->warnings,
				"%s:%d: profiles.%s.endpoint: plain http:// sends the password "
				"unencrypted; use https://\n",
				p->src[CONFIG_PK_ENDPOINT].file, p->src[CONFIG_PK_ENDPOINT].line, name);
	return AFCQ_OK;
}

static enum afcq_status walk_profiles(struct loader *L, const config_setting_t *g)
{
	if (!config_setting_is_group(g))
		return fail_at(L, src_file(L, g), config_setting_source_line(g),
			       "profiles: expected a group such as profiles: { ua: { endpoint = "
			       "\"https://...\"; }; }, got %s",
			       config_type_name(config_setting_type(g)));
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		if (!config_setting_is_group(s))
			return fail_at(L, src_file(L, s), config_setting_source_line(s),
				       "profiles.%s: expected a group { endpoint = ...; }, got %s",
				       config_setting_name(s), config_type_name(config_setting_type(s)));
		enum afcq_status st = walk_profile(L, s);
		if (st)
			return st;
	}
	return AFCQ_OK;
}

/* ---- the tree walk ------------------------------------------------------------ */

static enum afcq_status walk_group(struct loader *L, const config_setting_t *g, const char *prefix)
{
	char path[CONFIG_KEY_LEN];
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
		} else if (config_key_is_section(path)) {
			if (!config_setting_is_group(s))
				return fail_at(L, src_file(L, s), config_setting_source_line(s),
					       "%s: expected a group { key = value; }, got %s", path,
					       config_type_name(config_setting_type(s)));
			st = walk_group(L, s, path);
		} else {
			const struct config_key *k =
				config_key_find(config_top_keys, CONFIG_N_TOP, path);
			if (k)
				st = set_value(L, k, L->cfg, &L->top_src[k - config_top_keys], s,
					       path);
			else
				warn_unknown(L, s, path, "",
					     config_key_closest(config_top_keys, CONFIG_N_TOP, path));
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

/* The file libconfig opened for an @include of name (as written, which is
 * what it reports as a setting's source): read_tree sets the include
 * folder to the main file's, and libconfig opens every include, however
 * deep, as that folder + "/" + name (before 1.7, absolute names too; from
 * 1.7 on an absolute name is opened as it is).  Caller frees. */
static char *include_path(const struct loader *L, const char *name)
{
	char *dir = dir_of(L->path);
	char *path;
#if LIBCONFIG_VER_MAJOR > 1 || (LIBCONFIG_VER_MAJOR == 1 && LIBCONFIG_VER_MINOR >= 7)
	if (name[0] == '/')
		path = afcq_xstrdup(name);
	else
#endif
		path = afcq_xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}

/* Refuses a file with a password that group or others may read or write,
 * and one whose permissions cannot be read: the main file or an @include. */
static enum afcq_status check_permissions(struct loader *L)
{
	for (size_t i = 0; i < L->n_profiles; i++) {
		const struct config_profile *p = &L->profiles[i];
		const struct config_src *src = &p->src[CONFIG_PK_PASSWORD];
		if (!src->line)
			continue;
		struct stat st;
		char *file = src->file == L->path ? afcq_xstrdup(L->path)
						  : include_path(L, src->file);
		enum afcq_status rc = AFCQ_OK;
		if (src->file == L->path)
			st = L->main_st;
		else if (stat(file, &st) != 0)
			rc = fail_at(L, file, src->line,
				     "cannot check the permissions of this file, which holds a "
				     "password (profiles.%s.password): %s; refusing it",
				     p->name, strerror(errno));
		if (rc == AFCQ_OK && (st.st_mode & 077) != 0)
			rc = fail_at(L, file, src->line,
				     "permissions %04o are too open: this file holds a password "
				     "(profiles.%s.password), so it must not be readable by group or "
				     "others; run: chmod 600 %s (or move the password to password_env)",
				     (unsigned)(st.st_mode & 07777), p->name, file);
		free(file);
		if (rc != AFCQ_OK)
			return rc;
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

static char *source_text(const struct loader *L, const struct config_src *src)
{
	if (!src->line)
		return afcq_xstrdup("default");
	if (src->file == L->path)
		return afcq_xasprintf("file:%d", src->line);
	return afcq_xasprintf("%s:%d", src->file, src->line);
}

/* Records the chosen profile's keys, with the overrides already applied. */
static void origins_profile(struct loader *L, const struct config_profile *p,
			    const char *const *why)
{
	char key[CONFIG_KEY_LEN];
	for (size_t i = 0; i < CONFIG_N_PROFILE; i++) {
		const struct config_key *k = &config_profile_keys[i];
		snprintf(key, sizeof key, "profiles.%s.%s", p->name, k->path);
		bool set = p->src[i].line || k->def || why[i];
		char *value = i == CONFIG_PK_PASSWORD
				      ? afcq_xstrdup(p->password ? "(hidden)" : "(none)")
				      : config_key_value_text(p, k, set);
		char *source = why[i] ? afcq_xstrdup(why[i]) : source_text(L, &p->src[i]);
		origin_add(L->cfg, key, value, source);
		free(value);
		free(source);
	}
}

static void origins_all(struct loader *L, const struct config_profile *p, const char *const *why,
			bool profile_from_cli)
{
	for (size_t i = 0; i < CONFIG_N_TOP; i++) {
		const struct config_key *k = &config_top_keys[i];
		char *value = config_key_value_text(L->cfg, k, true);
		char *source = (i == CONFIG_TK_PROFILE && profile_from_cli) ? afcq_xstrdup("command line")
							    : source_text(L, &L->top_src[i]);
		origin_add(L->cfg, k->path, value, source);
		free(value);
		free(source);
		if (i == CONFIG_TK_PROFILE)
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

static void drop_password(struct afcq_endpoint *ep)
{
	if (!ep->password)
		return;
	volatile char *c = ep->password;
	while (*c)
		*c++ = 0;
	free(ep->password);
	ep->password = NULL;
}

/* Fills cfg->endpoint and friends from profile p and the overrides. */
static enum afcq_status apply_profile(struct loader *L, struct config_profile *p,
				      const struct afcq_config_overrides *ov)
{
	struct afcq_config *cfg = L->cfg;
	const char *why[CONFIG_N_PROFILE] = { 0 };
	char env_source[CONFIG_KEY_LEN];

	if (ov && ov->sandbox && !afcq_str_empty(ov->endpoint) &&
	    strcmp(ov->endpoint, "sandbox") != 0) {
		afcq_error_set(L->err, AFCQ_ERR_USAGE, "--endpoint",
			       "--sandbox and --endpoint %s ask for two different servers; give one",
			       ov->endpoint);
		return AFCQ_ERR_USAGE;
	}
	if (ov && !afcq_str_empty(ov->endpoint)) {
		const char *bad = config_check_endpoint(ov->endpoint);
		if (bad) {
			afcq_error_set(L->err, AFCQ_ERR_USAGE, "--endpoint", "%s", bad);
			return AFCQ_ERR_USAGE;
		}
		free(p->endpoint);
		p->endpoint = afcq_xstrdup(ov->endpoint);
		why[CONFIG_PK_ENDPOINT] = "command line";
	}
	if (ov && ov->sandbox) {
		free(p->endpoint);
		p->endpoint = afcq_xstrdup("sandbox");
		why[CONFIG_PK_ENDPOINT] = "command line";
	}
	if (ov && ov->timeout_s) {
		const struct config_key *k = &config_profile_keys[CONFIG_PK_TIMEOUT];
		if (ov->timeout_s < k->min || ov->timeout_s > k->max) {
			afcq_error_set(L->err, AFCQ_ERR_USAGE, "--timeout", "must be %s, got %ld",
				       k->expect, ov->timeout_s);
			return AFCQ_ERR_USAGE;
		}
		p->timeout = ov->timeout_s;
		why[CONFIG_PK_TIMEOUT] = "command line";
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
		why[CONFIG_PK_PASSWORD] = env_source;
	}
	ep->password = afcq_str_empty(p->password) ? NULL : afcq_xstrdup(p->password);
	if (cfg->sandbox) {
		/* The bundled server is started without --user: credentials would
		 * only travel for nothing. */
		free(ep->username);
		ep->username = NULL;
		drop_password(ep);
	}
	ep->has_client_id = p->src[CONFIG_PK_CLIENT_ID].line > 0;
	ep->client_id = p->client_id;
	ep->has_client_profile_id = p->src[CONFIG_PK_CLIENT_PROFILE_ID].line > 0;
	ep->client_profile_id = p->client_profile_id;
	ep->timeout_s = (long)p->timeout;
	cfg->allow_commit = p->allow_commit;
	ep->connect_timeout_s = (long)p->connect_timeout;
	if (p->ca_file) {
		const struct config_src *src = &p->src[CONFIG_PK_CA_FILE];
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
	struct config_profile *p = profile_find(L, cfg->profile);
	if (!p) {
		char *names = profile_names(L);
		const struct config_src *src = &L->top_src[CONFIG_TK_PROFILE];
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
	for (size_t i = 0; i < CONFIG_N_TOP; i++)
		config_key_set_default(cfg, &config_top_keys[i]);

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
		struct config_profile *sb = profile_add(&L, "sandbox", NULL, 0);
		sb->endpoint = afcq_xstrdup("sandbox");
		sb->src[CONFIG_PK_ENDPOINT] = (struct config_src){ NULL, 0 };
	}
	if (!st) {
		finish_defaults(cfg);
		st = choose_profile(&L, ov);
	}
	if (!st) {
		cfg->profile_names = afcq_xcalloc(L.n_profiles ? L.n_profiles : 1,
						  sizeof *cfg->profile_names);
		for (size_t i = 0; i < L.n_profiles; i++)
			cfg->profile_names[i] = afcq_xstrdup(L.profiles[i].name);
		cfg->n_profile_names = L.n_profiles;
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
	free(cfg->store);
	free(cfg->ui.theme);
	free(cfg->log.level);
	free(cfg->warnings);
	for (size_t i = 0; i < cfg->n_profile_names; i++)
		free(cfg->profile_names[i]);
	free(cfg->profile_names);
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
