#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite, under the repo's ignored
# .pg/ folder, reached through a Unix socket only (no TCP port to collide with).
# Usage: .ci/postgres.sh start|stop|url
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
pgroot="$root/.pg"
data="$pgroot/data"
run="$pgroot/run"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

# PostgreSQL refuses to run as root: run it as the postgres system user.
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_reachable() {
    # The postgres user needs to traverse every folder down to .pg/.
    [ "$(id -u)" = 0 ] || return 0
    local dir="$pgroot"
    while [ "$dir" != "/" ]; do
        dir=$(dirname "$dir")
        if ! runuser -u postgres -- test -x "$dir"; then
            echo "postgres.sh: letting the postgres user traverse $dir (chmod o+x)"
            chmod o+x "$dir"
        fi
    done
}

case "${1:-}" in
start)
    [ -n "$bindir" ] || { echo "postgres.sh: PostgreSQL server binaries not found" >&2; exit 1; }
    mkdir -p "$pgroot"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$pgroot"; fi
    ensure_reachable
    if [ ! -f "$data/PG_VERSION" ]; then
        as_pg "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg mkdir -p "$run"
    if ! as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_pg "$bindir/pg_ctl" -D "$data" -l "$pgroot/server.log" -w \
            -o "-c listen_addresses='' -c unix_socket_directories='$run' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null
    fi
    as_pg "$bindir/psql" -h "$run" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ogptracker'" postgres \
        | grep -q 1 || as_pg "$bindir/createdb" -h "$run" -U postgres ogptracker
    ;;
stop)
    if [ -n "$bindir" ] && [ -f "$data/PG_VERSION" ]; then
        as_pg "$bindir/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    fi
    ;;
url)
    encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$run")
    echo "postgres://postgres@$encoded/ogptracker"
    ;;
*)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
