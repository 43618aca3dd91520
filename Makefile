# The README's two commands: `make demo` and `make test`.

# The virtualenv's interpreter; `make PYTHON=python3.12` picks another.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Packages the site needs: gettext for compilemessages, Pango and the Amiri
# font for Arabic PDFs (the PDF must not depend on whatever fonts the host has).
SITE_DEBS := gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-hosny-amiri
# And for the tests: a real PostgreSQL, Chromium for the browser tests,
# poppler-utils to read the PDFs back, Java for the W3C Nu HTML checker, and
# Redis for the two servers sharing one cache and nginx in front of gunicorn
# (tests/servers/).
TEST_DEBS := $(SITE_DEBS) postgresql chromium poppler-utils default-jre-headless redis-server nginx

.PHONY: demo test lint format clean deploy release serve bench

$(BIN)/activate:
	@# Debian's own python3 (installed under /usr) makes virtualenvs only with
	@# its python3-venv package.
	@if $(PYTHON) -c 'import sys; sys.exit(sys.prefix != "/usr")'; then .ci/system-deps.sh python3-venv; fi
	$(PYTHON) -m venv $(VENV)

# Servers get the site's packages only, not the test tools.
$(VENV)/.production: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

demo: $(VENV)/.installed
	.ci/system-deps.sh $(SITE_DEBS)
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv -v0
	DEBUG=true $(BIN)/python manage.py migrate -v0
	DEBUG=true $(BIN)/python manage.py createcachetable
	DEBUG=true $(BIN)/python manage.py load_demo
	@# The task worker renders published minutes' PDFs; it stops with the server.
	DEBUG=true $(BIN)/python manage.py db_worker --interval 2 -v0 & worker=$$!; \
		trap 'kill $$worker' EXIT; \
		DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# Starts a throwaway PostgreSQL cluster under .pg/, runs everything, stops it.
test: $(VENV)/.installed
	.ci/system-deps.sh $(TEST_DEBS)
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	.ci/postgres.sh start
	SECRET_KEY=test-only-secret-key DATABASE_URL="$$(.ci/postgres.sh url)" \
		$(BIN)/pytest $(PYTEST_ARGS); status=$$?; .ci/postgres.sh stop; exit $$status

# Production, configured by the environment (README, "Deploy"). `release` runs
# once per upgrade on any one machine; `serve` runs on every machine; `deploy`
# is both, for a single machine.
deploy: release serve

release: $(VENV)/.production
	.ci/system-deps.sh $(SITE_DEBS)
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py forget_idle_clients

serve: $(VENV)/.production
	.ci/system-deps.sh $(SITE_DEBS)
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	@# One task worker per machine renders published minutes' PDFs ahead of readers.
	$(BIN)/python manage.py db_worker --no-reload -v0 & exec $(BIN)/gunicorn ogptracker.wsgi

# Gunicorn and PostgreSQL on loopback under load; prints requests/s and latencies.
bench: $(VENV)/.installed
	bench/load.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	.ci/postgres.sh stop
	rm -rf .pg test-artifacts
