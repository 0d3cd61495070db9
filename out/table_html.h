/* The table of every municipality of one indicator and period. */
#ifndef JB_OUT_TABLE_HTML_H
#define JB_OUT_TABLE_HTML_H

#include <stdio.h>

struct jb_indicator_view;
struct jb_bench_row;

/*
 * Code, name, numerator, denominator, value, 95% interval and flag (or, for
 * a published rate, value and quartile); names link to link_root<code>.html
 * when link_root is not NULL.
 */
void jb_table_html(FILE *fp, const struct jb_indicator_view *view, const char *link_root);
/* 1 when any row of the view has a value in the benchmark column. */
int jb_view_has(const struct jb_indicator_view *view, int column);
/* 1 when a region code may name a file (letters and digits only). */
int jb_region_code_is_safe(const char *code);

#endif
