#!/bin/sh
# libcurl and libpq are not linked: each is loaded when a command first
# needs it (include/afcq/dl.h), so that commands and the workstation's first
# screen do not pay for libraries they do not use.  A quote loads libcurl
# and not libpq; a command that sends nothing loads neither; --version
# still names the libcurl it runs with.  curses, SQLite, jansson, libconfig
# and yajl are linked in, not loaded.
. tests/lib.sh
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"

for bin in "$AFCQ" "$SANDBOX_BIN"; do
	name=$(basename "$bin")
	needed=$(objdump -p "$bin" | awk '$1 == "NEEDED" {print $2}')
	case $needed in
	*libcurl*|*libpq*) fail "lazy_not_linked_$name" "$(echo $needed)" ;;
	*) pass "lazy_not_linked_$name" ;;
	esac
done

# The small libraries are linked in from their archives (scripts/link-flags.sh).
needed=$(objdump -p "$AFCQ" | awk '$1 == "NEEDED" {print $2}')
case $needed in
*ncurses*|*sqlite*|*jansson*|*libconfig*|*yajl*) fail linked_in "$(echo $needed)" ;;
*) pass linked_in ;;
esac

# LD_DEBUG=files: the dynamic linker names every library it loads.
loaded() { grep -o 'file=lib[a-z0-9_-]*\.so[.0-9]*' "$ERR" | sed 's/file=//' | sort -u; }

expect_rc lazy_quote 0 env LD_DEBUG=files "$AFCQ" quote "$REQ"
libs=$(loaded)
case $libs in *libcurl*) pass lazy_quote_loads_curl ;; *) fail lazy_quote_loads_curl "$libs" ;; esac
case $libs in *libpq*) fail lazy_quote_no_pq "$libs" ;; *) pass lazy_quote_no_pq ;; esac
expect_grep lazy_quote_answer "$OUT" "19.78"

expect_rc lazy_customers 0 env LD_DEBUG=files "$AFCQ" customers list
libs=$(loaded)
case $libs in *libcurl*|*libpq*) fail lazy_offline_command "$libs" ;; *) pass lazy_offline_command ;; esac

# The workstation makes its HTTP client when a request first needs it, or
# when it is first idle: started and quit at once, with the T/S catalog in
# its cache, it never loads libcurl; a quote loads it and is answered.
printf 'wait-idle\nquit\n' >"$T_TMP/idle.script"
printf 'quit\n' >"$T_TMP/quit.script"
printf 'wait-idle\nkey F5\nwait-idle\nassert-screen "Total due"\nquit\n' >"$T_TMP/f5.script"
expect_rc lazy_ws_catalog 0 "$AFCQ" -e "$SB_URL" --script "$T_TMP/idle.script"
expect_rc lazy_ws_quit 0 env LD_DEBUG=files "$AFCQ" -e "$SB_URL" --script "$T_TMP/quit.script"
libs=$(loaded)
case $libs in *libcurl*) fail lazy_ws_quit_no_curl "$libs" ;; *) pass lazy_ws_quit_no_curl ;; esac
expect_rc lazy_ws_quote 0 env LD_DEBUG=files "$AFCQ" -e "$SB_URL" --script "$T_TMP/f5.script" "$REQ"
libs=$(loaded)
case $libs in *libcurl*) pass lazy_ws_quote_curl ;; *) fail lazy_ws_quote_curl "$libs" ;; esac

expect_rc lazy_version 0 "$AFCQ" --version
if grep -qE '^libcurl [0-9]+\.[0-9]+' "$OUT"; then pass lazy_version_names_curl
else fail lazy_version_names_curl "$(cat "$OUT")"; fi
