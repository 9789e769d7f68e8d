# Two commands matter on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# gunicorn processes for `make serve` (`make serve WORKERS=4`).
WORKERS ?= 2

.PHONY: run serve test bench lint format install install-dev messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Development server with DEBUG on; the demo conference is loaded (idempotently) every time,
# with the 2022 edition open for registration around today so that registering can be tried,
# and the program's files (PDF, calendar, schedules) are drawn before the first visitor.
# A task worker runs beside the server (it sends the email) and stops with it on Ctrl-C.
run: install
	DEBUG=$${DEBUG:-on} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-on} $(PY) manage.py compilemessages --ignore=.venv -v 0
	DEBUG=$${DEBUG:-on} $(PY) manage.py load_demo --open-registration
	DEBUG=$${DEBUG:-on} $(PY) manage.py build_edition_files -v 0
	DEBUG=$${DEBUG:-on} $(PY) manage.py ensure_organizer
	DEBUG=$${DEBUG:-on} PYTHON=$(PY) scripts/with_worker.sh $(PY) manage.py runserver $(HOST):$(PORT)

# The same site under gunicorn with DEBUG off, as in production (plain HTTP on loopback, so the
# HTTPS-only settings are relaxed here and only here), with a task worker beside it.
serve: install
	@export DEBUG=off SECURE_SSL_REDIRECT=off SESSION_COOKIE_SECURE=off CSRF_COOKIE_SECURE=off \
	  SECURE_HSTS_SECONDS=0 ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py compilemessages --ignore=.venv -v 0 && \
	$(PY) manage.py collectstatic --noinput -v 0 && \
	$(PY) manage.py load_demo --open-registration && \
	$(PY) manage.py build_edition_files -v 0 && \
	$(PY) manage.py ensure_organizer && \
	exec env PYTHON=$(PY) scripts/with_worker.sh $(BIN)/gunicorn conference_site.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

test: install-dev
	DEBUG=on $(PY) manage.py compilemessages --ignore=.venv -v 0
	$(BIN)/pytest $(PYTEST_ARGS)

# The benchmark (bench/README.md): synthetic editions (normal and large), every public address
# in-process with the page cache off and on, the site under gunicorn driven by wrk; writes
# docs/performance.md. BENCH_SIZES=normal for a quick run; DATABASE_URL=postgres://... runs it on
# PostgreSQL (databases bench_normal and bench_large).
# The load benchmark drives gunicorn with wrk, Debian's package: installed here when missing.
bench: install-dev
	@command -v wrk >/dev/null 2>&1 || { apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; } || \
	  echo "wrk could not be installed: the load benchmark will say so (BENCH_LOAD=off skips it)"
	DEBUG=on $(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) -m bench.run

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the catalogue after changing strings; CI fails when this would change locale/.
messages: install
	DEBUG=on $(PY) manage.py makemessages -l zh_Hans --no-location --no-obsolete --ignore=.venv --ignore=staticfiles
	DEBUG=on $(PY) manage.py makemessages -d djangojs -l zh_Hans --no-location --no-obsolete --ignore=.venv --ignore=staticfiles

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
