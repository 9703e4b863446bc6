/* first_frame.c - how long a terminal program takes to show its first
 * screen, timed from outside.
 *
 *   first_frame [-r RUNS] -m MARKER CMD [ARG...]
 *
 * Runs CMD RUNS times (10 by default) on a fresh 80x24 pseudo-terminal
 * and reads everything it writes.  Per run it notes the time from the fork
 * until MARKER (text the first screen ends with, such as the key bar's
 * last word) has been written, and until CMD has exited.  Prints the
 * minimum and the median of both in milliseconds:
 *
 *   frame min 12.31 median 13.05 ms   exit min 13.90 median 14.62 ms
 *
 * CMD must end by itself (afcq --script FILE with a "quit" line does); one
 * still running 10 s after its start is killed and the run counted as
 * failed (exit status 1).  A benchmark tool: nothing here compares a
 * figure with a limit.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { RUN_LIMIT_MS = 10000 };

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One run: *frame and *done in ms since the fork (frame < 0: the marker
 * never came).  Returns 0, or -1 when the run could not be made or timed
 * out. */
static int run_once(char **cmd, const char *marker, double *frame, double *done)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int master;
	double t0 = now_ms();
	pid_t pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return -1;
	}
	if (pid == 0) {
		execvp(cmd[0], cmd);
		perror(cmd[0]);
		_exit(127);
	}
	size_t mlen = strlen(marker);
	char buf[65536 + 256];
	size_t keep = 0; /* bytes kept from the last read, for a split marker */
	*frame = -1;
	int rc = 0;
	for (;;) {
		int left = (int)(t0 + RUN_LIMIT_MS - now_ms());
		struct pollfd p = { .fd = master, .events = POLLIN };
		if (left <= 0 || poll(&p, 1, left) == 0) {
			kill(pid, SIGKILL);
			rc = -1;
			break;
		}
		ssize_t n = read(master, buf + keep, sizeof buf - keep - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EIO: the child's side is closed */
		size_t len = keep + (size_t)n;
		buf[len] = 0;
		if (*frame < 0 && memmem(buf, len, marker, mlen))
			*frame = now_ms() - t0;
		keep = mlen > 1 && len >= mlen - 1 ? mlen - 1 : 0;
		memmove(buf, buf + len - keep, keep);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
	}
	*done = now_ms() - t0;
	close(master);
	return rc;
}

int main(int argc, char **argv)
{
	int runs = 10, opt;
	const char *marker = NULL;
	while ((opt = getopt(argc, argv, "+r:m:")) != -1) {
		if (opt == 'r')
			runs = atoi(optarg);
		else if (opt == 'm')
			marker = optarg;
		else
			break;
	}
	if (!marker || !*marker || optind >= argc || runs < 1) {
		fputs("usage: first_frame [-r RUNS] -m MARKER CMD [ARG...]\n", stderr);
		return 2;
	}
	double *frame = calloc((size_t)runs, sizeof *frame);
	double *done = calloc((size_t)runs, sizeof *done);
	if (!frame || !done)
		return 1;
	for (int i = 0; i < runs; i++) {
		if (run_once(argv + optind, marker, &frame[i], &done[i]) != 0 || frame[i] < 0) {
			fprintf(stderr, "first_frame: run %d: %s\n", i + 1,
				frame[i] < 0 ? "the marker never came" : "did not end in time");
			return 1;
		}
	}
	qsort(frame, (size_t)runs, sizeof *frame, cmp_double);
	qsort(done, (size_t)runs, sizeof *done, cmp_double);
	printf("frame min %7.2f median %7.2f ms   exit min %7.2f median %7.2f ms\n", frame[0],
	       frame[runs / 2], done[0], done[runs / 2]);
	free(frame);
	free(done);
	return 0;
}
