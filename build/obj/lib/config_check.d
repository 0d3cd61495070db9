build/obj/lib/config_check.o: lib/config_check.c lib/config.h lib/msg.h \
 lib/odata.h lib/period.h lib/xalloc.h
lib/config.h:
lib/msg.h:
lib/odata.h:
lib/period.h:
lib/xalloc.h:
