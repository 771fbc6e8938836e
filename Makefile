# One command to run the back office, one to test it. Both build the
# virtualenv they need from the locks (requirements.txt, requirements-dev.txt:
# every package pinned with its hashes, made from pyproject.toml by `make lock`),
# so a fresh clone only needs python3.
PYTHON ?= python3
VENV ?= .venv
PRESET ?= rakeen
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 3
# The suite runs on every core (pytest-xdist); each worker has its own databases.
PYTEST_ARGS ?= -n auto
BIN = $(VENV)/bin
FLASK = $(BIN)/flask --app app

.PHONY: run serve worker test setup setup-dev translations browser extract lock clean

run: setup translations
	$(FLASK) db upgrade
	$(FLASK) seed --preset $(PRESET) --demo
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production server: migrations first, never demo data. Gunicorn's access log
# stays off: the app writes its own request line without personal data.
# SILA_TRUST_PROXY=1 (only when Sila is reachable solely through a reverse proxy)
# also turns on ProxyFix in the app.
serve: setup translations
	$(FLASK) db upgrade
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(WORKERS) \
		$(if $(filter 1,$(SILA_TRUST_PROXY)),--forwarded-allow-ips '*') 'app:create_app()'

# Background jobs on PostgreSQL (messages every minute, the daily review, retention, backup): run one or
# more beside `make serve` with SILA_JOBS=worker (the default on PostgreSQL); any number run each period once.
worker: setup translations
	$(FLASK) db upgrade
	$(FLASK) jobs worker

test: setup-dev translations browser
	$(BIN)/ruff check --quiet .
	$(BIN)/bandit --quiet -c bandit.yaml -r . --severity-level medium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.runtime

setup-dev: $(VENV)/.dev

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# After changing a dependency in pyproject.toml: the locks again, keeping every other pin where it is.
LOCK = $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: setup-dev
	$(LOCK) --output-file requirements.txt pyproject.toml
	$(LOCK) --extra dev --output-file requirements-dev.txt pyproject.toml

# Browser tests drive Debian's Chromium; no browser is ever downloaded by Playwright.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

translations: setup
	$(BIN)/pybabel compile --statistics -d translations 2>&1 | tail -n 1
	$(BIN)/pybabel compile --statistics -D admin -d translations 2>&1 | tail -n 1

# Known vulnerabilities in the pinned dependencies (PyPI's advisory data; needs that service reachable,
# which this project's CI machine is not, so it is a command to run where it is, not a CI step).
.PHONY: audit
audit: setup-dev
	$(BIN)/pip-audit -r requirements-dev.txt --progress-spinner off --strict

# Re-extract messages after adding strings: the Arabic catalog must stay complete.
extract: setup
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l --ignore-dirs=".* instance tests" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

# Pages timed through HTTP at each scale against the raw-SQL floor and stock Flask-Admin
# (bench/run.py; data generated once per scale under bench/.data/ or in <DATABASE>_<scale>).
SCALES ?= 1000 10000
DATABASE ?= sqlite
.PHONY: bench
bench: setup translations
	$(BIN)/python bench/run.py --scales $(SCALES) --database $(DATABASE)

# The same pages on this checkout and on BASE (a commit), side by side on the same data (bench/compare.py).
SCALE ?= 1000
.PHONY: compare
compare: setup translations
	$(BIN)/python bench/compare.py --base $(BASE) --scale $(SCALE) --database $(DATABASE)
# Fifty people of every role and the portal's applicants at once, for a fixed time, against gunicorn on
# PostgreSQL (bench/load.py: throughput, p50/p95/p99 per action, errors, connections, the consistency check).
# LOAD_URL drives a server already running instead (started with the login and portal limits raised);
# LOAD_REUSE=1 keeps a database a previous run added requests to, rather than generating it again.
LOAD_SCALE ?= 1000
LOAD_SECONDS ?= 180
LOAD_WORKERS ?= 2
LOAD_DATABASE ?= postgresql://postgres@127.0.0.1:5432/sila_load
.PHONY: load
load: setup-dev translations
	$(BIN)/python bench/load.py --scale $(LOAD_SCALE) --duration $(LOAD_SECONDS) --workers $(LOAD_WORKERS) \
		--database $(LOAD_DATABASE) $(if $(LOAD_URL),--url $(LOAD_URL)) $(if $(LOAD_REUSE),--reuse)

clean:
	rm -rf $(VENV) instance
