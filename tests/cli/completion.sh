#!/bin/sh
# Shell completion: `afcq completion bash` is sourced into bash and its
# function asked as bash asks it (COMP_WORDS, COMP_CWORD).  The words come
# from the option table (every subcommand, each command's own options, the
# formats), from the configuration (profiles), from history (ids and
# document codes) and from the books (ids, and names quoted as the word is
# typed).  The zsh script is the same function behind bashcompinit.
. tests/lib.sh
sandbox_start || exit 1

expect_rc completion_bash_prints 0 "$AFCQ" completion bash
cp "$OUT" "$T_TMP/afcq.bash"
if bash -n "$T_TMP/afcq.bash" 2>"$ERR"; then pass completion_bash_syntax; else fail completion_bash_syntax "$(cat "$ERR")"; fi
expect_rc completion_zsh_prints 0 "$AFCQ" completion zsh
expect_grep completion_zsh_compdef "$OUT" "#compdef afcq"
expect_grep completion_zsh_bashcompinit "$OUT" "bashcompinit"
expect_rc completion_needs_shell 2 "$AFCQ" completion fish
expect_grep completion_needs_shell_says "$ERR" "bash or zsh"

# words "WORD..." : the completions bash offers for the last word ("@" is
# an empty word: the cursor after a blank).
words() {
	# shellcheck disable=SC2086
	set -- $1
	bash -c '. "$1"; shift; COMP_WORDS=(); for w in "$@"; do [ "$w" = @ ] && w=; COMP_WORDS+=("$w"); done
		COMP_CWORD=$(($# - 1)); _afcq
		printf "%s\n" "${COMPREPLY[@]}"' _ "$T_TMP/afcq.bash" "$AFCQ" "$@" >"$T_TMP/words" 2>&1
}
# words_then "WORDS" LAST: the same, LAST (one word as typed, quotes and
# backslashes and all) being completed after WORDS.
words_then() {
	last=$2
	# shellcheck disable=SC2086
	set -- $1
	bash -c '. "$1"; shift; COMP_WORDS=(); for w in "$@"; do COMP_WORDS+=("$w"); done
		COMP_CWORD=$(($# - 1)); _afcq
		printf "%s\n" "${COMPREPLY[@]}"' _ "$T_TMP/afcq.bash" "$AFCQ" "$@" "$last" >"$T_TMP/words" 2>&1
}
# offers_name NAME "WORDS" LAST REPLY TEXT: completing LAST after WORDS
# offers REPLY, which the shell reads back as TEXT (inside the quote LAST
# opened, if it opened one: readline closes it).
offers_name() {
	words_then "$2" "$3"
	if ! grep -qxF -- "$4" "$T_TMP/words"; then
		fail "$1" "'$4' not offered: $(tr '\n' '|' <"$T_TMP/words")"
		return
	fi
	q=$(printf %.1s "$3")
	case $q in \"|\') ;; *) q= ;; esac
	back=$(bash -c 'eval "printf %s $1"' _ "$q$4$q" 2>&1)
	if [ "$back" = "$5" ]; then pass "$1"; else fail "$1" "'$4' reads back as '$back'"; fi
}
# offers NAME "WORDS" "EXPECTED...": every EXPECTED word is offered.
offers() {
	words "$2"
	for w in $3; do
		if ! grep -qxF -- "$w" "$T_TMP/words"; then
			fail "$1" "'$w' not offered: $(tr '\n' ' ' <"$T_TMP/words")"
			return
		fi
	done
	pass "$1"
}
# not_offered NAME "WORDS" UNEXPECTED
not_offered() {
	words "$2"
	if grep -qxF -- "$3" "$T_TMP/words"; then fail "$1" "'$3' offered"; else pass "$1"; fi
}

offers completion_subcommands "@" "quote invoice commit uncommit tspairs taxtype pcode history check-config"
not_offered completion_hidden_command_not_offered "@" __complete
offers completion_subcommand_prefix "inv" invoice
offers completion_invoice_options "invoice --" "--number --doc --commit --format --config"
not_offered completion_quote_has_no_number "quote --" --number
offers completion_pcode_options "pcode --" "--zip --npanxx --fips"
offers completion_formats "quote -f @" "table json csv"
offers completion_formats_long "quote --format c" csv
offers completion_history_verbs "history @" "list show"
offers completion_workstation_options "--" "--no-color --keys --script"

cfg="$T_TMP/c.conf"
cat >"$cfg" <<CONF
profile = "billing";
profiles: { billing: { endpoint = "$SB_URL"; }; reps: { endpoint = "$SB_URL"; allow_commit = false; }; };
CONF
export AFCQ_CONFIG="$cfg"
offers completion_profiles_from_config "quote -p @" "billing reps sandbox"

REQ="$FIX/requests/dallas.json"
expect_rc completion_setup_invoice 0 "$AFCQ" invoice --number INV-C --doc DOC-COMPLETE-1 "$REQ"
id=$("$AFCQ" history list 2>/dev/null | awk '/DOC-COMPLETE-1/ { print $1; exit }')
if [ -n "$id" ]; then
	offers completion_history_ids "history show @" "$id"
else
	fail completion_history_ids "no history id for DOC-COMPLETE-1: $("$AFCQ" history list 2>&1 | head -5)"
fi
offers completion_docs_for_commit "commit @" DOC-COMPLETE-1
offers completion_docs_for_uncommit "uncommit DOC-C" DOC-COMPLETE-1
if [ -n "$id" ]; then
	offers completion_compare_history_refs "compare @" "@$id"
	offers completion_compare_files "compare @$id $FIX/requests/dal" "$REQ"
fi
offers completion_customers_verbs "customers @" "list show add import export rm"
offers completion_customers_add_options "customers add --" "--name --account --phone --pcode --zip --city --state --cust --lifeline --products"
offers completion_quote_customer "quote --cu" "--customer"
offers completion_history_customer "history --cu" "--customer"
offers completion_invoice_customer "invoice --cu" "--customer"
offers completion_invoice_products "invoice --pr" "--products"

# show and rm of customers and products offer the ids in the book
expect_rc completion_setup_customers 0 "$AFCQ" customers import "$FIX/book/customers.csv"
expect_rc completion_setup_products 0 "$AFCQ" products import "$FIX/book/products.json"
# names hold spaces and quotes: offered one whole name a reply, quoted as
# the word is typed (backslashes, or inside the quote it opened)
expect_rc completion_setup_odd_name 0 "$AFCQ" customers add --name 'Joe "JJ" $mith & `Co`\' --pcode 3726100
offers_name completion_customer_name "quote --customer" "Smi" 'Smith\,\ Bob' "Smith, Bob"
offers_name completion_history_customer_name "history --customer" "Smi" 'Smith\,\ Bob' "Smith, Bob"
offers_name completion_invoice_customer_name "invoice --customer" "Smi" 'Smith\,\ Bob' "Smith, Bob"
offers_name completion_customer_name_escaped "quote --customer" 'Ann\ O' "Ann\ O\\'Brien" "Ann O'Brien"
offers_name completion_customer_name_in_double_quotes "quote --customer" '"Ann' "Ann O'Brien" "Ann O'Brien"
offers_name completion_customer_name_in_single_quotes "quote --customer" "'Ann" "Ann O'\\''Brien" "Ann O'Brien"
offers_name completion_customer_name_odd "quote --customer" "Jo" 'Joe\ \"JJ\"\ \$mith\ \&\ \`Co\`\\' 'Joe "JJ" $mith & `Co`\'
offers_name completion_customer_name_odd_in_double_quotes "quote --customer" '"Jo' 'Joe \"JJ\" \$mith & \`Co\`\\' 'Joe "JJ" $mith & `Co`\'
offers_name completion_customers_show_name "customers show" "Car" 'Carla\ Diaz' "Carla Diaz"
offers_name completion_products_name "quote --products" "VoIP" 'VoIP\ residential\ line' "VoIP residential line"
not_offered completion_customer_name_prefix_only "quote --customer Smi" "Carla\ Diaz"
cids=$("$AFCQ" customers list -f csv 2>/dev/null | awk -F, 'NR > 1 { print $1 }' | tr '\n' ' ')
pids=$("$AFCQ" products list -f csv 2>/dev/null | awk -F, 'NR > 1 { print $1 }' | tr '\n' ' ')
if [ -n "$cids" ] && [ -n "$pids" ]; then
	offers completion_customers_show_ids "customers show @" "$cids"
	offers completion_customers_rm_ids "customers rm @" "$cids"
	offers completion_products_show_ids "products show @" "$pids"
	offers completion_products_rm_ids "products rm @" "$pids"
	cid=${cids%% *}
	not_offered completion_customers_one_id "customers show $cid @" "$cid"
	"$AFCQ" customers rm "$cid" >/dev/null 2>&1
	not_offered completion_customers_removed_id "customers rm @" "$cid"
else
	fail completion_book_ids "no ids listed: customers '$cids', products '$pids'"
fi
offers completion_customers_import_files "customers import $FIX/book/customers.c" "$FIX/book/customers.csv"
offers completion_products_import_files "products import $FIX/book/prod" "$FIX/book/products.json"
