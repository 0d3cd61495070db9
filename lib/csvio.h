/* CSV in and out with libcsv: strict RFC 4180, UTF-8, LF line ends. */
#ifndef JB_CSVIO_H
#define JB_CSVIO_H

#include <stddef.h>
#include <stdio.h>

/* Writes one record; fields may be NULL (written as empty). */
int jb_csv_write_row(FILE *fp, const char *const *fields, size_t count);

/* One record as the reader hands it over: borrowed, valid during the call. */
struct jb_csv_row {
	const char *const *fields;
	size_t count;
	unsigned long line; /* line on which the record starts, 1-based */
};

/*
 * Calls each_row for every record of path, the header included (line 1).
 * A callback returning non-zero stops the reading and is returned.
 * Parse errors name path:line and return -1.
 */
typedef int (*jb_csv_row_fn)(const struct jb_csv_row *row, void *context);
int jb_csv_each(const char *path, jb_csv_row_fn each_row, void *context);
/* The same on an open stream; name is used in messages. */
int jb_csv_each_stream(FILE *fp, const char *name, jb_csv_row_fn each_row,
		       void *context);

/* A whole CSV file in memory, header separate. */
struct jb_csv_table {
	char *path;
	size_t column_count;
	char **header;
	size_t row_count;
	char **cells;            /* row_count * column_count, row-major */
	unsigned long *lines;    /* line of each row */
	size_t capacity;
};

/* Loads path; every row must have as many fields as the header. */
int jb_csv_load(const char *path, struct jb_csv_table *table);
void jb_csv_free(struct jb_csv_table *table);
/* Index of the column named name, or -1 (with a message naming the file). */
int jb_csv_column(const struct jb_csv_table *table, const char *name);
/* Borrowed pointer to a cell. */
const char *jb_csv_cell(const struct jb_csv_table *table, size_t row, size_t column);

#endif
