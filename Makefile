# Quick start: `make demo` and `make test` work on a fresh machine with nothing installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(VENV)/.bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(VENV)/.bench

demo: $(STAMP)
	$(BIN)/newsdesk extract --format markdown examples/trtworld-iraq-coalition.txt examples/pages/*.html

test: $(STAMP)
	$(BIN)/ruff check newsdesk tests benchmarks
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check newsdesk tests benchmarks

bench: $(VENV)/.bench
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) build *.egg-info
