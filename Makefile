# Kasam's development commands (GNU make on Debian/Ubuntu). From a fresh clone:
#   make demo    installs Kasam into .venv and serves the demo municipality at http://127.0.0.1:8000
#   make test    installs the dev tools and runs the whole test suite, browser tests included
# See docs/development.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# Browser tests drive Debian's Chromium, never a browser downloaded by Playwright.
CHROMIUM ?= /usr/bin/chromium
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k login -x"`.
PYTEST_ARGS ?=
# Two workers: each gets its own test database and its own live server.
PYTEST_WORKERS ?= 2

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: help install install-dev demo test chromium lint messages clean

help:
	@echo "make install   create .venv and install Kasam (editable)"
	@echo "make demo      install, prepare the demo municipality and serve it at http://127.0.0.1:8000"
	@echo "make test      install the dev tools and run the whole test suite (browser tests included)"
	@echo "make lint      ruff, the layers of the apps (lint-imports) and the missing-migrations check"
	@echo "make messages  update and compile the Swedish translations (needs gettext)"
	@echo "make clean     remove .venv and var/"

# The first Python >= 3.11 on the PATH creates the virtual environment. Failures are reported through
# $(error), so that the user reads one line rather than a shell error followed by make's own.
PYTHON_CANDIDATES := python3.13 python3.12 python3.11 python3
PYTHON_CHECK := import sys; sys.exit(sys.version_info < (3, 11))
find_python = $(firstword $(foreach candidate,$(PYTHON_CANDIDATES),$(if $(shell command -v $(candidate) \
	>/dev/null 2>&1 && $(candidate) -c '$(PYTHON_CHECK)' >/dev/null 2>&1 && echo yes),$(candidate))))
NO_PYTHON := Kasam needs Python 3.11 or newer; install it with: sudo apt install python3 python3-venv
NO_VENV = Could not create a virtual environment with $(PY); install venv support with: sudo apt install python3-venv

$(BIN)/python:
	$(eval PY := $(call find_python))
	$(if $(PY),,$(error $(NO_PYTHON)))
	$(if $(shell $(PY) -m venv --clear $(VENV) >/dev/null 2>&1 && echo ok),,$(shell rm -rf $(VENV))$(error $(NO_VENV)))
	@echo "Created $(VENV) with $$($(BIN)/python -c 'import sys; print(sys.executable, sys.version.split()[0])')"
	@$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files make a second `make install` (or `make test`) do nothing until pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing Kasam into $(VENV)"
	@$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	@echo "Installing the development tools into $(VENV)"
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed
	@:

install-dev: $(VENV)/.installed-dev
	@:

# Plain HTTP on 127.0.0.1: without KASAM_INSECURE_HTTP Kasam redirects to HTTPS and sends Secure cookies.
demo: install
	@echo "KASAM_INSECURE_HTTP=true: the demo is served over plain HTTP on this machine only"
	KASAM_INSECURE_HTTP=true $(BIN)/kasam demo

# Browser tests must run, never be skipped: without Chromium `make test` stops. As root it installs
# Debian's packages (with poppler-utils, which the PDF tests read with, and Pango, which WeasyPrint
# lays out reports with); otherwise it says which command to run, in one line.
SYSTEM_PACKAGES := chromium fonts-liberation poppler-utils libpango-1.0-0 libpangoft2-1.0-0
NO_CHROMIUM := Browser tests need Chromium: sudo apt install $(SYSTEM_PACKAGES)
chromium:
	$(if $(and $(wildcard $(CHROMIUM)),$(shell command -v pdftotext)),,$(if $(filter 0,$(shell id -u)),,$(error $(NO_CHROMIUM))))
	@if [ ! -x "$(CHROMIUM)" ] || ! command -v pdftotext >/dev/null; then \
	  echo "Installing $(SYSTEM_PACKAGES) from Debian's packages"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq >/dev/null && apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null \
	    || { echo "Browser tests need Chromium, and apt-get install $(SYSTEM_PACKAGES) failed" >&2; exit 1; }; \
	fi; \
	if [ ! -x "$(CHROMIUM)" ]; then echo "Browser tests need Chromium at $(CHROMIUM): sudo apt install chromium" >&2; exit 1; fi

test: install-dev chromium
	KASAM_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	@var=$$(mktemp -d); \
	KASAM_VAR_DIR=$$var $(BIN)/kasam makemigrations --check --dry-run; rc=$$?; \
	rm -rf "$$var"; exit $$rc

# Django's makemessages walks the current directory, so it runs inside the package.
messages: install
	@command -v msgfmt >/dev/null 2>&1 || { echo "Translations need gettext: sudo apt install gettext" >&2; exit 1; }
	cd kasam && ../$(BIN)/kasam makemessages -l sv --no-location --no-obsolete
	cd kasam && ../$(BIN)/kasam compilemessages -l sv

clean:
	rm -rf $(VENV) var
