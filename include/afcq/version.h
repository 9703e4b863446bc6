/* version.h - the versions of the libraries afcq runs with. */
#ifndef AFCQ_VERSION_H
#define AFCQ_VERSION_H

#include <stddef.h>

/* Writes "libcurl X (TLS), jansson Y, SQLite Z" -- the versions loaded at run
 * time, not the headers' -- into buf (n bytes, always terminated) and
 * returns buf. */
const char *afcq_library_versions(char *buf, size_t n);

#endif
