#!/bin/sh
# A quote-only profile (allow_commit = false) in the workstation: F6 and F7
# (and resolve's Alt-R, whose question is a Commit call) refuse with a
# message naming why, the help says they are unavailable,
# and quoting is unchanged.  --no-color starts the workstation without
# colours, as NO_COLOR does.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
cfg="$T_TMP/quoteonly.conf"
printf 'profile = "reps";\nprofiles: { reps: { endpoint = "sandbox"; allow_commit = false; }; };\n' >"$cfg"

run_script quote_only_f6_f7_refused -c "$cfg" <<'SCRIPT'
wait-idle
key F6
assert-state view main
assert-screen "INVOICE: not available: this profile is quote-only"
key F7
assert-state view main
assert-screen "COMMIT: not available: this profile is quote-only"
key M-R
assert-screen "RESOLVE: not available: this profile is quote-only"
key F1
SCRIPT

run_script quote_only_help_says_unavailable -c "$cfg" <<'SCRIPT'
wait-idle
key F1
key /
type quote-only
key Enter
assert-screen "commit flag (unavailable: this"
SCRIPT

{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
assert-screen "19.78"
SCRIPT
} | run_script quote_only_quotes -c "$cfg"

run_script default_profile_f6_opens <<'SCRIPT'
wait-idle
key F6
assert-state view invoice
SCRIPT

{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
assert-screen "19.78"
SCRIPT
} | run_script no_color_quotes --no-color
