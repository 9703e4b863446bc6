#!/bin/sh
# Checks the build dependencies; installs the missing Debian packages when
# run as root, otherwise prints the exact apt-get line and fails.
set -u
pkgs=""
need() { # pkg-config module, Debian package
	pkg-config --exists "$1" 2>/dev/null || pkgs="$pkgs $2"
}
need_cmd() { # command, Debian package
	command -v "$1" >/dev/null 2>&1 || pkgs="$pkgs $2"
}
need_cmd cc gcc
need_cmd make make
need_cmd pkg-config pkg-config
if command -v pkg-config >/dev/null 2>&1; then
	need jansson libjansson-dev
	need libcurl libcurl4-openssl-dev
	need libconfig libconfig-dev
	need sqlite3 libsqlite3-dev
	need ncursesw libncurses-dev
	need formw libncurses-dev
	need libmicrohttpd libmicrohttpd-dev
	need cmocka libcmocka-dev
fi
need_cmd tmux tmux
need_cmd sqlite3 sqlite3
pkgs=$(printf '%s\n' $pkgs | sort -u | tr '\n' ' ' | sed 's/ *$//')
[ -z "$pkgs" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "afcq: installing missing packages: $pkgs"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $pkgs >/dev/null || {
		echo "afcq: apt-get install failed; run: apt-get install $pkgs" >&2; exit 1; }
	exit 0
fi
echo "afcq: missing build dependencies. Install them with:" >&2
echo "  sudo apt-get install $pkgs" >&2
exit 1
