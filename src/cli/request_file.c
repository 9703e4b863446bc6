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
#include "afcq/str.h"
#include "afcq/validate.h"

int cli_request_load(const char *path, struct afcq_request *out)
{
	const char *shown = strcmp(path, "-") == 0 ? "(stdin)" : path;
	struct stat sb;
	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return cli_failf(CLI_EXIT_USAGE, "%s: is a directory, not a request file", shown);
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
	 * text); the relaxed syntax of the documentation goes to the tree
	 * reader, which also words every refusal. */
	enum afcq_status st = afcq_stream_decode_request(text, len, out, &err);
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

int cli_request_check(const struct afcq_request *r)
{
	return cli_request_check_pairs(r, NULL);
}

int cli_request_check_pairs(const struct afcq_request *r, const struct afcq_catalog *cat)
{
	struct afcq_problems probs = { 0 };
	size_t n = cat ? afcq_validate_request(r, afcq_catalog_tspair_known, (void *)cat, &probs)
		       : afcq_validate_request(r, NULL, NULL, &probs);
	for (size_t i = 0; i < probs.n; i++) {
		if (afcq_str_empty(probs.v[i].path))
			fprintf(stderr, "afcq: %s\n", probs.v[i].msg);
		else
			fprintf(stderr, "afcq: %s: %s\n", probs.v[i].path, probs.v[i].msg);
	}
	afcq_problems_done(&probs);
	return n ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}

int cli_request_check_catalog(struct cli_session *s, const struct afcq_request *r)
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
	enum afcq_status st = afcq_catalog_load(&cat, &s->api, NULL, &err);
	if (st == AFCQ_OK)
		afcq_catalog_confirm(&cat, &s->api, NULL, r);
	if (st == AFCQ_OK && cat.absent) {
		fprintf(stderr, "afcq: T/S pairs not checked: the endpoint's catalog is unavailable"
				" (%s)\n", cat.absent_why);
	} else if (st == AFCQ_OK && cat.tspairs.n) {
		rc = cli_request_check_pairs(r, &cat);
	} else if (st == AFCQ_ERR_NET && err.cause == AFCQ_CAUSE_TIMEOUT) {
		rc = cli_fail(&err);
	}
	afcq_catalog_done(&cat);
	return rc;
}
