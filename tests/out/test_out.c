/* Unit tests of out/: HTML escaping, scales, Dutch numbers, benchmark parsing, run folders. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "exitcode.h"
#include "../../out/format.h"
#include "../../out/funnel_svg.h"
#include "../../out/html.h"
#include "../../out/map_svg.h"
#include "../../out/mix.h"
#include "msg.h"
#include "../../out/questions.h"
#include "../../out/report.h"
#include "../../out/run_dir.h"
#include "../../out/xlsx_export.h"

static const char header[] =
	"indicator,indicator_title,period,period_status,region_code,region_name,numerator,"
	"denominator,value,ci_low,ci_high,national,q1,median,q3,z,limit95_low,limit95_high,"
	"limit998_low,limit998_high,flag95,flag998,status,source\n";

/* What a writer function put into a stream, as a string the caller frees. */
static char *captured(void (*write)(FILE *fp, const void *context), const void *context)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(fp);
	write(fp, context);
	ck_assert_int_eq(fclose(fp), 0);
	return text;
}

static void write_escaped(FILE *fp, const void *context)
{
	jb_html_escape(fp, context);
}

START_TEST(escape_replaces_markup_characters)
{
	char *text = captured(write_escaped, "<script>alert('x') & \"y\"</script>");

	ck_assert_str_eq(text, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
	free(text);
	text = captured(write_escaped, "Súdwest-Fryslân");
	ck_assert_str_eq(text, "Súdwest-Fryslân");
	free(text);
	text = captured(write_escaped, "");
	ck_assert_str_eq(text, "");
	free(text);
}
END_TEST

START_TEST(linear_scale_maps_to_pixels)
{
	struct jb_scale x = { 0, 10, 50, 550, 0 };
	struct jb_scale y = { 0, 20, 368, 16, 0 };

	ck_assert_double_eq_tol(jb_scale_map(&x, 5), 300, 1e-9);
	ck_assert_double_eq_tol(jb_scale_map(&x, 0), 50, 1e-9);
	ck_assert_double_eq_tol(jb_scale_map(&x, 10), 550, 1e-9);
	/* y grows upwards: 10 of 0..20 is halfway between 368 and 16 */
	ck_assert_double_eq_tol(jb_scale_map(&y, 10), 192, 1e-9);
	ck_assert_double_eq_tol(jb_scale_map(&y, 15), 104, 1e-9);
}
END_TEST

START_TEST(log_scale_maps_decades_evenly)
{
	struct jb_scale x = { 10, 1000, 0, 200, 1 };

	ck_assert_double_eq_tol(jb_scale_map(&x, 100), 100, 1e-9);
	ck_assert_double_eq_tol(jb_scale_map(&x, 10), 0, 1e-9);
	ck_assert_double_eq_tol(jb_scale_map(&x, 1000), 200, 1e-9);
	/* log10(316.2278) = 2.5: three quarters of the way */
	ck_assert_double_eq_tol(jb_scale_map(&x, 316.227766), 150, 1e-4);
}
END_TEST

START_TEST(nice_steps_are_one_two_five)
{
	ck_assert_double_eq_tol(jb_nice_step(0, 10, 5), 2, 1e-12);
	ck_assert_double_eq_tol(jb_nice_step(0, 14, 6), 5, 1e-12);
	ck_assert_double_eq_tol(jb_nice_step(9.4, 12.6, 8), 0.5, 1e-12);
	ck_assert_double_eq_tol(jb_nice_step(0, 1000, 10), 100, 1e-9);
}
END_TEST

START_TEST(map_projection_maps_lon_lat_to_pixels)
{
	double x, y;

	/* the north-west corner of the bounding box sits at the 6-pixel margin */
	jb_map_project(3.0, 53.5, 3.0, 53.5, 100, 0.6, &x, &y);
	ck_assert_double_eq_tol(x, 6, 1e-9);
	ck_assert_double_eq_tol(y, 6, 1e-9);
	/* one degree east is 0.6 * 100 px, half a degree south 50 px */
	jb_map_project(4.0, 53.0, 3.0, 53.5, 100, 0.6, &x, &y);
	ck_assert_double_eq_tol(x, 66, 1e-9);
	ck_assert_double_eq_tol(y, 56, 1e-9);
}
END_TEST

/* Every boundary year 2020-2025 has a bundled file with that year's municipalities
 * (Haaren until 2020, Eemsdelta from 2021, Weesp in 2022, Voorne aan Zee from 2023). */
START_TEST(map_files_of_every_boundary_year)
{
	static const struct {
		long year;
		size_t municipalities;
		const char *code; /* a code of that year only */
	} years[] = {
		{ 2020, 355, "GM0788" }, { 2021, 352, "GM1979" }, { 2022, 345, "GM0457" },
		{ 2023, 342, "GM1992" }, { 2024, 342, "GM1992" }, { 2025, 342, "GM1992" },
	};
	size_t i, j;

	ck_assert_ptr_null(jb_map_file_for_year("out/boundaries", 2019));
	ck_assert_ptr_null(jb_map_file_for_year("out/boundaries", 2026));
	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		char *path = jb_map_file_for_year("out/boundaries", years[i].year);
		struct jb_map map;
		int found = 0;

		ck_assert_ptr_nonnull(path);
		ck_assert_int_eq(jb_map_load(&map, path, 600), 0);
		ck_assert_msg(map.region_count == years[i].municipalities, "%ld: %zu municipalities",
			      years[i].year, map.region_count);
		for (j = 0; j < map.region_count; j++)
			if (strcmp(map.regions[j].code, years[i].code) == 0)
				found = 1;
		ck_assert_msg(found, "%ld: no %s", years[i].year, years[i].code);
		jb_map_free(&map);
		free(path);
	}
}
END_TEST

START_TEST(numbers_in_dutch_form)
{
	char buf[64];

	ck_assert_str_eq(jb_format_number(buf, sizeof(buf), 12345.678, 1), "12.345,7");
	ck_assert_str_eq(jb_format_number(buf, sizeof(buf), 160315, 0), "160.315");
	ck_assert_str_eq(jb_format_number(buf, sizeof(buf), 999, 0), "999");
	ck_assert_str_eq(jb_format_number(buf, sizeof(buf), -1234, 0), "-1.234");
	ck_assert_str_eq(jb_format_number(buf, sizeof(buf), -0.04, 1), "0,0");
	ck_assert_str_eq(jb_format_number(buf, sizeof(buf), 10.95, 2), "10,95");
	ck_assert_str_eq(jb_format_number(buf, sizeof(buf), NAN, 1), "");
	ck_assert_str_eq(jb_format_value(buf, sizeof(buf), 11.5, "%"), "11,5\u00a0%");
	ck_assert_str_eq(jb_format_value(buf, sizeof(buf), 8.26, "per 1000"), "8,3 per 1000");
}
END_TEST

START_TEST(periods_in_words)
{
	char buf[64];

	ck_assert_str_eq(jb_format_period(buf, sizeof(buf), "2024JJ00"), "2024");
	ck_assert_str_eq(jb_format_period(buf, sizeof(buf), "2021KW02"), "2021 kwartaal 2");
	ck_assert_str_eq(jb_format_period(buf, sizeof(buf), "2022HJ01"), "2022 eerste halfjaar");
	ck_assert_str_eq(jb_format_period(buf, sizeof(buf), "anders"), "anders");
	ck_assert_int_eq(jb_is_provisional("nader voorlopig"), 1);
	ck_assert_int_eq(jb_is_provisional("definitief"), 0);
	ck_assert_str_eq(jb_quartile_words(9, 10, 11, 12), "laagste kwart");
	ck_assert_str_eq(jb_quartile_words(11.5, 10, 11, 12), "derde kwart");
	ck_assert_str_eq(jb_quartile_words(13, 10, 11, 12), "hoogste kwart");
}
END_TEST

static int parse(struct jb_report *report, const char *body)
{
	char *text = NULL;
	int rc;

	text = malloc(strlen(header) + strlen(body) + 1);
	ck_assert_ptr_nonnull(text);
	strcpy(text, header);
	strcat(text, body);
	memset(report, 0, sizeof(*report));
	rc = jb_report_parse_benchmark(report, "b.csv", text, strlen(text));
	free(text);
	return rc;
}

START_TEST(benchmark_rows_are_parsed)
{
	struct jb_report report;

	ck_assert_int_eq(parse(&report,
			       "jeugdhulp,J,2024JJ00,voorlopig,GM0363,Amsterdam,16000,160000,10,"
			       "9.85,10.15,10.94,11,11.5,12,-12.1,10.79,11.10,10.70,11.19,below,"
			       "below,ok,synthetic\n"
			       "jeugdhulp,J,2024JJ00,voorlopig,GM0001,X,,900,,,,10.94,11,11.5,12,"
			       ",8.9,12.98,7.7,14.16,,,suppressed,synthetic\n"), JB_EXIT_OK);
	ck_assert_uint_eq(report.row_count, 2);
	ck_assert_str_eq(report.rows[0].text[BENCH_REGION_NAME], "Amsterdam");
	ck_assert_double_eq_tol(report.rows[0].number[BENCH_DENOMINATOR], 160000, 1e-9);
	ck_assert_double_eq_tol(report.rows[0].number[BENCH_LIMIT998_HIGH], 11.19, 1e-9);
	ck_assert(isnan(report.rows[1].number[BENCH_NUMERATOR]));
	ck_assert_uint_eq(report.rows[1].line, 3);
	jb_report_free(&report);
}
END_TEST

START_TEST(bad_benchmarks_are_data_errors)
{
	struct jb_report report;

	ck_assert_int_eq(parse(&report, "jeugdhulp,J,2024JJ00,,GM0363,A,1x,2,,,,,,,,,,,,,,,ok,cbs\n"),
			 JB_EXIT_DATAERR);
	jb_report_free(&report);
	ck_assert_int_eq(parse(&report, "jeugdhulp,J,2024JJ00\n"), JB_EXIT_DATAERR);
	jb_report_free(&report);
	ck_assert_int_eq(parse(&report, "jeugdhulp,J,,,GM0363,A,1,2,,,,,,,,,,,,,,,ok,cbs\n"),
			 JB_EXIT_DATAERR);
	jb_report_free(&report);
	memset(&report, 0, sizeof(report));
	ck_assert_int_eq(jb_report_parse_benchmark(&report, "b.csv", "indicator,period\n", 17),
			 JB_EXIT_DATAERR);
	jb_report_free(&report);
}
END_TEST

/* Parses a benchmark with the given header and body (no common header). */
static int parse_with(struct jb_report *report, const char *text)
{
	memset(report, 0, sizeof(*report));
	return jb_report_parse_benchmark(report, "b.csv", text, strlen(text));
}

START_TEST(optional_columns_are_read_by_name)
{
	struct jb_report report;
	const char *text =
		"rank,indicator,indicator_title,period,period_status,region_code,region_name,"
		"numerator,denominator,value,ci_low,ci_high,national,q1,median,q3,z,limit95_low,"
		"limit95_high,limit998_low,limit998_high,flag95,flag998,status,source,extra,"
		"trend_flag,eb_value\n"
		"3,i,I,2024JJ00,,GM0001,Een,1,10,10,,,,,,,,,,,,,,ok,cbs,x,up,9.5\n";

	ck_assert_int_eq(parse_with(&report, text), JB_EXIT_OK);
	ck_assert_int_eq(report.has_column[BENCH_RANK], 1);
	ck_assert_int_eq(report.has_column[BENCH_OE_RATIO], 0);
	ck_assert_double_eq(report.rows[0].number[BENCH_RANK], 3);
	ck_assert_double_eq(report.rows[0].number[BENCH_EB_VALUE], 9.5);
	ck_assert_str_eq(report.rows[0].text[BENCH_TREND_FLAG], "up");
	ck_assert_str_eq(report.rows[0].text[BENCH_REGION_CODE], "GM0001");
	ck_assert(isnan(report.rows[0].number[BENCH_OE_RATIO]));
	ck_assert_str_eq(report.rows[0].text[BENCH_OE_FLAG], "");
	ck_assert_int_eq(jb_report_shows(&report, BENCH_EB_VALUE), 1);
	ck_assert_int_eq(jb_report_shows(&report, BENCH_OE_RATIO), 0);
	jb_report_free(&report);
	/* an optional number column that holds no number is malformed input */
	ck_assert_int_eq(parse_with(&report,
		"indicator,indicator_title,period,period_status,region_code,region_name,"
		"numerator,denominator,value,ci_low,ci_high,national,q1,median,q3,z,limit95_low,"
		"limit95_high,limit998_low,limit998_high,flag95,flag998,status,source,oe_ratio\n"
		"i,I,2024JJ00,,GM0001,Een,1,10,10,,,,,,,,,,,,,,ok,cbs,high\n"), JB_EXIT_DATAERR);
	jb_report_free(&report);
}
END_TEST

START_TEST(formula_like_text_is_neutralised)
{
	char cell[32];

	ck_assert_int_eq(jb_xlsx_neutralise(cell, sizeof(cell), "=1+1"), 1);
	ck_assert_str_eq(cell, "'=1+1");
	ck_assert_int_eq(jb_xlsx_neutralise(cell, sizeof(cell), "+31"), 1);
	ck_assert_str_eq(cell, "'+31");
	ck_assert_int_eq(jb_xlsx_neutralise(cell, sizeof(cell), "-2"), 1);
	ck_assert_int_eq(jb_xlsx_neutralise(cell, sizeof(cell), "@A1"), 1);
	ck_assert_int_eq(jb_xlsx_neutralise(cell, sizeof(cell), "\tx"), 1);
	ck_assert_int_eq(jb_xlsx_neutralise(cell, sizeof(cell), "Utrecht"), 0);
	ck_assert_str_eq(cell, "Utrecht");
	ck_assert_int_eq(jb_xlsx_neutralise(cell, sizeof(cell), "a=b"), 0);
	ck_assert_int_eq(jb_xlsx_neutralise(cell, sizeof(cell), ""), 0);
	ck_assert_str_eq(cell, "");
}
END_TEST

static void write_p(FILE *fp, const void *context)
{
	jb_html_p_exact(fp, *(const double *)context);
}

static void write_funnel(FILE *fp, const void *context)
{
	jb_funnel_svg(fp, context, "gemeente/", NULL);
}

START_TEST(funnel_points_sit_on_their_pixels)
{
	struct jb_report report;
	struct jb_indicator_view view;
	struct jb_bench_row *rows[2];
	char *svg;

	/* denominators 1000 and 100000: x domain 800..125000 on 60..686 px */
	ck_assert_int_eq(parse(&report,
			       "i,I,2024JJ00,,GM0001,<b>Een</b>,100,1000,10,8.2,12.0,10,9,10,11,0,"
			       "8.1,11.9,7.1,12.9,within,within,ok,synthetic\n"
			       "i,I,2024JJ00,,GM0002,Twee,10000,100000,10,9.8,10.2,10,9,10,11,0,"
			       "9.8,10.2,9.7,10.3,within,within,ok,synthetic\n"), JB_EXIT_OK);
	memset(&view, 0, sizeof(view));
	view.target = NAN;
	view.name = "i";
	view.unit = "%";
	view.national = 10;
	rows[0] = &report.rows[0];
	rows[1] = &report.rows[1];
	view.rows = rows;
	view.row_count = 2;
	svg = captured(write_funnel, &view);
	/*
	 * x = 60 + (log10(1000) - log10(800)) / (log10(125000) - log10(800)) * 626
	 *   = 60 + 0.096910 / 2.193820 * 626 = 87.65 -> "87.7"
	 * y domain 7.1..12.9 padded by 5% = 6.81..13.19, so 10 -> 368 - 3.19/6.38*352 = 192
	 */
	ck_assert_ptr_nonnull(strstr(svg, "cx=\"87.7\" cy=\"192.0\""));
	ck_assert_ptr_nonnull(strstr(svg, "cx=\"658.3\" cy=\"192.0\""));
	ck_assert_ptr_nonnull(strstr(svg, "<title>&lt;b&gt;Een&lt;/b&gt; (GM0001): 10,0\u00a0% "
					  "[8,2 - 12,0]</title>"));
	ck_assert_ptr_nonnull(strstr(svg, "<a href=\"gemeente/GM0002.html\">"));
	ck_assert_ptr_null(strstr(svg, "<b>"));
	ck_assert_ptr_null(strstr(svg, "class=\"target\""));
	free(svg);
	/* a target inside the domain: 368 - (12 - 6.81) / 6.38 * 352 = 81.66 */
	view.target = 12;
	svg = captured(write_funnel, &view);
	ck_assert_ptr_nonnull(strstr(svg, "<line class=\"target\" x1=\"60\" x2=\"686\" "
					  "y1=\"81.7\" y2=\"81.7\"/>"));
	ck_assert_ptr_nonnull(strstr(svg, ">doel 12,0\u00a0%</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "cx=\"87.7\" cy=\"192.0\""));
	free(svg);
	/* above it: the domain 7.1..20 padded by 5% = 6.455..20.645, 20 -> 368 - 13.545 / 14.19 * 352 */
	view.target = 20;
	svg = captured(write_funnel, &view);
	ck_assert_ptr_nonnull(strstr(svg, "y1=\"32.0\" y2=\"32.0\"/>"));
	free(svg);
	jb_report_free(&report);
}
END_TEST

START_TEST(question_words_and_numbers)
{
	char text[128];
	char *html;

	ck_assert_str_eq(jb_format_p(text, sizeof(text), 0.0932844), "p = 0,093");
	ck_assert_str_eq(jb_format_p(text, sizeof(text), 0.0004), "p < 0,001");
	ck_assert_str_eq(jb_format_p(text, sizeof(text), NAN), "");
	html = captured(write_p, &(double){ 3.04975e-37 });
	ck_assert_str_eq(html, "3,05 &times; 10<sup>-37</sup>");
	free(html);
	html = captured(write_p, &(double){ 0.0932844 });
	ck_assert_str_eq(html, "0,0933");
	free(html);
	ck_assert_str_eq(jb_target_one_in(text, sizeof(text), 14.285714, 100), "1 op de 7");
	ck_assert_str_eq(jb_target_one_in(text, sizeof(text), 12.5, 100), "1 op de 8");
	ck_assert_str_eq(jb_target_one_in(text, sizeof(text), 30, 100), "");
	ck_assert_str_eq(jb_target_one_in(text, sizeof(text), 0, 100), "");
	ck_assert_str_eq(jb_format_distance(text, sizeof(text), -2.4, "%", 1),
			 "\u2212" "2,4 procentpunt");
	ck_assert_str_eq(jb_format_distance(text, sizeof(text), 0.04, "%", 1), "0,0 procentpunt");
	ck_assert_str_eq(jb_format_distance(text, sizeof(text), 3, "euro", 1), "+3,0 euro");
	ck_assert_str_eq(jb_format_distance(text, sizeof(text), 0.283, "%", 2), "+0,28 procentpunt");
	ck_assert_str_eq(jb_format_distance(text, sizeof(text), NAN, "%", 1), "");
}
END_TEST

/*
 * Two municipalities, two categories: A 30/70, B 50/50.  A against B's mix:
 * expected 50 and 50, X^2 = 20^2/50 + 20^2/50 = 16 on 1 df.
 */
static const char composition_csv[] =
	"indicator,indicator_title,period,period_status,region_code,region_name,category_key,"
	"category_title,count,total,share,ci_low,ci_high,reference_share,chi_square,df,p_value,"
	"flag,status,source\n"
	"m,Mix,2024JJ00,definitief,GM0001,A,K1,Een,30,100,30,21.9,39.6,50,16,1,6.33425e-05,differs,ok,synthetic\n"
	"m,Mix,2024JJ00,definitief,GM0001,A,K2,Twee,70,100,70,60.4,78.1,50,16,1,6.33425e-05,differs,ok,synthetic\n"
	"m,Mix,2024JJ00,definitief,GM0002,B,K1,Een,50,100,50,40.4,59.6,30,16,1,6.33425e-05,differs,ok,synthetic\n"
	"m,Mix,2024JJ00,definitief,GM0002,B,K2,Twee,50,100,50,40.4,59.6,70,16,1,6.33425e-05,differs,ok,synthetic\n"
	"m,Mix,2023JJ00,definitief,GM0002,B,K1,Een,,,,,,,,,,,suppressed,synthetic\n"
	"m,Mix,2023JJ00,definitief,GM0002,B,K2,Twee,,,,,,,,,,,suppressed,synthetic\n";

START_TEST(composition_is_read_and_pooled)
{
	char dir[] = "/tmp/jb-out-mix-XXXXXX", path[64];
	struct jb_report report;
	struct jb_mix_set set;
	const struct jb_mix_unit *unit;
	const char *only_b[] = { "GM0002" };
	double shares[2], counts[2], total, contributions[2];
	FILE *fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&report, 0, sizeof(report));
	/* no file: no mix and no error */
	ck_assert_int_eq(jb_mix_load(&set, &report, dir), JB_EXIT_OK);
	ck_assert_int_eq(set.present, 0);
	jb_mix_free(&set);
	snprintf(path, sizeof(path), "%s/composition.csv", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(composition_csv, fp);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(jb_mix_load(&set, &report, dir), JB_EXIT_OK);
	ck_assert_int_eq(set.mix_count, 1);
	ck_assert_str_eq(set.mixes[0].title, "Mix");
	ck_assert_int_eq(set.mixes[0].synthetic, 1);
	/* units sorted by period and code; the newest period is 2024 with two units */
	ck_assert_int_eq(set.mixes[0].unit_count, 3);
	ck_assert_str_eq(set.mixes[0].period, "2024JJ00");
	ck_assert_int_eq(set.mixes[0].newest, 1);
	ck_assert_int_eq(set.mixes[0].newest_count, 2);
	unit = jb_mix_find(&set.mixes[0], "2024JJ00", "GM0001");
	ck_assert_ptr_nonnull(unit);
	ck_assert_int_eq(unit->share_count, 2);
	ck_assert_str_eq(unit->shares[1].title, "Twee");
	ck_assert_double_eq_tol(unit->shares[1].ci_high, 78.1, 1e-12);
	ck_assert_int_eq(jb_mix_tested(unit), 1);
	/* (30 - 50)^2 / 50 + (70 - 50)^2 / 50 = 8 + 8, the file's X^2 */
	ck_assert_double_eq_tol(jb_mix_contributions(unit, 100, contributions), 16, 1e-12);
	ck_assert_double_eq_tol(contributions[0], 8, 1e-12);
	ck_assert_int_eq(jb_mix_tested(jb_mix_find(&set.mixes[0], "2023JJ00", "GM0002")), 0);
	ck_assert_ptr_null(jb_mix_find(&set.mixes[0], "2023JJ00", "GM0001"));
	/* all: (30 + 50) / 200; only B: 50 / 100; 2023 has nothing ok */
	ck_assert_int_eq(jb_mix_pool(&set.mixes[0], "2024JJ00", NULL, 0, shares, counts, &total), 2);
	ck_assert_double_eq_tol(shares[0], 40, 1e-12);
	ck_assert_double_eq_tol(counts[1], 120, 1e-12);
	ck_assert_double_eq_tol(total, 200, 1e-12);
	ck_assert_int_eq(jb_mix_pool(&set.mixes[0], "2024JJ00", only_b, 1, shares, counts, &total), 1);
	ck_assert_double_eq_tol(shares[0], 50, 1e-12);
	ck_assert_int_eq(jb_mix_pool(&set.mixes[0], "2023JJ00", NULL, 0, shares, counts, &total), 0);
	jb_mix_free(&set);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

static void write_labels(FILE *fp, const void *context)
{
	struct jb_group_label *labels = (struct jb_group_label *)context;

	jb_group_labels(fp, labels, 3, 200, 10);
}

START_TEST(group_labels_do_not_run_into_each_other)
{
	/* 10 px type: a line is 12 px; "Twee" is 4 x 6.2 = 24.8 px wide */
	struct jb_group_label labels[3] = {
		{ "Een", 50, 100, 1 }, { "Twee", 50, 100, 1 }, { "Breed", 190, 20, 1 },
	};
	char *svg = captured(write_labels, labels);

	/* the first stays; the second, on the same spot, goes up a line */
	ck_assert_ptr_nonnull(strstr(svg, "x=\"50.0\" y=\"100.0\" text-anchor=\"start\">Een<"));
	ck_assert_ptr_nonnull(strstr(svg, "x=\"50.0\" y=\"88.0\" text-anchor=\"start\">Twee<"));
	/* starting at 190 it would pass 200: it ends left of its point (190 - 16) */
	ck_assert_ptr_nonnull(strstr(svg, "x=\"174.0\" y=\"20.0\" text-anchor=\"end\">Breed<"));
	free(svg);
}
END_TEST

static void write_grouped_funnel(FILE *fp, const void *context)
{
	const struct jb_report *report = context;

	jb_funnel_svg(fp, &report->indicators[0], NULL, report);
}

START_TEST(group_members_are_ringed_in_the_funnel)
{
	struct jb_report report;
	struct jb_indicator_view view;
	struct jb_bench_row *rows[2];
	struct jb_named_group group = { "g", "G", NULL, 0 };
	char *members[] = { "GM0002" }, *svg;

	ck_assert_int_eq(parse(&report,
			       "i,I,2024JJ00,,GM0001,Een,100,1000,10,8.2,12.0,10,9,10,11,0,"
			       "8.1,11.9,7.1,12.9,within,within,ok,synthetic\n"
			       "i,I,2024JJ00,,GM0002,Twee,10000,100000,10,9.8,10.2,10,9,10,11,0,"
			       "9.8,10.2,9.7,10.3,within,within,ok,synthetic\n"), JB_EXIT_OK);
	memset(&view, 0, sizeof(view));
	view.target = NAN;
	view.name = "i";
	view.national = 10;
	rows[0] = &report.rows[0];
	rows[1] = &report.rows[1];
	view.rows = rows;
	view.row_count = 2;
	group.members = members;
	group.member_count = 1;
	report.groups = &group;
	report.group_count = 1;
	report.indicators = &view;
	svg = captured(write_grouped_funnel, &report);
	/* the member (x 658.3, as in funnel_points_sit_on_their_pixels) ringed, the other not */
	ck_assert_ptr_nonnull(strstr(svg, "<circle class=\"f-within grp\" cx=\"658.3\""));
	ck_assert_ptr_nonnull(strstr(svg, "<circle class=\"f-within\" cx=\"87.7\""));
	/* its name 8 px right of the point would pass the plot's edge (686): left of it */
	ck_assert_ptr_nonnull(strstr(svg, "x=\"650.3\" y=\"186.0\" text-anchor=\"end\">Twee<"));
	ck_assert_ptr_null(strstr(svg, ">Een<"));
	free(svg);
	report.groups = NULL;
	report.group_count = 0;
	report.indicators = NULL;
	jb_report_free(&report);
}
END_TEST

START_TEST(run_ids_are_checked)
{
	char id[32];

	ck_assert_int_eq(jb_run_id_is_valid("20250701T080000Z"), 1);
	ck_assert_int_eq(jb_run_id_is_valid("test-1_a.b"), 1);
	ck_assert_int_eq(jb_run_id_is_valid("../x"), 0);
	ck_assert_int_eq(jb_run_id_is_valid(".hidden"), 0);
	ck_assert_int_eq(jb_run_id_is_valid("latest"), 0);
	ck_assert_int_eq(jb_run_id_is_valid("a.tmp.1"), 0);
	ck_assert_int_eq(jb_run_id_is_valid(""), 0);
	jb_run_id_for_time(id, sizeof(id), 1751356800LL);
	ck_assert_str_eq(id, "20250701T080000Z");
}
END_TEST

static void write_hello(FILE *fp, const void *context)
{
	fputs(context, fp);
}

START_TEST(run_folder_switches_latest)
{
	const char *base = getenv("JB_TEST_TMP");
	char dir[256], link[300], target[64];
	struct jb_run run;
	struct stat st;
	ssize_t len;

	snprintf(dir, sizeof(dir), "%s/outtest.XXXXXX", base ? base : "/tmp");
	jb_mkdirs(base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(jb_run_begin(&run, dir, "one"), JB_EXIT_OK);
	ck_assert_int_eq(jb_run_write(&run, "sub/a.html", write_hello, "hallo"), JB_EXIT_OK);
	ck_assert_int_eq(jb_run_commit(&run), JB_EXIT_OK);
	jb_run_free(&run);
	snprintf(link, sizeof(link), "%s/latest", dir);
	len = readlink(link, target, sizeof(target) - 1);
	ck_assert_int_eq(len, 3);
	target[len] = '\0';
	ck_assert_str_eq(target, "one");
	/* an aborted run leaves latest and no temporary folder */
	ck_assert_int_eq(jb_run_begin(&run, dir, "two"), JB_EXIT_OK);
	ck_assert_int_eq(jb_run_write(&run, "a.html", write_hello, "x"), JB_EXIT_OK);
	jb_run_abort(&run);
	ck_assert_int_ne(stat(run.final_dir, &st), 0);
	jb_run_free(&run);
	len = readlink(link, target, sizeof(target) - 1);
	ck_assert_int_eq(len, 3);
	/* the same run id twice is refused */
	ck_assert_int_eq(jb_run_begin(&run, dir, "one"), JB_EXIT_CANTCREAT);
	jb_run_abort(&run);
	jb_run_free(&run);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("out");
	TCase *html = tcase_create("html"), *scale = tcase_create("scale");
	TCase *format = tcase_create("format"), *input = tcase_create("input");
	TCase *run = tcase_create("run");
	SRunner *runner;
	int failed;

	jb_quiet = 1;
	tcase_add_test(html, escape_replaces_markup_characters);
	tcase_add_test(scale, linear_scale_maps_to_pixels);
	tcase_add_test(scale, log_scale_maps_decades_evenly);
	tcase_add_test(scale, nice_steps_are_one_two_five);
	tcase_add_test(scale, funnel_points_sit_on_their_pixels);
	tcase_add_test(scale, map_projection_maps_lon_lat_to_pixels);
	tcase_add_test(scale, map_files_of_every_boundary_year);
	tcase_add_test(scale, group_labels_do_not_run_into_each_other);
	tcase_add_test(scale, group_members_are_ringed_in_the_funnel);
	tcase_add_test(format, numbers_in_dutch_form);
	tcase_add_test(format, periods_in_words);
	tcase_add_test(format, question_words_and_numbers);
	tcase_add_test(input, composition_is_read_and_pooled);
	tcase_add_test(input, benchmark_rows_are_parsed);
	tcase_add_test(input, bad_benchmarks_are_data_errors);
	tcase_add_test(input, optional_columns_are_read_by_name);
	tcase_add_test(input, formula_like_text_is_neutralised);
	tcase_add_test(run, run_ids_are_checked);
	tcase_add_test(run, run_folder_switches_latest);
	suite_add_tcase(suite, html);
	suite_add_tcase(suite, scale);
	suite_add_tcase(suite, format);
	suite_add_tcase(suite, input);
	suite_add_tcase(suite, run);
	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
