#!/usr/bin/env bash
# Install parley, ingest the example articles into the embedded DuckDB store, print a summary.
# Usage: scripts/demo.sh [ARTICLES...]   (default: ../shared/seeds if present, else examples/)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$#" -gt 0 ]; then
    inputs=("$@")
elif [ -d ../shared/seeds ]; then
    inputs=(../shared/seeds)
else
    inputs=(examples)
fi
STORE="${PARLEY_STORE:-out/demo.duckdb}"
mkdir -p "$(dirname "$STORE")"
.venv/bin/parley ingest "${inputs[@]}" --store "$STORE"
.venv/bin/parley summary --store "$STORE"
echo
echo "Store: $STORE. Try: .venv/bin/parley events --store $STORE --actor 'North Korea' --csv"
