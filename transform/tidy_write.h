/* The tidy CSV of a table and its .info.csv, both written atomically. */
#ifndef JB_TIDY_WRITE_H
#define JB_TIDY_WRITE_H

#include "atomic.h"
#include "metadata.h"

/* One row of data/tidy/<TABLE>.csv, fields in README order; borrowed. */
struct jb_tidy_row {
	const char *region_code, *region_name, *region_type;
	const char *period, *period_status;
	const char *measure_key, *measure_title, *unit;
	const char *value, *status;
	const char *harmonised; /* no, merged, split, not_harmonisable */
	const char *category_dimension, *category_key, *category_title; /* "" without one */
};

struct jb_tidy_output {
	struct jb_atomic data, info;
	char *info_path;
	char *buffer; /* rows of the data file not yet handed to stdio */
	size_t used, capacity;
	/* per topic of the last jb_tidy_write_entry: "measure_key,measure_title,unit," as written */
	const struct jb_topic *topics;
	size_t topic_count;
	char **topic_fields;
	size_t *topic_lens;
	char *entry_fields; /* the fields common to one entry's rows, as written */
	size_t entry_capacity;
};

/* "<x>.csv" -> "<x>.info.csv"; NULL when path does not end in ".csv". The caller owns it. */
char *jb_tidy_info_path(const char *data_path);
/* Opens temporaries for both files and writes the header; 0, or 73 with a message. */
int jb_tidy_open(struct jb_tidy_output *output, const char *data_path);
/* 0, or 74 with a message. */
int jb_tidy_write_row(struct jb_tidy_output *output, const struct jb_tidy_row *row);
/*
 * One row per topic of one entry: row gives the common fields (its measure,
 * value and status are ignored), values[i] and statuses[i] those of topics[i].
 * The same bytes as jb_tidy_write_row per topic, with the common fields
 * quoted once.  0, or 74.
 */
int jb_tidy_write_entry(struct jb_tidy_output *output, const struct jb_tidy_row *row,
			const struct jb_topic *topics, size_t topic_count, const char *const *values,
			const char *const *statuses);
/* Writes the info rows of meta; 0, or 74. */
int jb_tidy_write_info(struct jb_tidy_output *output, const struct jb_table_meta *meta);
/* Replaces both files (the info file first, the data file last); 0, or 74. */
int jb_tidy_commit(struct jb_tidy_output *output);
/* Removes both temporaries; the old files stay. */
void jb_tidy_abort(struct jb_tidy_output *output);

#endif
