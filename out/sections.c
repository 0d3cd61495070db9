#include "sections.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "html.h"
#include "report.h"
#include "stats_extra.h"
#include "table_html.h"
#include "trend_svg.h"
#include "xalloc.h"

#define MAX_MULTIPLES 20
#define GROUP_MEMBERS 12
#define EXTREMES 4
#define MAX_PEER_TABLES 32

const char *jb_trend_words(const char *trend_flag)
{
	if (!trend_flag || !*trend_flag)
		return "";
	if (strcmp(trend_flag, "up") == 0)
		return "stijgend";
	if (strcmp(trend_flag, "down") == 0)
		return "dalend";
	if (strcmp(trend_flag, "flat") == 0)
		return "geen duidelijke trend";
	return trend_flag;
}

static const char *peer_cell(const struct jb_stats_extra *extra, size_t row, int column)
{
	return column < 0 ? "" : jb_csv_cell(&extra->peers, row, (size_t)column);
}

/* The first named group of peers.csv and up to max of its members. */
static const char *first_group(const struct jb_stats_extra *extra, const char **codes,
			       size_t *count, size_t max)
{
	const char *group = NULL;
	size_t i;

	if (!extra || !extra->has_peers)
		return NULL;
	for (i = 0; i < extra->peers.row_count; i++) {
		const char *type = peer_cell(extra, i, extra->peer_type);
		const char *name = peer_cell(extra, i, extra->peer_group);
		const char *member[2];
		size_t m;

		if (strcmp(type, "group") != 0 || !*name)
			continue;
		if (!group)
			group = name;
		if (strcmp(group, name) != 0)
			continue;
		member[0] = peer_cell(extra, i, extra->peer_region);
		member[1] = peer_cell(extra, i, extra->peer_code);
		for (m = 0; m < 2; m++)
			if (*member[m] && *count < max && !jb_code_listed(codes, *count, member[m]))
				codes[(*count)++] = member[m];
	}
	return group;
}

static int by_value(const void *a, const void *b)
{
	const struct jb_bench_row *x = *(const struct jb_bench_row *const *)a;
	const struct jb_bench_row *y = *(const struct jb_bench_row *const *)b;
	double vx = x->number[BENCH_VALUE], vy = y->number[BENCH_VALUE];

	if (vx != vy)
		return vx > vy ? -1 : 1;
	return strcmp(x->text[BENCH_REGION_CODE], y->text[BENCH_REGION_CODE]);
}

/* "12,0 % -> 13,0 %": the value in the first and in the last period. */
static void first_last(FILE *fp, const struct jb_report *report,
		       const struct jb_indicator_view *view, const char *code)
{
	const struct jb_bench_row *first = NULL, *last = NULL;
	char value[64];
	size_t i;

	for (i = 0; i < report->row_count; i++) {
		const struct jb_bench_row *row = &report->rows[i];

		if (strcmp(row->text[BENCH_INDICATOR], view->name) != 0 ||
		    strcmp(row->text[BENCH_REGION_CODE], code) != 0 ||
		    !isfinite(row->number[BENCH_VALUE]))
			continue;
		if (!first || strcmp(row->text[BENCH_PERIOD], first->text[BENCH_PERIOD]) < 0)
			first = row;
		if (!last || strcmp(row->text[BENCH_PERIOD], last->text[BENCH_PERIOD]) > 0)
			last = row;
	}
	if (!first || first == last)
		return;
	fputs("<small>", fp);
	jb_html_escape(fp, jb_format_value(value, sizeof(value), first->number[BENCH_VALUE],
					   view->unit));
	fputs(" &rarr; ", fp);
	jb_html_escape(fp, jb_format_value(value, sizeof(value), last->number[BENCH_VALUE],
					   view->unit));
	fputs("</small>", fp);
}

static void multiple(FILE *fp, const struct jb_report *report,
		     const struct jb_indicator_view *view, const char *code)
{
	const struct jb_bench_row *newest = jb_view_find(view, code);

	fputs("<figure class=\"spark\"><figcaption>", fp);
	if (jb_region_code_is_safe(code)) {
		fputs("<a href=\"gemeente/", fp);
		jb_html_escape(fp, code);
		fputs(".html\">", fp);
	}
	jb_html_escape(fp, jb_report_region_name(report, code));
	fputs(jb_region_code_is_safe(code) ? "</a>" : "", fp);
	if (newest && *newest->text[BENCH_TREND_FLAG]) {
		fputs(" <small>", fp);
		jb_html_escape(fp, jb_trend_words(newest->text[BENCH_TREND_FLAG]));
		fputs("</small>", fp);
	}
	fputs("</figcaption>", fp);
	jb_trend_svg(fp, report, view, code, 1);
	first_last(fp, report, view, code);
	fputs("</figure>\n", fp);
}

void jb_trend_multiples(FILE *fp, const struct jb_report *report,
			const struct jb_indicator_view *view)
{
	const char *periods[JB_MAX_PERIODS], *codes[MAX_MULTIPLES];
	struct jb_bench_row **sorted;
	size_t count = 0, group_count, ranked = 0, i, shown;
	const char *group;

	if (jb_indicator_periods(report, view->name, periods) < 2 || view->row_count == 0)
		return;
	group = first_group(report->extra, codes, &count, GROUP_MEMBERS);
	group_count = count;
	sorted = jb_xcalloc(view->row_count, sizeof(*sorted));
	for (i = 0; i < view->row_count; i++)
		if (isfinite(view->rows[i]->number[BENCH_VALUE]))
			sorted[ranked++] = view->rows[i];
	qsort(sorted, ranked, sizeof(*sorted), by_value);
	for (i = 0, shown = 0; i < ranked && shown < EXTREMES && count < MAX_MULTIPLES; i++)
		if (!jb_code_listed(codes, count, sorted[i]->text[BENCH_REGION_CODE])) {
			codes[count++] = sorted[i]->text[BENCH_REGION_CODE];
			shown++;
		}
	for (i = ranked, shown = 0; i > 0 && shown < EXTREMES && count < MAX_MULTIPLES; i--)
		if (!jb_code_listed(codes, count, sorted[i - 1]->text[BENCH_REGION_CODE])) {
			codes[count++] = sorted[i - 1]->text[BENCH_REGION_CODE];
			shown++;
		}
	free(sorted);
	fputs("<h3>Trend per gemeente</h3>\n<p class=\"meta\">Alle perioden; lijn met punten: de "
	      "gemeente, verticale streepjes: 95%-interval, stippellijn: ", fp);
	fputs(view->value_only ? "mediaan" : "landelijk", fp);
	fputs(". Elk grafiekje heeft een eigen schaal; eronder de waarde in de eerste en in de "
	      "laatste periode.</p>\n", fp);
	if (group_count) {
		fputs("<p class=\"meta\"><strong>", fp);
		jb_html_escape(fp, jb_report_group_title(report, group));
		fputs("</strong></p>\n<div class=\"sparks\">\n", fp);
		for (i = 0; i < group_count; i++)
			multiple(fp, report, view, codes[i]);
		fputs("</div>\n", fp);
	}
	fputs("<p class=\"meta\"><strong>Hoogste en laagste waarden</strong></p>\n"
	      "<div class=\"sparks\">\n", fp);
	for (i = group_count; i < count; i++)
		multiple(fp, report, view, codes[i]);
	fputs("</div>\n", fp);
}

/* A cell of models.csv: numbers in Dutch with at most 3 decimals, text as it is. */
static void model_cell(FILE *fp, const char *text)
{
	char number[64], *end;
	double value = strtod(text, &end);

	fputs("<td class=\"num\">", fp);
	if (*text && !*end && isfinite(value))
		jb_html_escape(fp, jb_format_number(number, sizeof(number), value,
						    value == floor(value) && fabs(value) < 1e15 ? 0 : 3));
	else
		jb_html_escape(fp, text);
	fputs("</td>", fp);
}

void jb_models_table(FILE *fp, const struct jb_report *report,
		     const struct jb_indicator_view *view)
{
	const struct jb_stats_extra *extra = report->extra;
	size_t row, column, shown = 0;
	long indicator_column = -1, period_column = -1;

	if (!extra || !extra->has_models)
		return;
	for (column = 0; column < extra->models.column_count; column++) {
		if (strcmp(extra->models.header[column], "indicator") == 0)
			indicator_column = (long)column;
		if (strcmp(extra->models.header[column], "period") == 0)
			period_column = (long)column;
	}
	if ((view != NULL) != (indicator_column >= 0))
		return;
	for (row = 0; row < extra->models.row_count; row++) {
		if (view && strcmp(jb_csv_cell(&extra->models, row, (size_t)indicator_column),
				   view->name) != 0)
			continue;
		if (view && period_column >= 0 && view->period &&
		    strcmp(jb_csv_cell(&extra->models, row, (size_t)period_column), view->period) != 0)
			continue;
		if (shown++ == 0) {
			fputs("<details class=\"model\"><summary>Model van de verwachte waarden "
			      "(models.csv, nieuwste periode)</summary>\n<div class=\"tablewrap\"><table>\n<thead><tr>", fp);
			for (column = 0; column < extra->models.column_count; column++) {
				if ((long)column == indicator_column)
					continue;
				fputs("<th>", fp);
				jb_html_escape(fp, extra->models.header[column]);
				fputs("</th>", fp);
			}
			fputs("</tr></thead>\n<tbody>\n", fp);
		}
		fputs("<tr>", fp);
		for (column = 0; column < extra->models.column_count; column++) {
			if ((long)column == indicator_column)
				continue;
			model_cell(fp, jb_csv_cell(&extra->models, row, column));
		}
		fputs("</tr>\n", fp);
	}
	if (shown)
		fputs("</tbody></table></div></details>\n", fp);
}

static const char *peer_type_words(const char *type)
{
	if (strcmp(type, "similar") == 0)
		return "Vergelijkbare gemeenten (op kenmerken)";
	if (strcmp(type, "size") == 0)
		return "Gemeenten van dezelfde grootte";
	if (strcmp(type, "urbanity") == 0)
		return "Gemeenten met dezelfde stedelijkheid";
	if (strcmp(type, "group") == 0)
		return "Groep";
	return type;
}

static void region_link(FILE *fp, const struct jb_report *report, const char *code)
{
	if (jb_region_code_is_safe(code)) {
		fputs("<a href=\"", fp);
		jb_html_escape(fp, code);
		fputs(".html\">", fp);
	}
	jb_html_escape(fp, jb_report_region_name(report, code));
	if (jb_region_code_is_safe(code))
		fputs("</a>", fp);
}

static void value_cells(FILE *fp, const struct jb_report *report, const char *code)
{
	char text[64];
	size_t i;

	for (i = 0; i < report->indicator_count; i++) {
		const struct jb_indicator_view *view = &report->indicators[i];
		const struct jb_bench_row *row = jb_view_find(view, code);
		double value = row ? row->number[BENCH_VALUE] : NAN;

		if (isfinite(value))
			fprintf(fp, "<td class=\"num\" data-sort=\"%.6f\">%s</td>", value,
				jb_format_value(text, sizeof(text), value, view->unit));
		else
			fputs("<td class=\"num\" data-sort=\"\">&ndash;</td>", fp);
	}
}

#define PEER_TOP 10 /* size and urbanity peers: the most alike first, the rest folded */

/* The context measure that orders peers of a type: population for size, density for urbanity. */
static int peer_measure(const struct jb_report *report, const char *type)
{
	if (!report->extra->context)
		return -1;
	if (strcmp(type, "size") == 0)
		return CONTEXT_POPULATION;
	if (strcmp(type, "urbanity") == 0)
		return CONTEXT_DENSITY;
	return -1;
}

static double context_value(const struct jb_report *report, const char *code, int measure)
{
	const struct jb_context_region *region = jb_context_find(report->extra, code);

	return region && measure >= 0 ? region->value[measure] : NAN;
}

static void number_cell(FILE *fp, double value, int decimals)
{
	char text[64];

	if (isfinite(value))
		fprintf(fp, "<td class=\"num\" data-sort=\"%.6f\">%s</td>", value,
			jb_format_number(text, sizeof(text), value, decimals));
	else
		fputs("<td class=\"num\" data-sort=\"\">&ndash;</td>", fp);
}

/* The head of a peer table and the municipality's own row. */
static void peer_table_open(FILE *fp, const struct jb_report *report, const char *region_code,
			    int distance, int measure)
{
	size_t i;

	fputs("<div class=\"tablewrap\"><table class=\"sortable peers\">\n<thead><tr>"
	      "<th data-sort-type=\"text\">Gemeente</th>", fp);
	if (distance)
		fputs("<th class=\"num\" data-sort-type=\"num\" title=\"afstand op de "
		      "gestandaardiseerde kenmerken; kleiner is meer gelijk\">Afstand</th>", fp);
	if (measure >= 0) {
		fputs("<th class=\"num\" data-sort-type=\"num\">", fp);
		jb_html_escape(fp, jb_context_label((enum jb_context_measure)measure));
		fputs("</th>", fp);
	}
	for (i = 0; i < report->indicator_count; i++) {
		char period[64];

		fputs("<th class=\"num\" data-sort-type=\"num\">", fp);
		jb_html_escape(fp, report->indicators[i].title ? report->indicators[i].title :
				   report->indicators[i].name);
		jb_format_view_period(period, sizeof(period), &report->indicators[i]);
		if (!report->indicators[i].title || !strstr(report->indicators[i].title, period)) {
			fputs(" <small>", fp);
			jb_html_escape(fp, period);
			fputs("</small>", fp);
		}
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n<tr class=\"self\"><td><strong>", fp);
	jb_html_escape(fp, jb_report_region_name(report, region_code));
	fputs("</strong> (deze gemeente)</td>", fp);
	if (distance)
		fputs("<td class=\"num\" data-sort=\"-1\">&ndash;</td>", fp);
	if (measure >= 0)
		number_cell(fp, context_value(report, region_code, measure), 0);
	value_cells(fp, report, region_code);
	fputs("</tr>\n", fp);
}

/* The rows of peers.csv given, one per peer, and the end of the table. */
static void peer_rows(FILE *fp, const struct jb_report *report, const size_t *rows, size_t count,
		      int distance, int measure)
{
	const struct jb_stats_extra *extra = report->extra;
	size_t i;

	for (i = 0; i < count; i++) {
		const char *code = peer_cell(extra, rows[i], extra->peer_code);

		fputs("<tr><td>", fp);
		region_link(fp, report, code);
		fputs("</td>", fp);
		if (distance) {
			const char *cell = peer_cell(extra, rows[i], extra->peer_distance);
			char *rest;
			double value = strtod(cell, &rest);

			number_cell(fp, *rest || rest == cell ? NAN : value, 2);
		}
		if (measure >= 0)
			number_cell(fp, context_value(report, code, measure), 0);
		value_cells(fp, report, code);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table></div>\n", fp);
}

/* How unlike a peer is in the measure: the distance of the logarithms; unknown last. */
struct alike {
	size_t row;
	double distance;
};

static int by_alike(const void *a, const void *b)
{
	const struct alike *x = a, *y = b;

	if (isnan(x->distance) != isnan(y->distance))
		return isnan(x->distance) ? 1 : -1;
	if (x->distance != y->distance && !isnan(x->distance))
		return x->distance < y->distance ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/*
 * One table of the peers of one type (and group) of the municipality; size
 * and urbanity peers beyond PEER_TOP: the most alike in population or
 * density first, then every peer folded in a <details>.
 */
static void peer_table(FILE *fp, const struct jb_report *report, const char *region_code,
		       const char *type, const char *group)
{
	const struct jb_stats_extra *extra = report->extra;
	int distance = strcmp(type, "similar") == 0 && extra->peer_distance >= 0;
	int measure = peer_measure(report, type);
	double own = context_value(report, region_code, measure);
	size_t begin, end, count = 0, i, *rows, *top;
	struct alike *alike;

	jb_peers_of(extra, region_code, &begin, &end);
	rows = jb_xcalloc(end - begin + 1, sizeof(*rows));
	for (; begin < end; begin++) {
		size_t row = extra->peer_order[begin];

		if (strcmp(peer_cell(extra, row, extra->peer_type), type) == 0 &&
		    strcmp(peer_cell(extra, row, extra->peer_group), group) == 0 &&
		    *peer_cell(extra, row, extra->peer_code))
			rows[count++] = row;
	}
	fputs("<h3>", fp);
	jb_html_escape(fp, peer_type_words(type));
	if (*group && strcmp(group, type) != 0) {
		fputs(": ", fp);
		/* a named group by its title from the configuration, not its section name */
		jb_html_escape(fp, strcmp(type, "group") == 0 ?
				   jb_report_group_title(report, group) : group);
	}
	fputs("</h3>\n", fp);
	if (measure < 0 || !(own > 0) || count <= PEER_TOP) {
		peer_table_open(fp, report, region_code, distance, measure);
		peer_rows(fp, report, rows, count, distance, measure);
		free(rows);
		return;
	}
	alike = jb_xcalloc(count, sizeof(*alike));
	top = jb_xcalloc(PEER_TOP, sizeof(*top));
	for (i = 0; i < count; i++) {
		double value = context_value(report, peer_cell(extra, rows[i], extra->peer_code),
					     measure);

		alike[i].row = rows[i];
		alike[i].distance = value > 0 ? fabs(log(value / own)) : NAN;
	}
	qsort(alike, count, sizeof(*alike), by_alike);
	for (i = 0; i < PEER_TOP; i++)
		top[i] = alike[i].row;
	fprintf(fp, "<p class=\"meta\">De %d van de %zu die het meest lijken in %s.</p>\n",
		PEER_TOP, count, measure == CONTEXT_POPULATION ? "aantal inwoners" :
		"bevolkingsdichtheid");
	peer_table_open(fp, report, region_code, distance, measure);
	peer_rows(fp, report, top, PEER_TOP, distance, measure);
	fprintf(fp, "<details class=\"model peers-all\"><summary>Toon alle %zu</summary>\n", count);
	peer_table_open(fp, report, region_code, distance, measure);
	peer_rows(fp, report, rows, count, distance, measure);
	fputs("</details>\n", fp);
	free(top);
	free(alike);
	free(rows);
}

void jb_peer_section(FILE *fp, const struct jb_report *report, const char *region_code)
{
	const struct jb_stats_extra *extra = report->extra;
	size_t begin, end, earlier, first[MAX_PEER_TABLES], seen = 0;

	if (!extra || !extra->has_peers)
		return;
	jb_peers_of(extra, region_code, &begin, &end);
	if (begin == end)
		return;
	fputs("<section class=\"peers\" id=\"peers\">\n<h2>Vergelijkbare gemeenten en groepen</h2>\n"
	      "<p class=\"meta\">Uit peers.csv van jb-stats; de nieuwste periode van elke "
	      "indicator.</p>\n", fp);
	for (; begin < end; begin++) {
		size_t row = extra->peer_order[begin];
		const char *type = peer_cell(extra, row, extra->peer_type);
		const char *group = peer_cell(extra, row, extra->peer_group);

		for (earlier = 0; earlier < seen; earlier++)
			if (strcmp(peer_cell(extra, first[earlier], extra->peer_type), type) == 0 &&
			    strcmp(peer_cell(extra, first[earlier], extra->peer_group), group) == 0)
				break;
		if (earlier < seen || seen == MAX_PEER_TABLES)
			continue;
		first[seen++] = row;
		peer_table(fp, report, region_code, type, group);
	}
	fputs("</section>\n", fp);
}

/* A context value as shown: counts, shares of a total, or the value itself. */
static void context_cell(FILE *fp, const struct jb_context_region *region,
			 enum jb_context_measure measure)
{
	const double *value = region ? region->value : NULL;
	char text[64], share[64];
	double part = NAN, whole = NAN;

	if (!value || !isfinite(value[measure])) {
		fputs("<td class=\"num\">&ndash;</td>", fp);
		return;
	}
	switch (measure) {
	case CONTEXT_YOUNG:
	case CONTEXT_BIJSTAND:
		part = value[measure];
		whole = value[CONTEXT_POPULATION];
		break;
	case CONTEXT_WITH_CHILDREN:
		part = value[measure];
		whole = value[CONTEXT_HOUSEHOLDS];
		break;
	default:
		break;
	}
	jb_format_number(text, sizeof(text), value[measure],
			 measure == CONTEXT_URBANITY || isfinite(part) ||
			 measure == CONTEXT_POPULATION || measure == CONTEXT_HOUSEHOLDS ||
			 measure == CONTEXT_DENSITY ? 0 : 1);
	fprintf(fp, "<td class=\"num\">%s", text);
	if (isfinite(part) && whole > 0)
		fprintf(fp, " <small>(%s)</small>",
			jb_format_value(share, sizeof(share), 100 * part / whole, "%"));
	fputs("</td>", fp);
}

void jb_context_section(FILE *fp, const struct jb_report *report, const char *region_code)
{
	const struct jb_stats_extra *extra = report->extra;
	const struct jb_context_region *region = jb_context_find(extra, region_code);
	const struct jb_context_region *country = jb_context_find(extra, "NL00");
	char period[64];
	size_t m;

	if (!region)
		return;
	fputs("<section class=\"context\" id=\"context\">\n<h2>Kenmerken van de gemeente</h2>\n"
	      "<p class=\"meta\">CBS-tabel ", fp);
	jb_html_escape(fp, extra->context_table);
	if (extra->context_period) {
		fputs(", ", fp);
		jb_html_escape(fp, jb_format_period(period, sizeof(period), extra->context_period));
	}
	fputs("; tussen haakjes het aandeel van de inwoners of huishoudens.</p>\n"
	      "<table class=\"facts context\">\n<thead><tr><th></th><th class=\"num\">Deze gemeente"
	      "</th><th class=\"num\">Nederland</th></tr></thead>\n<tbody>\n", fp);
	for (m = 0; m < CONTEXT_MEASURE_COUNT; m++) {
		fputs("<tr><th scope=\"row\">", fp);
		jb_html_escape(fp, jb_context_label((enum jb_context_measure)m));
		fputs("</th>", fp);
		context_cell(fp, region, (enum jb_context_measure)m);
		context_cell(fp, country, (enum jb_context_measure)m);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table>\n</section>\n", fp);
}
