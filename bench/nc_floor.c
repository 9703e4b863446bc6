/* nc_floor.c - the least a curses program does to show a screen: the
 * floor bench/bench_start.sh compares the workstation's first frame with.
 * Starts curses on the terminal, draws a box and one line, refreshes and
 * ends: what any full-screen program pays before its first frame.
 */
#include <curses.h>

int main(void)
{
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	box(stdscr, 0, 0);
	mvprintw(1, 2, "first frame floor: one line of %d columns", COLS);
	refresh();
	endwin();
	return 0;
}
