/* HTML output: the one escaping function, page skeleton, banner and footer. */
#ifndef JB_OUT_HTML_H
#define JB_OUT_HTML_H

#include <stdio.h>

struct jb_report;

/* Writes text with & < > " ' escaped; every text from data goes through here. */
void jb_html_escape(FILE *fp, const char *text);

/* doctype, head with the inline style sheet, and the page header; root is "" or "../". */
void jb_html_begin(FILE *fp, const struct jb_report *report, const char *page_title,
		   const char *root);
/* The synthetic-data banner, when any indicator is synthetic. */
void jb_html_banner(FILE *fp, const struct jb_report *report);
/* Footer (sources, boundary year, run time, legend), inline script, closing tags. */
void jb_html_end(FILE *fp, const struct jb_report *report);

#endif
