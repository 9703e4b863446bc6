#!/bin/sh
# Scripted workstation tests: PIN keeps the quote shown; after a change and
# F5 the tax and summary panes show each row's difference from it, rows
# that appeared ("new") or vanished ("gone") are marked, and the total line
# shows both totals and the difference.  PIN_SWAP shows the pinned quote and
# back; a new answer never loses the pin; PIN on the pinned quote unpins;
# bridge participants' taxes are compared participant by participant.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1
REQ="$FIX/requests/dallas.json"

# Dallas quoted (19.78) and pinned; then item 2 becomes an invoice charge
# (its per-line taxes vanish) and item 3 an access charge (taxes appear).
run_script compare_rows_marked "$REQ" <<'SCRIPT'
resize 100 50
wait-idle
key F5
wait-idle
assert-state total 19.78
key C-g
assert-state message "pinned the quote shown (total due 19.78)"
assert-not-screen "Change"
set-field itms[1].ts 19/43
set-field itms[2].ts 19/6
key F5
wait-idle
assert-state total 17.32
assert-screen "Taxes vs pinned                         Level      PCode        Rate       Base       Tax     Change"
assert-screen "  Sales Tax                             State    3726100       6.25%      15.00      0.94       0.00"
assert-screen "  Municipal Right of Way                City     3726100   1.72/line     1 line         - gone -1.72"
assert-screen "  Sales Tax                             State    3726100       6.25%       1.00      0.06  new +0.06"
assert-screen "Summary vs pinned"
assert-screen "  Sales Tax                             State    3726100       6.25%      16.00      1.00      -0.05"
assert-screen "  E-911                                 City     3726100   0.62/line     1 line         - gone -0.62"
assert-screen "  Billable taxes                                                                    1.32      -2.46"
assert-screen "  Total due                                                                        17.32      -2.46"
assert-screen " Total due 17.32  pinned 19.78  difference -2.46 (charges 0.00, taxes -2.46)"
SCRIPT

# at 80x24 the rate gives way to the change column; the switch key shows
# the pinned quote with its differences from the newer one, and back
run_script compare_switch_80x24 "$REQ" <<'SCRIPT'
wait-idle
key F5
wait-idle
action ACT_PIN
set-field itms[1].line 3
key F5
wait-idle
assert-state total 24.86
# every tax row shows (the form folds to its current line)
assert-screen "Taxes vs pinned                 Level      PCode       Base       Tax     Change"
assert-screen "  E911 Equalization Surcharge   State    3671300    3 lines      0.18      +0.12"
assert-screen " Total due 24.86  pinned 19.78  difference +5.08 (charges 0.00, taxes +5.08)"
key C-v
assert-state total 19.78
assert-screen "Summary PINNED vs newer"
assert-screen "  E911 Equalization Surcharge   State    3671300     1 line      0.06      -0.12"
assert-screen " Pinned total 19.78  newer 24.86  difference -5.08 (charges 0.00, taxes -5.08)"
# PIN on the pinned quote keeps it
key C-g
assert-state message "this is the pinned quote"
key C-v
assert-state total 24.86
assert-screen " Total due 24.86  pinned 19.78"
SCRIPT

# a new answer while the pinned quote is shown: the pin stays, the newest
# answer is compared with it
run_script compare_new_answer_keeps_pin "$REQ" <<'SCRIPT'
wait-idle
key F5
wait-idle
key C-g
set-field itms[1].line 3
key F5
wait-idle
key C-v
assert-state total 19.78
set-field itms[1].line 2
key F5
wait-idle
assert-state total 22.32
assert-screen " Total due 22.32  pinned 19.78  difference +2.54"
SCRIPT

# PIN with no newer quote unpins; the switch key says why it cannot switch;
# no answer: nothing to pin
run_script compare_unpin_and_refusals "$REQ" <<'SCRIPT'
wait-idle
key C-g
assert-state message "nothing to pin: quote first (F5)"
key C-v
assert-state message "no pinned quote"
key F5
wait-idle
key C-g
key C-v
assert-state message "no newer quote yet"
key C-g
assert-state message "pin removed"
set-field itms[1].line 3
key F5
wait-idle
assert-not-screen "pinned"
assert-screen " Total due 24.86 = charges 16.00"
SCRIPT

# the difference is that of the totals shown: a VoIP bundle once (21.6379)
# and three times (64.9137) read 21.64 and 64.91, a change of +43.27 (the
# unrounded difference would show +43.28); the taxes' +11.27 likewise
cat >"$T_TMP/bundle.json" <<'JSON'
{"cmpn": {"bscl": 0, "svcl": 0, "fclt": false, "frch": false, "reg": false},
 "inv": [{"bill": {"pcd": 3726100}, "cust": 0, "date": "2022-03-02", "dtl": true, "summ": true,
   "itms": [{"ref": "access", "chg": 15, "sale": 1, "tran": 19, "serv": 6},
            {"ref": "line", "line": 1, "sale": 1, "tran": 19, "serv": 21},
            {"ref": "invoice", "chg": 1, "sale": 1, "tran": 19, "serv": 43}]}]}
JSON
run_script compare_difference_of_shown_totals "$T_TMP/bundle.json" <<'SCRIPT'
wait-idle
key F5
wait-idle
assert-state total 21.64
key C-g
set-field itms[0].qty 3
set-field itms[1].qty 3
set-field itms[2].qty 3
key F5
wait-idle
assert-state total 64.91
assert-screen " Total due 64.91  pinned 21.64  difference +43.27 (charges +32.00, taxes +11.27)"
SCRIPT

# a bridge conference: each participant's taxes are compared with those of
# the pinned quote's participant of the same ref; a participant's taxes
# that vanish show under it as gone, those that appear as new
run_script compare_bridge_participants "$FIX/requests/bridge.json" <<'SCRIPT'
resize 100 60
wait-idle
key F5
wait-idle
action ACT_PIN
set-field itms[0].chg 120
key F5
wait-idle
assert-state total 134.29
assert-screen "  Bridge participant dallas (T/S 19/6)"
assert-screen "  Sales Tax                             State    3726100       6.25%      40.00      2.50      +0.62"
assert-screen "  CASF (VoIP)                           State     253500       0.56%      14.04      0.08      +0.02"
set-field itms[0].ts 19/21
key F5
wait-idle
assert-screen "  Bridge participant sf (T/S 19/21)"
assert-screen "  San Francisco Access line Tax (VoIP)  City      377300   3.49/line    0 lines      0.00   new 0.00"
assert-screen "  CASF (VoIP)                           State     253500       0.56%      10.53         - gone -0.06"
assert-screen "  Sales Tax                             State    3726100       6.25%      40.00      2.50      +0.62"
SCRIPT
