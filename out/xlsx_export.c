#include "xlsx_export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "exitcode.h"
#include "msg.h"
#include "report.h"
#include "run_dir.h"
#include "xalloc.h"

int jb_xlsx_neutralise(char *buf, size_t size, const char *text)
{
	int risky = text && strchr("=+-@\t\r", text[0]) && text[0] != '\0';

	snprintf(buf, size, "%s%s", risky ? "'" : "", text ? text : "");
	return risky;
}

/* A sheet name from the indicator: no []:*?/\ and at most 31 bytes, unique by a number. */
static void sheet_name(char *buf, size_t size, const char *indicator, size_t index)
{
	char suffix[24];
	size_t used = 0, limit;
	const char *p;

	snprintf(suffix, sizeof(suffix), "_%zu", index + 1);
	limit = LXW_SHEETNAME_MAX - strlen(suffix);
	for (p = indicator; *p && used < limit && used + 1 < size; p++)
		buf[used++] = strchr("[]:*?/\\'", *p) || (unsigned char)*p >= 0x80 ? '_' : *p;
	buf[used] = '\0';
	/* numbered always, so that two indicators never clash after the cut */
	if (used + strlen(suffix) < size)
		strcat(buf, suffix);
}

static lxw_error write_text(lxw_worksheet *sheet, lxw_row_t row, lxw_col_t column,
			    const char *text, lxw_format *format)
{
	char cell[4096];

	if (!text || !*text)
		return LXW_NO_ERROR;
	jb_xlsx_neutralise(cell, sizeof(cell), text);
	return worksheet_write_string(sheet, row, column, cell, format);
}

static lxw_error write_notes(lxw_workbook *workbook, const struct jb_report *report,
			     lxw_format *bold)
{
	lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Toelichting");
	lxw_error error;
	lxw_row_t row = 0;
	size_t i;

	if (!sheet)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	worksheet_set_column(sheet, 0, 0, 24, NULL);
	worksheet_set_column(sheet, 1, 1, 90, NULL);
	error = write_text(sheet, row++, 0, report->title, bold);
	if (!error && report->synthetic)
		error = write_text(sheet, row++, 0, "Let op: synthetische gegevens - geen CBS-cijfers. "
				   "Indicatoren met bron 'synthetic' zeggen niets over echte gemeenten.",
				   bold);
	if (!error)
		error = write_text(sheet, row, 0, "Gemaakt", NULL);
	if (!error)
		error = write_text(sheet, row++, 1, report->run_time, NULL);
	if (!error)
		error = write_text(sheet, row, 0, "Gemeentelijke indeling", NULL);
	if (!error)
		error = worksheet_write_number(sheet, row++, 1, (double)report->boundary_year, NULL);
	if (!error)
		error = write_text(sheet, row++, 0, "Bron: CBS StatLine; tabellen:", NULL);
	for (i = 0; !error && i < report->table_count; i++) {
		const struct jb_table_info *table = &report->tables[i];
		char *line = jb_xasprintf("%s%s (gewijzigd %s)%s", table->title ? table->title : "",
					  "", table->modified ? table->modified : "onbekend",
					  table->synthetic ? " - synthetisch, geen CBS-cijfers" : "");

		error = write_text(sheet, row, 0, table->id, NULL);
		if (!error)
			error = write_text(sheet, row++, 1, line, NULL);
		free(line);
	}
	if (!error)
		error = write_text(sheet, ++row, 0, "Een werkblad per indicator, alle perioden; een "
				   "lege cel is 'niet berekend', nooit nul. Tekst die met = + - of @ "
				   "begint staat er met een ' ervoor (geen formule).", NULL);
	return error;
}

static lxw_error write_indicator(lxw_workbook *workbook, const struct jb_report *report,
				 const struct jb_indicator_view *view, size_t index, lxw_format *bold)
{
	char name[LXW_SHEETNAME_MAX + 1];
	lxw_worksheet *sheet;
	lxw_error error = LXW_NO_ERROR;
	lxw_row_t row = 0;
	lxw_col_t column;
	size_t i;
	int c;

	sheet_name(name, sizeof(name), view->name, index);
	sheet = workbook_add_worksheet(workbook, name);
	if (!sheet)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (c = 0, column = 0; !error && c < BENCH_COLUMN_COUNT; c++)
		if (report->has_column[c])
			error = write_text(sheet, row, column++, jb_bench_column_names[c], bold);
	worksheet_freeze_panes(sheet, 1, 0);
	worksheet_set_column(sheet, 5, 5, 28, NULL);
	for (i = 0; !error && i < report->row_count; i++) {
		const struct jb_bench_row *bench = &report->rows[i];

		if (strcmp(bench->text[BENCH_INDICATOR], view->name) != 0)
			continue;
		row++;
		for (c = 0, column = 0; !error && c < BENCH_COLUMN_COUNT; c++) {
			if (!report->has_column[c])
				continue;
			if (jb_bench_column_is_number(c) && isfinite(bench->number[c]))
				error = worksheet_write_number(sheet, row, column, bench->number[c], NULL);
			else if (!jb_bench_column_is_number(c))
				error = write_text(sheet, row, column, bench->text[c], NULL);
			column++;
		}
	}
	if (!error && row > 0 && column > 0)
		error = worksheet_autofilter(sheet, 0, 0, row, column - 1);
	return error;
}

int jb_xlsx_write(const struct jb_run *run, const char *name, const struct jb_report *report)
{
	char *tmp_name = jb_xasprintf("%s.tmp", name);
	char *tmp_path = jb_run_path(run, tmp_name);
	char *path = jb_run_path(run, name);
	lxw_workbook *workbook = workbook_new(tmp_path);
	lxw_format *bold;
	lxw_error error = LXW_NO_ERROR;
	int rc = JB_EXIT_OK;
	size_t i;

	if (!workbook) {
		jb_warn("%s: cannot create workbook", tmp_path);
		rc = JB_EXIT_CANTCREAT;
		goto out;
	}
	bold = workbook_add_format(workbook);
	format_set_bold(bold);
	error = write_notes(workbook, report, bold);
	for (i = 0; !error && i < report->indicator_count; i++)
		error = write_indicator(workbook, report, &report->indicators[i], i, bold);
	if (error) {
		jb_warn("%s: %s", tmp_path, lxw_strerror(error));
		workbook_close(workbook);
		rc = JB_EXIT_SOFTWARE;
	} else if ((error = workbook_close(workbook)) != LXW_NO_ERROR) {
		jb_warn("%s: %s", tmp_path, lxw_strerror(error));
		rc = error == LXW_ERROR_CREATING_XLSX_FILE || error == LXW_ERROR_CREATING_TMPFILE ?
		     JB_EXIT_CANTCREAT : JB_EXIT_IOERR;
	} else if (rename(tmp_path, path) != 0) {
		jb_warn("%s: cannot rename to %s:", tmp_path, path);
		rc = JB_EXIT_IOERR;
	}
	if (rc != JB_EXIT_OK)
		remove(tmp_path);
out:
	free(tmp_name);
	free(tmp_path);
	free(path);
	return rc;
}
