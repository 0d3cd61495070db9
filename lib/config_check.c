/* Checks that go beyond single keys: references between sections. */
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
	double per;
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
	if (jb_config_double(config, section, "per", 100, 1, 1e6, &per) != 0)
		rc = -1;
	free(section);
	return rc;
}

int jb_config_check(const struct jb_config *config)
{
	const char *names[MAX_SECTIONS];
	size_t count, i;
	long number;
	int rc = 0;

	if (jb_config_long(config, "jeugdbench", "boundary_year", 2024, 2015, 2030, &number) != 0)
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
