/* catalog_testlib.h - what the catalog tests (test_catalog.c,
 * test_catalog_fetch.c) share: a temporary folder, status checks and a
 * one-item VoIP request checked against a catalog. */
#ifndef CATALOG_TESTLIB_H
#define CATALOG_TESTLIB_H

#include <stddef.h>
#include <time.h>

#include "afcq/catalog.h"
#include "afcq/error.h"

#define DAY 86400L
#define T0 ((time_t)1700000000) /* a fixed "now" for the cache tests */

/* The text of a one-item request of pair 19/serv (malloc'd). */
char *catalog_test_voip_text(int serv);
/* Makes a new folder under $TMPDIR (else P_tmpdir) into buf; fails the test
 * when it cannot. */
void catalog_test_temp_dir(char *buf, size_t n);
/* Removes dir and everything in it. */
void catalog_test_remove_tree(const char *dir);
/* Fails the test with what and err's line unless st is AFCQ_OK. */
void catalog_test_must(enum afcq_status st, const struct afcq_error *err, const char *what);
/* The problems a one-item request of pair 19/serv has against cat (NULL:
 * no catalog); the first is written into first ("path: message"). */
size_t catalog_test_problems(int serv, struct afcq_catalog *cat, char *first, size_t n);

#endif
