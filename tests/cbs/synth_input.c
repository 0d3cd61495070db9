#include "synth_input.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

int synth_load_csv(const char *path, struct jb_csv_table *table)
{
	if (access(path, R_OK) != 0) {
		jb_error("%s: cannot read:", path);
		return JB_EXIT_NOINPUT;
	}
	return jb_csv_load(path, table) == 0 ? 0 : JB_EXIT_DATAERR;
}

int synth_load_source(const char *dir, const char *name, struct jb_csv_table *table)
{
	char *path = jb_xasprintf("%s/%s", dir, name);
	int status = synth_load_csv(path, table);

	free(path);
	return status;
}

int synth_columns(const struct jb_csv_table *table, const char *const *names, int *columns)
{
	size_t i;

	for (i = 0; names[i]; i++) {
		columns[i] = jb_csv_column(table, names[i]);
		if (columns[i] < 0)
			return JB_EXIT_DATAERR;
	}
	return 0;
}

int synth_cell_long(const struct jb_csv_table *table, size_t row, int column, long long *value)
{
	const char *text = jb_csv_cell(table, row, (size_t)column);
	char *end;

	errno = 0;
	*value = strtoll(text, &end, 10);
	while (*end == ' ')
		end++;
	if (errno != 0 || end == text || *end != '\0')
		return jb_error("%s:%lu: %s: not a whole number: '%s'", table->path,
				table->lines[row], table->header[column], text);
	return 0;
}

int synth_cell_double(const struct jb_csv_table *table, size_t row, int column, double *value)
{
	const char *text = jb_csv_cell(table, row, (size_t)column);
	char *end;

	errno = 0;
	*value = strtod(text, &end);
	while (*end == ' ')
		end++;
	if (errno != 0 || end == text || *end != '\0' || !isfinite(*value))
		return jb_error("%s:%lu: %s: not a number: '%s'", table->path, table->lines[row],
				table->header[column], text);
	return 0;
}
