/*
 * The report's inputs in memory: benchmark.csv rows grouped per indicator
 * (config order) for the newest period, the tables' info files, and what
 * the pages say about the run.
 */
#ifndef JB_OUT_REPORT_H
#define JB_OUT_REPORT_H

#include <stddef.h>

#include "config.h"

struct jb_map;
struct jb_mix_set;
struct jb_stats_extra;
struct jb_target_set;

/* The columns of data/stats/benchmark.csv this program reads. */
enum jb_bench_column {
	BENCH_INDICATOR, BENCH_INDICATOR_TITLE, BENCH_PERIOD, BENCH_PERIOD_STATUS,
	BENCH_REGION_CODE, BENCH_REGION_NAME, BENCH_NUMERATOR, BENCH_DENOMINATOR,
	BENCH_VALUE, BENCH_CI_LOW, BENCH_CI_HIGH, BENCH_NATIONAL, BENCH_Q1,
	BENCH_MEDIAN, BENCH_Q3, BENCH_Z, BENCH_LIMIT95_LOW, BENCH_LIMIT95_HIGH,
	BENCH_LIMIT998_LOW, BENCH_LIMIT998_HIGH, BENCH_FLAG95, BENCH_FLAG998,
	BENCH_STATUS, BENCH_SOURCE,
	/* optional columns added by later versions of jb-stats: empty when absent */
	BENCH_CHANGE, BENCH_CHANGE_LOW, BENCH_CHANGE_HIGH, BENCH_CHANGE_FLAG,
	BENCH_EB_VALUE, BENCH_EB_LOW, BENCH_EB_HIGH, BENCH_RANK, BENCH_RANK_LOW,
	BENCH_RANK_HIGH, BENCH_TREND_SLOPE, BENCH_TREND_LOW, BENCH_TREND_HIGH,
	BENCH_TREND_FLAG, BENCH_PEER_VALUE, BENCH_PEER_FLAG, BENCH_EXPECTED,
	BENCH_OE_RATIO, BENCH_OE_LOW, BENCH_OE_HIGH, BENCH_OE_FLAG, BENCH_PROVISIONAL,
	BENCH_HARMONISED, BENCH_COLUMN_COUNT
};
/* The columns every benchmark has (the contract of the top README). */
#define BENCH_REQUIRED_COUNT (BENCH_SOURCE + 1)
extern const char *const jb_bench_column_names[BENCH_COLUMN_COUNT];
/* 1 for the columns that hold numbers (parsed into jb_bench_row.number). */
int jb_bench_column_is_number(enum jb_bench_column column);

/* One row of benchmark.csv; numbers NAN when the field is empty. */
struct jb_bench_row {
	char *text[BENCH_COLUMN_COUNT];
	double number[BENCH_COLUMN_COUNT];
	unsigned long line;
};

/* A table's data/tidy/<ID>.info.csv. */
struct jb_table_info {
	char *id, *title, *modified, *period, *short_description;
	int synthetic;
};

/* One indicator in its newest period. */
struct jb_indicator_view {
	char *name;             /* the [indicator NAME] */
	char *title, *description, *unit, *period_label, *higher_is;
	double per;
	const struct jb_table_info *table; /* NULL when the indicator names no known table */
	char *table_origin;     /* [table] origin: cbs, synthetic, reconstructed */
	char *period, *period_status, *source;
	struct jb_bench_row **rows; /* borrowed, region order */
	size_t row_count;
	double national, q1, median, q3;
	int value_only;         /* a published rate: no numerator, denominator, limits */
	int synthetic;
	double target;          /* targets.csv's target of the indicator, NAN without */
};

/* An indicator with `composition` in the configuration: no benchmark rows, a mix. */
struct jb_mix_config {
	char *name, *title, *description, *unit, *table_origin;
	double per;
	const struct jb_table_info *table; /* NULL when the indicator names no known table */
	size_t after;           /* how many benchmark indicators come before it */
};

/* A [group NAME] of the configuration: a named set of municipalities. */
struct jb_named_group {
	char *name;             /* the section name, as peers.csv has it ("g4") */
	char *title;            /* its title, or the name when it has none */
	char **members;         /* region codes */
	size_t member_count;
};

struct jb_report {
	char *title;
	long boundary_year;
	char run_time[32];      /* "2025-07-01 08:00 UTC" */
	char *benchmark_path;
	char *benchmark_bytes;  /* the file as read, copied into the run */
	size_t benchmark_len;
	struct jb_bench_row *rows;
	size_t row_count, row_capacity;
	struct jb_table_info *tables;
	size_t table_count;
	struct jb_indicator_view *indicators;
	size_t indicator_count;
	long keep_runs;         /* [report] keep_runs; -1 keeps every run */
	const struct jb_map *map; /* boundaries for the maps, or NULL */
	int synthetic;          /* any indicator's source is synthetic */
	int provisional;        /* any shown period is provisional */
	int has_column[BENCH_COLUMN_COUNT]; /* 1 when the benchmark holds the column */
	struct jb_bench_row **by_region; /* one row per region code, sorted by code */
	size_t region_count;
	const struct jb_stats_extra *extra; /* peers, models, context; or NULL */
	const struct jb_report *previous;   /* the benchmark of the previous run, or NULL */
	const char *previous_run;           /* its run id */
	int previous_unreadable;            /* latest had a benchmark that could not be read */
	struct jb_named_group *groups;      /* [group] sections in config order */
	size_t group_count;
	struct jb_mix_config *mix_configs;  /* compositional indicators, config order */
	size_t mix_config_count;
	const struct jb_mix_set *mixes;     /* composition.csv, or NULL */
	const struct jb_target_set *targets; /* targets.csv, or NULL */
};

/* 1 when the benchmark has the column and any row a value in it. */
int jb_report_shows(const struct jb_report *report, enum jb_bench_column column);
/* The view's row of a municipality (rows are sorted by region code), or NULL. */
struct jb_bench_row *jb_view_find(const struct jb_indicator_view *view, const char *region_code);
/* The name of a municipality as the benchmark has it, or its code. */
const char *jb_report_region_name(const struct jb_report *report, const char *region_code);

/* The first named group that has region_code as a member, or NULL (report may be NULL). */
const struct jb_named_group *jb_report_group_of(const struct jb_report *report,
						const char *region_code);
/* The title of the named group called name, or name itself when there is none. */
const char *jb_report_group_title(const struct jb_report *report, const char *name);

/*
 * Reads config, benchmark and info files into report; returns a JB_EXIT_*
 * status (65 malformed, 66 missing, 78 configuration) with a message.
 */
int jb_report_load(struct jb_report *report, const char *config_path,
		   const char *benchmark_path, const char *tidy_dir);
void jb_report_free(struct jb_report *report);

/* Parses a benchmark held in memory (name used in messages); JB_EXIT_* status. */
int jb_report_parse_benchmark(struct jb_report *report, const char *name,
			      const char *bytes, size_t len);

/* The source of an indicator in words, for its section note. */
const char *jb_source_label(const char *source);

#endif
