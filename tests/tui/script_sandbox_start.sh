#!/bin/sh
# The bundled sandbox starts once the workstation has drawn its first screen:
# once it listens, the status line names its address and quotes go to it;
# one that dies before listening ends the workstation with exit 4 and the
# server's own reason, as before the first screen.
. tests/lib.sh

printf 'wait-idle\nassert-screen "SANDBOX (bundled) http://127.0.0.1:"\nset-field bill.pcd 3726100\nset-field itms[0].ts 19/6\nset-field itms[0].chg 10\nkey F5\nwait-idle\nassert-state status ok\nquit\ntype y\n' \
	>"$T_TMP/quote.script"
if "$AFCQ" --sandbox --script "$T_TMP/quote.script" >"$T_TMP/out" 2>"$T_TMP/err" </dev/null; then
	pass sandbox_start_quotes
else
	fail sandbox_start_quotes "exit $?: $(head -c 2000 "$T_TMP/err")"
fi

# A server that fails to start: found on PATH (none beside this copy of
# afcq), with a rate book folder beside it.
mkdir -p "$T_TMP/app/bin" "$T_TMP/app/data/sandbox" "$T_TMP/fake"
cp "$AFCQ" "$T_TMP/app/bin/afcq"
printf '#!/bin/sh\necho "cannot load rate book: rates.tsv line 3: broken" >&2\nexit 1\n' \
	>"$T_TMP/fake/afcq-sandbox"
chmod +x "$T_TMP/fake/afcq-sandbox"
printf 'wait-idle\nquit\n' >"$T_TMP/quit.script"
PATH="$T_TMP/fake:$PATH" "$T_TMP/app/bin/afcq" --sandbox --script "$T_TMP/quit.script" \
	>"$T_TMP/out" 2>"$T_TMP/err" </dev/null
rc=$?
if [ "$rc" -eq 4 ]; then pass sandbox_start_failure_exit_4; else fail sandbox_start_failure_exit_4 "exit $rc"; fi
if grep -q "afcq-sandbox: exited before listening: cannot load rate book: rates.tsv line 3: broken" \
	"$T_TMP/err"; then
	pass sandbox_start_failure_says_why
else
	fail sandbox_start_failure_says_why "$(head -c 2000 "$T_TMP/err")"
fi
