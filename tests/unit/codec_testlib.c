/* codec_testlib.c - fixtures and JSON comparison shared by the codec
 * tests (see codec_testlib.h). */
#include "codec_testlib.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/codec.h"
#include "afcq/str.h"

char *codec_test_fixture(const char *name, size_t *len)
{
	const char *top = getenv("AFCQ_TOP");
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/fixtures/codec/%s", top && *top ? top : ".", name);
	size_t n = 0;
	char *text = afcq_read_file(path, &n);
	if (!text)
		fail_msg("cannot read fixture %s", path);
	if (len)
		*len = n;
	return text;
}

json_t *codec_test_fixture_json(const char *name)
{
	size_t len;
	char *text = codec_test_fixture(name, &len);
	json_t *j = NULL;
	struct afcq_error err;
	afcq_error_clear(&err);
	assert_int_equal(afcq_json_parse(text, len, &j, &err), AFCQ_OK);
	free(text);
	return j;
}

bool codec_test_json_same(const json_t *a, const json_t *b, const char *path)
{
	if (json_is_number(a) && json_is_number(b)) {
		if (json_number_value(a) == json_number_value(b))
			return true;
		print_error("%s: %.17g != %.17g\n", path, json_number_value(a), json_number_value(b));
		return false;
	}
	if (json_typeof(a) != json_typeof(b)) {
		print_error("%s: types differ\n", path);
		return false;
	}
	if (json_is_object(a)) {
		if (json_object_size(a) != json_object_size(b)) {
			print_error("%s: %zu keys != %zu keys\n", path, json_object_size(a),
				    json_object_size(b));
			return false;
		}
		void *ia = json_object_iter((json_t *)a), *ib = json_object_iter((json_t *)b);
		for (; ia && ib; ia = json_object_iter_next((json_t *)a, ia),
				 ib = json_object_iter_next((json_t *)b, ib)) {
			char p[512];
			snprintf(p, sizeof p, "%s.%s", path, json_object_iter_key(ia));
			if (strcmp(json_object_iter_key(ia), json_object_iter_key(ib)) != 0) {
				print_error("%s: key order differs (%s)\n", p, json_object_iter_key(ib));
				return false;
			}
			if (!codec_test_json_same(json_object_iter_value(ia), json_object_iter_value(ib), p))
				return false;
		}
		return true;
	}
	if (json_is_array(a)) {
		if (json_array_size(a) != json_array_size(b)) {
			print_error("%s: array sizes differ\n", path);
			return false;
		}
		for (size_t i = 0; i < json_array_size(a); i++) {
			char p[512];
			snprintf(p, sizeof p, "%s[%zu]", path, i);
			if (!codec_test_json_same(json_array_get(a, i), json_array_get(b, i), p))
				return false;
		}
		return true;
	}
	if (!json_equal((json_t *)a, (json_t *)b)) {
		print_error("%s: values differ\n", path);
		return false;
	}
	return true;
}

void codec_test_assert_error_line(const struct afcq_error *e, const char *want)
{
	char line[800];
	afcq_error_line(e, line, sizeof line);
	assert_string_equal(line, want);
}

/* ---- requests -------------------------------------------------------------- */
