/* theme.c - colour roles from themes/<name>.theme (libconfig).
 *
 * A theme maps each role (status, field_focus, error...) to a foreground,
 * a background and attributes:
 *
 *     roles = { status = { fg = "white"; bg = "blue"; attr = "bold"; }; ... };
 *
 * Colours are names (default, black, red, green, yellow, blue, magenta,
 * cyan, white) or numbers 0-255.  Attributes are a comma-separated list of
 * bold, dim, reverse, underline, standout, normal.  Each role becomes one
 * colour pair (pair number = role + 1).  Without colour (NO_COLOR, a mono
 * terminal) only the attributes are used, so every theme must stay
 * readable on attributes alone; the built-in fallback is such a set.
 */
#include "tui.h"

#include <libconfig.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "afcq/str.h"

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_NORMAL] = "normal",       [ROLE_STATUS] = "status",
	[ROLE_SANDBOX] = "sandbox",     [ROLE_PRODUCTION] = "production",
	[ROLE_TITLE] = "title",         [ROLE_LABEL] = "label",
	[ROLE_FIELD] = "field",         [ROLE_FOCUS] = "field_focus",
	[ROLE_INVALID] = "invalid",     [ROLE_SELECTED] = "selected",
	[ROLE_HEADER] = "header",       [ROLE_ERROR] = "error",
	[ROLE_OK] = "ok",               [ROLE_KEY] = "key",
	[ROLE_KEYLABEL] = "key_label",  [ROLE_TOTAL] = "total",
	[ROLE_DIM] = "dim",             [ROLE_DIALOG] = "dialog",
	[ROLE_MATCH] = "match",
};

/* Readable with attributes only. */
static const attr_t fallback_attr[ROLE_COUNT] = {
	[ROLE_NORMAL] = A_NORMAL,       [ROLE_STATUS] = A_REVERSE,
	[ROLE_SANDBOX] = A_BOLD,        [ROLE_PRODUCTION] = A_BOLD | A_BLINK,
	[ROLE_TITLE] = A_BOLD,          [ROLE_LABEL] = A_NORMAL,
	[ROLE_FIELD] = A_UNDERLINE,     [ROLE_FOCUS] = A_REVERSE,
	[ROLE_INVALID] = A_BOLD | A_UNDERLINE, [ROLE_SELECTED] = A_REVERSE,
	[ROLE_HEADER] = A_BOLD,         [ROLE_ERROR] = A_BOLD,
	[ROLE_OK] = A_NORMAL,           [ROLE_KEY] = A_BOLD,
	[ROLE_KEYLABEL] = A_REVERSE,    [ROLE_TOTAL] = A_BOLD,
	[ROLE_DIM] = A_DIM,             [ROLE_DIALOG] = A_NORMAL,
	[ROLE_MATCH] = A_REVERSE | A_BOLD,
};

const char *tui_role_name(enum tui_role r)
{
	return (r >= 0 && r < ROLE_COUNT) ? role_names[r] : "?";
}

static int color_by_name(const char *s)
{
	static const char *const names[] = { "black", "red", "green", "yellow",
					     "blue", "magenta", "cyan", "white" };
	if (!s || strcasecmp(s, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end == '\0' && v >= 0 && v < 256)
		return (int)v;
	return -2;
}

static int attr_by_names(const char *s, attr_t *out)
{
	attr_t a = A_NORMAL;
	char *copy = afcq_xstrdup(s ? s : "");
	int rc = 0;
	for (char *save = NULL, *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		if (strcasecmp(w, "bold") == 0)
			a |= A_BOLD;
		else if (strcasecmp(w, "dim") == 0)
			a |= A_DIM;
		else if (strcasecmp(w, "reverse") == 0)
			a |= A_REVERSE;
		else if (strcasecmp(w, "underline") == 0)
			a |= A_UNDERLINE;
		else if (strcasecmp(w, "standout") == 0)
			a |= A_STANDOUT;
		else if (strcasecmp(w, "blink") == 0)
			a |= A_BLINK;
		else if (strcasecmp(w, "normal") != 0)
			rc = -1;
	}
	free(copy);
	*out = a;
	return rc;
}

/* Directory of the running binary, from /proc or argv0. */
static char *exe_dir(const char *argv0)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n > 0) {
		path[n] = '\0';
	} else if (argv0 && strchr(argv0, '/')) {
		snprintf(path, sizeof path, "%s", argv0);
	} else {
		return NULL;
	}
	char *slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return afcq_xstrdup(path);
}

static char *find_theme(const char *name, const char *argv0)
{
	char *dir = exe_dir(argv0);
	const char *env = getenv("AFCQ_DATADIR");
	char *cands[6] = { 0 };
	size_t nc = 0;
	if (env && *env)
		cands[nc++] = afcq_xasprintf("%s/themes/%s.theme", env, name);
	if (dir) {
		cands[nc++] = afcq_xasprintf("%s/themes/%s.theme", dir, name);
		cands[nc++] = afcq_xasprintf("%s/../themes/%s.theme", dir, name);
		cands[nc++] = afcq_xasprintf("%s/../../themes/%s.theme", dir, name);
		cands[nc++] = afcq_xasprintf("%s/../share/afcq/themes/%s.theme", dir, name);
	}
	cands[nc++] = afcq_xasprintf("%s/themes/%s.theme", AFCQ_DATADIR, name);
	char *found = NULL;
	for (size_t i = 0; i < nc; i++) {
		if (!found && access(cands[i], R_OK) == 0)
			found = afcq_xstrdup(cands[i]);
		free(cands[i]);
	}
	free(dir);
	return found;
}

static void use_fallback(struct tui_theme *t)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		t->attr[r] = fallback_attr[r];
}

int tui_theme_load(struct tui_theme *t, const char *name, const char *argv0, bool no_color,
		   char *msg, size_t n)
{
	memset(t, 0, sizeof *t);
	if (msg && n)
		msg[0] = '\0';
	if (!name || !*name)
		name = "default";
	if (strchr(name, '/')) {
		snprintf(msg, n, "theme name %s must not contain '/'", name);
		name = "default";
	}
	t->name = afcq_xstrdup(name);
	use_fallback(t);
	t->color = !no_color && has_colors();
	if (t->color) {
		start_color();
		use_default_colors();
	}
	char *path = find_theme(name, argv0);
	if (!path) {
		snprintf(msg, n, "theme %s not found; using the built-in one", name);
		return -1;
	}
	config_t cf;
	config_init(&cf);
	if (config_read_file(&cf, path) != CONFIG_TRUE) {
		snprintf(msg, n, "%s:%d: %s; using the built-in theme", path, config_error_line(&cf),
			 config_error_text(&cf));
		config_destroy(&cf);
		free(path);
		return -1;
	}
	int rc = 0;
	for (int r = 0; r < ROLE_COUNT; r++) {
		config_setting_t *s = config_lookup(&cf, "roles");
		s = s ? config_setting_get_member(s, role_names[r]) : NULL;
		if (!s)
			continue;
		const char *fg = NULL, *bg = NULL, *at = NULL;
		config_setting_lookup_string(s, "fg", &fg);
		config_setting_lookup_string(s, "bg", &bg);
		config_setting_lookup_string(s, "attr", &at);
		attr_t a = A_NORMAL;
		if (at && attr_by_names(at, &a) != 0) {
			snprintf(msg, n, "%s:%d: unknown attribute in \"%s\"", path,
				 config_setting_source_line(s), at);
			rc = -1;
		}
		int f = color_by_name(fg), b = color_by_name(bg);
		if (f == -2 || b == -2) {
			snprintf(msg, n, "%s:%d: unknown colour", path, config_setting_source_line(s));
			rc = -1;
			f = b = -1;
		}
		if (t->color) {
			if (f >= COLORS)
				f = f % 8;
			if (b >= COLORS)
				b = b % 8;
			init_pair((short)(r + 1), (short)f, (short)b);
			t->attr[r] = a | COLOR_PAIR(r + 1);
		} else {
			/* Attributes alone must still tell roles apart. */
			t->attr[r] = a ? a : fallback_attr[r];
		}
	}
	config_destroy(&cf);
	t->path = path;
	return rc;
}

void tui_theme_done(struct tui_theme *t)
{
	free(t->name);
	free(t->path);
	memset(t, 0, sizeof *t);
}
