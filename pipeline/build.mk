# Compiler settings, the package check, and how a program is linked.
CC := gcc
BIN ?= bin
OBJ ?= build/obj
SANITIZE ?=
TESTBIN = $(OBJ)/tests
PKGS := libcurl libxml-2.0 gsl inih zlib libmicrohttpd check

# recursive (=) so that pkg-config runs after install-deps has run
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
CFLAGS := -std=c17 -O2 -g $(WARN)
ifneq ($(SANITIZE),)
CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS := -fsanitize=address,undefined
endif
CPPFLAGS = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -Ilib $(PKG_CFLAGS) -MMD -MP

DEPS_STAMP := build/deps.stamp
$(DEPS_STAMP): pipeline/install-deps pipeline/deps.txt
	pipeline/install-deps
	@mkdir -p $(@D) && touch $@

# packages only make check (deps-test.txt) or make fuzz/bench (deps-dev.txt) need
TEST_DEPS_STAMP := build/test-deps.stamp
$(TEST_DEPS_STAMP): pipeline/install-deps pipeline/deps-test.txt
	pipeline/install-deps pipeline/deps-test.txt
	@mkdir -p $(@D) && touch $@

DEV_DEPS_STAMP := build/dev-deps.stamp
$(DEV_DEPS_STAMP): pipeline/install-deps pipeline/deps-dev.txt
	pipeline/install-deps pipeline/deps-dev.txt
	@mkdir -p $(@D) && touch $@

$(OBJ)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# $(call jb_program,NAME,SOURCES,LIBRARIES): bin/NAME from SOURCES and libjb.
define jb_program
$(BIN)/$(1): $(patsubst %.c,$(OBJ)/%.o,$(2)) $(LIBJB)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) -o $$@ $$(filter %.o,$$^) $(LIBJB) $(3) -lm
PROGRAMS += $(BIN)/$(1)
endef

-include $(shell find build -name '*.d' 2>/dev/null)

# $(call jb_unit_test,NAME,SOURCES,LIBRARIES): a Check test binary in $(TESTBIN).
define jb_unit_test
$(TESTBIN)/$(1): $(patsubst %.c,$(OBJ)/%.o,$(2)) $(LIBJB)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS) -o $$@ $$(filter %.o,$$^) $(LIBJB) $(3) $$(CHECK_LIBS) -lm
UNIT_TESTS += $(TESTBIN)/$(1)
endef
