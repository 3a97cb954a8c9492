# Everything runs in a local virtual environment made from requirements.lock (exact versions, hashes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
# Material 9 prints an end-of-life banner on every run; the README's "Maintenance" section covers it.
export NO_MKDOCS_2_WARNING := 1
# Some shells (this project's CI image among them) set PYTHONDONTWRITEBYTECODE: every `mkdocs` the tests
# start would then compile macros/ from source again, and pytest would rewrite each test module each run.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install serve build pdf test bench release-prep release preview serve-versions fingerprint anchors citation annotation \
	annotation-from-issue annotation-schema typography card-font lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# The locked dependencies (hashes checked), then this project itself, editable, for its MkDocs plugin
# (`reading`): no dependency and no download, the build backend is in the lock.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)  ## make .venv from requirements.lock

PORT ?= 8000

serve: $(STAMP)  ## serve the site on http://127.0.0.1:8000 (PORT=8001 for another port) and rebuild on change
	@$(BIN)/python -m scripts.serving check $(PORT)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

build: $(STAMP)  ## build the site into site/, failing on any warning
	$(BIN)/mkdocs build --strict --site-dir site

# READING_PDF=1: the home page links the PDFs this target then prints into site/ (Debian's chromium-headless-shell).
pdf: $(STAMP)  ## build the site, then print each edition's whole reading to site/[en/]downloads/*.pdf
	READING_PDF=1 $(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/python -m scripts.make_pdf site

# Two workers (two cores); loadgroup keeps each xdist_group on one worker, so the release deploy runs once.
test: $(STAMP)  ## run the whole test suite
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: $(STAMP)  ## measure build time, page weight and scale against their budgets (not part of `make test`)
	$(BIN)/python -m scripts.bench

release-prep: $(STAMP)  ## make release-prep VERSION=x.y.z: the release commit (version, changelogs, CITATION.cff, anchors), then the tests
	@test -n "$(VERSION)" || { echo "give the version: make release-prep VERSION=x.y.z"; exit 2; }
	$(BIN)/python -m scripts.release_prep $(VERSION)
	$(MAKE) test

release: $(STAMP)  ## deploy data/site.yml's version with mike into gh-pages as /<version>/ and /latest/ (PUSH=1 pushes)
	$(BIN)/python -m scripts.publish release $(if $(PUSH),--push)

preview: $(STAMP)  ## deploy this commit with mike into gh-pages as /dev/ (PUSH=1 pushes)
	$(BIN)/python -m scripts.publish preview $(if $(PUSH),--push)

serve-versions: $(STAMP)  ## serve the gh-pages branch (every version) under the site's prefix, on PORT (8000)
	$(BIN)/python -m scripts.serving versions $(PORT)

fingerprint: $(STAMP)  ## remake data/fingerprint.json from data/article.yml's local_copy of the article (or ARTICLE=path)
	$(BIN)/python -m scripts.make_fingerprint $(ARTICLE)

anchors: build  ## add the ids of the built site to the anchor ledger (data/anchors.yml)
	$(BIN)/python -m scripts.update_anchor_ledger site

citation: $(STAMP)  ## write CITATION.cff from data/site.yml
	$(BIN)/python -m scripts.make_citation_cff

annotation: $(STAMP)  ## start an annotation: make annotation CHAPTER=opening SECTION=users [LANGUAGE=en]
	$(BIN)/python -m scripts.new_annotation $(CHAPTER) $(SECTION) $(LANGUAGE)

annotation-from-issue: $(STAMP)  ## an annotation file from an issue: make annotation-from-issue ISSUE=issue.json (gh issue view N --json number,body,author,createdAt)
	@test -n "$(ISSUE)" || { echo "give the issue: gh issue view N --json number,body,author,createdAt > issue.json; make annotation-from-issue ISSUE=issue.json"; exit 2; }
	$(BIN)/python -m scripts.issue_to_annotation $(ISSUE)

typography: $(STAMP)  ## correct the punctuation of every Chinese source (GB/T 15834, autocorrect-py)
	$(BIN)/python -m scripts.typography --fix

annotation-schema: $(STAMP)  ## rewrite data/annotations/schema.json from the model in macros/model/annotations.py
	$(BIN)/python -c "from macros.model.annotations import json_schema; open('data/annotations/schema.json', 'w').write(json_schema())"

card-font: $(STAMP)  ## cut cards/font.otf (the link-preview cards' font) from Debian's fonts-noto-cjk
	$(BIN)/python -m scripts.card_font

lock: $(STAMP)  ## re-resolve requirements.lock from pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test \
	  --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock pyproject.toml

clean:  ## remove build output, the build cache and the virtual environment
	rm -rf site .cache $(VENV) test-output
