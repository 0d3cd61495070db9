/*
 * Unit tests of jb-synth: the Atom writer (escaping, padding, paging) and
 * the synthetic youth-care model (publication rules, municipality sets,
 * merged covariates, determinism).  Expected inhabitants are the KWB 2020
 * values of fetch/snapshot/sources/kwb2020_gemeenten.csv, added by hand.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "exitcode.h"
#include "msg.h"
#include "synth.h"
#include "synth_cube.h"
#include "synth_indicator_model.h"
#include "synth_meta.h"
#include "synth_model.h"
#include "synth_youth.h"
#include "xalloc.h"

#define SOURCES "fetch/snapshot/sources"
#define REORGANISATIONS "config/reorganisations.csv"

static char *temp_dir(void)
{
	const char *base = getenv("JB_TEST_TMP");
	char *dir = jb_xasprintf("%s/synth.XXXXXX", base && *base ? base : "/tmp");

	jb_mkdirs(base && *base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static char *read_text(const char *path)
{
	char *bytes;
	size_t len;

	ck_assert_int_eq(jb_read_file(path, &bytes, &len), 0);
	return bytes;
}

static char *escaped(const char *text)
{
	char *buffer = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buffer, &len);

	synth_xml_text(fp, text);
	fclose(fp);
	return buffer;
}

START_TEST(xml_text_escapes_markup_and_quotes)
{
	char *out = escaped("Bergen & \"Zoom\" <L>\r\n");

	ck_assert_str_eq(out, "Bergen &amp; &quot;Zoom&quot; &lt;L&gt;&#13;\n");
	free(out);
	out = escaped("plain 's-Gravenhage");
	ck_assert_str_eq(out, "plain 's-Gravenhage");
	free(out);
}
END_TEST

START_TEST(keys_are_padded_never_cut)
{
	char *key = synth_pad_key("GM0363", 10);

	ck_assert_str_eq(key, "GM0363    ");
	free(key);
	key = synth_pad_key("BU03630000", 6);
	ck_assert_str_eq(key, "BU03630000");
	free(key);
	key = synth_key_ref("NL01  ");
	ck_assert_str_eq(key, "'NL01%20%20'");
	free(key);
}
END_TEST

START_TEST(dimension_feed_escapes_titles_and_keeps_padding)
{
	char *dir = temp_dir(), *path, *xml;
	struct synth_output output = { dir, NULL, 0, NULL };
	struct synth_dimension_item items[] = {
		{ "GM0748    ", "Bergen op Zoom & \"Tholen\" <test>", NULL, NULL },
	};

	ck_assert_int_eq(synth_write_dimension(&output, "T1", "RegioS", "2025-07-01T02:00:00",
					       items, 1), 0);
	path = jb_xasprintf("%s/T1/RegioS.xml", dir);
	xml = read_text(path);
	ck_assert_ptr_nonnull(strstr(xml, "<d:Key xml:space=\"preserve\">GM0748    </d:Key>"));
	ck_assert_ptr_nonnull(strstr(
		xml, "<d:Title>Bergen op Zoom &amp; &quot;Tholen&quot; &lt;test&gt;</d:Title>"));
	ck_assert_ptr_nonnull(strstr(xml, "RegioS('GM0748%20%20%20%20')"));
	ck_assert_ptr_nonnull(strstr(xml, "<d:CategoryGroupID m:type=\"Edm.Int32\" m:null=\"true\" />"));
	ck_assert_ptr_null(strstr(xml, "rel=\"next\""));
	free(xml);
	unlink(path);
	free(path);
	path = jb_xasprintf("%s/T1", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
	free(dir);
}
END_TEST

/* Writes n empty data entries and returns the number of pages written. */
static int write_pages(const char *dir, long n)
{
	struct synth_output output = { dir, NULL, 0, NULL };
	struct synth_pages pages;
	long i;

	synth_pages_init(&pages, &output, "T2", "2025-07-01T02:00:00");
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(synth_pages_entry_begin(&pages, i), 0);
		synth_pages_entry_end(&pages);
	}
	ck_assert_int_eq(synth_pages_finish(&pages), 0);
	return (int)((n + 9999) / 10000);
}

START_TEST(pages_hold_ten_thousand_entries_and_link_to_the_next)
{
	char *dir = temp_dir(), *first, *second, *third, *xml;

	write_pages(dir, 25000);
	first = jb_xasprintf("%s/T2/TypedDataSet.xml", dir);
	second = jb_xasprintf("%s/T2/TypedDataSet.skip10000.xml", dir);
	third = jb_xasprintf("%s/T2/TypedDataSet.skip20000.xml", dir);
	xml = read_text(first);
	ck_assert_ptr_nonnull(strstr(xml, "<link rel=\"next\" href=\"https://opendata.cbs.nl/"
					  "ODataFeed/odata/T2/TypedDataSet?$skip=10000\" />"));
	ck_assert_ptr_nonnull(strstr(xml, "TypedDataSet(9999)"));
	ck_assert_ptr_null(strstr(xml, "TypedDataSet(10000)"));
	free(xml);
	xml = read_text(second);
	ck_assert_ptr_nonnull(strstr(xml, "TypedDataSet?$skip=20000\" />"));
	ck_assert_ptr_nonnull(strstr(xml, "<d:ID m:type=\"Edm.Int32\">10000</d:ID>"));
	free(xml);
	xml = read_text(third);
	ck_assert_ptr_null(strstr(xml, "rel=\"next\""));
	ck_assert_ptr_nonnull(strstr(xml, "TypedDataSet(24999)"));
	free(xml);
	/* a shorter run removes the stale pages */
	write_pages(dir, 10001);
	ck_assert_int_eq(access(second, F_OK), 0);
	ck_assert_int_ne(access(third, F_OK), 0);
	write_pages(dir, 10000);
	ck_assert_int_ne(access(second, F_OK), 0);
	xml = read_text(first);
	ck_assert_ptr_null(strstr(xml, "rel=\"next\""));
	free(xml);
	unlink(first);
	free(first);
	free(second);
	free(third);
	first = jb_xasprintf("%s/T2", dir);
	rmdir(first);
	free(first);
	rmdir(dir);
	free(dir);
}
END_TEST

START_TEST(counts_are_rounded_to_five_and_small_ones_suppressed)
{
	ck_assert_int_eq(synth_publish_count(0), -1);
	ck_assert_int_eq(synth_publish_count(9), -1);
	ck_assert_int_eq(synth_publish_count(10), 10);
	ck_assert_int_eq(synth_publish_count(12), 10);
	ck_assert_int_eq(synth_publish_count(13), 15);
	ck_assert_int_eq(synth_publish_count(1234), 1235);
	ck_assert_int_eq(synth_publish_count(3369237), 3369235);
}
END_TEST

static struct synth_youth_options default_options(void)
{
	struct synth_youth_options options = { SOURCES, REORGANISATIONS, 42, 2020, 2024, 1, 0 };

	return options;
}

static struct synth_youth_table table;

static void generate(const struct synth_youth_options *options, struct synth_youth_table *out)
{
	ck_assert_int_eq(synth_youth_generate(options, out), 0);
}

START_TEST(municipalities_per_year_follow_the_reorganisations)
{
	struct synth_youth_options options = default_options();
	static const size_t expected[] = { 355, 352, 345, 342, 342 };
	size_t i, count;
	int year;

	generate(&options, &table);
	for (year = 2020; year <= 2024; year++) {
		for (count = 0, i = 0; i < table.regions.count; i++)
			count += (size_t)synth_region_present(&table.regions, i, year);
		ck_assert_uint_eq(count, expected[year - 2020]);
	}
	ck_assert_uint_eq(table.order_count, 360);
	ck_assert_str_eq(table.regions.regions[table.order[0]].code, "GM0003");
	synth_youth_free(&table);
}
END_TEST

static double inhabitants(const struct synth_youth_table *t, const char *code, int year)
{
	long index = synth_regions_find(&t->regions, code);

	ck_assert_int_ge(index, 0);
	ck_assert_int_eq(synth_region_present(&t->regions, (size_t)index, year), 1);
	return synth_region_quantities(&t->regions, (size_t)index, year)[SYNTH_INHABITANTS];
}

START_TEST(merged_municipalities_carry_the_sums_of_their_predecessors)
{
	struct synth_youth_options options = default_options();
	long eemsdelta;

	generate(&options, &table);
	/* Appingedam 11642 + Delfzijl 24678 + Loppersum 9537 */
	ck_assert_double_eq_tol(inhabitants(&table, "GM1979", 2021), 45857, 1e-6);
	/* Oisterwijk 26245 + 0.4091 x Haaren 14370 */
	ck_assert_double_eq_tol(inhabitants(&table, "GM0824", 2021), 26245 + 0.4091 * 14370, 1e-6);
	ck_assert_double_eq_tol(inhabitants(&table, "GM0824", 2020), 26245, 1e-6);
	/* Weesp (19738) joins Amsterdam (872757) after 1 January 2022 */
	ck_assert_double_eq_tol(inhabitants(&table, "GM0363", 2022), 872757, 1e-6);
	ck_assert_double_eq_tol(inhabitants(&table, "GM0363", 2023), 872757 + 19738, 1e-6);
	/* youth 0-17: (1632 + 3447 + 1410) + 0.3 (1268 + 2618 + 1022), with one year of drift */
	eemsdelta = synth_regions_find(&table.regions, "GM1979");
	ck_assert_int_eq(synth_youth_count(&table, (size_t)eemsdelta, 2021, SYNTH_TOPIC_YOUTH),
			 lround(7961.4 * (1 + SYNTH_YOUTH_DRIFT)));
	ck_assert_int_eq(synth_youth_count(&table, (size_t)eemsdelta, 2020, SYNTH_TOPIC_YOUTH), -1);
	synth_youth_free(&table);
}
END_TEST

START_TEST(published_counts_obey_the_rules)
{
	struct synth_youth_options options = default_options();
	size_t i, topic, cells = 0, suppressed = 0;
	int year;

	generate(&options, &table);
	for (i = 0; i < table.regions.count; i++) {
		for (year = 2020; year <= 2024; year++) {
			long raw[SYNTH_TOPIC_FIXED_COUNT], pub[SYNTH_TOPIC_FIXED_COUNT];

			if (!synth_region_present(&table.regions, i, year))
				continue;
			for (topic = 0; topic < SYNTH_TOPIC_FIXED_COUNT; topic++) {
				raw[topic] = synth_youth_count(&table, i, year, topic);
				pub[topic] = synth_publish_count(raw[topic]);
				ck_assert_int_ge(raw[topic], 0);
				if (raw[topic] < SYNTH_SUPPRESS_BELOW) {
					ck_assert_int_eq(pub[topic], -1);
					suppressed++;
				} else {
					ck_assert_int_eq(pub[topic] % 5, 0);
					ck_assert_int_le(labs(pub[topic] - raw[topic]), 2);
				}
				cells++;
			}
			ck_assert_int_ge(pub[SYNTH_TOPIC_YOUTH], 0);
			for (topic = 1; topic < SYNTH_TOPIC_FIXED_COUNT; topic++)
				ck_assert_int_le(pub[topic], pub[SYNTH_TOPIC_YOUTH]);
			ck_assert_int_eq(raw[SYNTH_TOPIC_ZONDER] + raw[SYNTH_TOPIC_MET],
					 raw[SYNTH_TOPIC_HULP]);
			if (pub[SYNTH_TOPIC_MET] >= 0 && pub[SYNTH_TOPIC_ZONDER] >= 0)
				ck_assert_int_le(labs(pub[SYNTH_TOPIC_ZONDER] + pub[SYNTH_TOPIC_MET] -
						      pub[SYNTH_TOPIC_HULP]),
						 5);
		}
	}
	ck_assert_uint_eq(cells, 6 * (355 + 352 + 345 + 342 + 342));
	/* small municipalities have few jeugdreclassering cases: some cells are null */
	ck_assert_uint_gt(suppressed, 0);
	synth_youth_free(&table);
}
END_TEST

START_TEST(national_row_is_the_sum_of_the_municipalities)
{
	struct synth_youth_options options = default_options();
	size_t i, topic;
	int year;

	generate(&options, &table);
	for (year = 2020; year <= 2024; year++) {
		for (topic = 0; topic < table.topic_count; topic++) {
			long sum = 0;

			for (i = 0; i < table.regions.count; i++)
				if (synth_region_present(&table.regions, i, year))
					sum += synth_youth_count(&table, i, year, topic);
			ck_assert_int_eq(table.national[(year - 2020) * (int)table.topic_count +
							(int)topic],
					 sum);
		}
	}
	synth_youth_free(&table);
}
END_TEST

START_TEST(same_seed_same_counts_and_scale_leaves_real_municipalities_alone)
{
	struct synth_youth_options options = default_options();
	struct synth_youth_table again, scaled, longer, other;
	size_t i, cells;
	int year;

	generate(&options, &table);
	generate(&options, &again);
	cells = table.regions.count * 5 * table.topic_count;
	ck_assert_mem_eq(table.counts, again.counts, cells * sizeof(long));
	options.scale = 3;
	generate(&options, &scaled);
	ck_assert_uint_eq(scaled.regions.count, table.regions.count + 2 * 355);
	ck_assert_mem_eq(table.counts, scaled.counts, cells * sizeof(long));
	ck_assert_str_eq(scaled.regions.regions[table.regions.count].code, "GMS000001");
	options.scale = 1;
	options.first_year = 2015;
	generate(&options, &longer);
	for (i = 0; i < table.regions.count; i++)
		for (year = 2020; year <= 2024; year++)
			ck_assert_int_eq(synth_youth_count(&table, i, year, SYNTH_TOPIC_HULP),
					 synth_youth_count(&longer, i, year, SYNTH_TOPIC_HULP));
	ck_assert_int_eq(synth_region_present(&longer.regions, 0, 2015), 1);
	options.first_year = 2020;
	options.seed = 43;
	generate(&options, &other);
	ck_assert_int_ne(memcmp(table.counts, other.counts, cells * sizeof(long)), 0);
	synth_youth_free(&table);
	synth_youth_free(&again);
	synth_youth_free(&scaled);
	synth_youth_free(&longer);
	synth_youth_free(&other);
}
END_TEST

START_TEST(municipal_effects_have_the_true_spread)
{
	struct synth_youth_options options = default_options();
	double sum = 0, squares = 0, mean, sd;
	size_t i, n;

	options.scale = 10;
	generate(&options, &table);
	n = table.regions.count;
	for (i = 0; i < n; i++) {
		sum += table.effect[i];
		squares += table.effect[i] * table.effect[i];
	}
	mean = sum / (double)n;
	sd = sqrt((squares - (double)n * mean * mean) / (double)(n - 1));
	/* n = 3555: standard errors about 0.0025 (mean) and 0.0018 (sd) */
	ck_assert_double_le(fabs(mean), 0.015);
	ck_assert_double_le(fabs(sd - SYNTH_SIGMA_U), 0.012);
	synth_youth_free(&table);
}
END_TEST

static int generate_with(const char *reorganisations_text)
{
	char *dir = temp_dir(), *path = jb_xasprintf("%s/reorganisations.csv", dir);
	struct synth_youth_options options = default_options();
	int status;

	ck_assert_int_eq(jb_write_file_atomic(path, reorganisations_text,
					      strlen(reorganisations_text)), 0);
	options.reorganisations = path;
	jb_quiet = 1;
	status = synth_youth_generate(&options, &table);
	jb_quiet = 0;
	if (status == 0)
		synth_youth_free(&table);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	return status;
}

START_TEST(bad_reorganisations_are_data_errors)
{
	static const char header[] = "effective_date,old_code,old_name,new_code,new_name,weight,note\n";
	char *text;

	text = jb_xasprintf("%s2021-01-01,GM0003,A,GM1979,E,0.7,\n2021-01-01,GM0003,A,GM0010,D,0.7,\n",
			    header);
	ck_assert_int_eq(generate_with(text), JB_EXIT_DATAERR);
	free(text);
	text = jb_xasprintf("%s2021-01-01,GM9999,X,GM1979,E,1,\n", header);
	ck_assert_int_eq(generate_with(text), JB_EXIT_DATAERR);
	free(text);
	text = jb_xasprintf("%s1-1-2021,GM0003,A,GM1979,E,1,\n", header);
	ck_assert_int_eq(generate_with(text), JB_EXIT_DATAERR);
	free(text);
	text = jb_xasprintf("%s2021-01-01,GM0003,A,GM1979,E,1,\n", header);
	ck_assert_int_eq(generate_with(text), 0);
	free(text);
	ck_assert_int_eq(generate_with("effective_date,old_code\n"), JB_EXIT_DATAERR);
}
END_TEST

/* --- the tables of issue 8: referrals, ages, spending ------------------------- */

START_TEST(cube_publishes_counts_and_amounts_as_cbs_does)
{
	struct synth_cube cube;

	memset(&cube, 0, sizeof(cube));
	cube.publication = SYNTH_PUBLISH_COUNT;
	ck_assert_int_eq(synth_cube_publish(&cube, 9.0), -1);
	ck_assert_int_eq(synth_cube_publish(&cube, 12.0), 10);
	ck_assert_int_eq(synth_cube_publish(&cube, 13.0), 15);
	cube.publication = SYNTH_PUBLISH_AMOUNT;
	ck_assert_int_eq(synth_cube_publish(&cube, 0.4), 0);
	ck_assert_int_eq(synth_cube_publish(&cube, 1234.6), 1235);
}
END_TEST

/* Sum over the regions present in year of one category and topic of a cube. */
static double cube_sum(const struct synth_cube *cube, int year, size_t category, size_t topic)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < cube->youth->regions.count; i++)
		if (synth_region_present(&cube->youth->regions, i, year))
			sum += synth_cube_cell(cube, i, year)[category * cube->topic_count + topic];
	return sum;
}

START_TEST(referral_totals_are_sums_and_mixes_follow_the_model)
{
	static const double shares[SYNTH_REF_CATEGORIES] = SYNTH_REF_SHARES;
	struct synth_youth_options options = default_options();
	struct synth_cube cube;
	double huisarts_urban = 0, huisarts_rural = 0, chi_square = 0, national[8] = { 0 };
	size_t i, k, urban = 0, rural = 0, municipalities = 0;
	int year;

	generate(&options, &table);
	synth_referrals_generate(&cube, &table, options.seed);
	ck_assert_str_eq(cube.table_id, "85097SYN");
	ck_assert_uint_eq(cube.category_count, 8);
	for (year = 2020; year <= 2024; year++) {
		for (i = 0; i < table.regions.count; i++) {
			const double *cell;
			double sum = 0;

			if (!synth_region_present(&table.regions, i, year))
				continue;
			cell = synth_cube_cell(&cube, i, year);
			for (k = 1; k < 8; k++)
				sum += cell[k];
			ck_assert_double_eq(cell[0], sum);
			ck_assert_double_ge(cell[0],
					    (double)synth_youth_count(&table, i, year, SYNTH_TOPIC_HULP));
		}
		for (k = 0; k < 8; k++)
			ck_assert_double_eq(cube.national[(year - 2020) * 8 + (int)k],
					    cube_sum(&cube, year, k, 0));
	}
	/* national shares near the documented mix (urbanity and styles move them a little) */
	for (k = 1; k < 8; k++) {
		national[k] = cube.national[k] / cube.national[0];
		ck_assert_double_le(fabs(national[k] - shares[k - 1]), 0.04);
	}
	/* urban municipalities refer more through the huisarts; mixes differ (chi-square) */
	for (i = 0; i < table.regions.count; i++) {
		const double *cell;
		double z[3];

		if (!synth_region_present(&table.regions, i, 2020))
			continue;
		municipalities++;
		cell = synth_cube_cell(&cube, i, 2020);
		synth_youth_covariates(&table, i, 2020, z);
		if (z[2] > 1.0) {
			huisarts_urban += cell[2] / cell[0];
			urban++;
		} else if (z[2] < -1.0) {
			huisarts_rural += cell[2] / cell[0];
			rural++;
		}
		for (k = 1; k < 8; k++) {
			double expected = cell[0] * national[k];

			chi_square += (cell[k] - expected) * (cell[k] - expected) / expected;
		}
	}
	ck_assert_uint_gt(urban, 10);
	ck_assert_uint_gt(rural, 10);
	/* model: 0.30 x 0.15 x (about 2.8 sd of urbanity apart) = 0.12; without the shift 0.02 */
	ck_assert_double_gt(huisarts_urban / (double)urban, huisarts_rural / (double)rural + 0.06);
	/* df = 354 x 6: under homogeneity chi-square would be about 2124 */
	ck_assert_double_gt(chi_square, 3.0 * (double)(municipalities - 1) * 6);
	synth_cube_free(&cube);
	synth_youth_free(&table);
}
END_TEST

START_TEST(age_bands_add_up_to_the_youth_table)
{
	struct synth_youth_options options = default_options();
	struct synth_cube cube;
	double care_12_17 = 0, care_18_22 = 0;
	size_t i, band;
	int year;

	generate(&options, &table);
	synth_ages_generate(&cube, &table, options.seed);
	ck_assert_str_eq(cube.table_id, "84134SYN");
	for (year = 2020; year <= 2024; year++) {
		for (i = 0; i < table.regions.count; i++) {
			const double *cell;
			double care = 0, population = 0;

			if (!synth_region_present(&table.regions, i, year))
				continue;
			cell = synth_cube_cell(&cube, i, year);
			/* 0-17 bands: exactly the youth and jeugdhulp counts of 85099SYN */
			for (band = SYNTH_AGE_0_3; band <= SYNTH_AGE_12_17; band++) {
				care += cell[band * 2];
				population += cell[band * 2 + 1];
				ck_assert_double_le(cell[band * 2], cell[band * 2 + 1]);
			}
			ck_assert_double_eq(care, (double)synth_youth_count(&table, i, year,
									  SYNTH_TOPIC_HULP));
			ck_assert_double_eq(population, (double)synth_youth_count(&table, i, year,
										SYNTH_TOPIC_YOUTH));
			ck_assert_double_le(cell[SYNTH_AGE_18_22 * 2], cell[SYNTH_AGE_12_17 * 2]);
			ck_assert_double_eq(cell[0], care + cell[SYNTH_AGE_18_22 * 2]);
			ck_assert_double_eq(cell[1], population + cell[SYNTH_AGE_18_22 * 2 + 1]);
			care_12_17 += cell[SYNTH_AGE_12_17 * 2];
			care_18_22 += cell[SYNTH_AGE_18_22 * 2];
		}
	}
	/* continuation: logistic(logit 0.20 + N(0, 0.35^2)) averages a little above 0.20 */
	ck_assert_double_ge(care_18_22 / care_12_17, 0.18);
	ck_assert_double_le(care_18_22 / care_12_17, 0.24);
	/* the youngest have the lowest rate, 12-17 the highest */
	ck_assert_double_lt(cube_sum(&cube, 2020, SYNTH_AGE_0_3, 0) /
				    cube_sum(&cube, 2020, SYNTH_AGE_0_3, 1),
			    cube_sum(&cube, 2020, SYNTH_AGE_4_11, 0) /
				    cube_sum(&cube, 2020, SYNTH_AGE_4_11, 1));
	synth_cube_free(&cube);
	synth_youth_free(&table);
}
END_TEST

/* Mean prevention share over the municipalities of year, from the lasten as published. */
static double mean_prevention_share(const struct synth_cube *cube, int year)
{
	double sum = 0;
	size_t i, n = 0;

	for (i = 0; i < cube->youth->regions.count; i++) {
		const double *cell;
		double prevention, total;

		if (!synth_region_present(&cube->youth->regions, i, year))
			continue;
		cell = synth_cube_cell(cube, i, year);
		prevention = cell[SYNTH_TF_61 * 2] + cell[SYNTH_TF_62 * 2] +
			     SYNTH_JGZ_OF_71 * cell[SYNTH_TF_71 * 2];
		total = prevention + cell[SYNTH_TF_672 * 2] + cell[SYNTH_TF_682 * 2];
		sum += prevention / total;
		n++;
	}
	return sum / (double)n;
}

START_TEST(spending_follows_care_and_prevention_share_rises)
{
	struct synth_youth_options options = default_options();
	struct synth_cube cube;
	double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0, slope, first, last;
	size_t i, field;

	generate(&options, &table);
	synth_spending_generate(&cube, &table, options.seed);
	ck_assert_str_eq(cube.table_id, "45042SYN");
	for (i = 0; i < table.regions.count; i++) {
		const double *cell;
		double youth, rate, per_youth = 0;

		if (!synth_region_present(&table.regions, i, 2020))
			continue;
		cell = synth_cube_cell(&cube, i, 2020);
		for (field = 0; field < SYNTH_TASK_FIELDS; field++) {
			ck_assert_double_gt(cell[field * 2], 0);
			ck_assert_double_lt(cell[field * 2 + 1], cell[field * 2]);
		}
		youth = (double)synth_youth_count(&table, i, 2020, SYNTH_TOPIC_YOUTH);
		rate = (double)synth_youth_count(&table, i, 2020, SYNTH_TOPIC_HULP) / youth;
		per_youth = 1000.0 *
			    (cell[SYNTH_TF_61 * 2] + cell[SYNTH_TF_62 * 2] + cell[SYNTH_TF_672 * 2] +
			     cell[SYNTH_TF_682 * 2] + SYNTH_JGZ_OF_71 * cell[SYNTH_TF_71 * 2]) /
			    youth;
		sx += rate;
		sy += per_youth;
		sxx += rate * rate;
		sxy += rate * per_youth;
		n++;
	}
	/* spending per young inhabitant rises with the jeugdhulp rate: true slope 9000 */
	slope = (sxy - sx * sy / n) / (sxx - sx * sx / n);
	ck_assert_double_gt(slope, 6000);
	ck_assert_double_lt(slope, 12000);
	/* about 1 500 euro per young inhabitant at a 10 % rate */
	ck_assert_double_gt(sy / n, 1200);
	ck_assert_double_lt(sy / n, 1900);
	first = mean_prevention_share(&cube, 2020);
	last = mean_prevention_share(&cube, 2024);
	ck_assert_double_ge(first, 0.13);
	ck_assert_double_le(first, 0.17);
	ck_assert_double_gt(last, first + 0.01);
	synth_cube_free(&cube);
	synth_youth_free(&table);
}
END_TEST

START_TEST(indicator_tables_leave_real_municipalities_alone_when_scaled)
{
	struct synth_youth_options options = default_options();
	struct synth_youth_table scaled;
	struct synth_cube one, three;
	size_t cells;

	generate(&options, &table);
	options.scale = 3;
	generate(&options, &scaled);
	synth_referrals_generate(&one, &table, options.seed);
	synth_referrals_generate(&three, &scaled, options.seed);
	cells = table.regions.count * 5 * one.category_count;
	ck_assert_mem_eq(one.values, three.values, cells * sizeof(double));
	synth_cube_free(&one);
	synth_cube_free(&three);
	synth_spending_generate(&one, &table, options.seed);
	synth_spending_generate(&three, &scaled, options.seed);
	cells = table.regions.count * 5 * one.category_count * 2;
	ck_assert_mem_eq(one.values, three.values, cells * sizeof(double));
	synth_cube_free(&one);
	synth_cube_free(&three);
	synth_youth_free(&table);
	synth_youth_free(&scaled);
}
END_TEST

static Suite *synth_suite(void)
{
	Suite *suite = suite_create("synth");
	TCase *atom = tcase_create("atom"), *model = tcase_create("model");

	tcase_add_test(atom, xml_text_escapes_markup_and_quotes);
	tcase_add_test(atom, keys_are_padded_never_cut);
	tcase_add_test(atom, dimension_feed_escapes_titles_and_keeps_padding);
	tcase_add_test(atom, pages_hold_ten_thousand_entries_and_link_to_the_next);
	tcase_set_timeout(model, 60);
	tcase_add_test(model, counts_are_rounded_to_five_and_small_ones_suppressed);
	tcase_add_test(model, municipalities_per_year_follow_the_reorganisations);
	tcase_add_test(model, merged_municipalities_carry_the_sums_of_their_predecessors);
	tcase_add_test(model, published_counts_obey_the_rules);
	tcase_add_test(model, national_row_is_the_sum_of_the_municipalities);
	tcase_add_test(model, same_seed_same_counts_and_scale_leaves_real_municipalities_alone);
	tcase_add_test(model, municipal_effects_have_the_true_spread);
	tcase_add_test(model, bad_reorganisations_are_data_errors);
	tcase_add_test(model, cube_publishes_counts_and_amounts_as_cbs_does);
	tcase_add_test(model, referral_totals_are_sums_and_mixes_follow_the_model);
	tcase_add_test(model, age_bands_add_up_to_the_youth_table);
	tcase_add_test(model, spending_follows_care_and_prevention_share_rises);
	tcase_add_test(model, indicator_tables_leave_real_municipalities_alone_when_scaled);
	suite_add_tcase(suite, atom);
	suite_add_tcase(suite, model);
	return suite;
}

int main(void)
{
	SRunner *runner = srunner_create(synth_suite());
	int failed;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
