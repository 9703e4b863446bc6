#!/bin/sh
# The bundled sandbox (--sandbox) keeps its documents in
# $XDG_STATE_HOME/afcq/sandbox.sqlite (0600): an invoice sent by one run is
# committed and uncommitted by later runs, as a billing clerk does it on a
# real service.  Where that file cannot be made, it keeps them in memory
# and quoting goes on.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

D="$REQ/dallas.json"
if expect_rc "an invoice on the bundled sandbox" 0 "$AFCQ" invoice --sandbox --number INV-1 --doc CLERK-1 "$D"; then
	expect_grep "the document is named" "$OUT" "CLERK-1"
fi
expect_eq "the sandbox's documents are private" 600 \
	"$(stat -c %a "$XDG_STATE_HOME/afcq/sandbox.sqlite" 2>/dev/null)"
# later runs, each with its own bundled sandbox, know the document
if expect_rc "a later run commits it" 0 "$AFCQ" commit --sandbox CLERK-1; then
	expect_grep "committed" "$OUT" "document CLERK-1 committed"
fi
expect_rc "another uncommits it" 0 "$AFCQ" uncommit --sandbox CLERK-1
expect_rc "a document never sent is still unknown" 1 "$AFCQ" commit --sandbox NEVER-SENT
expect_grep "unknown: the service's words" "$OUT" "No transactions found for document code."

# a state folder that cannot be made: the sandbox still starts
: >"$T_TMP/afile"
if XDG_STATE_HOME="$T_TMP/afile/state" "$AFCQ" quote --sandbox "$D" >"$OUT" 2>"$ERR"; then
	pass "no state folder: quoting goes on"
else
	fail "no state folder: quoting goes on" "$(head -c 400 "$ERR")"
fi
expect_grep "no state folder: the total" "$OUT" "19.78"
