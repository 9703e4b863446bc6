# utf8_locale WHAT: sets and exports LC_ALL to a UTF-8 locale (C.UTF-8 or
# en_US.UTF-8), whatever the caller's; without one installed the test says
# "SKIP WHAT" and ends (exit 0).  Sourced after tests/lib.sh.
utf8_locale() {
	UTF8_LOCALE=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')
	if [ -z "$UTF8_LOCALE" ]; then
		echo "SKIP $1: no UTF-8 locale installed"
		exit 0
	fi
	LC_ALL=$UTF8_LOCALE
	export LC_ALL
}
