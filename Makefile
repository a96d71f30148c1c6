# Recouvre — build, test and demo.
#   make demo   installs what is missing, builds, and runs a demo creditor end to end
#   make test   installs what is missing, starts PostgreSQL and SMTP, runs the test suite
#   make install [PREFIX=/usr/local] [DESTDIR=] [BUILD=0] [BINDIR_SRC=DIR]
#               builds in release mode (unless BUILD=0) and installs binaries, systemd units,
#               man pages, shell completions, docs and, when none is there, /etc/recouvre/recouvred.conf
#   make uninstall [PREFIX=…] [DESTDIR=…]   removes them again, except the configuration
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: all deps resources build release test demo clean install uninstall

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

# Installation. The daemon goes to sbin (an administrator's program, run by systemd), the
# control tool to bin (run by operators in the group recouvre-ops).
PREFIX ?= /usr/local
DESTDIR ?=
SYSCONFDIR ?= /etc
BUILD ?= 1
# Where the built binaries are: the release build unless told otherwise (e.g. BINDIR_SRC=.build/debug).
BINDIR_SRC ?= $(eval BINDIR_SRC := $(shell $(SWIFT) build -c release --show-bin-path))$(BINDIR_SRC)
INSTALL ?= install
bindir := $(PREFIX)/bin
sbindir := $(PREFIX)/sbin
unitdir := $(PREFIX)/lib/systemd/system
mandir := $(PREFIX)/share/man
docdir := $(PREFIX)/share/doc/recouvre
bashcompdir := $(PREFIX)/share/bash-completion/completions
zshcompdir := $(PREFIX)/share/zsh/site-functions
fishcompdir := $(PREFIX)/share/fish/vendor_completions.d
confdir := $(SYSCONFDIR)/recouvre
docs := README.md docs/architecture.md docs/operations.md docs/control-protocol.md docs/sql-api.md \
	docs/procedure.md docs/channels.md docs/letters.md docs/benchmarks.md docs/metrics.md \
	docs/reporting.md docs/imports.md docs/bank-statements.md docs/operator-views.md \
	deploy/postgresql-setup.sql deploy/recouvred.conf

install: $(if $(filter 1,$(BUILD)),release)
	@test -x "$(BINDIR_SRC)/recouvred" -a -x "$(BINDIR_SRC)/recouvrectl" \
	  || { echo "no built recouvred and recouvrectl in $(BINDIR_SRC): run make release, or set BINDIR_SRC" >&2; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(sbindir) $(DESTDIR)$(unitdir) \
	  $(DESTDIR)$(mandir)/man1 $(DESTDIR)$(mandir)/man5 $(DESTDIR)$(mandir)/man8 $(DESTDIR)$(docdir) \
	  $(DESTDIR)$(bashcompdir) $(DESTDIR)$(zshcompdir) $(DESTDIR)$(fishcompdir) $(DESTDIR)$(confdir)
	$(INSTALL) -m 0755 "$(BINDIR_SRC)/recouvred" $(DESTDIR)$(sbindir)/recouvred
	$(INSTALL) -m 0755 "$(BINDIR_SRC)/recouvrectl" $(DESTDIR)$(bindir)/recouvrectl
	sed 's#/usr/sbin/recouvred#$(sbindir)/recouvred#; s#/etc/recouvre/#$(confdir)/#g; s#/usr/share/doc/recouvre/#$(docdir)/#' \
	  systemd/recouvred.service > $(DESTDIR)$(unitdir)/recouvred.service
	chmod 0644 $(DESTDIR)$(unitdir)/recouvred.service
	$(INSTALL) -m 0644 systemd/recouvred.socket $(DESTDIR)$(unitdir)/recouvred.socket
	$(INSTALL) -m 0644 man/recouvrectl.1 $(DESTDIR)$(mandir)/man1/recouvrectl.1
	$(INSTALL) -m 0644 man/recouvred.conf.5 $(DESTDIR)$(mandir)/man5/recouvred.conf.5
	$(INSTALL) -m 0644 man/recouvred.8 $(DESTDIR)$(mandir)/man8/recouvred.8
	"$(BINDIR_SRC)/recouvrectl" --generate-completion-script bash > $(DESTDIR)$(bashcompdir)/recouvrectl
	"$(BINDIR_SRC)/recouvrectl" --generate-completion-script zsh > $(DESTDIR)$(zshcompdir)/_recouvrectl
	"$(BINDIR_SRC)/recouvrectl" --generate-completion-script fish > $(DESTDIR)$(fishcompdir)/recouvrectl.fish
	chmod 0644 $(DESTDIR)$(bashcompdir)/recouvrectl $(DESTDIR)$(zshcompdir)/_recouvrectl $(DESTDIR)$(fishcompdir)/recouvrectl.fish
	$(INSTALL) -m 0644 $(docs) $(DESTDIR)$(docdir)/
	@# An existing configuration is the operator's: never overwritten.
	@if [ -e $(DESTDIR)$(confdir)/recouvred.conf ]; then \
	  echo "keeping $(DESTDIR)$(confdir)/recouvred.conf (the new defaults are in $(docdir)/recouvred.conf)"; \
	else \
	  echo "$(INSTALL) -m 0644 deploy/recouvred.conf $(DESTDIR)$(confdir)/recouvred.conf"; \
	  $(INSTALL) -m 0644 deploy/recouvred.conf $(DESTDIR)$(confdir)/recouvred.conf; \
	fi

uninstall:
	rm -f $(DESTDIR)$(sbindir)/recouvred $(DESTDIR)$(bindir)/recouvrectl \
	  $(DESTDIR)$(unitdir)/recouvred.service $(DESTDIR)$(unitdir)/recouvred.socket \
	  $(DESTDIR)$(mandir)/man1/recouvrectl.1 $(DESTDIR)$(mandir)/man5/recouvred.conf.5 $(DESTDIR)$(mandir)/man8/recouvred.8 \
	  $(DESTDIR)$(bashcompdir)/recouvrectl $(DESTDIR)$(zshcompdir)/_recouvrectl $(DESTDIR)$(fishcompdir)/recouvrectl.fish
	rm -rf $(DESTDIR)$(docdir)
	@echo "kept $(DESTDIR)$(confdir) (configuration and database password): remove it by hand if you mean to"
