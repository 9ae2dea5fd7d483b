# Read after a baseline tree's own Makefile by bench/baseline.sh: the
# current tree's bench_decode.c (BENCH_DECODE_C, an absolute path) built
# with the baseline's flags, headers (-Isrc) and library. If it fails to
# build, the current harness does not fit the baseline's API.
$(BUILD)/current-harness/bench_decode: $(BENCH_DECODE_C) $(BUILD)/libbinbridge.a
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -MMD -MP,$(ALLCFLAGS)) $(EXTRA_LDFLAGS) -o $@ $< $(BUILD)/libbinbridge.a $(LDLIBS)
