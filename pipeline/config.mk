# config/: jb-config checks the configuration and lists its tables for make.
$(eval $(call jb_program,jb-config,config/main.c,$(LIB_INIH)))
