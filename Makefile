# binbridge - plain Makefile. `make` builds build/binbridge.
#   make test      unit + live tests (starts throwaway servers), then again under ASan+UBSan
#   make bench     benchmarks (bench/); BASELINE=REV: beside a build of commit REV
#   make fuzz      short libFuzzer run of the decoder entry points (clang)
#   make lint      warnings as errors, cppcheck-free checks we care about
#   make demo      throwaway MariaDB, sample workload, `binbridge dump` of it
#   make install   PREFIX=/usr/local, DESTDIR: binbridge, binbridge.h, libbinbridge.a, binbridge.pc
#   make check-install  the README's library example built against an install, with pkg-config
#   make test-container docker/Dockerfile built with Podman and run against the test servers (root)

CC      ?= cc
# The reader library needs only these; the bridge and the sinks add the rest.
# openssl: the TLS sessions of Connector/C's connections (how much they
# hold decrypted, source_server.c).
READER_PKGS := libmariadb zlib libzstd openssl
PKGS    := $(READER_PKGS) hiredis libmongoc-1.0 libconfig libmicrohttpd
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
# Includes name their folder: "base/buf.h" (src/), "sinks/sink.h" (.).
# PKG_CFLAGS is the reader's own for the reader's objects (below), so that
# nothing of the reader can include a header of hiredis, libmongoc or
# libconfig.
READER_PKG_CFLAGS := $(shell pkg-config --cflags $(READER_PKGS))
PKG_CFLAGS = $(ALL_PKG_CFLAGS)
ALL_PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
ALLCFLAGS = $(WARN) -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 $(CFLAGS) $(EXTRA_CFLAGS) -Isrc -I. $(PKG_CFLAGS) -MMD -MP
READER_LDLIBS := $(shell pkg-config --libs $(READER_PKGS)) -lm
LDLIBS  := $(shell pkg-config --libs $(PKGS)) -lm -lpthread

# The version is written once, in binbridge.h (BB_VERSION_MAJOR, _MINOR,
# _PATCH); binbridge.pc takes it from there.
VERSION := $(shell awk '$$2 ~ /^BB_VERSION_(MAJOR|MINOR|PATCH)$$/ { v[$$2] = $$3 } \
    END { print v["BB_VERSION_MAJOR"] "." v["BB_VERSION_MINOR"] "." v["BB_VERSION_PATCH"] }' src/binbridge.h)
ifneq ($(words $(subst ., ,$(VERSION))),3)
$(error cannot read the version from src/binbridge.h (got '$(VERSION)'))
endif
# `binbridge --version` names the libraries of the build and their
# versions (cli.c).
BUILT_WITH := $(shell for p in $(PKGS); do printf '%s%s %s' "$$sep" "$$p" "$$(pkg-config --modversion $$p)"; sep=', '; done)

# SANITIZE=1 builds everything under build-asan/ with ASan+UBSan.
ifeq ($(SANITIZE),1)
BUILD   ?= build-asan
EXTRA_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
EXTRA_LDFLAGS += -fsanitize=address,undefined
OPT     := -O1
else
BUILD   ?= build
endif

# Layers, bottom up (src/README.md): the reader library is what
# binbridge.h's API needs; the bridge library the rest, but the CLI.
READER_DIRS := src/base src/mysql src/binlog src/values
READER_SRC  := $(foreach d,$(READER_DIRS),$(wildcard $(d)/*.c))
BRIDGE_DIRS := src/snapshot src/mapping sinks sinks/redis sinks/mongo src/bridge src/service
BRIDGE_SRC  := $(foreach d,$(BRIDGE_DIRS),$(wildcard $(d)/*.c))
CLI_SRC     := $(wildcard src/cli/*.c)
# tests/ mirrors src/ and sinks/; tests/fuzz is make fuzz's.
TEST_SRC    := $(filter-out tests/fuzz/%,$(wildcard tests/*.c tests/*/*.c tests/*/*/*.c))
READER_OBJ  := $(READER_SRC:%.c=$(BUILD)/%.o)
BRIDGE_OBJ  := $(BRIDGE_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ     := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ    := $(TEST_SRC:%.c=$(BUILD)/%.o)
LIBS        := $(BUILD)/libbinbridge-bridge.a $(BUILD)/libbinbridge.a

$(READER_OBJ): PKG_CFLAGS = $(READER_PKG_CFLAGS)
$(BUILD)/src/cli/cli.o: ALLCFLAGS += -DBB_BUILT_WITH='"$(BUILT_WITH)"'

all: $(BUILD)/binbridge

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -c $< -o $@

# The reader: links with libmariadb, zlib and libzstd alone.
$(BUILD)/libbinbridge.a: $(READER_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The bridge: snapshot, mapping, sinks, the replication loop and the HTTP
# listener of its metrics (on top of the reader).
$(BUILD)/libbinbridge-bridge.a: $(BRIDGE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/binbridge: $(CLI_OBJ) $(LIBS)
	$(CC) $(EXTRA_LDFLAGS) -o $@ $(CLI_OBJ) $(LIBS) $(LDLIBS)

$(BUILD)/tests/run: $(TEST_OBJ) $(LIBS)
	$(CC) $(EXTRA_LDFLAGS) -o $@ $(TEST_OBJ) $(LIBS) $(LDLIBS) -lcriterion

tests: $(BUILD)/tests/run $(BUILD)/binbridge

# The whole suite on a fresh machine: deps, servers, plain build, ASan+UBSan
# build, short fuzz run (scripts/test.sh is the README's test command).
test:
	scripts/test.sh

check: tests
	scripts/run-tests.sh $(BUILD)

# make install [PREFIX=/usr/local] [DESTDIR=]: the command, the reader
# library as C libraries are installed (the header, the static archive and
# binbridge.pc, so that `pkg-config --cflags --static --libs binbridge`
# compiles and links a program), nothing of the bridge. binbridge.h
# includes no other header of ours; if it ever does, install those too.
PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
INCLUDEDIR   ?= $(PREFIX)/include
LIBDIR       ?= $(PREFIX)/lib
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL      ?= install
# binbridge.pc's directories, relative to ${prefix} where they are under it
# (as pkg-config files write them).
pc_dir = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

# binbridge.pc is written where it goes (an install as root writes nothing
# into the build directory).
install: $(BUILD)/binbridge $(BUILD)/libbinbridge.a
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(INCLUDEDIR)' '$(DESTDIR)$(LIBDIR)' \
	    '$(DESTDIR)$(PKGCONFIGDIR)'
	$(INSTALL) -m 755 $(BUILD)/binbridge '$(DESTDIR)$(BINDIR)/binbridge'
	$(INSTALL) -m 644 src/binbridge.h '$(DESTDIR)$(INCLUDEDIR)/binbridge.h'
	$(INSTALL) -m 644 $(BUILD)/libbinbridge.a '$(DESTDIR)$(LIBDIR)/libbinbridge.a'
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@INCLUDEDIR@|$(call pc_dir,$(INCLUDEDIR))|' \
	    -e 's|@LIBDIR@|$(call pc_dir,$(LIBDIR))|' -e 's|@VERSION@|$(VERSION)|' \
	    src/binbridge.pc.in > '$(DESTDIR)$(PKGCONFIGDIR)/binbridge.pc'
	chmod 644 '$(DESTDIR)$(PKGCONFIGDIR)/binbridge.pc'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/binbridge' '$(DESTDIR)$(INCLUDEDIR)/binbridge.h' \
	    '$(DESTDIR)$(LIBDIR)/libbinbridge.a' '$(DESTDIR)$(PKGCONFIGDIR)/binbridge.pc'

# An install into a temporary directory, and the README's library example
# built against it with pkg-config alone, then run (scripts/test.sh runs it).
check-install: $(BUILD)/binbridge $(BUILD)/libbinbridge.a
	MAKE='$(MAKE)' CC='$(CC)' tests/install/test_install.sh $(BUILD)

# The image of docker/Dockerfile built with Podman and run against the test
# servers: replication, health, podman stop/start, dump as PID 1, and
# docker/compose.yml checked (scripts/test.sh runs it; as root).
test-container:
	tests/container/test_container.sh

# The reader alone, and only its libraries: proof that it needs no more.
$(BUILD)/bench/bench_decode.o: PKG_CFLAGS = $(READER_PKG_CFLAGS)
$(BUILD)/bench_decode: $(BUILD)/bench/bench_decode.o $(BUILD)/libbinbridge.a
	$(CC) $(EXTRA_LDFLAGS) -o $@ $< $(BUILD)/libbinbridge.a $(READER_LDLIBS)

$(BUILD)/bench_lag: $(BUILD)/bench/bench_lag.o
	$(CC) $(EXTRA_LDFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/bench_mongo_upsert: $(BUILD)/bench/bench_mongo_upsert.o $(LIBS)
	$(CC) $(EXTRA_LDFLAGS) -o $@ $< $(LIBS) $(LDLIBS)

# BASELINE=REV: also a baseline build of commit REV, beside this one (bench/run.sh).
bench: all $(BUILD)/bench_decode $(BUILD)/bench_lag $(BUILD)/bench_mongo_upsert
	$(if $(BASELINE),BB_BENCH_BASELINE='$(BASELINE)') bench/run.sh

# The decoder entry points are the reader's: its sources and libraries.
FUZZ_SRC := $(READER_SRC)
fuzz:
	@mkdir -p build-fuzz
	clang $(WARN) -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -O1 -g -fsanitize=fuzzer,address,undefined -Isrc -I. \
	    $(READER_PKG_CFLAGS) \
	    tests/fuzz/fuzz_decode.c $(FUZZ_SRC) -o build-fuzz/fuzz_decode $(READER_LDLIBS)
	scripts/fuzz.sh build-fuzz/fuzz_decode $(FUZZ_SECONDS)

# Warnings as errors with gcc and clang, in build dirs of their own so a
# lint never disturbs build/ or build-asan/.
lint:
	$(MAKE) BUILD=build-lint EXTRA_CFLAGS=-Werror tests
	$(MAKE) BUILD=build-lint-clang CC=clang EXTRA_CFLAGS=-Werror tests

demo:
	scripts/demo.sh

clean-objs:
	rm -rf $(BUILD)/src $(BUILD)/sinks $(BUILD)/tests

clean:
	rm -rf build build-asan build-fuzz build-lint build-lint-clang

.PHONY: all tests test check bench fuzz lint demo clean clean-objs install uninstall check-install \
    test-container

-include $(READER_OBJ:.o=.d) $(BRIDGE_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/bench/bench_decode.d $(BUILD)/bench/bench_lag.d \
    $(BUILD)/bench/bench_mongo_upsert.d
