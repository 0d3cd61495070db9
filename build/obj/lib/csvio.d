build/obj/lib/csvio.o: lib/csvio.c lib/csvio.h lib/msg.h lib/xalloc.h
lib/csvio.h:
lib/msg.h:
lib/xalloc.h:
