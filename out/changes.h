/* What changed since the previous run: new periods, revised figures, crossed limits. */
#ifndef JB_OUT_CHANGES_H
#define JB_OUT_CHANGES_H

#include <stdio.h>

struct jb_report;

enum jb_changes_format { JB_CHANGES_TEXT, JB_CHANGES_MARKDOWN, JB_CHANGES_HTML };

/*
 * Writes the changes of report against report->previous (the benchmark of
 * the run latest named before this one) as plain text, Markdown (both say
 * so when there is no previous run) or a section of index.html (nothing
 * when there is no previous run; names linked to their pages, fewer examples).
 */
void jb_changes_write(FILE *fp, const struct jb_report *report,
		      enum jb_changes_format format);

#endif
