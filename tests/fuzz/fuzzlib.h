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

/* A decoder seen through void pointers, so one round-trip check serves
 * every payload; FUZZ_DECODER writes the wrappers that keep each call at
 * its real type. */
struct fuzz_decoder {
	const char *name;
	size_t size;      /* of the decoded struct */
	enum afcq_status (*parse)(const char *text, size_t len, void *out, struct afcq_error *err);
	json_t *(*emit)(const void *v);
	void (*done)(void *v);
};

#define FUZZ_DECODER(NAME, TYPE, PARSE, EMIT, DONE)                                             \
	static enum afcq_status NAME##_parse(const char *text, size_t len, void *out,            \
					     struct afcq_error *err)                             \
	{                                                                                        \
		return PARSE(text, len, (TYPE *)out, err);                                       \
	}                                                                                        \
	static json_t *NAME##_emit(const void *v) { return EMIT((const TYPE *)v); }              \
	static void NAME##_done(void *v) { DONE((TYPE *)v); }                                    \
	static const struct fuzz_decoder NAME = { .name = #NAME, .size = sizeof(TYPE),           \
		.parse = NAME##_parse, .emit = NAME##_emit, .done = NAME##_done }

/* Decodes text with d.  A refusal must carry a one-line message
 * (fuzz_check_error).  What decodes must round-trip: emitted, decoded
 * again and emitted, it gives the same text; then then(v, emitted text) is
 * called on it when then is not NULL.  Returns true when text decoded. */
bool fuzz_round_trip(const struct fuzz_decoder *d, const char *text, size_t len,
		     void (*then)(const void *v, const char *emitted));

/* The top of the source tree: $AFCQ_TOP, else the current directory.
 * Borrowed string. */
const char *fuzz_top(void);

#endif
