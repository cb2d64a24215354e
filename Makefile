# Collider: `make run` serves the demo, `make test` runs the suite. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_SETTINGS := collider.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails, iCal files, QR codes and PDFs point at the address `make run` serves.
SITE_URL ?= http://$(HOST):$(PORT)
DEV := DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) SITE_URL=$(SITE_URL)
RUN_HOSTS := DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1,$(HOST)}"

.PHONY: run test system-deps install lint format check migrate demo worker lock clean messages messages-extract \
	bench-db benchmark bench-outreach bench-matchmaking bench-export bench-followup bench-pages bench-scheduler rehearsal

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9

# --system-certs: use the operating system's CA store (works behind TLS-inspecting proxies too).
# --compile-bytecode: every later process imports compiled modules even where
# PYTHONDONTWRITEBYTECODE is set (without them each process compiled ~2,000 modules: 2 s more).
$(STAMP): $(BIN)/python requirements.lock requirements-dev.lock
	$(BIN)/uv pip install --system-certs --quiet --compile-bytecode --python $(BIN)/python -r requirements-dev.lock
	touch $(STAMP)

# The project's own modules compiled too (only what changed is compiled again): the suite, the
# rehearsal and `make run` start many processes.
APPS := collider challenges followup matchmaking outreach tandems training tests scripts
install: $(STAMP)
	@$(BIN)/python -m compileall -q $(APPS)

# Serve the demo on http://$(HOST):$(PORT) with a Celery worker + beat on the filesystem broker
# (no server needed); e-mail lands in var/mail/.
# HOST other than localhost is added to the allowed hosts; SITE_URL follows HOST and PORT.
run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo
	$(DEV) $(RUN_HOSTS) $(BIN)/python manage.py runwithworker --addrport $(HOST):$(PORT)

# Browser tests drive Debian's Chromium (its headless shell, and the full browser for its PDF
# viewer); WeasyPrint wants HarfBuzz's subsetter. Installed when missing and we may (root on
# Debian); without them the browser tests are skipped, not failed (CI=true makes a missing
# browser a failure).
SYSTEM_PACKAGES := chromium chromium-headless-shell poppler-utils libharfbuzz-subset0
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Missing system packages:$$missing (browser tests will be skipped)"; fi; \
	fi

test: install system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py makemigrations --check --dry-run

worker: install
	$(DEV) $(BIN)/celery -A collider worker --beat -l info

# Benchmarks (README): dev settings, on the demo database unless DATABASE_URL names another.
BENCH_ARGS ?=
bench-db: install
	$(DEV) $(BIN)/python manage.py migrate --noinput -v0

benchmark: bench-db
	$(DEV) $(BIN)/python manage.py benchmark $(BENCH_ARGS)

bench-outreach: bench-db
	$(DEV) $(BIN)/python manage.py outreach_benchmark $(BENCH_ARGS)

bench-matchmaking: bench-db
	$(DEV) $(BIN)/python manage.py matchmaking_benchmark $(BENCH_ARGS)

bench-export: bench-db
	$(DEV) $(BIN)/python manage.py export_benchmark $(BENCH_ARGS)

bench-followup: bench-db
	$(DEV) $(BIN)/python manage.py followup_benchmark --compare $(BENCH_ARGS)

# The production rehearsal (needs PostgreSQL, Redis, chromium and poppler-utils; see README).
rehearsal: install
	scripts/rehearsal

# The 1:1 scheduler against two baselines, 3 seeds per size, every result checked (minutes).
bench-scheduler: bench-db
	$(DEV) $(BIN)/python manage.py matchmaking_benchmark --skip-recommendations $(BENCH_ARGS)

# Main pages' req/s under gunicorn as a share of a bare view, p50/p95/p99 and queries at two
# sizes (needs Debian's `wrk`; run on PostgreSQL: DATABASE_URL=postgres://…).
bench-pages: bench-db
	$(DEV) $(BIN)/python manage.py bench_pages $(BENCH_ARGS)

# Translations (locale/): extract the messages of the code into every language's catalogue
# (needs GNU gettext), then, once translated, compile them; both .po and .mo are committed.
LOCALES := $(patsubst locale/%/LC_MESSAGES,%,$(wildcard locale/*/LC_MESSAGES))
messages-extract: install
	$(DEV) $(BIN)/python manage.py makemessages $(foreach l,$(LOCALES),-l $(l)) --no-obsolete \
	  -i ".venv/*" -i "var/*" -i "tests/*" -i "scripts/*" -i "test-artifacts/*" -i "static/vendor/*" -i "node_modules/*"

messages: messages-extract
	$(DEV) $(BIN)/python manage.py compile_catalogues
	$(DEV) $(BIN)/python manage.py check_translations

# Re-pin dependencies after editing pyproject.toml.
lock: $(BIN)/python
	$(BIN)/uv pip compile --system-certs pyproject.toml --python-version 3.11 -o requirements.lock --quiet
	$(BIN)/uv pip compile --system-certs pyproject.toml --extra dev --python-version 3.11 -o requirements-dev.lock --quiet

clean:
	rm -rf $(VENV) var/collider.sqlite3 var/celery var/mail var/staticfiles
