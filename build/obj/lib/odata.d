build/obj/lib/odata.o: lib/odata.c lib/odata.h lib/xalloc.h
lib/odata.h:
lib/xalloc.h:
