/* The overview's section of a compositional indicator: the national mix, the municipalities that differ. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "funnel_svg.h"
#include "html.h"
#include "mix.h"
#include "mix_parts.h"
#include "questions.h"
#include "report.h"
#include "stats_extra.h"
#include "table_html.h"
#include "xalloc.h"

#define MOST_DIFFERENT 10
#define MAX_GROUP_BARS 32

/* Smallest p first; the same p (both below what a double holds): the larger X^2/df first. */
static int by_difference(const void *a, const void *b)
{
	const struct jb_mix_unit *x = *(const struct jb_mix_unit *const *)a;
	const struct jb_mix_unit *y = *(const struct jb_mix_unit *const *)b;
	double sx = x->chi_square / (x->df > 0 ? x->df : 1);
	double sy = y->chi_square / (y->df > 0 ? y->df : 1);

	if (x->p_value != y->p_value)
		return x->p_value < y->p_value ? -1 : 1;
	if (sx != sy)
		return sx > sy ? -1 : 1;
	return strcmp(x->region_code, y->region_code);
}

static int in_group(const struct jb_report *report, const char *code)
{
	return report->group_count && jb_report_group_of(report, code) == &report->groups[0];
}

/* National mix, the first named group's members and the most different municipalities. */
static void overview_bars(FILE *fp, const struct jb_report *report, const struct jb_mix *mix,
			  const struct jb_mix_unit *first, const double *national,
			  const struct jb_mix_unit *const *differing, size_t differing_count)
{
	const struct jb_mix_unit *rows[MOST_DIFFERENT + MAX_GROUP_BARS];
	double shares[JB_MIX_MAX_CATEGORIES];
	size_t count = 0, group_count, i;
	int height;

	for (i = 0; i < mix->newest_count && count < MAX_GROUP_BARS; i++)
		if (in_group(report, mix->units[mix->newest + i].region_code) &&
		    strcmp(mix->units[mix->newest + i].status, "ok") == 0)
			rows[count++] = &mix->units[mix->newest + i];
	group_count = count;
	for (i = 0; i < differing_count && count < group_count + MOST_DIFFERENT; i++)
		if (!in_group(report, differing[i]->region_code))
			rows[count++] = differing[i];
	height = (int)(count + 1) * BAR_ROW + (group_count ? 12 : 0) + (count > group_count ? 12 : 0)
		 + 8;
	fprintf(fp, "<svg class=\"chart mixbars\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-label=\"Mix: ", BAR_WIDTH, height);
	jb_html_escape(fp, mix->title);
	fputs("\">\n", fp);
	jb_mix_stacked_bar(fp, mix, first, national, 4, "Alle gemeenten samen", NULL, "");
	for (i = 0; i < count; i++) {
		jb_mix_unit_shares(rows[i], shares);
		jb_mix_stacked_bar(fp, mix, rows[i], shares, 4.0 + (double)(i + 1) * BAR_ROW +
			    (group_count ? 12 : 0) + (i >= group_count ? 12 : 0),
			    rows[i]->region_name, rows[i]->region_code, "gemeente/");
	}
	fputs("</svg>\n", fp);
}

static void national_table(FILE *fp, const struct jb_mix *mix, const struct jb_mix_unit *first,
			   const double *national, const double *counts)
{
	char text[64];
	size_t k;

	fputs("<table class=\"facts\">\n<thead><tr><th>Categorie</th><th class=\"num\">Aantal"
	      "</th><th class=\"num\">Aandeel</th></tr></thead>\n<tbody>\n", fp);
	for (k = 0; k < first->share_count; k++) {
		fprintf(fp, "<tr><td><i class=\"swatch mix-%zu\"></i>", k % MIX_COLOURS);
		jb_html_escape(fp, first->shares[k].title);
		fputs("</td><td class=\"num\">", fp);
		jb_html_escape(fp, jb_format_number(text, sizeof(text), counts[k], 0));
		fputs("</td><td class=\"num\">", fp);
		jb_mix_share_text(text, sizeof(text), national[k], mix);
		jb_html_escape(fp, text);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
}

/* Every municipality whose mix differs: total, share per category, X^2, df, p. */
static void differing_table(FILE *fp, const struct jb_mix *mix, const struct jb_mix_unit *first,
			    const struct jb_mix_unit *const *differing, size_t count)
{
	size_t i, k;

	fputs("<div class=\"tablewrap\"><table class=\"sortable mix\">\n<thead><tr>"
	      "<th data-sort-type=\"text\">Gemeente</th>"
	      "<th class=\"num\" data-sort-type=\"num\">Totaal</th>", fp);
	for (k = 0; k < first->share_count; k++) {
		fputs("<th class=\"num\" data-sort-type=\"num\">", fp);
		jb_html_escape(fp, first->shares[k].title);
		fputs("</th>", fp);
	}
	fputs("<th class=\"num\" data-sort-type=\"num\">X&sup2;</th>"
	      "<th class=\"num\" data-sort-type=\"num\">Vrijheidsgraden</th>"
	      "<th class=\"num\" data-sort-type=\"num\">p</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < count; i++) {
		const struct jb_mix_unit *unit = differing[i];

		fputs("<tr><td>", fp);
		jb_mix_region_link(fp, "gemeente/", unit->region_code, unit->region_name);
		fputs("</td>", fp);
		jb_mix_number_cell(fp, unit->total, 0, NULL);
		for (k = 0; k < first->share_count; k++)
			jb_mix_number_cell(fp, k < unit->share_count ? unit->shares[k].share : NAN, 1,
				    mix->unit ? mix->unit : "%");
		jb_mix_number_cell(fp, unit->chi_square, 1, NULL);
		jb_mix_number_cell(fp, unit->df, 0, NULL);
		fprintf(fp, "<td class=\"num\" data-sort=\"%.6g\">", unit->p_value);
		jb_html_p_exact(fp, unit->p_value);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody></table></div>\n", fp);
}

static void figure(FILE *fp, const char *label, size_t count)
{
	fputs("<div class=\"figure\"><span>", fp);
	jb_html_escape(fp, label);
	fprintf(fp, "</span><b>%zu</b></div>", count);
}

void jb_mix_overview(FILE *fp, const struct jb_report *report, const struct jb_mix *mix)
{
	const struct jb_mix_unit **differing, *first = NULL;
	double national[JB_MIX_MAX_CATEGORIES], counts[JB_MIX_MAX_CATEGORIES], total = 0;
	size_t i, differ = 0, tested = 0, untested = 0;

	for (i = 0; i < mix->newest_count && !first; i++)
		if (strcmp(mix->units[mix->newest + i].status, "ok") == 0)
			first = &mix->units[mix->newest + i];
	if (!first || first->share_count > JB_MIX_MAX_CATEGORIES)
		return;
	jb_mix_pool(mix, mix->period, NULL, 0, national, counts, &total);
	differing = jb_xcalloc(mix->newest_count + 1, sizeof(*differing));
	for (i = 0; i < mix->newest_count; i++) {
		const struct jb_mix_unit *unit = &mix->units[mix->newest + i];

		if (!jb_mix_tested(unit)) {
			untested++;
			continue;
		}
		tested++;
		if (strcmp(unit->flag, "differs") == 0)
			differing[differ++] = unit;
	}
	qsort(differing, differ, sizeof(*differing), by_difference);
	fputs("<section class=\"indicator mix\" id=\"i-", fp);
	jb_html_escape(fp, mix->name);
	fputs("\">\n<h2>", fp);
	jb_html_escape(fp, mix->title);
	fputs("</h2>\n", fp);
	jb_mix_period_meta(fp, mix);
	fprintf(fp, " &middot; %zu gemeenten</p>\n", mix->newest_count);
	jb_mix_source_note(fp, mix);
	if (mix->description) {
		fputs("<p>", fp);
		jb_html_escape(fp, mix->description);
		fputs("</p>\n", fp);
	}
	fputs("<div class=\"figures\">", fp);
	figure(fp, "Getoetst", tested);
	figure(fp, "Mix wijkt af", differ);
	figure(fp, "Mix wijkt niet aantoonbaar af", tested - differ);
	figure(fp, "Niet te toetsen", untested);
	fputs("</div>\n<h3>Landelijke mix</h3>\n<p class=\"meta\">Alle gemeenten samen: de "
	      "aantallen opgeteld.</p>\n", fp);
	national_table(fp, mix, first, national, counts);
	fputs("<h3>Mix per gemeente</h3>\n<p class=\"meta\">Bovenaan alle gemeenten samen", fp);
	if (report->group_count) {
		fputs(", dan ", fp);
		jb_html_escape(fp, report->groups[0].title);
	}
	fprintf(fp, ", dan de %zu andere gemeenten waarvan de mix het sterkst afwijkt (kleinste p). "
		"Beweeg over een vlak voor het aandeel.</p>\n",
		differ < MOST_DIFFERENT ? differ : (size_t)MOST_DIFFERENT);
	jb_mix_legend(fp, first);
	overview_bars(fp, report, mix, first, national, differing, differ);
	fputs("<h3>Gemeenten waarvan de mix afwijkt</h3>\n<p class=\"meta\">Per gemeente is de "
	      "mix getoetst tegen die van alle andere gemeenten samen (chi-kwadraattoets, "
	      "Pearson). Bij grote aantallen is ook een klein verschil al significant: kijk ook "
	      "naar de grootte van de verschillen per categorie. De mix van elke gemeente, met "
	      "intervallen, staat op haar eigen pagina.</p>\n", fp);
	if (differ)
		differing_table(fp, mix, first, differing, differ);
	else
		fputs("<p>Van geen enkele gemeente wijkt de mix aantoonbaar af.</p>\n", fp);
	fputs("</section>\n", fp);
	free(differing);
}
