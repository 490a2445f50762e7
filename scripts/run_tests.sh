#!/usr/bin/env bash
# Run every check the project has: bash scripts/run_tests.sh [pytest args]
# Lint, format check, type check, then the whole pytest suite (incl. real-browser tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/venv.sh
source scripts/venv.sh
ensure_venv requirements-dev.txt requirements.txt

# Browser tests drive the system Chromium (Playwright cannot download its own
# browser here). A missing browser is an error, never a reason to skip tests.
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM_PATH" ]]; then
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing chromium with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y --no-install-recommends chromium fonts-dejavu-core
    fi
    if [[ ! -x "$CHROMIUM_PATH" ]]; then
        echo "error: Chromium not found at $CHROMIUM_PATH." >&2
        echo "Install it (Debian/Ubuntu: sudo apt-get install chromium fonts-dejavu-core)" >&2
        echo "or point CHROMIUM_PATH at a Chromium/Chrome binary." >&2
        exit 1
    fi
fi

echo "==> ruff check"
.venv/bin/ruff check .
echo "==> ruff format --check"
.venv/bin/ruff format --check .
echo "==> mypy (timeline, ui, app.py, bench)"
.venv/bin/mypy

echo "==> pytest"
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
