/* cli_book.c - the helpers of cli_book.h. */
#include "cli_book.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/str.h"

int cli_book_args(const struct cli_opts *o, size_t min, size_t max, const char *usage)
{
	size_t n = o->n_args ? o->n_args - 1 : 0;
	if (n < min || n > max)
		return cli_failf(CLI_EXIT_USAGE, "usage: afcq %s", usage);
	return CLI_EXIT_OK;
}

int cli_book_id(const struct cli_opts *o, const char *what, int64_t *id)
{
	if (o->n_args != 2)
		return cli_failf(CLI_EXIT_USAGE, "%s %s: missing ID (see afcq %s list)", what,
				 o->args[0], what);
	char *end = NULL;
	errno = 0;
	long long v = strtoll(o->args[1], &end, 10);
	if (errno || end == o->args[1] || *end || v <= 0)
		return cli_failf(CLI_EXIT_USAGE, "%s %s: '%s' is not an id (a number; see afcq %s "
				 "list)", what, o->args[0], o->args[1], what);
	*id = v;
	return CLI_EXIT_OK;
}

const char *cli_file_shown(const char *path)
{
	return strcmp(path, "-") == 0 ? "(stdin)" : path;
}

int cli_read_input(const char *path, char **text, size_t *len)
{
	const char *shown = cli_file_shown(path);
	struct stat sb;
	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return cli_failf(CLI_EXIT_USAGE, "%s: is a directory, not a file", shown);
	*text = afcq_read_file(path, len);
	if (!*text && errno == EFBIG)
		return cli_failf(CLI_EXIT_USAGE, "%s: larger than %zu MB", shown,
				 AFCQ_MAX_BODY / (1024 * 1024));
	if (!*text)
		return cli_failf(CLI_EXIT_USAGE, "%s: %s", shown, strerror(errno));
	return CLI_EXIT_OK;
}

int cli_open_output(const char *path, FILE **f)
{
	if (!path || strcmp(path, "-") == 0) {
		*f = stdout;
		return CLI_EXIT_OK;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return cli_failf(CLI_EXIT_USAGE, "%s: %s", path, strerror(errno));
	if (fchmod(fd, 0600) != 0) { /* a file that was there keeps no wider mode */
		int e = errno;
		close(fd);
		return cli_failf(CLI_EXIT_USAGE, "%s: %s", path, strerror(e));
	}
	*f = fdopen(fd, "w");
	if (!*f) {
		close(fd);
		return cli_failf(CLI_EXIT_USAGE, "%s: %s", path, strerror(errno));
	}
	return CLI_EXIT_OK;
}

int cli_close_output(const char *path, FILE *f)
{
	bool bad = ferror(f) != 0;
	if (f == stdout)
		bad = fflush(f) != 0 || bad;
	else
		bad = fclose(f) != 0 || bad;
	if (bad)
		return cli_failf(CLI_EXIT_USAGE, "%s: cannot write: %s",
				 path && strcmp(path, "-") ? path : "(stdout)", strerror(errno));
	return CLI_EXIT_OK;
}

int cli_max_width(int w, const char *s, int cap)
{
	int n = s ? (int)strlen(s) : 0;
	if (n > cap)
		n = cap;
	return n > w ? n : w;
}
