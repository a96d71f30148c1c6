# Recouvre — build, test and demo.
#   make demo   installs what is missing, builds, and runs a demo creditor end to end
#   make test   installs what is missing, starts PostgreSQL and SMTP, runs the test suite
SHELL := /bin/bash
SWIFT ?= swift

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
	@SWIFT=$(SWIFT) scripts/test

demo: deps
	@$(SWIFT) build
	@scripts/demo

clean:
	rm -rf .build .run
