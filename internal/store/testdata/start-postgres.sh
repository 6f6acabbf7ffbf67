#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 server for the store tests, idempotently.
#
#   eval "$(bash internal/store/testdata/start-postgres.sh)"    # start it, export TEST_POSTGRES_DSN
#   go test ./store/
#   bash internal/store/testdata/start-postgres.sh stop         # stop it (the data stays)
#
# Run it as root on a fresh Debian 12 machine: it installs postgresql-15
# from Debian's own mirror when it is missing (nothing else is fetched),
# makes a cluster owned by the postgres user in $PGDATA (default
# $TMPDIR/village-postgres, else under /tmp) with trust authentication, starts it on
# 127.0.0.1:$PGPORT (default 5433) with its socket in the data directory,
# and creates the database village_test. Running it again does only what
# is still needed. Progress goes to stderr; stdout is the one line
# `export TEST_POSTGRES_DSN=...`, so that it can be eval'd.
#
# The tests make and drop a database of their own for each test and use
# village_test only to connect from.
set -euo pipefail

PGDATA=${PGDATA:-${TMPDIR:-/tmp}/village-postgres}
PGPORT=${PGPORT:-5433}
DB=village_test
BIN=/usr/lib/postgresql/15/bin

say() { echo "start-postgres: $*" >&2; }

# as_postgres runs a command as the postgres user (or as ourselves when we
# are not root, in which case we must own $PGDATA).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = stop ]; then
  if [ -f "$PGDATA/postmaster.pid" ]; then
    as_postgres "$BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >&2
  else
    say "not running (no $PGDATA/postmaster.pid)"
  fi
  exit 0
fi

if [ ! -x "$BIN/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "postgresql-15 is not installed and only root can install it"
    exit 1
  fi
  say "installing postgresql-15 from the Debian mirror"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  # The package's own cluster (15/main, port 5432) is not used; a server
  # may or may not have been started for it, depending on the machine.
  apt-get install -y --no-install-recommends postgresql-15 >&2
fi

if [ ! -f "$PGDATA/PG_VERSION" ]; then
  say "creating a cluster in $PGDATA"
  mkdir -p "$PGDATA"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PGDATA"
  fi
  chmod 700 "$PGDATA"
  as_postgres "$BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2
fi

if as_postgres "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  say "already running in $PGDATA"
else
  say "starting on 127.0.0.1:$PGPORT"
  as_postgres "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1" start >&2
fi

psql=("$BIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1)
if [ "$(as_postgres "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  say "creating database $DB"
  as_postgres "${psql[@]}" -c "CREATE DATABASE $DB" >&2
fi

echo "export TEST_POSTGRES_DSN=postgres://postgres@127.0.0.1:$PGPORT/$DB?sslmode=disable"
