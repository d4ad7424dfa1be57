PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-dev
WEB_STAMP := $(VENV)/.installed-web
# The exact versions the suite last passed with; `make lock` refreshes them (README, Development).
CONSTRAINTS := constraints.txt
LOCK_VENV := $(VENV)/lock
PIP_TOOLS := pip-tools==7.6.2
# `make lock LOCK_UPGRADE=` keeps today's pins and only resolves what pyproject.toml changed.
LOCK_UPGRADE ?= --upgrade

.PHONY: run test lint lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(WEB_STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[web]'
	touch $@ $(STAMP)

$(TEST_STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	touch $@ $(STAMP) $(WEB_STAMP)

# Ends serving the web app on http://127.0.0.1:8000 (it prints the URL first); Ctrl-C stops it.
run: $(WEB_STAMP)
	$(BIN)/goodword demo --if-empty
	$(BIN)/goodword summary
	$(BIN)/goodword serve

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

# Resolved on the oldest Python goodword supports, so every pin installs there.
$(LOCK_VENV)/bin/pip-compile:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
		|| { echo "make lock needs Python 3.11: make lock PYTHON=python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet $(PIP_TOOLS)

lock: | $(LOCK_VENV)/bin/pip-compile
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet $(LOCK_UPGRADE) \
		--extra dev --extra postgres --extra web --strip-extras --unsafe-package goodword \
		--no-emit-index-url --no-emit-find-links --output-file $(CONSTRAINTS) pyproject.toml

bench: $(STAMP)
	$(BIN)/python bench/demo_scale.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
