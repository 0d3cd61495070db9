#include "table_html.h"

#include <math.h>
#include <stdio.h>

#include "format.h"
#include "html.h"
#include "report.h"

int jb_region_code_is_safe(const char *code)
{
	const char *p;

	for (p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9')))
			return 0;
	return p != code;
}

/* A numeric cell: the raw number as sort key, the Dutch form as text. */
static void number_cell(FILE *fp, double number, int decimals, const char *unit)
{
	char text[64];

	if (!isfinite(number)) {
		fputs("<td class=\"num\" data-sort=\"\">&ndash;</td>", fp);
		return;
	}
	fprintf(fp, "<td class=\"num\" data-sort=\"%.6f\">", number);
	if (unit)
		jb_format_value(text, sizeof(text), number, unit);
	else
		jb_format_number(text, sizeof(text), number, decimals);
	jb_html_escape(fp, text);
	fputs("</td>", fp);
}

static void name_cells(FILE *fp, const struct jb_bench_row *row, const char *link_root)
{
	const char *code = row->text[BENCH_REGION_CODE];

	fputs("<td>", fp);
	jb_html_escape(fp, code);
	fputs("</td><td>", fp);
	if (link_root && jb_region_code_is_safe(code)) {
		fputs("<a href=\"", fp);
		jb_html_escape(fp, link_root);
		jb_html_escape(fp, code);
		fputs(".html\">", fp);
		jb_html_escape(fp, row->text[BENCH_REGION_NAME]);
		fputs("</a>", fp);
	} else {
		jb_html_escape(fp, row->text[BENCH_REGION_NAME]);
	}
	fputs("</td>", fp);
}

static void interval_cell(FILE *fp, const struct jb_bench_row *row)
{
	char low[64], high[64];

	if (!isfinite(row->number[BENCH_CI_LOW]) || !isfinite(row->number[BENCH_CI_HIGH])) {
		fputs("<td class=\"num\" data-sort=\"\">&ndash;</td>", fp);
		return;
	}
	fprintf(fp, "<td class=\"num\" data-sort=\"%.6f\">", row->number[BENCH_CI_LOW]);
	jb_html_escape(fp, jb_format_number(low, sizeof(low), row->number[BENCH_CI_LOW], 1));
	fputs(" &ndash; ", fp);
	jb_html_escape(fp, jb_format_number(high, sizeof(high), row->number[BENCH_CI_HIGH], 1));
	fputs("</td>", fp);
}

static void flag_cell(FILE *fp, const struct jb_bench_row *row)
{
	const char *status = jb_status_words(row->text[BENCH_STATUS]);
	const char *class = jb_flag_class(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]);

	fprintf(fp, "<td class=\"flag %s\">", status ? "f-none" : class);
	if (status) {
		jb_html_escape(fp, status);
	} else {
		fputs("<i aria-hidden=\"true\">&#9679;</i> ", fp);
		jb_html_escape(fp, jb_flag_words(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]));
	}
	fputs("</td>", fp);
}

/* 1 when any row of the view has a value in column. */
int jb_view_has(const struct jb_indicator_view *view, int column)
{
	size_t i;

	for (i = 0; i < view->row_count; i++)
		if (*view->rows[i]->text[column])
			return 1;
	return 0;
}

/* The rank with its interval: "12 (5-30)". */
static void rank_cell(FILE *fp, const struct jb_bench_row *row)
{
	char rank[32], low[32], high[32];

	if (!isfinite(row->number[BENCH_RANK])) {
		fputs("<td class=\"num\" data-sort=\"\">&ndash;</td>", fp);
		return;
	}
	fprintf(fp, "<td class=\"num\" data-sort=\"%.0f\">%s", row->number[BENCH_RANK],
		jb_format_number(rank, sizeof(rank), row->number[BENCH_RANK], 0));
	if (isfinite(row->number[BENCH_RANK_LOW]) && isfinite(row->number[BENCH_RANK_HIGH]))
		fprintf(fp, " <small>(%s&ndash;%s)</small>",
			jb_format_number(low, sizeof(low), row->number[BENCH_RANK_LOW], 0),
			jb_format_number(high, sizeof(high), row->number[BENCH_RANK_HIGH], 0));
	fputs("</td>", fp);
}

void jb_table_html(FILE *fp, const struct jb_indicator_view *view, const char *link_root)
{
	int eb = jb_view_has(view, BENCH_EB_VALUE), rank = jb_view_has(view, BENCH_RANK);
	size_t i;

	fputs("<div class=\"tablewrap\">\n<table class=\"sortable\">\n<thead><tr>"
	      "<th data-sort-type=\"text\">Code</th><th data-sort-type=\"text\">Gemeente</th>", fp);
	if (view->value_only)
		fputs("<th class=\"num\" data-sort-type=\"num\">Waarde</th>"
		      "<th data-sort-type=\"num\">Positie</th>", fp);
	else
		fputs("<th class=\"num\" data-sort-type=\"num\">Teller</th>"
		      "<th class=\"num\" data-sort-type=\"num\">Noemer</th>"
		      "<th class=\"num\" data-sort-type=\"num\">Waarde</th>"
		      "<th class=\"num\" data-sort-type=\"num\">95%-interval</th>"
		      "<th data-sort-type=\"text\">Signaal</th>", fp);
	if (eb)
		fputs("<th class=\"num\" data-sort-type=\"num\" title=\"empirisch Bayes: naar het "
		      "landelijk gemiddelde getrokken, meer bij kleine aantallen\">Geschat</th>", fp);
	if (rank)
		fputs("<th class=\"num\" data-sort-type=\"num\" title=\"1 = hoogste waarde; "
		      "tussen haakjes het 95%-interval van de rang\">Rang</th>", fp);
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < view->row_count; i++) {
		const struct jb_bench_row *row = view->rows[i];
		double value = row->number[BENCH_VALUE];

		fputs("<tr>", fp);
		name_cells(fp, row, link_root);
		if (view->value_only) {
			number_cell(fp, value, 1, view->unit ? view->unit : "");
			fprintf(fp, "<td data-sort=\"%.6f\">", isfinite(value) ? value : -1e300);
			jb_html_escape(fp, jb_quartile_words(value, view->q1, view->median, view->q3));
			fputs("</td>", fp);
		} else {
			number_cell(fp, row->number[BENCH_NUMERATOR], 0, NULL);
			number_cell(fp, row->number[BENCH_DENOMINATOR], 0, NULL);
			number_cell(fp, value, 1, view->unit ? view->unit : "");
			interval_cell(fp, row);
			flag_cell(fp, row);
		}
		if (eb)
			number_cell(fp, row->number[BENCH_EB_VALUE], 1, view->unit ? view->unit : "");
		if (rank)
			rank_cell(fp, row);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n</div>\n", fp);
}
