/* data/stats/benchmark.csv: the header and the rows of one indicator. */
#ifndef JB_STATS_BENCHMARK_WRITE_H
#define JB_STATS_BENCHMARK_WRITE_H

#include <stddef.h>
#include <stdio.h>

#include "benchmark.h"

/* Decimals of every number written (--decimals; default 6). */
extern int stats_decimals;

/* Fixed 6 decimals with trailing zeros dropped ("12.5", "0.333333", "40"); -1 when not finite. */
int stats_format_number(double value, char *text, size_t size);
/* Returns JB_EXIT_OK or JB_EXIT_IOERR. */
int stats_write_header(FILE *fp, const char *path);
/* Returns JB_EXIT_OK, JB_EXIT_IOERR, or JB_EXIT_SOFTWARE for a number that is not finite. */
int stats_write_indicator(FILE *fp, const char *path, const struct stats_indicator *indicator);

/* data/stats/models.csv: header and the model rows of one indicator; JB_EXIT_OK or JB_EXIT_IOERR. */
int stats_write_models_header(FILE *fp, const char *path);
int stats_write_models(FILE *fp, const char *path, const struct stats_indicator *indicator);

#endif
