# fuzz: libFuzzer targets (clang) for the Atom feed reader, the CSV reader and
# the config reader.  `make fuzz` runs each for FUZZ_SECONDS and fails on a
# crash; it is not part of `make check`.  Crash inputs that were fixed are kept
# in tests/fuzz/regressions/<target>/ and replayed by tests/fuzz/cli.sh (gcc
# builds of the same targets, $(BIN)/jb-fuzz-<target>).
FUZZ_TARGETS := atom csv config
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_DIR := build/fuzz
FUZZ_CFLAGS := -std=c17 -g -O1 -fno-omit-frame-pointer $(WARN) \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined

FUZZ_SOURCES_atom := tests/fuzz/fuzz_atom.c transform/atom_sax.c
FUZZ_SOURCES_csv := tests/fuzz/fuzz_csv.c
FUZZ_SOURCES_config := tests/fuzz/fuzz_config.c
FUZZ_LIBS_atom = $(shell pkg-config --libs libxml-2.0)
FUZZ_LIBS_csv = $(LIB_CSV)
FUZZ_LIBS_config = $(LIB_INIH) $(LIB_CSV)

$(FUZZ_DIR)/obj/%.o: %.c | $(DEPS_STAMP) $(DEV_DEPS_STAMP)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

FUZZ_LIBJB := $(FUZZ_DIR)/libjb.a
$(FUZZ_LIBJB): $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(LIBJB_SOURCES))
	rm -f $@ && ar rcs $@ $^

# $(call jb_fuzz_target,TARGET): the libFuzzer binary and the gcc replay program
define jb_fuzz_target
$(FUZZ_DIR)/fuzz-$(1): $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(FUZZ_SOURCES_$(1))) $(FUZZ_LIBJB)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(FUZZ_LIBJB) $$(FUZZ_LIBS_$(1)) -lm
$(eval $(call jb_program,jb-fuzz-$(1),tests/fuzz/replay.c $(FUZZ_SOURCES_$(1)),$$(FUZZ_LIBS_$(1))))
TEST_PROGRAMS += $(BIN)/jb-fuzz-$(1)
endef
$(foreach target,$(FUZZ_TARGETS),$(eval $(call jb_fuzz_target,$(target))))
# the replay programs are test tools, not pipeline programs
PROGRAMS := $(filter-out $(BIN)/jb-fuzz-%,$(PROGRAMS))
CLI_TESTS += tests/fuzz/cli.sh

.PHONY: fuzz fuzz-build
fuzz-build: $(patsubst %,$(FUZZ_DIR)/fuzz-%,$(FUZZ_TARGETS))

# New inputs go to build/fuzz/corpus/<target>; the seeds in tests/fuzz/corpus stay as committed.
fuzz: fuzz-build
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$target $(FUZZ_DIR)/crashes || exit 1; \
		echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
		$(FUZZ_DIR)/fuzz-$$target -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/crashes/$$target- \
			$(FUZZ_DIR)/corpus/$$target tests/fuzz/corpus/$$target \
			>$(FUZZ_DIR)/$$target.log 2>&1 || { \
			tail -n 40 $(FUZZ_DIR)/$$target.log; \
			echo "fuzz: $$target crashed; the input is in $(FUZZ_DIR)/crashes/ (copy it to tests/fuzz/regressions/$$target/ once fixed)"; \
			exit 1; }; \
		grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' $(FUZZ_DIR)/$$target.log | sed "s/^/fuzz: $$target /"; \
	done
	@echo "fuzz: no crash in $(FUZZ_TARGETS)"
