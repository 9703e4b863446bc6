/* prompt.c - asking for a password on the terminal, echo off.
 *
 * Reads from /dev/tty (not stdin, which may carry the request), so it
 * works in a pipeline and fails cleanly without a terminal.  The typed
 * text is never echoed and the buffer is wiped by the caller's free path
 * (cli_password_free).
 */
#include "cli.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "afcq/str.h"

char *cli_password_prompt(const char *question)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct termios old, quiet;
	bool restore = tcgetattr(fd, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	if (write(fd, question, strlen(question)) < 0) {
		/* nothing to do: the read below still works or fails */
	}
	char buf[512];
	size_t n = 0;
	bool ok = false;
	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r <= 0)
			break;
		if (c == '\n' || c == '\r') {
			ok = true;
			break;
		}
		if (n + 1 < sizeof buf)
			buf[n++] = c;
	}
	buf[n] = '\0';
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* the newline is cosmetic */
	}
	close(fd);
	char *pw = ok && n ? afcq_xstrdup(buf) : NULL;
	explicit_bzero(buf, sizeof buf);
	return pw;
}

void cli_password_free(char *pw)
{
	if (!pw)
		return;
	explicit_bzero(pw, strlen(pw));
	free(pw);
}
