#include "config.h"

#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "xalloc.h"

struct config_reader {
	FILE *fp;
	unsigned line;
	int indented;       /* the last line read starts with a blank: a continuation */
	unsigned too_long;  /* first line longer than libinih's buffer, or 0 */
};

struct config_load {
	struct jb_config *config;
	struct config_reader *reader;
	int failed;
};

static char *config_read_line(char *buffer, int size, void *stream)
{
	struct config_reader *reader = stream;
	char *line = fgets(buffer, size, reader->fp);

	size_t len;
	int next;

	if (!line)
		return NULL;
	reader->line++;
	reader->indented = line[0] == ' ' || line[0] == '\t';
	len = strlen(line);
	if (len + 1 == (size_t)size && line[len - 1] != '\n') {
		/* longer than libinih's line buffer: skip the rest, report it */
		while ((next = fgetc(reader->fp)) != EOF && next != '\n')
			;
		if (!reader->too_long)
			reader->too_long = reader->line;
		line[0] = '\0';
	}
	return line;
}

/* The kind of a section: the word before the first space, or the whole name. */
static size_t section_kind_len(const char *section)
{
	const char *space = strchr(section, ' ');

	return space ? (size_t)(space - section) : strlen(section);
}

static int schema_allows(const char *section, const char *key)
{
	size_t kind_len = section_kind_len(section);
	const struct jb_config_key *entry;

	for (entry = jb_config_schema; entry->kind; entry++)
		if (strlen(entry->kind) == kind_len &&
		    strncmp(entry->kind, section, kind_len) == 0 &&
		    strcmp(entry->key, key) == 0)
			return 1;
	return 0;
}

static int schema_knows_kind(const char *section)
{
	size_t kind_len = section_kind_len(section);
	const struct jb_config_key *entry;

	for (entry = jb_config_schema; entry->kind; entry++)
		if (strlen(entry->kind) == kind_len && strncmp(entry->kind, section, kind_len) == 0)
			return 1;
	return 0;
}

static void config_note_section(struct jb_config *config, const char *section)
{
	size_t i;

	for (i = 0; i < config->section_count; i++)
		if (strcmp(config->sections[i], section) == 0)
			return;
	jb_grow((void **)&config->sections, &config->section_capacity,
		config->section_count + 1, sizeof(*config->sections));
	config->sections[config->section_count++] = jb_xstrdup(section);
}

static int config_add(void *user, const char *section, const char *key, const char *value)
{
	struct config_load *load = user;
	struct jb_config *config = load->config;
	struct jb_config_entry *last =
		config->entry_count ? &config->entries[config->entry_count - 1] : NULL;
	size_t i;

	if (!*section) {
		jb_warn("%s:%u: '%s' outside a [section]", config->path, load->reader->line, key);
		load->failed = 1;
		return 1;
	}
	if (!schema_knows_kind(section)) {
		jb_warn("%s:%u: unknown section [%s]", config->path, load->reader->line, section);
		load->failed = 1;
		return 1;
	}
	if (!schema_allows(section, key)) {
		jb_warn("%s:%u: unknown key '%s' in [%s]", config->path, load->reader->line,
			key, section);
		load->failed = 1;
		return 1;
	}
	/* a continuation line of a multi-line value */
	if (last && load->reader->indented && strcmp(last->section, section) == 0 &&
	    strcmp(last->key, key) == 0) {
		char *joined = jb_xasprintf("%s %s", last->value, value);

		free(last->value);
		last->value = joined;
		last->line = load->reader->line;
		return 1;
	}
	for (i = 0; i < config->entry_count; i++)
		if (strcmp(config->entries[i].section, section) == 0 &&
		    strcmp(config->entries[i].key, key) == 0) {
			jb_warn("%s:%u: '%s' set twice in [%s] (first on line %u)", config->path,
				load->reader->line, key, section, config->entries[i].line);
			load->failed = 1;
			return 1;
		}
	config_note_section(config, section);
	jb_grow((void **)&config->entries, &config->entry_capacity, config->entry_count + 1,
		sizeof(*config->entries));
	config->entries[config->entry_count].section = jb_xstrdup(section);
	config->entries[config->entry_count].key = jb_xstrdup(key);
	config->entries[config->entry_count].value = jb_xstrdup(value);
	config->entries[config->entry_count].line = load->reader->line;
	config->entry_count++;
	return 1;
}

int jb_config_load(const char *path, struct jb_config *config)
{
	struct config_reader reader = { NULL, 0, 0, 0 };
	struct config_load load = { config, &reader, 0 };
	int rc;

	memset(config, 0, sizeof(*config));
	config->path = jb_xstrdup(path);
	reader.fp = fopen(path, "r");
	if (!reader.fp) {
		jb_error("%s: cannot open:", path);
		jb_config_free(config);
		return -1;
	}
	rc = ini_parse_stream(config_read_line, &reader, config_add, &load);
	if (ferror(reader.fp)) {
		jb_warn("%s: read error:", path);
		load.failed = 1;
	}
	fclose(reader.fp);
	if (reader.too_long) {
		jb_warn("%s:%u: line too long (at most %d characters): continue a long value "
			"on lines that start with a space", path, reader.too_long, INI_MAX_LINE - 2);
		load.failed = 1;
	} else if (rc > 0) {
		jb_warn("%s:%d: syntax error (expected [section] or key = value)", path, rc);
		load.failed = 1;
	} else if (rc < 0) {
		jb_warn("%s: cannot parse (out of memory)", path);
		load.failed = 1;
	}
	if (load.failed) {
		jb_config_free(config);
		return -1;
	}
	return 0;
}

void jb_config_free(struct jb_config *config)
{
	size_t i;

	for (i = 0; i < config->entry_count; i++) {
		free(config->entries[i].section);
		free(config->entries[i].key);
		free(config->entries[i].value);
	}
	for (i = 0; i < config->section_count; i++)
		free(config->sections[i]);
	free(config->entries);
	free(config->sections);
	free(config->path);
	memset(config, 0, sizeof(*config));
}

static const struct jb_config_entry *config_find(const struct jb_config *config,
						 const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < config->entry_count; i++)
		if (strcmp(config->entries[i].section, section) == 0 &&
		    (!key || strcmp(config->entries[i].key, key) == 0))
			return &config->entries[i];
	return NULL;
}

const char *jb_config_get(const struct jb_config *config, const char *section,
			  const char *key)
{
	const struct jb_config_entry *entry = config_find(config, section, key);

	return entry ? entry->value : NULL;
}

unsigned jb_config_line(const struct jb_config *config, const char *section, const char *key)
{
	const struct jb_config_entry *entry = config_find(config, section, key);

	return entry ? entry->line : 0;
}

const char *jb_config_require(const struct jb_config *config, const char *section,
			      const char *key)
{
	const char *value = jb_config_get(config, section, key);
	unsigned line = jb_config_line(config, section, NULL);

	if (value && *value)
		return value;
	if (line)
		jb_warn("%s:%u: [%s] needs '%s'", config->path, line, section, key);
	else
		jb_warn("%s: no [%s] with '%s'", config->path, section, key);
	return NULL;
}

int jb_config_long(const struct jb_config *config, const char *section, const char *key,
		   long fallback, long min, long max, long *out)
{
	const char *value = jb_config_get(config, section, key);
	char *end;
	long number;

	if (!value || !*value) {
		*out = fallback;
		return 0;
	}
	errno = 0;
	number = strtol(value, &end, 10);
	if (errno || *end || number < min || number > max)
		return jb_error("%s:%u: [%s] %s = '%s': expected a whole number from %ld to %ld",
				config->path, jb_config_line(config, section, key), section, key,
				value, min, max);
	*out = number;
	return 0;
}

int jb_config_double(const struct jb_config *config, const char *section,
		     const char *key, double fallback, double min, double max, double *out)
{
	const char *value = jb_config_get(config, section, key);
	char *end;
	double number;

	if (!value || !*value) {
		*out = fallback;
		return 0;
	}
	errno = 0;
	number = strtod(value, &end);
	if (errno || *end || !isfinite(number) || number < min || number > max)
		return jb_error("%s:%u: [%s] %s = '%s': expected a number from %g to %g",
				config->path, jb_config_line(config, section, key), section, key,
				value, min, max);
	*out = number;
	return 0;
}

size_t jb_config_sections(const struct jb_config *config, const char *kind,
			  const char **names, size_t max)
{
	size_t kind_len = strlen(kind), i, count = 0;

	for (i = 0; i < config->section_count; i++) {
		const char *section = config->sections[i];

		if (strncmp(section, kind, kind_len) == 0 && section[kind_len] == ' ' &&
		    section[kind_len + 1]) {
			if (count < max)
				names[count] = section + kind_len + 1;
			count++;
		}
	}
	return count < max ? count : max;
}

char *jb_config_section_name(const char *kind, const char *name)
{
	return jb_xasprintf("%s %s", kind, name);
}

size_t jb_config_words(const char *value, char ***words)
{
	size_t count = 0, capacity = 0;
	const char *start;

	*words = NULL;
	while (value && *value) {
		while (*value == ' ' || *value == '\t' || *value == ',')
			value++;
		if (!*value)
			break;
		start = value;
		while (*value && *value != ' ' && *value != '\t' && *value != ',')
			value++;
		jb_grow((void **)words, &capacity, count + 1, sizeof(**words));
		(*words)[count++] = jb_xstrndup(start, (size_t)(value - start));
	}
	return count;
}

void jb_config_words_free(char **words, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(words[i]);
	free(words);
}
