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
# stop and start it again, pg_freeze/pg_thaw make it hang and answer again;
# pg_hung_peer is a listener that hangs as a server can, pg_lock_schema has
# another session hold afcq's schema lock.

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

# pg_hung_peer MODE: a loopback listener that hangs as a server can, for as
# long as the test runs; sets HUNG_URL (postgresql://afcq@127.0.0.1:PORT/team)
# and HUNG_PID.  MODE silent: accepts and never answers.  MODE after-login:
# speaks PostgreSQL's protocol up to "ready for query" (no encryption,
# authentication accepted), then never answers a statement: the connection
# is made, the schema's check hangs.  pg_hung_peer_stop ends it (by id).
pg_hung_peer() {
	cat >"$T_TMP/hung_peer.py" <<'PY'
import socket, struct, sys, threading
mode = sys.argv[1]
held = []
def recv_exact(c, n):
    b = b""
    while len(b) < n:
        chunk = c.recv(n - len(b))
        if not chunk:
            raise EOFError
        b += chunk
    return b
def message(kind, body):
    return kind + struct.pack("!I", len(body) + 4) + body
def serve(c):
    held.append(c)
    if mode == "silent":
        return
    try:
        while True:
            n, code = struct.unpack("!II", recv_exact(c, 8))
            rest = recv_exact(c, n - 8)
            if code in (80877103, 80877104):  # SSL or GSS encryption asked: no
                c.sendall(b"N")
                continue
            break
        ps = b"".join(message(b"S", k + b"\0" + v + b"\0") for k, v in (
            (b"server_version", b"16.0"), (b"client_encoding", b"UTF8"),
            (b"standard_conforming_strings", b"on"), (b"integer_datetimes", b"on")))
        c.sendall(message(b"R", struct.pack("!I", 0)) + ps +
                  message(b"K", struct.pack("!II", 1, 2)) + message(b"Z", b"I"))
        while c.recv(4096):
            pass
    except (EOFError, OSError):
        pass
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
print(s.getsockname()[1], flush=True)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
	python3 "$T_TMP/hung_peer.py" "$1" >"$T_TMP/hung_peer.port" 2>"$T_TMP/hung_peer.err" &
	HUNG_PID=$!
	n=0
	while ! [ -s "$T_TMP/hung_peer.port" ] && kill -0 "$HUNG_PID" 2>/dev/null && [ $n -lt 600 ]; do
		sleep 0.05; n=$((n + 1))
	done
	[ -s "$T_TMP/hung_peer.port" ] || { echo "FAIL hung_peer: did not start: $(cat "$T_TMP/hung_peer.err")"; return 1; }
	HUNG_URL="postgresql://afcq@127.0.0.1:$(cat "$T_TMP/hung_peer.port")/team"
}

pg_hung_peer_stop() {
	kill "$HUNG_PID" 2>/dev/null
	wait "$HUNG_PID" 2>/dev/null
	rm -f "$T_TMP/hung_peer.port"
}

# pg_lock_schema URL / pg_unlock_schema: another session (psql) holds afcq's
# schema lock until pg_unlock_schema ends it with pg_terminate_backend (as
# the message of a command that found it busy says); 1 when it never got it.
# No pipe is kept open, so nothing started meanwhile holds the lock up.
PG_LOCK_HELD="SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1 AND objid = 3060640745 AND granted"
pg_lock_schema() {
	PG_LOCK_URL=$1
	"$PG_BIN/psql" -X -q -A -t -d "$1" -c "SELECT pg_advisory_lock(7355608041)" \
		-c "SELECT pg_sleep(3600)" >"$T_TMP/pglock.out" 2>&1 </dev/null &
	PG_LOCKER=$!
	n=0
	while [ "$(pg_psql "$1" "$PG_LOCK_HELD")" != 1 ] && kill -0 "$PG_LOCKER" 2>/dev/null &&
		[ $n -lt 600 ]; do
		sleep 0.05; n=$((n + 1))
	done
	[ "$(pg_psql "$1" "$PG_LOCK_HELD")" = 1 ]
}

pg_unlock_schema() {
	pg_psql "$PG_LOCK_URL" "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'
		AND classid = 1 AND objid = 3060640745 AND granted" >/dev/null
	wait "$PG_LOCKER" 2>/dev/null
}
