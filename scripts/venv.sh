# Sourced by run_app.sh and run_tests.sh: ensure_venv FILE... creates .venv with a
# Python >= 3.11 if missing and pip-installs FILE (a requirements file) unless the
# requirements it names are unchanged since the last install.

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

# ensure_venv REQUIREMENTS [OTHER FILES IT INCLUDES...]
ensure_venv() {
    local requirements=$1 python stamp want
    if [[ ! -x .venv/bin/python ]]; then
        python=$(find_python)
        echo "==> creating .venv with $python"
        "$python" -m venv .venv
    fi
    # The stamp holds the sha256 of the requirements last installed, so unchanged
    # requirements cost nothing on the next run.
    stamp=".venv/.${requirements}.sha256"
    want=$(cat "$@" | sha256sum | cut -d' ' -f1)
    if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
        echo "==> installing $requirements"
        .venv/bin/python -m pip install --disable-pip-version-check -q -r "$requirements"
        echo "$want" >"$stamp"
    fi
}
