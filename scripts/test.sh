#!/usr/bin/env bash
# Install parley and run its checks: ruff, mypy, then the pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The dashboard test drives Debian's Chromium through chromedriver (no browser download at run time).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian chromium and chromium-driver for the dashboard test" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
        echo "chromium/chromedriver missing and cannot be installed here: the dashboard test will be skipped" >&2
    fi
fi
# The PostgreSQL store is tested against a real server on loopback: install and start one if we can.
if [ -z "${PARLEY_TEST_PG_URL:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    if ! command -v pg_ctlcluster >/dev/null; then
        echo "installing PostgreSQL for the server-store tests" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
    if [ -n "$cluster" ]; then
        pg_ctlcluster $cluster start 2>/dev/null || true
        port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
        psql_admin() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
        # A plain role (no superuser; it may create the per-run test databases) with a password new on every run.
        password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
        if psql_admin "SELECT 1 FROM pg_roles WHERE rolname='parley_test'" | grep -q 1; then
            psql_admin "ALTER ROLE parley_test NOSUPERUSER CREATEDB NOCREATEROLE LOGIN PASSWORD '$password'"
        else
            psql_admin "CREATE ROLE parley_test NOSUPERUSER CREATEDB NOCREATEROLE LOGIN PASSWORD '$password'"
        fi
        psql_admin "SELECT 1 FROM pg_database WHERE datname='parley_test'" | grep -q 1 \
            || psql_admin "CREATE DATABASE parley_test OWNER parley_test"
        # Earlier versions of this script made a superuser 'parley' with a known password: disable it.
        if psql_admin "SELECT 1 FROM pg_roles WHERE rolname='parley'" | grep -q 1; then
            psql_admin "ALTER ROLE parley NOSUPERUSER NOLOGIN PASSWORD NULL"
        fi
        export PARLEY_TEST_PG_URL="postgresql://parley_test:$password@127.0.0.1:$port/parley_test"
        echo "PostgreSQL cluster $cluster on port $port is running for the store tests (left running;" \
             "stop it with: pg_ctlcluster $cluster stop); role parley_test has no superuser rights" \
             "and a password new for this run" >&2
    fi
fi
.venv/bin/ruff check src tests bench
.venv/bin/mypy
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collects no test: that is a failure of the suite, not a pass.
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests" >&2
    exit 1
fi
exit "$status"
