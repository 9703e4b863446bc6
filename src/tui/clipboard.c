/* clipboard.c - OSC 52 to the terminal, else a private file (clipboard.h). */
#include "clipboard.h"
#include "day.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afcq/paths.h"
#include "afcq/readback.h"
#include "afcq/str.h"

/* Terminals and tmux cap what one sequence may carry (xterm and tmux
 * near 100 kB); longer text goes to the file, whole. */
#define OSC52_MAX_B64 99000

static char *base64(const char *s, size_t n)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = afcq_xmalloc((n + 2) / 3 * 4 + 1);
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < n ? tab[v & 63] : '=';
	}
	out[o] = '\0';
	return out;
}

/* Why the terminal cannot take the sequence, NULL when it can. */
static const char *no_osc52(size_t b64_len)
{
	const char *how = getenv("AFCQ_CLIPBOARD");
	if (how && strcmp(how, "file") == 0)
		return "AFCQ_CLIPBOARD=file";
	if (!isatty(STDOUT_FILENO))
		return "the output is no terminal";
	if (b64_len > OSC52_MAX_B64)
		return "too long for the terminal's clipboard";
	if (how && strcmp(how, "osc52") == 0)
		return NULL;
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0 || strcmp(term, "linux") == 0)
		return "this terminal has no clipboard sequence";
	return NULL;
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

static bool send_osc52(const char *b64)
{
	struct afcq_buf b;
	afcq_buf_init(&b);
	afcq_buf_printf(&b, "\033]52;c;%s\a", b64);
	if (!afcq_str_empty(getenv("TMUX")))
		/* passthrough: ESC doubled inside, for the terminal tmux runs in */
		afcq_buf_printf(&b, "\033Ptmux;\033\033]52;c;%s\a\033\\", b64);
	fflush(stdout);
	bool ok = write_all(STDOUT_FILENO, b.data, b.len);
	afcq_buf_done(&b);
	return ok;
}

/* Writes text to the private file; returns its path (caller frees) or NULL
 * with why. */
static char *write_file(const char *text, char *why, size_t n)
{
	char *path = afcq_xdg_path("XDG_STATE_HOME", ".local/state", "clipboard.txt");
	if (!path) {
		snprintf(why, n, "no home folder to write it to");
		return NULL;
	}
	struct afcq_error err;
	afcq_error_clear(&err);
	if (afcq_make_parents(path, &err) != AFCQ_OK ||
	    afcq_make_private_file(path, &err) != AFCQ_OK) {
		snprintf(why, n, "%s", err.msg);
		free(path);
		return NULL;
	}
	int fd = open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
	size_t len = strlen(text);
	if (fd < 0 || !write_all(fd, text, len)) {
		snprintf(why, n, "%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(path);
		return NULL;
	}
	if (close(fd) != 0) {
		snprintf(why, n, "%s: cannot write: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

bool tui_clipboard_copy(struct tui_app *app, const char *text, const char *done)
{
	char *b64 = base64(text, strlen(text));
	const char *why = no_osc52(strlen(b64));
	if (!why && send_osc52(b64)) {
		free(b64);
		tui_message(app, ROLE_OK, "%s", done);
		return true;
	}
	free(b64);
	if (!why)
		why = "the terminal could not be written to";
	char err[600];
	char *path = write_file(text, err, sizeof err);
	if (path)
		/* where it is first: the line is cut at the screen's width */
		tui_message(app, ROLE_OK, "the text is in %s (not copied: %s)", path, why);
	else
		tui_message(app, ROLE_ERROR, "not copied (%s), and %s", why, err);
	free(path);
	return false;
}

void tui_copy_readback(struct tui_app *app)
{
	tui_form_commit_edit(app);
	const struct tui_results *r = &app->res;
	if (!r->have) {
		tui_message(app, ROLE_ERROR, "nothing to copy yet: F5 quotes the form first");
		return;
	}
	/* the caller's name only for a quote sent from the form, their
	 * products only while the form is the one quoted (a count changed
	 * since would not match the taxes read back) */
	const struct tui_day *d = app->day;
	bool mine = !r->from_history;
	bool current = mine && r->form_gen == app->form_gen;
	char **names = afcq_xcalloc(d->n_products + 1, sizeof *names);
	for (size_t i = 0; i < d->n_products; i++)
		names[i] = d->products[i].count > 1
				   ? afcq_xasprintf("%lld x %s", d->products[i].count, d->products[i].name)
				   : afcq_xstrdup(d->products[i].name);
	struct afcq_readback rb = {
		.customer = mine && d->have_customer ? d->customer.name : NULL,
		.products = current ? (const char *const *)names : NULL,
		.n_products = current ? d->n_products : 0,
		.req = &r->sent,
		.resp = &r->resp,
		.pairs = app->tspairs_loaded ? &app->tspairs : NULL,
	};
	char *text = afcq_readback_text(&rb);
	bool ok = tui_clipboard_copy(app, text, "copied: the read-back of the quote shown");
	if (mine && !current) {
		/* said first: what was copied is not what the form holds now */
		char was[sizeof app->msg];
		snprintf(was, sizeof was, "%s", app->msg);
		tui_message(app, ok ? ROLE_OK : app->msg_role,
			    "the quote shown, not the form changed since (F5 quotes it): %s", was);
	}
	free(text);
	for (size_t i = 0; i < d->n_products; i++)
		free(names[i]);
	free(names);
}
