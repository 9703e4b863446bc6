/* fuzz_config.c - the configuration loader, from file text to a profile.
 *
 * Each input is written to a fresh private temporary file (mode 0600) and
 * loaded as --config FILE.  For any input the loader either succeeds or
 * fails with a one-line message; a loaded configuration never shows a
 * password among its origins (check-config prints them), and its defaults
 * apply to a request.  Inputs that hold an @include are skipped: libconfig
 * would read whatever file they name (a FIFO or /dev/zero never ends).
 */
#include "fuzzlib.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/config.h"
#include "afcq/model.h"
#include "afcq/str.h"

static bool has_include(const uint8_t *data, size_t size)
{
	static const char word[] = "include";

	for (size_t i = 0; i < size; i++) {
		size_t j = i + 1, k = 0;

		if (data[i] != '@')
			continue;
		while (j < size && (data[j] == ' ' || data[j] == '\t'))
			j++;
		while (k < sizeof(word) - 1 && j + k < size &&
		       tolower(data[j + k]) == word[k])
			k++;
		if (k == sizeof(word) - 1)
			return true;
	}
	return false;
}

static void check_loaded(struct afcq_config *cfg)
{
	struct afcq_request r;

	for (size_t i = 0; i < cfg->n_origins; i++) {
		const char *key = cfg->origins[i].key, *dot = strrchr(key, '.');

		if (dot && strcmp(dot, ".password") == 0)
			fuzz_check(strcmp(cfg->origins[i].value, "(hidden)") == 0 ||
					   strcmp(cfg->origins[i].value, "(none)") == 0,
				   "a password is shown among the origins", key, NULL);
	}
	afcq_request_init(&r);
	fuzz_check(afcq_request_add_invoice(&r) == 0 &&
			   afcq_invoice_insert_item(&r.inv[0], 0) == 0,
		   "cannot build a request", NULL, NULL);
	afcq_config_apply_defaults(cfg, &r);
	afcq_request_done(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	char *path;
	int fd;

	if (has_include(data, size))
		return 0;
	path = afcq_xasprintf("%s/afcq-fuzz-config.XXXXXX", afcq_str_empty(tmp) ? P_tmpdir : tmp);
	fd = mkstemp(path);
	fuzz_check(fd >= 0, "cannot create a temporary file", path, NULL);
	fuzz_check(fchmod(fd, 0600) == 0 && (size == 0 || write(fd, data, size) == (ssize_t)size),
		   "cannot write the temporary file", path, NULL);
	close(fd);

	struct afcq_config_overrides ov = { .path = path };
	struct afcq_config cfg = { 0 };
	struct afcq_error err;

	afcq_error_clear(&err);
	enum afcq_status st = afcq_config_load(&ov, &cfg, &err);
	if (st != AFCQ_OK)
		fuzz_check_error(st, &err);
	else
		check_loaded(&cfg);
	afcq_config_done(&cfg);
	unlink(path);
	free(path);
	return 0;
}
