# Two commands on a fresh machine: `make run` and `make test`. Everything else is for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
# Development defaults; production sets DEBUG=0 and a real SECRET_KEY (see README).
export DEBUG ?= 1

.PHONY: install run serve bench replica test lint format migrations-check backup restore

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

# The demo closes threads a year after publishing, so one demo thread shows auto-closing (the default is never).
run: export COMMENTS_CLOSE_AFTER_DAYS ?= 365
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production mode from the environment alone (README, "Production"): DEBUG is off whatever the shell says.
serve: export DEBUG = 0
serve: install
	@test -n "$$SECRET_KEY" || { echo "make serve needs SECRET_KEY: see README, Production." >&2; exit 1; }
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn --config config/gunicorn.conf.py

# One file with the database and the media folder (README, "Backups"); FILE= chooses where it goes.
backup: install
	$(BIN)/python manage.py backup $(FILE)

restore: install
	@test -n "$(FILE)" || { echo "make restore needs FILE=path/to/backup.tar.gz" >&2; exit 1; }
	$(BIN)/python manage.py restore "$(FILE)"

test: install
	$(BIN)/pytest

# Throughput in production mode on local PostgreSQL and Redis (README, "Load testing"); not part of `make test`.
bench: install
	$(BIN)/python bench/run.py

# A streaming read replica of the local PostgreSQL on 127.0.0.1:5433 (README, "Read replicas").
replica:
	deploy/replica.sh start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run
