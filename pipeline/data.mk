# The data flow: snapshot or CBS -> raw -> tidy -> stats -> report.
# Every output depends on its inputs, its program and the configuration.
CONFIG ?= config/jeugdbench.ini
SNAPSHOT ?= fetch/snapshot
DATA ?= data
REPORTS ?= reports
RAW := $(DATA)/raw
TIDY := $(DATA)/tidy
BENCHMARK := $(DATA)/stats/benchmark.csv
REPORT := $(REPORTS)/latest/index.html

# The table identifiers, from the checked configuration (never parsed by the shell).
TABLES_MK := $(DATA)/.tables.mk
$(TABLES_MK): $(CONFIG) $(BIN)/jb-config
	@mkdir -p $(@D)
	$(BIN)/jb-config -c $(CONFIG) check
	$(BIN)/jb-config -c $(CONFIG) tables | sed 's/^/TABLES += /' >$@.tmp
	mv $@.tmp $@
ifeq ($(filter clean distclean help install-deps check test valgrind bench fuzz,$(MAKECMDGOALS)),)
include $(TABLES_MK)
endif

TIDY_FILES := $(patsubst %,$(TIDY)/%.csv,$(TABLES))

# raw manifests and info files are made by pattern rules: keep them
.SECONDARY:
# every program writes atomically: make must never delete what it replaced
# (a report switched into latest, a benchmark whose side file failed)
.PRECIOUS: $(REPORT) $(BENCHMARK) $(DATA)/stats/%.csv $(TIDY)/%.csv $(RAW)/%/manifest.csv
.SECONDEXPANSION:
# offline: jb-fetch reads the bundled snapshot (explicit local mode, no network)
$(RAW)/%/manifest.csv: $$(wildcard $(SNAPSHOT)/%/*.xml) $(BIN)/jb-fetch $(CONFIG)
	$(VALGRIND) $(BIN)/jb-fetch -q -c $(CONFIG) -o $(RAW) --local $(SNAPSHOT) $*

$(TIDY)/%.csv $(TIDY)/%.info.csv: $(RAW)/%/manifest.csv $(BIN)/jb-transform $(CONFIG) \
		config/reorganisations.csv
	$(VALGRIND) $(BIN)/jb-transform -c $(CONFIG) -o $(TIDY)/$*.csv $(RAW)/$*

# jb-stats writes peers.csv and models.csv beside benchmark.csv
$(BENCHMARK) $(DATA)/stats/peers.csv $(DATA)/stats/models.csv &: $(TIDY_FILES) $(BIN)/jb-stats $(CONFIG)
	$(VALGRIND) $(BIN)/jb-stats -c $(CONFIG) --tidy $(TIDY) -o $(BENCHMARK)

$(REPORT): $(BENCHMARK) $(BIN)/jb-report $(CONFIG) $(wildcard out/boundaries/*.geojson)
	$(VALGRIND) $(BIN)/jb-report -c $(CONFIG) --benchmark $(BENCHMARK) --tidy $(TIDY) -o $(REPORTS)

# One phony target per stage, so that pipeline/monthly can time each.
.PHONY: benchmark raw tidy stats report fetch-live refresh install-deps
benchmark: $(REPORT)
raw: $(patsubst %,$(RAW)/%/manifest.csv,$(TABLES))
tidy: $(TIDY_FILES)
stats: $(BENCHMARK)
report: $(REPORT)

install-deps:
	pipeline/install-deps

# fetch-live: tables of origin cbs from CBS (or CBS_BASE); the others stay the
# snapshot's.  jb-fetch itself keeps tables that did not change upstream.
CBS_BASE ?=
fetch-live: $(BIN)/jb-fetch $(BIN)/jb-config
	$(BIN)/jb-config -c $(CONFIG) check
	$(BIN)/jb-fetch $(FETCH_FLAGS) -c $(CONFIG) -o $(RAW) \
		$(if $(CBS_BASE),--base '$(subst ','\'',$(CBS_BASE))') \
		$$($(BIN)/jb-config -c $(CONFIG) tables cbs)

refresh: fetch-live
	+$(MAKE) --no-print-directory benchmark
	@echo "report: $(abspath $(REPORT))"
