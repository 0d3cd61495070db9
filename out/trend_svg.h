/* More charts as inline SVG: trends over the periods, observed/expected, distribution. */
#ifndef JB_OUT_TREND_SVG_H
#define JB_OUT_TREND_SVG_H

#include <stddef.h>
#include <stdio.h>

struct jb_report;
struct jb_indicator_view;

#define JB_MAX_PERIODS 64

/* The indicator's periods, oldest first; returns how many (at most JB_MAX_PERIODS). */
size_t jb_indicator_periods(const struct jb_report *report, const char *indicator,
			    const char **periods);

/*
 * One municipality's values over every period with their intervals and the
 * national value (or the median, for published rates) as a dashed line.
 * small: a tiny chart for small multiples (no axes, the intervals drawn
 * but not scaled for); otherwise a chart with axes.  Each on its own scale.
 * Writes nothing when the municipality has fewer than two values.
 */
void jb_trend_svg(FILE *fp, const struct jb_report *report,
		  const struct jb_indicator_view *view, const char *region_code, int small);

/*
 * Observed / expected ratio with its interval per municipality against the
 * expected count (log scale); a line at 1.  Nothing when no row has a ratio.
 */
void jb_oe_svg(FILE *fp, const struct jb_indicator_view *view, const char *link_root);

/* Histogram of the values, with the empirical-Bayes values as an outline when present. */
void jb_histogram_svg(FILE *fp, const struct jb_indicator_view *view, int with_eb);

#endif
