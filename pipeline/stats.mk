# stats/: jb-stats computes data/stats/benchmark.csv from the tidy tables with GSL.
STATS_SOURCES := stats/parallel.c stats/sort.c stats/wilson.c stats/funnel.c stats/reference.c stats/poisson.c \
	stats/overdispersion.c stats/change.c stats/shrinkage.c stats/benchmark.c \
	stats/ranks.c stats/benchmark_eb.c stats/trend.c stats/benchmark_trend.c \
	stats/covariates.c stats/nearest.c stats/context.c stats/peers_write.c \
	stats/benchmark_peers.c stats/glm.c stats/benchmark_model.c stats/strings.c stats/tidy_csv.c stats/tidy_csv_thread.c stats/tidy_table.c stats/composition.c \
	stats/indicator_load.c stats/benchmark_write.c stats/run.c
LIB_GSL = $(shell pkg-config --libs gsl) -lpthread

$(eval $(call jb_program,jb-stats,stats/main.c $(STATS_SOURCES),$(LIB_GSL) $(LIB_CSV) $(LIB_INIH)))
$(eval $(call jb_unit_test,test-stats,tests/stats/test_stats.c $(STATS_SOURCES),$(LIB_GSL) $(LIB_CSV) $(LIB_INIH)))
CLI_TESTS += tests/stats/cli.sh
$(OBJ)/tests/stats/%.o: CPPFLAGS += -Istats
