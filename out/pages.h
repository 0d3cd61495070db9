/* The pages of a report run. */
#ifndef JB_OUT_PAGES_H
#define JB_OUT_PAGES_H

#include <stdio.h>

struct jb_report;

/* index.html: banner, every indicator with figures, chart and table, footer. */
void jb_index_page(FILE *fp, const void *report);

/* summary.md and summary.txt: per indicator national value, quartiles and flag counts. */
void jb_summary_md(FILE *fp, const void *report);
void jb_summary_txt(FILE *fp, const void *report);

/* gemeente/<code>.html: one municipality against national and quartiles. */
struct jb_region_page {
	const struct jb_report *report;
	const char *region_code;
	const char *region_name;
};
void jb_region_page(FILE *fp, const void *region_page);

#endif
