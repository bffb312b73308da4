# The two commands a new machine needs: `make demo` and `make test`. Both start with `make install`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt

.PHONY: install install-test demo serve test test-fast lint typecheck check messages browser-deps loopback-deps loopback clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e .
	$(BIN)/python -m rightstrack.bootstrap  # var/ and a development secret key, before anything loads settings
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e ".[test,dev]"
	touch $@

install: $(VENV)/.installed  ## create .venv and install rightstrack with its pinned dependencies

install-test: $(VENV)/.installed-test

demo: install  ## migrate, load the demo data, print the logins, serve on http://127.0.0.1:8000
	SECURE_SSL=0 $(BIN)/rightstrack demo

browser-deps:  ## Debian's Chromium for the browser tests, pango and a Times-compatible serif for PDF (root or sudo)
	@{ command -v chromium && fc-list | grep -q "Liberation Serif"; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 gettext >/dev/null; }

USERS ?= 20
DURATION ?= 60

loopback-deps:  ## Debian packages of benchmarks/loopback.py: venv, PostgreSQL 15, PgBouncer, HAProxy (root or sudo)
	@{ $(PYTHON) -c "import ensurepip, venv" && command -v pgbouncer && command -v haproxy \
	   && test -x /usr/lib/postgresql/15/bin/initdb; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    python3-venv postgresql-15 pgbouncer haproxy >/dev/null; }

loopback: loopback-deps install  ## the production layout on this machine under load, faults and a failover: USERS=20 DURATION=60
	$(BIN)/python benchmarks/loopback.py --users $(USERS) --duration $(DURATION)

test: install-test browser-deps  ## every test: unit, API, persona matrix, browser
	$(BIN)/pytest -n 2 -q

test-fast: install-test
	$(BIN)/pytest -q -m "not browser"

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	$(BIN)/mypy rightstrack

check: lint typecheck test

messages: install-test  ## refresh the translation catalogues after changing strings
	cd rightstrack && ../$(BIN)/django-admin makemessages -l vi --no-obsolete --ignore=static/vendor
	$(BIN)/django-admin compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var/static
