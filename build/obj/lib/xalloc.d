build/obj/lib/xalloc.o: lib/xalloc.c lib/xalloc.h lib/exitcode.h \
 lib/msg.h
lib/xalloc.h:
lib/exitcode.h:
lib/msg.h:
