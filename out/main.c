/* jb-report: the benchmark as HTML pages in a new run folder; latest points at it. */
#include <getopt.h>
#include <stdio.h>

#include "exitcode.h"
#include "msg.h"
#include "write_run.h"

#define DEFAULT_CONFIG "config/jeugdbench.ini"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: jb-report [-c FILE] --benchmark FILE --tidy DIR -o DIR [--stats-dir DIR]\n"
		"                 [--run-id ID] [--boundaries FILE] [-v]\n"
		"Writes DIR/<run-id>/ with index.html, one page per municipality and a copy of\n"
		"the benchmark, then points DIR/latest at it.  A failed run leaves latest as\n"
		"it was and no partial folder.\n"
		"\n"
		"options:\n"
		"  -c, --config FILE     configuration (default %s)\n"
		"  -b, --benchmark FILE  data/stats/benchmark.csv written by jb-stats\n"
		"  -t, --tidy DIR        folder of the tables' <ID>.info.csv (data/tidy)\n"
		"  -o, --output DIR      folder of the report runs (reports)\n"
		"  -r, --run-id ID       name of the run folder (default: UTC time YYYYMMDDTHHMMSSZ)\n"
		"  -s, --stats-dir DIR   folder of peers.csv, models.csv, composition.csv and\n"
		"                        targets.csv (default: the folder of --benchmark);\n"
		"                        absent files: no such section\n"
		"  -g, --boundaries FILE municipal boundaries (GeoJSON) for the maps (default:\n"
		"                        out/boundaries/ file of the config's boundary_year)\n"
		"  -v, --verbose         print the path of index.html\n"
		"  -h, --help            this help\n"
		"\n"
		"exit status: 0 ok, 64 usage, 65 malformed input (file:line named),\n"
		"66 input missing or unreadable, 73 output cannot be created (or the run\n"
		"exists), 74 write error, 78 configuration error\n",
		DEFAULT_CONFIG);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "benchmark", required_argument, NULL, 'b' },
		{ "tidy", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "run-id", required_argument, NULL, 'r' },
		{ "boundaries", required_argument, NULL, 'g' },
		{ "stats-dir", required_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct jb_report_options report = { DEFAULT_CONFIG, NULL, NULL, NULL, NULL, NULL, NULL, 0 };
	int opt, status;

	jb_set_progname(argv[0]);
	while ((opt = getopt_long(argc, argv, "c:b:t:o:r:g:s:vh", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			report.config_path = optarg;
			break;
		case 'b':
			report.benchmark_path = optarg;
			break;
		case 't':
			report.tidy_dir = optarg;
			break;
		case 'o':
			report.reports_dir = optarg;
			break;
		case 'r':
			report.run_id = optarg;
			break;
		case 'g':
			report.boundaries = optarg;
			break;
		case 's':
			report.stats_dir = optarg;
			break;
		case 'v':
			report.verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return fclose(stdout) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
		default:
			usage(stderr);
			return JB_EXIT_USAGE;
		}
	}
	if (optind < argc || !report.benchmark_path || !report.tidy_dir || !report.reports_dir) {
		jb_warn("--benchmark, --tidy and -o are required, and nothing else (see --help)");
		return JB_EXIT_USAGE;
	}
	status = jb_report_write(&report);
	if (fclose(stdout) != 0) {
		jb_warn("write error on standard output:");
		return JB_EXIT_IOERR;
	}
	return status;
}
