/* sync_count.h - a counting SQLite VFS for tests: wraps the default VFS and
 * counts the syncs (xSync) asked of every file it opens, so a test can say
 * which writes reach the disk before a call returns. */
#ifndef AFCQ_TEST_SYNC_COUNT_H
#define AFCQ_TEST_SYNC_COUNT_H

/* Registers the counting VFS as SQLite's default (once per process). */
void sync_count_install(void);
/* Syncs asked since the last sync_count_reset. */
unsigned sync_count(void);
void sync_count_reset(void);

#endif
