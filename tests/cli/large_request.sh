#!/bin/sh
# A long request of several invoices (3 x 1,500 line items, with
# quantities, tax-inclusive charges and adjustments among them): `afcq
# quote` prints every invoice's rows (CSV and JSON), sends it with cmmt
# false on every invoice whatever the file says, and history records
# exactly that request and the total due, the same whichever format printed
# it; `afcq invoice` sets the number and a code on each invoice and prints
# each document.  A request in the documentation's relaxed syntax reads the
# same from a file, from a pipe named as a file and from stdin.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start --now 2022-03-15 || exit 1
DB="$XDG_STATE_HOME/afcq/history.sqlite"

python3 - "$T_TMP/long.json" <<'PY'
import json, sys
def item(k, i):
    it = {"ref": "inv %d line %d" % (k + 1, i + 1), "chg": 10 + (i % 17) * 0.25,
          "line": 0, "sale": 1, "tran": 19, "serv": 6}
    if i % 7 == 3:
        it["qty"] = 3
    if i % 11 == 5:
        it["incl"] = True
    if i % 13 == 8:
        it["adj"] = True
    return it
req = {"cmpn": {"bscl": 0, "svcl": 0, "fclt": True, "frch": False, "reg": True, "idnt": "C"},
       "inv": [{"doc": "LONG-%d" % (k + 1), "cmmt": True, "bill": {"pcd": 3726100}, "cust": 0,
                "date": "2022-03-02", "summ": True, "itms": [item(k, i) for i in range(1500)]}
               for k in range(3)]}
json.dump(req, open(sys.argv[1], "w"))
PY

# csv_of_answer FILE: scope, doc, ref, tid, name and tax of every row a tree
# of the answer gives, invoice by invoice: items, then the summary.
csv_of_answer() {
	python3 - "$1" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
def num(v):
    return repr(float(v)).rstrip("0").rstrip(".") if isinstance(v, float) else str(v)
for inv in a.get("inv", []):
    doc = inv.get("doc", "")
    for it in inv.get("itms", []):
        for t in it.get("txs", []):
            print("item,%s,%s,%d,%s,%s" % (doc, it.get("ref", ""), t["tid"], t["name"], num(t["tax"])))
    for s in inv.get("summ", []):
        print("summary,%s,,%d,%s,%s" % (doc, s["tid"], s["name"], num(s["tax"])))
PY
}

# last_id: the newest history entry's id.
last_id() {
	sqlite3 "$DB" "select max(id) from requests"
}

# sent_check ID: the request history recorded for entry ID is the file's
# request with cmmt false on every invoice, nothing more or less.
sent_check() {
	sqlite3 "$DB" "select request from requests where id = $1" >"$T_TMP/sent.json"
	python3 - "$T_TMP/long.json" "$T_TMP/sent.json" <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
for inv in want["inv"]:
    inv["cmmt"] = False
got = json.load(open(sys.argv[2]))
print("same" if got == want else "differs")
PY
}

# total_of ANSWER: the total due from the file's charges and the answer's
# billable taxes (an adjustment is a credit; a tax-inclusive item counts
# the answer's pre-tax base).
total_of() {
	python3 - "$T_TMP/long.json" "$1" <<'PY'
import json, sys
req = json.load(open(sys.argv[1]))
ans = json.load(open(sys.argv[2]))
due = 0.0
for qi, ri in zip(req["inv"], ans["inv"]):
    for it, res in zip(qi["itms"], ri["itms"]):
        if it.get("incl") and "base" in res:
            c = res["base"]
        else:
            c = it["chg"] * it.get("qty", 1)
        if it.get("adj"):
            c = -abs(c)
        due += c
        due += sum(t["tax"] for t in res.get("txs", []) if t.get("bill"))
print("%.2f" % due)
PY
}

if expect_rc "long request as json exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f json "$T_TMP/long.json"; then
	cp "$OUT" "$T_TMP/answer.json"
	n=$(python3 -c 'import json, sys; a = json.load(open(sys.argv[1])); print(" ".join(str(len(i["itms"])) for i in a["inv"]))' "$T_TMP/answer.json")
	expect_eq "json: every invoice's items" "1500 1500 1500" "$n"
	expect_eq "json: history records the request as sent" same "$(sent_check "$(last_id)")"
	json_total=$(sqlite3 "$DB" "select total from requests where id = $(last_id)")
	json_sent=$(sqlite3 "$DB" "select request from requests where id = $(last_id)")
	csv_of_answer "$T_TMP/answer.json" >"$T_TMP/want.csv"
	expect_eq "the total due history records" "$(total_of "$T_TMP/answer.json")" \
		"$(printf '%.2f' "$json_total")"
fi

if expect_rc "long request as csv exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv "$T_TMP/long.json"; then
	tail -n +2 "$OUT" | awk -F, '{ print $1 "," $2 "," $3 "," $4 "," $5 "," $NF }' >"$T_TMP/got.csv"
	expect_same "csv: every row of every invoice, in order" "$T_TMP/want.csv" "$T_TMP/got.csv"
	expect_eq "csv: three invoices' summaries" 3 \
		"$(cut -d, -f1,2 "$OUT" | grep '^summary,' | sort -u | wc -l | tr -d ' ')"
	id=$(last_id)
	expect_eq "csv: history records the request as sent" same "$(sent_check "$id")"
	expect_eq "csv: the same request text as with json" "$json_sent" \
		"$(sqlite3 "$DB" "select request from requests where id = $id")"
	expect_eq "csv: the same total due as with json" "$json_total" \
		"$(sqlite3 "$DB" "select total from requests where id = $id")"
fi

if expect_rc "long request as a table exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f table "$T_TMP/long.json"; then
	id=$(last_id)
	expect_eq "table: the same request text" "$json_sent" \
		"$(sqlite3 "$DB" "select request from requests where id = $id")"
	expect_eq "table: the same total due" "$json_total" \
		"$(sqlite3 "$DB" "select total from requests where id = $id")"
	expect_line "table: the total due" "$OUT" \
		"^ +Total due +$(printf '%.2f' "$json_total" | sed 's/\./\\./')$"
fi

if expect_rc "long invoice as csv exits 0" 0 "$AFCQ" invoice -e "$SB_URL" -f csv --number LN-1 \
	--doc LONGDOC "$T_TMP/long.json"; then
	sqlite3 "$DB" "select request from requests where id = $(last_id)" >"$T_TMP/inv.json"
	got=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(" ".join("%s/%s/%s/%d" % (i["doc"], i["invn"], i["cmmt"], len(i["itms"])) for i in r["inv"]))' "$T_TMP/inv.json")
	expect_eq "invoice: number, code and items of each invoice" \
		"LONGDOC-1/LN-1/False/1500 LONGDOC-2/LN-1/False/1500 LONGDOC-3/LN-1/False/1500" "$got"
	expect_eq "invoice: every invoice's summary" 3 \
		"$(cut -d, -f1,2 "$OUT" | grep '^summary,' | sort -u | wc -l | tr -d ' ')"
fi
if expect_rc "long invoice as a table exits 0" 0 "$AFCQ" invoice -e "$SB_URL" --number LN-2 \
	--doc LONGDOC2 "$T_TMP/long.json"; then
	expect_eq "invoice table: each document" \
		"LONGDOC2-1 LONGDOC2-2 LONGDOC2-3" \
		"$(sed -n 's/^Document \([^:]*\): not committed.*/\1/p' "$OUT" | tr '\n' ' ' | sed 's/ $//')"
fi

# The relaxed syntax (comments, trailing commas, a leading zero) from a
# file, a pipe given by name and stdin: the same request goes out.
for how in file pipe stdin; do
	case $how in
	file) expect_rc "relaxed request from a $how exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv \
		"$REQ/dallas.json" ;;
	pipe) expect_rc "relaxed request from a $how exits 0" 0 sh -c \
		"cat '$REQ/dallas.json' | '$AFCQ' quote -e '$SB_URL' -f csv /dev/stdin" ;;
	stdin) expect_rc "relaxed request from $how exits 0" 0 sh -c \
		"'$AFCQ' quote -e '$SB_URL' -f csv - <'$REQ/dallas.json'" ;;
	esac
	cp "$OUT" "$T_TMP/relaxed.$how"
	sqlite3 "$DB" "select request from requests where id = $(last_id)" >"$T_TMP/relaxed_sent.$how"
done
expect_same "relaxed request: the same rows from a pipe" "$T_TMP/relaxed.file" "$T_TMP/relaxed.pipe"
expect_same "relaxed request: the same rows from stdin" "$T_TMP/relaxed.file" "$T_TMP/relaxed.stdin"
expect_same "relaxed request: the same request sent from a pipe" "$T_TMP/relaxed_sent.file" \
	"$T_TMP/relaxed_sent.pipe"
expect_same "relaxed request: the same request sent from stdin" "$T_TMP/relaxed_sent.file" \
	"$T_TMP/relaxed_sent.stdin"
expect_line "relaxed request: every row" "$T_TMP/relaxed.file" '^summary,'

# Problems in a long request: every one, in the same order and words with
# CSV (read one invoice at a time) as with the table (read whole): the
# company, a missing field, a date, charges that add up past the largest
# total across invoices, an override; cmmt without a code is no problem
# for a quote.  Nothing is sent or recorded.
python3 - "$T_TMP/long.json" "$T_TMP/bad.json" "$T_TMP/badpair.json" <<'PY'
import json, sys
req = json.load(open(sys.argv[1]))
bad = json.loads(json.dumps(req))
bad["cmpn"]["bscl"] = 9
del bad["inv"][1]["itms"][3]["tran"]
del bad["inv"][1]["doc"]
bad["inv"][2]["date"] = "2022-02-30"
bad["inv"][0]["itms"][1]["chg"] = 600000000000
bad["inv"][2]["itms"][0]["chg"] = 600000000000
bad["ovr"] = [{"tid": -5}]
json.dump(bad, open(sys.argv[2], "w"))
pair = json.loads(json.dumps(req))
pair["inv"][1]["itms"][7]["serv"] = 9999
json.dump(pair, open(sys.argv[3], "w"))
PY
before=$(sqlite3 "$DB" "select count(*) from requests")
for f in csv json table; do
	expect_rc "long request with problems as $f exits 2" 2 "$AFCQ" quote -e "$SB_URL" -f $f \
		"$T_TMP/bad.json"
	cp "$ERR" "$T_TMP/bad_said.$f"
done
expect_same "problems: the same with csv as with the table" "$T_TMP/bad_said.table" \
	"$T_TMP/bad_said.csv"
expect_same "problems: the same with json as with the table" "$T_TMP/bad_said.table" \
	"$T_TMP/bad_said.json"
expect_eq "problems: each said, in field order" \
	"cmpn.bscl inv[1].itms[3].tran inv[2].date inv[2].itms[0].chg ovr[0].tid" \
	"$(sed -n 's/^afcq: \([^:]*\): .*/\1/p' "$T_TMP/bad_said.csv" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "problems: nothing recorded" "$before" "$(sqlite3 "$DB" "select count(*) from requests")"

# A pair the endpoint's catalog does not know, in the second invoice.
for f in csv table; do
	expect_rc "long request with an unknown pair as $f exits 2" 2 "$AFCQ" quote -e "$SB_URL" \
		-f $f "$T_TMP/badpair.json"
	grep -v 'T/S pairs' "$ERR" >"$T_TMP/badpair.$f"
done
expect_same "unknown pair: the same with csv as with the table" "$T_TMP/badpair.table" \
	"$T_TMP/badpair.csv"
expect_line "unknown pair: named" "$T_TMP/badpair.csv" '^afcq: inv\[1\]\.itms\[7\]\.serv: '
expect_eq "unknown pair: nothing recorded" "$before" \
	"$(sqlite3 "$DB" "select count(*) from requests")"
