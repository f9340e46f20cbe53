# Antre: two commands on a fresh Debian machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench setup clean clips bundle

$(STAMP): pyproject.toml scripts/bootstrap.sh assets/debian-packages.txt
	bash scripts/bootstrap.sh "$(VENV)"
	touch $(STAMP)

setup: $(STAMP)

## Runs the whole system on an embedded SQLite demo database: kiosk, hall display, two counters.
demo: $(STAMP)
	bash scripts/with-display.sh $(VENV)/bin/antre demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

## Lint, type-check, then the whole test suite (offscreen Qt, SQLite and a private PostgreSQL).
test: lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q tests/benchmarks --benchmark-only -p no:randomly

## Regenerates the announcement clips in assets/voice with espeak-ng.
clips: $(STAMP)
	$(PY) scripts/make_voice_clips.py

## A one-folder bundle of the CLI and the three apps in dist/antre/ (PyInstaller).
bundle: $(STAMP)
	$(VENV)/bin/python -m pip install -q -e ".[bundle]"
	$(VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
	  scripts/antre.spec

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
