#include "funnel_svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "html.h"
#include "report.h"
#include "table_html.h"
#include "xalloc.h"

#define WIDTH 720
#define HEIGHT 420
#define LEFT 60
#define RIGHT 34
#define TOP 16
#define BOTTOM 52

double jb_scale_map(const struct jb_scale *scale, double value)
{
	double low = scale->domain_low, high = scale->domain_high;

	if (scale->log) {
		low = log10(low);
		high = log10(high);
		value = log10(value);
	}
	if (high == low)
		return (scale->range_low + scale->range_high) / 2;
	return scale->range_low +
	       (value - low) / (high - low) * (scale->range_high - scale->range_low);
}

double jb_nice_step(double low, double high, int count)
{
	double raw = (high - low) / (count > 0 ? count : 1), power, fraction;

	if (!(raw > 0) || !isfinite(raw))
		return 1;
	power = pow(10, floor(log10(raw)));
	fraction = raw / power;
	if (fraction <= 1)
		return power;
	if (fraction <= 2)
		return 2 * power;
	if (fraction <= 5)
		return 5 * power;
	return 10 * power;
}

static void widen(double *low, double *high, double value)
{
	if (!isfinite(value))
		return;
	if (isnan(*low) || value < *low)
		*low = value;
	if (isnan(*high) || value > *high)
		*high = value;
}

static void point_title(FILE *fp, const struct jb_bench_row *row, const char *unit, int interval)
{
	char value[64], low[64], high[64];

	fputs("<title>", fp);
	jb_html_escape(fp, row->text[BENCH_REGION_NAME]);
	fputs(" (", fp);
	jb_html_escape(fp, row->text[BENCH_REGION_CODE]);
	fputs("): ", fp);
	jb_html_escape(fp, jb_format_value(value, sizeof(value), row->number[BENCH_VALUE], unit));
	if (interval && isfinite(row->number[BENCH_CI_LOW]) && isfinite(row->number[BENCH_CI_HIGH])) {
		fputs(" [", fp);
		jb_html_escape(fp, jb_format_number(low, sizeof(low), row->number[BENCH_CI_LOW], 1));
		fputs(" - ", fp);
		jb_html_escape(fp, jb_format_number(high, sizeof(high), row->number[BENCH_CI_HIGH], 1));
		fputs("]", fp);
	}
	fputs("</title>", fp);
}

static void point_open(FILE *fp, const struct jb_bench_row *row, const char *link_root)
{
	if (!link_root || !jb_region_code_is_safe(row->text[BENCH_REGION_CODE]))
		return;
	fputs("<a href=\"", fp);
	jb_html_escape(fp, link_root);
	jb_html_escape(fp, row->text[BENCH_REGION_CODE]);
	fputs(".html\">", fp);
}

static void point_close(FILE *fp, const struct jb_bench_row *row, const char *link_root)
{
	if (link_root && jb_region_code_is_safe(row->text[BENCH_REGION_CODE]))
		fputs("</a>", fp);
}

static int by_denominator(const void *a, const void *b)
{
	const struct jb_bench_row *x = *(const struct jb_bench_row *const *)a;
	const struct jb_bench_row *y = *(const struct jb_bench_row *const *)b;
	double dx = x->number[BENCH_DENOMINATOR], dy = y->number[BENCH_DENOMINATOR];

	return dx < dy ? -1 : dx > dy ? 1 : 0;
}

/*
 * A limit as a smooth curve through its values at the municipalities'
 * denominators: the distance to the national value times sqrt(n) is
 * interpolated over log n (constant beyond the first and last point), so
 * the curve passes through every published limit.
 */
static void limit_curve(FILE *fp, struct jb_bench_row *const *sorted, size_t count,
			int column, double national, const struct jb_scale *x,
			const struct jb_scale *y, const char *class)
{
	const int steps = 120;
	double *log_n = jb_xcalloc(count + 1, sizeof(*log_n));
	double *spread = jb_xcalloc(count + 1, sizeof(*spread));
	size_t i, known = 0, at = 0;
	int step;

	for (i = 0; i < count; i++) {
		double n = sorted[i]->number[BENCH_DENOMINATOR], limit = sorted[i]->number[column];

		if (!isfinite(limit) || !(n > 0))
			continue;
		log_n[known] = log10(n);
		spread[known++] = (limit - national) * sqrt(n);
	}
	if (known > 0 && isfinite(national)) {
		fputs("<polyline points=\"", fp);
		for (step = 0; step <= steps; step++) {
			double ln = log10(x->domain_low) +
				    (log10(x->domain_high) - log10(x->domain_low)) * step / steps;
			double k, value;

			while (at + 1 < known && log_n[at + 1] <= ln)
				at++;
			if (ln <= log_n[0])
				k = spread[0];
			else if (at + 1 >= known)
				k = spread[known - 1];
			else
				k = spread[at] + (spread[at + 1] - spread[at]) *
					(ln - log_n[at]) / (log_n[at + 1] - log_n[at]);
			value = national + k / sqrt(pow(10, ln));
			/* the plot clips the curve; keep the numbers finite and near */
			value = fmax(value, 2 * y->domain_low - y->domain_high);
			value = fmin(value, 2 * y->domain_high - y->domain_low);
			fprintf(fp, "%s%.1f,%.1f", step ? " " : "", jb_scale_map(x, pow(10, ln)),
				jb_scale_map(y, value));
		}
		fprintf(fp, "\" class=\"%s\"/>\n", class);
	}
	free(log_n);
	free(spread);
}

static void x_ticks(FILE *fp, const struct jb_scale *x)
{
	static const double steps[] = { 1, 2, 5 };
	double power, tick, last_label = -1e9;
	char label[64];
	size_t i;

	for (power = pow(10, floor(log10(x->domain_low))); power <= x->domain_high; power *= 10) {
		for (i = 0; i < 3; i++) {
			tick = power * steps[i];
			if (tick < x->domain_low || tick > x->domain_high)
				continue;
			fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
				jb_scale_map(x, tick), jb_scale_map(x, tick), TOP, HEIGHT - BOTTOM);
			jb_format_number(label, sizeof(label), tick, 0);
			/* a label only where it does not run into the previous one */
			if (jb_scale_map(x, tick) - last_label >= 10.0 * (double)strlen(label)) {
				fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
					jb_scale_map(x, tick), HEIGHT - BOTTOM + 18, label);
				last_label = jb_scale_map(x, tick);
			}
			fputc('\n', fp);
		}
	}
}

static int tick_decimals(double step)
{
	int decimals = 0;

	while (decimals < 6 && fabs(step * pow(10, decimals) - round(step * pow(10, decimals))) > 1e-9)
		decimals++;
	return decimals;
}

/* Horizontal grid lines and labels of a linear y scale. */
static void y_ticks(FILE *fp, const struct jb_scale *y, int left, int right)
{
	double step = jb_nice_step(y->domain_low, y->domain_high, 6), tick;
	int decimals = tick_decimals(step);
	char label[64];

	for (tick = ceil(y->domain_low / step) * step; tick <= y->domain_high + step * 1e-9;
	     tick += step)
		fprintf(fp, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			left, right, jb_scale_map(y, tick), jb_scale_map(y, tick), left - 6,
			jb_scale_map(y, tick) + 4,
			jb_format_number(label, sizeof(label), fabs(tick) < step * 1e-9 ? 0 : tick,
					 decimals));
}

static void pad_domain(struct jb_scale *scale, double fraction)
{
	double span = scale->domain_high - scale->domain_low;

	if (!(span > 0))
		span = fabs(scale->domain_high) > 0 ? fabs(scale->domain_high) : 1;
	scale->domain_low -= span * fraction;
	scale->domain_high += span * fraction;
}

static void funnel_point(FILE *fp, const struct jb_bench_row *row, const char *unit,
			 const struct jb_scale *x, const struct jb_scale *y, const char *link_root,
			 int in_group)
{
	point_open(fp, row, link_root);
	fprintf(fp, "<circle class=\"%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\">",
		jb_flag_class(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]),
		in_group ? " grp" : "", jb_scale_map(x, row->number[BENCH_DENOMINATOR]),
		jb_scale_map(y, row->number[BENCH_VALUE]), in_group ? "5" : "4");
	point_title(fp, row, unit, 1);
	fputs("</circle>", fp);
	point_close(fp, row, link_root);
	fputc('\n', fp);
}

/* The box a label takes: left, right, top, bottom in pixels. */
static void label_box(const struct jb_group_label *label, double font_px, double box[4])
{
	double width = 0.62 * font_px * (double)strlen(label->name);

	box[0] = label->anchor > 0 ? label->x : label->anchor < 0 ? label->x - width :
		 label->x - width / 2;
	box[1] = box[0] + width;
	box[2] = label->y - font_px;
	box[3] = label->y + 2;
}

static int boxes_overlap(const double a[4], const double b[4])
{
	return a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3];
}

void jb_group_labels(FILE *fp, struct jb_group_label *labels, size_t count, double right,
		     double font_px)
{
	static const double shifts[] = { 0, -1, 1, -2, 2, -3, 3 };
	double (*placed)[4] = jb_xcalloc(count + 1, sizeof(*placed));
	double box[4], y;
	size_t i, j, s;

	for (i = 0; i < count; i++) {
		struct jb_group_label *label = &labels[i];

		label_box(label, font_px, box);
		if (box[1] > right && label->anchor > 0) {
			label->anchor = -1;
			label->x -= 16;
		}
		if (box[0] < 0 && label->anchor == 0)
			label->anchor = 1;
		y = label->y;
		/* the first of a few shifts up or down that runs into no earlier label */
		for (s = 0; s < sizeof(shifts) / sizeof(shifts[0]); s++) {
			label->y = y + shifts[s] * (font_px + 2);
			label_box(label, font_px, box);
			for (j = 0; j < i && !boxes_overlap(box, placed[j]); j++)
				;
			if (j == i)
				break;
		}
		if (s == sizeof(shifts) / sizeof(shifts[0]))
			label->y = y;
		label_box(label, font_px, placed[i]);
		fprintf(fp, "<text class=\"grp-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
			label->x, label->y, label->anchor > 0 ? "start" : label->anchor < 0 ? "end" :
			"middle");
		jb_html_escape(fp, label->name);
		fputs("</text>\n", fp);
	}
	free(placed);
}

/* The names of the named groups' members beside their points. */
static void group_labels(FILE *fp, struct jb_bench_row *const *sorted, size_t count,
			 const struct jb_scale *x, const struct jb_scale *y,
			 const struct jb_report *report)
{
	struct jb_group_label *labels = jb_xcalloc(count + 1, sizeof(*labels));
	size_t i, n = 0;

	for (i = 0; i < count; i++)
		if (jb_report_group_of(report, sorted[i]->text[BENCH_REGION_CODE])) {
			labels[n].name = sorted[i]->text[BENCH_REGION_NAME];
			labels[n].x = jb_scale_map(x, sorted[i]->number[BENCH_DENOMINATOR]) + 8;
			labels[n].y = jb_scale_map(y, sorted[i]->number[BENCH_VALUE]) - 6;
			labels[n++].anchor = 1;
		}
	jb_group_labels(fp, labels, n, WIDTH - RIGHT, 12);
	free(labels);
}

void jb_funnel_svg(FILE *fp, const struct jb_indicator_view *view, const char *link_root,
		   const struct jb_report *report)
{
	static const int limit_columns[] = { BENCH_LIMIT95_LOW, BENCH_LIMIT95_HIGH,
					     BENCH_LIMIT998_LOW, BENCH_LIMIT998_HIGH };
	struct jb_bench_row **sorted = jb_xcalloc(view->row_count + 1, sizeof(*sorted));
	struct jb_scale x = { NAN, NAN, LEFT, WIDTH - RIGHT, 1 };
	struct jb_scale y = { NAN, NAN, HEIGHT - BOTTOM, TOP, 0 };
	size_t i, j, count = 0;
	double low_before;

	for (i = 0; i < view->row_count; i++) {
		struct jb_bench_row *row = view->rows[i];

		if (!(row->number[BENCH_DENOMINATOR] > 0) || !isfinite(row->number[BENCH_VALUE]))
			continue;
		sorted[count++] = row;
		widen(&x.domain_low, &x.domain_high, row->number[BENCH_DENOMINATOR]);
		widen(&y.domain_low, &y.domain_high, row->number[BENCH_VALUE]);
		for (j = 0; j < 4; j++)
			widen(&y.domain_low, &y.domain_high, row->number[limit_columns[j]]);
	}
	if (count == 0) {
		free(sorted);
		return;
	}
	widen(&y.domain_low, &y.domain_high, view->national);
	widen(&y.domain_low, &y.domain_high, view->target);
	qsort(sorted, count, sizeof(*sorted), by_denominator);
	x.domain_low /= 1.25;
	x.domain_high *= 1.25;
	low_before = y.domain_low;
	pad_domain(&y, 0.05);
	if (low_before >= 0 && y.domain_low < 0)
		y.domain_low = 0;

	fprintf(fp, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-label=\"Trechterdiagram: ", WIDTH, HEIGHT);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("\">\n", fp);
	x_ticks(fp, &x);
	y_ticks(fp, &y, LEFT, WIDTH - RIGHT);
	fprintf(fp, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>\n",
		LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM);
	fprintf(fp, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>\n",
		LEFT, LEFT, TOP, HEIGHT - BOTTOM);
	fputs("<clipPath id=\"plot-", fp);
	jb_html_escape(fp, view->name);
	fprintf(fp, "\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath>\n"
		"<g clip-path=\"url(#plot-", LEFT, TOP, WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP);
	jb_html_escape(fp, view->name);
	fputs(")\">\n", fp);
	limit_curve(fp, sorted, count, BENCH_LIMIT998_LOW, view->national, &x, &y, "limit998");
	limit_curve(fp, sorted, count, BENCH_LIMIT998_HIGH, view->national, &x, &y, "limit998");
	limit_curve(fp, sorted, count, BENCH_LIMIT95_LOW, view->national, &x, &y, "limit95");
	limit_curve(fp, sorted, count, BENCH_LIMIT95_HIGH, view->national, &x, &y, "limit95");
	fputs("</g>\n", fp);
	if (isfinite(view->national))
		fprintf(fp, "<line class=\"national\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>\n",
			LEFT, WIDTH - RIGHT, jb_scale_map(&y, view->national),
			jb_scale_map(&y, view->national));
	if (isfinite(view->target)) {
		char target[64];

		fprintf(fp, "<line class=\"target\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
			"<text class=\"target-label\" x=\"%d\" y=\"%.1f\">doel ",
			LEFT, WIDTH - RIGHT, jb_scale_map(&y, view->target),
			jb_scale_map(&y, view->target), LEFT + 6,
			jb_scale_map(&y, view->target) - 5);
		jb_html_escape(fp, jb_format_value(target, sizeof(target), view->target, view->unit));
		fputs("</text>\n", fp);
	}
	/* the named groups' members last, ringed and labelled, on top of the others */
	for (i = 0; i < count; i++)
		if (!jb_report_group_of(report, sorted[i]->text[BENCH_REGION_CODE]))
			funnel_point(fp, sorted[i], view->unit, &x, &y, link_root, 0);
	for (i = 0; i < count; i++)
		if (jb_report_group_of(report, sorted[i]->text[BENCH_REGION_CODE]))
			funnel_point(fp, sorted[i], view->unit, &x, &y, link_root, 1);
	group_labels(fp, sorted, count, &x, &y, report);
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Noemer (aantal, "
		"logaritmische schaal)</text>\n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12);
	fprintf(fp, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" "
		"transform=\"rotate(-90 14 %d)\">", (TOP + HEIGHT - BOTTOM) / 2,
		(TOP + HEIGHT - BOTTOM) / 2);
	fputs("Waarde", fp);
	if (view->unit && *view->unit) {
		fputs(" (", fp);
		jb_html_escape(fp, view->unit);
		fputs(")", fp);
	}
	fputs("</text>\n</svg>\n", fp);
	free(sorted);
}

#define STRIP_HEIGHT 150
#define STRIP_TOP 20
#define STRIP_AXIS 110

/* A point's vertical offset in the strip, spread by its place in the list. */
static double strip_jitter(size_t index)
{
	return (double)((index * 37) % 17) / 16.0;
}

void jb_strip_svg(FILE *fp, const struct jb_indicator_view *view, const char *link_root)
{
	struct jb_scale x = { NAN, NAN, LEFT, WIDTH - RIGHT, 0 };
	double step, tick;
	char label[64];
	size_t i, count = 0;
	int decimals;

	for (i = 0; i < view->row_count; i++)
		if (isfinite(view->rows[i]->number[BENCH_VALUE])) {
			widen(&x.domain_low, &x.domain_high, view->rows[i]->number[BENCH_VALUE]);
			count++;
		}
	if (count == 0)
		return;
	widen(&x.domain_low, &x.domain_high, view->national);
	pad_domain(&x, 0.04);
	fprintf(fp, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-label=\"Spreiding: ", WIDTH, STRIP_HEIGHT);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("\">\n", fp);
	step = jb_nice_step(x.domain_low, x.domain_high, 8);
	decimals = tick_decimals(step);
	for (tick = ceil(x.domain_low / step) * step; tick <= x.domain_high; tick += step)
		fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
			jb_scale_map(&x, tick), jb_scale_map(&x, tick), STRIP_TOP, STRIP_AXIS,
			jb_scale_map(&x, tick), STRIP_AXIS + 16,
			jb_format_number(label, sizeof(label), tick, decimals));
	if (isfinite(view->q1) && isfinite(view->q3))
		fprintf(fp, "<rect class=\"box\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>\n",
			jb_scale_map(&x, view->q1), STRIP_TOP + 10,
			jb_scale_map(&x, view->q3) - jb_scale_map(&x, view->q1),
			STRIP_AXIS - STRIP_TOP - 20);
	if (isfinite(view->median))
		fprintf(fp, "<line class=\"national\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>\n",
			jb_scale_map(&x, view->median), jb_scale_map(&x, view->median),
			STRIP_TOP + 10, STRIP_AXIS - 10);
	fprintf(fp, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>\n",
		LEFT, WIDTH - RIGHT, STRIP_AXIS, STRIP_AXIS);
	for (i = 0; i < view->row_count; i++) {
		const struct jb_bench_row *row = view->rows[i];

		if (!isfinite(row->number[BENCH_VALUE]))
			continue;
		point_open(fp, row, link_root);
		fprintf(fp, "<circle class=\"f-within\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\">",
			jb_scale_map(&x, row->number[BENCH_VALUE]),
			STRIP_TOP + 16 + strip_jitter(i) * (STRIP_AXIS - STRIP_TOP - 32));
		point_title(fp, row, view->unit, 0);
		fputs("</circle>", fp);
		point_close(fp, row, link_root);
		fputc('\n', fp);
	}
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", (LEFT + WIDTH - RIGHT) / 2,
		STRIP_HEIGHT - 8);
	jb_html_escape(fp, view->unit && *view->unit ? view->unit : "waarde");
	fputs(" &middot; grijs vlak: middelste helft (Q1 tot Q3), lijn: mediaan</text>\n</svg>\n", fp);
}
