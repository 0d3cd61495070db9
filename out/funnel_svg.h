/* Charts as inline SVG drawn from the data: the funnel plot and a value strip. */
#ifndef JB_OUT_FUNNEL_SVG_H
#define JB_OUT_FUNNEL_SVG_H

#include <stdio.h>

struct jb_indicator_view;
struct jb_report;

/* A map from a data domain to pixels, linear or base-10 logarithmic. */
struct jb_scale {
	double domain_low, domain_high;
	double range_low, range_high;
	int log;
};

/* The pixel of value (range_low at domain_low). */
double jb_scale_map(const struct jb_scale *scale, double value);
/* A tick step of 1, 2 or 5 times a power of ten giving about count ticks. */
double jb_nice_step(double low, double high, int count);

/*
 * Funnel plot: x = denominator (log scale), y = value, the national line,
 * the 95% and 99.8% limits as curves, points coloured by flag with a
 * <title> each; a point links to its municipality page when link_root is
 * not NULL ("gemeente/").  The members of report's named groups (report may
 * be NULL) are drawn last with class "grp" (a dark ring) and their name.
 * Writes nothing when no row has a denominator.
 */
void jb_funnel_svg(FILE *fp, const struct jb_indicator_view *view, const char *link_root,
		   const struct jb_report *report);
/* A group member's name at a point: anchor 1 starts there, 0 centres, -1 ends there. */
struct jb_group_label {
	const char *name;
	double x, y;
	int anchor;
};
/*
 * Writes the labels (class "grp-label") in order, each moved up or down by a
 * line or a few when it would run into an earlier one; a label starting at
 * x that would pass right ends left of its point instead.
 */
void jb_group_labels(FILE *fp, struct jb_group_label *labels, size_t count, double right,
		     double font_px);
/* Values on one axis with the quartile box and median, for published rates. */
void jb_strip_svg(FILE *fp, const struct jb_indicator_view *view, const char *link_root);

#endif
