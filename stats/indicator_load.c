#include "indicator_load.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "tidy_table.h"
#include "xalloc.h"

int stats_indicator_load(const char *tidy_path, const struct stats_measures *measures,
			 struct stats_indicator *indicator)
{
	const char *stems[3];
	size_t count = 0;
	struct stats_tidy_table table;
	int rc;

	if (measures->value)
		stems[count++] = measures->value;
	else {
		if (measures->numerator)
			stems[count++] = measures->numerator;
		if (measures->denominator)
			stems[count++] = measures->denominator;
	}
	rc = stats_tidy_table_load(tidy_path, stems, count, indicator->name, &table);
	if (rc == JB_EXIT_OK)
		rc = stats_tidy_table_units(&table, measures, indicator);
	if (rc == JB_EXIT_OK) {
		/* the units outlive the table: give them their own strings */
		size_t i;

		for (i = 0; i < indicator->unit_count; i++) {
			struct stats_unit *unit = &indicator->units[i];

			unit->region_code = jb_xstrdup(unit->region_code);
			unit->region_name = jb_xstrdup(unit->region_name);
			unit->period = jb_xstrdup(unit->period);
			unit->period_status = jb_xstrdup(unit->period_status);
		}
		indicator->strings_borrowed = 0;
	}
	stats_tidy_table_free(&table);
	return rc;
}

struct info_load {
	const char *path;
	int header_seen;
	const char *synthetic; /* "yes", "no" or NULL */
};

static int info_row(const struct jb_csv_row *row, void *context)
{
	struct info_load *info = context;

	if (!info->header_seen) {
		info->header_seen = 1;
		if (row->count != 2 || strcmp(row->fields[0], "key") != 0 ||
		    strcmp(row->fields[1], "value") != 0)
			return jb_error("%s:%lu: expected the header key,value", info->path,
					row->line);
		return 0;
	}
	if (row->count != 2)
		return jb_error("%s:%lu: expected 2 fields", info->path, row->line);
	if (strcmp(row->fields[0], "synthetic") != 0)
		return 0;
	if (strcmp(row->fields[1], "yes") == 0)
		info->synthetic = "yes";
	else if (strcmp(row->fields[1], "no") == 0)
		info->synthetic = "no";
	else
		return jb_error("%s:%lu: synthetic = '%s': expected yes or no", info->path,
				row->line, row->fields[1]);
	return 0;
}

int stats_info_source(const char *info_path, const char *origin, const char **source)
{
	struct info_load info = { info_path, 0, NULL };
	FILE *fp = fopen(info_path, "rb");
	int rc;

	if (!fp) {
		jb_warn("%s: cannot open:", info_path);
		return JB_EXIT_NOINPUT;
	}
	rc = jb_csv_each_stream(fp, info_path, info_row, &info);
	fclose(fp);
	if (rc != 0)
		return JB_EXIT_DATAERR;
	if (!info.synthetic) {
		jb_warn("%s: no row 'synthetic' (yes or no)", info_path);
		return JB_EXIT_DATAERR;
	}
	*source = strcmp(info.synthetic, "yes") == 0 ? "synthetic" : origin;
	return JB_EXIT_OK;
}
