/* Sections of a compositional indicator: the mix, its intervals and its chi-square test. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "funnel_svg.h"
#include "html.h"
#include "mix.h"
#include "questions.h"
#include "report.h"
#include "stats_extra.h"
#include "table_html.h"
#include "xalloc.h"

#define MIX_COLOURS 8   /* classes mix-0 .. mix-7, then again */
#define MOST_DIFFERENT 10
#define MAX_PEERS 64
#define MAX_GROUP_BARS 32
#define BAR_LEFT 240
#define BAR_RIGHT 14
#define BAR_WIDTH 720
#define BAR_ROW 24

static void source_note(FILE *fp, const struct jb_mix *mix)
{
	if (mix->synthetic)
		fputs("<p class=\"source synthetic\">Bron: synthetische gegevens &mdash; "
		      "geen CBS-cijfers", fp);
	else
		fputs("<p class=\"source\">Bron: CBS StatLine", fp);
	if (mix->table_id) {
		fputs(" (tabel ", fp);
		jb_html_escape(fp, mix->table_id);
		fputs(")", fp);
	}
	fputs(", berekend door jb-stats (composition.csv)</p>\n", fp);
}

static void period_meta(FILE *fp, const struct jb_mix *mix)
{
	char period[64];

	fputs("<p class=\"meta\">Periode: ", fp);
	jb_html_escape(fp, jb_format_period(period, sizeof(period), mix->period));
	fputs(jb_is_provisional(mix->period_status) ? "*" : "", fp);
}

static void share_text(char *buf, size_t size, double share, const struct jb_mix *mix)
{
	jb_format_value(buf, size, share, mix->unit ? mix->unit : "%");
}

/* A link to a municipality's page from root ("gemeente/" or ""), or just its name. */
static void region_link(FILE *fp, const char *root, const char *code, const char *name)
{
	int safe = jb_region_code_is_safe(code);

	if (safe) {
		fputs("<a href=\"", fp);
		jb_html_escape(fp, root);
		jb_html_escape(fp, code);
		fputs(".html\">", fp);
	}
	jb_html_escape(fp, name && *name ? name : code);
	fputs(safe ? "</a>" : "", fp);
}

/* The colour legend: one entry per category. */
static void mix_legend(FILE *fp, const struct jb_mix_unit *unit)
{
	size_t k;

	fputs("<ul class=\"legend\">", fp);
	for (k = 0; k < unit->share_count; k++) {
		fprintf(fp, "<li class=\"mix-%zu\"><i></i>", k % MIX_COLOURS);
		jb_html_escape(fp, unit->shares[k].title);
		fputs("</li>", fp);
	}
	fputs("</ul>\n", fp);
}

/* One bar of 100% split into the shares, with a label (linked when code is set). */
static void stacked_bar(FILE *fp, const struct jb_mix *mix, const struct jb_mix_unit *categories,
			const double *shares, double y, const char *label, const char *code,
			const char *root)
{
	struct jb_scale x = { 0, mix->per, BAR_LEFT, BAR_WIDTH - BAR_RIGHT, 0 };
	double at = 0, sum = 0;
	char text[64];
	size_t k;

	for (k = 0; k < categories->share_count; k++)
		sum += isfinite(shares[k]) ? shares[k] : 0;
	if (sum > mix->per)
		x.domain_high = sum;
	fprintf(fp, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", BAR_LEFT - 8, y + 13);
	if (code && jb_region_code_is_safe(code)) {
		fputs("<a href=\"", fp);
		jb_html_escape(fp, root);
		jb_html_escape(fp, code);
		fputs(".html\">", fp);
	}
	jb_html_escape(fp, label);
	fputs(code && jb_region_code_is_safe(code) ? "</a></text>\n" : "</text>\n", fp);
	for (k = 0; k < categories->share_count; k++) {
		if (!(shares[k] > 0))
			continue;
		fprintf(fp, "<rect class=\"mix-%zu\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			"height=\"17\"><title>", k % MIX_COLOURS, jb_scale_map(&x, at), y,
			jb_scale_map(&x, at + shares[k]) - jb_scale_map(&x, at));
		jb_html_escape(fp, label);
		fputs(": ", fp);
		jb_html_escape(fp, categories->shares[k].title);
		fputs(" ", fp);
		share_text(text, sizeof(text), shares[k], mix);
		jb_html_escape(fp, text);
		fputs("</title></rect>\n", fp);
		at += shares[k];
	}
}

static void unit_shares(const struct jb_mix_unit *unit, double *shares)
{
	size_t k;

	for (k = 0; k < unit->share_count; k++)
		shares[k] = unit->shares[k].share;
}

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
	stacked_bar(fp, mix, first, national, 4, "Alle gemeenten samen", NULL, "");
	for (i = 0; i < count; i++) {
		unit_shares(rows[i], shares);
		stacked_bar(fp, mix, rows[i], shares, 4.0 + (double)(i + 1) * BAR_ROW +
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
		share_text(text, sizeof(text), national[k], mix);
		jb_html_escape(fp, text);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
}

static void number_cell(FILE *fp, double value, int decimals, const char *unit)
{
	char text[64];

	if (!isfinite(value)) {
		fputs("<td class=\"num\" data-sort=\"\">&ndash;</td>", fp);
		return;
	}
	fprintf(fp, "<td class=\"num\" data-sort=\"%.6g\">", value);
	if (unit)
		jb_format_value(text, sizeof(text), value, unit);
	else
		jb_format_number(text, sizeof(text), value, decimals);
	jb_html_escape(fp, text);
	fputs("</td>", fp);
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
		region_link(fp, "gemeente/", unit->region_code, unit->region_name);
		fputs("</td>", fp);
		number_cell(fp, unit->total, 0, NULL);
		for (k = 0; k < first->share_count; k++)
			number_cell(fp, k < unit->share_count ? unit->shares[k].share : NAN, 1,
				    mix->unit ? mix->unit : "%");
		number_cell(fp, unit->chi_square, 1, NULL);
		number_cell(fp, unit->df, 0, NULL);
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
	period_meta(fp, mix);
	fprintf(fp, " &middot; %zu gemeenten</p>\n", mix->newest_count);
	source_note(fp, mix);
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
	mix_legend(fp, first);
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

/* The codes of a municipality's similar peers (peers.csv), at most max. */
static size_t similar_peers(const struct jb_report *report, const char *region_code,
			    const char **codes, size_t max)
{
	const struct jb_stats_extra *extra = report->extra;
	size_t begin, end, i, count = 0;

	if (!extra || !extra->has_peers)
		return 0;
	jb_peers_of(extra, region_code, &begin, &end);
	for (i = begin; i < end && count < max; i++) {
		size_t row = extra->peer_order[i];

		if (strcmp(jb_csv_cell(&extra->peers, row, (size_t)extra->peer_type), "similar") == 0)
			codes[count++] = jb_csv_cell(&extra->peers, row, (size_t)extra->peer_code);
	}
	return count;
}

/* "eens op de 1.000 keer": how rare a difference this large is by chance. */
static const char *chance_words(double p_value)
{
	if (p_value < 0.001)
		return "minder dan eens op de 1.000 keer";
	if (p_value < 0.01)
		return "minder dan eens op de 100 keer";
	if (p_value < 0.05)
		return "minder dan eens op de 20 keer";
	return NULL;
}

static void test_numbers(FILE *fp, const struct jb_mix_unit *unit)
{
	char text[64];

	fputs("chi-kwadraattoets: X&sup2; = ", fp);
	jb_html_escape(fp, jb_format_number(text, sizeof(text), unit->chi_square, 1));
	fprintf(fp, " bij %.0f vrijheidsgraden, p = ", unit->df);
	jb_html_p_exact(fp, unit->p_value);
}

/* The categories that add most to X^2, with the two shares. */
static void largest_differences(FILE *fp, const struct jb_mix *mix,
				const struct jb_mix_unit *unit)
{
	double contributions[JB_MIX_MAX_CATEGORIES];
	size_t order[2] = { 0, 0 }, k, shown;
	char here[64], there[64];

	if (unit->share_count < 2 || unit->share_count > JB_MIX_MAX_CATEGORIES ||
	    isnan(jb_mix_contributions(unit, mix->per, contributions)))
		return;
	for (k = 1; k < unit->share_count; k++)
		if (contributions[k] > contributions[order[0]])
			order[0] = k;
	order[1] = order[0] == 0 ? 1 : 0;
	for (k = 0; k < unit->share_count; k++)
		if (k != order[0] && contributions[k] > contributions[order[1]])
			order[1] = k;
	fputs(" Het meest verschillen de aandelen ", fp);
	for (shown = 0; shown < 2; shown++) {
		const struct jb_mix_share *share = &unit->shares[order[shown]];

		share_text(here, sizeof(here), share->share, mix);
		share_text(there, sizeof(there), share->reference_share, mix);
		fputs(shown ? " en " : "", fp);
		fputs("via ", fp);
		jb_html_escape(fp, share->title);
		fputs(" (", fp);
		jb_html_escape(fp, here);
		fputs(" hier tegen ", fp);
		jb_html_escape(fp, there);
		fputs(" bij de andere gemeenten)", fp);
	}
	fputs(".", fp);
}

/* The test's result in plain Dutch. */
static void verdict(FILE *fp, const struct jb_mix *mix, const struct jb_mix_unit *unit)
{
	const char *name = unit->region_name && *unit->region_name ? unit->region_name :
			   unit->region_code;
	char percent[64];

	if (!jb_mix_tested(unit)) {
		fputs("<p class=\"verdict\">Niet te toetsen: ", fp);
		if (strcmp(unit->status, "suppressed") == 0)
			fputs("van een of meer categorie&euml;n is het aantal niet gepubliceerd "
			      "(te klein).", fp);
		else if (strcmp(unit->status, "zero_denominator") == 0)
			fputs("er zijn in deze periode geen trajecten.", fp);
		else
			fputs("te weinig gegevens.", fp);
		fputs("</p>\n", fp);
		return;
	}
	if (strcmp(unit->flag, "differs") == 0) {
		const char *chance = chance_words(unit->p_value);

		fputs("<p class=\"verdict differs\"><strong>De mix van ", fp);
		jb_html_escape(fp, name);
		fputs(" wijkt af van die van de andere gemeenten samen.</strong> Een verschil "
		      "zo groot als dit ontstaat door toeval ", fp);
		fputs(chance ? chance : "zelden", fp);
		fputs(" (", fp);
		test_numbers(fp, unit);
		fputs(").", fp);
		largest_differences(fp, mix, unit);
		fputs("</p>\n", fp);
		return;
	}
	snprintf(percent, sizeof(percent), "%.0f", unit->p_value * 100);
	fputs("<p class=\"verdict\"><strong>De mix van ", fp);
	jb_html_escape(fp, name);
	fputs(" wijkt niet aantoonbaar af van die van de andere gemeenten samen.</strong> "
	      "Verschillen als deze ontstaan ook door toeval, hier in ", fp);
	jb_html_escape(fp, percent);
	fputs("% van de gevallen (", fp);
	test_numbers(fp, unit);
	fputs(").</p>\n", fp);
}

/* Per category: the share as a dot with its interval, peers and the others as marks. */
static void interval_chart(FILE *fp, const struct jb_mix *mix, const struct jb_mix_unit *unit,
			   const double *peers, size_t peer_count)
{
	struct jb_scale x = { 0, 0, BAR_LEFT, BAR_WIDTH - BAR_RIGHT, 0 };
	int height = (int)unit->share_count * BAR_ROW + 34;
	double step, tick;
	char text[64];
	size_t k;

	for (k = 0; k < unit->share_count; k++) {
		const struct jb_mix_share *share = &unit->shares[k];

		x.domain_high = fmax(x.domain_high, isfinite(share->ci_high) ? share->ci_high :
				     share->share);
		x.domain_high = fmax(x.domain_high, isfinite(share->reference_share) ?
				     share->reference_share : 0);
		if (peer_count)
			x.domain_high = fmax(x.domain_high, peers[k]);
	}
	if (!(x.domain_high > 0))
		return;
	step = jb_nice_step(0, x.domain_high, 5);
	x.domain_high = ceil(x.domain_high / step) * step;
	fprintf(fp, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Aandelen "
		"met interval: ", BAR_WIDTH, height);
	jb_html_escape(fp, unit->region_name);
	fputs("\">\n", fp);
	for (tick = 0; tick <= x.domain_high + step * 1e-9; tick += step)
		fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"4\" y2=\"%d\"/>"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
			jb_scale_map(&x, tick), jb_scale_map(&x, tick), height - 26,
			jb_scale_map(&x, tick), height - 8,
			jb_format_number(text, sizeof(text), tick, step < 1 ? 1 : 0));
	for (k = 0; k < unit->share_count; k++) {
		const struct jb_mix_share *share = &unit->shares[k];
		double y = 4 + (double)k * BAR_ROW + BAR_ROW / 2.0;

		fprintf(fp, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", BAR_LEFT - 8, y + 5);
		jb_html_escape(fp, share->title);
		fputs("</text>\n", fp);
		if (isfinite(share->reference_share))
			fprintf(fp, "<line class=\"reference\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				"y2=\"%.1f\"/>\n", jb_scale_map(&x, share->reference_share),
				jb_scale_map(&x, share->reference_share), y - 9, y + 9);
		if (peer_count && isfinite(peers[k]))
			fprintf(fp, "<path class=\"peer\" d=\"M%.1f %.1fl5 5-5 5-5-5z\"/>\n",
				jb_scale_map(&x, peers[k]), y - 5);
		if (isfinite(share->ci_low) && isfinite(share->ci_high))
			fprintf(fp, "<line class=\"interval\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				"y2=\"%.1f\"/>\n", jb_scale_map(&x, share->ci_low),
				jb_scale_map(&x, share->ci_high), y, y);
		if (isfinite(share->share)) {
			fprintf(fp, "<circle class=\"mix-%zu\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"><title>",
				k % MIX_COLOURS, jb_scale_map(&x, share->share), y);
			jb_html_escape(fp, share->title);
			fputs(": ", fp);
			share_text(text, sizeof(text), share->share, mix);
			jb_html_escape(fp, text);
			if (isfinite(share->ci_low) && isfinite(share->ci_high)) {
				char low[64], high[64];

				fprintf(fp, " [%s \u2013 %s]",
					jb_format_number(low, sizeof(low), share->ci_low, 1),
					jb_format_number(high, sizeof(high), share->ci_high, 1));
			}
			fputs("</title></circle>\n", fp);
		}
	}
	fputs("</svg>\n", fp);
}

static void region_table(FILE *fp, const struct jb_mix *mix, const struct jb_mix_unit *unit,
			 const double *peers, size_t peer_count)
{
	char text[64], low[64], high[64];
	size_t k;

	fputs("<div class=\"tablewrap\"><table class=\"mix\">\n<thead><tr><th>Categorie</th>"
	      "<th class=\"num\">Aantal</th><th class=\"num\">Aandeel</th>"
	      "<th class=\"num\">95%-interval</th>", fp);
	if (peer_count)
		fputs("<th class=\"num\">Vergelijkbare gemeenten</th>", fp);
	fputs("<th class=\"num\">Andere gemeenten samen</th><th class=\"num\">Verschil met de andere gemeenten</th>"
	      "</tr></thead>\n<tbody>\n", fp);
	for (k = 0; k < unit->share_count; k++) {
		const struct jb_mix_share *share = &unit->shares[k];

		fprintf(fp, "<tr><td><i class=\"swatch mix-%zu\"></i>", k % MIX_COLOURS);
		jb_html_escape(fp, share->title);
		fputs("</td>", fp);
		number_cell(fp, share->count, 0, NULL);
		number_cell(fp, share->share, 1, mix->unit ? mix->unit : "%");
		fputs("<td class=\"num\">", fp);
		if (isfinite(share->ci_low) && isfinite(share->ci_high)) {
			snprintf(text, sizeof(text), "%s \u2013 %s",
				 jb_format_number(low, sizeof(low), share->ci_low, 1),
				 jb_format_number(high, sizeof(high), share->ci_high, 1));
			jb_html_escape(fp, text);
		} else {
			fputs("&ndash;", fp);
		}
		fputs("</td>", fp);
		if (peer_count)
			number_cell(fp, peers[k], 1, mix->unit ? mix->unit : "%");
		number_cell(fp, share->reference_share, 1, mix->unit ? mix->unit : "%");
		jb_format_distance(text, sizeof(text), share->share - share->reference_share,
				   mix->unit ? mix->unit : "%", 1);
		fputs("<td class=\"num\">", fp);
		jb_html_escape(fp, *text ? text : "\u2013");
		fputs("</td>", fp);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table></div>\n", fp);
}

/* The test in the municipality's other periods, one line. */
static void earlier_tests(FILE *fp, const struct jb_mix *mix, const char *region_code)
{
	char period[64], p[64];
	size_t i, shown = 0;

	for (i = 0; i < mix->newest; i++) {
		const struct jb_mix_unit *unit = &mix->units[i];

		if (strcmp(unit->region_code, region_code) != 0)
			continue;
		fputs(shown++ ? " &middot; " : "<p class=\"meta\">Eerdere perioden: ", fp);
		jb_html_escape(fp, jb_format_period(period, sizeof(period), unit->period));
		fputs(jb_is_provisional(unit->period_status) ? "*: " : ": ", fp);
		if (!jb_mix_tested(unit)) {
			fputs("niet getoetst", fp);
			continue;
		}
		fputs(strcmp(unit->flag, "differs") == 0 ? "wijkt af" : "wijkt niet aantoonbaar af",
		      fp);
		fputs(" (", fp);
		jb_html_escape(fp, jb_format_p(p, sizeof(p), unit->p_value));
		fputs(")", fp);
	}
	if (shown)
		fputs("</p>\n", fp);
}

void jb_mix_region(FILE *fp, const struct jb_report *report, const struct jb_mix *mix,
		   const char *region_code)
{
	const struct jb_mix_unit *unit = jb_mix_find(mix, mix->period, region_code);
	const char *peer_codes[MAX_PEERS];
	double peers[JB_MIX_MAX_CATEGORIES], counts[JB_MIX_MAX_CATEGORIES], total;
	double reference[JB_MIX_MAX_CATEGORIES];
	size_t peer_count, pooled = 0, k;

	if (!mix->period)
		return;
	fputs("<section class=\"indicator mix\">\n<h2>", fp);
	jb_html_escape(fp, mix->title);
	fputs("</h2>\n", fp);
	period_meta(fp, mix);
	fputs(mix->synthetic ? " &middot; <strong>synthetische gegevens, geen CBS-cijfers"
			       "</strong></p>\n" : "</p>\n", fp);
	if (!unit || unit->share_count > JB_MIX_MAX_CATEGORIES) {
		fputs("<p>Geen gegevens voor deze gemeente in deze periode.</p>\n</section>\n", fp);
		return;
	}
	peer_count = similar_peers(report, region_code, peer_codes, MAX_PEERS);
	if (peer_count)
		pooled = jb_mix_pool(mix, mix->period, peer_codes, peer_count, peers, counts, &total);
	verdict(fp, mix, unit);
	if (strcmp(unit->status, "ok") == 0) {
		fputs("<p class=\"meta\">Punt: aandeel in deze gemeente, streep: 95%-interval; "
		      "stippellijn: de andere gemeenten samen (waartegen getoetst is)", fp);
		if (pooled)
			fprintf(fp, "; ruit: de vergelijkbare gemeenten samen (%zu met gegevens)",
				pooled);
		fputs(".</p>\n", fp);
		interval_chart(fp, mix, unit, peers, pooled);
		mix_legend(fp, unit);
		fprintf(fp, "<svg class=\"chart mixbars\" viewBox=\"0 0 %d %d\" role=\"img\" "
			"aria-label=\"Mix vergeleken\">\n", BAR_WIDTH, (pooled ? 3 : 2) * BAR_ROW + 8);
		unit_shares(unit, reference);
		stacked_bar(fp, mix, unit, reference, 4, "Deze gemeente", NULL, "");
		if (pooled)
			stacked_bar(fp, mix, unit, peers, 4 + BAR_ROW, "Vergelijkbare gemeenten",
				    NULL, "");
		for (k = 0; k < unit->share_count; k++)
			reference[k] = unit->shares[k].reference_share;
		stacked_bar(fp, mix, unit, reference, 4 + (pooled ? 2 : 1) * BAR_ROW,
			    "Andere gemeenten samen", NULL, "");
		fputs("</svg>\n", fp);
		region_table(fp, mix, unit, peers, pooled);
		if (pooled) {
			fputs("<p class=\"meta\">Vergelijkbare gemeenten: ", fp);
			for (k = 0; k < peer_count; k++) {
				fputs(k ? ", " : "", fp);
				region_link(fp, "", peer_codes[k],
					    jb_report_region_name(report, peer_codes[k]));
			}
			fputs(" (peers.csv; hun aantallen opgeteld).</p>\n", fp);
		}
	}
	earlier_tests(fp, mix, region_code);
	fputs("</section>\n", fp);
}

void jb_mixes_after(FILE *fp, const struct jb_report *report, size_t after,
		    const char *region_code)
{
	size_t i;

	for (i = 0; report->mixes && i < report->mixes->mix_count; i++) {
		const struct jb_mix *mix = &report->mixes->mixes[i];

		if (mix->after != after || !mix->period)
			continue;
		if (region_code)
			jb_mix_region(fp, report, mix, region_code);
		else
			jb_mix_overview(fp, report, mix);
	}
}

void jb_mixes_toc(FILE *fp, const struct jb_report *report, size_t after)
{
	char period[64];
	size_t i;

	for (i = 0; report->mixes && i < report->mixes->mix_count; i++) {
		const struct jb_mix *mix = &report->mixes->mixes[i];

		if (mix->after != after || !mix->period)
			continue;
		fputs("<li><a href=\"#i-", fp);
		jb_html_escape(fp, mix->name);
		fputs("\">", fp);
		jb_html_escape(fp, mix->title);
		fputs("</a> (", fp);
		jb_html_escape(fp, jb_format_period(period, sizeof(period), mix->period));
		fputs(jb_is_provisional(mix->period_status) ? "*)</li>\n" : ")</li>\n", fp);
	}
}
