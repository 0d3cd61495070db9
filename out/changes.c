#include "changes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "html.h"
#include "report.h"
#include "table_html.h"
#include "trend_svg.h"
#include "xalloc.h"

#define MAX_EXAMPLES 10
#define MAX_HTML_EXAMPLES 5 /* the overview names fewer: the summary has ten */

static int key_order(const struct jb_bench_row *x, const char *indicator, const char *period,
		     const char *region_code)
{
	int order = strcmp(x->text[BENCH_INDICATOR], indicator);

	if (!order)
		order = strcmp(x->text[BENCH_PERIOD], period);
	return order ? order : strcmp(x->text[BENCH_REGION_CODE], region_code);
}

static int row_order(const void *a, const void *b)
{
	const struct jb_bench_row *y = *(const struct jb_bench_row *const *)b;

	return key_order(*(const struct jb_bench_row *const *)a, y->text[BENCH_INDICATOR],
			 y->text[BENCH_PERIOD], y->text[BENCH_REGION_CODE]);
}

/* The previous run's rows sorted by indicator, period and region; the caller frees it. */
static const struct jb_bench_row **sorted_rows(const struct jb_report *previous)
{
	const struct jb_bench_row **rows = jb_xcalloc(previous->row_count + 1, sizeof(*rows));
	size_t i;

	for (i = 0; i < previous->row_count; i++)
		rows[i] = &previous->rows[i];
	qsort(rows, previous->row_count, sizeof(*rows), row_order);
	return rows;
}

static const struct jb_bench_row *find(const struct jb_bench_row *const *rows, size_t count,
				       const char *indicator, const char *period,
				       const char *region_code)
{
	size_t low = 0, high = count, mid;
	int order;

	while (low < high) {
		mid = low + (high - low) / 2;
		order = key_order(rows[mid], indicator, period, region_code);
		if (order == 0)
			return rows[mid];
		if (order < 0)
			low = mid + 1;
		else
			high = mid;
	}
	return NULL;
}

static int same_number(double a, double b)
{
	return (isnan(a) && isnan(b)) || fabs(a - b) <= 1e-9 * fmax(1, fabs(a));
}

static const char *newest_period(const struct jb_report *report, const char *indicator)
{
	const char *periods[JB_MAX_PERIODS];
	size_t count = jb_indicator_periods(report, indicator, periods);

	return count ? periods[count - 1] : NULL;
}

/* Where the changes go: the summary as text or Markdown, or a section of index.html. */
struct sink {
	FILE *fp;
	enum jb_changes_format format;
};

static void item_begin(const struct sink *out)
{
	fputs(out->format == JB_CHANGES_HTML ? "<li>" :
	      out->format == JB_CHANGES_MARKDOWN ? "- " : "  ", out->fp);
}

static void item_end(const struct sink *out)
{
	fputs(out->format == JB_CHANGES_HTML ? "</li>\n" : "\n", out->fp);
}

/* Text from the data: escaped in HTML, as it is in text and Markdown. */
static void put(const struct sink *out, const char *text)
{
	if (out->format == JB_CHANGES_HTML)
		jb_html_escape(out->fp, text);
	else
		fputs(text, out->fp);
}

/* "Name (CODE)", linked to the municipality page in HTML. */
static void put_region(const struct sink *out, const struct jb_bench_row *row)
{
	const char *code = row->text[BENCH_REGION_CODE];
	int link = out->format == JB_CHANGES_HTML && jb_region_code_is_safe(code);

	if (link) {
		fputs("<a href=\"gemeente/", out->fp);
		jb_html_escape(out->fp, code);
		fputs(".html\">", out->fp);
	}
	put(out, row->text[BENCH_REGION_NAME]);
	if (link)
		fputs("</a>", out->fp);
	fputs(" (", out->fp);
	put(out, code);
	fputs(")", out->fp);
}

static const char *arrow(const struct sink *out)
{
	return out->format == JB_CHANGES_HTML ? " &rarr; " : " -> ";
}

static void new_periods(const struct sink *out, const struct jb_report *report,
			const struct jb_indicator_view *view)
{
	const char *now[JB_MAX_PERIODS], *before[JB_MAX_PERIODS];
	size_t now_count = jb_indicator_periods(report, view->name, now), i, j, shown = 0;
	size_t before_count = jb_indicator_periods(report->previous, view->name, before);
	char period[64];

	for (i = 0; i < now_count; i++) {
		for (j = 0; j < before_count; j++)
			if (strcmp(now[i], before[j]) == 0)
				break;
		if (j < before_count)
			continue;
		if (shown++ == 0) {
			item_begin(out);
			fputs("nieuwe periode:", out->fp);
		}
		fputc(' ', out->fp);
		put(out, jb_format_period(period, sizeof(period), now[i]));
	}
	if (shown)
		item_end(out);
}

/* Revised values and periods that became final, against the previous rows. */
static void revisions(const struct sink *out, const struct jb_report *report,
		      const struct jb_indicator_view *view,
		      const struct jb_bench_row *const *before, size_t before_count)
{
	size_t i, revised = 0, shown = 0;
	size_t examples = out->format == JB_CHANGES_HTML ? MAX_HTML_EXAMPLES : MAX_EXAMPLES;
	char period[64], old_value[64], new_value[64];
	const char *final_period = NULL;

	for (i = 0; i < report->row_count; i++) {
		const struct jb_bench_row *row = &report->rows[i];
		const struct jb_bench_row *old;

		if (strcmp(row->text[BENCH_INDICATOR], view->name) != 0)
			continue;
		old = find(before, before_count, view->name, row->text[BENCH_PERIOD],
			   row->text[BENCH_REGION_CODE]);
		if (!old)
			continue;
		if (jb_is_provisional(old->text[BENCH_PERIOD_STATUS]) &&
		    !jb_is_provisional(row->text[BENCH_PERIOD_STATUS]) &&
		    (!final_period || strcmp(final_period, row->text[BENCH_PERIOD]) != 0)) {
			final_period = row->text[BENCH_PERIOD];
			item_begin(out);
			put(out, jb_format_period(period, sizeof(period), final_period));
			fputs(" is nu definitief", out->fp);
			item_end(out);
		}
		if (same_number(old->number[BENCH_VALUE], row->number[BENCH_VALUE]))
			continue;
		revised++;
		if (shown++ < examples) {
			jb_format_value(old_value, sizeof(old_value), old->number[BENCH_VALUE], view->unit);
			jb_format_value(new_value, sizeof(new_value), row->number[BENCH_VALUE], view->unit);
			item_begin(out);
			fputs("herzien: ", out->fp);
			put_region(out, row);
			fputc(' ', out->fp);
			put(out, jb_format_period(period, sizeof(period), row->text[BENCH_PERIOD]));
			fputs(": ", out->fp);
			put(out, *old_value ? old_value : "geen waarde");
			fputs(arrow(out), out->fp);
			put(out, *new_value ? new_value : "geen waarde");
			item_end(out);
		}
	}
	item_begin(out);
	fprintf(out->fp, "%zu %s herzien", revised, revised == 1 ? "cijfer" : "cijfers");
	if (revised > examples)
		fprintf(out->fp, " (de eerste %zu %s)", examples,
			out->format == JB_CHANGES_HTML ? "hierboven; de rest in summary.md" :
			"hierboven");
	item_end(out);
}

/* Municipalities whose funnel flag in the newest period differs from the previous run's. */
static void crossings(const struct sink *out, const struct jb_report *report,
		      const struct jb_indicator_view *view,
		      const struct jb_bench_row *const *before, size_t before_count)
{
	const char *old_period = newest_period(report->previous, view->name);
	char now_period[64], then_period[64];
	size_t i, crossed = 0;
	int html = out->format == JB_CHANGES_HTML;

	if (view->value_only || !old_period || !view->period)
		return;
	for (i = 0; i < view->row_count; i++) {
		const struct jb_bench_row *row = view->rows[i];
		const struct jb_bench_row *old = find(before, before_count, view->name, old_period,
						      row->text[BENCH_REGION_CODE]);
		const char *now_class = jb_flag_class(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]);
		const char *then_class;

		if (!old)
			continue;
		then_class = jb_flag_class(old->text[BENCH_FLAG95], old->text[BENCH_FLAG998]);
		if (strcmp(now_class, "f-none") == 0 || strcmp(then_class, "f-none") == 0 ||
		    strcmp(now_class, then_class) == 0)
			continue;
		if (crossed++ == 0) {
			item_begin(out);
			fputs("over een controlegrens gegaan (", out->fp);
			put(out, jb_format_period(then_period, sizeof(then_period), old_period));
			fputs(" in de vorige run, ", out->fp);
			put(out, jb_format_period(now_period, sizeof(now_period), view->period));
			fputs(html ? " nu):\n<ul>\n" : " nu):\n", out->fp);
		}
		fputs(html ? "<li>" : out->format == JB_CHANGES_MARKDOWN ? "  - " : "    ", out->fp);
		put_region(out, row);
		fputs(": ", out->fp);
		put(out, jb_flag_words(old->text[BENCH_FLAG95], old->text[BENCH_FLAG998]));
		fputs(arrow(out), out->fp);
		put(out, jb_flag_words(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]));
		fputs(html ? "</li>\n" : "\n", out->fp);
	}
	if (crossed == 0) {
		item_begin(out);
		fputs("geen gemeente over een controlegrens gegaan", out->fp);
		item_end(out);
	} else if (html) {
		fputs("</ul></li>\n", out->fp);
	}
}

static void changes_text(const struct sink *out, const struct jb_report *report)
{
	int markdown = out->format == JB_CHANGES_MARKDOWN;

	fprintf(out->fp, "%sWat is er veranderd sinds de vorige run", markdown ? "## " : "");
	if (!report->previous) {
		fputs(markdown ? "\n\n" : "\n", out->fp);
		fputs(report->previous_unreadable ? "Geen vergelijking: de benchmark van de vorige "
		      "run is niet te lezen.\n\n" : "Dit is de eerste run: er is niets om mee te "
		      "vergelijken.\n\n", out->fp);
		return;
	}
	fprintf(out->fp, " (%s)\n%s", report->previous_run ? report->previous_run : "latest",
		markdown ? "\n" : "");
}

void jb_changes_write(FILE *fp, const struct jb_report *report, enum jb_changes_format format)
{
	const struct sink out = { fp, format };
	const struct jb_bench_row **before;
	int html = format == JB_CHANGES_HTML;
	size_t i;

	if (html && !report->previous)
		return;
	if (html) {
		fputs("<section class=\"changes\" id=\"veranderd\">\n<h2>Wat is er veranderd sinds "
		      "de vorige run</h2>\n<p class=\"meta\">Vergeleken met run ", fp);
		jb_html_escape(fp, report->previous_run ? report->previous_run : "latest");
		fputs(" (de vorige benchmark).</p>\n", fp);
	} else {
		changes_text(&out, report);
		if (!report->previous)
			return;
	}
	before = sorted_rows(report->previous);
	for (i = 0; i < report->indicator_count; i++) {
		const struct jb_indicator_view *view = &report->indicators[i];
		const char *title = view->title ? view->title : view->name;

		if (html) {
			fputs("<h3>", fp);
			jb_html_escape(fp, title);
			fputs("</h3>\n<ul>\n", fp);
		} else {
			fprintf(fp, "%s%s\n", format == JB_CHANGES_MARKDOWN ? "### " : "", title);
			if (format == JB_CHANGES_MARKDOWN)
				fputc('\n', fp);
		}
		new_periods(&out, report, view);
		revisions(&out, report, view, before, report->previous->row_count);
		crossings(&out, report, view, before, report->previous->row_count);
		fputs(html ? "</ul>\n" : "\n", fp);
	}
	if (html)
		fputs("</section>\n", fp);
	free(before);
}
