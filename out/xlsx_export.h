/* reports/<run>/benchmark.xlsx: the benchmark as a workbook, one sheet per indicator. */
#ifndef JB_OUT_XLSX_EXPORT_H
#define JB_OUT_XLSX_EXPORT_H

#include <stddef.h>

struct jb_report;
struct jb_run;

/*
 * Text that a spreadsheet could take for a formula (starting with = + - @,
 * tab or carriage return) gets a leading apostrophe; returns 1 when text
 * needs it.  buf receives the text to store (truncated to size).
 */
int jb_xlsx_neutralise(char *buf, size_t size, const char *text);

/*
 * Writes name (e.g. "benchmark.xlsx") into the run: a sheet "Toelichting"
 * (source, synthetic data, run time), then per indicator a sheet with every
 * column of the benchmark, numbers as numbers and text as text (never a
 * formula).  Written as name.tmp and renamed.  Returns a JB_EXIT_* status.
 */
int jb_xlsx_write(const struct jb_run *run, const char *name, const struct jb_report *report);

#endif
