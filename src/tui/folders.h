/* folders.h - where the files the workstation saves go unless told: the
 * folder last used (remembered across sessions), else the user's
 * documents folder ($XDG_DOCUMENTS_DIR, else ~/Documents). */
#ifndef AFCQ_TUI_FOLDERS_H
#define AFCQ_TUI_FOLDERS_H

/* The folder a file is saved to by default, absolute, without a trailing
 * slash (malloc'd; the caller frees).  The documents folder is created
 * (0700) when it is missing; "." when there is no home at all. */
char *tui_folder_default(void);
/* Where typed (a file name as typed in a prompt) goes: absolute and "~/"
 * names as they are (~ is the home), others inside tui_folder_default
 * (malloc'd; the caller frees). */
char *tui_folder_resolve(const char *typed);
/* dir/name, or, when that file exists, the first of dir/NAME-2.EXT,
 * dir/NAME-3.EXT... that does not: a name never taken yet (malloc'd). */
char *tui_folder_free_name(const char *dir, const char *name);
/* Remembers the folder of path (a file just saved or opened) as the folder
 * last used.  Failing to remember is not an error: the next save offers
 * the documents folder. */
void tui_folder_remember(const char *path);

#endif
