#!/bin/sh
# Works out which Debian packages the build and the tests need and are not
# installed, then installs them when run as root, or prints one complete
# install line and fails otherwise.
#
# Each need is "package kind name": the package that provides it, and how to
# tell whether it is there already:
#   cmd NAME   a command on PATH
#   pc NAME    a pkg-config module (asked through pkg-config when that is
#              installed, otherwise the package's install status is asked)
#   deb        the package itself must be installed (dpkg status)
#   pg         a PostgreSQL server (initdb) in Debian's versioned folder
#
# As root, pkg-config is installed first when it is missing, so that the
# libraries are checked the way the build finds them: one run installs all.
set -u

NEEDS='
gcc                  cmd cc
make                 cmd make
pkg-config           cmd pkg-config
libjansson-dev       pc  jansson
libcurl4-openssl-dev pc  libcurl
libconfig-dev        pc  libconfig
libsqlite3-dev       pc  sqlite3
libncurses-dev       pc  ncursesw
libncurses-dev       pc  formw
libncurses-dev       pc  menuw
libncurses-dev       pc  panelw
libmicrohttpd-dev    pc  libmicrohttpd
libcmocka-dev        pc  cmocka
libyajl-dev          pc  yajl
libpq-dev            pc  libpq
tmux                 cmd tmux
sqlite3              cmd sqlite3
curl                 cmd curl
python3              cmd python3
clang                cmd clang
libclang-rt-14-dev   deb -
postgresql           pg  -
ca-certificates      deb -
man-db               cmd man
'

have_deb() {
	command -v dpkg-query >/dev/null 2>&1 || return 1
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q ' installed$'
}

have_pg() {
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && return 0
	done
	return 1
}

# missing: prints the packages whose need is not met, one per line.
missing() {
	printf '%s\n' "$NEEDS" | while read -r pkg kind name; do
		[ -n "$pkg" ] || continue
		case $kind in
		cmd) command -v "$name" >/dev/null 2>&1 && continue ;;
		pc)
			if command -v pkg-config >/dev/null 2>&1; then
				pkg-config --exists "$name" 2>/dev/null && continue
			else
				have_deb "$pkg" && continue
			fi ;;
		deb) have_deb "$pkg" && continue ;;
		pg) have_pg && continue ;;
		esac
		echo "$pkg"
	done | sort -u
}

apt_install() {
	export DEBIAN_FRONTEND=noninteractive
	if [ -z "${AFCQ_APT_UPDATED:-}" ]; then
		apt-get update -qq || { echo "afcq: apt-get update failed" >&2; return 1; }
		AFCQ_APT_UPDATED=1
	fi
	apt-get install -y -qq "$@" >/dev/null
}

if [ "$(id -u)" = 0 ] && ! command -v pkg-config >/dev/null 2>&1; then
	echo "afcq: installing pkg-config to check the libraries"
	apt_install pkg-config || {
		echo "afcq: could not install pkg-config; run: apt-get update && apt-get install -y pkg-config" >&2
		exit 1; }
fi

pkgs=$(missing | tr '\n' ' ' | sed 's/ *$//')
[ -z "$pkgs" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "afcq: installing missing packages: $pkgs"
	# shellcheck disable=SC2086
	apt_install $pkgs || {
		echo "afcq: apt-get install failed; run: apt-get update && apt-get install -y $pkgs" >&2
		exit 1; }
	left=$(missing | tr '\n' ' ' | sed 's/ *$//')
	if [ -n "$left" ]; then
		echo "afcq: still missing after install: $left" >&2
		exit 1
	fi
	exit 0
fi

echo "afcq: missing packages for the build and the tests. Install them as root with:" >&2
echo "  apt-get update && apt-get install -y $pkgs" >&2
if command -v sudo >/dev/null 2>&1; then
	echo "or with sudo:" >&2
	echo "  sudo sh -c 'apt-get update && apt-get install -y $pkgs'" >&2
fi
exit 1
