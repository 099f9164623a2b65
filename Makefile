# Two commands set everything up on a fresh Debian machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_OUT ?= out/demo

.PHONY: demo test lint bench clean install install-test system-deps pdf-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamps make both targets idempotent: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Pango, which WeasyPrint lays report.pdf out with, from Debian, only when missing.
pdf-deps:
	@if ! /sbin/ldconfig -p | grep -q libpangoft2-1.0; then \
		echo "installing Pango for WeasyPrint (apt-get)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
			fonts-dejavu-core >/dev/null; \
	fi

# Headless Chromium and its driver for the browser tests, from Debian, only when missing.
system-deps: pdf-deps
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		echo "installing chromium and chromium-driver (apt-get)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

demo: install pdf-deps
	$(BIN)/geoevents run data/articles --out $(DEMO_OUT)
	@echo "map: $(abspath $(DEMO_OUT))/map.html"

test: install-test system-deps
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check geoevents tests
	$(BIN)/ruff format --check geoevents tests
	$(BIN)/mypy

bench: install-test
	$(BIN)/python tests/bench.py

clean:
	rm -rf out build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -prune -exec rm -rf {} +
