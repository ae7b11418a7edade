# HG Leerwerkplaats. The README's two commands are `make run` and `make test`;
# every other target is for developers and CI.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements.lock)
HOST ?= 127.0.0.1
PORT ?= 8000
# The address in the e-mails `make run` prints (verification links, notifications).
SITE_URL ?= http://$(HOST):$(PORT)
export DJANGO_SETTINGS_MODULE ?= leerwerkplaats.settings.dev
export DEDUCE_CACHE_DIR ?= $(CURDIR)/.cache/deduce
# The suite runs on this many processes (pytest-xdist); each has its own database and,
# on Redis, its own key and channel prefix (settings/test.py).
TEST_WORKERS ?= 2

.PHONY: help install run serve test test-services test-e2e lint format bench load lock browser gettext \
	messages clean fuzz css prod-check nginx

help:
	@echo "make run            install, migrate, load demo content, serve http://$(HOST):$(PORT)"
	@echo "make test           the whole test suite on SQLite and the in-memory channel layer"
	@echo "make test-services  the same suite on PostgreSQL and Redis (DATABASE_URL, REDIS_URL)"
	@echo "make lint           ruff, ruff format --check, lint-imports, makemigrations --check"
	@echo "make bench          benchmarks in bench/, results in docs/performance.md"
	@echo "make load           the forum's live soak (tests/load/): own Redis on 6390, PostgreSQL"
	@echo "make prod-check     the documented production layout (nginx, gunicorn, uvicorn, privacy"
	@echo "                    service, PostgreSQL, Redis) on 127.0.0.1, walked through in Chromium"
	@echo "make fuzz           the privacy engine's hypothesis properties with many random examples"
	@echo "make lock           re-resolve requirements.lock from pyproject.toml"
	@echo "make css            rebuild static/css/nlds.css (NL Design System CSS the templates use)"

# --- installation -----------------------------------------------------------

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -c 'import ensurepip' 2>/dev/null || \
		{ echo "Python's venv module is incomplete (no ensurepip): on Debian or Ubuntu, sudo apt-get install python3-venv"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# deduce builds an ~80 MB lookup cache on first use (minutes): build it once here,
# into the project's own cache folder, never inside a web request.
$(DEDUCE_CACHE_DIR)/.built: $(VENV)/.installed
	$(PY) -m privacy warm
	mkdir -p $(DEDUCE_CACHE_DIR) && touch $@

install: $(VENV)/.installed node_modules/.installed $(DEDUCE_CACHE_DIR)/.built

# Debian's chromium (never a downloaded browser) for the browser tests, wrk for
# the benchmarks. Installed with apt when we may; otherwise say what is missing.
browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; fi; }

# Debian's nginx for make prod-check, installed the same way.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
		else echo "make prod-check needs Debian's nginx: sudo apt-get install nginx"; exit 2; fi; }

# The NL Design System CSS reduced to the classes and tokens the templates, code
# and scripts use (frontend/build-css.mjs). The result is committed, so `make run`
# serves it without a build; run this after using a component for the first time.
css: node_modules/.installed
	npm run --silent build:css

# compilemessages needs GNU gettext's msgfmt, which a minimal Debian or Ubuntu lacks.
# Installed with apt when we may; otherwise say what is missing.
gettext:
	@command -v msgfmt >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
		else echo "The translations are compiled with GNU gettext's msgfmt: sudo apt-get install gettext"; exit 2; fi; }

messages: $(VENV)/.installed gettext
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# --- the README's commands -------------------------------------------------

# daphne without an access log (-v 0): it would print each path with its query
# string, a search for a name included; the production servers keep none either.
run: install messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  HG Leerwerkplaats runs at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@echo "  Log in at http://$(HOST):$(PORT)/account/login/ ; Wagtail admin: http://$(HOST):$(PORT)/beheer/"
	@echo ""
	SITE_URL=$(SITE_URL) $(VENV)/bin/daphne -v 0 -b $(HOST) -p $(PORT) leerwerkplaats.asgi:application

test: install messages browser
	DJANGO_SETTINGS_MODULE=leerwerkplaats.settings.test $(VENV)/bin/pytest -n $(TEST_WORKERS)

test-services: install messages browser
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL is not set (postgres://...)"; exit 2; }
	@test -n "$$REDIS_URL" || { echo "REDIS_URL is not set (redis://...)"; exit 2; }
	DJANGO_SETTINGS_MODULE=leerwerkplaats.settings.test $(VENV)/bin/pytest -n $(TEST_WORKERS)

# make test runs hypothesis with the fixed, derandomized "ci" profile
# (tests/privacy/conftest.py); this explores with random examples instead.
# FUZZ_EXAMPLES=20000 make fuzz for a longer run.
fuzz: install
	HYPOTHESIS_PROFILE=fuzz DJANGO_SETTINGS_MODULE=leerwerkplaats.settings.test $(VENV)/bin/pytest \
		tests/privacy/test_privacy_properties.py tests/privacy/test_privacy_fast.py -p no:cacheprovider

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=leerwerkplaats.settings.test $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The pages benchmark runs a second time with Redis as cache and channel layer (keys
# under a prefix of their own per run, nothing flushed); BENCH_REDIS_URL= skips it.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
bench: install messages
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else echo "The benchmarks need wrk: sudo apt-get install wrk"; exit 2; fi; }
	BENCH_REDIS_URL=$(BENCH_REDIS_URL) $(PY) bench/run.py --output docs/performance.md

# The forum's live soak (never part of make test): 200 sockets over 2 uvicorn workers,
# the script's own redis-server on LOAD_REDIS_PORT and its own PostgreSQL database
# (LOAD_DATABASE_URL, dropped and created again). Prints the Markdown for
# docs/performance.md ("Forum live load").
LOAD_REDIS_PORT ?= 6390
load: install messages
	@command -v redis-server >/dev/null || { echo "make load needs redis-server"; exit 2; }
	$(PY) tests/load/forum_soak.py --redis-port $(LOAD_REDIS_PORT)

# The production layout of docs/deployment.md, proven (tests/prod/prod_check.py):
# deploy/nginx.conf in Debian's nginx, gunicorn and 2 uvicorn processes with the
# production settings, the privacy service, the machine's PostgreSQL (database
# PRODCHECK_DATABASE, created and dropped) and Redis (DB PRODCHECK_REDIS_DB), then a
# walk through the site in Chromium. Stops everything it started, also on failure.
prod-check: install messages browser nginx
	$(PY) tests/prod/prod_check.py

lock: $(VENV)/.installed
	$(UV) pip compile --quiet pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) node_modules .cache staticfiles .pytest_cache
