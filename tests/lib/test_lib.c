/* Unit tests of lib/: text, periods, OData URLs, CSV, atomic files, config. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "config.h"
#include "csvio.h"
#include "msg.h"
#include "odata.h"
#include "period.h"
#include "text.h"

static char scratch[256];

static void make_scratch(void)
{
	const char *base = getenv("JB_TEST_TMP");

	snprintf(scratch, sizeof(scratch), "%s/libtest.XXXXXX", base ? base : "/tmp");
	jb_mkdirs(base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
	jb_quiet = 1;
}

START_TEST(trim_removes_cbs_padding)
{
	char key[] = "GM0363    ";
	char both[] = "  NL01  \r\n";
	char empty[] = "   ";

	ck_assert_str_eq(jb_trim(key), "GM0363");
	ck_assert_str_eq(jb_trim(both), "NL01");
	ck_assert_str_eq(jb_trim(empty), "");
}
END_TEST

START_TEST(measure_stems_ignore_the_number)
{
	ck_assert(jb_measure_matches("JongerenMetJeugdzorgInNatura_87", "JongerenMetJeugdzorgInNatura"));
	ck_assert(jb_measure_matches("JongerenMetJeugdzorgInNatura_96", "JongerenMetJeugdzorgInNatura"));
	ck_assert(!jb_measure_matches("JongerenMetJeugdzorgInNatura_87", "Jongeren"));
	ck_assert(jb_measure_matches("k_0Tot15Jaar_8", "k_0Tot15Jaar"));
	ck_assert(!jb_measure_matches("k_0Tot15Jaar_8", "k"));
	ck_assert_uint_eq(jb_measure_stem_len("Plain"), 5);
	ck_assert_str_eq(jb_region_type("GM0363"), "GM");
	ck_assert_str_eq(jb_region_type("NL00"), "NL");
	ck_assert_str_eq(jb_region_type("LD01"), "LD");
	ck_assert_str_eq(jb_region_type("PV20"), "PV");
	ck_assert_str_eq(jb_region_type("WK036300"), "WK");
	ck_assert_str_eq(jb_region_type("BU03630000"), "BU");
	ck_assert_str_eq(jb_region_type("XX12"), "other");
	ck_assert_str_eq(jb_region_type("G"), "other");
}
END_TEST

START_TEST(periods_of_every_published_type)
{
	struct jb_period period;

	ck_assert_int_eq(jb_period_parse("2021JJ00", &period), 0);
	ck_assert_int_eq(period.year, 2021);
	ck_assert_int_eq(period.type, JB_PERIOD_YEAR);
	ck_assert_int_eq(jb_period_parse("2022HJ02", &period), 0);
	ck_assert_int_eq(period.type, JB_PERIOD_HALF);
	ck_assert_int_eq(period.number, 2);
	ck_assert_int_eq(jb_period_parse("2012MM12", &period), 0);
	ck_assert_int_eq(jb_period_parse("2012KW04", &period), 0);
	ck_assert_int_eq(jb_period_parse("2012KW05", &period), -1);
	ck_assert_int_eq(jb_period_parse("2021XX01", &period), -1);
	ck_assert_int_eq(jb_period_parse("2021JJ0", &period), -1);
	ck_assert_int_eq(jb_period_parse("2021JJ01", &period), -1);
}
END_TEST

START_TEST(odata_urls_map_to_files)
{
	struct jb_odata_ref ref;
	char *name;

	ck_assert_int_eq(jb_odata_parse_url(
		"https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet?$skip=10000", &ref), 0);
	ck_assert_str_eq(ref.table_id, "85099SYN");
	ck_assert_str_eq(ref.entity_set, "TypedDataSet");
	ck_assert_int_eq(ref.skip, 10000);
	name = jb_odata_file_name(&ref, "xml");
	ck_assert_str_eq(name, "TypedDataSet.skip10000.xml");
	free(name);
	ck_assert_int_eq(jb_odata_parse_url(
		"http://127.0.0.1:8080/ODataFeed/OData/84799NED/TypedDataSet?$format=json&%24skip=20000", &ref), 0);
	ck_assert_int_eq(ref.skip, 20000);
	ck_assert_int_eq(jb_odata_parse_url("/ODataFeed/odata/84799NED/TableInfos", &ref), 0);
	ck_assert_int_eq(ref.skip, 0);
	name = jb_odata_file_name(&ref, "xml");
	ck_assert_str_eq(name, "TableInfos.xml");
	free(name);
	ck_assert_int_eq(jb_odata_parse_url("/ODataFeed/odata/../etc/passwd", &ref), -1);
	ck_assert_int_eq(jb_odata_parse_url("/ODataFeed/odata/84799NED/", &ref), -1);
	ck_assert_int_eq(jb_odata_parse_url("https://example.org/index.html", &ref), -1);
}
END_TEST

static int count_rows(const struct jb_csv_row *row, void *context)
{
	unsigned long *lines = context;

	lines[row->count > 0 ? 0 : 1] = row->line;
	return 0;
}

START_TEST(csv_round_trip_quotes_what_it_must)
{
	const char *fields[] = { "GM0363", "Amsterdam, \"de hoofdstad\"", "", " padded " , "a\nb" };
	char path[300];
	struct jb_csv_table table;
	FILE *fp;
	unsigned long lines[2] = { 0, 0 };

	make_scratch();
	snprintf(path, sizeof(path), "%s/round.csv", scratch);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(jb_csv_write_row(fp, (const char *const[]){ "a", "b", "c", "d", "e" }, 5), 0);
	ck_assert_int_eq(jb_csv_write_row(fp, fields, 5), 0);
	ck_assert_int_eq(jb_csv_write_row(fp, fields, 5), 0);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(jb_csv_load(path, &table), 0);
	ck_assert_uint_eq(table.row_count, 2);
	ck_assert_str_eq(jb_csv_cell(&table, 0, 1), "Amsterdam, \"de hoofdstad\"");
	ck_assert_str_eq(jb_csv_cell(&table, 1, 3), " padded ");
	ck_assert_str_eq(jb_csv_cell(&table, 1, 4), "a\nb");
	ck_assert_int_eq(jb_csv_column(&table, "c"), 2);
	ck_assert_int_eq(jb_csv_column(&table, "nope"), -1);
	ck_assert_uint_eq(table.lines[0], 2);
	jb_csv_free(&table);
	ck_assert_int_eq(jb_csv_each(path, count_rows, lines), 0);
	ck_assert_uint_eq(lines[0], 4);
}
END_TEST

START_TEST(csv_errors_name_the_line)
{
	char path[300];
	struct jb_csv_table table;

	make_scratch();
	snprintf(path, sizeof(path), "%s/bad.csv", scratch);
	ck_assert_int_eq(jb_write_file_atomic(path, "a,b\n1,2\n3\n", 10), 0);
	ck_assert_int_eq(jb_csv_load(path, &table), -1);
	ck_assert_int_eq(jb_write_file_atomic(path, "a,b\n1,\"2\n", 9), 0);
	ck_assert_int_eq(jb_csv_load(path, &table), -1);
}
END_TEST

START_TEST(atomic_commit_replaces_and_abort_keeps)
{
	char path[300], *bytes;
	size_t len;
	struct jb_atomic file;

	make_scratch();
	snprintf(path, sizeof(path), "%s/sub/dir/out.txt", scratch);
	ck_assert_int_eq(jb_write_file_atomic(path, "first\n", 6), 0);
	ck_assert_int_eq(jb_atomic_open(&file, path), 0);
	fputs("second, never committed\n", file.fp);
	jb_atomic_abort(&file);
	ck_assert_int_eq(jb_read_file(path, &bytes, &len), 0);
	ck_assert_str_eq(bytes, "first\n");
	free(bytes);
	ck_assert_int_eq(jb_atomic_open(&file, path), 0);
	fputs("third\n", file.fp);
	ck_assert_int_eq(jb_atomic_commit(&file), 0);
	ck_assert_int_eq(jb_read_file(path, &bytes, &len), 0);
	ck_assert_str_eq(bytes, "third\n");
	ck_assert_uint_eq(len, 6);
	free(bytes);
}
END_TEST

START_TEST(atomic_commit_fails_on_a_full_disk)
{
	struct jb_atomic file;
	FILE *full = fopen("/dev/full", "w");

	make_scratch();
	if (!full)
		return; /* no /dev/full on this system */
	fclose(full);
	/* simulate: a stream on /dev/full behind the temporary */
	ck_assert_int_eq(jb_atomic_open(&file, "/dev/null/cannot"), -1);
	{
		char path[300];

		snprintf(path, sizeof(path), "%s/full.txt", scratch);
		ck_assert_int_eq(jb_atomic_open(&file, path), 0);
		ck_assert_ptr_nonnull(freopen("/dev/full", "w", file.fp));
		fputs("lost\n", file.fp);
		ck_assert_int_eq(jb_atomic_commit(&file), -1);
		ck_assert_int_eq(access(path, F_OK), -1);
	}
}
END_TEST

static int write_config(const char *text, char *path, size_t size)
{
	make_scratch();
	snprintf(path, size, "%s/test.ini", scratch);
	return jb_write_file_atomic(path, text, strlen(text));
}

START_TEST(config_reads_sections_and_checks_keys)
{
	char path[300];
	struct jb_config config;
	const char *names[8];
	long number;

	ck_assert_int_eq(write_config("[jeugdbench]\nboundary_year = 2023\n"
				      "[table a]\nid = 84799NED\ndimensions = RegioS\n   Perioden\n"
				      "[table b]\nid = 85099SYN ; a comment\n"
				      "[indicator x]\ntable = a\nnumerator = N\ndenominator = D\n",
				      path, sizeof(path)), 0);
	ck_assert_int_eq(jb_config_load(path, &config), 0);
	ck_assert_int_eq(jb_config_check(&config), 0);
	ck_assert_str_eq(jb_config_get(&config, "table b", "id"), "85099SYN");
	ck_assert_str_eq(jb_config_get(&config, "table a", "dimensions"), "RegioS Perioden");
	ck_assert_uint_eq(jb_config_line(&config, "table b", "id"), 8);
	ck_assert_uint_eq(jb_config_sections(&config, "table", names, 8), 2);
	ck_assert_str_eq(names[1], "b");
	ck_assert_str_eq(jb_config_table_get(&config, "85099SYN", NULL), "b");
	ck_assert_int_eq(jb_config_long(&config, "jeugdbench", "boundary_year", 0, 2015, 2030, &number), 0);
	ck_assert_int_eq(number, 2023);
	ck_assert_int_eq(jb_config_long(&config, "jeugdbench", "boundary_year", 0, 2024, 2030, &number), -1);
	jb_config_free(&config);
}
END_TEST

START_TEST(config_rejects_unknown_keys_and_bad_references)
{
	char path[300];
	struct jb_config config;

	ck_assert_int_eq(write_config("[table a]\nid = 84799NED\nidd = x\n", path, sizeof(path)), 0);
	ck_assert_int_eq(jb_config_load(path, &config), -1);
	ck_assert_int_eq(write_config("[tabel a]\nid = 84799NED\n", path, sizeof(path)), 0);
	ck_assert_int_eq(jb_config_load(path, &config), -1);
	ck_assert_int_eq(write_config("[table a]\nid = 84799NED\nid = 2\n", path, sizeof(path)), 0);
	ck_assert_int_eq(jb_config_load(path, &config), -1);
	ck_assert_int_eq(write_config("[table a]\nid = ../etc\n", path, sizeof(path)), 0);
	ck_assert_int_eq(jb_config_load(path, &config), 0);
	ck_assert_int_eq(jb_config_check(&config), -1);
	jb_config_free(&config);
	ck_assert_int_eq(write_config("[table a]\nid = X123\n[indicator i]\ntable = b\nvalue = V\n",
				      path, sizeof(path)), 0);
	ck_assert_int_eq(jb_config_load(path, &config), 0);
	ck_assert_int_eq(jb_config_check(&config), -1);
	jb_config_free(&config);
	ck_assert_int_eq(jb_config_load("/nonexistent/jeugdbench.ini", &config), -1);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("lib");
	TCase *tcase = tcase_create("lib");
	SRunner *runner;
	int failed;

	tcase_add_test(tcase, trim_removes_cbs_padding);
	tcase_add_test(tcase, measure_stems_ignore_the_number);
	tcase_add_test(tcase, periods_of_every_published_type);
	tcase_add_test(tcase, odata_urls_map_to_files);
	tcase_add_test(tcase, csv_round_trip_quotes_what_it_must);
	tcase_add_test(tcase, csv_errors_name_the_line);
	tcase_add_test(tcase, atomic_commit_replaces_and_abort_keeps);
	tcase_add_test(tcase, atomic_commit_fails_on_a_full_disk);
	tcase_add_test(tcase, config_reads_sections_and_checks_keys);
	tcase_add_test(tcase, config_rejects_unknown_keys_and_bad_references);
	suite_add_tcase(suite, tcase);
	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? 0 : 1;
}
