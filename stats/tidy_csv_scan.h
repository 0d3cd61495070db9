/*
 * Inside the tidy CSV reader (tidy_csv.c, tidy_csv_thread.c): the record
 * scanner and what it hands records to.
 */
#ifndef JB_STATS_TIDY_CSV_SCAN_H
#define JB_STATS_TIDY_CSV_SCAN_H

#include <stdio.h>

#include "csvio.h"

/* Text read from the file; a record's fields are split in place into it. */
struct csv_buffer {
	char *text;
	size_t length, capacity, start;
	int at_end;
	char **fields;
	size_t field_capacity;
	size_t field_base;       /* the record's fields start at fields[field_base] */
};

/* Where a scan stopped on malformed input or a read error, for the message. */
enum scan_error { SCAN_OK, SCAN_ERROR_OPEN_QUOTE, SCAN_ERROR_QUOTE, SCAN_ERROR_READ };

/* Receives the records of a scan; nonzero stops it. */
struct csv_sink {
	int (*row)(struct csv_sink *sink, const struct jb_csv_row *row);
	/* before more is read into buffer: may take over buffer->text (0), or stop (nonzero) */
	int (*before_refill)(struct csv_sink *sink, struct csv_buffer *buffer);
};

/*
 * Reads fp record by record into sink; SCAN_OK when the input ended or the
 * sink stopped (*stopped its return), else the error and *error_line.
 */
enum scan_error csv_scan(FILE *fp, struct csv_buffer *buffer, struct csv_sink *sink,
			 int *stopped, unsigned long *error_line);

/* The message of a scan error (-1), 0 for SCAN_OK. */
int csv_scan_message(enum scan_error error, const char *name, unsigned long line, int error_number);

/*
 * stats_csv_each on two threads: one reads and splits records into
 * batches, the caller's thread calls each_row on them in order.  The rows,
 * their order and the messages are those of one thread.  -2 when the
 * thread cannot be started.
 */
int stats_csv_each_threaded(FILE *fp, const char *name, jb_csv_row_fn each_row, void *context);

#endif
