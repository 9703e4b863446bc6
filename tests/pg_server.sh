# A private PostgreSQL server for the tests.  Source it after tests/lib.sh.
#
# pg_start initdb's a cluster into a temporary folder and starts it with
# pg_ctl on a free loopback port (TCP only, no Unix socket); the server
# stops and the folder goes when the test ends.  postgres refuses to run as
# root, so as root the folder belongs to "nobody" and the server runs as
# that user.  The superuser is "afcq" with a password (scram-sha-256 over
# TCP), given to libpq through PGPASSWORD as a user would.  Sets:
#   PG_URL   postgresql://afcq@127.0.0.1:PORT/postgres
#   PG_BIN   the server's bin folder (psql is in it)
# pg_newdb NAME creates a database and prints its URL; pg_halt/pg_resume
# stop and start it again, pg_freeze/pg_thaw make it hang and answer again.

PG_DIR=""
PG_BIN=""
PG_URL=""
PG_PORT=""
PG_PASSWORD="afcq-test-secret"

# pg_bin: the newest of Debian's versioned server folders, or nothing.
pg_bin() {
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
	done
	return 1
}

# as_server CMD...: runs CMD as the server's user (nobody when root).
as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
	else
		"$@"
	fi
}

pg_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_stop() {
	if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
		pg_thaw 2>/dev/null
		as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
	fi
	[ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
	PG_DIR=""
}

pg_cleanup() {
	pg_stop
	t_cleanup
}
trap pg_cleanup EXIT

# pg_start: 0 with PG_URL set, 1 (after a FAIL line) when no server started.
pg_start() {
	PG_BIN=$(pg_bin) || { echo "FAIL postgresql: no initdb under /usr/lib/postgresql/*/bin (run scripts/setup.sh)"; return 1; }
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/afcq-pg.XXXXXX")
	chmod 755 "$PG_DIR"
	printf '%s\n' "$PG_PASSWORD" >"$PG_DIR/pw"
	[ "$(id -u)" -eq 0 ] && chown -R nobody:nogroup "$PG_DIR"
	if ! as_server "$PG_BIN/initdb" -D "$PG_DIR/data" -U afcq --pwfile="$PG_DIR/pw" \
		--auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
		>"$PG_DIR/initdb.log" 2>&1; then
		echo "FAIL postgresql: initdb: $(tail -3 "$PG_DIR/initdb.log")"
		return 1
	fi
	rm -f "$PG_DIR/pw"
	tries=0
	while [ $tries -lt 5 ]; do
		PG_PORT=$(pg_free_port)
		if as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
			-o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off" \
			start >/dev/null 2>&1; then
			export PGPASSWORD="$PG_PASSWORD"
			PG_URL="postgresql://afcq@127.0.0.1:$PG_PORT/postgres"
			return 0
		fi
		tries=$((tries + 1))
	done
	echo "FAIL postgresql: pg_ctl start: $(tail -3 "$PG_DIR/server.log")"
	return 1
}

# pg_halt: stops the server as an administrator would (its clients are
# told, then disconnected); the cluster stays for pg_resume.
pg_halt() {
	as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
}

# pg_resume: starts the halted server again on the same port.
pg_resume() {
	as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off" \
		start >/dev/null 2>&1
}

# pg_freeze / pg_thaw: a hung server (SIGSTOP to the server and each of its
# processes, by id; connections stay open and nothing answers), and back.
pg_server_pids() {
	pm=$(head -1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) || return 1
	echo "$pm"
	ps -o pid= --ppid "$pm"
}
pg_freeze() {
	for p in $(pg_server_pids); do kill -STOP "$p"; done
}
pg_thaw() {
	for p in $(pg_server_pids); do kill -CONT "$p"; done
}

# pg_psql URL SQL: runs SQL, prints rows unaligned without headers.
pg_psql() {
	"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

# pg_newdb NAME: a fresh database on the server; prints its URL.
pg_newdb() {
	pg_psql "$PG_URL" "CREATE DATABASE $1" >/dev/null || return 1
	echo "postgresql://afcq@127.0.0.1:$PG_PORT/$1"
}
