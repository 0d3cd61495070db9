/* gemeente/<code>.html: one municipality's indicators against national and quartiles. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "funnel_svg.h"
#include "html.h"
#include "pages.h"
#include "questions.h"
#include "report.h"
#include "sections.h"
#include "table_html.h"
#include "trend_svg.h"
#include "xalloc.h"

#define BAR_WIDTH 480
#define BAR_HEIGHT 46

static void widen(double *low, double *high, double value)
{
	if (!isfinite(value))
		return;
	if (isnan(*low) || value < *low)
		*low = value;
	if (isnan(*high) || value > *high)
		*high = value;
}

/* The municipality's value as a dot on the spread of all municipalities. */
static void position_bar(FILE *fp, const struct jb_indicator_view *view,
			 const struct jb_bench_row *row)
{
	struct jb_scale x = { NAN, NAN, 10, BAR_WIDTH - 10, 0 };
	double value = row->number[BENCH_VALUE], span;
	size_t i;

	for (i = 0; i < view->row_count; i++)
		widen(&x.domain_low, &x.domain_high, view->rows[i]->number[BENCH_VALUE]);
	widen(&x.domain_low, &x.domain_high, view->national);
	widen(&x.domain_low, &x.domain_high, view->target);
	if (!isfinite(value) || isnan(x.domain_low))
		return;
	span = x.domain_high - x.domain_low;
	if (!(span > 0))
		span = 1;
	x.domain_low -= span * 0.03;
	x.domain_high += span * 0.03;
	fprintf(fp, "<svg class=\"chart\" style=\"max-width:30rem\" viewBox=\"0 0 %d %d\" "
		"role=\"img\" aria-label=\"Positie tussen alle gemeenten\">\n", BAR_WIDTH, BAR_HEIGHT);
	fprintf(fp, "<line class=\"axis\" x1=\"10\" x2=\"%d\" y1=\"23\" y2=\"23\"/>\n",
		BAR_WIDTH - 10);
	if (isfinite(view->q1) && isfinite(view->q3))
		fprintf(fp, "<rect class=\"box\" x=\"%.1f\" y=\"13\" width=\"%.1f\" height=\"20\"/>\n",
			jb_scale_map(&x, view->q1),
			jb_scale_map(&x, view->q3) - jb_scale_map(&x, view->q1));
	if (isfinite(view->median))
		fprintf(fp, "<line class=\"national\" x1=\"%.1f\" x2=\"%.1f\" y1=\"13\" y2=\"33\"/>\n",
			jb_scale_map(&x, view->median), jb_scale_map(&x, view->median));
	if (isfinite(view->national))
		fprintf(fp, "<line class=\"limit95\" x1=\"%.1f\" x2=\"%.1f\" y1=\"5\" y2=\"41\"/>\n",
			jb_scale_map(&x, view->national), jb_scale_map(&x, view->national));
	if (isfinite(view->target)) {
		char target[64];

		fprintf(fp, "<line class=\"target\" x1=\"%.1f\" x2=\"%.1f\" y1=\"3\" y2=\"43\">"
			"<title>doel ", jb_scale_map(&x, view->target), jb_scale_map(&x, view->target));
		jb_html_escape(fp, jb_format_value(target, sizeof(target), view->target, view->unit));
		fputs("</title></line>\n", fp);
	}
	fprintf(fp, "<circle class=\"%s\" cx=\"%.1f\" cy=\"23\" r=\"6\"/>\n</svg>\n",
		view->value_only ? "f-above998" :
		jb_flag_class(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]),
		jb_scale_map(&x, value));
}

static void fact(FILE *fp, const char *label, const char *text)
{
	fputs("<tr><th scope=\"row\">", fp);
	jb_html_escape(fp, label);
	fputs("</th><td class=\"num\">", fp);
	if (text && *text)
		jb_html_escape(fp, text);
	else
		fputs("&ndash;", fp);
	fputs("</td></tr>\n", fp);
}

static void value_fact(FILE *fp, const char *label, double value, const char *unit)
{
	char text[64];

	fact(fp, label, jb_format_value(text, sizeof(text), value, unit));
}

/* Every period of the indicator for this municipality, oldest first, and its trend chart. */
static void history(FILE *fp, const struct jb_report *report,
		    const struct jb_indicator_view *view, const char *region_code)
{
	size_t i, count = 0;
	char period[64], value[64];

	for (i = 0; i < report->row_count; i++)
		if (strcmp(report->rows[i].text[BENCH_INDICATOR], view->name) == 0 &&
		    strcmp(report->rows[i].text[BENCH_REGION_CODE], region_code) == 0)
			count++;
	if (count < 2)
		return;
	fputs("<p class=\"meta\">Eerdere perioden: ", fp);
	for (i = 0; i < report->row_count; i++) {
		const struct jb_bench_row *row = &report->rows[i];

		if (strcmp(row->text[BENCH_INDICATOR], view->name) != 0 ||
		    strcmp(row->text[BENCH_REGION_CODE], region_code) != 0)
			continue;
		jb_html_escape(fp, jb_format_period(period, sizeof(period), row->text[BENCH_PERIOD]));
		if (jb_is_provisional(row->text[BENCH_PERIOD_STATUS]))
			fputs("*", fp);
		fputs(": ", fp);
		jb_format_value(value, sizeof(value), row->number[BENCH_VALUE], view->unit);
		if (*value)
			jb_html_escape(fp, value);
		else
			fputs("&ndash;", fp);
		fputs(--count ? " &middot; " : "", fp);
	}
	fputs("</p>\n", fp);
	jb_trend_svg(fp, report, view, region_code, 0);
	fprintf(fp, "<p class=\"meta\">Lijn: deze gemeente per periode; streepjes: 95%%-interval; "
		"stippellijn: %s; open punt: voorlopig.</p>\n", view->value_only ? "mediaan" : "landelijk");
}

/* "12,3 [11,0 - 13,5]" with the unit after the value, or "" without a value. */
static char *interval_text(char *buf, size_t size, double value, double low, double high,
			   const char *unit, int decimals)
{
	char number[64], from[64], to[64];

	if (unit)
		jb_format_value(number, sizeof(number), value, unit);
	else
		jb_format_number(number, sizeof(number), value, decimals);
	if (!*number || !isfinite(low) || !isfinite(high))
		snprintf(buf, size, "%s", number);
	else
		snprintf(buf, size, "%s [%s \u2013 %s]", number,
			 jb_format_number(from, sizeof(from), low, decimals),
			 jb_format_number(to, sizeof(to), high, decimals));
	return buf;
}

/* The facts from the optional benchmark columns that this row has. */
static void more_facts(FILE *fp, const struct jb_indicator_view *view,
		       const struct jb_bench_row *row)
{
	const double *n = row->number;
	char text[256], slope[160], count[32], rank[64];

	if (isfinite(n[BENCH_EB_VALUE]))
		fact(fp, "Geschat (empirisch Bayes)", interval_text(text, sizeof(text),
		     n[BENCH_EB_VALUE], n[BENCH_EB_LOW], n[BENCH_EB_HIGH], view->unit, 1));
	if (isfinite(n[BENCH_RANK])) {
		snprintf(count, sizeof(count), "%zu", view->row_count);
		interval_text(rank, sizeof(rank), n[BENCH_RANK], n[BENCH_RANK_LOW], n[BENCH_RANK_HIGH],
			      NULL, 0);
		snprintf(text, sizeof(text), "%s van %s (1 = hoogste)", rank, count);
		fact(fp, "Rang", text);
	}
	if (isfinite(n[BENCH_TREND_SLOPE])) {
		interval_text(slope, sizeof(slope), n[BENCH_TREND_SLOPE], n[BENCH_TREND_LOW],
			      n[BENCH_TREND_HIGH], NULL, 2);
		snprintf(text, sizeof(text), "%s per jaar%s%s", slope,
			 *row->text[BENCH_TREND_FLAG] ? ": " : "",
			 jb_trend_words(row->text[BENCH_TREND_FLAG]));
		fact(fp, "Trend", text);
	}
	if (isfinite(n[BENCH_PEER_VALUE])) {
		jb_format_value(slope, sizeof(slope), n[BENCH_PEER_VALUE], view->unit);
		snprintf(text, sizeof(text), "%s%s%s", slope, *row->text[BENCH_PEER_FLAG] ? ": " : "",
			 jb_flag_words(row->text[BENCH_PEER_FLAG], NULL));
		fact(fp, "Vergelijkbare gemeenten", text);
	}
	if (isfinite(n[BENCH_OE_RATIO])) {
		interval_text(slope, sizeof(slope), n[BENCH_OE_RATIO], n[BENCH_OE_LOW],
			      n[BENCH_OE_HIGH], NULL, 2);
		snprintf(text, sizeof(text), "%s%s%s", slope, *row->text[BENCH_OE_FLAG] ? ": " : "",
			 jb_flag_words(row->text[BENCH_OE_FLAG], NULL));
		fact(fp, "Waargenomen / verwacht", text);
		fact(fp, "Verwacht aantal", jb_format_number(text, sizeof(text), n[BENCH_EXPECTED], 0));
	}
	if (strcmp(row->text[BENCH_HARMONISED], "yes") == 0)
		fact(fp, "Indeling", "omgerekend naar de huidige gemeentelijke indeling");
}

static void region_indicator(FILE *fp, const struct jb_report *report,
			     const struct jb_indicator_view *view, const char *region_code)
{
	const struct jb_bench_row *row = jb_view_find(view, region_code);
	char period[128], text[256], low[64], high[64];

	fputs("<section class=\"indicator\">\n<h2>", fp);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("</h2>\n<p class=\"meta\">Periode: ", fp);
	jb_html_escape(fp, jb_format_view_period(period, sizeof(period), view));
	fputs(view->synthetic ? " &middot; <strong>synthetische gegevens, geen CBS-cijfers"
				"</strong></p>\n" : "</p>\n", fp);
	if (!row) {
		fputs("<p>Geen gegevens voor deze gemeente in deze periode.</p>\n</section>\n", fp);
		return;
	}
	position_bar(fp, view, row);
	fprintf(fp, "<p class=\"meta\">Punt: deze gemeente; grijs vlak: middelste helft van de "
		"gemeenten; lijn: mediaan; stippellijn: landelijk%s.</p>\n",
		isfinite(view->target) ? "; groene lijn: het doel" : "");
	fputs("<table class=\"facts\">\n", fp);
	value_fact(fp, "Deze gemeente", row->number[BENCH_VALUE], view->unit);
	if (!view->value_only) {
		if (isfinite(row->number[BENCH_CI_LOW]) && isfinite(row->number[BENCH_CI_HIGH])) {
			snprintf(text, sizeof(text), "%s \u2013 %s",
				 jb_format_number(low, sizeof(low), row->number[BENCH_CI_LOW], 1),
				 jb_format_number(high, sizeof(high), row->number[BENCH_CI_HIGH], 1));
			fact(fp, "95%-interval", text);
		}
		fact(fp, "Teller", jb_format_number(text, sizeof(text), row->number[BENCH_NUMERATOR], 0));
		fact(fp, "Noemer", jb_format_number(text, sizeof(text), row->number[BENCH_DENOMINATOR], 0));
		value_fact(fp, "Landelijk", view->national, view->unit);
		fact(fp, "Signaal", jb_status_words(row->text[BENCH_STATUS]) ?
		     jb_status_words(row->text[BENCH_STATUS]) :
		     jb_flag_words(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]));
	}
	if (isfinite(view->target)) {
		char target[64], distance[64];

		jb_format_value(target, sizeof(target), view->target, view->unit);
		jb_format_distance(distance, sizeof(distance), row->number[BENCH_VALUE] - view->target,
				   view->unit, 1);
		snprintf(text, sizeof(text), "%s%s%s%s", target, *distance ? " (deze gemeente " : "",
			 distance, *distance ? ")" : "");
		fact(fp, "Doel", text);
	}
	more_facts(fp, view, row);
	value_fact(fp, "Q1 (25%)", view->q1, view->unit);
	value_fact(fp, "Mediaan", view->median, view->unit);
	value_fact(fp, "Q3 (75%)", view->q3, view->unit);
	fact(fp, "Positie", jb_quartile_words(row->number[BENCH_VALUE], view->q1, view->median,
					      view->q3));
	fputs("</table>\n", fp);
	history(fp, report, view, region_code);
	fputs("</section>\n", fp);
}

void jb_region_page(FILE *fp, const void *context)
{
	const struct jb_region_page *page = context;
	const struct jb_report *report = page->report;
	char *title = jb_xasprintf("%s (%s)", page->region_name, page->region_code);
	size_t i;

	jb_html_begin(fp, report, title, "../");
	free(title);
	for (i = 0; i < report->indicator_count; i++) {
		jb_mixes_after(fp, report, i, page->region_code);
		region_indicator(fp, report, &report->indicators[i], page->region_code);
		jb_target_region(fp, report, &report->indicators[i], page->region_code);
	}
	jb_mixes_after(fp, report, report->indicator_count, page->region_code);
	jb_peer_section(fp, report, page->region_code);
	jb_context_section(fp, report, page->region_code);
	jb_html_end(fp, report);
}
