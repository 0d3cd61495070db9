/* Checks that go beyond single keys: numbers and their ranges, references between sections. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "odata.h"
#include "period.h"
#include "xalloc.h"

#define MAX_SECTIONS 256

static int check_one_of(const struct jb_config *config, const char *section,
			const char *key, const char *const *allowed)
{
	const char *value = jb_config_get(config, section, key);
	const char *const *option;

	if (!value)
		return 0;
	for (option = allowed; *option; option++)
		if (strcmp(value, *option) == 0)
			return 0;
	return jb_error("%s:%u: [%s] %s = '%s' is not one of the allowed values",
			config->path, jb_config_line(config, section, key), section, key, value);
}

static int check_table(const struct jb_config *config, const char *name)
{
	static const char *const origins[] = { "cbs", "synthetic", "reconstructed", NULL };
	static const char *const formats[] = { "atom", "json", "v4", NULL };
	char *section = jb_config_section_name("table", name);
	const char *id = jb_config_require(config, section, "id");
	const char *period = jb_config_get(config, section, "period");
	struct jb_period parsed;
	int rc = 0;

	if (!id)
		rc = -1;
	else if (!jb_odata_valid_table_id(id))
		rc = jb_error("%s:%u: [%s] id = '%s' is not a table identifier", config->path,
			      jb_config_line(config, section, "id"), section, id);
	if (period && jb_period_parse(period, &parsed) != 0)
		rc = jb_error("%s:%u: [%s] period = '%s': expected a CBS period key such as 2020JJ00",
			      config->path, jb_config_line(config, section, "period"), section,
			      period);
	if (check_one_of(config, section, "origin", origins) != 0 ||
	    check_one_of(config, section, "format", formats) != 0)
		rc = -1;
	free(section);
	return rc;
}

static int check_indicator(const struct jb_config *config, const char *name)
{
	char *section = jb_config_section_name("indicator", name);
	const char *table = jb_config_require(config, section, "table");
	const char *numerator = jb_config_get(config, section, "numerator");
	const char *denominator = jb_config_get(config, section, "denominator");
	const char *value = jb_config_get(config, section, "value");
	const char *composition = jb_config_get(config, section, "composition");
	double per, target;
	int rc = 0;

	if (!table) {
		rc = -1;
	} else {
		char *table_section = jb_config_section_name("table", table);

		if (!jb_config_line(config, table_section, NULL))
			rc = jb_error("%s:%u: [%s] table = '%s': there is no [table %s]",
				      config->path, jb_config_line(config, section, "table"),
				      section, table, table);
		free(table_section);
	}
	if (!value && !numerator)
		rc = jb_error("%s:%u: [%s] needs numerator and denominator, or value",
			      config->path, jb_config_line(config, section, NULL), section);
	else if (!value && !composition && !denominator)
		rc = jb_error("%s:%u: [%s] needs numerator and denominator, or value",
			      config->path, jb_config_line(config, section, NULL), section);
	if (value && (numerator || denominator))
		rc = jb_error("%s:%u: [%s] has value and numerator/denominator: choose one",
			      config->path, jb_config_line(config, section, "value"), section);
	if (jb_config_double(config, section, "per", 100, 1, 1e6, &per) != 0 ||
	    jb_config_double(config, section, "target", 0, -1e12, 1e12, &target) != 0)
		rc = -1;
	free(section);
	return rc;
}

/*
 * The numbers of the single sections, with the ranges the programs that
 * read them accept (fetch/settings.c, stats/run.c, stats/context.c,
 * out/report.c, pipeline/monthly): checked here so that jb-config check
 * finds a bad one before any program runs.
 */
static const struct {
	const char *section, *key;
	int whole; /* a whole number, else any number */
	double min, max;
} numbers[] = {
	{ "jeugdbench", "boundary_year", 1, 2015, 2030 },
	{ "jeugdbench", "seed", 1, 0, 4294967295.0 },
	{ "fetch", "max_per_host", 1, 1, 16 },
	{ "fetch", "attempts", 1, 1, 20 },
	{ "fetch", "retry_max_seconds", 1, 0, 86400 },
	{ "fetch", "connect_timeout", 1, 1, 600 },
	{ "fetch", "low_speed_time", 1, 1, 3600 },
	{ "stats", "confidence", 0, 0.5, 0.999999 },
	{ "stats", "peers_k", 1, 1, 1000 },
	{ "stats", "simulations", 1, 0, 1000000 },
	{ "report", "keep_runs", 1, 0, 100000 },
	{ "pipeline", "lock_wait", 1, 0, 86400 },
	{ "pipeline", "stale_days", 1, 1, 100000 },
};

static int check_numbers(const struct jb_config *config)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		long whole;
		double any;

		if (numbers[i].whole ?
		    jb_config_long(config, numbers[i].section, numbers[i].key, 0,
				   (long)numbers[i].min, (long)numbers[i].max, &whole) != 0 :
		    jb_config_double(config, numbers[i].section, numbers[i].key, 0,
				     numbers[i].min, numbers[i].max, &any) != 0)
			rc = -1;
	}
	return rc;
}

int jb_config_check(const struct jb_config *config)
{
	const char *names[MAX_SECTIONS];
	size_t count, i;
	int rc = 0;

	if (check_numbers(config) != 0)
		rc = -1;
	count = jb_config_sections(config, "table", names, MAX_SECTIONS);
	if (count == 0)
		rc = jb_error("%s: no [table NAME] section: nothing to fetch", config->path);
	for (i = 0; i < count; i++)
		if (check_table(config, names[i]) != 0)
			rc = -1;
	count = jb_config_sections(config, "indicator", names, MAX_SECTIONS);
	for (i = 0; i < count; i++)
		if (check_indicator(config, names[i]) != 0)
			rc = -1;
	return rc;
}

/* The value of key in [table NAME] for the table with identifier id. */
const char *jb_config_table_get(const struct jb_config *config, const char *table_id,
				const char *key)
{
	const char *names[MAX_SECTIONS];
	size_t count = jb_config_sections(config, "table", names, MAX_SECTIONS), i;
	const char *value = NULL;

	for (i = 0; i < count && !value; i++) {
		char *section = jb_config_section_name("table", names[i]);
		const char *id = jb_config_get(config, section, "id");

		if (id && strcmp(id, table_id) == 0)
			value = key ? jb_config_get(config, section, key) : names[i];
		free(section);
	}
	return value;
}
