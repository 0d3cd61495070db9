build/obj/config/main.o: config/main.c lib/config.h lib/exitcode.h \
 lib/msg.h
lib/config.h:
lib/exitcode.h:
lib/msg.h:
