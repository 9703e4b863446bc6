#!/bin/sh
# Scripted workstation tests: help from the action table, the key bar,
# terminal size (too small, resize), themes and NO_COLOR, line-item rows,
# the item detail and exemption dialogs, and a 10,000-item answer.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

run_script help_lists_every_action <<'SCRIPT'
wait-idle
assert-screen "F1Help F2Save F3Open F4Item F5Quote F6Invoice F7Commit F8History F9Raw F10Quit"
key F1
assert-state view help
assert-screen "| F5         q QUOTE          validate and send the form as a quote (never"
assert-screen "|                             committed)"
key Down Down Down Down Down Down
assert-screen "| F10        x QUIT           leave the workstation;"
key End
assert-screen "REDRAW"
key Esc
assert-state view main
SCRIPT

LINES=20 COLUMNS=70 run_script too_small_then_resized <<'SCRIPT'
assert-screen "terminal too small: 70x20, needs at least 80x24"
assert-not-screen "F5Quote"
resize 80 24
assert-screen "F5Quote"
assert-not-screen "terminal too small"
resize 120 40
assert-screen "F5/q Quote"
assert-screen " afcq LOCAL TEST http://127.0.0.1:"
resize 79 24
assert-screen "terminal too small"
SCRIPT

# text typed while the window is too small is kept in the field that has
# the focus; other keys (F5, Enter) wait for a screen that shows them
run_script too_small_keeps_typed_text <<'SCRIPT'
wait-idle
key C-p
assert-state view customer
type sm
resize 60 20
assert-screen "terminal too small"
type ith
key Enter
assert-state view customer
resize 80 24
assert-screen "Find: smith"
key Esc
key Tab
assert-screen " Company svcl: service class"
resize 60 20
type 1
key F5
resize 80 24
assert-field cmpn.svcl 1
assert-state total none
SCRIPT

mkdir -p "$XDG_CONFIG_HOME/afcq"
printf 'version = 1;\nui: { theme = "dark"; mouse = true; };\n' >"$XDG_CONFIG_HOME/afcq/config"
run_script theme_from_config <<'SCRIPT'
wait-idle
assert-not-screen "not found"
assert-state message "Ctrl-P finds a customer, or fill in the form"
SCRIPT
printf 'version = 1;\nui: { theme = "nonesuch"; };\n' >"$XDG_CONFIG_HOME/afcq/config"
run_script missing_theme_reported <<'SCRIPT'
assert-state message "theme nonesuch not found; using the built-in one"
SCRIPT
printf 'version = 1;\nui: { theme = "dark"; mouse = true; };\n' >"$XDG_CONFIG_HOME/afcq/config"
# with the mouse on: a click on a grid row focuses it, on the key bar runs the key
{ dallas_fields; cat <<'SCRIPT'
click 12 7
assert-state focus itms[1].ts
click 30 23
wait-idle
assert-state total 19.78
click 5 13
assert-state focus taxes
SCRIPT
} | run_script mouse_clicks
# a wide key bar shows "/x" aliases; a click must hit the entry drawn under it
{ dallas_fields; cat <<'SCRIPT'
resize 120 30
assert-screen "F9/r Raw"
click 90 29
assert-state view raw
SCRIPT
} | run_script mouse_click_wide_keybar
rm -f "$XDG_CONFIG_HOME/afcq/config"
for th in default dark light high-contrast mono; do
	if [ -f "$AFCQ_TOP/themes/$th.theme" ]; then pass "theme_file_$th"; else fail "theme_file_$th" missing; fi
done
NO_COLOR=1 run_script no_color_works <<'SCRIPT'
wait-idle
assert-state message "Ctrl-P finds a customer, or fill in the form"
SCRIPT

run_script rows_insert_duplicate_move_delete <<'SCRIPT'
wait-idle
set-field itms[0].ts 19/6
set-field itms[0].chg 15
action ACT_ROW_INSERT
set-field itms[1].ts 19/21
set-field itms[1].line 1
assert-state items 2
key C-t
assert-state items 3
assert-field itms[2].ts 19/21
assert-state focus itms[2].ts
set-field itms[2].line 5
key S-Up
assert-field itms[1].line 5
assert-field itms[2].line 1
assert-state focus itms[1].ts
key C-b
assert-field itms[2].line 5
key C-d
assert-state items 2
assert-field itms[1].line 1
key Up C-d
assert-state items 1
assert-field itms[0].ts 19/21
SCRIPT

run_script item_detail_and_exemptions <<'SCRIPT'
wait-idle
set-field itms[0].ts 19/6
set-field itms[0].chg 10
key F4
assert-state view fields
assert-screen "Line item 1: more fields"
type 3726100
key Tab Tab Tab
type 2604100
key Down Down Down Down Down Down Down Down Down
type 3
key Down Down Down Down
type "acct=1; region=north"
key Esc
assert-state view main
assert-field itms[0].from.pcd 3726100
assert-field itms[0].to.pcd 2604100
assert-field itms[0].qty 3
assert-field itms[0].opt "acct=1; region=north"
key C-e
assert-screen "No exemptions."
key Ins
type 3726100
key Tab Tab Tab
type 1
key Esc
assert-state exemptions 1
assert-field exms[0].tpe 1
assert-field exms[0].loc.pcd 3726100
# an exemption problem opens the dialog on the field
key F5
assert-state focus bill.pcd
set-field bill.pcd 3726100
key F5
assert-state view fields
assert-screen "Exemptions: 1 of 1"
assert-state message "exemption 1 Domain: required"
key Esc
# a bad detail value does too
set-field itms[0].date 2022-02-30
key F5
assert-state view fields
assert-screen "Line item 1: more fields"
SCRIPT

# A 10,000-item answer: shown, scrolled, totalled.
BIG="$T_TMP/big.json"
{
	printf '{"cmpn":{"bscl":0,"svcl":0,"fclt":true,"reg":true},"inv":[{"bill":{"pcd":3726100},'
	printf '"cust":0,"lfln":true,"date":"2022-03-02","invm":true,"dtl":true,"summ":true,"itms":['
	i=1
	awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "%s{\"ref\":\"r%d\",\"tran\":19,\"serv\":6,\"chg\":15}", (i > 1 ? "," : ""), i }'
	printf ']}]}\n'
} >"$BIG"
start=$(date +%s)
run_script large_answer_scrolls "$BIG" <<'SCRIPT'
wait-idle
assert-state items 10000
key Down Down Down Down End
assert-state focus itms[9999].ref
assert-screen "10000 r10000"
key Home
assert-screen "    1 r1"
key F5
wait-idle 120000
assert-state status ok
assert-state taxrows 40000
assert-state charges 150000.00
key C-w End
assert-screen "Taxes (quote) 40000/40000"
key PgUp PgUp PgUp PgUp PgUp PgUp PgUp PgUp PgUp PgUp
key Home
assert-screen "Item 1 \"r1\" 19/6  charge 15.00"
SCRIPT
end=$(date +%s)
if [ $((end - start)) -lt 90 ]; then pass large_answer_in_time; else fail large_answer_in_time "$((end - start)) s"; fi

# letter aliases: Alt+letter anywhere; plain letters only where no text
# field has the focus (in a field they are text)
{ dallas_fields; cat <<'SCRIPT'
key Up Up Up Up Up Up
assert-state focus cmpn.bscl
key Right Right Right Right Right
assert-state focus cmpn.idnt
type q
assert-field cmpn.idnt q
assert-state op none
key M-q
wait-idle
assert-state total 19.78
key C-w
assert-state focus taxes
type h
assert-state view history
key Esc
type r
assert-state view raw
key Esc M-?
assert-state view help
SCRIPT
} | run_script letter_aliases
