# lib/: code shared by every stage, built once as libjb.a.
LIBJB_SOURCES := $(wildcard lib/*.c)
LIBJB := $(OBJ)/libjb.a

$(LIBJB): $(patsubst %.c,$(OBJ)/%.o,$(LIBJB_SOURCES))
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

LIB_INIH = $(shell pkg-config --libs inih)
LIB_CSV := -lcsv
