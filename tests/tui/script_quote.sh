#!/bin/sh
# Scripted workstation tests: quoting the Dallas fact pattern, by fields and
# by keys, reading the panes, the total and a tax in full precision.
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
assert-state status ok
assert-state total 19.78
assert-state charges 16.00
assert-state billable 3.78
assert-state nonbillable 0.00
assert-state taxrows 13
assert-screen "Total due 19.78 = charges 16.00 + taxes 3.78"
assert-screen "Taxes (quote)"
assert-screen "  Transit Tax                  City     3726100          1%      15.00      0.15"
assert-screen "  Sales Tax                    State    3726100       6.25%      15.00      0.94"
# the form folds to its current line while the answer is shown
assert-screen "    3          19/43   VoIP/Invoice"
assert-not-screen "VoIP/Access Charge"
# the summary pane: 16.72 is the base of the summarised sales taxes
assert-screen "  Sales Tax                    State    3726100       6.25%      16.72      1.05"
SCRIPT
} | run_script quote_dallas_by_fields

{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
# into the tax pane, third tax of item 1: the state sales tax in full
key C-w Down Down Down Enter
assert-state view tax
assert-screen "Tax                    0.9375"
assert-screen "Calculation: 6.25% of 15 = 0.9375"
key Esc
# item 2: Municipal Right of Way, per line
key Down Down Down
assert-screen "  Municipal Right of Way       City     3726100   1.72/line     1 line      1.72"
key Enter
assert-screen "Municipal Right of Way"
assert-screen "per line: 1 x 1.72 = 1.72"
key Esc
assert-state view main
# the summary pane: the state sales tax summed over 16.72
key C-w Down Down Enter
assert-screen "Calculation: 6.25% of 16.72 = 1.045"
key Esc
# the summary pane lists the six summary rows, then the totals
key End
assert-screen "  Total due                                                               19.78"
assert-screen "  Non-billable taxes                                                       0.00"
key C-w
assert-state focus itms[2].ts
SCRIPT
} | run_script quote_tax_detail_and_summary

# From scratch by keys only, as a rep would type it.
run_script quote_dallas_typed <<'SCRIPT'
wait-idle
type 0
key Tab
type 0
key Tab
type x
key Tab Tab
type x
key Tab Tab
type 3726100
key Tab Tab Tab Tab Tab Tab Tab Tab Tab
type 0
key Tab
type x
key Tab
type 2022-03-02
key Tab Tab Tab Tab
assert-state focus itms[0].ref
key Tab
type 19/6
assert-screen "item 1 T/S 19/6: VoIP/Access Charge"
key Tab
type 15
key C-n
type 19/21
key Tab
type 1
key C-n
type 19/43
key Tab
type 1
key F5
wait-idle
assert-state total 19.78
assert-field cmpn.fclt x
assert-field cmpn.frch -
assert-field lfln x
assert-field itms[1].line 1
assert-screen "Quote: total due 19.78"
# the total says when the form no longer matches it
set-field itms[0].chg 16
assert-screen "Total due 19.78 = charges 16.00 + taxes 3.78 (non-billable 0.00) - form changed"
key F5
wait-idle
assert-not-screen "form changed"
SCRIPT

# A quote never commits, whatever the form says.
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
key F9
assert-state view raw
assert-screen "RAW RESPONSE"
key Tab
assert-screen "RAW REQUEST"
assert-screen "\"cmmt\": false"
SCRIPT
} | run_script quote_sends_cmmt_false

# what the raw view said about itself (a search's result) leaves with it:
# the history screen and the form do not show a stale '"..." not found'
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
key F9
key /
type nosuchword
key Enter
assert-state message "\"nosuchword\" not found"
key Esc
assert-state view main
assert-not-screen "nosuchword"
key F8
assert-state view history
assert-not-screen "nosuchword"
SCRIPT
} | run_script raw_search_message_leaves_with_view
