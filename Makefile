# Sinetra: `make run` (install, migrate, load reference + demo data, serve) and `make test` (install, run the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install browsers lint format bench messages

run: export DEBUG ?= 1
run: install
	$(BIN)/sinetra migrate --noinput
	$(BIN)/sinetra load-reference-data
	$(BIN)/sinetra demo
	@echo "Sinetra: http://127.0.0.1:$(PORT)/ (background worker started alongside)"
	$(BIN)/sinetra db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/sinetra runserver 127.0.0.1:$(PORT)

test: install browsers
	$(BIN)/pytest

install: $(VENV)/.installed

# A fresh Debian lacks ensurepip until python3-venv is installed; install it once if venv creation fails.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && $(SUDO) apt-get update && \
	  $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: pyproject.toml uv.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv sync --frozen --inexact
	touch $@

# Browser tests drive Debian's Chromium (never a downloaded browser build).
browsers:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/registry_import.py
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/cases.py
	$(BIN)/python bench/patrol_eval.py
	$(BIN)/python bench/patrol_scan.py

# Regenerate translation catalogues after changing UI text (needs GNU gettext).
messages: install
	$(BIN)/sinetra makemessages -l en --ignore=.venv --ignore=var --ignore=bench
	$(BIN)/sinetra compilemessages --ignore=.venv
