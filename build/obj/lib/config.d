build/obj/lib/config.o: lib/config.c lib/config.h lib/msg.h lib/xalloc.h
lib/config.h:
lib/msg.h:
lib/xalloc.h:
