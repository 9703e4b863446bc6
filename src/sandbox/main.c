/* main.c - afcq-sandbox: a local server that speaks the AFC REST v2 API.
 *
 *   afcq-sandbox [--listen ADDR:PORT] [--ratebook DIR] [--store FILE]
 *                [--user U --password P] [--now ISO-DATE]
 *
 * Start-up loads the rate book, the lookup catalogs (DIR/catalog) and the
 * document store, starts the HTTP server and prints exactly one line,
 * "listening on http://ADDR:PORT", to stdout (a parent process reads it
 * to learn the port).  SIGINT and SIGTERM are blocked in every thread and
 * taken by sigwait() here, so shutdown is an orderly stop of the server
 * followed by freeing everything.  Exit codes: 0 after a signal, 1 when it
 * cannot start, 2 on a usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afcq/error.h"
#include "afcq/str.h"
#include "catalog.h"
#include "engine.h"
#include "routes.h"
#include "store.h"

#ifndef AFCQ_VERSION
#define AFCQ_VERSION "0"
#endif
#ifndef AFCQ_DATADIR
#define AFCQ_DATADIR "/usr/local/share/afcq"
#endif

enum { IDLE_TRIM_S = 5 }; /* seconds between idle memory trims */

struct options {
	char *host;
	unsigned port;
	const char *ratebook;
	const char *store;
	const char *user;
	const char *password;
	const char *now;
};

static const char usage_text[] =
	"usage: afcq-sandbox [--listen ADDR:PORT] [--ratebook DIR] [--store FILE]\n"
	"                    [--user U --password P] [--now ISO-DATE]\n"
	"\n"
	"A local server that speaks the AFC REST v2 API and computes taxes from a\n"
	"rate book.\n"
	"\n"
	"  --listen ADDR:PORT  address to listen on (default 127.0.0.1:0; port 0\n"
	"                      picks a free port; IPv6 as [::1]:PORT)\n"
	"  --ratebook DIR      rate book and catalogs (default: found beside the\n"
	"                      program, then " AFCQ_DATADIR "/sandbox)\n"
	"  --store FILE        keep documents in this SQLite file (default: memory)\n"
	"  --user U --password P  demand HTTP Basic authentication\n"
	"  --now ISO-DATE      pin the clock (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)\n"
	"  -h, --help          this text\n"
	"  -V, --version       print the version\n"
	"\n"
	"The first line on stdout is \"listening on http://ADDR:PORT\".\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "afcq-sandbox: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'afcq-sandbox --help'.\n");
	return 2;
}

/* "ADDR:PORT", "[V6ADDR]:PORT" or ":PORT" (loopback).  Returns 0 or -1. */
static int parse_listen(const char *s, struct options *o)
{
	const char *colon;
	char *end;
	unsigned long port;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (!close || close[1] != ':')
			return -1;
		free(o->host);
		o->host = afcq_xstrndup(s + 1, (size_t)(close - s - 1));
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return -1;
		free(o->host);
		o->host = colon == s ? afcq_xstrdup("127.0.0.1")
				     : afcq_xstrndup(s, (size_t)(colon - s));
	}
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end || errno || port > 65535)
		return -1;
	o->port = (unsigned)port;
	return 0;
}

/* YYYY-MM-DD, optionally followed by THH:MM:SS and an optional Z. */
static bool valid_now(const char *s)
{
	size_t n = strlen(s);

	if (!store_date_valid(s))
		return false;
	if (n == 10)
		return true;
	if (n < 19 || n > 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return false;
	if (n == 20 && s[19] != 'Z')
		return false;
	for (size_t i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "ratebook", required_argument, NULL, 'r' },
		{ "store", required_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },
		{ "password", required_argument, NULL, 'p' },
		{ "now", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->host = afcq_xstrdup("127.0.0.1");
	while ((c = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (parse_listen(optarg, o) != 0)
				return usage_error("--listen wants ADDR:PORT, not '%s'", optarg);
			break;
		case 'r': o->ratebook = optarg; break;
		case 's': o->store = optarg; break;
		case 'u': o->user = optarg; break;
		case 'p': o->password = optarg; break;
		case 'n':
			if (!valid_now(optarg))
				return usage_error("--now wants YYYY-MM-DD[THH:MM:SSZ], not '%s'",
						   optarg);
			o->now = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("afcq-sandbox %s\n", AFCQ_VERSION);
			return 0;
		default:
			return 2;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!o->user != !o->password)
		return usage_error("--user and --password go together");
	if (o->user && strchr(o->user, ':'))
		return usage_error("--user must not contain ':'");
	return -1;   /* go on */
}

/* ---- rate book search ----------------------------------------------------- */

static bool is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The same search as the client's launcher: beside the program first
 * (installed, build tree, sanitizer build tree), then the install
 * prefix.  Returns a malloc'd path or NULL. */
static char *find_ratebook(void)
{
	static const char *const beside[] = {
		"../share/afcq/sandbox", "../data/sandbox", "../../data/sandbox",
	};
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			for (size_t i = 0; i < sizeof(beside) / sizeof(beside[0]); i++) {
				char *p = afcq_xasprintf("%s/%s", exe, beside[i]);

				if (is_dir(p))
					return p;
				free(p);
			}
		}
	}
	if (is_dir(AFCQ_DATADIR "/sandbox"))
		return afcq_xstrdup(AFCQ_DATADIR "/sandbox");
	return NULL;
}

/* ---- credentials ------------------------------------------------------- */

static char *base64(const char *s)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(s);
	char *out = afcq_xmalloc(4 * ((n + 2) / 3) + 1), *o = out;
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)u[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)u[i + 1] << 8;
		if (i + 2 < n)
			v |= u[i + 2];
		*o++ = tab[(v >> 18) & 63];
		*o++ = tab[(v >> 12) & 63];
		*o++ = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		*o++ = i + 2 < n ? tab[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

static char *basic_auth(const char *user, const char *password)
{
	char *pair = afcq_xasprintf("%s:%s", user, password);
	char *b64 = base64(pair);
	char *h = afcq_xasprintf("Basic %s", b64);

	memset(pair, 0, strlen(pair));
	free(pair);
	free(b64);
	return h;
}

/* ---- run ------------------------------------------------------------------- */

static int serve(const struct options *o, struct sandbox_ctx *ctx)
{
	struct afcq_error err;
	struct routes_server *srv;
	sigset_t stop;
	unsigned port = 0;
	int sig = 0;
	char line[800];

	afcq_error_clear(&err);
	/* Block the stop signals before any server thread exists so that
	 * every thread inherits the mask and only sigwait() sees them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	/* A shell starts background jobs with SIGINT ignored; take it back. */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	srv = routes_server_start(ctx, o->host, o->port, &port, &err);
	if (!srv) {
		fprintf(stderr, "afcq-sandbox: %s\n", afcq_error_line(&err, line, sizeof(line)));
		return 1;
	}
	if (strchr(o->host, ':'))
		printf("listening on http://[%s]:%u\n", o->host, port);
	else
		printf("listening on http://%s:%u\n", o->host, port);
	fflush(stdout);

	/* Wait for a stop signal; meanwhile give freed memory back once the
	 * traffic pauses. */
	for (;;) {
		struct timespec tick = { IDLE_TRIM_S, 0 };
		sig = sigtimedwait(&stop, NULL, &tick);
		if (sig == SIGINT || sig == SIGTERM)
			break;
		routes_server_idle(srv);
	}
	routes_server_stop(srv);
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct sandbox_ctx ctx = { 0 };
	struct afcq_error err;
	struct ratebook *rb = NULL;
	struct catalog *cat = NULL;
	char *ratebook = NULL, *catdir = NULL;
	char line[800];
	int rc = parse_options(argc, argv, &o);

	if (rc >= 0)
		goto out;
	rc = 1;
	afcq_error_clear(&err);
	ratebook = o.ratebook ? afcq_xstrdup(o.ratebook) : find_ratebook();
	if (!ratebook) {
		fprintf(stderr, "afcq-sandbox: no rate book found beside the program or in %s; "
				"use --ratebook DIR\n", AFCQ_DATADIR "/sandbox");
		goto out;
	}
	rb = ratebook_load(ratebook, &err);
	if (!rb) {
		fprintf(stderr, "afcq-sandbox: %s\n", afcq_error_line(&err, line, sizeof(line)));
		goto out;
	}
	catdir = afcq_xasprintf("%s/catalog", ratebook);
	if (is_dir(catdir)) {
		cat = catalog_load(catdir, &err);
		if (!cat) {
			fprintf(stderr, "afcq-sandbox: %s\n",
				afcq_error_line(&err, line, sizeof(line)));
			goto out;
		}
	} else {
		fprintf(stderr, "afcq-sandbox: warning: no catalogs in %s; lookups answer 503\n",
			catdir);
	}
	ctx.store = store_open(o.store, &err);
	if (!ctx.store) {
		fprintf(stderr, "afcq-sandbox: %s\n", afcq_error_line(&err, line, sizeof(line)));
		goto out;
	}
	ctx.rb = rb;
	ctx.cat = cat;
	ctx.max_body = AFCQ_MAX_BODY;
	if (o.user)
		ctx.auth = basic_auth(o.user, o.password);
	if (o.now)
		snprintf(ctx.now, sizeof(ctx.now), "%s", o.now);
	rc = serve(&o, &ctx);
out:
	store_close(ctx.store);
	if (ctx.auth) {
		memset(ctx.auth, 0, strlen(ctx.auth));
		free(ctx.auth);
	}
	catalog_free(cat);
	ratebook_free(rb);
	free(catdir);
	free(ratebook);
	free(o.host);
	return rc;
}
