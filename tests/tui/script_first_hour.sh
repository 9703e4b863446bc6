#!/bin/sh
# What a new rep meets in the first hour, scripted: a field that fills its
# width shows whole while it is edited (the form's editor and a dialog's
# libform input); a new item starts on its T/S pair and Tab visits only the
# quantities the pair uses; words typed as a pair search the catalog; a
# date is YYYYMMDD or t as well; ...
. tests/lib.sh
. tests/tui/tui_lib
sandbox_start || exit 1

# Date is the 18th header field; its text fills the field's ten columns
run_script full_field_shows_whole <<'SCRIPT'
wait-idle
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
assert-state focus date
assert-screen "Date[2022-03-02]"
set-field itms[0].ref r
key Down Down Down
key Tab
assert-state focus itms[0].ts
type 19/9999
assert-screen "    1 r        19/9999 "
key Left
assert-screen "    1 r        19/9999 "
type 8
assert-screen "    1 r        9/99989 "
SCRIPT

# the PCode finder's ZIP input shows ten columns
run_script full_dialog_input_shows_whole <<'SCRIPT'
wait-idle
key C-f
type 1234567890
assert-screen "ZIP    [1234567890]"
key Left Left
type 5
assert-screen "ZIP    [1234567859]"
SCRIPT

# Ins lands on T/S; a pair picked goes on to the first quantity it uses
run_script insert_lands_on_pair <<'SCRIPT'
wait-idle
action ACT_ROW_INSERT
assert-state focus itms[1].ts
key F11
type "voip lines"
key Enter
assert-field itms[1].ts 19/21
assert-state focus itms[1].line
key Ins
assert-state focus itms[2].ts
SCRIPT

# Tab skips the quantities a pair does not use; the arrows reach them
run_script tab_follows_pair_inputs <<'SCRIPT'
wait-idle
action ACT_ROW_INSERT
type 19/6
key Tab
assert-state focus itms[1].chg
key Tab
assert-state focus itms[1].min
key Tab
assert-state focus itms[1].sale
key S-Tab S-Tab
assert-state focus itms[1].chg
key Right
assert-state focus itms[1].line
key Ins
type 19/21
key Tab
assert-state focus itms[2].line
key Tab
assert-state focus itms[2].sale
key S-Tab S-Tab
assert-state focus itms[2].ts
# a quantity that holds something is never skipped
set-field itms[2].chg 3
key Tab Tab
assert-state focus itms[2].line
SCRIPT

# words typed as a pair open the picker with them; a code as it is typed finds pairs
run_script words_in_pair_search <<'SCRIPT'
wait-idle
action ACT_ROW_INSERT
type voip
assert-state view tspair
assert-screen "Find: voip"
type " lines"
key Esc
assert-state view main
assert-field itms[1].ts "voip lines"
key Ins
key F11
type 19/
assert-screen "25 of"
assert-screen "19/52      VoIP/Wireless Lines"
assert-not-screen "13/6 "
type 21
assert-screen "1 of"
key Enter
assert-field itms[2].ts 19/21
SCRIPT

# a date as YYYYMMDD or t (today), shown as YYYY-MM-DD
run_script date_short_forms <<'SCRIPT'
wait-idle
set-field date 20210115
assert-field date 2021-01-15
set-field date t
assert-field date 2022-03-02
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
assert-state focus date
type 20201231
key Tab
assert-screen "Date[2020-12-31]"
key S-Tab
type T
key Tab
assert-screen "Date[2022-03-02]"
key S-Tab
type 20210230
key Tab
assert-state message "Date: not a real date (2021-02-30); use YYYY-MM-DD, YYYYMMDD or t (today)"
SCRIPT

# deleting a line item names it, says how to bring it back, and Alt-z does,
# with what was typed in it (even text that did not read)
{ dallas_fields; cat <<'SCRIPT'
assert-state focus itms[2].ts
key C-d
assert-state items 2
assert-state message "deleted item 3 (19/43 VoIP/Invoice); Alt-z brings it back"
key M-z
assert-state items 3
assert-field itms[2].ts 19/43
assert-field itms[2].chg 1
assert-state message "item 3 is back"
set-field itms[1].chg abc
key Up
assert-state focus itms[1].ts
key C-d
assert-state message "deleted item 2 (19/21 VoIP/Lines); Alt-z brings it back"
assert-field itms[1].ts 19/43
key M-z
assert-field itms[1].ts 19/21
assert-field itms[1].chg abc
assert-field itms[2].ts 19/43
key M-z
assert-state message "nothing to undo (Alt-z undoes a deleted item or exemption, a customer load, a product added)"
# whole, on two rows
assert-screen " nothing to undo (Alt-z undoes a deleted item or exemption, a customer load, a"
assert-screen " product added)"
# the key that deletes is not the editor's kill-to-end-of-line
key C-k
assert-state items 3
SCRIPT
} | run_script delete_item_undo

# a charge that is no number is said while it is typed, numbered as the
# screen numbers items, and the message goes once the value is fixed
{ dallas_fields; cat <<'SCRIPT'
key Up Up Right
assert-state focus itms[0].chg
type a
assert-screen " ! item 1 Charge: not a number: a"
key Tab
assert-state message "item 1 Charge: not a number: a"
key F5
assert-state message "not sent: fix the marked field first: item 1 Charge: not a number: a"
assert-not-screen "itms[0]"
type 15
key Tab
assert-not-screen "not a number"
assert-state message "item 1 Charge: fixed"
set-field itms[1].sale 9
key F5
assert-state message "not sent: item 2 Sale: must be"
set-field itms[1].sale 1
assert-not-screen "must be"
key F5
wait-idle
assert-state total 19.78
SCRIPT
} | run_script bad_charge_said_at_once_and_cleared

# at 80 columns no hint or message line is cut in the middle of a word: a
# line that fills the width ends with "..." after a whole word
{
	echo wait-idle
	echo "set-field itms[0].ts 19/6"
	i=0
	while [ $i -lt 34 ]; do
		echo "dump-screen $T_TMP/walk.$i"
		echo "key Tab"
		i=$((i + 1))
	done
	echo "set-field itms[0].sale 9"
	echo "key F5"
	echo "dump-screen $T_TMP/walk.msg"
	echo 'assert-screen " Bill-to PCode: bill-to PCode (Ctrl-F finds it), or ZIP, NPA-NXX, FIPS, address"'
} | run_script hints_walked
cut_lines=""
for f in "$T_TMP"/walk.*; do
	for ln in 10 23; do
		line=$(sed -n "${ln}p" "$f")
		if [ ${#line} -ge 80 ]; then
			case "$line" in
			*[A-Za-z0-9]...) ;;
			*) cut_lines="$cut_lines|$line" ;;
			esac
		fi
	done
done
if [ -z "$cut_lines" ]; then pass hints_never_cut_mid_word; else fail hints_never_cut_mid_word "$cut_lines"; fi
# a message longer than its row goes on on the next one, whole
grep -h -A1 "^ not sent" "$T_TMP"/walk.msg | tr -d '\n' >"$T_TMP/walk.sent"
expect_grep long_message_whole "$T_TMP/walk.sent" " not sent: Bill-to: required; fill in Bill-to PCode (Ctrl-F finds it), ZIP or the address (Addr ctry, st, cnty, city) (and 1 more)"

# the raw view's counter stays within the text after End, and the exact
# text (one line) wraps, so its end is on screen
{ dallas_fields; cat <<SCRIPT
key F5
wait-idle
key F9
key End
dump-screen $T_TMP/raw.pretty
key Down Down PgDn
dump-screen $T_TMP/raw.pretty2
key p
assert-screen "(exact)"
key End
dump-screen $T_TMP/raw.exact
assert-screen "\"tid\":10}]}]}"
SCRIPT
} | run_script raw_view_end_and_wrap
raw_counter_ok() {
	sed -n 2p "$1" | awk '{
		for (i = 1; i <= NF; i++) if ($i == "lines") { split($(i + 1), r, "-"); n = $(i + 3) }
		exit !(r[1] >= 1 && r[1] <= r[2] && r[2] == n && n > 1)
	}'
}
for f in pretty pretty2 exact; do
	if raw_counter_ok "$T_TMP/raw.$f"; then pass "raw_counter_after_end_$f"; else fail "raw_counter_after_end_$f" "$(sed -n 2p "$T_TMP/raw.$f")"; fi
done

# the PCode finder's Tab follows its layout: ZIP, NPA-NXX, FIPS, then City,
# State, County; a ZIP whose places share one PCode fills it at once
run_script finder_tab_follows_layout <<'SCRIPT'
wait-idle
key C-f
key Tab Tab Tab
type Dallas
key Tab
type TX
key Enter
wait-idle
assert-state view main
assert-field bill.pcd 3726100
assert-state message "Bill-to PCode 3726100: DALLAS, DALLAS TX (USA)"
key C-f
type 10001
key Enter
wait-idle
assert-state view main
assert-field bill.pcd 2604100
assert-state message "all 5 places found share it"
SCRIPT

# F2 offers the documents folder (never the folder afcq started in), then
# the folder last used, in this session and the next; the message says where
mkdir -p "$T_TMP/elsewhere" "$T_TMP/docs"
run_script save_defaults_to_documents <<SCRIPT
wait-idle
key F2
key Enter
assert-state message "saved the request to $HOME/Documents/request.json"
key F2
type other.json
key Enter
assert-state message "saved the request to $HOME/Documents/other.json"
key F2
type $T_TMP/elsewhere/mine.json
key Enter
assert-state message "saved the request to $T_TMP/elsewhere/mine.json"
SCRIPT
for f in "$HOME/Documents/request.json" "$HOME/Documents/other.json" "$T_TMP/elsewhere/mine.json"; do
	if [ -f "$f" ]; then pass "saved_$(basename "$f")"; else fail "saved_$(basename "$f")" "$f missing"; fi
done
if [ -f request.json ] && [ request.json -nt "$T_TMP/docs" ]; then fail save_not_in_start_folder "request.json written here"; else pass save_not_in_start_folder; fi
{ dallas_fields; cat <<SCRIPT
key F2
key Enter
assert-state message "saved the request to $T_TMP/elsewhere/request.json"
key F5
wait-idle
key F9
key F2
key Enter
assert-state message "saved the response to $T_TMP/elsewhere/response.json"
SCRIPT
} | run_script save_remembers_the_folder_last_used
rm -f "$XDG_STATE_HOME/afcq/last-folder"
XDG_DOCUMENTS_DIR="$T_TMP/docs" run_script save_to_xdg_documents_dir <<SCRIPT
wait-idle
key F2
key Enter
assert-state message "saved the request to $T_TMP/docs/request.json"
SCRIPT

# the place of the bill-to PCode shows beside it once the service said it,
# asked in the background and once per PCode
answers_proxy_start "$SB_URL" || exit 1
SB_URL_DIRECT=$SB_URL
SB_URL=$PX
: >"$PX_LOG"
run_script place_beside_bill_pcode <<'SCRIPT'
wait-idle
set-field bill.pcd 3726100
wait-screen "Bill-to PCode[ 3726100] DALLAS, TX  ZIP["
set-field bill.pcd 2604100
wait-screen "Bill-to PCode[ 2604100] NEW YORK    ZIP["
set-field bill.pcd 3726100
wait-screen "Bill-to PCode[ 3726100] DALLAS, TX  ZIP["
# a PCode the service does not know says so at once (a typing mistake)
set-field bill.pcd 9999999
wait-screen "Bill-to PCode[ 9999999] ? unknown   ZIP["
SCRIPT
n=$(grep -c "primary/3726100" "$PX_LOG")
if [ "$n" = 1 ]; then pass place_asked_once; else fail place_asked_once "$n calls: $(cat "$PX_LOG")"; fi
SB_URL=$SB_URL_DIRECT

# a tax in full names its jurisdiction, says when its base is another tax
# of the same item, and a maximum of 2147483647 is no maximum
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
key C-w Down Down Down Down Down Down Down Down Down Down Enter
assert-screen "Item 2, tax 6"
wait-screen "PCode (pcd)            3726100  State of TX"
assert-screen "Calculation: 6.25% of 1.72 = 0.1075"
assert-screen "The base 1.72 is the Municipal Right of Way on the same item (City of"
assert-screen "DALLAS, DALLAS county, TX): a tax on a tax."
key Esc
key Up Up Up Up Up Up Up Enter
assert-screen "Item 1, tax 3"
assert-screen "Calculation: 6.25% of 15 = 0.9375"
assert-not-screen "a tax on a tax"
key Esc
key C-w Enter
assert-screen "Summary row 1 of invoice 1"
assert-screen "Maximum (max)          no maximum"
assert-not-screen "2147483647"
wait-screen "PCode (pcd)            3726100  City of DALLAS, DALLAS county, TX"
SCRIPT
} | run_script tax_explained

# history shows who it was for (bill-to PCode and place), the total, the
# endpoint and the outcome; / finds an entry by any of them or by what
# was sent, n the next one
{ dallas_fields; cat <<'SCRIPT'
key F5
wait-idle
set-field bill.pcd 2604100
key F5
wait-idle
key F8
assert-screen "  # UTC time    Kind        Total Outcome PCode   Bill-to       Endpoint"
wait-screen "quote       17.00 ok      2604100 NEW YORK, NY  127.0.0.1:"
wait-screen "quote       19.78 ok      3726100 DALLAS, TX    127.0.0.1:"
key /
type dallas
key Enter
assert-state message "history: \"dallas\" in entry 1"
key Enter
assert-state message "showing history entry 1 (quote)"
key F8
key /
type "right of way"
key Enter
assert-state message "history: \"right of way\" in entry 1"
key /
type ok
key Enter
assert-state message "in entry 1"
key n
assert-state message "in entry 2"
key /
type "nowhere at all"
key Enter
assert-state message "history: \"nowhere at all\" not found"
SCRIPT
} | XDG_STATE_HOME="$T_TMP/state-history" run_script history_columns_and_search
