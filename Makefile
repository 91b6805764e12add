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

.PHONY: help setup html clean serve publish check test translations

help:
	@echo "make serve         build and serve http://localhost:$(PORT), rebuilding on change"
	@echo "make html          build $(INPUTDIR)/ into $(OUTPUTDIR)/"
	@echo "make publish       build with $(PUBLISHCONF) (production SITEURL)"
	@echo "make check         validate $(INPUTDIR)/ without building"
	@echo "make test          run every test"
	@echo "make translations  extract interface strings and update the catalogs"
	@echo "make clean         remove $(OUTPUTDIR)/"

# The virtual environment is made once and refreshed whenever requirements.txt changes.
setup: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

html: setup
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

publish: setup
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

serve: setup
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --listen --autoreload --port $(PORT) \
		-e CONTRACT_EXIT_ON_ERROR=false $(PELICANOPTS)

check: setup
	$(BIN)/python -m plugins.contract.check $(INPUTDIR)

test: setup
	$(BIN)/python -m pytest

translations: setup
	$(BIN)/pybabel extract --project="Cleaner Production Partnership Programme" --no-location \
		--sort-output -F babel.cfg -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot \
		-d translations -l zh_Hant_HK

clean:
	rm -rf $(OUTPUTDIR)
