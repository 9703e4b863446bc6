/* dl.c - opening a library and resolving its functions (afcq/dl.h). */
#include "afcq/dl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* The library's own dependencies are searched before afcq's (RTLD_DEEPBIND):
 * libcurl's 11,000 symbol look-ups then skip afcq's own libraries, about
 * 0.8 ms of a one-item quote's 7.  The two trees share no library but the C
 * library, which both find the same.  A sanitizer's runtime must stay first
 * for every library (it replaces malloc) and refuses the flag, so sanitized
 * builds search the usual way. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DL_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
	__has_feature(memory_sanitizer)
#define DL_SANITIZED 1
#endif
#endif
#ifdef DL_SANITIZED
#define DL_OWN_FIRST 0
#else
#define DL_OWN_FIRST RTLD_DEEPBIND
#endif

bool afcq_dl_resolve(const char *const sonames[], const char *package,
		     const char *const names[], void *slots[], size_t n, char *msg,
		     size_t msglen)
{
	void *h = NULL;
	const char *why = "no library name";
	const char *tried = sonames[0] ? sonames[0] : "?";
	for (size_t i = 0; sonames[i] && !h; i++) {
		/* RTLD_NODELETE: these libraries cannot be unloaded safely
		 * (libcurl's global state, TLS libraries' atexit handlers). */
		h = dlopen(sonames[i], RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE | DL_OWN_FIRST);
		if (!h && i == 0) {
			const char *e = dlerror();
			why = e ? e : "not found";
		}
	}
	if (!h) {
		/* dlerror() names the file first: keep only its reason. */
		const char *colon = strstr(why, ": ");
		snprintf(msg, msglen, "cannot load %s (%s): install Debian's package %s", tried,
			 colon ? colon + 2 : why, package);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(h, names[i]);
		if (!p) {
			snprintf(msg, msglen,
				 "%s has no function %s: it is too old for afcq; install a "
				 "newer %s",
				 tried, names[i], package);
			return false;
		}
		slots[i] = p;
	}
	return true;
}

bool afcq_dl_table(const char *const sonames[], const char *package, const char *const names[],
		   void *table, size_t table_size, char *msg, size_t msglen)
{
	typedef void (*fn)(void);
	size_t n = table_size / sizeof(fn);
	void *slots[64];
	if (n > sizeof slots / sizeof slots[0]) {
		snprintf(msg, msglen, "afcq: a table of %zu functions is too long", n);
		return false;
	}
	if (!afcq_dl_resolve(sonames, package, names, slots, n, msg, msglen))
		return false;
	/* dlsym gives object pointers; POSIX has them hold function addresses */
	for (size_t i = 0; i < n; i++)
		memcpy((char *)table + i * sizeof(fn), &slots[i], sizeof(fn));
	return true;
}
