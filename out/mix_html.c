/* The parts every mix section shares, and where the sections go on a page. */
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

void jb_mix_source_note(FILE *fp, const struct jb_mix *mix)
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

void jb_mix_period_meta(FILE *fp, const struct jb_mix *mix)
{
	char period[64];

	fputs("<p class=\"meta\">Periode: ", fp);
	jb_html_escape(fp, jb_format_period(period, sizeof(period), mix->period));
	fputs(jb_is_provisional(mix->period_status) ? "*" : "", fp);
}

void jb_mix_share_text(char *buf, size_t size, double share, const struct jb_mix *mix)
{
	jb_format_value(buf, size, share, mix->unit ? mix->unit : "%");
}

/* A link to a municipality's page from root ("gemeente/" or ""), or just its name. */
void jb_mix_region_link(FILE *fp, const char *root, const char *code, const char *name)
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
void jb_mix_legend(FILE *fp, const struct jb_mix_unit *unit)
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
void jb_mix_stacked_bar(FILE *fp, const struct jb_mix *mix, const struct jb_mix_unit *categories,
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
		jb_mix_share_text(text, sizeof(text), shares[k], mix);
		jb_html_escape(fp, text);
		fputs("</title></rect>\n", fp);
		at += shares[k];
	}
}

void jb_mix_unit_shares(const struct jb_mix_unit *unit, double *shares)
{
	size_t k;

	for (k = 0; k < unit->share_count; k++)
		shares[k] = unit->shares[k].share;
}

void jb_mix_number_cell(FILE *fp, double value, int decimals, const char *unit)
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
