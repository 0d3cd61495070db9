/* Page sections from the optional inputs: trends, peers, context, models. */
#ifndef JB_OUT_SECTIONS_H
#define JB_OUT_SECTIONS_H

#include <stdio.h>

struct jb_report;
struct jb_indicator_view;

/*
 * Small multiples of the indicator's trend: the members of the first named
 * group of peers.csv (the learning network) and the municipalities with the
 * highest and lowest values; nothing with fewer than two periods.
 */
void jb_trend_multiples(FILE *fp, const struct jb_report *report,
			const struct jb_indicator_view *view);
/*
 * The rows of models.csv for the indicator's newest period (view NULL: all
 * rows, when the file has no indicator column).
 */
void jb_models_table(FILE *fp, const struct jb_report *report,
		     const struct jb_indicator_view *view);
/* A municipality's peers by type, each linked, with their newest values. */
void jb_peer_section(FILE *fp, const struct jb_report *report, const char *region_code);
/* A municipality's context profile against the country. */
void jb_context_section(FILE *fp, const struct jb_report *report, const char *region_code);
/* Dutch words for a trend flag (up, down, flat). */
const char *jb_trend_words(const char *trend_flag);

#endif
