/* clipboard.h - putting text on the user's clipboard from the workstation.
 *
 * The text goes to the terminal as an OSC 52 "set clipboard" sequence
 * (base64), which terminals honour over SSH too; inside tmux ($TMUX set)
 * it is sent once plainly (tmux takes it with set-clipboard on) and once
 * wrapped for passthrough to the terminal outside.  Where the terminal
 * cannot take it - output that is no terminal, TERM dumb or linux, text
 * too long for the sequence, or AFCQ_CLIPBOARD=file - the text is written
 * to $XDG_STATE_HOME/afcq/clipboard.txt (0600, folders 0700) and the
 * message line says where.  AFCQ_CLIPBOARD=osc52 sends the sequence
 * whatever TERM says.
 */
#ifndef AFCQ_TUI_CLIPBOARD_H
#define AFCQ_TUI_CLIPBOARD_H

#include <stdbool.h>

#include "tui.h"

/* Copies text and says so on the message line: done ("copied", "copied
 * as curl") when it went to the terminal, else where the file is (or why
 * neither worked).  Returns true when the sequence was sent. */
bool tui_clipboard_copy(struct tui_app *app, const char *text, const char *done);

/* COPY on the main screen: the read-back of the quote shown (readback.h),
 * with the customer loaded and the products added. */
void tui_copy_readback(struct tui_app *app);

#endif
