/* catalog_testlib.c - see catalog_testlib.h. */
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
#include "afcq/validate.h"
#include "catalog_testlib.h"

void catalog_test_temp_dir(char *buf, size_t n)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(buf, n, "%s/afcq-catalog-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	assert_non_null(mkdtemp(buf));
}

void catalog_test_remove_tree(const char *dir)
{
	char *cmd = afcq_xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

void catalog_test_must(enum afcq_status st, const struct afcq_error *err, const char *what)
{
	char line[1024];
	if (st != AFCQ_OK)
		fail_msg("%s: %s", what, afcq_error_line(err, line, sizeof line));
}

static const char voip_request[] =
	"{ \"cmpn\": { \"bscl\": 0, \"svcl\": 0, \"fclt\": true, \"frch\": false, \"reg\": true },\n"
	"  \"inv\": [ { \"doc\": \"CAT-1\", \"cmmt\": false, \"bill\": { \"pcd\": 3726100 },\n"
	"      \"cust\": 0, \"date\": \"2022-03-02\",\n"
	"      \"itms\": [ { \"ref\": \"a\", \"chg\": 15, \"sale\": 1, \"tran\": 19, \"serv\": %d } ] } ] }";

char *catalog_test_voip_text(int serv)
{
	return afcq_xasprintf(voip_request, serv);
}

size_t catalog_test_problems(int serv, struct afcq_catalog *cat, char *first, size_t n)
{
	char *text = catalog_test_voip_text(serv);
	struct afcq_request r = { 0 };
	struct afcq_error err;
	catalog_test_must(afcq_codec_parse_request(text, strlen(text), &r, &err), &err, "parse");
	free(text);
	struct afcq_problems pr = { 0 };
	size_t k = afcq_validate_request(&r, afcq_catalog_tspair_known, cat, &pr);
	snprintf(first, n, "%s: %s", k ? pr.v[0].path : "", k ? pr.v[0].msg : "");
	afcq_problems_done(&pr);
	afcq_request_done(&r);
	return k;
}
