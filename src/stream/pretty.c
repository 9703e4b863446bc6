/* pretty.c - JSON text pretty-printed as its bytes arrive (stream.h).
 *
 * yajl's callbacks write the layout of afcq_json_dump(AFCQ_JSON_PRETTY):
 * each member and element on its own line, two spaces a level, "key":
 * value, empty objects and arrays as {} and [].  Strings are written as the
 * dumper writes them (decoded by yajl, escaped again with only the escapes
 * JSON needs); numbers and literals as they came.  The text goes out in
 * pieces of about 64 KiB, so a long answer is never held.
 */
#include "afcq/stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "../core/codec_fields.h"
#include "afcq/str.h"

#define FLUSH_AT (64 * 1024)

struct afcq_pretty {
	yajl_handle y;
	FILE *f;
	struct afcq_buf out;
	int depth;
	bool opened;    /* a container was just opened: its first line is not written yet */
	bool after_key; /* a key was written: the value follows on its line */
	bool first;     /* no element yet at this level */
	bool failed;
};

static void flush(struct afcq_pretty *p, bool all)
{
	if (p->out.len && (all || p->out.len >= FLUSH_AT)) {
		fwrite(p->out.data, 1, p->out.len, p->f);
		p->out.len = 0;
		p->out.data[0] = '\0';
	}
}

static void newline(struct afcq_pretty *p)
{
	afcq_buf_append(&p->out, "\n", 1);
	for (int d = 0; d < p->depth; d++)
		afcq_buf_append(&p->out, "  ", 2);
}

/* Before a value (or a key): the separator and the line it starts. */
static void before_item(struct afcq_pretty *p)
{
	if (p->after_key) {
		p->after_key = false;
		return;
	}
	if (p->depth == 0)
		return;
	if (!p->first)
		afcq_buf_append(&p->out, ",", 1);
	p->first = false;
	newline(p);
}

static int scalar(void *ctx, const char *text, size_t len)
{
	struct afcq_pretty *p = ctx;
	before_item(p);
	afcq_buf_append(&p->out, text, len);
	flush(p, false);
	return 1;
}

static int cb_null(void *ctx)
{
	return scalar(ctx, "null", 4);
}

static int cb_boolean(void *ctx, int b)
{
	return b ? scalar(ctx, "true", 4) : scalar(ctx, "false", 5);
}

static int cb_number(void *ctx, const char *text, size_t len)
{
	return scalar(ctx, text, len);
}

static int cb_string(void *ctx, const unsigned char *text, size_t len)
{
	struct afcq_pretty *p = ctx;
	before_item(p);
	codec_dump_string(&p->out, (const char *)text, len);
	flush(p, false);
	return 1;
}

static int open_level(void *ctx, char c)
{
	struct afcq_pretty *p = ctx;
	before_item(p);
	afcq_buf_append(&p->out, &c, 1);
	p->depth++;
	p->first = true;
	return 1;
}

static int close_level(void *ctx, char c)
{
	struct afcq_pretty *p = ctx;
	bool empty = p->first;
	p->depth--;
	if (!empty)
		newline(p);
	afcq_buf_append(&p->out, &c, 1);
	p->first = false;
	flush(p, false);
	return 1;
}

static int cb_start_map(void *ctx)
{
	return open_level(ctx, '{');
}

static int cb_end_map(void *ctx)
{
	return close_level(ctx, '}');
}

static int cb_start_array(void *ctx)
{
	return open_level(ctx, '[');
}

static int cb_end_array(void *ctx)
{
	return close_level(ctx, ']');
}

static int cb_map_key(void *ctx, const unsigned char *key, size_t len)
{
	struct afcq_pretty *p = ctx;
	before_item(p);
	codec_dump_string(&p->out, (const char *)key, len);
	afcq_buf_append(&p->out, ": ", 2);
	p->after_key = true;
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end_map,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end_array,
};

struct afcq_pretty *afcq_pretty_new(FILE *f)
{
	struct afcq_pretty *p = afcq_xcalloc(1, sizeof *p);
	p->f = f;
	afcq_buf_init(&p->out);
	afcq_buf_append(&p->out, "", 0);
	p->y = yajl_alloc(&callbacks, NULL, p);
	if (!p->y) {
		fputs("afcq: out of memory\n", stderr);
		exit(70);
	}
	yajl_config(p->y, yajl_allow_comments, 1);
	return p;
}

static enum afcq_status refused(struct afcq_pretty *p, const unsigned char *data, size_t len,
				struct afcq_error *err)
{
	unsigned char *m = yajl_get_error(p->y, 0, data, len);
	afcq_error_set(err, AFCQ_ERR_PARSE, "", "%s", m ? (const char *)m : "not JSON");
	if (m)
		yajl_free_error(p->y, m);
	p->failed = true;
	return AFCQ_ERR_PARSE;
}

enum afcq_status afcq_pretty_feed(struct afcq_pretty *p, const char *data, size_t len,
				  struct afcq_error *err)
{
	if (p->failed)
		return afcq_error_set(err, AFCQ_ERR_PARSE, "", "not JSON");
	if (yajl_parse(p->y, (const unsigned char *)data, len) != yajl_status_ok)
		return refused(p, (const unsigned char *)data, len, err);
	return AFCQ_OK;
}

enum afcq_status afcq_pretty_finish(struct afcq_pretty *p, struct afcq_error *err)
{
	enum afcq_status st = AFCQ_OK;
	if (p->failed)
		st = afcq_error_set(err, AFCQ_ERR_PARSE, "", "not JSON");
	else if (yajl_complete_parse(p->y) != yajl_status_ok)
		st = refused(p, (const unsigned char *)"", 0, err);
	afcq_buf_append(&p->out, "\n", 1);
	flush(p, true);
	return st;
}

void afcq_pretty_free(struct afcq_pretty *p)
{
	if (!p)
		return;
	yajl_free(p->y);
	afcq_buf_done(&p->out);
	free(p);
}
