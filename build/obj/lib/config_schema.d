build/obj/lib/config_schema.o: lib/config_schema.c lib/config.h
lib/config.h:
