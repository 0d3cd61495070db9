/* Charts as inline SVG drawn from the data: the funnel plot and a value strip. */
#ifndef JB_OUT_FUNNEL_SVG_H
#define JB_OUT_FUNNEL_SVG_H

#include <stdio.h>

struct jb_indicator_view;

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
 * not NULL ("gemeente/").  Writes nothing when no row has a denominator.
 */
void jb_funnel_svg(FILE *fp, const struct jb_indicator_view *view, const char *link_root);
/* Values on one axis with the quartile box and median, for published rates. */
void jb_strip_svg(FILE *fp, const struct jb_indicator_view *view, const char *link_root);

#endif
