#!/bin/sh
# A large answer: `afcq quote -f csv` prints one row per tax of the answer,
# in its order, the same rows the answer as sent holds (-f json, laid out
# as a small answer is), with the same exit code; history keeps such an answer shortened (its summary,
# errors and total, and a note), and `afcq history show` says so.  A small
# answer is kept whole and shown without a note.
. "${AFCQ_TOP:-.}/tests/lib.sh"
. "$AFCQ_TOP/tests/cli/lib/cli.sh"

sandbox_start || exit 1

# A Dallas VoIP line repeated: an answer of about 1 MB.
python3 - "$T_TMP/big.json" <<'PY'
import json, sys
items = [{"ref": "line %d" % (i + 1), "chg": 15, "line": 0, "sale": 1, "tran": 19, "serv": 6}
         for i in range(2500)]
req = {"cmpn": {"bscl": 0, "svcl": 0, "fclt": True, "frch": False, "reg": True, "idnt": "C"},
       "inv": [{"doc": "LARGE-1", "cmmt": False, "bill": {"pcd": 3726100}, "cust": 0,
                "date": "2022-03-02", "summ": True, "itms": items}]}
json.dump(req, open(sys.argv[1], "w"))
PY

# The CSV a tree of the answer gives: one row per tax, items then summary.
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

if expect_rc "large answer as json exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f json "$T_TMP/big.json"; then
	cp "$OUT" "$T_TMP/answer.json"
	size=$(wc -c <"$T_TMP/answer.json")
	if [ "$size" -gt 262144 ]; then pass "the answer is larger than 256 KiB"
	else fail "the answer is larger than 256 KiB" "$size bytes"; fi
	csv_of_answer "$T_TMP/answer.json" >"$T_TMP/want.csv"
	# laid out as a small answer is (two-space indent, "key": value)
	relaid=$(python3 -c 'import json, sys; t = open(sys.argv[1]).read(); print("same" if json.dumps(json.loads(t), indent=2, ensure_ascii=False) + "\n" == t else "differs")' "$T_TMP/answer.json")
	expect_eq "large answer as json: pretty-printed like a small one" same "$relaid"
fi
if expect_rc "large answer as csv exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv "$T_TMP/big.json"; then
	expect_eq "csv header first" \
		"scope,doc,ref,tid,name,cat,cid,lvl,pcd,calc,rate,base,lns,min,exm,bill,cmpl,sur,tax" \
		"$(head -n 1 "$OUT")"
	expect_eq "one header" 1 "$(grep -c '^scope,' "$OUT")"
	# scope, doc, ref, tid, name and tax of every row, in the answer's order
	tail -n +2 "$OUT" | awk -F, '{ print $1 "," $2 "," $3 "," $4 "," $5 "," $NF }' >"$T_TMP/got.csv"
	expect_same "every tax of the answer, in order" "$T_TMP/want.csv" "$T_TMP/got.csv"
fi

# History: the last entry is that quote, kept short.
id=$("$AFCQ" history list | awk 'NR > 1 && $3 == "quote" { print $1; exit }')
if expect_rc "history show of the large quote exits 0" 0 "$AFCQ" history show "$id"; then
	expect_line "says the answer was shortened" "$OUT" \
		'^note +answer of [0-9.]+ (KiB|MiB) shortened in history: 2500 line items left out \(0 with errors\); summary, errors and total kept$'
	expect_line "keeps the total" "$OUT" '^total +[0-9]'
	sed -n '/^response:$/,$p' "$OUT" >"$T_TMP/response"
	expect_line "keeps the summary rows" "$T_TMP/response" '"summ"'
	expect_line "keeps the document" "$T_TMP/response" '"doc": "LARGE-1"'
	if grep -q '"itms"' "$T_TMP/response"; then fail "leaves the items out" "$(grep -m1 itms "$T_TMP/response")"
	else pass "leaves the items out"; fi
fi
if expect_rc "history show of the large quote as json exits 0" 0 "$AFCQ" history show -f json "$id"; then
	stored=$(sqlite3 "$XDG_STATE_HOME/afcq/history.sqlite" "select length(response) from requests where id = $id")
	if [ "$stored" -lt 262144 ]; then pass "stores less than 256 KiB"
	else fail "stores less than 256 KiB" "$stored bytes"; fi
fi

# A small answer is kept whole, without a note.
if expect_rc "small quote exits 0" 0 "$AFCQ" quote -e "$SB_URL" -f csv "$REQ/dallas.json"; then
	id=$("$AFCQ" history list | awk 'NR > 1 && $3 == "quote" { print $1; exit }')
	"$AFCQ" history show "$id" >"$T_TMP/small" 2>&1
	if grep -q '^note' "$T_TMP/small"; then fail "small answer: no note" "$(grep '^note' "$T_TMP/small")"
	else pass "small answer: no note"; fi
	sed -n '/^response:$/,$p' "$T_TMP/small" >"$T_TMP/response"
	expect_line "small answer: kept whole" "$T_TMP/response" '"txs"'
fi
