/* jb-stats: the benchmark statistics of every indicator, from the tidy tables. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "benchmark_write.h"
#include "exitcode.h"
#include "msg.h"
#include "run.h"

#define DEFAULT_CONFIG "config/jeugdbench.ini"
#define DEFAULT_TIDY "data/tidy"
#define DEFAULT_OUTPUT "data/stats/benchmark.csv"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: jb-stats [-c FILE] [--tidy DIR] [-o FILE] [--decimals N]\n"
		"Computes the benchmark of every [indicator] of the configuration: per\n"
		"municipality and period the value, its Wilson interval, the national value,\n"
		"quartiles, z-score and funnel limits (see METHODS.md).\n"
		"\n"
		"options:\n"
		"  -c, --config FILE  configuration (default %s)\n"
		"  -t, --tidy DIR     folder of the tidy tables <ID>.csv, <ID>.info.csv (default %s)\n"
		"  -o, --output FILE  the benchmark, written atomically (default %s);\n"
		"                     peers.csv, models.csv, targets.csv and composition.csv\n"
		"                     go beside it when the configuration asks for them\n"
		"  -d, --decimals N   decimals of the numbers, 0-17 (default 6)\n"
		"  -h, --help         this help\n"
		"\n"
		"environment:\n"
		"  JB_STATS_THREADS   threads to use, 1-8 (default: the CPUs, at most 8);\n"
		"                     the output does not depend on it\n"
		"\n"
		"exit status:\n"
		"  0   success\n"
		"  64  wrong command line\n"
		"  65  malformed tidy file, or a measure that cannot be resolved\n"
		"  66  a tidy or info file is missing or unreadable\n"
		"  70  internal error (a number that is not finite)\n"
		"  73  the output file cannot be created\n"
		"  74  writing the output failed\n"
		"  78  configuration error\n",
		DEFAULT_CONFIG, DEFAULT_TIDY, DEFAULT_OUTPUT);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "tidy", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "decimals", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config_path = DEFAULT_CONFIG, *tidy_dir = DEFAULT_TIDY;
	const char *output_path = DEFAULT_OUTPUT;
	int opt, status;
	char *end;
	long decimals;

	jb_set_progname(argv[0]);
	while ((opt = getopt_long(argc, argv, "c:t:o:d:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 't':
			tidy_dir = optarg;
			break;
		case 'o':
			output_path = optarg;
			break;
		case 'd':
			decimals = strtol(optarg, &end, 10);
			if (*end || end == optarg || decimals < 0 || decimals > 17) {
				jb_warn("--decimals '%s': expected a whole number from 0 to 17",
					optarg);
				return JB_EXIT_USAGE;
			}
			stats_decimals = (int)decimals;
			break;
		case 'h':
			usage(stdout);
			return fclose(stdout) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
		default:
			usage(stderr);
			return JB_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		jb_warn("unexpected argument '%s' (see --help)", argv[optind]);
		return JB_EXIT_USAGE;
	}
	status = stats_run(config_path, tidy_dir, output_path);
	if (fclose(stdout) != 0) {
		jb_warn("write error on standard output:");
		return status ? status : JB_EXIT_IOERR;
	}
	return status;
}
