#include "html.h"

#include <string.h>

#include "report.h"

void jb_html_escape(FILE *fp, const char *text)
{
	for (; text && *text; text++) {
		switch (*text) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			fputc(*text, fp);
		}
	}
}

static const char style_sheet[] =
	":root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--soft:#f5f7fa;"
	"--accent:#0b4f6c;--above:#b4532a;--above-soft:#e8b49a;--below:#2b5fad;"
	"--below-soft:#a9c1e6;--within:#9aa5b1;--warn-bg:#fff4e5;--warn:#8a4b08;--target:#2f855a}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Helvetica Neue\",Arial,sans-serif;color:var(--ink);background:#fff;"
	"line-height:1.5;font-size:16px}\n"
	"main,header.page,footer.page{max-width:66rem;margin:0 auto;padding:0 1.25rem}\n"
	"header.page{padding-top:2rem;padding-bottom:.5rem}\n"
	"header.page h1{font-size:1.9rem;margin:0 0 .25rem;letter-spacing:-.01em}\n"
	"header.page p{margin:0;color:var(--muted)}\n"
	"a{color:var(--accent)}\n"
	".banner{background:var(--warn-bg);border-left:5px solid var(--warn);color:var(--warn);"
	"padding:.9rem 1.1rem;margin:1.25rem 0;border-radius:4px}\n"
	".banner strong{display:block;font-size:1.1rem}\n"
	"nav.toc ul{padding-left:1.2rem;margin:.25rem 0 1rem}\n"
	"section.indicator{border-top:1px solid var(--line);padding:1.5rem 0 2rem}\n"
	"section.indicator h2{font-size:1.4rem;margin:0 0 .25rem}\n"
	".meta{color:var(--muted);margin:.1rem 0}\n"
	".source{display:inline-block;font-size:.85rem;padding:.15rem .55rem;border-radius:3px;"
	"margin:.35rem 0;background:var(--soft);border:1px solid var(--line)}\n"
	".source.synthetic{background:var(--warn-bg);border-color:#f0c48a;color:var(--warn)}\n"
	".figures{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}\n"
	".figure{background:var(--soft);border-radius:4px;padding:.5rem .9rem;min-width:8rem}\n"
	".figure span{display:block;font-size:.8rem;color:var(--muted)}\n"
	".figure b{font-size:1.25rem;font-variant-numeric:tabular-nums}\n"
	"svg.chart{width:100%;height:auto;max-width:50rem;display:block;margin:.5rem 0}\n"
	"svg text{font-family:inherit;font-size:15px;fill:var(--muted)}\n"
	"svg .axis{stroke:#7b8794;stroke-width:1}\n"
	"svg .grid{stroke:var(--line);stroke-width:1}\n"
	"svg .national{stroke:var(--ink);stroke-width:1.5}\n"
	"svg .limit95{stroke:#7b8794;stroke-width:1.2;fill:none;stroke-dasharray:5 3}\n"
	"svg .limit998{stroke:#3e4c59;stroke-width:1.2;fill:none}\n"
	"svg .box{fill:#e4e7eb;stroke:#9aa5b1}\n"
	"svg .target{stroke:var(--target);stroke-width:2;stroke-dasharray:10 4}\n"
	"svg text.target-label{fill:var(--target);font-size:13px;font-weight:600}\n"
	"svg .quartiles{stroke:#bcccdc;stroke-width:8}\n"
	"svg .peer{fill:#fff;stroke:var(--ink);stroke-width:1.5}\n"
	".mix-0{fill:#0072b2;color:#0072b2}.mix-1{fill:#e69f00;color:#e69f00}"
	".mix-2{fill:#009e73;color:#009e73}.mix-3{fill:#cc79a7;color:#cc79a7}"
	".mix-4{fill:#56b4e9;color:#56b4e9}.mix-5{fill:#d55e00;color:#d55e00}"
	".mix-6{fill:#7b8794;color:#7b8794}.mix-7{fill:#f0e442;color:#c4b700}\n"
	"i.swatch{display:inline-block;width:.75rem;height:.75rem;margin-right:.4rem;"
	"vertical-align:-.05rem;background:currentColor;border-radius:2px}\n"
	"svg.mixbars rect{stroke:#fff;stroke-width:.5}\n"
	"table.mix th{white-space:normal;vertical-align:bottom}table.mix td:first-child{white-space:nowrap}\n"
	".verdict{margin:.5rem 0;padding:.5rem .8rem;border-left:4px solid var(--line);"
	"background:var(--soft)}\n.verdict.differs{border-left-color:var(--above)}\n"
	".charts{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.25rem;"
	"align-items:start}\n"
	"@media (max-width:52rem){.charts{grid-template-columns:1fr}}\n"
	"svg.map{width:100%;height:auto;max-width:24rem;display:block;margin:.5rem auto}\n"
	"svg.map use{stroke:#fff;stroke-width:.5}\n"
	"svg.map a:hover use{stroke:var(--ink);stroke-width:1.2}\n"
	".q-1{fill:#d3e4ec;color:#b9d3df}\n.q-2{fill:#93bdd0;color:#93bdd0}\n"
	".q-3{fill:#4f8fae;color:#4f8fae}\n.q-4{fill:#1d5f80;color:#1d5f80}\n"
	".f-above998{fill:var(--above);color:var(--above)}\n"
	".f-above95{fill:var(--above-soft);color:#8f3f1d}\n"
	".f-below998{fill:var(--below);color:var(--below)}\n"
	".f-below95{fill:var(--below-soft);color:#24508f}\n"
	".f-within{fill:var(--within);color:var(--muted)}\n"
	".f-none{fill:#cbd2d9;color:var(--muted)}\n"
	"svg circle{stroke:#fff;stroke-width:.8;fill-opacity:.9}\n"
	"svg a circle:hover{stroke:var(--ink)}\n"
	"svg circle.grp{stroke:var(--ink);stroke-width:2.2}\n"
	"svg.map use.grp{fill:none;stroke:var(--ink);stroke-width:1.6;pointer-events:none}\n"
	"svg text.grp-label{font-size:12px;font-weight:600;fill:var(--ink);paint-order:stroke;"
	"stroke:#fff;stroke-width:3px;stroke-linejoin:round;pointer-events:none}\n"
	"svg.map text.grp-label{font-size:10px}\n"
	".legend .grp i{background:#fff;border:2px solid var(--ink);box-sizing:border-box}\n"
	".legend{list-style:none;padding:0;margin:.25rem 0 1rem;display:flex;flex-wrap:wrap;"
	"gap:.3rem 1.1rem;font-size:.85rem;color:var(--muted)}\n"
	".legend i{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;"
	"margin-right:.35rem;vertical-align:-.05rem;background:currentColor}\n"
	".legend .f-above95 i{background:var(--above-soft)}.legend .f-below95 i{background:var(--below-soft)}"
	".legend .f-within i{background:var(--within)}.legend .f-none i{background:#cbd2d9}"
	".legend .q-1 i{background:#d3e4ec}\n"
	".tablewrap{max-height:32rem;overflow:auto;border:1px solid var(--line);border-radius:4px}\n"
	"table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
	"th,td{padding:.35rem .6rem;text-align:left;border-bottom:1px solid var(--line)}\n"
	"th{background:var(--soft);position:sticky;top:0;font-weight:600;white-space:nowrap}\n"
	"th[data-sort-type]{cursor:pointer}\n"
	"th[aria-sort=ascending]::after{content:\" \\25B2\";font-size:.7em}\n"
	"th[aria-sort=descending]::after{content:\" \\25BC\";font-size:.7em}\n"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"tbody tr:nth-child(even){background:#fbfcfd}\n"
	"tbody tr:hover{background:#eef2f6}\n"
	"td.flag{white-space:nowrap}\n"
	"table.facts{width:auto;min-width:22rem;margin:.5rem 0}\n"
	"h3{font-size:1.05rem;margin:1.25rem 0 .25rem}\n"
	".sparks{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem 1rem;"
	"margin:.25rem 0 1rem}\n"
	"figure.spark{margin:0}figure.spark figcaption{font-size:.85rem;white-space:nowrap;"
	"overflow:hidden;text-overflow:ellipsis}\n"
	"svg.spark{width:100%;height:auto;display:block}\n"
	"figure.spark>small{display:block;font-size:.8rem;color:var(--muted);white-space:nowrap}\n"
	"svg.trend{max-width:36rem}\n"
	"svg .frame{fill:none;stroke:var(--line)}\n"
	"svg .reference{fill:none;stroke:var(--ink);stroke-width:1;stroke-dasharray:4 3}\n"
	"svg .interval{stroke:#9fb3c8;stroke-width:2}\n"
	"svg polyline.series{fill:none;stroke:var(--accent);stroke-width:2}\n"
	"svg circle.series{fill:var(--accent)}svg circle.provisional{fill:#fff;stroke:var(--accent)}\n"
	"svg .bar{fill:#bcccdc}svg .eb{fill:none;stroke:var(--accent);stroke-width:1.5}\n"
	"tr.self td{background:#eef2f6}\ntable.peers th{white-space:normal;vertical-align:bottom}\n"
	"details.model{margin:.75rem 0}details.model summary{cursor:pointer;color:var(--muted)}\n"
	"table.facts th{position:static;background:none;font-weight:500;color:var(--muted)}\n"
	".search{margin:1rem 0}\n"
	"section.changes{border-top:1px solid var(--line);padding:1rem 0;font-size:.92rem}\n"
	"section.changes h2{font-size:1.15rem;margin:0 0 .25rem}"
	"section.changes h3{font-size:.95rem;margin:.75rem 0 .1rem}\n"
	"section.changes ul{margin:.1rem 0;padding-left:1.2rem}\n"
	".search input{font:inherit;padding:.4rem .6rem;width:100%;max-width:22rem;"
	"border:1px solid #bcccdc;border-radius:4px}\n"
	"footer.page{border-top:1px solid var(--line);margin-top:2rem;padding-top:1rem;"
	"padding-bottom:2rem;color:var(--muted);font-size:.85rem}\n"
	"footer.page ul{padding-left:1.2rem;margin:.25rem 0}\n"
	"@media print{@page{size:A4;margin:15mm}body{font-size:10.5pt}"
	".search,nav.toc{display:none}.tablewrap{max-height:none;overflow:visible;border:0}"
	"th{position:static}a{color:inherit;text-decoration:none}"
	/* a section taller than a page may break (kept whole it left page 1 empty);
	   headings stay with what follows, charts and rows are not cut */
	"h2,h3,p.meta{break-after:avoid}svg,figure,tr,.figures,.legend{break-inside:avoid}"
	"details.peers-all{display:none}}\n";

/* Sorting by a click on a header, and filtering rows with the search box. */
static const char script[] =
	"(function(){\n"
	"function key(cell,type){var v=cell.getAttribute('data-sort');if(v===null)v=cell.textContent;"
	"if(type==='num'){var n=parseFloat(v);return isNaN(n)?-Infinity:n;}return v.toLowerCase();}\n"
	"document.documentElement.classList.add('js');\n"
	"document.querySelectorAll('table.sortable').forEach(function(table){\n"
	"table.setAttribute('data-sort-ready','');\n"
	"var heads=table.querySelectorAll('th');\n"
	"heads.forEach(function(th,col){var type=th.getAttribute('data-sort-type');if(!type)return;\n"
	"th.addEventListener('click',function(){\n"
	"var asc=th.getAttribute('aria-sort')!=='ascending';\n"
	"heads.forEach(function(h){h.removeAttribute('aria-sort');});\n"
	"th.setAttribute('aria-sort',asc?'ascending':'descending');\n"
	"var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);\n"
	"rows.sort(function(a,b){var x=key(a.cells[col],type),y=key(b.cells[col],type);"
	"var c=type==='num'?(x===y?0:x<y?-1:1):x.localeCompare(y,'nl');return asc?c:-c;});\n"
	"rows.forEach(function(r){body.appendChild(r);});});});});\n"
	"var box=document.getElementById('zoek');\n"
	"if(box)box.addEventListener('input',function(){var q=box.value.trim().toLowerCase();\n"
	"document.querySelectorAll('table.sortable tbody tr').forEach(function(r){\n"
	"r.style.display=!q||r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});});\n"
	"})();\n";

void jb_html_begin(FILE *fp, const struct jb_report *report, const char *page_title,
		   const char *root)
{
	fputs("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>", fp);
	jb_html_escape(fp, page_title);
	fputs("</title>\n<style>\n", fp);
	fputs(style_sheet, fp);
	fputs("</style>\n</head>\n<body>\n<header class=\"page\">\n<p><a href=\"", fp);
	jb_html_escape(fp, root);
	fputs("index.html\">", fp);
	jb_html_escape(fp, report->title);
	fputs("</a></p>\n<h1>", fp);
	jb_html_escape(fp, page_title);
	fputs("</h1>\n<p>Gemeenten vergeleken met het landelijk beeld &middot; gemaakt ", fp);
	jb_html_escape(fp, report->run_time);
	fputs("</p>\n</header>\n<main>\n", fp);
	jb_html_banner(fp, report);
}

void jb_html_banner(FILE *fp, const struct jb_report *report)
{
	if (!report->synthetic)
		return;
	fputs("<div class=\"banner\" role=\"note\"><strong>Let op: synthetische gegevens "
	      "&mdash; geen CBS-cijfers</strong>Een deel van de indicatoren op deze pagina "
	      "is berekend uit synthetische (verzonnen) gegevens in de vorm van een CBS-tabel. "
	      "Ze tonen hoe de benchmark werkt en zeggen niets over echte gemeenten. "
	      "Bij elke indicator staat de bron.</div>\n", fp);
}

static void footer_date(FILE *fp, const char *modified)
{
	char date[11];

	if (modified && strlen(modified) >= 10 && modified[4] == '-' && modified[7] == '-') {
		memcpy(date, modified, 10);
		date[10] = '\0';
		jb_html_escape(fp, date);
	} else {
		jb_html_escape(fp, modified && *modified ? modified : "onbekend");
	}
}

void jb_html_end(FILE *fp, const struct jb_report *report)
{
	size_t i;

	fputs("</main>\n<footer class=\"page\">\n<p><strong>Bron: CBS</strong> "
	      "(StatLine open data), tabellen:</p>\n<ul>\n", fp);
	for (i = 0; i < report->table_count; i++) {
		const struct jb_table_info *table = &report->tables[i];

		fputs("<li>", fp);
		jb_html_escape(fp, table->id);
		fputs(" &mdash; ", fp);
		jb_html_escape(fp, table->title && *table->title ? table->title : "zonder titel");
		fputs(" (gewijzigd ", fp);
		footer_date(fp, table->modified);
		fputs(")", fp);
		if (table->synthetic)
			fputs(" &mdash; <strong>synthetisch, geen CBS-cijfers</strong>", fp);
		fputs("</li>\n", fp);
	}
	fputs("</ul>\n<p>Gemeentelijke indeling: ", fp);
	if (report->boundary_year > 0)
		fprintf(fp, "%ld", report->boundary_year);
	else
		fputs("niet opgegeven", fp);
	fputs(" &middot; rapport gemaakt ", fp);
	jb_html_escape(fp, report->run_time);
	fputs("</p>\n", fp);
	if (report->map)
		fputs("<p>Kaarten: gemeentegrenzen van CBS/Kadaster (PDOK), vereenvoudigd; "
		      "herkomst en licentie in out/boundaries/README.md.</p>\n", fp);
	if (report->provisional)
		fputs("<p>* voorlopige cijfers: CBS kan ze nog herzien.</p>\n", fp);
	fputs("</footer>\n<script>\n", fp);
	fputs(script, fp);
	fputs("</script>\n</body>\n</html>\n", fp);
}
