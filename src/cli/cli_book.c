/* cli_book.c - the helpers of cli_book.h. */
#include "cli_book.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/book_io.h"
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

/* Characters (UTF-8 sequences) of s: the columns it takes in a table,
 * names in Latin scripts being one column a character. */
static int columns_of(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; s && *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

int cli_max_width(int w, const char *s, int cap)
{
	int n = s ? columns_of(s) : 0;
	if (n > cap)
		n = cap;
	return n > w ? n : w;
}

const char *cli_cell(const char *s, int w, char *buf, size_t n)
{
	size_t k = 0;
	int cols = 0;
	for (const char *p = s ? s : ""; *p && cols < w;) {
		size_t len = 1;
		while ((p[len] & 0xC0) == 0x80)
			len++;
		if (k + len + 1 > n)
			break;
		memcpy(buf + k, p, len);
		k += len;
		p += len;
		cols++;
	}
	while (cols < w && k + 2 <= n) {
		buf[k++] = ' ';
		cols++;
	}
	buf[k] = '\0';
	return buf;
}

int cli_book_pick_customer(struct cli_session *s, const char *what, const char *text,
			   struct afcq_customer *c)
{
	struct afcq_customer *v = NULL;
	size_t n = 0;
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_store_customers_find(s->store, text, 0, &v, &n, &err) != AFCQ_OK)
		return cli_fail(&err);
	size_t at = n, exact = 0;
	if (n == 1)
		at = 0;
	for (size_t i = 0; n > 1 && i < n; i++)
		if (strcasecmp(v[i].name, text) == 0 ||
		    (v[i].account && strcasecmp(v[i].account, text) == 0)) {
			at = i;
			exact++;
		}
	int rc = CLI_EXIT_OK;
	if (n == 0) {
		rc = cli_failf(CLI_EXIT_USAGE, "%s: no customer matches '%s' (see afcq "
			       "customers list)", what, text);
	} else if (at == n || exact > 1) {
		rc = cli_failf(CLI_EXIT_USAGE, "%s: '%s' matches %zu customers; give more "
			       "of the name, the account or the phone:", what, text, n);
		char place[160];
		for (size_t i = 0; i < n && i < 20; i++)
			fprintf(stderr, "  %5" PRId64 "  %s  %s  %s\n", v[i].id, v[i].name,
				v[i].account ? v[i].account : "-",
				afcq_book_place(&v[i], place, sizeof place));
		if (n > 20)
			fprintf(stderr, "  ... and %zu more\n", n - 20);
	} else {
		afcq_customer_copy(c, &v[at]);
	}
	afcq_customers_free(v, n);
	return rc;
}

