#include "afcq/sandbox_launch.h"

/* Starting the bundled sandbox.
 *
 * The binary is afcq-sandbox beside the running program (/proc/self/exe),
 * else the first one on PATH.  The rate book is the first directory found of
 * $exe_dir/../share/afcq/sandbox (installed), $exe_dir/../data/sandbox and
 * $exe_dir/../../data/sandbox (build trees such as build/afcq and
 * build/san/afcq), the same three beside the sandbox binary that was found,
 * and finally AFCQ_DATADIR "/sandbox" from the build.  A caller that passes
 * its own --ratebook in extra_args gets no search at all.
 *
 * The child gets stdin from /dev/null, stdout on a pipe whose first line
 * ("listening on http://127.0.0.1:PORT") we wait for, at most 10 s, and
 * stderr in an unlinked temporary file that only serves to explain a failed
 * start.  It ignores SIGPIPE (we close our end of the pipe once the line is
 * read) and asks the kernel for SIGTERM when the thread that started it
 * goes away (PR_SET_PDEATHSIG), so a crashed workstation leaves no server
 * behind.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "afcq/str.h"

#ifndef AFCQ_DATADIR
#define AFCQ_DATADIR "/usr/local/share/afcq"
#endif

#define SANDBOX_NAME "afcq-sandbox"
#define READY_PREFIX "listening on "

enum { START_TIMEOUT_MS = 10000, STOP_GRACE_MS = 3000, LINE_MAX_LEN = 512 };

static bool is_exec_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Directory of /proc/self/exe, malloc'd, or NULL. */
static char *self_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = 0;
	char *slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	return afcq_xstrdup(buf[0] ? buf : "/");
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return afcq_xstrdup(".");
	return afcq_xstrndup(path, (size_t)(slash - path) + (slash == path));
}

static char *find_on_path(const char *name)
{
	const char *path = getenv("PATH");
	if (afcq_str_empty(path))
		return NULL;
	char *copy = afcq_xstrdup(path);
	char *found = NULL;
	char *save = NULL;
	for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		char *cand = afcq_xasprintf("%s/%s", d[0] ? d : ".", name);
		if (is_exec_file(cand))
			found = cand;
		else
			free(cand);
	}
	free(copy);
	return found;
}

static char *find_binary(const char *exe_dir)
{
	if (exe_dir) {
		char *cand = afcq_xasprintf("%s/%s", exe_dir, SANDBOX_NAME);
		if (is_exec_file(cand))
			return cand;
		free(cand);
	}
	return find_on_path(SANDBOX_NAME);
}

static char *ratebook_near(const char *dir)
{
	static const char *const rel[] = {
		"../share/afcq/sandbox",
		"../data/sandbox",
		"../../data/sandbox",
	};
	if (!dir)
		return NULL;
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		char *cand = afcq_xasprintf("%s/%s", dir, rel[i]);
		if (is_dir(cand))
			return cand;
		free(cand);
	}
	return NULL;
}

static char *find_ratebook(const char *exe_dir, const char *binary)
{
	char *rb = ratebook_near(exe_dir);
	if (!rb) {
		char *bdir = dir_of(binary);
		rb = ratebook_near(bdir);
		free(bdir);
	}
	if (!rb && is_dir(AFCQ_DATADIR "/sandbox"))
		rb = afcq_xstrdup(AFCQ_DATADIR "/sandbox");
	return rb;
}

static bool has_arg(const char *const *args, const char *name)
{
	for (size_t i = 0; args && args[i]; i++)
		if (strcmp(args[i], name) == 0)
			return true;
	return false;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* An unlinked temporary file for the child's stderr; -1 when none. */
static int stderr_log(void)
{
	const char *tmp = getenv("TMPDIR");
	char *path = afcq_xasprintf("%s/afcq-sandbox-XXXXXX", afcq_str_empty(tmp) ? P_tmpdir : tmp);
	int fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path);
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	free(path);
	return fd;
}

/* First non-empty line of the child's stderr, for the error message. */
static void stderr_reason(int fd, char *out, size_t n)
{
	out[0] = 0;
	if (fd < 0)
		return;
	char buf[LINE_MAX_LEN];
	ssize_t got = pread(fd, buf, sizeof buf - 1, 0);
	if (got <= 0)
		return;
	buf[got] = 0;
	char *p = buf;
	while (*p == '\n' || *p == '\r' || *p == ' ')
		p++;
	p[strcspn(p, "\r\n")] = 0;
	snprintf(out, n, "%s", p);
}

/* Waits for pid to exit for up to ms; returns true when it did. */
static bool wait_exit(pid_t pid, int ms, int *status)
{
	double end = now_ms() + ms;
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return true;
		if (now_ms() >= end)
			return false;
		struct timespec ts = { .tv_sec = 0, .tv_nsec = 1000000L };
		nanosleep(&ts, NULL);
	}
}

static void kill_and_reap(pid_t pid)
{
	int status;
	kill(pid, SIGTERM);
	if (!wait_exit(pid, STOP_GRACE_MS, &status)) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
}

/* Runs in the child between fork and exec: async-signal-safe calls only. */
static void child_exec(char *const argv[], int out_w, int err_fd, pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(127);
	/* A clean signal state whatever the parent blocked or ignored, and a
	 * process group of its own so the terminal's Ctrl-C stays ours. */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	setpgid(0, 0);
	int devnull = open("/dev/null", O_RDWR);
	if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(out_w, 1) < 0 ||
	    dup2(err_fd >= 0 ? err_fd : devnull, 2) < 0)
		_exit(127);
	/* Every other descriptor (curl sockets, the history store) stays ours. */
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	execv(argv[0], argv);
	_exit(127);
}

/* Reads up to the first newline from fd within the deadline.  Returns 1 with
 * the line in buf, 0 on end of file, -1 on timeout. */
static int read_first_line(int fd, char *buf, size_t n, double deadline)
{
	size_t len = 0;
	for (;;) {
		int left = (int)(deadline - now_ms());
		if (left <= 0)
			return -1;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int pr = poll(&p, 1, left);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0)
			return -1;
		ssize_t got = read(fd, buf + len, n - 1 - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return 0;
		len += (size_t)got;
		buf[len] = 0;
		char *nl = strchr(buf, '\n');
		if (nl) {
			*nl = 0;
			if (nl > buf && nl[-1] == '\r')
				nl[-1] = 0;
			return 1;
		}
		if (len == n - 1)
			return 1;
	}
}

enum afcq_status afcq_sandbox_spawn(const char *const *extra_args, struct afcq_sandbox_proc *out,
				    struct afcq_error *err)
{
	afcq_error_clear(err);
	memset(out, 0, sizeof *out);
	out->ready_fd = out->err_fd = -1;

	char *exe_dir = self_dir();
	char *binary = find_binary(exe_dir);
	if (!binary) {
		free(exe_dir);
		return afcq_error_set(err, AFCQ_ERR_IO, SANDBOX_NAME,
				      "not found beside this program nor on PATH");
	}
	char *ratebook = NULL;
	if (!has_arg(extra_args, "--ratebook")) {
		ratebook = find_ratebook(exe_dir, binary);
		if (!ratebook) {
			free(exe_dir);
			afcq_error_set(err, AFCQ_ERR_IO, binary,
				       "no rate book found (looked beside the program and in %s)",
				       AFCQ_DATADIR "/sandbox");
			free(binary);
			return AFCQ_ERR_IO;
		}
	}
	free(exe_dir);

	size_t n_extra = 0;
	while (extra_args && extra_args[n_extra])
		n_extra++;
	char **argv = afcq_xcalloc(n_extra + 6, sizeof *argv);
	size_t k = 0;
	argv[k++] = binary;
	if (ratebook) {
		argv[k++] = "--ratebook";
		argv[k++] = ratebook;
	}
	argv[k++] = "--listen";
	argv[k++] = "127.0.0.1:0";
	for (size_t i = 0; i < n_extra; i++)
		argv[k++] = (char *)extra_args[i];
	argv[k] = NULL;

	enum afcq_status st = AFCQ_OK;
	int pipefd[2] = { -1, -1 };
	int err_fd = stderr_log();
	if (pipe2(pipefd, O_CLOEXEC) != 0) {
		st = afcq_error_set(err, AFCQ_ERR_IO, binary, "cannot make a pipe: %s",
				    strerror(errno));
		goto fail;
	}
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		st = afcq_error_set(err, AFCQ_ERR_IO, binary, "cannot start: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0)
		child_exec(argv, pipefd[1], err_fd, parent);
	close(pipefd[1]);
	out->pid = pid;
	out->ready_fd = pipefd[0];
	out->err_fd = err_fd;
	out->binary = binary;
	out->deadline = now_ms() + START_TIMEOUT_MS;
	free(argv);
	free(ratebook);
	return AFCQ_OK;

fail:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (err_fd >= 0)
		close(err_fd);
	free(argv);
	free(ratebook);
	free(binary);
	return st;
}

enum afcq_status afcq_sandbox_restart(struct afcq_sandbox_proc *p, const char *const *extra_args,
				      struct afcq_error *err)
{
	if (!p || !p->url)
		return afcq_error_set(err, AFCQ_ERR_USAGE, SANDBOX_NAME, "never started");
	if (p->pid > 0) {
		int status;
		pid_t w = waitpid(p->pid, &status, WNOHANG);
		if (w == 0 || (w < 0 && errno != ECHILD))
			return afcq_error_set(err, AFCQ_ERR_USAGE, SANDBOX_NAME, "still running");
		p->pid = 0;
	}
	const char *colon = strrchr(p->url, ':');
	if (!colon || !colon[1])
		return afcq_error_set(err, AFCQ_ERR_IO, p->url, "no port to listen on again");
	size_t n_extra = 0;
	while (extra_args && extra_args[n_extra])
		n_extra++;
	const char **args = afcq_xcalloc(n_extra + 3, sizeof *args);
	for (size_t i = 0; i < n_extra; i++)
		args[i] = extra_args[i];
	char *listen = afcq_xasprintf("127.0.0.1:%s", colon + 1);
	args[n_extra] = "--listen"; /* the last --listen is the one taken */
	args[n_extra + 1] = listen;
	struct afcq_sandbox_proc again;
	enum afcq_status st = afcq_sandbox_start(args, &again, err);
	free(listen);
	free(args);
	if (st != AFCQ_OK)
		return st;
	if (strcmp(again.url, p->url) != 0) {
		afcq_sandbox_stop(&again);
		return afcq_error_set(err, AFCQ_ERR_IO, p->url, "started again elsewhere");
	}
	p->pid = again.pid;
	free(again.url);
	return AFCQ_OK;
}

/* Closes what only serves the start (the pipe, the stderr file); nothing
 * for a p never spawned (zeroed) or already waited for. */
static void start_done(struct afcq_sandbox_proc *p)
{
	if (!p->binary)
		return;
	if (p->ready_fd >= 0)
		close(p->ready_fd);
	if (p->err_fd >= 0)
		close(p->err_fd);
	p->ready_fd = p->err_fd = -1;
	free(p->binary);
	p->binary = NULL;
}

enum afcq_status afcq_sandbox_wait(struct afcq_sandbox_proc *p, struct afcq_error *err)
{
	afcq_error_clear(err);
	if (p->url)
		return AFCQ_OK;
	if (p->pid <= 0)
		return afcq_error_set(err, AFCQ_ERR_USAGE, SANDBOX_NAME, "not started");
	char line[LINE_MAX_LEN];
	const char *binary = p->binary ? p->binary : SANDBOX_NAME;
	int got = read_first_line(p->ready_fd, line, sizeof line, p->deadline);
	if (got == 1 && strncmp(line, READY_PREFIX, strlen(READY_PREFIX)) == 0 &&
	    line[strlen(READY_PREFIX)]) {
		p->url = afcq_xstrdup(line + strlen(READY_PREFIX));
		start_done(p);
		return AFCQ_OK;
	}

	enum afcq_status st;
	char reason[LINE_MAX_LEN];
	if (got < 0) {
		kill_and_reap(p->pid);
		st = afcq_error_set(err, AFCQ_ERR_IO, binary, "did not start within %d s",
				    START_TIMEOUT_MS / 1000);
	} else if (got == 1) {
		kill_and_reap(p->pid);
		st = afcq_error_set(err, AFCQ_ERR_IO, binary, "unexpected first line \"%.200s\"",
				    line);
	} else {
		int status = 0;
		if (!wait_exit(p->pid, STOP_GRACE_MS, &status)) {
			kill_and_reap(p->pid);
			status = 0;
		}
		stderr_reason(p->err_fd, reason, sizeof reason);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !reason[0])
			snprintf(reason, sizeof reason, "cannot be executed");
		st = afcq_error_set(err, AFCQ_ERR_IO, binary, "exited before listening%s%s",
				    reason[0] ? ": " : "", reason);
	}
	p->pid = 0;
	start_done(p);
	return st;
}

enum afcq_status afcq_sandbox_start(const char *const *extra_args, struct afcq_sandbox_proc *out,
				    struct afcq_error *err)
{
	enum afcq_status st = afcq_sandbox_spawn(extra_args, out, err);
	return st == AFCQ_OK ? afcq_sandbox_wait(out, err) : st;
}

void afcq_sandbox_stop(struct afcq_sandbox_proc *p)
{
	if (!p)
		return;
	if (p->pid > 0)
		kill_and_reap(p->pid);
	start_done(p);
	free(p->url);
	p->url = NULL;
	p->pid = 0;
}
