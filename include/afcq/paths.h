/* paths.h - where afcq keeps its files (the XDG base directories), and
 * creating private files there.
 *
 * Everything returned is malloc'd and owned by the caller (free()).
 */
#ifndef AFCQ_PATHS_H
#define AFCQ_PATHS_H

#include "afcq/error.h"

/* "$<env>/afcq/<file>" when the variable env (e.g. "XDG_STATE_HOME") holds
 * an absolute path (the XDG spec ignores relative ones), else
 * "$HOME/<fallback>/afcq/<file>" (fallback e.g. ".local/state"), HOME
 * falling back to the password database.  NULL when there is no home. */
char *afcq_xdg_path(const char *env, const char *fallback, const char *file);

/* Creates the folders leading to the file at path, new ones 0700 (existing
 * ones are left as they are).  AFCQ_ERR_IO naming the folder on failure. */
enum afcq_status afcq_make_parents(const char *path, struct afcq_error *err);

/* Creates the file at path 0600 if missing, and takes group and other
 * permissions away from an existing one we own.  AFCQ_ERR_IO on failure. */
enum afcq_status afcq_make_private_file(const char *path, struct afcq_error *err);

#endif
