# Two commands do everything on a fresh machine:
#   make run   - install what is needed, then start the dashboard on data/incidents.csv
#   make test  - install what is needed, then run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501
# 127.0.0.1: only this machine. ADDRESS=0.0.0.0 serves a team (see README).
ADDRESS ?= 127.0.0.1
# The host name people type to reach it; also what Streamlit checks a browser's origin against.
SERVER_NAME ?= localhost

ASSETS := engine/static/vendor/.installed

.PHONY: install lock assets browser postgres video netguard lint run test test-quick screenshot geocode bench clean

# The package is installed from its declaration (pyproject.toml) with its test tools
# (the "dev" extra), every version held to the pins that `make lock` generates.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "pip==$$(sed -n 's/^pip==//p' requirements.txt)"
	$(BIN)/pip install --quiet -c requirements.txt -e ".[dev]"
	$(BIN)/python -m geocoding.build_index
	touch $(STAMP)

# Regenerate the pins from pyproject.toml (needs the package index).
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o requirements.txt pyproject.toml

# Front-end files (Leaflet and plugins, country borders) from the npm registry,
# copied where Streamlit serves them; nothing is fetched at run time.
$(ASSETS): assets/package.json assets/package-lock.json engine/mapping/assets.py engine/mapping/boundaries.py \
		engine/mapping/districts.py geocoding/data/region/areas.geojson.gz $(STAMP)
	cd assets && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m engine.mapping.assets
	touch $(ASSETS)

install: $(STAMP) $(ASSETS)

assets: $(ASSETS)

run: install
	$(BIN)/python -m dashboard serve --port $(PORT) --address $(ADDRESS) --server-name $(SERVER_NAME)

# Browser tests drive Debian's chromium with Playwright (never `playwright install`).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; fi; }

# The store's tests start a throwaway PostgreSQL cluster from Debian's server programs.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else echo "the store's tests need PostgreSQL: sudo apt-get install postgresql"; fi; }

# MP4 animations are encoded by Debian's ffmpeg (H.264); GIFs need only Pillow.
video:
	@command -v ffmpeg >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null; \
	  else echo "MP4 export needs Debian's ffmpeg: sudo apt-get install ffmpeg"; fi; }

# The no-network tests run commands in a namespace with only loopback, under strace.
netguard:
	@{ command -v strace && command -v ip && command -v unshare; } >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq strace iproute2 util-linux >/dev/null; \
	  else echo "the no-network tests need strace and iproute2: sudo apt-get install strace iproute2"; fi; }

# Habits: the linter, the formatter (checked, not applied) and the type checker.
PY_DIRS := ground geocoding incidents intake engine dashboard tests benchmarks scripts
lint: install
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	$(BIN)/mypy ground geocoding incidents intake engine dashboard
	$(BIN)/vulture $(PY_DIRS) --min-confidence 80

test: install browser postgres video netguard lint
	$(BIN)/python -m pytest

test-quick: install
	$(BIN)/python -m pytest -m "not slow and not browser"

# Refresh the README screenshot with the browser tests' machinery.
screenshot: install browser
	SCREENSHOT_OUT=docs/dashboard.png $(BIN)/python -m pytest tests/e2e -k screenshot -q
	$(BIN)/python -m dashboard snapshot --actor "Islamic State Khorasan Province (ISIS-K)" \
		--to 2021-12-31 --table --out docs/snapshot.png

# Rebuild data/incidents.csv from the raw file (offline).
geocode: install
	$(BIN)/python -m geocoding data/incidents_raw.csv -o data/incidents.csv

bench: install browser video
	$(BIN)/python benchmarks/bench_geocoding.py
	$(BIN)/python benchmarks/bench_map.py
	$(BIN)/python benchmarks/bench_snapshot.py
	$(BIN)/python benchmarks/bench_animate.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_hostile_files.py
	$(BIN)/python benchmarks/bench_one_reader.py

clean:
	rm -rf $(VENV) .pytest_cache assets/node_modules engine/static/vendor
