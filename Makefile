# sitegen - set-up and everyday commands. `make site` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
KATEX_VERSION := 0.16.47
AXE_VERSION   := 4.14.1
AXE    := $(VENV)/npm/node_modules/axe-core/axe.min.js
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: site serve test test-quick bench bench-themes lint golden chromium clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,semantic]'
	# KaTeX renders $$math$$ on the pages; the build copies it from here into the site (no CDN).
	npm install --silent --no-audit --no-fund --prefix $(VENV)/npm katex@$(KATEX_VERSION)
	rm -f $(VENV)/.installed-* && touch $@

# axe-core checks the built pages for accessibility in the browser tests (not part of the site).
$(AXE): | $(STAMP)
	npm install --silent --no-audit --no-fund --prefix $(VENV)/npm axe-core@$(AXE_VERSION)

## Build the site from seeds/ into site/
site: $(STAMP)
	$(BIN)/sitegen build seeds --out site

## Preview with live reload (rebuilds when a file under seeds/ changes)
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

## Debian's Chromium for the browser tests (needs root; skipped with a message otherwise)
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: /usr/bin/chromium missing and not root: browser tests will be skipped"; fi

## The whole test suite (browser tests included when Chromium is there)
test: $(STAMP) chromium $(AXE)
	$(BIN)/pytest -n 2 --dist loadfile

## The quick loop while changing code: the tests marked neither slow nor browser (no seeds-size build, no Chromium)
test-quick: $(STAMP)
	$(BIN)/pytest -n 2 -m "not slow and not browser" --ignore=tests/browser

lint: $(STAMP)
	$(BIN)/ruff check sitegen tests bench
	$(BIN)/ruff format --check sitegen tests bench
	$(BIN)/mypy sitegen bench

## Regenerate the golden files on purpose (review the diff before committing)
golden: $(STAMP)
	SITEGEN_UPDATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py tests/test_ingest.py

## Speed benchmarks: site build and search, ours against bare mkdocs-material
bench: $(STAMP) chromium
	$(PY) bench/site.py

## Theme quality on the labeled dev set (NMI/ARI/purity, both engines, BERTopic as the reference)
bench-themes: $(STAMP)
	$(PY) -m pip install --quiet -e '.[semantic,bench]'
	$(PY) bench/themes.py

clean:
	rm -rf site .sitegen-cache build *.egg-info
