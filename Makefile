# reportqa: `make run` serves, `make test` tests; both do all the set-up.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run run-postgres test test-fast lint bench clean-index

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first: any other torch request pulls a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Serves at once: a missing or stale index is rebuilt in the background and swapped in.
run: install
	$(BIN)/reportqa serve --build-if-stale

# The same service on PostgreSQL: an embedded server in .pgdata/, the corpus built into it,
# two replicas behind one port (REPORTQA_PORT, 8000). Ctrl-C stops everything.
run-postgres: install
	bash tools/run_postgres.sh

test: install
	bash tools/ensure_chromium.sh
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The unit tests alone: no model, no server, no browser.
test-fast: install
	$(BIN)/python -m pytest -q tests/unit $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests bench bot.py

clean-index:
	rm -rf index/v* index/.build-* index/CURRENT
