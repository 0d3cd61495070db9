/* jb-transform: CBS Atom responses of one table -> tidy CSV and its info file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "config.h"
#include "exitcode.h"
#include "msg.h"
#include "tidy_write.h"
#include "transform.h"

#define DEFAULT_CONFIG "config/jeugdbench.ini"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: jb-transform [-c FILE] -o OUT.csv RAW_FOLDER\n"
		"Streams the CBS OData Atom responses of one table (TableInfos.xml,\n"
		"DataProperties.xml, the dimension files, TypedDataSet pages) into tidy CSV:\n"
		"OUT.csv, one row per region x period x measure, and OUT.info.csv.\n"
		"\n"
		"options:\n"
		"  -c, --config FILE  configuration (default %s): [table] period\n"
		"                     for tables without a time dimension\n"
		"  -o, --output FILE  the tidy CSV to write (must end in .csv)\n"
		"  -h, --help         this help\n"
		"\n"
		"exit status: 0 ok, 64 usage, 65 malformed input (XML, unknown topic or\n"
		"period), 66 input missing, 73 output cannot be created, 74 write error,\n"
		"78 configuration error\n",
		DEFAULT_CONFIG);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config_path = DEFAULT_CONFIG, *out_path = NULL;
	struct jb_config config;
	char *info_path;
	int opt, status;

	jb_set_progname(argv[0]);
	while ((opt = getopt_long(argc, argv, "c:o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return fclose(stdout) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
		default:
			usage(stderr);
			return JB_EXIT_USAGE;
		}
	}
	if (!out_path || optind + 1 != argc || !(info_path = jb_tidy_info_path(out_path))) {
		usage(stderr);
		return JB_EXIT_USAGE;
	}
	free(info_path);
	if (jb_config_load(config_path, &config) != 0)
		return JB_EXIT_CONFIG;
	LIBXML_TEST_VERSION
	status = jb_transform(argv[optind], out_path, &config);
	jb_config_free(&config);
	xmlCleanupParser();
	if (fclose(stdout) != 0) {
		jb_warn("write error on standard output:");
		return JB_EXIT_IOERR;
	}
	return status;
}
