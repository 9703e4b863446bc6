/* fuzzlib.h - what the libFuzzer targets under tests/fuzz share.
 *
 * Each target (fuzz_NAME.c) defines LLVMFuzzerTestOneInput and checks
 * properties that must hold for any input: no crash, no undefined
 * behaviour, no leak (the sanitizers see those), and the target's own
 * invariants, asserted with fuzz_check().  A broken invariant prints what
 * broke and aborts, so libFuzzer saves the input as a crash artifact.
 * tests/fuzz/targets.sh builds the seed corpora and runs every target.
 */
#ifndef AFCQ_FUZZLIB_H
#define AFCQ_FUZZLIB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "afcq/error.h"

/* libFuzzer's entry point, declared once for every target. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with "fuzz check failed: what" and the two texts a and b (either
 * may be NULL) when ok is false. */
void fuzz_check(bool ok, const char *what, const char *a, const char *b);

/* Aborts unless a and b are the same NUL-terminated text. */
void fuzz_same_text(const char *what, const char *a, const char *b);

/* Serialises a and b with afcq_json_dump and aborts unless the texts are
 * equal; takes over (decrefs) both references. */
void fuzz_same_json(const char *what, json_t *a, json_t *b);

/* Compact afcq_json_dump text of j (caller frees); takes over j. */
char *fuzz_dump(json_t *j);

/* Checks what a failed decode left in *err: the status it returned and a
 * one-line message that says something. */
void fuzz_check_error(enum afcq_status st, const struct afcq_error *err);

/* The top of the source tree: $AFCQ_TOP, else the current directory.
 * Borrowed string. */
const char *fuzz_top(void);

#endif
