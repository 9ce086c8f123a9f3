# Everyday tasks. `make test` is what CI runs (.ci/run); `make run` loads the sample corpus and serves the API.

VENV := .venv
BIN := $(VENV)/bin
# Written once the virtualenv has the project and its test tools; redone whenever pyproject.toml changes.
STAMP := $(VENV)/.installed

.PHONY: setup run test lint eval chromium neo4j neo4j-stop

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install -e '.[test]'
	$(BIN)/pip install --require-hashes --no-deps -r requirements-model.txt
	touch $(STAMP)

run: setup
	$(BIN)/policygraph load corpus --manifest corpus/manifest.jsonl
	$(BIN)/policygraph serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m ontology.generate --check

test: lint chromium
	$(BIN)/pytest --nbmake tests notebooks

# Debian's chromium for the browser tests, installed only when missing (CI runs on a fresh machine, as root).
# Elsewhere, without root or apt-get, it says so and the browser tests skip.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and cannot be installed here (needs root and apt-get): browser tests will skip"; fi; }

# Extraction scores (node/edge F1, recall by type) on the seeds, the sample corpus and ../shared/dev, per document too.
eval: setup
	$(BIN)/python scripts/evaluate.py

# A throwaway local Neo4j (scripts/neo4j_local.py); `eval "$$(python3 scripts/neo4j_local.py env)"` points the CLI at it.
neo4j:
	python3 scripts/neo4j_local.py start

neo4j-stop:
	python3 scripts/neo4j_local.py stop

# Benchmarks: every figure a ratio against a baseline of the same run, written to docs/benchmarks.md.
# Not part of `make test`. BENCH_SCALE=full adds the 10^6-edge graph; ApacheBench loads the API.
.PHONY: bench
bench: setup
	command -v ab >/dev/null || (apt-get update && apt-get install -y apache2-utils)
	PYTHONPATH=.:scripts $(BIN)/python -m bench
