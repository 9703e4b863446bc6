/* Unit tests for config.c: real files in a temporary directory, HOME and
 * XDG_CONFIG_HOME pointed at it, fixtures from tests/fixtures/config. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/config.h"
#include "afcq/str.h"

struct env {
	char dir[256];           /* temporary HOME */
	char xdg[300];           /* $HOME/xdg */
	struct afcq_config cfg;
	struct afcq_error err;
	char *owned[32];         /* paths handed out by write_file, freed at teardown */
	size_t n_owned;
};

static const char *fixture(const char *name)
{
	static char buf[1024];
	const char *top = getenv("AFCQ_TOP");
	snprintf(buf, sizeof buf, "%s/tests/fixtures/config/%s", top && *top ? top : ".", name);
	return buf;
}

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	const char *tmp = getenv("TMPDIR");
	snprintf(e->dir, sizeof e->dir, "%s/afcq-config-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	if (!mkdtemp(e->dir))
		return -1;
	snprintf(e->xdg, sizeof e->xdg, "%s/xdg", e->dir);
	setenv("HOME", e->dir, 1);
	setenv("XDG_CONFIG_HOME", e->xdg, 1);
	unsetenv("AFCQ_CONFIG");
	unsetenv("AFCQ_TEST_PASSWORD");
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	afcq_config_done(&e->cfg);
	for (size_t i = 0; i < e->n_owned; i++)
		free(e->owned[i]);
	char *cmd = afcq_xasprintf("rm -rf '%s'", e->dir);
	int rc = system(cmd);
	free(cmd);
	free(e);
	return rc == 0 ? 0 : -1;
}

/* Writes text to dir/rel (creating its directories) with the given mode;
 * returns the path, owned by the env. */
static char *write_file(struct env *e, const char *rel, const char *text, mode_t mode)
{
	char *path = afcq_xasprintf("%s/%s", e->dir, rel);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	char *cmd = afcq_xasprintf("mkdir -p '%s'", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	*slash = '/';
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
	assert_true(e->n_owned < sizeof e->owned / sizeof e->owned[0]);
	e->owned[e->n_owned++] = path;
	return path;
}

static char *copy_fixture(struct env *e, const char *name, const char *rel, mode_t mode)
{
	size_t n;
	char *text = afcq_read_file(fixture(name), &n);
	assert_non_null(text);
	char *path = write_file(e, rel, text, mode);
	free(text);
	return path;
}

static enum afcq_status load(struct env *e, const struct afcq_config_overrides *ov)
{
	afcq_config_done(&e->cfg);
	return afcq_config_load(ov, &e->cfg, &e->err);
}

static const struct afcq_config_origin *origin(const struct afcq_config *cfg, const char *key)
{
	for (size_t i = 0; i < cfg->n_origins; i++)
		if (strcmp(cfg->origins[i].key, key) == 0)
			return &cfg->origins[i];
	return NULL;
}

static void assert_origin(const struct afcq_config *cfg, const char *key, const char *value,
			  const char *source)
{
	const struct afcq_config_origin *o = origin(cfg, key);
	if (!o)
		fail_msg("no origin for %s", key);
	assert_string_equal(o->value, value);
	assert_string_equal(o->source, source);
}

static void assert_builtin_defaults(const struct afcq_config *cfg)
{
	assert_string_equal(cfg->profile, "sandbox");
	assert_true(cfg->sandbox);
	assert_null(cfg->endpoint.base_url);
	assert_null(cfg->endpoint.username);
	assert_null(cfg->endpoint.password);
	assert_false(cfg->endpoint.has_client_id);
	assert_int_equal(cfg->endpoint.timeout_s, 30);
	assert_int_equal(cfg->endpoint.connect_timeout_s, 10);
	assert_true(cfg->company.present);
	assert_true(cfg->company.bscl.set);
	assert_int_equal(cfg->company.bscl.v, 1);
	assert_int_equal(cfg->company.svcl.v, 0);
	assert_true(cfg->company.fclt.set);
	assert_false(cfg->company.fclt.v);
	assert_false(cfg->company.frch.v);
	assert_false(cfg->company.reg.v);
	assert_null(cfg->company.idnt);
	assert_int_equal(cfg->defaults.cust, 0);
	assert_int_equal(cfg->defaults.sale, 1);
	assert_true(cfg->defaults.invm);
	assert_true(cfg->defaults.dtl);
	assert_true(cfg->defaults.summ);
	assert_string_equal(cfg->ui.theme, "default");
	assert_false(cfg->ui.mouse);
}

static void test_no_file_means_sandbox(void **state)
{
	struct env *e = *state;
	assert_int_equal(load(e, NULL), AFCQ_OK);
	assert_null(e->cfg.path);
	assert_null(e->cfg.warnings);
	assert_builtin_defaults(&e->cfg);
	assert_origin(&e->cfg, "profile", "sandbox", "default");
	assert_origin(&e->cfg, "profiles.sandbox.endpoint", "sandbox", "default");
	assert_origin(&e->cfg, "profiles.sandbox.password", "(none)", "default");
	assert_origin(&e->cfg, "company.bscl", "1", "default");
	assert_origin(&e->cfg, "ui.theme", "default", "default");

	/* HOME without XDG_CONFIG_HOME: still nothing there */
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(load(e, NULL), AFCQ_OK);
	assert_null(e->cfg.path);
}

static void test_example_file_equals_defaults(void **state)
{
	struct env *e = *state;
	char *path = afcq_xasprintf("%s/config.example",
				    getenv("AFCQ_TOP") && *getenv("AFCQ_TOP") ? getenv("AFCQ_TOP") : ".");
	struct afcq_config_overrides ov = { .path = path };
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_null(e->cfg.warnings);
	assert_builtin_defaults(&e->cfg);
	assert_string_equal(e->cfg.path, path);
	assert_origin(&e->cfg, "profiles.sandbox.endpoint", "sandbox", "file:27");
	/* the ua profile of the example is valid too */
	ov.profile = "ua";
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_false(e->cfg.sandbox);
	assert_string_equal(e->cfg.endpoint.base_url, "https://communicationsua.avalara.net");
	assert_string_equal(e->cfg.password_env, "AFCQ_PASSWORD");
	free(path);
}

static void test_each_section_from_xdg(void **state)
{
	struct env *e = *state;
	copy_fixture(e, "full.conf", "xdg/afcq/config", 0644);
	copy_fixture(e, "ca.pem", "xdg/afcq/ca.pem", 0644);
	setenv("AFCQ_TEST_PASSWORD", "from-env", 1);
	assert_int_equal(load(e, NULL), AFCQ_OK);
	const struct afcq_config *c = &e->cfg;
	assert_null(c->warnings);
	assert_non_null(strstr(c->path, "/xdg/afcq/config"));
	assert_string_equal(c->profile, "ua");
	assert_false(c->sandbox);
	/* the trailing slash is dropped so paths can be appended */
	assert_string_equal(c->endpoint.base_url, "https://communicationsua.example.test");
	assert_string_equal(c->endpoint.username, "clerk@example.test");
	assert_string_equal(c->endpoint.password, "from-env");
	assert_string_equal(c->password_env, "AFCQ_TEST_PASSWORD");
	assert_true(c->endpoint.has_client_id);
	assert_int_equal(c->endpoint.client_id, 787);
	assert_true(c->endpoint.has_client_profile_id);
	assert_int_equal(c->endpoint.client_profile_id, 0);
	assert_int_equal(c->endpoint.timeout_s, 90);
	assert_int_equal(c->endpoint.connect_timeout_s, 5);
	char *ca = afcq_xasprintf("%s/xdg/afcq/ca.pem", e->dir);
	assert_string_equal(c->endpoint.ca_file, ca);
	free(ca);
	assert_int_equal(c->company.bscl.v, 0);
	assert_int_equal(c->company.svcl.v, 1);
	assert_true(c->company.fclt.v);
	assert_true(c->company.frch.v);
	assert_true(c->company.reg.v);
	assert_string_equal(c->company.idnt, "ACME-01");
	assert_int_equal(c->defaults.cust, 1);
	assert_int_equal(c->defaults.sale, 0);
	assert_false(c->defaults.invm);
	assert_false(c->defaults.dtl);
	assert_false(c->defaults.summ);
	assert_string_equal(c->ui.theme, "dark");
	assert_true(c->ui.mouse);

	assert_origin(c, "profile", "ua", "file:3");
	assert_origin(c, "profiles.ua.endpoint", "https://communicationsua.example.test/", "file:6");
	assert_origin(c, "profiles.ua.password", "(hidden)", "environment AFCQ_TEST_PASSWORD");
	assert_origin(c, "profiles.ua.client_id", "787", "file:9");
	assert_origin(c, "company.idnt", "ACME-01", "file:25");
	assert_origin(c, "ui.mouse", "true", "file:36");
	/* the password itself never shows up in the origins */
	for (size_t i = 0; i < c->n_origins; i++)
		assert_null(strstr(c->origins[i].value, "from-env"));

	/* without the variable there is no password, and the origin says why */
	unsetenv("AFCQ_TEST_PASSWORD");
	assert_int_equal(load(e, NULL), AFCQ_OK);
	assert_null(e->cfg.endpoint.password);
	assert_origin(&e->cfg, "profiles.ua.password", "(none)",
		      "environment AFCQ_TEST_PASSWORD (not set)");
}

static void test_file_lookup_order(void **state)
{
	struct env *e = *state;
	write_file(e, ".config/afcq/config", "ui: { theme = \"home\"; };\n", 0600);
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(load(e, NULL), AFCQ_OK);
	assert_string_equal(e->cfg.ui.theme, "home");

	write_file(e, "xdg/afcq/config", "ui: { theme = \"xdg\"; };\n", 0600);
	setenv("XDG_CONFIG_HOME", e->xdg, 1);
	assert_int_equal(load(e, NULL), AFCQ_OK);
	assert_string_equal(e->cfg.ui.theme, "xdg");

	char *envfile = write_file(e, "env.conf", "ui: { theme = \"env\"; };\n", 0600);
	setenv("AFCQ_CONFIG", envfile, 1);
	assert_int_equal(load(e, NULL), AFCQ_OK);
	assert_string_equal(e->cfg.ui.theme, "env");
	setenv("AFCQ_CONFIG", "", 1); /* empty means unset */
	assert_int_equal(load(e, NULL), AFCQ_OK);
	assert_string_equal(e->cfg.ui.theme, "xdg");
	setenv("AFCQ_CONFIG", envfile, 1);

	char *explicit = write_file(e, "cli.conf", "ui: { theme = \"cli\"; };\n", 0600);
	struct afcq_config_overrides ov = { .path = explicit };
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_string_equal(e->cfg.ui.theme, "cli");
	assert_string_equal(e->cfg.path, explicit);

	/* an explicit file that is missing is an error, not "no file" */
	char *missing = afcq_xasprintf("%s/nope.conf", e->dir);
	ov.path = missing;
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_string_equal(e->err.where, missing);
	assert_non_null(strstr(e->err.msg, "No such file"));
	assert_null(e->cfg.path); /* left done */
	setenv("AFCQ_CONFIG", missing, 1);
	assert_int_equal(load(e, NULL), AFCQ_ERR_CONFIG);
	free(missing);
}

static void test_unknown_keys_warn_with_line(void **state)
{
	struct env *e = *state;
	char *path = copy_fixture(e, "unknown-key.conf", "u.conf", 0600);
	struct afcq_config_overrides ov = { .path = path };
	assert_int_equal(load(e, &ov), AFCQ_OK);
	char *want = afcq_xasprintf(
		"%s:3: unknown key 'company.fclz' (ignored); did you mean 'company.fclt'?\n"
		"%s:5: unknown key 'colour' (ignored)\n"
		"%s:9: unknown key 'profiles.sandbox.timout' (ignored); did you mean "
		"'profiles.sandbox.timeout'?\n",
		path, path, path);
	assert_non_null(e->cfg.warnings);
	assert_string_equal(e->cfg.warnings, want);
	/* the known keys around them still count */
	assert_true(e->cfg.sandbox);
	assert_false(e->cfg.company.fclt.v);
	free(want);
}

static void test_bad_type_and_range_stop_with_line(void **state)
{
	struct env *e = *state;
	char *path = copy_fixture(e, "bad-type.conf", "t.conf", 0600);
	struct afcq_config_overrides ov = { .path = path };
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_string_equal(e->err.where, path);
	assert_int_equal(e->err.line, 4);
	assert_string_equal(e->err.msg, "company.svcl: expected an integer (0 primarily local or "
					"1 primarily long distance), got a string");
	char line[1024], want[1024];
	snprintf(want, sizeof want, "%s:4: company.svcl:", path);
	afcq_error_line(&e->err, line, sizeof line);
	assert_memory_equal(line, want, strlen(want));
	assert_null(e->cfg.profile); /* left done */

	path = copy_fixture(e, "bad-range.conf", "r.conf", 0600);
	ov.path = path;
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_int_equal(e->err.line, 3);
	assert_string_equal(e->err.msg, "defaults.cust: must be 0 Residential, 1 Business, "
					"2 Senior Citizen or 3 Industrial, got 7");

	struct { const char *text; int line; const char *needle; } cases[] = {
		{ "version = 2;\n", 1, "version: must be 1" },
		{ "\nui: { mouse = 1; };\n", 2, "ui.mouse: expected true or false, got an integer" },
		{ "profiles: { x: { endpoint = \"ftp://h\"; }; };\n", 1, "profiles.x.endpoint: must be" },
		{ "profiles: {\n x: { endpoint = \"sandbox\";\n timeout = 0; }; };\n", 3,
		  "profiles.x.timeout: must be seconds, 1 to 3600, got 0" },
		{ "profiles: {\n x: { username = \"u\"; };\n};\n", 2, "profiles.x: no endpoint" },
		{ "profiles: { x: { endpoint = \"sandbox\"; password_env = \"1BAD\"; }; };\n", 1,
		  "profiles.x.password_env: must be the name of an environment variable" },
		{ "profiles = 3;\n", 1, "profiles: expected a group" },
		{ "company = 1;\n", 1, "company: expected a group" },
		{ "company: { bscl = 1.5; };\n", 1, "got a number with a fraction" },
		{ "ui: { theme = \"\"; };\n", 1, "ui.theme: must not be empty" },
		{ "profile = \"nope\";\n\n", 1, "profile: unknown profile 'nope'; profiles: sandbox" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		path = write_file(e, "c.conf", cases[i].text, 0600);
		ov.path = path;
		assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
		assert_int_equal(e->err.line, cases[i].line);
		if (!strstr(e->err.msg, cases[i].needle))
			fail_msg("case %zu: '%s' does not contain '%s'", i, e->err.msg, cases[i].needle);
	}
}

static void test_syntax_error_line(void **state)
{
	struct env *e = *state;
	char *path = copy_fixture(e, "syntax-error.conf", "s.conf", 0600);
	struct afcq_config_overrides ov = { .path = path };
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_string_equal(e->err.where, path);
	assert_int_equal(e->err.line, 4);
	assert_non_null(strstr(e->err.msg, "syntax error"));
}

static void test_password_file_permissions(void **state)
{
	struct env *e = *state;
	char *path = copy_fixture(e, "password.conf", "p.conf", 0644);
	struct afcq_config_overrides ov = { .path = path };
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_string_equal(e->err.where, path);
	assert_int_equal(e->err.line, 7);
	assert_non_null(strstr(e->err.msg, "permissions 0644 are too open"));
	assert_non_null(strstr(e->err.msg, "must not be readable by group or others"));
	char *fix = afcq_xasprintf("chmod 600 %s", path);
	assert_non_null(strstr(e->err.msg, fix));
	free(fix);
	assert_null(strstr(e->err.msg, "s3cret-word"));

	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_int_equal(chmod(path, 0604), 0);
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);

	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_string_equal(e->cfg.endpoint.password, "s3cret-word");
	assert_string_equal(e->cfg.endpoint.username, "clerk");
	assert_origin(&e->cfg, "profiles.prod.password", "(hidden)", "file:7");
	for (size_t i = 0; i < e->cfg.n_origins; i++)
		assert_null(strstr(e->cfg.origins[i].value, "s3cret"));

	/* a 0644 file without a password is fine */
	char *plain = write_file(e, "plain.conf", "ui: { mouse = true; };\n", 0644);
	ov.path = plain;
	assert_int_equal(load(e, &ov), AFCQ_OK);
}

/* A password in an @include'd file is checked where libconfig read it
 * (the main file's folder), whatever the current folder, nested includes
 * too; one that cannot be checked is refused. */
static void test_password_in_include(void **state)
{
	struct env *e = *state;
	char *main_conf = write_file(e, "d/main.conf",
				     "profile = \"a\";\n"
				     "profiles: { a: { endpoint = \"https://afc.invalid\";\n"
				     "  username = \"U\";\n@include \"pw.inc\"\n}; };\n",
				     0600);
	char *pw = write_file(e, "d/pw.inc", "password = \"P-incl\";\n", 0644);
	struct afcq_config_overrides ov = { .path = main_conf };
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_string_equal(e->err.where, pw);
	assert_int_equal(e->err.line, 1);
	assert_non_null(strstr(e->err.msg, "permissions 0644 are too open"));
	assert_null(strstr(e->err.msg, "P-incl"));
	assert_int_equal(chmod(pw, 0600), 0);
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_string_equal(e->cfg.endpoint.password, "P-incl");

	/* nested: main -> sub/two.inc -> sub/pw.inc, all from the main folder */
	write_file(e, "d/main.conf",
		   "profile = \"a\";\n"
		   "profiles: { a: { endpoint = \"https://afc.invalid\";\n"
		   "  username = \"U\";\n@include \"sub/two.inc\"\n}; };\n",
		   0600);
	write_file(e, "d/sub/two.inc", "@include \"sub/pw.inc\"\n", 0600);
	char *deep = write_file(e, "d/sub/pw.inc", "password = \"P-deep\";\n", 0640);
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_string_equal(e->err.where, deep);
	assert_non_null(strstr(e->err.msg, "permissions 0640 are too open"));
	assert_int_equal(chmod(deep, 0600), 0);
	assert_int_equal(load(e, &ov), AFCQ_OK);
}

static void test_password_and_password_env_exclusive(void **state)
{
	struct env *e = *state;
	char *path = write_file(e, "x.conf",
				"profiles: { p: {\n endpoint = \"https://h\";\n password = \"a\";\n"
				" password_env = \"B\"; }; };\n",
				0600);
	struct afcq_config_overrides ov = { .path = path, .profile = "p" };
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_int_equal(e->err.line, 3);
	assert_non_null(strstr(e->err.msg, "password or password_env, not both"));
}

static void test_overrides(void **state)
{
	struct env *e = *state;
	char *path = copy_fixture(e, "full.conf", "f.conf", 0600);
	copy_fixture(e, "ca.pem", "ca.pem", 0600);
	struct afcq_config_overrides ov = { .path = path };

	ov.profile = "local";
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_string_equal(e->cfg.profile, "local");
	assert_string_equal(e->cfg.endpoint.base_url, "http://127.0.0.1:9");
	assert_origin(&e->cfg, "profile", "local", "command line");
	assert_origin(&e->cfg, "profiles.local.endpoint", "http://127.0.0.1:9", "file:16");

	ov.profile = NULL;
	ov.endpoint = "http://127.0.0.1:4000";
	ov.timeout_s = 7;
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_string_equal(e->cfg.profile, "ua");
	assert_false(e->cfg.sandbox);
	assert_string_equal(e->cfg.endpoint.base_url, "http://127.0.0.1:4000");
	assert_int_equal(e->cfg.endpoint.timeout_s, 7);
	assert_origin(&e->cfg, "profiles.ua.endpoint", "http://127.0.0.1:4000", "command line");
	assert_origin(&e->cfg, "profiles.ua.timeout", "7", "command line");
	/* the rest of the profile stays */
	assert_string_equal(e->cfg.endpoint.username, "clerk@example.test");

	ov.endpoint = "sandbox";
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_true(e->cfg.sandbox);
	assert_null(e->cfg.endpoint.base_url);

	ov.endpoint = NULL;
	ov.sandbox = true;
	setenv("AFCQ_TEST_PASSWORD", "pw", 1);
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_true(e->cfg.sandbox);
	assert_null(e->cfg.endpoint.base_url);
	/* the bundled sandbox gets no credentials */
	assert_null(e->cfg.endpoint.username);
	assert_null(e->cfg.endpoint.password);
	unsetenv("AFCQ_TEST_PASSWORD");
	assert_origin(&e->cfg, "profiles.ua.endpoint", "sandbox", "command line");

	ov.endpoint = "https://elsewhere.test";
	assert_int_equal(load(e, &ov), AFCQ_ERR_USAGE);
	ov.sandbox = false;

	ov.endpoint = "communications.example.test";
	assert_int_equal(load(e, &ov), AFCQ_ERR_USAGE);
	assert_string_equal(e->err.where, "--endpoint");
	ov.endpoint = NULL;

	ov.timeout_s = -1;
	assert_int_equal(load(e, &ov), AFCQ_ERR_USAGE);
	assert_string_equal(e->err.where, "--timeout");
	ov.timeout_s = 0;

	ov.profile = "nope";
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_string_equal(e->err.where, path);
	assert_string_equal(e->err.msg,
			    "unknown profile 'nope' (from --profile); profiles: ua, local, sandbox");

	/* with no file at all, --sandbox and --profile sandbox are the built-in */
	struct afcq_config_overrides none = { .sandbox = true, .profile = "sandbox" };
	assert_int_equal(load(e, &none), AFCQ_OK);
	assert_true(e->cfg.sandbox);
	none.profile = "ua";
	assert_int_equal(load(e, &none), AFCQ_ERR_CONFIG);
	assert_string_equal(e->err.where, "--profile");
}

static void test_profile_details(void **state)
{
	struct env *e = *state;
	/* a profile named sandbox replaces the built-in one */
	char *path = write_file(e, "s.conf",
				"profiles: { sandbox: { endpoint = \"http://127.0.0.1:8080\"; }; };\n",
				0600);
	struct afcq_config_overrides ov = { .path = path };
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_false(e->cfg.sandbox);
	assert_string_equal(e->cfg.endpoint.base_url, "http://127.0.0.1:8080");

	/* a missing ca_file is reported where it is named */
	path = write_file(e, "ca.conf",
			  "profile = \"p\";\nprofiles: { p: {\n endpoint = \"https://h\";\n"
			  " ca_file = \"missing.pem\"; }; };\n",
			  0600);
	ov.path = path;
	assert_int_equal(load(e, &ov), AFCQ_ERR_CONFIG);
	assert_int_equal(e->err.line, 4);
	assert_non_null(strstr(e->err.msg, "profiles.p.ca_file: cannot read"));

	/* credentials over plain http earn a warning */
	path = write_file(e, "h.conf",
			  "profile = \"p\";\nprofiles: { p: {\n endpoint = \"http://h.example\";\n"
			  " username = \"u\"; }; };\n",
			  0600);
	ov.path = path;
	assert_int_equal(load(e, &ov), AFCQ_OK);
	assert_non_null(e->cfg.warnings);
	assert_non_null(strstr(e->cfg.warnings, ":3: profiles.p.endpoint: plain http://"));
}

static void test_apply_defaults(void **state)
{
	struct env *e = *state;
	char *path = copy_fixture(e, "full.conf", "f.conf", 0600);
	copy_fixture(e, "ca.pem", "ca.pem", 0600);
	struct afcq_config_overrides ov = { .path = path };
	assert_int_equal(load(e, &ov), AFCQ_OK);

	struct afcq_item itms[2] = { 0 };
	itms[1].sale = (struct afcq_oint){ true, 3 };
	struct afcq_invoice inv[2] = { 0 };
	inv[0].itms = itms;
	inv[0].n_itms = 2;
	inv[1].cust = (struct afcq_oint){ true, 2 };
	inv[1].summ = (struct afcq_obool){ true, true };
	struct afcq_request r = { 0 };
	r.inv = inv;
	r.n_inv = 2;
	r.cmpn.svcl = (struct afcq_oint){ true, 0 };

	afcq_config_apply_defaults(&e->cfg, &r);
	assert_true(r.cmpn.present);
	assert_true(r.cmpn.bscl.set);
	assert_int_equal(r.cmpn.bscl.v, 0);
	assert_int_equal(r.cmpn.svcl.v, 0); /* given: kept */
	assert_true(r.cmpn.fclt.set && r.cmpn.fclt.v);
	assert_true(r.cmpn.frch.set && r.cmpn.frch.v);
	assert_true(r.cmpn.reg.set && r.cmpn.reg.v);
	assert_string_equal(r.cmpn.idnt, "ACME-01");
	assert_true(inv[0].cust.set);
	assert_int_equal(inv[0].cust.v, 1);
	assert_true(inv[0].invm.set && !inv[0].invm.v);
	assert_true(inv[0].dtl.set && !inv[0].dtl.v);
	assert_true(inv[0].summ.set && !inv[0].summ.v);
	assert_true(itms[0].sale.set);
	assert_int_equal(itms[0].sale.v, 0);
	assert_int_equal(itms[1].sale.v, 3); /* given: kept */
	assert_int_equal(inv[1].cust.v, 2);
	assert_true(inv[1].summ.v);
	free(r.cmpn.idnt);

	/* built-in defaults: no idnt, summary on */
	assert_int_equal(load(e, NULL), AFCQ_OK);
	struct afcq_invoice one = { 0 };
	struct afcq_request r2 = { .inv = &one, .n_inv = 1 };
	afcq_config_apply_defaults(&e->cfg, &r2);
	assert_null(r2.cmpn.idnt);
	assert_int_equal(r2.cmpn.bscl.v, 1);
	assert_true(one.summ.set && one.summ.v);
	assert_int_equal(one.cust.v, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_file_means_sandbox, setup, teardown),
		cmocka_unit_test_setup_teardown(test_example_file_equals_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_section_from_xdg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_lookup_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_keys_warn_with_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_type_and_range_stop_with_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_file_permissions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_in_include, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_and_password_env_exclusive, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_overrides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_details, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_defaults, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
