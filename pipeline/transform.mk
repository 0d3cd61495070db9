# transform: jb-transform turns a raw table folder into data/tidy/<TABLE>.csv.
TRANSFORM_SOURCES := transform/atom_sax.c transform/json_page.c transform/metadata.c transform/metadata_v4.c \
	transform/observations.c transform/pages.c \
	transform/reorganisations.c transform/harmonise.c \
	transform/tidy_write.c transform/transform.c
TRANSFORM_LIBS = $(shell pkg-config --libs libxml-2.0 jansson) $(LIB_CSV) $(LIB_INIH)

# TESTBIN is set in tests.mk, which is included after this fragment
TESTBIN ?= $(OBJ)/tests

$(eval $(call jb_program,jb-transform,transform/main.c $(TRANSFORM_SOURCES),$(TRANSFORM_LIBS)))
$(eval $(call jb_unit_test,test-transform,tests/transform/test_transform.c $(TRANSFORM_SOURCES),$(TRANSFORM_LIBS)))
CLI_TESTS += tests/transform/cli.sh tests/transform/regions.sh
