/* history_testlib.h - what the history tests (test_history.c,
 * test_history_customer.c) share: a temporary folder holding the file, and
 * opening it or failing the test. */
#ifndef HISTORY_TESTLIB_H
#define HISTORY_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

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

/* Begins a record of kind with doc and the request text req (endpoint
 * "sandbox", invoice number INV-1), failing the test when it cannot;
 * returns its id. */
int64_t history_test_begin(struct afcq_history *h, const char *kind, const char *doc,
			   const char *req);
/* Lists the store (limit 0: every entry) into *v, newest first; returns
 * how many (free with afcq_history_list_free). */
size_t history_test_list(struct afcq_history *h, size_t limit, struct afcq_history_entry **v);

/* HOME and XDG_STATE_HOME as a test found them (NULL: unset). */
struct history_saved_env {
	char *state, *home;
};
struct history_saved_env history_test_env_save(void);
/* Sets name to value, or unsets it when value is NULL. */
void history_test_env_put(const char *name, const char *value);
/* Puts both back as they were and frees the copies. */
void history_test_env_restore(struct history_saved_env *e);
/* The permission bits of path (the test fails when it has none). */
mode_t history_test_mode(const char *path);
/* true for a UTC time written as 2024-05-01T04:55:00Z. */
bool history_test_iso_utc(const char *s);

#endif
