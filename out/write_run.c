#include "write_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libgen.h>

#include "exitcode.h"
#include "map_svg.h"
#include "mix.h"
#include "msg.h"
#include "pages.h"
#include "previous_run.h"
#include "report.h"
#include "run_dir.h"
#include "stats_extra.h"
#include "table_html.h"
#include "targets.h"
#include "xalloc.h"
#include "xlsx_export.h"

/* Where the bundled boundary files are, relative to the project folder. */
#define JB_BOUNDARY_FOLDER "out/boundaries"

static void copy_benchmark(FILE *fp, const void *context)
{
	const struct jb_report *report = context;

	if (report->benchmark_len)
		fwrite(report->benchmark_bytes, 1, report->benchmark_len, fp);
}

/* One page per municipality of any indicator, once each. */
static int write_region_pages(const struct jb_run *run, const struct jb_report *report)
{
	struct jb_region_page page = { report, NULL, NULL };
	size_t i, j;
	int rc;

	for (i = 0; i < report->row_count; i++) {
		const struct jb_bench_row *row = &report->rows[i];
		char *name;

		if (!jb_region_code_is_safe(row->text[BENCH_REGION_CODE]))
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(report->rows[j].text[BENCH_REGION_CODE],
				   row->text[BENCH_REGION_CODE]) == 0)
				break;
		if (j < i)
			continue;
		page.region_code = row->text[BENCH_REGION_CODE];
		page.region_name = row->text[BENCH_REGION_NAME];
		name = jb_xasprintf("gemeente/%s.html", page.region_code);
		rc = jb_run_write(run, name, jb_region_page, &page);
		free(name);
		if (rc != JB_EXIT_OK)
			return rc;
	}
	return JB_EXIT_OK;
}

static int write_pages(const struct jb_run *run, const struct jb_report *report)
{
	int rc = jb_run_write(run, "benchmark.csv", copy_benchmark, report);

	if (rc == JB_EXIT_OK)
		rc = jb_xlsx_write(run, "benchmark.xlsx", report);
	if (rc == JB_EXIT_OK)
		rc = write_region_pages(run, report);
	if (rc == JB_EXIT_OK)
		rc = jb_run_write(run, "summary.md", jb_summary_md, report);
	if (rc == JB_EXIT_OK)
		rc = jb_run_write(run, "summary.txt", jb_summary_txt, report);
	if (rc == JB_EXIT_OK)
		rc = jb_run_write(run, "index.html", jb_index_page, report);
	return rc;
}

/* Loads the boundaries for the maps; no map (and no error) when the year has no file. */
static int load_map(struct jb_map *map, const struct jb_report_options *options,
		    long boundary_year)
{
	char *path = options->boundaries ? jb_xstrdup(options->boundaries) :
		     jb_map_file_for_year(JB_BOUNDARY_FOLDER, boundary_year);
	int rc;

	memset(map, 0, sizeof(*map));
	if (!path || (!options->boundaries && access(path, R_OK) != 0)) {
		free(path);
		return JB_EXIT_OK;
	}
	rc = jb_map_load(map, path, 380);
	free(path);
	return rc;
}

/* composition.csv and targets.csv (optional); a synthetic mix gets the banner too. */
static int load_questions(struct jb_report *report, struct jb_mix_set *mixes,
			  struct jb_target_set *targets, const char *stats_dir)
{
	int rc = jb_mix_load(mixes, report, stats_dir);
	size_t i;

	report->mixes = mixes;
	for (i = 0; i < mixes->mix_count; i++)
		if (mixes->mixes[i].synthetic && mixes->mixes[i].period)
			report->synthetic = 1;
	if (rc == JB_EXIT_OK)
		rc = jb_targets_load(targets, report, stats_dir);
	report->targets = targets;
	return rc;
}

int jb_report_write(const struct jb_report_options *options)
{
	struct jb_report report;
	struct jb_map map;
	struct jb_stats_extra extra;
	struct jb_mix_set mixes;
	struct jb_target_set targets;
	struct jb_report previous;
	char *previous_run = NULL;
	struct jb_run run;
	char default_id[32];
	const char *run_id = options->run_id;
	int rc;

	if (!run_id) {
		jb_run_id_for_time(default_id, sizeof(default_id), (long long)time(NULL));
		run_id = default_id;
	}
	if (!jb_run_id_is_valid(run_id)) {
		jb_warn("run id '%s': use letters, digits, '.', '_' and '-'", run_id);
		return JB_EXIT_USAGE;
	}
	memset(&map, 0, sizeof(map));
	rc = jb_report_load(&report, options->config_path, options->benchmark_path,
			    options->tidy_dir);
	memset(&extra, 0, sizeof(extra));
	memset(&mixes, 0, sizeof(mixes));
	memset(&targets, 0, sizeof(targets));
	if (rc == JB_EXIT_OK) {
		rc = load_map(&map, options, report.boundary_year);
		if (map.region_count)
			report.map = &map;
	}
	if (rc == JB_EXIT_OK) {
		char *benchmark_dir = jb_xstrdup(options->benchmark_path);
		const char *stats_dir = options->stats_dir ? options->stats_dir :
					dirname(benchmark_dir);

		rc = jb_stats_extra_load(&extra, &report, stats_dir, options->tidy_dir);
		report.extra = &extra;
		if (rc == JB_EXIT_OK)
			rc = load_questions(&report, &mixes, &targets, stats_dir);
		free(benchmark_dir);
	}
	if (rc == JB_EXIT_OK) {
		int loaded = jb_previous_run_load(&previous, &previous_run, options->reports_dir);

		report.previous = loaded > 0 ? &previous : NULL;
		report.previous_run = previous_run;
		report.previous_unreadable = loaded < 0;
	}
	if (rc == JB_EXIT_OK) {
		rc = jb_run_begin(&run, options->reports_dir, run_id);
		if (rc == JB_EXIT_OK)
			rc = write_pages(&run, &report);
		if (rc == JB_EXIT_OK)
			rc = jb_run_commit(&run);
		if (rc != JB_EXIT_OK)
			jb_run_abort(&run);
		else if (options->verbose)
			printf("%s/index.html\n", run.final_dir);
		if (rc == JB_EXIT_OK && report.keep_runs >= 0 &&
		    jb_run_prune(options->reports_dir, report.keep_runs) != 0)
			jb_warn("%s: old runs not removed", options->reports_dir);
		jb_run_free(&run);
	}
	if (report.previous)
		jb_report_free(&previous);
	free(previous_run);
	jb_stats_extra_free(&extra);
	jb_mix_free(&mixes);
	jb_targets_free(&targets);
	jb_map_free(&map);
	jb_report_free(&report);
	return rc;
}
