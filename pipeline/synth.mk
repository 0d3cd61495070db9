# synth: jb-synth writes the bundled snapshot fetch/snapshot/<TABLE>/ as CBS
# Atom responses (real 84799NED, real-valued WBK2022, synthetic 85099SYN,
# 85097SYN, 84134SYN and 45042SYN).
SYNTH_SOURCES := tests/cbs/synth_atom.c tests/cbs/synth_meta.c tests/cbs/synth_input.c \
	tests/cbs/synth_kwb.c tests/cbs/synth_wbk.c tests/cbs/synth_regions.c \
	tests/cbs/synth_youth_model.c tests/cbs/synth_youth_write.c tests/cbs/synth_cube.c \
	tests/cbs/synth_referrals.c tests/cbs/synth_ages.c tests/cbs/synth_spending.c
SYNTH_LIBS = $(shell pkg-config --libs gsl) $(LIB_CSV) $(LIB_INIH)
CONFIG ?= config/jeugdbench.ini
SNAPSHOT_SOURCES := $(wildcard fetch/snapshot/sources/*.csv)

$(eval $(call jb_program,jb-synth,tests/cbs/synth_main.c $(SYNTH_SOURCES),$(SYNTH_LIBS)))
$(eval $(call jb_unit_test,test-synth,tests/synth/test_synth.c $(SYNTH_SOURCES),$(SYNTH_LIBS)))
$(OBJ)/tests/synth/test_synth.o: CPPFLAGS += -Itests/cbs
CLI_TESTS += tests/synth/cli.sh

# make snapshot: regenerates the committed snapshot (default seed from the configuration)
.PHONY: snapshot
snapshot: $(BIN)/jb-synth $(SNAPSHOT_SOURCES) config/reorganisations.csv $(CONFIG)
	$(BIN)/jb-synth kerncijfers --sources fetch/snapshot/sources -o fetch/snapshot
	$(BIN)/jb-synth wijkbuurtkaart --sources fetch/snapshot/sources -o fetch/snapshot
	$(BIN)/jb-synth jeugdzorg -c $(CONFIG) --sources fetch/snapshot/sources -o fetch/snapshot
	$(BIN)/jb-synth verwijzers -c $(CONFIG) --sources fetch/snapshot/sources -o fetch/snapshot
	$(BIN)/jb-synth leeftijd -c $(CONFIG) --sources fetch/snapshot/sources -o fetch/snapshot
	$(BIN)/jb-synth lasten -c $(CONFIG) --sources fetch/snapshot/sources -o fetch/snapshot
