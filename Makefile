# Recouvre — build, test and demo.
#   make demo   installs what is missing, builds, and runs a demo creditor end to end
#   make test   installs what is missing, starts PostgreSQL and SMTP, runs the test suite
SHELL := /bin/bash
SWIFT ?= swift
TESTRUN := .run/test

.PHONY: all deps resources build release test demo clean

all: build

deps: resources
	@scripts/install-deps

resources:
	@scripts/embed-resources

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	@$(SWIFT) build --build-tests
	@scripts/services stop $(TESTRUN) >/dev/null 2>&1 || true
	@scripts/services start $(TESTRUN)
	@. $(TESTRUN)/env && export RECOUVRE_BIN=$$($(SWIFT) build --show-bin-path) && \
	  $(SWIFT) test --skip-build; status=$$?; \
	  scripts/services stop $(TESTRUN); exit $$status

demo: deps
	@$(SWIFT) build
	@scripts/demo

clean:
	rm -rf .build .run
