# binbridge - plain Makefile. `make` builds build/binbridge.
#   make test      unit + live tests (starts throwaway servers), then again under ASan+UBSan
#   make bench     benchmarks (bench/); BASELINE=REV: beside a build of commit REV
#   make fuzz      short libFuzzer run of the decoder entry points (clang)
#   make lint      warnings as errors, cppcheck-free checks we care about
#   make demo      throwaway MariaDB, sample workload, `binbridge dump` of it

CC      ?= cc
PKGS    := libmariadb hiredis libmongoc-1.0 libconfig zlib libzstd
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
ALLCFLAGS = $(WARN) -D_GNU_SOURCE $(CFLAGS) $(EXTRA_CFLAGS) $(shell pkg-config --cflags $(PKGS)) -Isrc -MMD -MP
LDLIBS  := $(shell pkg-config --libs $(PKGS)) -lm -lpthread

# SANITIZE=1 builds everything under build-asan/ with ASan+UBSan.
ifeq ($(SANITIZE),1)
BUILD   ?= build-asan
EXTRA_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
EXTRA_LDFLAGS += -fsanitize=address,undefined
OPT     := -O1
else
BUILD   ?= build
endif

LIB_SRC   := $(filter-out src/main.c src/cli_%.c,$(wildcard src/*.c)) $(wildcard sinks/*.c)
CLI_SRC   := src/main.c $(wildcard src/cli_*.c)
TEST_SRC  := $(wildcard tests/*.c)
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ  := $(TEST_SRC:%.c=$(BUILD)/%.o)

all: $(BUILD)/binbridge

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -c $< -o $@

$(BUILD)/libbinbridge.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/binbridge: $(CLI_OBJ) $(BUILD)/libbinbridge.a
	$(CC) $(EXTRA_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libbinbridge.a $(LDLIBS)

$(BUILD)/tests/run: $(TEST_OBJ) $(BUILD)/libbinbridge.a
	$(CC) $(EXTRA_LDFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libbinbridge.a $(LDLIBS) -lcriterion

tests: $(BUILD)/tests/run $(BUILD)/binbridge

# The whole suite on a fresh machine: deps, servers, plain build, ASan+UBSan
# build, short fuzz run (scripts/test.sh is the README's test command).
test:
	scripts/test.sh

check: tests
	scripts/run-tests.sh $(BUILD)

$(BUILD)/bench_decode: $(BUILD)/bench/bench_decode.o $(BUILD)/libbinbridge.a
	$(CC) $(EXTRA_LDFLAGS) -o $@ $< $(BUILD)/libbinbridge.a $(LDLIBS)

$(BUILD)/bench_lag: $(BUILD)/bench/bench_lag.o
	$(CC) $(EXTRA_LDFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/bench_mongo_upsert: $(BUILD)/bench/bench_mongo_upsert.o $(BUILD)/libbinbridge.a
	$(CC) $(EXTRA_LDFLAGS) -o $@ $< $(BUILD)/libbinbridge.a $(LDLIBS)

# BASELINE=REV: also a baseline build of commit REV, beside this one (bench/run.sh).
bench: all $(BUILD)/bench_decode $(BUILD)/bench_lag $(BUILD)/bench_mongo_upsert
	$(if $(BASELINE),BB_BENCH_BASELINE='$(BASELINE)') bench/run.sh

FUZZ_SRC := $(LIB_SRC)
fuzz:
	@mkdir -p build-fuzz
	clang $(WARN) -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined $(shell pkg-config --cflags $(PKGS)) -Isrc \
	    tests/fuzz/fuzz_decode.c $(FUZZ_SRC) -o build-fuzz/fuzz_decode $(LDLIBS)
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

.PHONY: all tests test check bench fuzz lint demo clean clean-objs

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/bench/bench_decode.d $(BUILD)/bench/bench_lag.d \
    $(BUILD)/bench/bench_mongo_upsert.d
