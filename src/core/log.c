#include "afcq/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afcq/paths.h"
#include "afcq/str.h"

#define DEFAULT_MAX_BYTES (1L << 20)

struct afcq_log {
	char *path;
	int fd;
	enum afcq_log_level level;
	long max_bytes;
	pthread_mutex_t lock;
};

static const char *const names[] = { "error", "warn", "info", "debug" };

bool afcq_log_level_parse(const char *s, enum afcq_log_level *out)
{
	for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum afcq_log_level)i;
			return true;
		}
	return false;
}

const char *afcq_log_level_name(enum afcq_log_level lv)
{
	return (size_t)lv < sizeof names / sizeof names[0] ? names[lv] : "?";
}

char *afcq_log_default_path(void)
{
	return afcq_xdg_path("XDG_STATE_HOME", ".local/state", "afcq.log");
}

static int open_file(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

struct afcq_log *afcq_log_open(const char *path, enum afcq_log_level level, long max_bytes,
			       struct afcq_error *err)
{
	afcq_error_clear(err);
	char *p = path ? afcq_xstrdup(path) : afcq_log_default_path();
	if (!p) {
		afcq_error_set(err, AFCQ_ERR_IO, "log", "no home folder for the log file");
		return NULL;
	}
	if (afcq_make_parents(p, err) != AFCQ_OK || afcq_make_private_file(p, err) != AFCQ_OK) {
		free(p);
		return NULL;
	}
	int fd = open_file(p);
	if (fd < 0) {
		afcq_error_set(err, AFCQ_ERR_IO, p, "cannot open the log: %s", strerror(errno));
		free(p);
		return NULL;
	}
	struct afcq_log *l = afcq_xcalloc(1, sizeof *l);
	l->path = p;
	l->fd = fd;
	l->level = level;
	l->max_bytes = max_bytes > 0 ? max_bytes : DEFAULT_MAX_BYTES;
	pthread_mutex_init(&l->lock, NULL);
	return l;
}

void afcq_log_close(struct afcq_log *l)
{
	if (!l)
		return;
	close(l->fd);
	pthread_mutex_destroy(&l->lock);
	free(l->path);
	free(l);
}

bool afcq_log_wants(const struct afcq_log *l, enum afcq_log_level lv)
{
	return l && lv <= l->level;
}

/* Under the lock: renames a full file to path.1 and starts a new one.  A
 * failure keeps writing to the old file (the log is never worth an error). */
static void rotate_if_full(struct afcq_log *l, size_t adding)
{
	struct stat st;
	if (fstat(l->fd, &st) != 0 || st.st_size + (off_t)adding <= l->max_bytes)
		return;
	char *old = afcq_xasprintf("%s.1", l->path);
	if (rename(l->path, old) == 0) {
		int fd = open_file(l->path);
		if (fd >= 0) {
			close(l->fd);
			l->fd = fd;
		}
	}
	free(old);
}

void afcq_logf(struct afcq_log *l, enum afcq_log_level lv, const char *fmt, ...)
{
	if (!afcq_log_wants(l, lv))
		return;
	va_list ap;
	va_start(ap, fmt);
	char *text = afcq_xvasprintf(fmt, ap);
	va_end(ap);
	for (char *c = text; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char *line = afcq_xasprintf("%s %-5s %s\n", stamp, afcq_log_level_name(lv), text);
	free(text);
	size_t len = strlen(line);
	pthread_mutex_lock(&l->lock);
	rotate_if_full(l, len);
	/* one write per line: O_APPEND keeps lines of several processes whole */
	ssize_t w = write(l->fd, line, len);
	(void)w;
	pthread_mutex_unlock(&l->lock);
	free(line);
}
