/* paths.c - the XDG base directories and private files. */
#include "afcq/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "afcq/str.h"

char *afcq_xdg_path(const char *env, const char *fallback, const char *file)
{
	const char *dir = getenv(env);
	if (dir && dir[0] == '/')
		return afcq_xasprintf("%s/afcq/%s", dir, file);
	const char *home = getenv("HOME");
	char pwbuf[4096];
	struct passwd pw, *found = NULL;
	if (afcq_str_empty(home) && getpwuid_r(getuid(), &pw, pwbuf, sizeof pwbuf, &found) == 0 &&
	    found)
		home = found->pw_dir;
	if (afcq_str_empty(home))
		return NULL;
	return afcq_xasprintf("%s/%s/afcq/%s", home, fallback, file);
}

enum afcq_status afcq_make_parents(const char *path, struct afcq_error *err)
{
	char *dir = afcq_xstrdup(path);
	char *slash = strrchr(dir, '/');
	enum afcq_status st = AFCQ_OK;
	if (!slash || slash == dir)
		goto out;
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			st = afcq_error_set(err, AFCQ_ERR_IO, dir, "cannot create folder: %s",
					    strerror(errno));
			goto out;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		st = afcq_error_set(err, AFCQ_ERR_IO, dir, "not a folder");
out:
	free(dir);
	return st;
}

enum afcq_status afcq_make_private_file(const char *path, struct afcq_error *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return afcq_error_set(err, AFCQ_ERR_IO, path, "cannot open: %s", strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) == 0 && (sb.st_mode & 077) && sb.st_uid == geteuid())
		(void)fchmod(fd, sb.st_mode & 0700);
	close(fd);
	return AFCQ_OK;
}
