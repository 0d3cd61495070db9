/* summary.md and summary.txt: the run in a few lines for the monthly mail. */
#include <math.h>
#include <string.h>

#include "changes.h"
#include "format.h"
#include "pages.h"
#include "report.h"

struct flag_counts {
	size_t above998, above95, within, below95, below998, missing;
};

static void count_flags(const struct jb_indicator_view *view, struct flag_counts *counts)
{
	size_t i;

	memset(counts, 0, sizeof(*counts));
	for (i = 0; i < view->row_count; i++) {
		const char *class = jb_flag_class(view->rows[i]->text[BENCH_FLAG95],
						  view->rows[i]->text[BENCH_FLAG998]);

		if (strcmp(class, "f-above998") == 0)
			counts->above998++;
		else if (strcmp(class, "f-above95") == 0)
			counts->above95++;
		else if (strcmp(class, "f-within") == 0)
			counts->within++;
		else if (strcmp(class, "f-below95") == 0)
			counts->below95++;
		else if (strcmp(class, "f-below998") == 0)
			counts->below998++;
		else
			counts->missing++;
	}
}

/* Plain text, or Markdown when markdown is set; data text is written as is (not HTML). */
static void summary(FILE *fp, const struct jb_report *report, int markdown)
{
	char period[128], value[64], q1[64], median[64], q3[64];
	struct flag_counts counts;
	size_t i;

	fprintf(fp, "%s%s\n", markdown ? "# " : "", report->title);
	fprintf(fp, "%s\n\n", report->run_time);
	if (report->synthetic)
		fprintf(fp, "%sLet op: synthetische gegevens - geen CBS-cijfers. Indicatoren met "
			"bron 'synthetisch' zeggen niets over echte gemeenten.%s\n\n",
			markdown ? "**" : "", markdown ? "**" : "");
	jb_changes_write(fp, report, markdown ? JB_CHANGES_MARKDOWN : JB_CHANGES_TEXT);
	for (i = 0; i < report->indicator_count; i++) {
		const struct jb_indicator_view *view = &report->indicators[i];

		jb_format_view_period(period, sizeof(period), view);
		fprintf(fp, "%s%s", markdown ? "## " : "", view->title ? view->title : view->name);
		if (!view->title || !strstr(view->title, period))
			fprintf(fp, " (%s)", period);
		fputc('\n', fp);
		if (markdown)
			fputc('\n', fp);
		fprintf(fp, "%sbron: %s\n", markdown ? "- " : "  ",
			view->synthetic ? "synthetisch, geen CBS-cijfers" : jb_source_label(view->source));
		if (!view->value_only && isfinite(view->national))
			fprintf(fp, "%slandelijk: %s\n", markdown ? "- " : "  ",
				jb_format_value(value, sizeof(value), view->national, view->unit));
		fprintf(fp, "%skwartielen: %s / %s / %s\n", markdown ? "- " : "  ",
			jb_format_value(q1, sizeof(q1), view->q1, view->unit),
			jb_format_value(median, sizeof(median), view->median, view->unit),
			jb_format_value(q3, sizeof(q3), view->q3, view->unit));
		if (!view->value_only) {
			count_flags(view, &counts);
			fprintf(fp, "%s%zu gemeenten: %zu hoger dan verwacht (99,8%%), %zu hoger (95%%), "
				"%zu binnen de grenzen, %zu lager (95%%), %zu lager dan verwacht "
				"(99,8%%), %zu zonder waarde\n", markdown ? "- " : "  ", view->row_count,
				counts.above998, counts.above95, counts.within, counts.below95,
				counts.below998, counts.missing);
		} else {
			fprintf(fp, "%s%zu gemeenten\n", markdown ? "- " : "  ", view->row_count);
		}
		fputc('\n', fp);
	}
	if (report->provisional)
		fputs("* voorlopige cijfers\n", fp);
	fprintf(fp, "Bron: CBS; gemeentelijke indeling %ld. Het volledige rapport: index.html.\n",
		report->boundary_year);
}

void jb_summary_md(FILE *fp, const void *report)
{
	summary(fp, report, 1);
}

void jb_summary_txt(FILE *fp, const void *report)
{
	summary(fp, report, 0);
}
