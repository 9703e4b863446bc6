#include "config_table.h"

/* config_table.c - the keys of the configuration file, described once.
 * Adding a key: add a row here (and its target field), document it in
 * config.example; the loader, the checks, the hints and check-config follow. */

#include <ctype.h>
#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#include "afcq/config.h"
#include "afcq/log.h"
#include "afcq/pg.h"
#include "afcq/str.h"

#define MAX_STR 150

/* ---- validators --------------------------------------------------------------- */

const char *config_check_endpoint(const char *s)
{
	if (strcmp(s, "sandbox") == 0)
		return NULL;
	const char *host = NULL;
	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	if (!host)
		return "must be \"sandbox\" or a URL starting with https:// or http://";
	if (*host == '\0' || *host == '/')
		return "the URL has no host name";
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p))
			return "the URL contains a space or a control character";
	return NULL;
}

const char *config_check_log_level(const char *s)
{
	enum afcq_log_level lv;
	return afcq_log_level_parse(s, &lv) ? NULL : "must be error, warn, info or debug";
}

static const char *check_env_name(const char *s)
{
	if (!isalpha((unsigned char)s[0]) && s[0] != '_')
		return "must be the name of an environment variable, such as AFCQ_PASSWORD";
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return "must be the name of an environment variable, such as AFCQ_PASSWORD";
	return NULL;
}

/* ---- the tables --------------------------------------------------------------- */

#define CFG(field) offsetof(struct afcq_config, field)
#define PRF(field) offsetof(struct config_profile, field)
#define INT CONFIG_KEY_INT
#define BOOL CONFIG_KEY_BOOL
#define STR CONFIG_KEY_STRING

/* No size given: the declaration in the header fixes it, so a row too many
 * or too few does not compile. */
const struct config_key config_top_keys[] = {
	{ "version", INT, CONFIG_NO_TARGET, "1", 1, 1, NULL, "1 (the only version this afcq reads)" },
	{ "profile", STR, CFG(profile), "sandbox", 1, 64, NULL,
	  "the name of a profile under profiles" },
	{ "store", STR, CFG(store), "", 0, 1024, afcq_pg_check_setting,
	  "a PostgreSQL connection string, postgresql://USER@HOST/DATABASE, without a password" },
	{ "company.bscl", INT, CFG(company.bscl.v), "1", 0, 1, NULL, "0 ILEC or 1 CLEC" },
	{ "company.svcl", INT, CFG(company.svcl.v), "0", 0, 1, NULL,
	  "0 primarily local or 1 primarily long distance" },
	{ "company.fclt", BOOL, CFG(company.fclt.v), "false", 0, 0, NULL, "true or false" },
	{ "company.frch", BOOL, CFG(company.frch.v), "false", 0, 0, NULL, "true or false" },
	{ "company.reg", BOOL, CFG(company.reg.v), "false", 0, 0, NULL, "true or false" },
	{ "company.idnt", STR, CFG(company.idnt), "", 0, MAX_STR, NULL,
	  "a company identifier of at most 150 bytes" },
	{ "defaults.cust", INT, CFG(defaults.cust), "0", 0, 3, NULL,
	  "0 Residential, 1 Business, 2 Senior Citizen or 3 Industrial" },
	{ "defaults.sale", INT, CFG(defaults.sale), "1", 0, 3, NULL,
	  "0 Wholesale, 1 Retail, 2 Consumed or 3 Vendor Use" },
	{ "defaults.invm", BOOL, CFG(defaults.invm), "true", 0, 0, NULL, "true or false" },
	{ "defaults.dtl", BOOL, CFG(defaults.dtl), "true", 0, 0, NULL, "true or false" },
	{ "defaults.summ", BOOL, CFG(defaults.summ), "true", 0, 0, NULL, "true or false" },
	{ "ui.theme", STR, CFG(ui.theme), "default", 1, 64, NULL,
	  "a theme name such as default, dark, light, high-contrast or mono" },
	{ "ui.mouse", BOOL, CFG(ui.mouse), "false", 0, 0, NULL, "true or false" },
	{ "log.level", STR, CFG(log.level), "info", 1, 8, config_check_log_level,
	  "error, warn, info or debug" },
	{ "log.max_kb", INT, CFG(log.max_kb), "1024", 16, 1048576, NULL,
	  "kilobytes, 16 to 1048576: past it the log is rotated" },
};

const struct config_key config_profile_keys[CONFIG_N_PROFILE] = {
	[CONFIG_PK_ENDPOINT] = { "endpoint", STR, PRF(endpoint), NULL, 1, 512,
				 config_check_endpoint, "\"sandbox\" or an https:// URL" },
	[CONFIG_PK_USERNAME] = { "username", STR, PRF(username), NULL, 0, MAX_STR, NULL,
				 "a user name" },
	[CONFIG_PK_PASSWORD] = { "password", STR, PRF(password), NULL, 0, MAX_STR, NULL,
				 "a password" },
	[CONFIG_PK_PASSWORD_ENV] = { "password_env", STR, PRF(password_env), NULL, 1, 128,
				     check_env_name, "the name of an environment variable" },
	[CONFIG_PK_CLIENT_ID] = { "client_id", INT, PRF(client_id), NULL, 0, INT64_MAX, NULL,
				  "a client account number (0 or more)" },
	[CONFIG_PK_CLIENT_PROFILE_ID] = { "client_profile_id", INT, PRF(client_profile_id), NULL,
					  0, INT64_MAX, NULL,
					  "a customization profile number (0 = none)" },
	[CONFIG_PK_TIMEOUT] = { "timeout", INT, PRF(timeout), "30", 1, 3600, NULL,
				"seconds, 1 to 3600" },
	[CONFIG_PK_CONNECT_TIMEOUT] = { "connect_timeout", INT, PRF(connect_timeout), "10", 1, 300,
					NULL, "seconds, 1 to 300" },
	[CONFIG_PK_CA_FILE] = { "ca_file", STR, PRF(ca_file), NULL, 1, 4096, NULL,
				"the path of a CA bundle" },
	[CONFIG_PK_ALLOW_COMMIT] = { "allow_commit", BOOL, PRF(allow_commit), "true", 0, 0, NULL,
				     "true or false (false: quotes only, never an invoice or a "
				     "commit)" },
};

_Static_assert(CONFIG_N_PROFILE <= sizeof ((struct config_profile *)0)->src /
					   sizeof(struct config_src),
	       "struct config_profile src[] too small for the profile keys");

/* ---- lookups ------------------------------------------------------------------ */

const struct config_key *config_key_find(const struct config_key *keys, size_t n,
					 const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i].path, path) == 0)
			return &keys[i];
	return NULL;
}

bool config_key_is_section(const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < CONFIG_N_TOP; i++)
		if (strncmp(config_top_keys[i].path, path, n) == 0 &&
		    config_top_keys[i].path[n] == '.')
			return true;
	return false;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return SIZE_MAX;
	size_t row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *config_key_closest(const struct config_key *keys, size_t n, const char *path)
{
	const char *best = NULL;
	size_t best_d = 3;
	const char *dot = strrchr(path, '.');
	size_t sect = dot ? (size_t)(dot - path + 1) : 0;
	for (size_t i = 0; i < n; i++) {
		if (strncmp(keys[i].path, path, sect) != 0)
			continue;
		if (strchr(keys[i].path + sect, '.'))
			continue;
		size_t d = edit_distance(keys[i].path + sect, path + sect);
		if (d < best_d) {
			best_d = d;
			best = keys[i].path;
		}
	}
	return best;
}

/* ---- values ------------------------------------------------------------------- */

void config_key_set_default(void *base, const struct config_key *k)
{
	if (k->target == CONFIG_NO_TARGET)
		return;
	void *p = (char *)base + k->target;
	switch (k->type) {
	case CONFIG_KEY_INT:
		*(long long *)p = k->def ? strtoll(k->def, NULL, 10) : 0;
		break;
	case CONFIG_KEY_BOOL:
		*(bool *)p = k->def && strcmp(k->def, "true") == 0;
		break;
	case CONFIG_KEY_STRING:
		free(*(char **)p);
		*(char **)p = afcq_xstrdup(k->def);
		break;
	}
}

char *config_key_value_text(const void *base, const struct config_key *k, bool set)
{
	if (k->target == CONFIG_NO_TARGET)
		return afcq_xstrdup(k->def);
	const void *p = (const char *)base + k->target;
	switch (k->type) {
	case CONFIG_KEY_INT:
		return set ? afcq_xasprintf("%lld", *(const long long *)p) : afcq_xstrdup("(none)");
	case CONFIG_KEY_BOOL:
		return afcq_xstrdup(*(const bool *)p ? "true" : "false");
	case CONFIG_KEY_STRING: {
		const char *s = *(char *const *)p;
		return afcq_xstrdup(s ? s : "(none)");
	}
	}
	return afcq_xstrdup("?");
}

const char *config_type_name(int t)
{
	switch (t) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64: return "an integer";
	case CONFIG_TYPE_FLOAT: return "a number with a fraction";
	case CONFIG_TYPE_STRING: return "a string";
	case CONFIG_TYPE_BOOL: return "true/false";
	case CONFIG_TYPE_GROUP: return "a group { }";
	case CONFIG_TYPE_ARRAY: return "an array [ ]";
	case CONFIG_TYPE_LIST: return "a list ( )";
	}
	return "nothing";
}

const char *config_key_type_name(enum config_key_type t)
{
	switch (t) {
	case CONFIG_KEY_INT: return "an integer";
	case CONFIG_KEY_BOOL: return "true or false";
	case CONFIG_KEY_STRING: return "a string in double quotes";
	}
	return "?";
}
