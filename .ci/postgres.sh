#!/usr/bin/env bash
# A private PostgreSQL server for the test suite (sourced by .ci/run).
#
# Installs PostgreSQL from Debian's packages when it is missing, creates a
# cluster in a new temporary folder (as the `postgres` user when CI runs as
# root: the server refuses to run as root), starts it on a free loopback port
# (and a Unix socket in that folder), and
# exports RULEC_TEST_PG_URL for the tests, with RULEC_TEST_PG_REQUIRED=1 so a
# server that is not there fails the run instead of skipping PostgreSQL's
# tests. `ci_postgres_stop` (called from a trap) stops it and removes the folder.

ci_postgres_bin() {
    local found
    found=$(command -v pg_ctl 2>/dev/null || true)
    if [ -n "$found" ]; then dirname "$(readlink -f "$found")"; return; fi
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$found" ] && [ -x "$found/pg_ctl" ] && echo "$found"
}

ci_postgres_as_owner() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ci_postgres_start() {
    if [ -z "$(ci_postgres_bin)" ] || ! ldconfig -p 2>/dev/null | grep -q 'libpq\.so\.5'; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql libpq-dev
    fi
    local bin
    bin=$(ci_postgres_bin)
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    CI_PG_DIR=$(mktemp -d /tmp/rulec-ci-pg.XXXXXX)
    chmod 755 "$CI_PG_DIR"
    [ "$(id -u)" = "0" ] && chown postgres: "$CI_PG_DIR"
    ci_postgres_as_owner "$bin/initdb" -D "$CI_PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # fsync stays on: the tests measure nothing here, but a server that lies about durability is not the one users run.
    # A port the kernel says is free (a fixed one could meet another server on the machine).
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    ci_postgres_as_owner "$bin/pg_ctl" -D "$CI_PG_DIR/data" -l "$CI_PG_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $CI_PG_DIR -c max_connections=200" start >/dev/null
    # The user in the URL's user part (tests connect as other roles by replacing it).
    export RULEC_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    export RULEC_TEST_PG_REQUIRED=1
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests: $RULEC_TEST_PG_URL"
}

ci_postgres_stop() {
    [ -n "${CI_PG_DIR:-}" ] || return 0
    ci_postgres_as_owner "$(ci_postgres_bin)/pg_ctl" -D "$CI_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$CI_PG_DIR"
    CI_PG_DIR=
}
