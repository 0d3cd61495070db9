build/obj/lib/text.o: lib/text.c lib/text.h
lib/text.h:
