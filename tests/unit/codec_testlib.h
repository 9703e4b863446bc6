/* codec_testlib.h - fixtures and JSON comparison shared by the codec
 * tests.  Fixtures live in tests/fixtures/codec, found through AFCQ_TOP
 * (default "."). */
#ifndef AFCQ_CODEC_TESTLIB_H
#define AFCQ_CODEC_TESTLIB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "afcq/error.h"

/* Contents of a fixture (caller frees); fails the test if unreadable. */
char *codec_test_fixture(const char *name, size_t *len);
/* The fixture parsed with afcq_json_parse (caller decrefs). */
json_t *codec_test_fixture_json(const char *name);
/* Same values, numbers compared by value (100 == 100.0), object keys in
 * the same order.  Prints the first difference under path. */
bool codec_test_json_same(const json_t *a, const json_t *b, const char *path);
/* Asserts afcq_error_line(e) equals want. */
void codec_test_assert_error_line(const struct afcq_error *e, const char *want);

#endif
