# Two commands for a newcomer: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test quick audit check lint build build-check clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)  ## Start the dashboard on the bundled data
	$(BIN)/streamlit run dashboard.py

lint: $(STAMP)  ## Style and the layer rules between folders
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint build-check  ## Every check and every test
	$(BIN)/python -m pytest

quick: lint  ## The inner loop: style, layer rules and every test but the browser ones (no build check)
	$(BIN)/python -m pytest -m "not browser" -q

audit: $(STAMP)  ## Only the audits of the shipped data (transcribed figures, counts, golden values)
	$(BIN)/python -m pytest -m data_audit -q

check: test

build: $(STAMP)  ## Rebuild data/*.parquet from data/sources/
	$(BIN)/python -m indicators.store.build

build-check: $(STAMP)  ## Fail if the committed tables differ from a fresh build
	$(BIN)/python -m indicators.store.build --check

clean:
	rm -rf $(VENV) .pytest_cache tests/screenshots
