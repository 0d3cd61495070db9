/* jb-config: checks config/jeugdbench.ini and answers questions about it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "exitcode.h"
#include "msg.h"

#define DEFAULT_CONFIG "config/jeugdbench.ini"
#define MAX_TABLES 256

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: jb-config [-c FILE] COMMAND\n"
		"Checks the jeugdbench configuration and prints parts of it.\n"
		"\n"
		"commands:\n"
		"  check             validate every section, key and reference\n"
		"  tables [ORIGIN]   table identifiers, one a line (ORIGIN: cbs, synthetic, ...)\n"
		"  get SECTION KEY   the value of KEY in [SECTION]\n"
		"  keys              every key the configuration may hold, with its meaning\n"
		"\n"
		"options:\n"
		"  -c, --config FILE  configuration (default %s)\n"
		"  -h, --help         this help\n"
		"\n"
		"exit status: 0 ok, 1 key not set (get), 64 usage, 78 configuration error\n",
		DEFAULT_CONFIG);
}

static int print_tables(const struct jb_config *config, const char *origin)
{
	const char *names[MAX_TABLES];
	size_t count = jb_config_sections(config, "table", names, MAX_TABLES), i;

	for (i = 0; i < count; i++) {
		char *section = jb_config_section_name("table", names[i]);
		const char *table_origin = jb_config_get(config, section, "origin");

		if (!origin || strcmp(origin, table_origin ? table_origin : "cbs") == 0)
			printf("%s\n", jb_config_get(config, section, "id"));
		free(section);
	}
	return JB_EXIT_OK;
}

static int print_keys(void)
{
	const struct jb_config_key *entry;

	for (entry = jb_config_schema; entry->kind; entry++)
		printf("%-12s %-18s %s\n", entry->kind, entry->key, entry->help);
	return JB_EXIT_OK;
}

static int run_command(const struct jb_config *config, int argc, char **argv)
{
	const char *value;

	if (strcmp(argv[0], "check") == 0 && argc == 1)
		return JB_EXIT_OK;
	if (strcmp(argv[0], "tables") == 0 && argc <= 2)
		return print_tables(config, argc == 2 ? argv[1] : NULL);
	if (strcmp(argv[0], "get") == 0 && argc == 3) {
		value = jb_config_get(config, argv[1], argv[2]);
		if (!value)
			return JB_EXIT_FAILURE;
		printf("%s\n", value);
		return JB_EXIT_OK;
	}
	jb_warn("unknown command or wrong arguments: %s (see --help)", argv[0]);
	return JB_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config_path = DEFAULT_CONFIG;
	struct jb_config config;
	int opt, status;

	jb_set_progname(argv[0]);
	while ((opt = getopt_long(argc, argv, "c:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return fclose(stdout) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
		default:
			usage(stderr);
			return JB_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return JB_EXIT_USAGE;
	}
	if (strcmp(argv[optind], "keys") == 0)
		status = print_keys();
	else if (jb_config_load(config_path, &config) != 0)
		return JB_EXIT_CONFIG;
	else if (jb_config_check(&config) != 0) {
		jb_config_free(&config);
		return JB_EXIT_CONFIG;
	} else {
		status = run_command(&config, argc - optind, argv + optind);
		jb_config_free(&config);
	}
	if (fclose(stdout) != 0) {
		jb_warn("write error on standard output:");
		return JB_EXIT_IOERR;
	}
	return status;
}
