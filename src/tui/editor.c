/* editor.c - EDIT_REQUEST: the request in the user's editor.
 *
 * The form's request is written as pretty JSON to a private temporary file
 * and opened in $VISUAL, else $EDITOR, else vi, with curses suspended
 * (endwin) and the terminal as the shell had it.  On return curses takes
 * the screen back and the form is reloaded from the file.  A file that no
 * longer parses is kept: its error (line and column) is shown with an offer
 * to edit it again, and the form stays as it was, so nothing typed in
 * either place is lost.  The file is removed once its contents are in the
 * form.  While the editor runs, afcq ignores SIGINT and SIGQUIT as system()
 * does, so Ctrl-C inside the editor reaches only the editor.
 */
#include "tui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afcq/codec.h"
#include "afcq/str.h"

/* Runs the editor on path with the terminal handed over; returns its exit
 * status as system() does, -1 when it could not be started. */
static int run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	if (afcq_str_empty(ed))
		ed = getenv("EDITOR");
	if (afcq_str_empty(ed))
		ed = "vi";
	/* The editor's command may carry arguments ("code -w"); the file name
	 * is quoted for the shell (it is ours: no quote in it). */
	char *cmd = afcq_xasprintf("%s '%s'", ed, path);
	def_prog_mode();
	endwin();
	fflush(stdout);
	int rc = system(cmd);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	free(cmd);
	return rc;
}

static void edit_file(struct tui_app *app, char *path);

static void edit_again(struct tui_app *app, void *data)
{
	edit_file(app, afcq_xstrdup(data));
}

/* Edits path (owned, freed here) and reloads the form from it. */
static void edit_file(struct tui_app *app, char *path)
{
	int rc = run_editor(path);
	app->dirty = true;
	if (rc == -1) {
		tui_message(app, ROLE_ERROR, "could not start the editor ($VISUAL, $EDITOR or vi): %s",
			    strerror(errno));
		unlink(path);
		free(path);
		return;
	}
	char msg[800];
	/* What counts as "changed" stays what was last loaded or saved: an
	 * edit that is not saved still asks before quitting. */
	char *clean = app->form_clean ? afcq_xstrdup(app->form_clean) : NULL;
	size_t len = 0;
	char *text = afcq_read_file(path, &len);
	int st = -1;
	if (!text)
		snprintf(msg, sizeof msg, "cannot read it back: %s", strerror(errno));
	else
		st = tui_form_load_text(app, text, msg, sizeof msg);
	free(text);
	if (st != 0) {
		free(clean);
		char *lines = afcq_xasprintf("%s\n\nYour edits are kept in %s.\nEdit again? (Y/n)",
					     msg, path);
		tui_message(app, ROLE_ERROR, "form unchanged; your edits are kept in %s", path);
		tui_confirm(app, "Edit the request", lines, edit_again, path);
		free(lines);
		return;
	}
	free(app->form_clean);
	app->form_clean = clean;
	unlink(path);
	free(path);
	tui_message(app, ROLE_OK, "the form now holds the edited request: %zu item(s)",
		    tui_form_n_items(app));
}

void tui_edit_request(struct tui_app *app)
{
	if (tui_busy_refuse(app))
		return;
	tui_form_commit_edit(app);
	const char *dir = getenv("TMPDIR");
	char *path = afcq_xasprintf("%s/afcq-request-XXXXXX.json",
				    afcq_str_empty(dir) ? P_tmpdir : dir);
	int fd = mkstemps(path, 5);
	if (fd < 0) {
		tui_message(app, ROLE_ERROR, "cannot make a temporary file in %s: %s",
			    afcq_str_empty(dir) ? P_tmpdir : dir, strerror(errno));
		free(path);
		return;
	}
	char *text = afcq_codec_request_dump(&app->req, AFCQ_JSON_PRETTY);
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	ok = close(fd) == 0 && ok;
	free(text);
	if (!ok) {
		tui_message(app, ROLE_ERROR, "cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(path);
		return;
	}
	if (tui_marks_typed(app, NULL, 0))
		tui_message(app, ROLE_ERROR, "the marked (invalid) fields are not in the file");
	edit_file(app, path);
}
