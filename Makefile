# matbank: `make run` serves a demo on http://127.0.0.1:8000, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_WORKERS ?= 2

.PHONY: install run test bench lint conformance clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(BIN)/matbank migrate
	$(BIN)/matbank init --if-needed
	$(BIN)/matbank serve

test: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q

bench: install
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: install
	$(BIN)/ruff check src tests benchmarks migrations examples conformance

# The reference operations matbank lacks, schemathesis against the reference documents and
# generated clients through the documented flows (a few minutes; STRICT=1 fails on gaps).
conformance: install
	$(BIN)/python -m conformance $(if $(STRICT),--strict) --examples $(or $(EXAMPLES),25)

clean:
	rm -rf $(VENV) var .pytest_cache
