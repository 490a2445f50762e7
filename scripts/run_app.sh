#!/usr/bin/env bash
# Run the app locally: bash scripts/run_app.sh [extra streamlit/app args]
# Creates .venv on first use and reinstalls requirements.txt only when it changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# First python3 that is >= 3.11 (override with PYTHON=/path/to/python).
find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
    echo "error: Python >= 3.11 is required (set PYTHON=/path/to/python3.11+)" >&2
    exit 1
}

if [[ ! -x .venv/bin/python ]]; then
    python=$(find_python)
    echo "==> creating .venv with $python"
    "$python" -m venv .venv
fi

# The stamp holds the sha256 of the requirements last installed, so unchanged
# requirements cost nothing on the next run.
stamp=.venv/.requirements.txt.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    echo "==> installing requirements.txt"
    .venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt
    echo "$want" >"$stamp"
fi

exec .venv/bin/streamlit run app.py \
    --server.address 127.0.0.1 \
    --server.port "${PORT:-8501}" \
    --browser.gatherUsageStats false \
    --server.headless true \
    "$@"
