# Cleaner Production Partnership Programme website: Pelican's conventional targets.
#   make serve   set up, build and serve http://localhost:8000, rebuilding on change
#   make test    set up and run every test
# INPUTDIR= and OUTPUTDIR= point html, publish and check at another content and output folder.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
INPUTDIR ?= content
OUTPUTDIR ?= output
CONFFILE ?= pelicanconf.py
PUBLISHCONF ?= publishconf.py
PORT ?= 8000
PELICANOPTS ?=
# Any static host: `make rsync_upload` (SSH) or `make s3_upload` (S3 or an S3-compatible store).
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?= $(USER)
SSH_TARGET_DIR ?=
S3_BUCKET ?=
S3_ENDPOINT ?=

.PHONY: help setup setup-dev lock lint html clean serve publish check test translations new-case new-technology new-event \
	rsync_upload s3_upload search-budget

help:
	@echo "make serve         build and serve http://localhost:$(PORT), rebuilding on change"
	@echo "make html          build $(INPUTDIR)/ into $(OUTPUTDIR)/"
	@echo "make publish       build with $(PUBLISHCONF) (production SITEURL)"
	@echo "make check         validate $(INPUTDIR)/ without building"
	@echo "make new-case SLUG=dongguan-dye-works  (also new-technology, new-event): start an item"
	@echo "make rsync_upload  publish, then copy $(OUTPUTDIR)/ to SSH_HOST:SSH_TARGET_DIR"
	@echo "make s3_upload     publish, then sync $(OUTPUTDIR)/ to S3_BUCKET (S3_ENDPOINT for S3-compatible stores)"
	@echo "make test          run every test, slow tier included (the inner loop: pytest -m \"not browser\")"
	@echo "make lint          ruff check (rules in pyproject.toml)"
	@echo "make lock          refresh requirements.txt and requirements-dev.txt from the .in files"
	@echo "make test-js       the JavaScript's unit tests and ESLint only"
	@echo "make translations  extract interface strings and update both Chinese catalogs"
	@echo "make search-budget measure the search: build time with and without it, bytes per query"
	@echo "make bench         build-speed benchmark against bare Pelican (docs/benchmarks.md)"
	@echo "make clean         remove $(OUTPUTDIR)/"

# The virtual environment is made once and refreshed whenever a lock changes. Building installs
# only requirements.txt (what the site needs); `make test` adds requirements-dev.txt (the tests,
# the browser, the linters). Both are locks with hashes: pip refuses any file that differs.
setup: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

setup-dev: $(VENV)/.installed-dev
$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# Compile requirements.in and requirements-dev.in into the locks, every dependency pinned with its
# hashes (the dev lock keeps the runtime lock's versions). Edit a .in file, then run `make lock`;
# `make lock LOCKOPTS=--upgrade` moves every unpinned dependency to its newest version.
LOCK = $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 $(LOCKOPTS)
lock: setup-dev
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-dev.in -o requirements-dev.txt

# html and publish build into a fresh folder and swap it into place only on success: a content
# error leaves the last good $(OUTPUTDIR)/ untouched (plugins/safe_build).
html: setup
	$(BIN)/python -m plugins.safe_build $(INPUTDIR) $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

# Refuses placeholder values (plugins/placeholders) unless ALLOW_PLACEHOLDERS=1 is given.
publish: setup
	ALLOW_PLACEHOLDERS=$(ALLOW_PLACEHOLDERS) $(BIN)/python -m plugins.safe_build $(INPUTDIR) $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

serve: setup
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --listen --autoreload --port $(PORT) \
		-e CONTRACT_EXIT_ON_ERROR=false INCREMENTAL=true $(PELICANOPTS)

check: setup
	$(BIN)/python -m plugins.contract.check $(INPUTDIR)

# A new item folder with every field: make new-case SLUG=dongguan-dye-works
new-case new-technology new-event: setup
	$(BIN)/python -m plugins.contract.scaffold $(patsubst new-%,%,$@) "$(SLUG)" --content $(INPUTDIR)

# Publishing to any static host (never run by the tests). Both build with publishconf.py first;
# set SITEURL to the address the site will have, e.g. make rsync_upload SITEURL=https://example.org
rsync_upload: publish
	$(if $(SSH_HOST),,$(error set SSH_HOST (and SSH_TARGET_DIR), e.g. make rsync_upload SSH_HOST=web.example.org SSH_TARGET_DIR=/var/www/cpp))
	$(if $(SSH_TARGET_DIR),,$(error set SSH_TARGET_DIR, the folder on $(SSH_HOST) that the web server serves))
	rsync -e "ssh -p $(SSH_PORT)" -P -rvzc --delete $(OUTPUTDIR)/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)" --cvs-exclude

s3_upload: publish
	$(if $(S3_BUCKET),,$(error set S3_BUCKET, e.g. make s3_upload S3_BUCKET=cpp-website S3_ENDPOINT=https://s3.example.net))
	aws s3 sync $(OUTPUTDIR)/ s3://$(S3_BUCKET)/ --delete $(if $(S3_ENDPOINT),--endpoint-url $(S3_ENDPOINT))

test: setup-dev test-tools lint test-js
	$(BIN)/python -m pytest --slow -n 0

# Python's lint (rules in pyproject.toml).
lint: setup-dev
	$(BIN)/ruff check .

# The theme's JavaScript (docs/theme.md, "JavaScript"): its unit tests on Node's own test runner
# and ESLint, installed from package-lock.json into node_modules/ whenever the lock is newer.
.PHONY: test-js lint-js
test-js: lint-js
	node --test tests/js/*.test.js
lint-js: node_modules/.package-lock.json
	node_modules/.bin/eslint .
node_modules/.package-lock.json: package-lock.json package.json
	@command -v npm >/dev/null || { echo "make test-js needs npm: apt-get install npm"; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

# The browser tests drive Debian's chromium, which needs a font for Chinese (without one every
# character is an empty box and the tests would still pass); the HTML checker runs on Java; every
# build checks the search bundle's pagefind.js with Node.js (plugins/search/verify.py). Installed
# where missing (as root on Debian, like .ci/run), otherwise a clear message says what to install.
CJK_FONT_FOUND = [ -n "$$(fc-list :lang=zh 2>/dev/null)" ]
.PHONY: test-tools
test-tools:
	@command -v chromium >/dev/null && command -v java >/dev/null && command -v node >/dev/null && command -v npm >/dev/null && $(CJK_FONT_FOUND) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    bash .ci/install; \
	  else \
	    echo "make test needs chromium, Java, Node.js with npm and a Chinese font: apt-get install chromium nodejs npm default-jre-headless fontconfig fonts-noto-cjk"; exit 1; \
	  fi; }
	@$(CJK_FONT_FOUND) || { echo "make test: no font renders Chinese (fc-list :lang=zh finds none): install fonts-noto-cjk"; exit 1; }

# Build speed for 100, 1,000 and 3,000 synthetic case reports, against bare Pelican, and the
# editor's rebuild under `make serve` (tools/bench.py; figures in docs/benchmarks.md). BENCHOPTS=
# passes options, e.g. BENCHOPTS="--sizes 100 1000".
.PHONY: bench
bench: setup
	$(BIN)/python tools/bench.py $(BENCHOPTS)

# Build time of the search index and bytes a browser downloads per query (tools/search_budget.py).
search-budget: setup
	$(BIN)/python tools/search_budget.py --content $(INPUTDIR)

translations: setup
	$(BIN)/pybabel extract --project="Cleaner Production Partnership Programme" --no-location \
		--sort-output -F babel.cfg -o translations/messages.pot .
	for locale in zh_Hant_HK zh_Hans_CN; do \
		$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot \
			-d translations -l $$locale || exit 1; \
	done

clean:
	rm -rf $(OUTPUTDIR)
