#!/usr/bin/env bash
# Starts (once) a throwaway PostgreSQL cluster for the server's integration tests and
# prints `export TEST_DATABASE_URL=...`. Idempotent: a running cluster is reused.
# Run it (`bash scripts/start-test-postgres.sh`) or source it (`. scripts/start-test-postgres.sh`),
# which also exports TEST_DATABASE_URL into the calling shell. Installs nothing.
#   PGTEST_DIR   cluster home (default /tmp/pgtest)
#   PGTEST_PORT  port (default 55432)
#   PG_BIN       PostgreSQL binaries (default: the newest /usr/lib/postgresql/*/bin)

__start_test_postgres() {
  local dir="${PGTEST_DIR:-/tmp/pgtest}"
  local port="${PGTEST_PORT:-55432}"
  local bin="${PG_BIN:-}"
  if [ -z "$bin" ]; then
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "start-test-postgres: PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin; install the Debian package 'postgresql' (scripts/install-debian-deps.sh) or set PG_BIN." >&2
    return 1
  fi

  # PostgreSQL refuses to run as root: run the cluster as the 'postgres' user then.
  local run=(bash -c)
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "start-test-postgres: running as root but there is no 'postgres' user to own the cluster." >&2
      return 1
    fi
    run=(su postgres -s /bin/bash -c)
  fi

  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"

  if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${run[@]}" "'$bin/initdb' -D '$dir/data' -A trust -U postgres >'$dir/initdb.log' 2>&1" || {
      echo "start-test-postgres: initdb failed; see $dir/initdb.log" >&2
      return 1
    }
  fi

  if ! "${run[@]}" "'$bin/pg_ctl' -D '$dir/data' status >/dev/null 2>&1"; then
    "${run[@]}" "'$bin/pg_ctl' -D '$dir/data' -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1\" -l '$dir/log' -w start >/dev/null" || {
      echo "start-test-postgres: PostgreSQL did not start; see $dir/log" >&2
      return 1
    }
  fi

  local url="postgres://postgres@127.0.0.1:$port/postgres"
  export TEST_DATABASE_URL="$url"
  echo "export TEST_DATABASE_URL=$url"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  __start_test_postgres
  exit $?
else
  __start_test_postgres
fi
