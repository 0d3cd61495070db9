build/obj/lib/atomic.o: lib/atomic.c lib/atomic.h lib/msg.h lib/xalloc.h
lib/atomic.h:
lib/msg.h:
lib/xalloc.h:
