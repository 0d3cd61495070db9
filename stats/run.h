/* jb-stats as a function: configuration and tidy files in, benchmark.csv out. */
#ifndef JB_STATS_RUN_H
#define JB_STATS_RUN_H

#include "benchmark.h"
#include "config.h"

/* Reads [stats] confidence and funnel_levels; -1 with file:line when bad. */
int stats_settings_read(const struct jb_config *config, struct stats_settings *settings);

/* The whole run; returns an exit status (JB_EXIT_*). */
int stats_run(const char *config_path, const char *tidy_dir, const char *output_path);

#endif
