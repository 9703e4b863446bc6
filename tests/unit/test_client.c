/* Tests of the HTTP client against a scripted local server: answers,
 * failure classification, headers actually sent, TLS verification and the
 * asynchronous pump. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "afcq/client.h"
#include "httpd_fixture.h"
#include "net_testlib.h"

#define CALC "/api/v2/afc/CalcTaxes"

/* A self-signed certificate for 127.0.0.1 (valid 2000-2199) and its key,
 * made for these tests only. */
static const char test_cert[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBTzCB9qADAgECAhQD3vdiym3No1v639xVY/odG84q4DAKBggqhkjOPQQDAjAU\n"
	"MRIwEAYDVQQDDAkxMjcuMC4wLjEwIBcNMDAwMTAxMDAwMDAwWhgPMjE5OTEyMzEw\n"
	"MDAwMDBaMBQxEjAQBgNVBAMMCTEyNy4wLjAuMTBZMBMGByqGSM49AgEGCCqGSM49\n"
	"AwEHA0IABNPOcH6ybGMTRCpbZQcmF7/VDdah7nRysRfRb9sq+lXMRL3FlUN9ArFu\n"
	"wYvL9SDY2F8568ImFWAFj6Afs+ri3wCjJDAiMA8GA1UdEQQIMAaHBH8AAAEwDwYD\n"
	"VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBqgrNjRmkHqHRbi84e2gON\n"
	"yp+ClZ42sDJdbtVPzPKE1AIhAKRyL7xv/I4OQiHBwnX7e9RiJ8eLOL7WwvlL6vB0\n"
	"THZ/\n"
	"-----END CERTIFICATE-----\n";
static const char test_key[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgRc3Eib5M/m3lMavA\n"
	"FdHsh2Zb9GSxcwEnaUUHWcs9afGhRANCAATTznB+smxjE0QqW2UHJhe/1Q3Woe50\n"
	"crEX0W/bKvpVzES9xZVDfQKxbsGLy/Ug2NhfOevCJhVgBY+gH7Pq4t8A\n"
	"-----END PRIVATE KEY-----\n";

struct fx {
	struct httpd_fixture *srv;
	struct afcq_client *client;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	fx->srv = net_test_start(&fx->client);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	net_test_stop(fx->srv, fx->client);
	free(fx);
	return 0;
}

static char *url_of(struct fx *fx, const char *path)
{
	static char buf[256];  /* test-only scratch */
	snprintf(buf, sizeof buf, "%s%s", httpd_fixture_url(fx->srv), path);
	return buf;
}

static void test_ok_answer_and_request_sent(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, "Content-Type: application/json", "{\"inv\":[]}", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	enum afcq_status st = afcq_client_request(fx->client, "POST", CALC, "{\"a\":1}", &r, &err);
	assert_int_equal(st, AFCQ_OK);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "{\"inv\":[]}");
	assert_int_equal(r.len, strlen("{\"inv\":[]}"));
	assert_string_equal(r.url, url_of(fx, CALC));
	assert_null(r.error_header);
	assert_true(r.latency_ms > 0);

	net_test_expect_last(fx->srv, "POST", CALC, "{\"a\":1}");
	char *ct = httpd_fixture_last_header(fx->srv, "Content-Type");
	assert_string_equal(ct, "application/json");
	free(ct);
	afcq_http_result_done(&r);
}

static void test_get_has_no_body(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, "[]", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(fx->client, "GET", "/api/v2/afc/tspairs", NULL, &r,
					     &err), AFCQ_OK);
	net_test_expect_last(fx->srv, "GET", NULL, "");
	afcq_http_result_done(&r);
}

static void test_base_url_trailing_slash(void **state)
{
	struct fx *fx = *state;
	char base[128];
	snprintf(base, sizeof base, "%s/", httpd_fixture_url(fx->srv));
	struct afcq_endpoint ep = { .base_url = base };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(c, "GET", "/api/v2/afc/serviceinfo", NULL, &r, &err),
			 AFCQ_OK);
	assert_string_equal(r.url, url_of(fx, "/api/v2/afc/serviceinfo"));
	net_test_expect_last(fx->srv, NULL, "/api/v2/afc/serviceinfo", NULL);
	afcq_http_result_done(&r);
	afcq_client_free(c);
}

static void test_500_reason_from_error_header(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 500, "error: Tax engine unavailable",
			     "<html>\nnot this\n</html>", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	enum afcq_status st = afcq_client_request(fx->client, "POST", CALC, "{}", &r, &err);
	assert_int_equal(st, AFCQ_ERR_HTTP);
	assert_int_equal(err.status, AFCQ_ERR_HTTP);
	assert_int_equal(err.cause, AFCQ_CAUSE_HTTP);
	assert_int_equal(err.http_status, 500);
	assert_string_equal(err.where, url_of(fx, CALC));
	assert_string_equal(err.msg, "HTTP 500: Tax engine unavailable");
	/* The answer is still handed over. */
	assert_int_equal(r.status, 500);
	assert_string_equal(r.error_header, "Tax engine unavailable");
	assert_string_equal(r.body, "<html>\nnot this\n</html>");
	afcq_http_result_done(&r);
}

static void test_404_reason_from_body_first_line(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 404, NULL, "\n  No such route here\r\nsecond line\n", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	enum afcq_status st = afcq_client_request(fx->client, "GET", "/api/v2/afc/nothing", NULL,
						  &r, &err);
	assert_int_equal(st, AFCQ_ERR_HTTP);
	assert_int_equal(err.http_status, 404);
	assert_string_equal(err.msg, "HTTP 404: No such route here");
	char line[1024];
	char want[512];
	snprintf(want, sizeof want, "%s: HTTP 404: No such route here",
		 url_of(fx, "/api/v2/afc/nothing"));
	assert_string_equal(afcq_error_line(&err, line, sizeof line), want);
	afcq_http_result_done(&r);
}

static void test_http_error_without_reason(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 503, NULL, "", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(fx->client, "GET", "/x", NULL, &r, &err),
			 AFCQ_ERR_HTTP);
	assert_int_equal(err.http_status, 503);
	assert_non_null(strstr(err.msg, "503"));
	afcq_http_result_done(&r);
}

static void test_timeout(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, "{}", 4000);
	struct afcq_endpoint ep = { .base_url = (char *)httpd_fixture_url(fx->srv),
				    .timeout_s = 1 };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_http_result r;
	struct afcq_error err;
	enum afcq_status st = afcq_client_request(c, "POST", CALC, "{}", &r, &err);
	assert_int_equal(st, AFCQ_ERR_NET);
	assert_int_equal(err.cause, AFCQ_CAUSE_TIMEOUT);
	assert_string_equal(err.where, url_of(fx, CALC));
	assert_non_null(strstr(err.msg, "timed out"));
	assert_true(r.latency_ms >= 900 && r.latency_ms < 3000);
	assert_null(r.body);
	afcq_http_result_done(&r);
	afcq_client_free(c);
}

/* A listening socket whose accept queue is full: the kernel drops further
 * SYNs, so a connect hangs until the connect timeout. */
static void test_connect_timeout(void **state)
{
	int port;
	int s = net_test_refusing_port(&port);
	assert_int_equal(listen(s, 0), 0);
	int fillers[4];
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (int i = 0; i < 4; i++) {
		fillers[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(fillers[i], (struct sockaddr *)&sa, sizeof sa);
	}
	char base[64];
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	struct afcq_endpoint ep = { .base_url = base, .timeout_s = 10, .connect_timeout_s = 1 };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(c, "GET", "/x", NULL, &r, &err), AFCQ_ERR_NET);
	assert_int_equal(err.cause, AFCQ_CAUSE_TIMEOUT);
	assert_non_null(strstr(err.msg, "timed out connecting"));
	assert_true(r.latency_ms >= 900 && r.latency_ms < 5000);
	afcq_http_result_done(&r);
	afcq_client_free(c);
	for (int i = 0; i < 4; i++)
		close(fillers[i]);
	close(s);
}

static void test_connection_refused(void **state)
{
	int port;
	int s = net_test_refusing_port(&port);
	char base[64];
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	struct afcq_endpoint ep = { .base_url = base, .timeout_s = 5 };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(c, "POST", CALC, "{}", &r, &err), AFCQ_ERR_NET);
	assert_int_equal(err.cause, AFCQ_CAUSE_REFUSED);
	assert_int_equal(err.http_status, 0);
	char line[1024], want[256];
	snprintf(want, sizeof want, "http://127.0.0.1:%d/api/v2/afc/CalcTaxes: connection refused",
		 port);
	assert_string_equal(afcq_error_line(&err, line, sizeof line), want);
	afcq_http_result_done(&r);
	afcq_client_free(c);
	close(s);
}

static void test_loopback_ignores_proxy(void **state)
{
	struct fx *fx = *state;
	int port;
	int s = net_test_refusing_port(&port);
	char proxy[64];
	snprintf(proxy, sizeof proxy, "http://127.0.0.1:%d", port);
	setenv("http_proxy", proxy, 1);
	setenv("HTTP_PROXY", proxy, 1);
	httpd_fixture_script(fx->srv, 200, NULL, "{}", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	enum afcq_status st = afcq_client_request(fx->client, "GET", "/p", NULL, &r, &err);
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	assert_int_equal(st, AFCQ_OK);
	assert_int_equal(httpd_fixture_requests(fx->srv), 1);
	afcq_http_result_done(&r);
	close(s);
}

static void test_unresolvable_host(void **state)
{
	struct afcq_endpoint ep = { .base_url = "http://no-such-host.invalid/", .timeout_s = 10 };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(c, "GET", "/api/v2/afc/serviceinfo", NULL, &r, &err),
			 AFCQ_ERR_NET);
	assert_int_equal(err.cause, AFCQ_CAUSE_RESOLVE);
	assert_string_equal(err.where, "http://no-such-host.invalid/api/v2/afc/serviceinfo");
	assert_string_equal(err.msg, "cannot resolve host name no-such-host.invalid");
	afcq_http_result_done(&r);
	afcq_client_free(c);
}

static void test_auth_and_client_headers_sent(void **state)
{
	struct fx *fx = *state;
	struct afcq_endpoint ep = {
		.base_url = (char *)httpd_fixture_url(fx->srv),
		.username = "user",
		.password = "secret",
		.has_client_id = true,
		.client_id = 787,
		.has_client_profile_id = true,
		.client_profile_id = 42,
	};
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	httpd_fixture_script(fx->srv, 401, "error: Invalid credentials", "", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(c, "POST", CALC, "{}", &r, &err), AFCQ_ERR_HTTP);
	assert_string_equal(err.msg, "HTTP 401: Invalid credentials");
	assert_null(strstr(err.where, "secret"));
	assert_null(strstr(err.msg, "secret"));
	assert_null(strstr(r.url, "secret"));

	char *auth = httpd_fixture_last_header(fx->srv, "Authorization");
	char *cid = httpd_fixture_last_header(fx->srv, "client_id");
	char *pid = httpd_fixture_last_header(fx->srv, "client_profile_id");
	assert_string_equal(auth, "Basic dXNlcjpzZWNyZXQ=");  /* user:secret */
	assert_string_equal(cid, "787");
	assert_string_equal(pid, "42");
	free(auth), free(cid), free(pid);
	afcq_http_result_done(&r);
	afcq_client_free(c);
}

static void test_url_credentials_never_shown(void **state)
{
	struct fx *fx = *state;
	const char *url = httpd_fixture_url(fx->srv);  /* http://127.0.0.1:PORT */
	char base[128];
	snprintf(base, sizeof base, "http://who:pa55word@%s", url + strlen("http://"));
	struct afcq_endpoint ep = { .base_url = base };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	httpd_fixture_script(fx->srv, 403, "error: Forbidden", "", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(c, "GET", "/x", NULL, &r, &err), AFCQ_ERR_HTTP);
	assert_string_equal(r.url, url_of(fx, "/x"));
	assert_string_equal(err.where, url_of(fx, "/x"));
	assert_null(strstr(err.msg, "pa55word"));
	/* The credentials in the URL were still used. */
	char *auth = httpd_fixture_last_header(fx->srv, "Authorization");
	assert_string_equal(auth, "Basic d2hvOnBhNTV3b3Jk");  /* who:pa55word */
	free(auth);
	afcq_http_result_done(&r);
	afcq_client_free(c);
}

static void test_unset_headers_omitted(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, "{}", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(fx->client, "POST", CALC, "{}", &r, &err), AFCQ_OK);
	char *auth = httpd_fixture_last_header(fx->srv, "Authorization");
	char *cid = httpd_fixture_last_header(fx->srv, "client_id");
	char *pid = httpd_fixture_last_header(fx->srv, "client_profile_id");
	char *expect = httpd_fixture_last_header(fx->srv, "Expect");
	assert_null(auth);
	assert_null(cid);
	assert_null(pid);
	assert_null(expect);
	afcq_http_result_done(&r);
}

static void test_async_pump_two_calls(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, "{\"x\":1}", 200);
	struct afcq_error err;
	struct afcq_call *a = afcq_client_start(fx->client, "GET", "/a", NULL, &err);
	struct afcq_call *b = afcq_client_start(fx->client, "GET", "/b", NULL, &err);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(afcq_client_pump(fx->client, 0), 2);
	assert_false(afcq_call_done(a));
	int spins = 0;
	while (afcq_client_pump(fx->client, 50) > 0)
		spins++;
	/* The loop got control back while the server was still thinking. */
	assert_true(spins >= 2);
	assert_true(afcq_call_done(a) && afcq_call_done(b));
	assert_true(afcq_call_elapsed_ms(a) >= 150);
	struct afcq_http_result r;
	assert_int_equal(afcq_call_take(a, &r, &err), AFCQ_OK);
	assert_string_equal(r.body, "{\"x\":1}");
	afcq_http_result_done(&r);
	assert_int_equal(afcq_call_take(b, &r, &err), AFCQ_OK);
	assert_string_equal(r.body, "{\"x\":1}");
	afcq_http_result_done(&r);
	afcq_call_free(a);
	afcq_call_free(b);
	assert_int_equal(httpd_fixture_requests(fx->srv), 2);
}

static void test_async_cancel(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, "{}", 3000);
	struct afcq_error err;
	struct afcq_call *call = afcq_client_start(fx->client, "POST", CALC, "{}", &err);
	assert_non_null(call);
	for (int i = 0; i < 4; i++)
		assert_int_equal(afcq_client_pump(fx->client, 25), 1);
	assert_false(afcq_call_done(call));
	struct afcq_http_result r;
	assert_int_equal(afcq_call_take(call, &r, &err), AFCQ_ERR_USAGE);
	afcq_call_cancel(call);
	assert_true(afcq_call_done(call));
	assert_int_equal(afcq_client_pump(fx->client, 0), 0);
	assert_int_equal(afcq_call_take(call, &r, &err), AFCQ_ERR_CANCELLED);
	assert_int_equal(err.status, AFCQ_ERR_CANCELLED);
	assert_string_equal(err.where, url_of(fx, CALC));
	assert_true(r.latency_ms < 2000);
	afcq_http_result_done(&r);
	afcq_call_free(call);
}

static double pump_ms(struct afcq_client *c, int timeout_ms, int fd)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	afcq_client_pump_fd(c, timeout_ms, fd);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0.tv_sec) * 1000 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
}

static void test_pump_wakes_on_fd(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, "{}", 5000);
	struct afcq_error err;
	struct afcq_call *call = afcq_client_start(fx->client, "GET", "/slow", NULL, &err);
	assert_non_null(call);
	int p[2];
	assert_int_equal(pipe(p), 0);
	/* Let the request go out: curl's own timers end the first waits early;
	 * once sent, a pump with nothing to read sleeps its timeout out. */
	int i;
	for (i = 0; i < 20 && pump_ms(fx->client, 300, p[0]) < 250; i++)
		;
	assert_true(i < 20);
	assert_false(afcq_call_done(call));

	assert_int_equal(write(p[1], "k", 1), 1);  /* a key arrives */
	assert_true(pump_ms(fx->client, 2000, p[0]) < 200);
	char k;
	assert_int_equal(read(p[0], &k, 1), 1);
	assert_true(pump_ms(fx->client, 300, p[0]) >= 250);

	afcq_call_cancel(call);
	afcq_call_free(call);
	close(p[0]);
	close(p[1]);
}

static void test_free_client_with_running_call(void **state)
{
	struct fx *fx = *state;
	httpd_fixture_script(fx->srv, 200, NULL, "{}", 3000);
	struct afcq_endpoint ep = { .base_url = (char *)httpd_fixture_url(fx->srv) };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_error err;
	assert_non_null(afcq_client_start(c, "GET", "/slow", NULL, &err));
	afcq_client_pump(c, 20);
	afcq_client_free(c);  /* must not leak or wait for the server */
}

static void test_tls_unknown_certificate_refused(void **state)
{
	struct httpd_fixture *srv = httpd_fixture_start(test_cert, test_key);
	assert_non_null(srv);
	assert_non_null(strstr(httpd_fixture_url(srv), "https://"));
	struct afcq_endpoint ep = { .base_url = (char *)httpd_fixture_url(srv), .timeout_s = 5 };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_http_result r;
	struct afcq_error err;
	assert_int_equal(afcq_client_request(c, "GET", "/api/v2/afc/serviceinfo", NULL, &r, &err),
			 AFCQ_ERR_NET);
	assert_int_equal(err.cause, AFCQ_CAUSE_TLS);
	assert_non_null(strstr(err.msg, "TLS"));
	assert_int_equal(httpd_fixture_requests(srv), 0);
	afcq_http_result_done(&r);
	afcq_client_free(c);
	httpd_fixture_stop(srv);
}

static void test_tls_trusted_with_ca_file(void **state)
{
	struct httpd_fixture *srv = httpd_fixture_start(test_cert, test_key);
	assert_non_null(srv);
	const char *tmpdir = getenv("TMPDIR");
	char pathbuf[512];
	snprintf(pathbuf, sizeof pathbuf, "%s/afcq-ca-XXXXXX", tmpdir ? tmpdir : P_tmpdir);
	int fd = mkstemp(pathbuf);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, test_cert, strlen(test_cert)), (ssize_t)strlen(test_cert));
	close(fd);
	struct afcq_endpoint ep = { .base_url = (char *)httpd_fixture_url(srv), .timeout_s = 5,
				    .ca_file = pathbuf };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	httpd_fixture_script(srv, 200, NULL, "{\"ServerTime\":\"now\"}", 0);
	struct afcq_http_result r;
	struct afcq_error err;
	enum afcq_status st = afcq_client_request(c, "GET", "/api/v2/afc/serviceinfo", NULL, &r,
						  &err);
	char line[1024];
	if (st != AFCQ_OK)
		fail_msg("%s", afcq_error_line(&err, line, sizeof line));
	assert_string_equal(r.body, "{\"ServerTime\":\"now\"}");
	afcq_http_result_done(&r);
	afcq_client_free(c);
	httpd_fixture_stop(srv);
	unlink(pathbuf);
}

static void test_bad_method_and_missing_url(void **state)
{
	struct fx *fx = *state;
	struct afcq_error err;
	assert_null(afcq_client_start(fx->client, "DELETE", "/x", NULL, &err));
	assert_int_equal(err.status, AFCQ_ERR_USAGE);
	struct afcq_endpoint ep = { 0 };
	struct afcq_client *c = afcq_client_new(&ep, NULL);
	struct afcq_http_result r;
	assert_int_equal(afcq_client_request(c, "GET", "/x", NULL, &r, &err), AFCQ_ERR_CONFIG);
	assert_null(r.body);
	afcq_client_free(c);
}

static void test_endpoint_copy_is_deep(void **state)
{
	char user[] = "u", pass[] = "p";
	struct afcq_endpoint src = { .base_url = "http://x", .username = user, .password = pass,
				     .client_id = 5, .has_client_id = true };
	struct afcq_endpoint dst;
	afcq_endpoint_copy(&dst, &src);
	user[0] = 'X';
	assert_string_equal(dst.username, "u");
	assert_string_equal(dst.password, "p");
	assert_string_equal(dst.base_url, "http://x");
	assert_true(dst.base_url != src.base_url);
	assert_int_equal(dst.client_id, 5);
	afcq_endpoint_done(&dst);
	assert_null(dst.password);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ok_answer_and_request_sent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_has_no_body, setup, teardown),
		cmocka_unit_test_setup_teardown(test_base_url_trailing_slash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_500_reason_from_error_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_404_reason_from_body_first_line, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_http_error_without_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test(test_connection_refused),
		cmocka_unit_test(test_connect_timeout),
		cmocka_unit_test(test_unresolvable_host),
		cmocka_unit_test_setup_teardown(test_loopback_ignores_proxy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_auth_and_client_headers_sent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unset_headers_omitted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url_credentials_never_shown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_async_pump_two_calls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_async_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pump_wakes_on_fd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_client_with_running_call, setup, teardown),
		cmocka_unit_test(test_tls_unknown_certificate_refused),
		cmocka_unit_test(test_tls_trusted_with_ca_file),
		cmocka_unit_test_setup_teardown(test_bad_method_and_missing_url, setup, teardown),
		cmocka_unit_test(test_endpoint_copy_is_deep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
