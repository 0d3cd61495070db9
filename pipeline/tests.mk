# Tests: Check unit tests per stage and command-line tests (tests/*/*.sh).
# Stage fragments add to UNIT_TESTS (via jb_unit_test) and CLI_TESTS.
CHECK_LIBS = $(shell pkg-config --libs check)
JB_TEST_TMP ?= $(CURDIR)/build/test-tmp

UNIT_TESTS += $(TESTBIN)/test-lib
$(TESTBIN)/test-lib: $(OBJ)/tests/lib/test_lib.o $(LIBJB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBJB) $(LIB_INIH) $(LIB_CSV) $(CHECK_LIBS) -lm
CLI_TESTS += tests/lib/config.sh tests/pipeline/make.sh tests/pipeline/monthly.sh tests/pipeline/security.sh \
	tests/pipeline/install.sh

.PHONY: check test
# make check: everything under AddressSanitizer and UBSan, in its own build tree
check: $(DEPS_STAMP) $(TEST_DEPS_STAMP)
	+$(MAKE) SANITIZE=1 BIN=build/san/bin OBJ=build/san/obj test

test: $(PROGRAMS) $(UNIT_TESTS) $(TEST_PROGRAMS)
	@mkdir -p $(JB_TEST_TMP)
	BIN=$(BIN) JB_TEST_TMP=$(JB_TEST_TMP) ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1 tests/run $(UNIT_TESTS) $(CLI_TESTS)

.PHONY: valgrind
# make valgrind: the default pipeline, every program under valgrind, zero errors and leaks
VALGRIND_CMD := valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
	--suppressions=$(CURDIR)/tests/valgrind.supp \
	--errors-for-leak-kinds=all
valgrind: programs $(DEV_DEPS_STAMP)
	rm -rf build/valgrind
	+$(MAKE) --no-print-directory benchmark DATA=build/valgrind/data \
		REPORTS=build/valgrind/reports VALGRIND='$(VALGRIND_CMD)'
	@echo "valgrind: no errors, no leaks"
