#include "net_testlib.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>

struct httpd_fixture *net_test_start(struct afcq_client **client)
{
	struct httpd_fixture *srv = httpd_fixture_start(NULL, NULL);
	assert_non_null(srv);
	struct afcq_endpoint ep = { .base_url = (char *)httpd_fixture_url(srv), .timeout_s = 5 };
	*client = afcq_client_new(&ep, NULL);
	assert_non_null(*client);
	return srv;
}

void net_test_stop(struct httpd_fixture *srv, struct afcq_client *client)
{
	afcq_client_free(client);
	httpd_fixture_stop(srv);
}

int net_test_refusing_port(int *port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s >= 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = 0 };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	socklen_t len = sizeof sa;
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &len), 0);
	*port = ntohs(sa.sin_port);
	return s;
}

/* Asserts one recorded string (freed here) when want is given. */
static void expect_copy(char *got, const char *want)
{
	if (want) {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(got);
}

void net_test_expect_last(struct httpd_fixture *srv, const char *method, const char *path,
			  const char *body)
{
	expect_copy(httpd_fixture_last_method(srv), method);
	expect_copy(httpd_fixture_last_path(srv), path);
	expect_copy(httpd_fixture_last_body(srv), body);
}
