/* api_testlib.h - helpers shared by the api and sandbox-launch tests:
 * requests from JSON text, temporary folders, PATH juggling and the build
 * folder of the running test.  Failures are cmocka failures. */
#ifndef AFCQ_TEST_API_TESTLIB_H
#define AFCQ_TEST_API_TESTLIB_H

#include <stddef.h>

#include "afcq/model.h"

/* Parses request JSON into *out (zeroed here); fails the test on error. */
void api_test_parse_request(const char *text, struct afcq_request *out);
/* Makes a fresh folder under $TMPDIR into buf. */
void api_test_temp_dir(char *buf, size_t n);
/* Removes dir and everything in it. */
void api_test_remove_tree(const char *dir);
/* Puts dir first on PATH; returns the old PATH for api_test_path_restore. */
char *api_test_path_prepend(const char *dir);
void api_test_path_restore(char *saved);
/* The build folder (the test binary lives in BUILD/tests/); caller frees. */
char *api_test_build_dir(void);
/* Writes an executable shell script. */
void api_test_write_script(const char *path, const char *text);

#endif
