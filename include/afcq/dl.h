/* dl.h - libraries loaded when first needed.
 *
 * libcurl and libpq each bring a dozen libraries of their own (TLS,
 * Kerberos, LDAP, SSH, ...), whose loading costs more than the rest of
 * afcq's start-up.  Most commands and the workstation's first screen need
 * neither, so neither is linked: each is opened with dlopen() by the first
 * caller that needs it, and its functions are reached through a table of
 * pointers (afcq/curl_api.h, afcq/pq_api.h).
 *
 * A library, once opened, stays loaded until the process ends: its table
 * is filled once (under pthread_once) and only read afterwards.
 */
#ifndef AFCQ_DL_H
#define AFCQ_DL_H

#include <stdbool.h>
#include <stddef.h>

/* Opens the first of sonames[] that loads (a NULL-terminated list) and
 * stores the address of each of names[0..n) into slots[i].  On failure
 * returns false and writes into msg (msglen bytes, msglen > 0) what could
 * not be loaded and the fix: "cannot load libcurl.so.4 (...): install
 * Debian's package libcurl4"; nothing is stored then.  package names the
 * Debian package that holds the library.  The handle is never closed. */
bool afcq_dl_resolve(const char *const sonames[], const char *package,
		     const char *const names[], void *slots[], size_t n, char *msg,
		     size_t msglen);

/* afcq_dl_resolve into a table: a struct whose members are all function
 * pointers, one per name, in the order of names[] (table_size / the size of
 * a function pointer of them).  Member i gets the address of names[i]. */
bool afcq_dl_table(const char *const sonames[], const char *package, const char *const names[],
		   void *table, size_t table_size, char *msg, size_t msglen);

#endif
