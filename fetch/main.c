/* jb-fetch: downloads CBS OData tables into the raw cache. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "exitcode.h"
#include "fetch.h"
#include "msg.h"

#define DEFAULT_CONFIG "config/jeugdbench.ini"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: jb-fetch [-c FILE] -o DIR [--local DIR | --base URL] [-q|-v] [-f] TABLE_ID...\n"
		"Downloads each table (TableInfos, DataProperties, its dimensions and every\n"
		"TypedDataSet page) from CBS OData into DIR/TABLE_ID/ with a manifest.csv,\n"
		"all tables at once, at most [fetch] max_per_host transfers per host.\n"
		"A table's folder is replaced only when every page arrived and checked out;\n"
		"pages of a run that did not finish stay in DIR/TABLE_ID.partial/ and are\n"
		"reused by the next run.  A cached table is kept after one request (not\n"
		"--local) when TableInfos, asked with the cached ETag / Last-Modified, is\n"
		"answered 304, or its Modified equals the cached one.  [table] format = atom\n"
		"(default), json or v4; [table] data = the data entity set.\n"
		"\n"
		"options:\n"
		"  -c, --config FILE  configuration (default %s)\n"
		"  -o, --output DIR   raw cache folder, for instance data/raw (required)\n"
		"      --base URL     scheme and host of CBS (default: CBS_BASE, then [fetch] base)\n"
		"      --local DIR    read responses from DIR/TABLE_ID/ (the snapshot layout), no network\n"
		"  -f, --force        fetch every page even when TableInfos is unchanged\n"
		"      --data-set SET the data entity set instead of [table] data, else TypedDataSet\n"
		"                     (v4: Observations), for instance UntypedDataSet\n"
		"  -q, --quiet        errors only\n"
		"  -v, --verbose      one line per page\n"
		"  -h, --help         this help\n"
		"\n"
		"environment: CBS_BASE (base URL), JB_FETCH_BACKOFF_MS (first retry wait, default 1000),\n"
		"  SOURCE_DATE_EPOCH (fetched_at in the manifest), http_proxy/https_proxy\n"
		"\n"
		"exit status: 0 ok, 64 usage or unknown table, 65 bad page (not an Atom feed,\n"
		"  HTML, wrong title, truncated, undecodable Content-Encoding, looping next\n"
		"  link, 304 without validators),\n"
		"  66 local file missing,\n"
		"  69 refused (404 or other 4xx, redirect to another host) or libxml2 cannot\n"
		"  be loaded, 73 cannot create\n"
		"  output, 74 write error, 75 temporary failure after retries, or the table\n"
		"  is locked by another run (try again later), 78 configuration error\n",
		DEFAULT_CONFIG);
}

static int valid_set(const char *name)
{
	size_t i;

	for (i = 0; name[i]; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return 0;
	return i > 0 && i < 64;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "base", required_argument, NULL, 'B' },
		{ "local", required_argument, NULL, 'L' },
		{ "force", no_argument, NULL, 'f' },
		{ "data-set", required_argument, NULL, 'D' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config_path = DEFAULT_CONFIG, *out_dir = NULL, *base = NULL, *local = NULL;
	const char *data_set = NULL;
	enum jb_verbosity verbosity = JB_NORMAL;
	struct jb_fetch_settings settings;
	struct jb_config config;
	int opt, status, force = 0;

	jb_set_progname(argv[0]);
	while ((opt = getopt_long(argc, argv, "c:o:fqvh", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'o':
			out_dir = optarg;
			break;
		case 'B':
			base = optarg;
			break;
		case 'L':
			local = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'D':
			if (!valid_set(optarg)) {
				jb_warn("--data-set '%s' is not an entity set name", optarg);
				return JB_EXIT_USAGE;
			}
			data_set = optarg;
			break;
		case 'q':
			verbosity = JB_QUIET;
			break;
		case 'v':
			verbosity = JB_VERBOSE;
			break;
		case 'h':
			usage(stdout);
			return fclose(stdout) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
		default:
			usage(stderr);
			return JB_EXIT_USAGE;
		}
	}
	if (!out_dir || optind >= argc || (base && local)) {
		if (base && local)
			jb_warn("--base and --local exclude each other");
		usage(stderr);
		return JB_EXIT_USAGE;
	}
	if (jb_config_load(config_path, &config) != 0)
		return JB_EXIT_CONFIG;
	if (jb_config_check(&config) != 0) {
		jb_config_free(&config);
		return JB_EXIT_CONFIG;
	}
	status = jb_fetch_settings_load(&config, base, &settings);
	if (status == JB_EXIT_OK) {
		settings.out_dir = out_dir;
		settings.local_dir = local;
		settings.verbosity = verbosity;
		settings.force = force;
		settings.data_set = data_set;
		status = jb_fetch_tables(&config, &settings, argv + optind, (size_t)(argc - optind));
		jb_fetch_settings_free(&settings);
	}
	jb_config_free(&config);
	if (fclose(stdout) != 0 && status == JB_EXIT_OK) {
		jb_warn("write error on standard output:");
		return JB_EXIT_IOERR;
	}
	return status;
}
