/* sandbox_launch.h - start the bundled afcq-sandbox on a free loopback port.
 *
 * Used by `--sandbox` and the `sandbox` profile.  The child is started with
 * --listen 127.0.0.1:0; its first stdout line gives the URL.  The binary is
 * looked for beside the running program, then on PATH; the rate book beside
 * it (../data/sandbox in a build tree, ../share/afcq/sandbox installed).
 * In full, the rate book is the first directory of: EXE/../share/afcq/sandbox,
 * EXE/../data/sandbox, EXE/../../data/sandbox (EXE = the running program's
 * folder), the same three beside the sandbox binary found, and
 * AFCQ_DATADIR "/sandbox".  A --ratebook in extra_args replaces the search.
 * The child dies with the thread that started it (PR_SET_PDEATHSIG); its
 * stderr only serves to explain a failed start.
 */
#ifndef AFCQ_SANDBOX_LAUNCH_H
#define AFCQ_SANDBOX_LAUNCH_H

#include <sys/types.h>

#include "afcq/error.h"

struct afcq_sandbox_proc {
	pid_t pid;
	char *url;       /* "http://127.0.0.1:PORT", owned; NULL until it listens */
	/* while starting (afcq_sandbox_spawn until afcq_sandbox_wait): */
	int ready_fd;    /* its stdout, for the first line */
	int err_fd;      /* its stderr, to explain a failed start */
	char *binary;    /* owned */
	double deadline; /* CLOCK_MONOTONIC ms by which it must listen */
};

/* Starts the sandbox; extra_args (NULL-terminated, may be NULL) are passed
 * on.  Returns AFCQ_ERR_IO with a reason (where = the binary; msg = not
 * found, exited before listening: <its first stderr line>, did not start
 * within 10 s...) when it cannot start.  *out is the caller's, released by
 * afcq_sandbox_stop. */
enum afcq_status afcq_sandbox_start(const char *const *extra_args, struct afcq_sandbox_proc *out,
				    struct afcq_error *err);
/* When the child *p has exited (killed, crashed), reaps it and starts
 * another with extra_args on the same port, so that the URL clients hold
 * stays right; p->url is kept.  AFCQ_OK: started again; AFCQ_ERR_USAGE: it
 * is still running (nothing done); AFCQ_ERR_IO: it could not be started
 * again (the port taken meanwhile...), with the reason, and p->pid is 0.
 * Call it from the thread that started the first one. */
enum afcq_status afcq_sandbox_restart(struct afcq_sandbox_proc *p, const char *const *extra_args,
				      struct afcq_error *err);
/* afcq_sandbox_start in two steps, for a caller with other work to do
 * while the child loads its rate book: spawn starts it (errors before the
 * child runs: not found, no rate book, cannot start); wait reads its first
 * line (AFCQ_OK at once when it already did), giving url, or fails as
 * afcq_sandbox_start does, the child stopped then.  Either way *out is
 * released by afcq_sandbox_stop. */
enum afcq_status afcq_sandbox_spawn(const char *const *extra_args, struct afcq_sandbox_proc *out,
				    struct afcq_error *err);
enum afcq_status afcq_sandbox_wait(struct afcq_sandbox_proc *p, struct afcq_error *err);
/* Stops the child (SIGTERM, then waits) and frees url. */
void afcq_sandbox_stop(struct afcq_sandbox_proc *p);

#endif
