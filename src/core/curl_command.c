#include "afcq/curl_command.h"

#include <stdlib.h>
#include <string.h>

#include "afcq/str.h"

/* s single-quoted for a POSIX shell: ' becomes '\''. */
static void put_quoted(struct afcq_buf *b, const char *s)
{
	afcq_buf_puts(b, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			afcq_buf_puts(b, "'\\''");
		else
			afcq_buf_append(b, p, 1);
	}
	afcq_buf_puts(b, "'");
}

static bool env_name_ok(const char *s)
{
	if (!s || !*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

char *afcq_curl_command(const struct afcq_endpoint *ep, const char *password_env,
			const char *method, const char *path, const char *body)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	bool post = strcmp(method, "POST") == 0;
	char *url = afcq_xasprintf("%s%s", ep->base_url ? ep->base_url : "", path);
	afcq_buf_puts(&b, "curl -sS -X ");
	afcq_buf_puts(&b, post ? "POST " : "GET ");
	put_quoted(&b, url);
	free(url);
	char lines[AFCQ_MAX_HEADERS][AFCQ_HEADER_LINE];
	size_t n = afcq_client_header_lines(ep, post && body, lines, AFCQ_MAX_HEADERS);
	for (size_t i = 0; i < n; i++) {
		afcq_buf_puts(&b, " \\\n  -H ");
		put_quoted(&b, lines[i]);
	}
	if (!afcq_str_empty(ep->username)) {
		const char *var = env_name_ok(password_env) ? password_env : "AFCQ_PASSWORD";
		afcq_buf_puts(&b, " \\\n  --basic -u ");
		char *user = afcq_xasprintf("%s:", ep->username);
		put_quoted(&b, user);
		free(user);
		afcq_buf_printf(&b, "\"$%s\"", var);
	}
	long total = ep->timeout_s > 0 ? ep->timeout_s : 30;
	long conn = ep->connect_timeout_s > 0 ? ep->connect_timeout_s : 10;
	afcq_buf_printf(&b, " \\\n  --proto '=http,https' --tlsv1.2 --connect-timeout %ld "
			    "--max-time %ld -A 'afcq/%s'",
			conn, total, AFCQ_VERSION);
	/* afcq never sends a loopback request through a proxy */
	if (ep->base_url && (strstr(ep->base_url, "//127.0.0.1") || strstr(ep->base_url, "//localhost") ||
			     strstr(ep->base_url, "//[::1]")))
		afcq_buf_puts(&b, " --noproxy '*'");
	if (ep->ca_file) {
		afcq_buf_puts(&b, " \\\n  --cacert ");
		put_quoted(&b, ep->ca_file);
	}
	if (post && body) {
		afcq_buf_puts(&b, " \\\n  --data-binary ");
		put_quoted(&b, body);
	}
	afcq_buf_puts(&b, "\n");
	return afcq_buf_steal(&b);
}
