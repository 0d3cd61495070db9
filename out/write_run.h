/* One report run from the inputs to reports/<run-id> and reports/latest. */
#ifndef JB_OUT_WRITE_RUN_H
#define JB_OUT_WRITE_RUN_H

struct jb_report_options {
	const char *config_path;
	const char *benchmark_path;
	const char *tidy_dir;
	const char *reports_dir;
	const char *run_id;  /* NULL: the UTC time */
	const char *boundaries; /* GeoJSON of the maps; NULL: out/boundaries/ for the boundary year */
	const char *stats_dir;  /* peers.csv, models.csv; NULL: the folder of benchmark_path */
	int verbose;         /* print the index path on stdout */
};

/* Reads, writes every page, switches latest; a JB_EXIT_* status. */
int jb_report_write(const struct jb_report_options *options);

#endif
