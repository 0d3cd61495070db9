/* Reading the CSV sources of jb-synth with exit statuses. */
#ifndef JB_SYNTH_INPUT_H
#define JB_SYNTH_INPUT_H

#include "csvio.h"

/* Loads path; 0, JB_EXIT_NOINPUT (missing or unreadable) or JB_EXIT_DATAERR. */
int synth_load_csv(const char *path, struct jb_csv_table *table);
/* Loads <dir>/<name>; as synth_load_csv. */
int synth_load_source(const char *dir, const char *name, struct jb_csv_table *table);
/* Indexes of the named columns (NULL-terminated list) into columns[]; 0 or JB_EXIT_DATAERR. */
int synth_columns(const struct jb_csv_table *table, const char *const *names, int *columns);
/* A whole number cell; 0 or -1 with a message naming file:line. */
int synth_cell_long(const struct jb_csv_table *table, size_t row, int column, long long *value);
/* A real number cell; 0 or -1 with a message naming file:line. */
int synth_cell_double(const struct jb_csv_table *table, size_t row, int column, double *value);

#endif
