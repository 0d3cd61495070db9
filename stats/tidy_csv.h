/*
 * A fast reader of large CSV files (the tidy tables): records are split in
 * place in a reused buffer, with no allocation per field.  It reads what
 * lib/csvio.h reads (strict RFC 4180 as libcsv with CSV_STRICT: quoted
 * fields with "" for a quote and line ends inside, CR LF or LF or CR line
 * ends, blanks and tabs around unquoted fields dropped, empty lines
 * skipped) and hands over the same records.
 */
#ifndef JB_STATS_TIDY_CSV_H
#define JB_STATS_TIDY_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "csvio.h"

/*
 * Calls each_row for every record of fp (the header included, line 1).  A
 * callback returning non-zero stops the reading and is returned; a
 * malformed record (a quote inside an unquoted field, text after a closing
 * quote, a quoted field left open at the end) is "name:line: malformed CSV"
 * and -1.  With stats_threads > 1, a file of stats_csv_thread_bytes or
 * more is read and split on a thread of its own while each_row runs on
 * the caller's (same records, order, return value and messages).
 */
int stats_csv_each(FILE *fp, const char *name, jb_csv_row_fn each_row, void *context);

/* Size from which a file is read on a thread of its own (4 MiB; 0: any input, for tests). */
extern size_t stats_csv_thread_bytes;

#endif
