/* flushstep.c - afcq-flushstep: writes the quotes kept while a team's
 * store was unreachable into its journal, as afcq does, stopping halfway
 * for a test.
 *
 *   afcq-flushstep STORE
 *
 * Opens the team's store STORE (a connection string) and flushes the
 * offline file of this HOME / XDG_STATE_HOME into its journal.  Once the
 * file's quotes are in the team's journal and before any leaves the file,
 * it prints "copied N" (N added) and waits for a line on standard input,
 * so that a test can have another program add a quote to the file at
 * exactly that moment; then it finishes, prints "flushed" and exits 0
 * (1 with the error on stderr).  Test-only: built with the tests, never
 * installed.
 */
#include <stdio.h>

#include "afcq/history.h"
#include "afcq/store_copy.h"

struct step {
	size_t *moved;
};

static void hold(void *ud)
{
	const struct step *s = ud;
	printf("copied %zu\n", *s->moved);
	fflush(stdout);
	char line[64];
	if (!fgets(line, sizeof line, stdin))
		fprintf(stderr, "afcq-flushstep: no line to go on, going on\n");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: afcq-flushstep STORE\n");
		return 2;
	}
	struct afcq_error err;
	afcq_error_clear(&err);
	struct afcq_history *team = afcq_history_open(argv[1], &err);
	if (!team) {
		fprintf(stderr, "afcq-flushstep: %s: %s\n", err.where, err.msg);
		return 1;
	}
	size_t moved = 0;
	struct step s = { .moved = &moved };
	enum afcq_status st = afcq_store_flush_offline_step(team, &moved, hold, &s, &err);
	afcq_history_close(team);
	if (st != AFCQ_OK) {
		fprintf(stderr, "afcq-flushstep: %s: %s\n", err.where, err.msg);
		return 1;
	}
	printf("flushed\n");
	return 0;
}
