/* stream_int.h - private to stream.c (the decoder) and stream_feed.c
 * (feeding it): the stream's state. */
#ifndef AFCQ_STREAM_INT_H
#define AFCQ_STREAM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <yajl/yajl_parse.h>

#include "../core/codec_fields.h"
#include "afcq/stream.h"

/* jansson's own nesting limit: deeper text is refused there too. */
#define STREAM_MAX_DEPTH 2048
#define STREAM_MAX_FRAMES 32

enum frame_kind { F_OBJECT, F_ARRAY, F_SKIP, F_TREE };

struct frame {
	enum frame_kind kind;
	const struct codec_table *t;     /* OBJECT: its table; ARRAY: the elements' */
	char *base;                      /* OBJECT: the struct being filled */
	const struct codec_field *next;  /* OBJECT: field of the value to come */
	uint64_t seen;                   /* OBJECT: fields met, by table index */
	size_t hint;                     /* OBJECT: index of the field expected next */
	/* How this frame hangs from its parent, for paths. */
	const char *key;                 /* opened by this key of the parent object */
	size_t index;                    /* element index in the parent array */
	bool element;                    /* an element of the parent array frame */
	/* ARRAY */
	const struct codec_field *af;    /* the array field */
	char *owner;                     /* the struct holding it */
	size_t cap;
	/* SKIP / TREE */
	int depth;
	json_t *tree[64];                /* TREE: open containers (deeper: refused) */
	char *tree_key[64];              /* TREE: key awaiting a value per object */
	const struct codec_field *tf;    /* TREE: the field */
	char *tbase;                     /* TREE: its struct */
};

struct afcq_stream {
	yajl_handle y;
	const struct codec_table *root;  /* the table of the whole text */
	void *root_base;                 /* the struct it fills */
	struct afcq_response *out;       /* an answer's (callbacks), or NULL */
	afcq_stream_item_fn on_item;
	afcq_stream_invoice_fn on_invoice;
	afcq_stream_request_invoice_fn on_request_invoice; /* a request's */
	void *ud;
	struct frame f[STREAM_MAX_FRAMES];
	int n;                           /* frames in use */
	int depth;                       /* JSON nesting, all frames */
	size_t fed;
	size_t bom;                      /* bytes of a byte order mark read */
	char esc[4];                     /* an escape's bytes after its backslash */
	size_t n_esc;
	bool in_esc;
	size_t tail;                     /* where the answer ended in the last piece */
	bool started, done, failed;
	struct afcq_error err;           /* the first failure */
};

/* Notes the first failure (a type error at path) and stops the parse:
 * returns 0, what a yajl callback returns to stop. */
int stream_fail(struct afcq_stream *s, const char *path, const char *msg);

/* The decoder's yajl callbacks; their context is the stream. */
extern const yajl_callbacks stream_callbacks;

#endif
