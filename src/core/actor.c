/* actor.c - "user@host" of this process (see afcq/actor.h). */
#include "afcq/actor.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "afcq/str.h"

char *afcq_actor(void)
{
	const char *user = getenv("USER");
	char pwbuf[4096];
	struct passwd pw, *found = NULL;
	if (afcq_str_empty(user) && getpwuid_r(getuid(), &pw, pwbuf, sizeof pwbuf, &found) == 0 &&
	    found)
		user = found->pw_name;
	char host[256] = "";
	if (gethostname(host, sizeof host) != 0 || !host[0])
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	return afcq_xasprintf("%s@%s", afcq_str_empty(user) ? "unknown" : user, host);
}
