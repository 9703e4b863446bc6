# afcq - one non-recursive Makefile.
#
#   make            build build/afcq and build/afcq-sandbox
#   make run        set up, build, start the workstation on the bundled sandbox
#   make test       set up, build with sanitizers, run the whole test suite
#   make install    PREFIX=/usr/local DESTDIR=
#   make fuzz       libFuzzer targets in build/fuzz (clang; README, "Fuzzing")
#   make bench      10,000-item benchmark (bench/README.md)
#   make loadtest   bounded load of afcq-sandbox on loopback
#   make memcheck   hostile bodies, then a minute idle: afcq-sandbox gives memory back
#   make clean
#
# Variants: SAN=1 builds with address and undefined-behaviour sanitizers
# (make test uses BUILD=build/san SAN=1); COV=1 adds coverage flags; FUZZ=1
# (make fuzz: BUILD=build/fuzz CC=clang) adds libFuzzer's coverage hooks.

PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
SAN      ?= 0
COV      ?= 0
FUZZ     ?= 0
CC       ?= cc
PKG_CONFIG ?= pkg-config
V        ?= 0

VERSION  := 0.1.0

ifeq ($(V),0)
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
else
Q :=
say = @true
endif

CORE_PKGS    := jansson libcurl libconfig sqlite3 libpq yajl
TUI_PKGS     := formw menuw panelw ncursesw
SANDBOX_PKGS := libmicrohttpd
TEST_PKGS    := cmocka

pkg_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pkg_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
           -Wno-unused-parameter
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O2 $(WARN) -Iinclude -MMD -MP \
           -DAFCQ_VERSION='"$(VERSION)"' -DAFCQ_DATADIR='"$(PREFIX)/share/afcq"' -pthread
ifeq ($(SAN),1)
BASE_CFLAGS += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDSAN := -fsanitize=address,undefined
endif
ifeq ($(FUZZ),1)
BASE_CFLAGS += -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
               -fno-sanitize-recover=undefined
LDSAN := -fsanitize=address,undefined
endif
ifeq ($(COV),1)
BASE_CFLAGS += --coverage
LDSAN += --coverage
endif
CFLAGS  ?=
LDFLAGS ?=

CORE_CFLAGS    = $(BASE_CFLAGS) $(call pkg_cflags,$(CORE_PKGS)) $(CFLAGS)
TUI_CFLAGS     = $(BASE_CFLAGS) $(call pkg_cflags,$(CORE_PKGS) $(TUI_PKGS)) -Isrc/tui $(CFLAGS)
CLI_CFLAGS     = $(BASE_CFLAGS) $(call pkg_cflags,$(CORE_PKGS)) -Isrc/cli -Isrc/tui $(CFLAGS)
SANDBOX_CFLAGS = $(BASE_CFLAGS) $(call pkg_cflags,$(CORE_PKGS) $(SANDBOX_PKGS)) -Isrc/sandbox $(CFLAGS)
TEST_CFLAGS    = $(BASE_CFLAGS) $(call pkg_cflags,$(CORE_PKGS) $(SANDBOX_PKGS) $(TEST_PKGS)) \
                 -Isrc/sandbox -Isrc/tui -Itests/unit $(CFLAGS) -Wno-missing-prototypes
FUZZ_CFLAGS    = $(BASE_CFLAGS) $(call pkg_cflags,$(CORE_PKGS) $(SANDBOX_PKGS)) -Isrc/sandbox \
                 -Itests/fuzz $(CFLAGS)

# libcurl and libpq are not linked: src/dl loads them when first needed
# (include/afcq/dl.h), by the names their packages' libraries answer to.
LAZY_PKGS    := libcurl libpq
soname = $(or $(shell f=$$($(PKG_CONFIG) --variable=libdir $(1) 2>/dev/null)/$(2).so; \
             objdump -p "$$(readlink -f "$$f")" 2>/dev/null | awk '$$1 == "SONAME" {print $$2}'),$(3))
CURL_SONAME := $(call soname,libcurl,libcurl,libcurl.so.4)
PQ_SONAME   := $(call soname,libpq,libpq,libpq.so.5)
# The other libraries are linked in from their archives where their -dev
# packages ship one (scripts/link-flags.sh says why); curses' form, menu and
# panel come before curses itself, as archives need.
link_libs    = $(shell sh scripts/link-flags.sh $(1) 2>/dev/null)
CORE_LIBS    = $(call link_libs,$(filter-out $(LAZY_PKGS),$(CORE_PKGS))) -ldl -lm -pthread
TUI_LIBS     = $(call link_libs,$(TUI_PKGS))
SANDBOX_LIBS = $(call pkg_libs,$(SANDBOX_PKGS))
# Tests also reach a PostgreSQL server and a proxy directly.
TEST_LIBS    = $(call pkg_libs,$(TEST_PKGS) $(LAZY_PKGS))

CORE_SRC    := $(sort $(wildcard src/core/*.c src/store/*.c src/stream/*.c src/dl/*.c))
CLI_SRC     := $(sort $(wildcard src/cli/*.c))
TUI_SRC     := $(sort $(wildcard src/tui/*.c))
SANDBOX_SRC := $(sort $(filter-out src/sandbox/main.c,$(wildcard src/sandbox/*.c)))
UNIT_SRC    := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HELPERS:= $(sort $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c)))
FUZZ_SRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_HELPERS:= $(sort $(filter-out $(FUZZ_SRC),$(wildcard tests/fuzz/*.c)))

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))

CORE_OBJ    := $(call obj,$(CORE_SRC))
CLI_OBJ     := $(call obj,$(CLI_SRC))
TUI_OBJ     := $(call obj,$(TUI_SRC))
SANDBOX_OBJ := $(call obj,$(SANDBOX_SRC))
SANDBOX_MAIN:= $(call obj,src/sandbox/main.c)
UNIT_HELPER_OBJ := $(call obj,$(UNIT_HELPERS))
UNIT_BIN    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
# Programs the shell tests run (tests/tools/NAME.c -> BUILD/tests/tools/afcq-NAME).
TOOL_BIN    := $(patsubst tests/tools/%.c,$(BUILD)/tests/tools/afcq-%,$(sort $(wildcard tests/tools/*.c)))
FUZZ_HELPER_OBJ := $(call obj,$(FUZZ_HELPERS))
FUZZ_BIN    := $(patsubst tests/fuzz/%.c,$(BUILD)/%,$(FUZZ_SRC))

LIBAFCQ     := $(BUILD)/libafcq.a
LIBSANDBOX  := $(BUILD)/libafcq-sandbox.a
AFCQ        := $(BUILD)/afcq
SANDBOX     := $(BUILD)/afcq-sandbox

.PHONY: all run test check unit-tests setup install uninstall clean core-purity bench loadtest \
        memcheck fuzz fuzz-targets
.SECONDARY:
.DEFAULT_GOAL := all

all: core-purity $(AFCQ) $(SANDBOX)

# The core never includes curses: a stray include fails the build.
core-purity:
	$(Q)if grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](n?curses|form|menu|panel)[a-z]*\.h' \
	    src/core/*.c src/store/*.c src/store/*.h src/stream/*.c src/dl/*.c include/afcq/*.h 2>/dev/null; then \
	    echo 'error: the core library must not include curses headers' >&2; exit 1; fi

setup:
	$(Q)sh scripts/setup.sh

run: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)./$(AFCQ) --sandbox

# The suite runs the sanitizer build; tests/cli/release_build.sh also runs
# the build users get (no sanitizer), which loads libraries differently
# (include/afcq/dl.h).
test: setup
	$(Q)$(MAKE) --no-print-directory BUILD=build/plain SAN=0 all
	$(Q)$(MAKE) --no-print-directory BUILD=build/san SAN=1 check

check: all unit-tests fuzz
	$(Q)BUILD_DIR=$(BUILD) sh tests/run.sh

unit-tests: $(UNIT_BIN) $(TOOL_BIN)

# The fuzz targets have a build tree of their own: everything compiled by
# clang with libFuzzer's hooks and both sanitizers.  tests/fuzz/targets.sh
# runs them (briefly in make test, for as long as you like by hand).
fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang FUZZ=1 SAN=0 COV=0 fuzz-targets

fuzz-targets: $(FUZZ_BIN)

# Benchmarks and the loopback load test measure; they are never part of make test.
bench:
	$(Q)sh bench/run.sh

loadtest: all
	$(Q)BUILD_DIR=$(BUILD) sh scripts/loadtest.sh

memcheck: all
	$(Q)BUILD_DIR=$(BUILD) sh scripts/memcheck.sh

$(LIBAFCQ): $(CORE_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(LIBSANDBOX): $(SANDBOX_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(AFCQ): $(CLI_OBJ) $(TUI_OBJ) $(LIBAFCQ)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDSAN) $(LDFLAGS) -o $@ $(CLI_OBJ) $(TUI_OBJ) $(LIBAFCQ) $(TUI_LIBS) $(CORE_LIBS)

$(SANDBOX): $(SANDBOX_MAIN) $(LIBSANDBOX) $(LIBAFCQ)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDSAN) $(LDFLAGS) -o $@ $(SANDBOX_MAIN) $(LIBSANDBOX) $(LIBAFCQ) $(SANDBOX_LIBS) $(CORE_LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(UNIT_HELPER_OBJ) $(LIBSANDBOX) $(LIBAFCQ)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDSAN) $(LDFLAGS) -o $@ $< $(UNIT_HELPER_OBJ) $(LIBSANDBOX) $(LIBAFCQ) \
	    $(TEST_LIBS) $(SANDBOX_LIBS) $(CORE_LIBS)

$(BUILD)/tests/tools/afcq-%: $(BUILD)/obj/tests/tools/%.o $(LIBAFCQ)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDSAN) $(LDFLAGS) -o $@ $< $(LIBAFCQ) $(SANDBOX_LIBS) $(CORE_LIBS) \
	    $(call pkg_libs,$(LAZY_PKGS))

$(BUILD)/obj/tests/tools/%.o: tests/tools/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(BUILD)/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(FUZZ_HELPER_OBJ) $(LIBSANDBOX) $(LIBAFCQ)
	$(call say,LD,$@)
	$(Q)$(CC) -fsanitize=fuzzer,address,undefined $(LDFLAGS) -o $@ $< $(FUZZ_HELPER_OBJ) \
	    $(LIBSANDBOX) $(LIBAFCQ) $(SANDBOX_LIBS) $(CORE_LIBS)

$(BUILD)/obj/src/core/%.o: src/core/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CORE_CFLAGS) -c -o $@ $<

$(BUILD)/obj/src/stream/%.o: src/stream/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CORE_CFLAGS) -c -o $@ $<

$(BUILD)/obj/src/dl/%.o: src/dl/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CORE_CFLAGS) -DAFCQ_CURL_SONAME='"$(CURL_SONAME)"' \
	    -DAFCQ_PQ_SONAME='"$(PQ_SONAME)"' -c -o $@ $<

$(BUILD)/obj/src/store/%.o: src/store/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CORE_CFLAGS) -Isrc/store -c -o $@ $<

$(BUILD)/obj/src/cli/%.o: src/cli/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CLI_CFLAGS) -c -o $@ $<

$(BUILD)/obj/src/tui/%.o: src/tui/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TUI_CFLAGS) -c -o $@ $<

$(BUILD)/obj/src/sandbox/%.o: src/sandbox/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(SANDBOX_CFLAGS) -c -o $@ $<

$(BUILD)/obj/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(BUILD)/obj/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/afcq/sandbox \
	    $(DESTDIR)$(PREFIX)/share/afcq/themes $(DESTDIR)$(PREFIX)/share/doc/afcq
	install -m 755 $(AFCQ) $(SANDBOX) $(DESTDIR)$(PREFIX)/bin/
	cp -R data/sandbox/. $(DESTDIR)$(PREFIX)/share/afcq/sandbox/
	install -m 644 themes/*.theme $(DESTDIR)$(PREFIX)/share/afcq/themes/
	install -m 644 README.md config.example $(DESTDIR)$(PREFIX)/share/doc/afcq/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 644 doc/afcq.1 doc/afcq-sandbox.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 doc/afcq.conf.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	    $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions
	./$(AFCQ) completion bash >$(DESTDIR)$(PREFIX)/share/bash-completion/completions/afcq
	./$(AFCQ) completion zsh >$(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_afcq

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/afcq $(DESTDIR)$(PREFIX)/bin/afcq-sandbox
	rm -rf $(DESTDIR)$(PREFIX)/share/afcq $(DESTDIR)$(PREFIX)/share/doc/afcq
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/afcq.1 $(DESTDIR)$(PREFIX)/share/man/man1/afcq-sandbox.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5/afcq.conf.5
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/afcq \
	    $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_afcq

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
