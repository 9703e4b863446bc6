/* curl_command.h - the curl command line that sends what afcq sends.
 *
 * For `--print-curl` and the workstation's "copy as curl": the method, the
 * full URL, the headers of afcq_client_header_lines, the body byte for byte
 * (single-quoted for the shell), the TLS floor, the timeouts and the user
 * agent.  Credentials never appear: with a user name the command reads the
 * password from the environment variable it names ("$AFCQ_PASSWORD").
 */
#ifndef AFCQ_CURL_COMMAND_H
#define AFCQ_CURL_COMMAND_H

#include "afcq/client.h"

/* Returns the command (malloc'd, caller frees), one option a line joined by
 * " \" line ends, ending in a newline.  method "GET" or "POST"; path is
 * appended to ep->base_url; body may be NULL (GET).  password_env names the
 * variable the password is read from (NULL: AFCQ_PASSWORD); it is used only
 * when ep has a user name. */
char *afcq_curl_command(const struct afcq_endpoint *ep, const char *password_env,
			const char *method, const char *path, const char *body);

#endif
