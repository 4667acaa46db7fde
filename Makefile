# Two commands do everything on a fresh machine:
#   make run   - install what is needed, then start the dashboard on data/incidents.csv
#   make test  - install what is needed, then run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: install run test test-quick geocode bench clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/python -m geocoding.build_index
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

test: install
	$(BIN)/python -m pytest

test-quick: install
	$(BIN)/python -m pytest -m "not slow and not browser"

# Rebuild data/incidents.csv from the raw file (offline).
geocode: install
	$(BIN)/python -m geocoding data/incidents_raw.csv -o data/incidents.csv

bench: install
	$(BIN)/python benchmarks/bench_geocoding.py

clean:
	rm -rf $(VENV) .pytest_cache
