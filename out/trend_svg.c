#include "trend_svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "funnel_svg.h"
#include "html.h"
#include "report.h"
#include "table_html.h"
#include "xalloc.h"

static void widen(double *low, double *high, double value)
{
	if (!isfinite(value))
		return;
	if (isnan(*low) || value < *low)
		*low = value;
	if (isnan(*high) || value > *high)
		*high = value;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t jb_indicator_periods(const struct jb_report *report, const char *indicator,
			    const char **periods)
{
	size_t i, j, count = 0;

	for (i = 0; i < report->row_count; i++) {
		const char *period = report->rows[i].text[BENCH_PERIOD];

		if (strcmp(report->rows[i].text[BENCH_INDICATOR], indicator) != 0)
			continue;
		for (j = 0; j < count; j++)
			if (strcmp(periods[j], period) == 0)
				break;
		if (j == count && count < JB_MAX_PERIODS)
			periods[count++] = period;
	}
	qsort(periods, count, sizeof(*periods), by_text);
	return count;
}

static size_t period_index(const char *const *periods, size_t count, const char *period)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strcmp(periods[i], period) == 0)
			return i;
	return count;
}

/* The reference line of a period: national value, or the median for published rates. */
static double period_reference(const struct jb_report *report, const struct jb_indicator_view *view,
			       const char *period)
{
	size_t i;

	for (i = 0; i < report->row_count; i++) {
		const struct jb_bench_row *row = &report->rows[i];
		double value = view->value_only ? row->number[BENCH_MEDIAN] :
			       row->number[BENCH_NATIONAL];

		if (isfinite(value) && strcmp(row->text[BENCH_INDICATOR], view->name) == 0 &&
		    strcmp(row->text[BENCH_PERIOD], period) == 0)
			return value;
	}
	return NAN;
}

struct trend_point {
	double value, low, high;
	int provisional;
};

static int tick_decimals(double step)
{
	int decimals = 0;

	while (decimals < 6 && fabs(step * pow(10, decimals) - round(step * pow(10, decimals))) > 1e-9)
		decimals++;
	return decimals;
}

void jb_trend_svg(FILE *fp, const struct jb_report *report,
		  const struct jb_indicator_view *view, const char *region_code, int small)
{
	const char *periods[JB_MAX_PERIODS];
	size_t count = jb_indicator_periods(report, view->name, periods), i, known = 0;
	struct trend_point points[JB_MAX_PERIODS];
	double reference[JB_MAX_PERIODS];
	int width = small ? 180 : 560, height = small ? 64 : 220;
	int left = small ? 4 : 52, right = small ? 4 : 28, top = small ? 4 : 12;
	int bottom = small ? 4 : 40, first;
	struct jb_scale x = { 0, count > 1 ? (double)(count - 1) : 1, left, width - right, 0 };
	struct jb_scale y = { NAN, NAN, height - bottom, top, 0 };
	char label[64];

	for (i = 0; i < count; i++) {
		points[i].value = points[i].low = points[i].high = NAN;
		points[i].provisional = 0;
		reference[i] = period_reference(report, view, periods[i]);
	}
	for (i = 0; i < report->row_count; i++) {
		const struct jb_bench_row *row = &report->rows[i];
		size_t at;

		if (strcmp(row->text[BENCH_INDICATOR], view->name) != 0 ||
		    strcmp(row->text[BENCH_REGION_CODE], region_code) != 0)
			continue;
		at = period_index(periods, count, row->text[BENCH_PERIOD]);
		if (at == count)
			continue;
		points[at].value = row->number[BENCH_VALUE];
		points[at].low = row->number[BENCH_CI_LOW];
		points[at].high = row->number[BENCH_CI_HIGH];
		points[at].provisional = jb_is_provisional(row->text[BENCH_PERIOD_STATUS]);
		known += isfinite(points[at].value);
	}
	if (known < 2)
		return;
	if (!small)
		widen(&y.domain_low, &y.domain_high, view->target);
	for (i = 0; i < count; i++) {
		widen(&y.domain_low, &y.domain_high, reference[i]);
		widen(&y.domain_low, &y.domain_high, points[i].value);
		if (!small) {
			widen(&y.domain_low, &y.domain_high, points[i].low);
			widen(&y.domain_low, &y.domain_high, points[i].high);
		}
	}
	{
		double span = y.domain_high - y.domain_low, low_before = y.domain_low;

		if (!(span > 0))
			span = fabs(y.domain_high) > 0 ? fabs(y.domain_high) * 0.1 : 1;
		y.domain_low -= span * 0.08;
		y.domain_high += span * 0.08;
		if (low_before >= 0 && y.domain_low < 0)
			y.domain_low = 0;
	}
	fprintf(fp, "<svg class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Trend: ",
		small ? "spark" : "chart trend", width, height);
	jb_html_escape(fp, jb_report_region_name(report, region_code));
	fputs("\">\n", fp);
	if (!small) {
		double step = jb_nice_step(y.domain_low, y.domain_high, 4), tick;
		int decimals = tick_decimals(step);

		for (tick = ceil(y.domain_low / step) * step; tick <= y.domain_high + step * 1e-9;
		     tick += step)
			fprintf(fp, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
				"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
				left, width - right, jb_scale_map(&y, tick), jb_scale_map(&y, tick),
				left - 6, jb_scale_map(&y, tick) + 4,
				jb_format_number(label, sizeof(label), tick, decimals));
		for (i = 0; i < count; i++) {
			jb_format_period(label, sizeof(label), periods[i]);
			fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
				jb_scale_map(&x, (double)i), height - bottom + 18);
			jb_html_escape(fp, label);
			fprintf(fp, "%s</text>\n", points[i].provisional ? "*" : "");
		}
		fprintf(fp, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>\n",
			left, width - right, height - bottom, height - bottom);
	} else {
		fprintf(fp, "<rect class=\"frame\" x=\"0.5\" y=\"0.5\" width=\"%d\" height=\"%d\"/>\n",
			width - 1, height - 1);
	}
	if (!small && isfinite(view->target)) {
		fprintf(fp, "<line class=\"target\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
			"<text class=\"target-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">doel ",
			left, width - right, jb_scale_map(&y, view->target),
			jb_scale_map(&y, view->target), width - right - 4,
			jb_scale_map(&y, view->target) - 5);
		jb_html_escape(fp, jb_format_value(label, sizeof(label), view->target, view->unit));
		fputs("</text>\n", fp);
	}
	for (first = 1, i = 0; i < count; i++) {
		if (!isfinite(reference[i]))
			continue;
		if (first)
			fputs("<polyline class=\"reference\" points=\"", fp);
		fprintf(fp, "%s%.1f,%.1f", first ? "" : " ", jb_scale_map(&x, (double)i),
			jb_scale_map(&y, reference[i]));
		first = 0;
	}
	if (!first)
		fputs("\"/>\n", fp);
	for (i = 0; i < count; i++)
		if (isfinite(points[i].low) && isfinite(points[i].high))
			fprintf(fp, "<line class=\"interval\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				"y2=\"%.1f\"/>\n", jb_scale_map(&x, (double)i), jb_scale_map(&x, (double)i),
				jb_scale_map(&y, fmax(points[i].low, y.domain_low)),
				jb_scale_map(&y, fmin(points[i].high, y.domain_high)));
	for (first = 1, i = 0; i < count; i++) {
		if (!isfinite(points[i].value))
			continue;
		if (first)
			fputs("<polyline class=\"series\" points=\"", fp);
		fprintf(fp, "%s%.1f,%.1f", first ? "" : " ", jb_scale_map(&x, (double)i),
			jb_scale_map(&y, points[i].value));
		first = 0;
	}
	fputs("\"/>\n", fp);
	for (i = 0; i < count; i++) {
		if (!isfinite(points[i].value))
			continue;
		fprintf(fp, "<circle class=\"series%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\"><title>",
			points[i].provisional ? " provisional" : "", jb_scale_map(&x, (double)i),
			jb_scale_map(&y, points[i].value), small ? "2" : "4");
		jb_html_escape(fp, jb_format_period(label, sizeof(label), periods[i]));
		fputs(points[i].provisional ? "*: " : ": ", fp);
		jb_html_escape(fp, jb_format_value(label, sizeof(label), points[i].value, view->unit));
		fputs("</title></circle>\n", fp);
	}
	fputs("</svg>\n", fp);
}

#define OE_WIDTH 720
#define OE_HEIGHT 300
#define OE_LEFT 60
#define OE_RIGHT 20
#define OE_TOP 14
#define OE_BOTTOM 48

void jb_oe_svg(FILE *fp, const struct jb_indicator_view *view, const char *link_root)
{
	struct jb_scale x = { NAN, NAN, OE_LEFT, OE_WIDTH - OE_RIGHT, 1 };
	struct jb_scale y = { NAN, NAN, OE_HEIGHT - OE_BOTTOM, OE_TOP, 0 };
	double power, step, tick;
	char label[64];
	size_t i, count = 0;

	for (i = 0; i < view->row_count; i++) {
		const struct jb_bench_row *row = view->rows[i];

		if (!isfinite(row->number[BENCH_OE_RATIO]) || !(row->number[BENCH_EXPECTED] > 0))
			continue;
		count++;
		widen(&x.domain_low, &x.domain_high, row->number[BENCH_EXPECTED]);
		widen(&y.domain_low, &y.domain_high, row->number[BENCH_OE_RATIO]);
		widen(&y.domain_low, &y.domain_high, row->number[BENCH_OE_LOW]);
		widen(&y.domain_low, &y.domain_high, row->number[BENCH_OE_HIGH]);
	}
	if (count == 0)
		return;
	widen(&y.domain_low, &y.domain_high, 1);
	x.domain_low /= 1.25;
	x.domain_high *= 1.25;
	y.domain_low = fmax(0, y.domain_low - 0.05 * (y.domain_high - y.domain_low));
	y.domain_high += 0.05 * (y.domain_high - y.domain_low);
	fprintf(fp, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-label=\"Waargenomen gedeeld door verwacht: ", OE_WIDTH, OE_HEIGHT);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("\">\n", fp);
	for (power = pow(10, floor(log10(x.domain_low))); power <= x.domain_high; power *= 10)
		for (i = 0; i < 3; i++) {
			tick = power * (i == 0 ? 1 : i == 1 ? 2 : 5);
			if (tick < x.domain_low || tick > x.domain_high)
				continue;
			fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>"
				"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
				jb_scale_map(&x, tick), jb_scale_map(&x, tick), OE_TOP,
				OE_HEIGHT - OE_BOTTOM, jb_scale_map(&x, tick), OE_HEIGHT - OE_BOTTOM + 16,
				jb_format_number(label, sizeof(label), tick, 0));
		}
	step = jb_nice_step(y.domain_low, y.domain_high, 5);
	for (tick = ceil(y.domain_low / step) * step; tick <= y.domain_high + step * 1e-9; tick += step)
		fprintf(fp, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			OE_LEFT, OE_WIDTH - OE_RIGHT, jb_scale_map(&y, tick), jb_scale_map(&y, tick),
			OE_LEFT - 6, jb_scale_map(&y, tick) + 4,
			jb_format_number(label, sizeof(label), tick, tick_decimals(step)));
	fprintf(fp, "<line class=\"national\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>\n",
		OE_LEFT, OE_WIDTH - OE_RIGHT, jb_scale_map(&y, 1), jb_scale_map(&y, 1));
	for (i = 0; i < view->row_count; i++) {
		const struct jb_bench_row *row = view->rows[i];
		double cx;
		int link;

		if (!isfinite(row->number[BENCH_OE_RATIO]) || !(row->number[BENCH_EXPECTED] > 0))
			continue;
		cx = jb_scale_map(&x, row->number[BENCH_EXPECTED]);
		link = link_root && jb_region_code_is_safe(row->text[BENCH_REGION_CODE]);
		if (isfinite(row->number[BENCH_OE_LOW]) && isfinite(row->number[BENCH_OE_HIGH]))
			fprintf(fp, "<line class=\"interval\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				"y2=\"%.1f\"/>", cx, cx, jb_scale_map(&y, row->number[BENCH_OE_LOW]),
				jb_scale_map(&y, row->number[BENCH_OE_HIGH]));
		if (link) {
			fputs("<a href=\"", fp);
			jb_html_escape(fp, link_root);
			jb_html_escape(fp, row->text[BENCH_REGION_CODE]);
			fputs(".html\">", fp);
		}
		fprintf(fp, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>",
			jb_flag_class(row->text[BENCH_OE_FLAG], NULL), cx,
			jb_scale_map(&y, row->number[BENCH_OE_RATIO]));
		jb_html_escape(fp, row->text[BENCH_REGION_NAME]);
		fputs(": ", fp);
		jb_html_escape(fp, jb_format_number(label, sizeof(label), row->number[BENCH_OE_RATIO], 2));
		fputs(" (verwacht ", fp);
		jb_html_escape(fp, jb_format_number(label, sizeof(label), row->number[BENCH_EXPECTED], 0));
		fputs(")</title></circle>", fp);
		fputs(link ? "</a>\n" : "\n", fp);
	}
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Verwacht aantal "
		"(logaritmische schaal)</text>\n", (OE_LEFT + OE_WIDTH - OE_RIGHT) / 2, OE_HEIGHT - 10);
	fprintf(fp, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">"
		"Waargenomen / verwacht</text>\n</svg>\n", (OE_TOP + OE_HEIGHT - OE_BOTTOM) / 2,
		(OE_TOP + OE_HEIGHT - OE_BOTTOM) / 2);
}

#define HIST_WIDTH 720
#define HIST_HEIGHT 196
#define HIST_BINS 60

void jb_histogram_svg(FILE *fp, const struct jb_indicator_view *view, int with_eb)
{
	struct jb_scale x = { NAN, NAN, 40, HIST_WIDTH - 20, 0 };
	struct jb_scale y = { 0, 1, HIST_HEIGHT - 48, 10, 0 };
	size_t raw[HIST_BINS], eb[HIST_BINS], bins, i, most = 0, count = 0;
	double step, start, tick;
	char label[64];

	for (i = 0; i < view->row_count; i++) {
		count += isfinite(view->rows[i]->number[BENCH_VALUE]);
		widen(&x.domain_low, &x.domain_high, view->rows[i]->number[BENCH_VALUE]);
		if (with_eb)
			widen(&x.domain_low, &x.domain_high, view->rows[i]->number[BENCH_EB_VALUE]);
	}
	if (count < 2 || !(x.domain_high > x.domain_low))
		return;
	step = jb_nice_step(x.domain_low, x.domain_high, 30);
	start = floor(x.domain_low / step) * step;
	bins = (size_t)ceil((x.domain_high - start) / step + 1e-9);
	if (bins == 0 || bins > HIST_BINS)
		return;
	x.domain_low = start;
	x.domain_high = start + (double)bins * step;
	memset(raw, 0, sizeof(raw));
	memset(eb, 0, sizeof(eb));
	for (i = 0; i < view->row_count; i++) {
		double value = view->rows[i]->number[BENCH_VALUE];
		double shrunk = view->rows[i]->number[BENCH_EB_VALUE];
		size_t bin;

		if (isfinite(value)) {
			bin = (size_t)fmin((double)(bins - 1), floor((value - start) / step));
			if (++raw[bin] > most)
				most = raw[bin];
		}
		if (with_eb && isfinite(shrunk)) {
			bin = (size_t)fmin((double)(bins - 1), floor((shrunk - start) / step));
			if (++eb[bin] > most)
				most = eb[bin];
		}
	}
	y.domain_high = (double)most;
	fprintf(fp, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Verdeling: ",
		HIST_WIDTH, HIST_HEIGHT);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("\">\n", fp);
	for (i = 0; i < bins; i++)
		if (raw[i])
			fprintf(fp, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"%.1f\"><title>%zu</title></rect>\n",
				jb_scale_map(&x, start + (double)i * step) + 0.5,
				jb_scale_map(&y, (double)raw[i]),
				jb_scale_map(&x, start + step) - jb_scale_map(&x, start) - 1,
				jb_scale_map(&y, 0) - jb_scale_map(&y, (double)raw[i]), raw[i]);
	if (with_eb) {
		fputs("<polyline class=\"eb\" points=\"", fp);
		for (i = 0; i < bins; i++)
			fprintf(fp, "%s%.1f,%.1f %.1f,%.1f", i ? " " : "",
				jb_scale_map(&x, start + (double)i * step), jb_scale_map(&y, (double)eb[i]),
				jb_scale_map(&x, start + (double)(i + 1) * step),
				jb_scale_map(&y, (double)eb[i]));
		fputs("\"/>\n", fp);
	}
	fprintf(fp, "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n",
		x.range_low, x.range_high, jb_scale_map(&y, 0), jb_scale_map(&y, 0));
	step = jb_nice_step(x.domain_low, x.domain_high, 8);
	for (tick = ceil(x.domain_low / step) * step; tick <= x.domain_high + step * 1e-9; tick += step)
		fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
			jb_scale_map(&x, tick), HIST_HEIGHT - 28,
			jb_format_number(label, sizeof(label), tick, tick_decimals(step)));
	if (isfinite(view->national))
		fprintf(fp, "<line class=\"national\" x1=\"%.1f\" x2=\"%.1f\" y1=\"6\" y2=\"%.1f\"/>\n",
			jb_scale_map(&x, view->national), jb_scale_map(&x, view->national),
			jb_scale_map(&y, 0));
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", HIST_WIDTH / 2,
		HIST_HEIGHT - 6);
	jb_html_escape(fp, view->unit && *view->unit ? view->unit : "waarde");
	fputs(" &middot; staven: aantal gemeenten", fp);
	if (with_eb)
		fputs(" &middot; lijn: geschatte waarden (empirisch Bayes)", fp);
	fputs("</text>\n</svg>\n", fp);
}
