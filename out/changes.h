/* What changed since the previous run: new periods, revised figures, crossed limits. */
#ifndef JB_OUT_CHANGES_H
#define JB_OUT_CHANGES_H

#include <stdio.h>

struct jb_report;

/*
 * Writes the changes of report against report->previous (the benchmark of
 * the run latest named before this one) as plain text, or Markdown when
 * markdown is set; says so when there is no previous run.
 */
void jb_changes_write(FILE *fp, const struct jb_report *report, int markdown);

#endif
