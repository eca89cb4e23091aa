# Heron's developer commands. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make run PORT=8001 HOST=0.0.0.0` serves the example elsewhere.
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test lint typecheck format bench screenshots install clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv failed; installing python3-venv with apt-get"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# `heron demodata` loads the example's demo polls into a database that has none (first start).
run: $(STAMP)
	cd example && ../$(BIN)/heron migrate && ../$(BIN)/heron demodata && \
	  ../$(BIN)/heron run --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check heron tests example benchmarks
	$(BIN)/ruff format --check heron tests example benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo  # the floors: docs/architecture.md

typecheck: lint

format: $(STAMP)
	$(BIN)/ruff format heron tests example benchmarks
	$(BIN)/ruff check --fix heron tests example benchmarks

# The browser tests (tests/browser/) drive Debian's chromium through Playwright; never a
# browser that Playwright downloads itself.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@echo "$(CHROMIUM) is missing; installing Debian's chromium with apt-get"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: lint $(CHROMIUM)
	$(BIN)/python scripts/check_services.py
	$(BIN)/pytest -q
	cd example && ../$(BIN)/heron test -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py  # signed-in sessions on Redis with HERON_BENCH_REDIS_URL
	$(BIN)/python benchmarks/orm.py
	$(BIN)/python benchmarks/cache.py  # Redis too with HERON_BENCH_REDIS_URL=redis://...

# Refresh the example-site screenshots the docs show (docs/images/): the browser tests write
# them to test-artifacts/screenshots/, which is git-ignored.
screenshots: $(STAMP) $(CHROMIUM)
	$(BIN)/pytest -q tests/browser/test_example_site.py
	mkdir -p docs/images && cp test-artifacts/screenshots/*.png docs/images/

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache
