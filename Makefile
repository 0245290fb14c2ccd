# The verbs users and maintainers type. `make site` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site serve check test test-fast lint format golden bench bench-100k clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

site: $(STAMP)  ## build the shipped records into site/
	$(PY) build_site.py build

serve: $(STAMP)  ## preview on http://127.0.0.1:8000, refreshing when a record changes
	$(PY) build_site.py serve

check: $(STAMP)  ## report every problem in records/
	$(PY) build_site.py check

test: $(STAMP)  ## every test, the browser ones included, then lint
	$(PY) -m pytest
	$(MAKE) lint

test-fast: $(STAMP)  ## every test but the browser ones
	$(PY) -m pytest -m "not browser"

lint: $(STAMP)  ## ruff, mypy, and every shipped record file in the canonical form (fmt --check)
	$(PY) -m ruff check civic_record tests benchmarks build_site.py
	$(PY) -m ruff format --check civic_record tests benchmarks build_site.py
	$(PY) -m mypy
	$(PY) build_site.py fmt --check records examples/demo/records

format: $(STAMP)
	$(PY) -m ruff format civic_record tests benchmarks build_site.py
	$(PY) -m ruff check --fix civic_record tests benchmarks build_site.py

golden: $(STAMP)  ## refresh the golden pages and output files (fixture and demo corpora) after a deliberate change
	$(PY) -m tests.golden

# bench keeps the commands' cache of checked files in its own folder: every figure starts without one.
bench: $(STAMP)  ## the figures in docs/performance.md (with a Hugo baseline when `hugo` is installed)
	rm -rf /tmp/civic-record-bench && mkdir -p /tmp/civic-record-bench
	CIVIC_RECORD_CACHE=/tmp/civic-record-bench/cache /usr/bin/time -f "build of records/: %e s, %M KB peak" $(PY) build_site.py build --site-dir /tmp/civic-record-bench/site
	$(PY) -m benchmarks.broken_corpus /tmp/civic-record-bench/broken 500
	-CIVIC_RECORD_CACHE=/tmp/civic-record-bench/cache /usr/bin/time -f "check of 500 broken records: %e s, %M KB peak" sh -c '$(PY) build_site.py check --records /tmp/civic-record-bench/broken > /dev/null 2>&1'
	$(PY) -m benchmarks.redline_benchmark
	$(PY) -m benchmarks.scale 1000 10000 --work /tmp/civic-record-bench/scale

bench-100k: $(STAMP)  ## the 100,000-record run in docs/performance.md (40 to 45 minutes, 12 GB peak, on a 2-core machine with 24 GB)
	$(PY) -m benchmarks.scale 100000 --work /tmp/civic-record-bench/scale-100k

clean:
	rm -rf site site-* .pytest_cache .mypy_cache .ruff_cache
