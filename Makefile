# Every target sets itself up: a fresh machine needs only python3, make and the package registries.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: check test site clean docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/sspgen check

test: $(STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf output $(VENV)

docs: $(STAMP)
	$(BIN)/sspgen schema --out schema --readme README.md
