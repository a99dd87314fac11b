# shellcheck shell=bash
# A throw-away PostgreSQL cluster for the storage tests, on 127.0.0.1 only.
#
# Sourced by .ci/run (bash, `set -euo pipefail`) before `make install` / `make test`:
#
#     source .ci/postgres.sh      # exports SFA_TEST_POSTGRES_URL, stops the cluster on exit
#
# It never touches the cluster Debian's `postgresql` package may have started on 5432:
# it runs its own `initdb` in a fresh directory under /tmp, on a free high port, with the
# socket in that directory. As root it runs the server as the `postgres` user (PostgreSQL
# refuses to run as root); as any other user it runs as that user. The application role
# gets a random password (no default password anywhere), CREATEDB, because the tests give
# every test a database of its own, and pg_signal_backend, so that `DROP DATABASE … WITH
# (FORCE)` may stop an autovacuum worker busy in a test database.
#
# Knobs (environment):
#   SFA_PG_FSYNC=off|on   durability of the throw-away cluster (default off: faster tests;
#                         benchmarks/bench_storage.py starts its own durable cluster)
#   SFA_PG_KEEP=1         leave the cluster running when the sourcing shell exits
# Call `sfa_pg_stop` to stop it early.

_sfa_pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$d" ] && command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir)
  fi
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    echo "postgres.sh: no PostgreSQL server binaries found (apt-get install postgresql)" >&2
    return 1
  fi
  echo "$d"
}

# Run a command as the cluster's owner (the postgres user when we are root).
_sfa_pg_as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_sfa_pg_port_in_use() {
  # bash's /dev/tcp: the connection succeeds only if something listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

sfa_pg_stop() {
  if [ -n "${SFA_PG_DIR:-}" ] && [ -d "$SFA_PG_DIR/data" ]; then
    _sfa_pg_as_owner "$SFA_PG_BIN/pg_ctl" -D "$SFA_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$SFA_PG_DIR"
  fi
  unset SFA_PG_DIR
}

_sfa_pg_start() {
  local bin dir pw port tries fsync
  bin=$(_sfa_pg_bindir)
  dir=$(mktemp -d /tmp/sfa-pg.XXXXXX)
  chmod 700 "$dir"
  if [ "$(id -u)" = "0" ]; then
    chown postgres:postgres "$dir"
  fi
  pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s\n' "$pw" >"$dir/.pw"
  chmod 600 "$dir/.pw"
  if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$dir/.pw"; fi

  _sfa_pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --encoding=UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/.pw" >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  rm -f "$dir/.pw"

  fsync=${SFA_PG_FSYNC:-off}
  tries=0
  while :; do
    tries=$((tries + 1))
    port=$((40000 + RANDOM % 20000))
    if _sfa_pg_port_in_use "$port"; then
      continue
    fi
    if _sfa_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    if [ "$tries" -ge 5 ]; then
      echo "postgres.sh: the server did not start; its log:" >&2
      cat "$dir/server.log" >&2 || true
      return 1
    fi
  done

  _sfa_pg_as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE sfa LOGIN CREATEDB PASSWORD '$pw'" \
    -c "GRANT pg_signal_backend TO sfa" \
    -c "CREATE DATABASE sfa_test OWNER sfa" >/dev/null

  SFA_PG_BIN=$bin
  SFA_PG_DIR=$dir
  export SFA_PG_BIN SFA_PG_DIR
  export SFA_TEST_POSTGRES_URL="postgresql+psycopg://sfa:${pw}@127.0.0.1:${port}/sfa_test"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $dir/data, fsync=$fsync)"
}

_sfa_pg_start
if [ "${SFA_PG_KEEP:-0}" != "1" ] && [ -z "$(trap -p EXIT)" ]; then
  trap sfa_pg_stop EXIT
fi
