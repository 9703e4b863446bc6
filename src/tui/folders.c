/* folders.c - the folder files are saved to by default.
 *
 * The folder last used is kept as one line in $XDG_STATE_HOME/afcq/
 * last-folder, so it holds across sessions; a folder that is gone since
 * is passed over.  Without one, files go to the documents folder
 * ($XDG_DOCUMENTS_DIR when it is an absolute path, else ~/Documents),
 * never into whatever folder afcq was started from.
 */
#include "folders.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/paths.h"
#include "afcq/str.h"

static bool is_dir(const char *p)
{
	struct stat st;
	return p && *p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *home(void)
{
	const char *h = getenv("HOME");
	return h && h[0] == '/' ? afcq_xstrdup(h) : NULL;
}

static char *remembered(void)
{
	char *state = afcq_xdg_path("XDG_STATE_HOME", ".local/state", "last-folder");
	if (!state)
		return NULL;
	size_t len = 0;
	char *text = afcq_read_file(state, &len);
	free(state);
	if (!text)
		return NULL;
	text[strcspn(text, "\n")] = '\0';
	if (text[0] != '/' || !is_dir(text)) {
		free(text);
		return NULL;
	}
	return text;
}

char *tui_folder_default(void)
{
	char *dir = remembered();
	if (dir)
		return dir;
	const char *xdg = getenv("XDG_DOCUMENTS_DIR");
	char *h = home();
	if (xdg && xdg[0] == '/')
		dir = afcq_xstrdup(xdg);
	else if (h)
		dir = afcq_xasprintf("%s/Documents", h);
	if (dir && !is_dir(dir) && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		free(dir);
		dir = h ? afcq_xstrdup(h) : NULL; /* the home itself, then */
	}
	free(h);
	return dir ? dir : afcq_xstrdup(".");
}

char *tui_folder_resolve(const char *typed)
{
	if (typed[0] == '/')
		return afcq_xstrdup(typed);
	if (typed[0] == '~' && (typed[1] == '/' || typed[1] == '\0')) {
		char *h = home();
		char *p = afcq_xasprintf("%s%s", h ? h : "", typed + 1);
		free(h);
		return p;
	}
	char *dir = tui_folder_default();
	char *p = afcq_xasprintf("%s/%s", dir, typed);
	free(dir);
	return p;
}

void tui_folder_remember(const char *path)
{
	char *abs = NULL;
	if (path[0] == '/') {
		abs = afcq_xstrdup(path);
	} else {
		char cwd[4096];
		if (!getcwd(cwd, sizeof cwd))
			return;
		abs = afcq_xasprintf("%s/%s", cwd, path);
	}
	char *slash = strrchr(abs, '/');
	if (slash == abs)
		slash[1] = '\0'; /* a file in / */
	else
		*slash = '\0';
	char *state = afcq_xdg_path("XDG_STATE_HOME", ".local/state", "last-folder");
	struct afcq_error err;
	afcq_error_clear(&err);
	if (state && afcq_make_parents(state, &err) == AFCQ_OK) {
		FILE *f = fopen(state, "w");
		if (f) {
			fprintf(f, "%s\n", abs);
			fclose(f);
		}
	}
	free(state);
	free(abs);
}

char *tui_folder_free_name(const char *dir, const char *name)
{
	char *p = afcq_xasprintf("%s/%s", dir, name);
	const char *dot = strrchr(name, '.');
	struct stat st;
	for (int k = 2; dot && dot != name && k < 1000 && stat(p, &st) == 0; k++) {
		free(p);
		p = afcq_xasprintf("%s/%.*s-%d%s", dir, (int)(dot - name), name, k, dot);
	}
	return p;
}
