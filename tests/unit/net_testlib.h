/* net_testlib.h - helpers shared by the tests that talk HTTP to the
 * scripted server (httpd_fixture.h): the server started with a client for
 * it, a loopback port that refuses connections, and checks of what the
 * last request carried.  Failures are cmocka failures. */
#ifndef AFCQ_TEST_NET_TESTLIB_H
#define AFCQ_TEST_NET_TESTLIB_H

#include "afcq/client.h"
#include "httpd_fixture.h"

/* Starts a plain-HTTP scripted server and sets *client to a client for its
 * URL (5 s timeout); both belong to the caller (net_test_stop). */
struct httpd_fixture *net_test_start(struct afcq_client **client);
/* Frees the client, then stops the server. */
void net_test_stop(struct httpd_fixture *srv, struct afcq_client *client);

/* A TCP socket bound to a loopback port but not listening: connections to
 * it are refused, and no other process can take the port meanwhile.  Sets
 * *port; the caller closes the socket it returns. */
int net_test_refusing_port(int *port);

/* Asserts what the last request carried: its method, path and body, each
 * only when given (NULL skips it). */
void net_test_expect_last(struct httpd_fixture *srv, const char *method, const char *path,
			  const char *body);

#endif
