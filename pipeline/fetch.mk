# fetch/: jb-fetch downloads CBS OData tables into data/raw/<TABLE>/;
# tests/cbs/: jb-cbs-server plays CBS on 127.0.0.1 for the tests.
FETCH_SOURCES := fetch/fetch.c fetch/settings.c fetch/table_fetch.c fetch/chain.c fetch/engine.c \
	fetch/page_check.c fetch/wire.c fetch/retry.c fetch/url.c fetch/cache.c fetch/progress.c \
	fetch/response.c fetch/transport_local.c fetch/refresh.c fetch/filter.c fetch/workers.c \
	fetch/decode.c fetch/xml_library.c
# libxml2 is not linked: fetch/xml_library.c loads it on first use (dlopen,
# in libc itself since glibc 2.34: no -ldl)
FETCH_LIBS = $(shell pkg-config --libs libcurl zlib jansson) $(LIB_INIH) $(LIB_CSV) -lpthread

$(eval $(call jb_program,jb-fetch,fetch/main.c $(FETCH_SOURCES),$(FETCH_LIBS)))
$(eval $(call jb_unit_test,test-fetch,tests/fetch/test_fetch.c tests/cbs/server_faults.c tests/cbs/server_validators.c tests/cbs/server_packed.c $(FETCH_SOURCES),$(FETCH_LIBS)))

# the test server is a test program, not part of `make all`
CBS_SERVER_SOURCES := tests/cbs/server.c tests/cbs/server_faults.c tests/cbs/server_validators.c \
	tests/cbs/server_packed.c
CBS_SERVER_LIBS = $(shell pkg-config --libs libmicrohttpd zlib) -lpthread
$(BIN)/jb-cbs-server: $(patsubst %.c,$(OBJ)/%.o,$(CBS_SERVER_SOURCES)) $(LIBJB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBJB) $(CBS_SERVER_LIBS) -lm
TEST_PROGRAMS += $(BIN)/jb-cbs-server

CLI_TESTS += tests/fetch/cli.sh tests/fetch/parallel.sh tests/fetch/json.sh
