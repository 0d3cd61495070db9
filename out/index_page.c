/* index.html: every indicator of the newest period. */
#include <math.h>
#include <string.h>

#include "changes.h"
#include "format.h"
#include "funnel_svg.h"
#include "map_svg.h"
#include "html.h"
#include "pages.h"
#include "questions.h"
#include "report.h"
#include "sections.h"
#include "trend_svg.h"
#include "table_html.h"
#include "targets.h"

static void figure(FILE *fp, const char *label, double value, const char *unit)
{
	char text[64];

	fputs("<div class=\"figure\"><span>", fp);
	jb_html_escape(fp, label);
	fputs("</span><b>", fp);
	if (isfinite(value))
		jb_html_escape(fp, jb_format_value(text, sizeof(text), value, unit));
	else
		fputs("&ndash;", fp);
	fputs("</b></div>", fp);
}

/* The section's note on where its numbers come from. */
static void source_note(FILE *fp, const struct jb_indicator_view *view)
{
	const char *table_id = view->table ? view->table->id : NULL;

	if (view->synthetic) {
		fputs("<p class=\"source synthetic\">Bron: synthetische gegevens &mdash; "
		      "geen CBS-cijfers", fp);
	} else if (view->source && strcmp(view->source, "reconstructed") == 0) {
		fputs("<p class=\"source\">Bron: echte waarden uit de ", fp);
		jb_html_escape(fp, view->period_label ? view->period_label :
				   view->table && view->table->title ? view->table->title :
				   "gepubliceerde bron");
		fputs(", in een nagebouwde CBS-tabelindeling", fp);
	} else {
		fputs("<p class=\"source\">Bron: CBS StatLine", fp);
	}
	if (table_id) {
		fputs(" (tabel ", fp);
		jb_html_escape(fp, table_id);
		fputs(")", fp);
	}
	fputs("</p>\n", fp);
}

static void legend(FILE *fp, int value_only)
{
	if (value_only)
		return;
	fputs("<ul class=\"legend\">"
	      "<li class=\"f-above998\"><i></i>hoger dan verwacht (buiten 99,8%)</li>"
	      "<li class=\"f-above95\"><i></i>hoger (buiten 95%)</li>"
	      "<li class=\"f-within\"><i></i>binnen de grenzen</li>"
	      "<li class=\"f-below95\"><i></i>lager (buiten 95%)</li>"
	      "<li class=\"f-below998\"><i></i>lager dan verwacht (buiten 99,8%)</li>"
	      "</ul>\n<p class=\"meta\">Doorgetrokken lijn: landelijk; stippellijn: "
	      "95%-grenzen; dunne lijn: 99,8%-grenzen. Beweeg over een punt voor de "
	      "gemeente.</p>\n", fp);
}

/* A legend entry per named group with a member in the view: its title from the config. */
static void group_legend(FILE *fp, const struct jb_report *report,
			 const struct jb_indicator_view *view)
{
	size_t g, i, shown = 0;

	for (g = 0; g < report->group_count; g++) {
		const struct jb_named_group *group = &report->groups[g];

		for (i = 0; i < group->member_count; i++)
			if (jb_view_find(view, group->members[i]))
				break;
		if (i == group->member_count)
			continue;
		fputs(shown++ ? "" : "<ul class=\"legend\">", fp);
		fputs("<li class=\"grp\"><i></i>", fp);
		jb_html_escape(fp, group->title);
		fputs(" (omcirkeld, met naam)</li>", fp);
	}
	if (shown)
		fputs("</ul>\n", fp);
}

static void map_legend(FILE *fp, int value_only)
{
	if (value_only)
		fputs("<ul class=\"legend\"><li class=\"q-1\"><i></i>laagste kwart</li>"
		      "<li class=\"q-2\"><i></i>tweede</li><li class=\"q-3\"><i></i>derde</li>"
		      "<li class=\"q-4\"><i></i>hoogste kwart</li>"
		      "<li class=\"f-none\"><i></i>geen waarde</li></ul>\n", fp);
	else
		fputs("<ul class=\"legend\"><li class=\"f-none\"><i></i>geen waarde of "
		      "andere indeling</li></ul>\n", fp);
}

/* The distribution (raw and shrunk values) and observed against expected. */
static void more_charts(FILE *fp, const struct jb_indicator_view *view)
{
	int eb = jb_view_has(view, BENCH_EB_VALUE);

	fputs("<h3>Verdeling</h3>\n", fp);
	if (eb)
		fputs("<p class=\"meta\">Staven: de gemeten waarden; lijn: de geschatte waarden "
		      "(empirisch Bayes), naar het landelijk gemiddelde getrokken, meer naarmate de "
		      "gemeente kleiner is. Verticale lijn: landelijk.</p>\n", fp);
	jb_histogram_svg(fp, view, eb);
	if (!jb_view_has(view, BENCH_OE_RATIO))
		return;
	fputs("<h3>Waargenomen tegen verwacht</h3>\n<p class=\"meta\">Verwacht: wat de "
	      "gemeente zou hebben bij het landelijk patroon, gegeven haar kenmerken (models.csv). "
	      "Boven 1: meer dan verwacht; streepjes: 95%-interval.</p>\n"
	      "<ul class=\"legend\"><li class=\"f-above95\"><i></i>hoger dan verwacht</li>"
	      "<li class=\"f-within\"><i></i>niet duidelijk anders</li>"
	      "<li class=\"f-below95\"><i></i>lager dan verwacht</li></ul>\n", fp);
	jb_oe_svg(fp, view, "gemeente/");
}

static void indicator_section(FILE *fp, const struct jb_report *report,
			      const struct jb_indicator_view *view)
{
	char period[128];

	fputs("<section class=\"indicator\" id=\"", fp);
	fputs("i-", fp);
	jb_html_escape(fp, view->name);
	fputs("\">\n<h2>", fp);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("</h2>\n<p class=\"meta\">Periode: ", fp);
	jb_html_escape(fp, jb_format_view_period(period, sizeof(period), view));
	fprintf(fp, " &middot; %zu gemeenten</p>\n", view->row_count);
	source_note(fp, view);
	if (view->description) {
		fputs("<p>", fp);
		jb_html_escape(fp, view->description);
		fputs("</p>\n", fp);
	}
	if (view->row_count == 0) {
		fputs("<p>Geen gegevens in de benchmark.</p>\n</section>\n", fp);
		return;
	}
	fputs("<div class=\"figures\">", fp);
	if (!view->value_only)
		figure(fp, "Landelijk", view->national, view->unit);
	figure(fp, "Q1 (25%)", view->q1, view->unit);
	figure(fp, "Mediaan", view->median, view->unit);
	figure(fp, "Q3 (75%)", view->q3, view->unit);
	if (isfinite(view->target))
		figure(fp, "Doel", view->target, view->unit);
	fputs("</div>\n", fp);
	fputs("<div class=\"charts\"><div>", fp);
	if (view->value_only)
		jb_strip_svg(fp, view, "gemeente/");
	else
		jb_funnel_svg(fp, view, "gemeente/", report);
	legend(fp, view->value_only);
	if (!view->value_only)
		group_legend(fp, report, view);
	fputs("</div>", fp);
	if (report->map) {
		fputs("<div>", fp);
		jb_map_svg(fp, report->map, view, "gemeente/", report);
		map_legend(fp, view->value_only);
		group_legend(fp, report, view);
		fputs("</div>", fp);
	}
	fputs("</div>\n", fp);
	more_charts(fp, view);
	jb_table_html(fp, view, "gemeente/");
	jb_trend_multiples(fp, report, view);
	jb_models_table(fp, report, view);
	fputs("</section>\n", fp);
}

void jb_index_page(FILE *fp, const void *context)
{
	const struct jb_report *report = context;
	size_t i;

	jb_html_begin(fp, report, report->title, "");
	if (report->map)
		jb_map_defs(fp, report->map);
	fputs("<nav class=\"toc\"><strong>Indicatoren</strong><ul>\n", fp);
	for (i = 0; i < report->indicator_count; i++) {
		const struct jb_indicator_view *view = &report->indicators[i];
		char period[128];

		jb_mixes_toc(fp, report, i);
		fputs("<li><a href=\"#i-", fp);
		jb_html_escape(fp, view->name);
		fputs("\">", fp);
		jb_html_escape(fp, view->title ? view->title : view->name);
		fputs("</a>", fp);
		jb_format_view_period(period, sizeof(period), view);
		if (!view->title || !strstr(view->title, period)) {
			fputs(" (", fp);
			jb_html_escape(fp, period);
			fputs(")", fp);
		}
		if (isfinite(view->target) && report->targets && report->targets->present) {
			fputs(" &middot; <a href=\"#doel-", fp);
			jb_html_escape(fp, view->name);
			fputs("\">afstand tot het doel</a>", fp);
		}
		fputs("</li>\n", fp);
	}
	jb_mixes_toc(fp, report, report->indicator_count);
	fputs("</ul></nav>\n<div class=\"search\"><label for=\"zoek\">Zoek een gemeente "
	      "</label><input id=\"zoek\" type=\"search\" placeholder=\"naam of code, "
	      "bijvoorbeeld Utrecht of GM0344\" autocomplete=\"off\"></div>\n", fp);
	jb_changes_write(fp, report, JB_CHANGES_HTML);
	for (i = 0; i < report->indicator_count; i++) {
		jb_mixes_after(fp, report, i, NULL);
		indicator_section(fp, report, &report->indicators[i]);
		jb_target_overview(fp, report, &report->indicators[i]);
	}
	jb_mixes_after(fp, report, report->indicator_count, NULL);
	jb_models_table(fp, report, NULL);
	jb_html_end(fp, report);
}
