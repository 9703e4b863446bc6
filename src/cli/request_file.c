/* request_file.c - a CalcTaxes request from a file or stdin, checked before
 * anything is sent: every validation problem is printed, one a line. */
#include "cli.h"

#include "afcq/stream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "afcq/catalog.h"
#include "afcq/codec.h"
#include "afcq/outgoing.h"
#include "afcq/str.h"
#include "afcq/validate.h"

/* Every problem, one a line: "afcq: PATH: MESSAGE". */
static void print_problems(const struct afcq_problems *probs)
{
	for (size_t i = 0; i < probs->n; i++) {
		if (afcq_str_empty(probs->v[i].path))
			fprintf(stderr, "afcq: %s\n", probs->v[i].msg);
		else
			fprintf(stderr, "afcq: %s: %s\n", probs->v[i].path, probs->v[i].msg);
	}
}

/* Gives the file at path to fn in 64 KiB pieces: AFCQ_OK when fn took it
 * all; not when it cannot be opened or read, passes AFCQ_MAX_BODY or fn
 * refuses a piece (the caller then reads it whole, which words it). */
typedef enum afcq_status (*piece_fn)(void *ud, const char *data, size_t len,
				     struct afcq_error *err);
static enum afcq_status feed_file(const char *path, piece_fn fn, void *ud)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return AFCQ_ERR_USAGE;
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = AFCQ_OK;
	char chunk[65536];
	size_t n, total = 0;
	while (st == AFCQ_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		total += n;
		st = total > AFCQ_MAX_BODY ? AFCQ_ERR_USAGE : fn(ud, chunk, n, &err);
	}
	if (st == AFCQ_OK && ferror(f))
		st = AFCQ_ERR_USAGE;
	fclose(f);
	return st;
}

static enum afcq_status stream_piece(void *ud, const char *data, size_t len,
				     struct afcq_error *err)
{
	return afcq_stream_feed(ud, data, len, err);
}

static enum afcq_status outgoing_piece(void *ud, const char *data, size_t len,
				       struct afcq_error *err)
{
	return afcq_outgoing_feed(ud, data, len, err);
}

/* A regular file decoded as it is read, so a long request's text is not
 * held whole beside its model.  true when the stream took it all; false
 * (nothing said, *out empty) for anything else: what the stream refuses
 * (the relaxed syntax), a file it cannot read or one over the size limit,
 * which the whole text's reading then reads or words. */
static bool load_streamed(const char *path, struct afcq_request *out)
{
	struct afcq_stream *s = afcq_stream_new_request(out);
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = feed_file(path, stream_piece, s);
	if (st == AFCQ_OK)
		st = afcq_stream_finish(s, &err);
	afcq_stream_free(s);
	if (st != AFCQ_OK)
		afcq_request_done(out);
	return st == AFCQ_OK;
}

int cli_request_load(const char *path, struct afcq_request *out)
{
	const char *shown = strcmp(path, "-") == 0 ? "(stdin)" : path;
	struct stat sb;
	bool named = strcmp(path, "-") != 0 && stat(path, &sb) == 0;
	if (named && S_ISDIR(sb.st_mode))
		return cli_failf(CLI_EXIT_USAGE, "%s: is a directory, not a request file", shown);
	/* Only a regular file can be read a second time, as the tree reader
	 * needs when the stream refuses the text. */
	bool streamed = named && S_ISREG(sb.st_mode);
	if (streamed && load_streamed(path, out))
		return CLI_EXIT_OK;
	size_t len = 0;
	char *text = afcq_read_file(path, &len);
	if (!text && errno == EFBIG)
		return cli_failf(CLI_EXIT_USAGE,
				 "%s: larger than %zu MB, the most the service accepts in one "
				 "request; split it into smaller requests", shown,
				 AFCQ_MAX_BODY / (1024 * 1024));
	if (!text)
		return cli_failf(CLI_EXIT_USAGE, "%s: %s", shown, strerror(errno));
	struct afcq_error err;
	afcq_error_clear(&err);
	/* Streamed into the model (a long request's tree costs more than its
	 * text), unless a regular file's stream refused it already; the
	 * relaxed syntax of the documentation goes to the tree reader, which
	 * also words every refusal. */
	enum afcq_status st = streamed ? AFCQ_ERR_PARSE
				       : afcq_stream_decode_request(text, len, out, &err);
	if (st != AFCQ_OK) {
		afcq_error_clear(&err);
		st = afcq_codec_parse_request(text, len, out, &err);
	}
	free(text);
	if (st != AFCQ_OK) {
		/* A syntax error names the file (its message holds line and
		 * column); a field error names the field path. */
		if (err.where[0])
			fprintf(stderr, "afcq: %s: %s\n", err.where, err.msg);
		else
			fprintf(stderr, "afcq: %s: %s\n", shown, err.msg[0] ? err.msg : "not a request");
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

int cli_request_read_quote(const char *path, struct afcq_outgoing *o)
{
	struct stat sb;
	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return CLI_READ_OTHERWISE;
	afcq_outgoing_init(o);
	struct afcq_error err;
	afcq_error_clear(&err);
	enum afcq_status st = feed_file(path, outgoing_piece, o);
	if (st == AFCQ_OK)
		st = afcq_outgoing_finish(o, &err);
	if (st != AFCQ_OK) {
		afcq_outgoing_done(o);
		return CLI_READ_OTHERWISE;
	}
	print_problems(&o->problems);
	return o->problems.n ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}

int cli_request_check(const struct afcq_request *r)
{
	return cli_request_check_pairs(r, NULL);
}

int cli_request_check_pairs(const struct afcq_request *r, const struct afcq_catalog *cat)
{
	struct afcq_problems probs = { 0 };
	size_t n = cat ? afcq_validate_request(r, afcq_catalog_tspair_known, (void *)cat, &probs)
		       : afcq_validate_request(r, NULL, NULL, &probs);
	print_problems(&probs);
	afcq_problems_done(&probs);
	return n ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}

/* cli_request_check_pairs for a request known by its items' pairs. */
static int check_pairs_only(const struct afcq_item_pairs *pairs, const struct afcq_catalog *cat)
{
	struct afcq_problems probs = { 0 };
	size_t n = afcq_validate_pairs(pairs, afcq_catalog_tspair_known, (void *)cat, &probs);
	print_problems(&probs);
	afcq_problems_done(&probs);
	return n ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}

int cli_request_check_catalog(struct cli_session *s, const struct afcq_request *r,
			      const struct afcq_item_pairs *pairs)
{
	/* --print-curl prints the one request the command sends, not a look-up */
	if (s->opts->print_curl)
		return CLI_EXIT_OK;
	struct afcq_catalog cat;
	afcq_catalog_init(&cat);
	struct afcq_error err;
	afcq_error_clear(&err);
	/* A catalog that cannot be had (refused, no lookups served) checks
	 * nothing: the request itself then meets its own fate and is recorded.
	 * An endpoint without catalogs (a lookup answered 404 or with something
	 * that is not a catalog) is said in one line; the absence is cached,
	 * so the next commands do not ask again.  A cached catalog that
	 * refuses a pair is fetched again once before refusing.  An endpoint
	 * that let the lookup time out would make the request wait as long
	 * again for nothing, so that stops here (nothing was sent). */
	int rc = CLI_EXIT_OK;
	/* only pairs are checked: the cache's two numbers a pair will do */
	const struct afcq_catalog_opts only_pairs = { .pairs_only = true };
	enum afcq_status st = afcq_catalog_load(&cat, &s->api, &only_pairs, &err);
	if (st == AFCQ_OK && pairs)
		afcq_catalog_confirm_pairs(&cat, &s->api, NULL, pairs);
	else if (st == AFCQ_OK)
		afcq_catalog_confirm(&cat, &s->api, NULL, r);
	if (st == AFCQ_OK && cat.absent) {
		fprintf(stderr, "afcq: T/S pairs not checked: the endpoint's catalog is unavailable"
				" (%s)\n", cat.absent_why);
	} else if (st == AFCQ_OK && cat.tspairs.n) {
		rc = pairs ? check_pairs_only(pairs, &cat) : cli_request_check_pairs(r, &cat);
	} else if (st == AFCQ_ERR_NET && err.cause == AFCQ_CAUSE_TIMEOUT) {
		rc = cli_fail(&err);
	}
	afcq_catalog_done(&cat);
	return rc;
}
