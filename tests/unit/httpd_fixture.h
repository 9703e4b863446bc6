/* httpd_fixture.h - a scripted HTTP server for client tests.
 *
 * Listens on 127.0.0.1, port chosen by the kernel, on libmicrohttpd with a
 * thread per connection.  Every request gets the scripted answer (status,
 * extra header lines, body, optional delay before answering); the last
 * request's method, path, headers and body are recorded for assertions.
 * Test-only: not part of any library users link.
 */
#ifndef AFCQ_TEST_HTTPD_FIXTURE_H
#define AFCQ_TEST_HTTPD_FIXTURE_H

#include <stddef.h>

struct httpd_fixture;

/* Starts the server (plain HTTP when cert_pem/key_pem are NULL, HTTPS
 * otherwise).  Returns NULL when it cannot listen. */
struct httpd_fixture *httpd_fixture_start(const char *cert_pem, const char *key_pem);
/* Stops the server (waking any delayed answer) and frees it. */
void httpd_fixture_stop(struct httpd_fixture *f);
/* "http://127.0.0.1:PORT" (or https); owned by f. */
const char *httpd_fixture_url(const struct httpd_fixture *f);

/* The answer every following request gets.  headers is "Name: value" lines
 * separated by '\n' (NULL for none); body may be NULL (empty).  Strings are
 * copied. */
void httpd_fixture_script(struct httpd_fixture *f, unsigned status, const char *headers,
			  const char *body, unsigned delay_ms);

/* Requests answered or being answered so far. */
unsigned httpd_fixture_requests(struct httpd_fixture *f);
/* Copies of what the last request carried (caller frees; NULL when absent).
 * Header names compare case-insensitively. */
char *httpd_fixture_last_header(struct httpd_fixture *f, const char *name);
char *httpd_fixture_last_method(struct httpd_fixture *f);
char *httpd_fixture_last_path(struct httpd_fixture *f);
char *httpd_fixture_last_body(struct httpd_fixture *f);

#endif
