# Two commands matter on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# gunicorn processes for `make serve` (`make serve WORKERS=4`).
WORKERS ?= 2
# pytest-xdist processes for `make test`: one per core by default; TEST_WORKERS=0 runs the suite
# in this one process (pdb, or a single test).
TEST_WORKERS ?= auto
# What `make test-fast` leaves out (pytest markers, see pyproject.toml).
SLOW_TESTS := fuzz or drill or browser
# The lock files (README "Installing"): exact versions with their hashes, runtime and dev.
LOCK := requirements.txt
DEV_LOCK := requirements-dev.txt
# pip-tools has a virtualenv of its own (inside .venv, so that makemessages, ruff and git skip it):
# it never changes a version the project locked.
LOCK_VENV := $(VENV)/lock-tools
# The Python the lock is resolved for: the one production and CI run.
LOCK_PYTHON ?= python3.11
PIP_COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
  --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

.PHONY: run serve test test-fast bench lint format install install-dev lock messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Exactly the locked versions, each checked against its hash; then the project itself, whose
# dependencies are all in the lock already. pip check fails when pyproject.toml asks for
# something the lock lacks (run `make lock`).
$(VENV)/.installed: $(BIN)/activate $(LOCK) pyproject.toml
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed $(DEV_LOCK)
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(PY) -m pip check
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Re-resolve the lock files from pyproject.toml's ranges on Python 3.11, through PyPI: a pin that
# still fits is kept, so only what pyproject.toml changed moves. `make lock LOCK_ARGS=--upgrade`
# moves everything to the newest allowed versions (`--upgrade-package NAME` one package).
# The dev lock is constrained by the runtime one: both install the same runtime versions.
lock:
	@test -x $(LOCK_VENV)/bin/pip-compile || { $(LOCK_PYTHON) -m venv $(LOCK_VENV) && \
	  $(LOCK_VENV)/bin/pip install --quiet "pip-tools>=7.4"; }
	$(PIP_COMPILE) --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint $(LOCK) --output-file $(DEV_LOCK) pyproject.toml

# Absolute links (emails, calendars, schedule files, feeds, canonical links, the QR codes of
# PDFs) name the address the server runs on: `make run PORT=8200` links to port 8200. A SITE_URL
# set in the environment or in .env wins.
ifeq ($(shell grep -s '^SITE_URL=' .env),)
run serve: export SITE_URL ?= http://$(HOST):$(PORT)
endif

# Development server with DEBUG on; the demo conference is loaded (idempotently) every time,
# with the 2022 edition open for registration around today so that registering can be tried,
# and the program's files (PDF, calendar, schedules) are drawn before the first visitor.
# A task worker runs beside the server (it sends the email) and stops with it on Ctrl-C.
# A development .env (DEBUG=on) is written if there is none, so manage.py works from the shell.
run: install
	scripts/write_dev_env.sh .env
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

# The whole suite, in parallel (pytest-xdist, one database per worker); tests marked with the
# same xdist_group run in one worker. With CI=true nothing is skipped: what cannot run fails.
test: install-dev
	DEBUG=on $(PY) manage.py compilemessages --ignore=.venv -v 0
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The same without the fuzzers, the drills and the browser: for the edit-test loop, never for CI.
test-fast: install-dev
	DEBUG=on $(PY) manage.py compilemessages --ignore=.venv -v 0
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not ($(SLOW_TESTS))" $(PYTEST_ARGS)

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
