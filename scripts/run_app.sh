#!/usr/bin/env bash
# Run the app locally: bash scripts/run_app.sh [extra streamlit/app args]
# Creates .venv on first use and reinstalls requirements.txt only when it changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/venv.sh
source scripts/venv.sh
ensure_venv requirements.txt

exec .venv/bin/streamlit run app.py \
    --server.address 127.0.0.1 \
    --server.port "${PORT:-8501}" \
    --browser.gatherUsageStats false \
    --server.headless true \
    "$@"
