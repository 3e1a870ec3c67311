# Two commands do everything: `make serve` (preview) and `make test` (the whole suite).
# Each creates .venv and installs the project first if needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site offline test check schema browser clean

# Exact versions from the lock (what we patch in Material, MkDocs and Pagefind is pinned),
# then the project itself without resolving anything again.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet -e . --no-deps
	touch $(STAMP)

## lock: re-resolve requirements.lock from pyproject.toml (newest versions its ranges allow, every platform)
.PHONY: lock
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	  --upgrade --custom-compile-command "make lock" --quiet -o requirements.lock

## serve: preview the site at http://127.0.0.1:8000, rebuilding on every change
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## site: build the site into site/ (strict: any warning fails)
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## offline: a copy of the site that works opened from a USB stick or a zip (file://)
offline: $(STAMP)
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	rm -f training-site-offline.zip
	cd site-offline && ../$(BIN)/python -m zipfile -c ../training-site-offline.zip .
	@echo "training-site-offline.zip: unzip it and open index.html"

## check: validate every content file and list all mistakes, quiz-quality findings included
check: $(STAMP)
	$(BIN)/training-kb check --strict

## schema: rewrite the JSON Schema files for editors from the models
schema: $(STAMP)
	$(BIN)/training-kb schema

## browser: Debian's Chromium and CJK fonts for the browser tests (installed as root if missing)
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -q 'Noto Sans CJK'; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium and fonts-noto-cjk: sudo apt-get install chromium fonts-noto-cjk"; \
	  fi; \
	fi

## test: the whole test suite, browser tests included
test: $(STAMP) browser lint
	$(BIN)/python -m pytest -n 2

## lint: ruff's checks and its formatter's verdict (line length 100) on the code and the tests
.PHONY: lint
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

## test-fast: everything but the browser tests (no Chromium needed; under a minute on 2 cores, 45 s of CPU)
.PHONY: test-fast
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -m "not browser" -q -n 2

## bench: build time, memory and page weights of sites of 100, 1,000 and 5,000 synthetic cases (minutes; not part of test)
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/preview.py

## bench-preview: only the preview's latency after a save (shipped size, 200 and 1,000 cases)
.PHONY: bench-preview
bench-preview: $(STAMP)
	$(BIN)/python bench/preview.py

clean:
	rm -rf site site-offline training-site-offline.zip .pytest_cache $(VENV)
