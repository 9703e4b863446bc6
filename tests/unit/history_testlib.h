/* history_testlib.h - what the history tests (test_history.c,
 * test_history_customer.c) share: a temporary folder holding the file, and
 * opening it or failing the test. */
#ifndef HISTORY_TESTLIB_H
#define HISTORY_TESTLIB_H

#include "afcq/history.h"

struct history_fixture {
	char *dir;   /* temporary folder, removed afterwards */
	char *path;  /* dir/history.sqlite */
};

/* cmocka set-up and tear-down: *state is a struct history_fixture. */
int history_test_setup(void **state);
int history_test_teardown(void **state);
/* afcq_history_open(path), failing the test when it cannot (the caller
 * closes the handle). */
struct afcq_history *history_test_open(const char *path);

#endif
