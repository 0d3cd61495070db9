/* data/tidy/<TABLE>.csv and .info.csv -> the units of one indicator. */
#ifndef JB_STATS_INDICATOR_LOAD_H
#define JB_STATS_INDICATOR_LOAD_H

#include "benchmark.h"
#include "tidy_table.h"

/*
 * Reads the tidy file (stats_tidy_table_load) and keeps the municipalities' (GM) rows of the
 * indicator's measures, and for a published rate the national (NL) value.
 * Fills indicator->units (sorted by period, region_code) and nationals.
 * Returns JB_EXIT_OK, JB_EXIT_NOINPUT (file missing) or JB_EXIT_DATAERR
 * (malformed file, measure not resolved, numerator above denominator).
 */
int stats_indicator_load(const char *tidy_path, const struct stats_measures *measures,
			 struct stats_indicator *indicator);

/*
 * The source column from the info file: "synthetic" when synthetic = yes,
 * else origin.  *source is origin or a static string.  Returns JB_EXIT_OK,
 * JB_EXIT_NOINPUT or JB_EXIT_DATAERR.
 */
int stats_info_source(const char *info_path, const char *origin, const char **source);

#endif
