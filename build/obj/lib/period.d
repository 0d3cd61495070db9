build/obj/lib/period.o: lib/period.c lib/period.h
lib/period.h:
