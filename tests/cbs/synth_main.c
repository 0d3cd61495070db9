/* jb-synth: writes the tables of the bundled snapshot as CBS Atom responses. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "exitcode.h"
#include "msg.h"
#include "synth.h"
#include "synth_cube.h"

#define DEFAULT_SOURCES "fetch/snapshot/sources"
#define DEFAULT_CONFIG "config/jeugdbench.ini"
#define DEFAULT_REORGANISATIONS "config/reorganisations.csv"
#define DEFAULT_SEED 20150101UL

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: jb-synth COMMAND [options] -o DIR\n"
		"Writes a table of the bundled snapshot as CBS OData Atom responses in\n"
		"DIR/TABLE/ (TableInfos.xml, DataProperties.xml, one file per dimension,\n"
		"TypedDataSet.xml, TypedDataSet.skip10000.xml, ...).\n"
		"\n"
		"commands:\n"
		"  kerncijfers     84799NED: real CBS Kerncijfers wijken en buurten 2020 (gemeenten)\n"
		"  wijkbuurtkaart  WBK2022: real wijk- en buurtkaart 2022 values, reconstructed layout\n"
		"  jeugdzorg       85099SYN: SYNTHETIC youth-care counts per municipality and year\n"
		"  verwijzers      85097SYN: SYNTHETIC youth-care trajectories by referrer\n"
		"  leeftijd        84134SYN: SYNTHETIC youth with jeugdzorg by age, 0 to 23\n"
		"  lasten          45042SYN: SYNTHETIC municipal spending by task field (Iv3 layout,\n"
		"                  feed base dataderden.cbs.nl)\n"
		"The four synthetic tables share municipalities, years and seed (and --scale,\n"
		"--years); --topics only adds topics to 85099SYN.\n"
		"\n"
		"options:\n"
		"  -o, --output DIR        folder of the snapshot (required unless --print)\n"
		"  -s, --sources DIR       real source files (default %s)\n"
		"  -c, --config FILE       configuration for [jeugdbench] seed (default %s)\n"
		"  -r, --reorganisations FILE  municipal reorganisations (default %s)\n"
		"      --seed N            seed of the generator (default: the configuration's)\n"
		"      --scale K           synthetic: K times the municipalities (copies GMS000001...)\n"
		"      --years FIRST-LAST  synthetic: the years (default 2020-2024; last is Voorlopig)\n"
		"      --topics N          jeugdzorg: N extra count topics (default 0)\n"
		"      --print NAME        write only response NAME (TableInfos, TypedDataSet.skip10000,\n"
		"                          ...) to standard output instead of DIR\n"
		"  -h, --help              this help\n"
		"\n"
		"The same arguments always give byte-identical files.\n"
		"\n"
		"exit status: 0 ok, 64 usage, 65 malformed input, 66 input missing or unreadable,\n"
		"70 internal error, 73 output cannot be created, 74 write error (disk full),\n"
		"78 configuration error\n",
		DEFAULT_SOURCES, DEFAULT_CONFIG, DEFAULT_REORGANISATIONS);
}

enum long_option { OPT_SEED = 256, OPT_SCALE, OPT_YEARS, OPT_TOPICS, OPT_PRINT };

struct synth_args {
	const char *command, *output_dir, *config_path, *print_name;
	struct synth_youth_options youth;
	int seed_given;
};

/* A whole number in [min, max] from an option's argument. */
static int parse_long(const char *option, const char *text, long min, long max, long *value)
{
	char *end;

	errno = 0;
	*value = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || *value < min || *value > max) {
		jb_warn("%s: expected a whole number from %ld to %ld, not '%s'", option, min, max,
			text);
		return -1;
	}
	return 0;
}

static int parse_years(const char *text, struct synth_youth_options *youth)
{
	int first, last, used = 0;

	if (sscanf(text, "%4d-%4d%n", &first, &last, &used) != 2 || text[used] != '\0' ||
	    first < 1990 || last > 2100 || first > last) {
		jb_warn("--years: expected FIRST-LAST between 1990 and 2100, not '%s'", text);
		return -1;
	}
	youth->first_year = first;
	youth->last_year = last;
	return 0;
}

static int parse_args(int argc, char **argv, struct synth_args *args)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "sources", required_argument, NULL, 's' },
		{ "config", required_argument, NULL, 'c' },
		{ "reorganisations", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "scale", required_argument, NULL, OPT_SCALE },
		{ "years", required_argument, NULL, OPT_YEARS },
		{ "topics", required_argument, NULL, OPT_TOPICS },
		{ "print", required_argument, NULL, OPT_PRINT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	long number;
	int opt;

	while ((opt = getopt_long(argc, argv, "o:s:c:r:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o': args->output_dir = optarg; break;
		case 's': args->youth.sources_dir = optarg; break;
		case 'c': args->config_path = optarg; break;
		case 'r': args->youth.reorganisations = optarg; break;
		case OPT_SEED:
			if (parse_long("--seed", optarg, 0, 4294967295L, &number) != 0)
				return JB_EXIT_USAGE;
			args->youth.seed = (unsigned long)number;
			args->seed_given = 1;
			break;
		case OPT_SCALE:
			if (parse_long("--scale", optarg, 1, 100000, &args->youth.scale) != 0)
				return JB_EXIT_USAGE;
			break;
		case OPT_YEARS:
			if (parse_years(optarg, &args->youth) != 0)
				return JB_EXIT_USAGE;
			break;
		case OPT_TOPICS:
			if (parse_long("--topics", optarg, 0, 1000, &args->youth.extra_topics) != 0)
				return JB_EXIT_USAGE;
			break;
		case OPT_PRINT: args->print_name = optarg; break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			usage(stderr);
			return JB_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		jb_warn(optind >= argc ? "no command (see --help)" : "one command only (see --help)");
		return JB_EXIT_USAGE;
	}
	args->command = argv[optind];
	if (!args->output_dir && !args->print_name) {
		jb_warn("no output folder: use -o DIR (see --help)");
		return JB_EXIT_USAGE;
	}
	return 0;
}

/* The seed from [jeugdbench] seed of the configuration. */
static int config_seed(const char *path, unsigned long *seed)
{
	struct jb_config config;
	long value;
	int rc;

	if (jb_config_load(path, &config) != 0)
		return JB_EXIT_CONFIG;
	rc = jb_config_long(&config, "jeugdbench", "seed", (long)DEFAULT_SEED, 0, 4294967295L,
			    &value);
	jb_config_free(&config);
	if (rc != 0)
		return JB_EXIT_CONFIG;
	*seed = (unsigned long)value;
	return 0;
}

static int run(struct synth_args *args)
{
	struct synth_output output = { args->output_dir, args->print_name, 0, NULL };
	int status;

	if (strcmp(args->command, "kerncijfers") == 0)
		status = synth_kerncijfers(&output, args->youth.sources_dir);
	else if (strcmp(args->command, "wijkbuurtkaart") == 0)
		status = synth_wijkbuurtkaart(&output, args->youth.sources_dir);
	else if (strcmp(args->command, "jeugdzorg") == 0 ||
		 strcmp(args->command, "verwijzers") == 0 ||
		 strcmp(args->command, "leeftijd") == 0 || strcmp(args->command, "lasten") == 0) {
		if (!args->seed_given &&
		    (status = config_seed(args->config_path, &args->youth.seed)) != 0)
			return status;
		if (strcmp(args->command, "jeugdzorg") == 0)
			status = synth_jeugdzorg(&output, &args->youth);
		else if (strcmp(args->command, "verwijzers") == 0)
			status = synth_verwijzers(&output, &args->youth);
		else if (strcmp(args->command, "leeftijd") == 0)
			status = synth_leeftijd(&output, &args->youth);
		else
			status = synth_lasten(&output, &args->youth);
	} else {
		jb_warn("unknown command '%s' (see --help)", args->command);
		return JB_EXIT_USAGE;
	}
	if (status == 0 && args->print_name && !output.printed) {
		jb_warn("--print: %s writes no response '%s'", args->command, args->print_name);
		return JB_EXIT_USAGE;
	}
	return status;
}

int main(int argc, char **argv)
{
	struct synth_args args = {
		.config_path = DEFAULT_CONFIG,
		.youth = { DEFAULT_SOURCES, DEFAULT_REORGANISATIONS, DEFAULT_SEED, 2020, 2024, 1, 0 },
	};
	int status;

	jb_set_progname(argv[0]);
	status = parse_args(argc, argv, &args);
	if (status < 0)
		return fclose(stdout) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
	if (status == 0)
		status = run(&args);
	if (fclose(stdout) != 0 && status == 0) {
		jb_warn("write error on standard output:");
		status = JB_EXIT_IOERR;
	}
	return status;
}
