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
        su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='parley'\"" | grep -q 1 \
            || su postgres -c "psql -p $port -qc \"CREATE ROLE parley LOGIN PASSWORD 'parley' SUPERUSER\""
        export PARLEY_TEST_PG_URL="postgresql://parley:parley@127.0.0.1:$port/postgres"
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
