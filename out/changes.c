#include "changes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report.h"
#include "trend_svg.h"
#include "xalloc.h"

#define MAX_EXAMPLES 10

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

static void item(FILE *fp, int markdown)
{
	fputs(markdown ? "- " : "  ", fp);
}

static void new_periods(FILE *fp, const struct jb_report *report,
			const struct jb_indicator_view *view, int markdown)
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
			item(fp, markdown);
			fputs("nieuwe periode:", fp);
		}
		fprintf(fp, " %s", jb_format_period(period, sizeof(period), now[i]));
	}
	if (shown)
		fputc('\n', fp);
}

/* Revised values and periods that became final, against the previous rows. */
static void revisions(FILE *fp, const struct jb_report *report,
		      const struct jb_indicator_view *view,
		      const struct jb_bench_row *const *before, size_t before_count, int markdown)
{
	size_t i, revised = 0, shown = 0;
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
			item(fp, markdown);
			fprintf(fp, "%s is nu definitief\n",
				jb_format_period(period, sizeof(period), final_period));
		}
		if (same_number(old->number[BENCH_VALUE], row->number[BENCH_VALUE]))
			continue;
		revised++;
		if (shown++ < MAX_EXAMPLES) {
			item(fp, markdown);
			jb_format_value(old_value, sizeof(old_value), old->number[BENCH_VALUE], view->unit);
			jb_format_value(new_value, sizeof(new_value), row->number[BENCH_VALUE], view->unit);
			fprintf(fp, "herzien: %s (%s) %s: %s -> %s\n", row->text[BENCH_REGION_NAME],
				row->text[BENCH_REGION_CODE],
				jb_format_period(period, sizeof(period), row->text[BENCH_PERIOD]),
				*old_value ? old_value : "geen waarde", *new_value ? new_value : "geen waarde");
		}
	}
	item(fp, markdown);
	fprintf(fp, "%zu %s herzien", revised, revised == 1 ? "cijfer" : "cijfers");
	if (revised > MAX_EXAMPLES)
		fprintf(fp, " (de eerste %d hierboven)", MAX_EXAMPLES);
	fputc('\n', fp);
}

/* Municipalities whose funnel flag in the newest period differs from the previous run's. */
static void crossings(FILE *fp, const struct jb_report *report,
		      const struct jb_indicator_view *view,
		      const struct jb_bench_row *const *before, size_t before_count, int markdown)
{
	const char *old_period = newest_period(report->previous, view->name);
	char now_period[64], then_period[64];
	size_t i, crossed = 0;

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
			item(fp, markdown);
			fprintf(fp, "over een controlegrens gegaan (%s in de vorige run, %s nu):\n",
				jb_format_period(then_period, sizeof(then_period), old_period),
				jb_format_period(now_period, sizeof(now_period), view->period));
		}
		fprintf(fp, "%s%s (%s): %s -> %s\n", markdown ? "  - " : "    ",
			row->text[BENCH_REGION_NAME], row->text[BENCH_REGION_CODE],
			jb_flag_words(old->text[BENCH_FLAG95], old->text[BENCH_FLAG998]),
			jb_flag_words(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]));
	}
	if (crossed == 0) {
		item(fp, markdown);
		fputs("geen gemeente over een controlegrens gegaan\n", fp);
	}
}

void jb_changes_write(FILE *fp, const struct jb_report *report, int markdown)
{
	const struct jb_bench_row **before;
	size_t i;

	fprintf(fp, "%sWat is er veranderd sinds de vorige run", markdown ? "## " : "");
	if (!report->previous) {
		fputs(markdown ? "\n\n" : "\n", fp);
		fputs(report->previous_unreadable ? "Geen vergelijking: de benchmark van de vorige "
		      "run is niet te lezen.\n\n" : "Dit is de eerste run: er is niets om mee te "
		      "vergelijken.\n\n", fp);
		return;
	}
	fprintf(fp, " (%s)\n%s", report->previous_run ? report->previous_run : "latest",
		markdown ? "\n" : "");
	before = sorted_rows(report->previous);
	for (i = 0; i < report->indicator_count; i++) {
		const struct jb_indicator_view *view = &report->indicators[i];

		fprintf(fp, "%s%s\n", markdown ? "### " : "", view->title ? view->title : view->name);
		if (markdown)
			fputc('\n', fp);
		new_periods(fp, report, view, markdown);
		revisions(fp, report, view, before, report->previous->row_count, markdown);
		crossings(fp, report, view, before, report->previous->row_count, markdown);
		fputc('\n', fp);
	}
	free(before);
}
