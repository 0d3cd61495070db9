/* A municipality's section of a compositional indicator: its mix, intervals and chi-square test in words. */
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

#define MAX_PEERS 64

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

		jb_mix_share_text(here, sizeof(here), share->share, mix);
		jb_mix_share_text(there, sizeof(there), share->reference_share, mix);
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
			jb_mix_share_text(text, sizeof(text), share->share, mix);
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
		jb_mix_number_cell(fp, share->count, 0, NULL);
		jb_mix_number_cell(fp, share->share, 1, mix->unit ? mix->unit : "%");
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
			jb_mix_number_cell(fp, peers[k], 1, mix->unit ? mix->unit : "%");
		jb_mix_number_cell(fp, share->reference_share, 1, mix->unit ? mix->unit : "%");
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
	jb_mix_period_meta(fp, mix);
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
		jb_mix_legend(fp, unit);
		fprintf(fp, "<svg class=\"chart mixbars\" viewBox=\"0 0 %d %d\" role=\"img\" "
			"aria-label=\"Mix vergeleken\">\n", BAR_WIDTH, (pooled ? 3 : 2) * BAR_ROW + 8);
		jb_mix_unit_shares(unit, reference);
		jb_mix_stacked_bar(fp, mix, unit, reference, 4, "Deze gemeente", NULL, "");
		if (pooled)
			jb_mix_stacked_bar(fp, mix, unit, peers, 4 + BAR_ROW, "Vergelijkbare gemeenten",
				    NULL, "");
		for (k = 0; k < unit->share_count; k++)
			reference[k] = unit->shares[k].reference_share;
		jb_mix_stacked_bar(fp, mix, unit, reference, 4 + (pooled ? 2 : 1) * BAR_ROW,
			    "Andere gemeenten samen", NULL, "");
		fputs("</svg>\n", fp);
		region_table(fp, mix, unit, peers, pooled);
		if (pooled) {
			fputs("<p class=\"meta\">Vergelijkbare gemeenten: ", fp);
			for (k = 0; k < peer_count; k++) {
				fputs(k ? ", " : "", fp);
				jb_mix_region_link(fp, "", peer_codes[k],
					    jb_report_region_name(report, peer_codes[k]));
			}
			fputs(" (peers.csv; hun aantallen opgeteld).</p>\n", fp);
		}
	}
	earlier_tests(fp, mix, region_code);
	fputs("</section>\n", fp);
}
