# Every target sets itself up: a fresh machine needs only python3, make and the package registries.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.sspgen-installed

.PHONY: check test site clean docs browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# Frontend packages (dkfds for the sites, decap-cms and yaml for the editing form, decap-server for
# `make cms` and the form's browser tests, axe-core for the browser tests, the Azure Static Web
# Apps emulator for the hosting tests), exactly as locked. No install scripts: none is needed, and the
# emulator's optional keytar would try to download a prebuilt binary.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

# The browser tests drive Debian's Chromium; installed here only where it is missing.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installerer Debians chromium-pakke til browsertestene …"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
	  echo "Chromium mangler (/usr/bin/chromium), og browsertestene har brug for den." >&2; \
	  echo "Kør «make browser» som root, eller installér den selv: sudo apt-get install -y chromium" >&2; \
	  exit 1; \
	fi

check: $(STAMP)
	$(BIN)/sspgen check

test: $(STAMP) $(NODE_STAMP) browser
	$(BIN)/pytest -q

clean:
	rm -rf output $(VENV) build dist

docs: $(STAMP)
	$(BIN)/sspgen schema --out schema --readme README.md

# WeasyPrint (the meeting PDFs) needs Pango and HarfBuzz from Debian; installed only where missing.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libharfbuzz0b fontconfig
.PHONY: pdf-libs
pdf-libs:
	@missing=""; for p in $(PDF_LIBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installerer Debian-pakker til PDF'erne:$$missing"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	else \
	  echo "PDF'erne kræver Debian-pakkerne:$$missing" >&2; \
	  echo "Kør «make site» som root, eller installér dem selv: sudo apt-get install -y$$missing" >&2; \
	  exit 1; \
	fi

# The three examples (and any other municipality under data/) into output/.
site: $(STAMP) $(NODE_STAMP) pdf-libs
	$(BIN)/sspgen build

# The local preview (sspgen serve, in Danish in the README): builds into a temporary folder,
# rebuilds when a file is saved and reloads the browser; Ctrl-C stops it. No PDFs, so no
# pdf-libs. `make serve PORT=8080 KOMMUNE=brondby` for another port or one municipality.
PORT ?= 8000
KOMMUNE ?=
.PHONY: serve
serve: $(STAMP) $(NODE_STAMP)
	$(BIN)/sspgen serve --port $(PORT) $(if $(KOMMUNE),--kommune $(KOMMUNE))

# The editing form on this machine (sspgen cms, in Danish in the README): decap-server (npm, git
# mode) on this repository and the Decap form for one municipality, no login; every save is a
# commit on the current branch. `make cms KOMMUNE=brondby CMS_PORT=8090`; Ctrl-C stops it.
CMS_PORT ?= 8080
.PHONY: cms
cms: $(STAMP) $(NODE_STAMP)
	$(BIN)/sspgen cms --port $(CMS_PORT) $(if $(KOMMUNE),--kommune $(KOMMUNE))

# The site tests build real sites with PDFs.
test: pdf-libs

# The benchmark (docs/benchmark.md): synthetic data at three sizes, sspgen against Hugo.
# Not part of `make test`. `make bench BENCH_ARGS="--sizes small,large"` for a shorter run.
BENCH_STAMP := $(VENV)/.bench-installed
BENCH_ARGS ?=
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install -q -e '.[bench]'
	touch $(BENCH_STAMP)

.PHONY: bench
bench: $(BENCH_STAMP) $(NODE_STAMP) pdf-libs
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The wheel municipal IT installs with pip or pipx (README: «Installér sspgen»), in dist/.
# setup.py copies layouts/ and the files the build reads from node_modules/ (dkfds, decap-cms)
# into it. build/ goes first: setuptools would otherwise keep files deleted from sspgen/.
.PHONY: wheel
wheel: $(STAMP) $(NODE_STAMP)
	rm -rf build dist/sspgen-*.whl
	$(BIN)/python -m build --wheel --no-isolation --outdir dist

# The mutation fuzzer (tests/test_fuzz.py) at length; `make test` runs it with 2,000 examples.
# `make fuzz FUZZ_EXAMPLES=50000` for a longer run.
FUZZ_EXAMPLES ?= 10000
.PHONY: fuzz
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/test_fuzz.py

# The screenshots in README.md (docs/billeder/), from a build of the examples with a fixed date
# in headless Chromium (tools/billeder.py). `make billeder KOMMUNE=faxe` for another example.
.PHONY: billeder
billeder: $(STAMP) $(NODE_STAMP) browser
	$(BIN)/python tools/billeder.py $(if $(KOMMUNE),--kommune $(KOMMUNE))
