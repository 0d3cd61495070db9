/* jb-transform: CBS OData responses (v3 Atom or JSON, v4 JSON) of one table -> tidy CSV and its info file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "config.h"
#include "exitcode.h"
#include "msg.h"
#include "reorganisations.h"
#include "tidy_write.h"
#include "transform.h"

#define DEFAULT_CONFIG "config/jeugdbench.ini"
#define DEFAULT_REORGANISATIONS "config/reorganisations.csv"
#define MIN_YEAR 1900
#define MAX_YEAR 2100

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: jb-transform [-c FILE] [--boundary-year Y | --no-harmonise]\n"
		"                    [-r FILE] -o OUT.csv RAW_FOLDER\n"
		"Streams the CBS OData Atom responses of one table (TableInfos.xml,\n"
		"DataProperties.xml, the dimension files, TypedDataSet pages; or v3 JSON;\n"
		"or OData v4 JSON when the folder has Properties.json: MeasureCodes,\n"
		"Dimensions, <Dim>Codes, Observations pages) into tidy CSV:\n"
		"OUT.csv, one row per region x period x measure (x category of one more\n"
		"dimension, such as Verwijzer, in the last three columns), and OUT.info.csv.\n"
		"Municipalities are harmonised to the boundaries of 1 January of the\n"
		"boundary year: the counts of former municipalities are summed into their\n"
		"successors (column harmonised: no, merged, split, not_harmonisable).\n"
		"\n"
		"options:\n"
		"  -c, --config FILE           configuration (default %s): [table]\n"
		"                              period, [jeugdbench] boundary_year\n"
		"  -b, --boundary-year Y       harmonise to the boundaries of year Y\n"
		"                              (default: boundary_year of the config; none\n"
		"                              when it is not set)\n"
		"  -n, --no-harmonise          keep region codes as published\n"
		"  -r, --reorganisations FILE  municipal changes (default %s)\n"
		"  -o, --output FILE           the tidy CSV to write (must end in .csv)\n"
		"  -h, --help                  this help\n"
		"\n"
		"exit status: 0 ok, 64 usage, 65 malformed input (XML, JSON, unknown topic,\n"
		"period, region or category, two or more dimensions besides region and\n"
		"time), 66 input missing, 73 output cannot be created, 74 write error,\n"
		"78 configuration error (also a bad reorganisations file)\n",
		DEFAULT_CONFIG, DEFAULT_REORGANISATIONS);
}

/* The boundary year: the option's, else the config's; 0 for none, -1 after a message. */
static long boundary_year(const char *option, const struct jb_config *config)
{
	char *end;
	long year;

	if (option) {
		errno = 0;
		year = strtol(option, &end, 10);
		if (errno || *end || end == option || year < MIN_YEAR || year > MAX_YEAR) {
			jb_error("--boundary-year '%s': expected a year from %d to %d", option,
				 MIN_YEAR, MAX_YEAR);
			return -1;
		}
		return year;
	}
	if (jb_config_long(config, "jeugdbench", "boundary_year", 0, MIN_YEAR, MAX_YEAR,
			   &year) != 0)
		return -1;
	return year;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "boundary-year", required_argument, NULL, 'b' },
		{ "no-harmonise", no_argument, NULL, 'n' },
		{ "reorganisations", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config_path = DEFAULT_CONFIG, *out_path = NULL, *year_option = NULL;
	const char *reorg_path = DEFAULT_REORGANISATIONS;
	struct jb_config config;
	struct jb_reorganisations reorg;
	char *info_path;
	int opt, status, harmonise = 1;
	long year;

	jb_set_progname(argv[0]);
	while ((opt = getopt_long(argc, argv, "c:o:b:nr:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'b':
			year_option = optarg;
			break;
		case 'n':
			harmonise = 0;
			break;
		case 'r':
			reorg_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return fclose(stdout) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
		default:
			usage(stderr);
			return JB_EXIT_USAGE;
		}
	}
	if (!out_path || optind + 1 != argc || (!harmonise && year_option) ||
	    !(info_path = jb_tidy_info_path(out_path))) {
		usage(stderr);
		return JB_EXIT_USAGE;
	}
	free(info_path);
	if (jb_config_load(config_path, &config) != 0)
		return JB_EXIT_CONFIG;
	year = harmonise ? boundary_year(year_option, &config) : 0;
	if (year < 0) {
		jb_config_free(&config);
		return year_option ? JB_EXIT_USAGE : JB_EXIT_CONFIG;
	}
	if (year > 0) {
		status = jb_reorg_load(reorg_path, &reorg);
		if (status != 0) {
			jb_reorg_free(&reorg);
			jb_config_free(&config);
			return status;
		}
	}
	LIBXML_TEST_VERSION
	status = jb_transform(argv[optind], out_path, &config, year > 0 ? &reorg : NULL,
			      (int)year);
	if (year > 0)
		jb_reorg_free(&reorg);
	jb_config_free(&config);
	xmlCleanupParser();
	if (fclose(stdout) != 0) {
		jb_warn("write error on standard output:");
		return JB_EXIT_IOERR;
	}
	return status;
}
