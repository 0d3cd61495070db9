# Tests: Check unit tests per stage and command-line tests (tests/*/*.sh).
# Stage fragments add to UNIT_TESTS (via jb_unit_test) and CLI_TESTS.
TESTBIN = $(OBJ)/tests
CHECK_LIBS = $(shell pkg-config --libs check)
JB_TEST_TMP ?= $(CURDIR)/build/test-tmp

UNIT_TESTS += $(TESTBIN)/test-lib
$(TESTBIN)/test-lib: $(OBJ)/tests/lib/test_lib.o $(LIBJB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBJB) $(LIB_INIH) $(LIB_CSV) $(CHECK_LIBS) -lm
CLI_TESTS += tests/lib/config.sh

.PHONY: check test
# make check: everything under AddressSanitizer and UBSan, in its own build tree
check:
	+$(MAKE) SANITIZE=1 BIN=build/san/bin OBJ=build/san/obj test

test: $(PROGRAMS) $(UNIT_TESTS) $(TEST_PROGRAMS)
	@mkdir -p $(JB_TEST_TMP)
	BIN=$(BIN) JB_TEST_TMP=$(JB_TEST_TMP) ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1 tests/run $(UNIT_TESTS) $(CLI_TESTS)
