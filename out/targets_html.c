/* Sections "Afstand tot het doel": the country and each municipality against a target. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "funnel_svg.h"
#include "html.h"
#include "questions.h"
#include "report.h"
#include "sections.h"
#include "table_html.h"
#include "targets.h"
#include "trend_svg.h"

#define CHART_WIDTH 560
#define CHART_HEIGHT 220
#define CHART_LEFT 52
#define CHART_RIGHT 96
#define CHART_TOP 12
#define CHART_BOTTOM 40

char *jb_target_one_in(char *buf, size_t size, double target, double per)
{
	double k = target > 0 ? per / target : 0;

	if (k >= 2 && k <= 1000 && fabs(k - round(k)) < 1e-4 * k)
		snprintf(buf, size, "1 op de %.0f", round(k));
	else
		snprintf(buf, size, "%s", "");
	return buf;
}

char *jb_format_distance(char *buf, size_t size, double distance, const char *unit,
			 int decimals)
{
	char number[64], zero[64];

	if (!isfinite(distance)) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	jb_format_number(number, sizeof(number), fabs(distance), decimals);
	jb_format_number(zero, sizeof(zero), 0, decimals);
	snprintf(buf, size, "%s%s%s%s", strcmp(number, zero) == 0 ? "" : distance > 0 ? "+" :
		 "\u2212", number, unit && *unit ? " " : "",
		 !unit ? "" : strcmp(unit, "%") == 0 ? "procentpunt" : unit);
	return buf;
}

/* "14,3 % (1 op de 7)": the target with its unit. */
static char *target_text(char *buf, size_t size, const struct jb_indicator_view *view)
{
	char value[64], one_in[64];

	jb_format_value(value, sizeof(value), view->target, view->unit);
	jb_target_one_in(one_in, sizeof(one_in), view->target, view->per);
	snprintf(buf, size, *one_in ? "%s (%s)" : "%s%s", value, one_in);
	return buf;
}

static int shows_target(const struct jb_report *report, const struct jb_indicator_view *view)
{
	return report->targets && report->targets->present && isfinite(view->target) &&
	       view->period;
}

static void figure(FILE *fp, const char *label, const char *text)
{
	fputs("<div class=\"figure\"><span>", fp);
	jb_html_escape(fp, label);
	fputs("</span><b>", fp);
	if (*text)
		jb_html_escape(fp, text);
	else
		fputs("&ndash;", fp);
	fputs("</b></div>", fp);
}

static void count_figure(FILE *fp, const char *label, size_t count)
{
	char text[32];

	snprintf(text, sizeof(text), "%zu", count);
	figure(fp, label, text);
}

/* The first row of the indicator in period with a national value (or any row). */
static const struct jb_bench_row *period_row(const struct jb_report *report,
					     const struct jb_indicator_view *view,
					     const char *period)
{
	const struct jb_bench_row *any = NULL;
	size_t i;

	for (i = 0; i < report->row_count; i++) {
		const struct jb_bench_row *row = &report->rows[i];

		if (strcmp(row->text[BENCH_INDICATOR], view->name) != 0 ||
		    strcmp(row->text[BENCH_PERIOD], period) != 0)
			continue;
		if (isfinite(row->number[BENCH_NATIONAL]))
			return row;
		if (!any)
			any = row;
	}
	return any;
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

/* The national value per period with the middle half of the municipalities, and the target. */
static void national_chart(FILE *fp, const struct jb_report *report,
			   const struct jb_indicator_view *view)
{
	const char *periods[JB_MAX_PERIODS];
	size_t count = jb_indicator_periods(report, view->name, periods), i, known = 0;
	double national[JB_MAX_PERIODS], q1[JB_MAX_PERIODS], q3[JB_MAX_PERIODS], step, tick, span;
	struct jb_scale x = { 0, count > 1 ? (double)(count - 1) : 1, CHART_LEFT,
			      CHART_WIDTH - CHART_RIGHT, 0 };
	struct jb_scale y = { NAN, NAN, CHART_HEIGHT - CHART_BOTTOM, CHART_TOP, 0 };
	char label[64];
	int first;

	for (i = 0; i < count; i++) {
		const struct jb_bench_row *row = period_row(report, view, periods[i]);

		national[i] = row ? row->number[BENCH_NATIONAL] : NAN;
		if (view->value_only || !isfinite(national[i]))
			national[i] = row ? row->number[BENCH_MEDIAN] : NAN;
		q1[i] = row ? row->number[BENCH_Q1] : NAN;
		q3[i] = row ? row->number[BENCH_Q3] : NAN;
		known += isfinite(national[i]);
		widen(&y.domain_low, &y.domain_high, national[i]);
		widen(&y.domain_low, &y.domain_high, q1[i]);
		widen(&y.domain_low, &y.domain_high, q3[i]);
	}
	if (known < 2)
		return;
	widen(&y.domain_low, &y.domain_high, view->target);
	span = y.domain_high - y.domain_low;
	if (!(span > 0))
		span = fabs(y.domain_high) > 0 ? fabs(y.domain_high) * 0.1 : 1;
	y.domain_low = y.domain_low - span * 0.08 < 0 && y.domain_low >= 0 ? 0 :
		       y.domain_low - span * 0.08;
	y.domain_high += span * 0.08;
	fprintf(fp, "<svg class=\"chart trend\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-label=\"Landelijk tegen het doel: ", CHART_WIDTH, CHART_HEIGHT);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("\">\n", fp);
	step = jb_nice_step(y.domain_low, y.domain_high, 4);
	for (tick = ceil(y.domain_low / step) * step; tick <= y.domain_high + step * 1e-9;
	     tick += step)
		fprintf(fp, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", CHART_LEFT,
			CHART_WIDTH - CHART_RIGHT, jb_scale_map(&y, tick), jb_scale_map(&y, tick),
			CHART_LEFT - 6, jb_scale_map(&y, tick) + 4,
			jb_format_number(label, sizeof(label), tick, step < 1 ? 1 : 0));
	for (i = 0; i < count; i++) {
		fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
			jb_scale_map(&x, (double)i), CHART_HEIGHT - CHART_BOTTOM + 18);
		jb_html_escape(fp, jb_format_period(label, sizeof(label), periods[i]));
		fputs("</text>\n", fp);
		if (isfinite(q1[i]) && isfinite(q3[i]))
			fprintf(fp, "<line class=\"quartiles\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				"y2=\"%.1f\"/>\n", jb_scale_map(&x, (double)i),
				jb_scale_map(&x, (double)i), jb_scale_map(&y, q1[i]),
				jb_scale_map(&y, q3[i]));
	}
	fprintf(fp, "<line class=\"target\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
		"<text class=\"target-label\" x=\"%d\" y=\"%.1f\">doel ", CHART_LEFT,
		CHART_WIDTH - CHART_RIGHT, jb_scale_map(&y, view->target),
		jb_scale_map(&y, view->target), CHART_WIDTH - CHART_RIGHT + 6,
		jb_scale_map(&y, view->target) + 4);
	jb_html_escape(fp, jb_format_value(label, sizeof(label), view->target, view->unit));
	fputs("</text>\n", fp);
	for (first = 1, i = 0; i < count; i++) {
		if (!isfinite(national[i]))
			continue;
		fprintf(fp, "%s%.1f,%.1f", first ? "<polyline class=\"series\" points=\"" : " ",
			jb_scale_map(&x, (double)i), jb_scale_map(&y, national[i]));
		first = 0;
	}
	fputs("\"/>\n", fp);
	for (i = 0; i < count; i++) {
		if (!isfinite(national[i]))
			continue;
		fprintf(fp, "<circle class=\"series\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>",
			jb_scale_map(&x, (double)i), jb_scale_map(&y, national[i]));
		jb_html_escape(fp, jb_format_period(label, sizeof(label), periods[i]));
		fputs(": ", fp);
		jb_html_escape(fp, jb_format_value(label, sizeof(label), national[i], view->unit));
		fputs("</title></circle>\n", fp);
	}
	fputs("</svg>\n", fp);
}

static void text_cell(FILE *fp, const char *text, const char *sort)
{
	fputs("<td class=\"num\" data-sort=\"", fp);
	jb_html_escape(fp, sort);
	fputs("\">", fp);
	if (*text)
		jb_html_escape(fp, text);
	else
		fputs("&ndash;", fp);
	fputs("</td>", fp);
}

static void number_cell(FILE *fp, const char *text, double value)
{
	char sort[64];

	snprintf(sort, sizeof(sort), isfinite(value) ? "%.6f" : "", value);
	text_cell(fp, text, sort);
}

/* Every municipality of the newest period: value, distance, place, trend. */
static void municipality_table(FILE *fp, const struct jb_report *report,
			       const struct jb_indicator_view *view)
{
	char text[128], slope[64];
	size_t i;

	fputs("<div class=\"tablewrap\"><table class=\"sortable\">\n<thead><tr>"
	      "<th data-sort-type=\"text\">Gemeente</th>"
	      "<th class=\"num\" data-sort-type=\"num\">Waarde</th>"
	      "<th class=\"num\" data-sort-type=\"num\">Afstand tot het doel</th>"
	      "<th data-sort-type=\"text\">Ten opzichte van het doel</th>"
	      "<th class=\"num\" data-sort-type=\"num\">Trend per jaar</th>"
	      "</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < view->row_count; i++) {
		const struct jb_bench_row *row = view->rows[i];
		const struct jb_target_row *target = jb_target_find(report->targets, view->name,
								    view->period,
								    row->text[BENCH_REGION_CODE]);
		double value = target ? target->value : NAN;
		double distance = value - view->target;

		fputs("<tr><td>", fp);
		if (jb_region_code_is_safe(row->text[BENCH_REGION_CODE])) {
			fputs("<a href=\"gemeente/", fp);
			jb_html_escape(fp, row->text[BENCH_REGION_CODE]);
			fputs(".html\">", fp);
		}
		jb_html_escape(fp, row->text[BENCH_REGION_NAME]);
		fputs(jb_region_code_is_safe(row->text[BENCH_REGION_CODE]) ? "</a></td>" : "</td>", fp);
		number_cell(fp, jb_format_value(text, sizeof(text), value, view->unit), value);
		number_cell(fp, jb_format_distance(text, sizeof(text), distance, view->unit, 1), distance);
		fprintf(fp, "<td class=\"flag\">%s</td>", target && isfinite(value) ?
			jb_target_words(target->target_flag) : "&ndash;");
		jb_format_number(slope, sizeof(slope), row->number[BENCH_TREND_SLOPE], 2);
		snprintf(text, sizeof(text), "%s%s%s", slope, *slope && *row->text[BENCH_TREND_FLAG] ?
			 " " : "", *slope ? jb_trend_words(row->text[BENCH_TREND_FLAG]) : "");
		number_cell(fp, text, row->number[BENCH_TREND_SLOPE]);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table></div>\n", fp);
}

void jb_target_overview(FILE *fp, const struct jb_report *report,
			const struct jb_indicator_view *view)
{
	size_t above = 0, below = 0, within = 0, i;
	char text[128], period[128], distance[64];
	const struct jb_target_set *set = report->targets;

	if (!shows_target(report, view))
		return;
	for (i = 0; i < set->row_count; i++) {
		const struct jb_target_row *row = &set->rows[i];

		if (strcmp(row->indicator, view->name) != 0 || strcmp(row->period, view->period) != 0)
			continue;
		above += strcmp(row->target_flag, "above") == 0;
		below += strcmp(row->target_flag, "below") == 0;
		within += strcmp(row->target_flag, "within") == 0;
	}
	fputs("<section class=\"indicator target\" id=\"doel-", fp);
	jb_html_escape(fp, view->name);
	fputs("\">\n<h2>Afstand tot het doel: ", fp);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("</h2>\n<p class=\"meta\">Periode: ", fp);
	jb_html_escape(fp, jb_format_view_period(period, sizeof(period), view));
	fputs(" &middot; doel uit de configuratie (targets.csv)", fp);
	fputs(view->synthetic ? " &middot; <strong>synthetische gegevens, geen CBS-cijfers"
				"</strong></p>\n" : "</p>\n", fp);
	jb_format_distance(distance, sizeof(distance), view->national - view->target, view->unit, 1);
	fputs("<div class=\"figures\">", fp);
	figure(fp, "Doel", target_text(text, sizeof(text), view));
	figure(fp, "Landelijk", jb_format_value(text, sizeof(text), view->national, view->unit));
	figure(fp, "Landelijk tegen het doel", distance);
	count_figure(fp, "Gemeenten boven het doel", above);
	count_figure(fp, "Niet duidelijk anders", within);
	count_figure(fp, "Gemeenten onder het doel", below);
	fputs("</div>\n", fp);
	if (*distance) {
		fputs("<p>Landelijk is de waarde ", fp);
		jb_html_escape(fp, jb_format_value(text, sizeof(text), view->national, view->unit));
		fputs(": ", fp);
		jb_html_escape(fp, distance);
		fputs(" ten opzichte van het doel van ", fp);
		jb_html_escape(fp, target_text(text, sizeof(text), view));
		fprintf(fp, ". Van de %zu gemeenten met een waarde liggen er %zu aantoonbaar boven "
			"het doel en %zu eronder (het 95%%-interval ligt helemaal boven of onder het "
			"doel).</p>\n", above + below + within, above, below);
	}
	fputs("<h3>Landelijk per periode</h3>\n<p class=\"meta\">Lijn: landelijk; verticale "
	      "streep: de middelste helft van de gemeenten (Q1&ndash;Q3); groene lijn: het doel."
	      "</p>\n", fp);
	national_chart(fp, report, view);
	fputs("<h3>Per gemeente</h3>\n", fp);
	municipality_table(fp, report, view);
	fputs("</section>\n", fp);
}

/* "bij deze trend is het doel over ongeveer 3 jaar bereikt", or where it goes. */
static void trend_words(FILE *fp, const struct jb_indicator_view *view,
			const struct jb_bench_row *row, double distance)
{
	double slope = row->number[BENCH_TREND_SLOPE];
	const char *flag = row->text[BENCH_TREND_FLAG];
	char text[64], low[64], high[64];

	if (!isfinite(slope) || !*flag)
		return;
	fputs("<p>Trend: ", fp);
	jb_html_escape(fp, jb_format_distance(text, sizeof(text), slope, view->unit, 2));
	fputs(" per jaar", fp);
	if (isfinite(row->number[BENCH_TREND_LOW]) && isfinite(row->number[BENCH_TREND_HIGH])) {
		fputs(" [", fp);
		jb_html_escape(fp, jb_format_number(low, sizeof(low), row->number[BENCH_TREND_LOW], 2));
		fputs(" \u2013 ", fp);
		jb_html_escape(fp, jb_format_number(high, sizeof(high), row->number[BENCH_TREND_HIGH],
						    2));
		fputs("]", fp);
	}
	fputs(", ", fp);
	jb_html_escape(fp, jb_trend_words(flag));
	if (strcmp(flag, "flat") == 0 || !isfinite(distance) || !(fabs(slope) > 0)) {
		fputs(".</p>\n", fp);
		return;
	}
	if ((distance < 0) == (slope > 0))
		fprintf(fp, ": de afstand tot het doel wordt kleiner; bij deze trend is het doel "
			"over ongeveer %.0f jaar bereikt.</p>\n",
			fmax(1, round(fabs(distance) / fabs(slope))));
	else
		fputs(": de afstand tot het doel wordt groter.</p>\n", fp);
}

void jb_target_region(FILE *fp, const struct jb_report *report,
		      const struct jb_indicator_view *view, const char *region_code)
{
	const struct jb_target_row *rows, *newest;
	const struct jb_bench_row *row;
	char text[128], value[64], period[128], distance[64], low[64], high[64];
	size_t count, i;

	if (!shows_target(report, view))
		return;
	rows = jb_targets_of(report->targets, view->name, region_code, &count);
	newest = jb_target_find(report->targets, view->name, view->period, region_code);
	row = jb_view_find(view, region_code);
	if (!rows || !newest || !row)
		return;
	fputs("<section class=\"indicator target\">\n<h2>Afstand tot het doel: ", fp);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("</h2>\n<p class=\"meta\">Periode: ", fp);
	jb_html_escape(fp, jb_format_view_period(period, sizeof(period), view));
	fputs(view->synthetic ? " &middot; <strong>synthetische gegevens, geen CBS-cijfers"
				"</strong></p>\n" : "</p>\n", fp);
	if (!isfinite(newest->value)) {
		fputs("<p>Geen waarde voor deze gemeente in deze periode.</p>\n</section>\n", fp);
		return;
	}
	jb_format_distance(distance, sizeof(distance), newest->value - newest->target, view->unit, 1);
	fputs("<p class=\"verdict\"><strong>", fp);
	jb_html_escape(fp, row->text[BENCH_REGION_NAME]);
	fputs(": ", fp);
	jb_html_escape(fp, jb_format_value(value, sizeof(value), newest->value, view->unit));
	fputs(", ", fp);
	jb_html_escape(fp, distance);
	fputs(" ten opzichte van het doel van ", fp);
	jb_html_escape(fp, target_text(text, sizeof(text), view));
	fputs(": ", fp);
	jb_html_escape(fp, jb_target_words(newest->target_flag));
	fputs(".</strong>", fp);
	if (!view->value_only && isfinite(row->number[BENCH_CI_LOW]) &&
	    isfinite(row->number[BENCH_CI_HIGH]) && *newest->target_flag) {
		fputs(" Het 95%-interval (", fp);
		jb_html_escape(fp, jb_format_number(low, sizeof(low), row->number[BENCH_CI_LOW], 1));
		fputs(" \u2013 ", fp);
		jb_html_escape(fp, jb_format_number(high, sizeof(high), row->number[BENCH_CI_HIGH], 1));
		fputs(strcmp(newest->target_flag, "within") == 0 ? ") omvat het doel." :
		      strcmp(newest->target_flag, "above") == 0 ? ") ligt helemaal boven het doel." :
		      ") ligt helemaal onder het doel.", fp);
	}
	fputs("</p>\n", fp);
	trend_words(fp, view, row, newest->value - newest->target);
	fputs("<table class=\"facts\">\n<thead><tr><th>Periode</th><th class=\"num\">Waarde</th>"
	      "<th class=\"num\">Afstand tot het doel</th><th>Ten opzichte van het doel</th>"
	      "</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < count; i++) {
		fputs("<tr><td>", fp);
		jb_html_escape(fp, jb_format_period(period, sizeof(period), rows[i].period));
		fputs("</td><td class=\"num\">", fp);
		jb_format_value(value, sizeof(value), rows[i].value, view->unit);
		jb_html_escape(fp, *value ? value : "\u2013");
		fputs("</td><td class=\"num\">", fp);
		jb_format_distance(distance, sizeof(distance), rows[i].value - rows[i].target,
				   view->unit, 1);
		jb_html_escape(fp, *distance ? distance : "\u2013");
		fputs("</td><td>", fp);
		fputs(isfinite(rows[i].value) ? jb_target_words(rows[i].target_flag) : "&ndash;", fp);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody></table>\n</section>\n", fp);
}
