/*
 * config/jeugdbench.ini as data: sections "[kind name]" (for instance
 * "[table jeugdzorg]", "[indicator jeugdhulp]") or "[name]" with key = value
 * lines, read with libinih.  Every key is checked against the schema in
 * config_schema.c, so a typo is an error naming file and line.
 */
#ifndef JB_CONFIG_H
#define JB_CONFIG_H

#include <stddef.h>

struct jb_config_entry {
	char *section; /* "table jeugdzorg" */
	char *key;
	char *value;
	unsigned line;
};

struct jb_config {
	char *path;
	struct jb_config_entry *entries;
	size_t entry_count, entry_capacity;
	char **sections; /* distinct section names, in file order */
	size_t section_count, section_capacity;
};

/* Loads and validates path; messages name path:line. */
int jb_config_load(const char *path, struct jb_config *config);
void jb_config_free(struct jb_config *config);

/* Borrowed value of key in section, or NULL. */
const char *jb_config_get(const struct jb_config *config, const char *section,
			  const char *key);
/* Line of key in section, or of the section's first key when key is NULL; 0 if absent. */
unsigned jb_config_line(const struct jb_config *config, const char *section,
			const char *key);
/* Like jb_config_get, with a message naming the section when absent. */
const char *jb_config_require(const struct jb_config *config, const char *section,
			      const char *key);
/* A whole number in [min, max]; default when absent; -1 with file:line when bad. */
int jb_config_long(const struct jb_config *config, const char *section, const char *key,
		   long fallback, long min, long max, long *out);
/* A real number in [min, max]; default when absent. */
int jb_config_double(const struct jb_config *config, const char *section,
		     const char *key, double fallback, double min, double max, double *out);

/*
 * The sections of one kind in file order: "table" gives the names after
 * "table ".  Returns the count; names[i] borrowed from config (at most max).
 */
size_t jb_config_sections(const struct jb_config *config, const char *kind,
			  const char **names, size_t max);
/* The full section name "kind name"; the caller owns it. */
char *jb_config_section_name(const char *kind, const char *name);

/* Splits a space-separated list into at most max words; the caller frees *words[0..] and *words. */
size_t jb_config_words(const char *value, char ***words);
void jb_config_words_free(char **words, size_t count);

/* Cross-section checks: tables have ids, indicators name existing tables. */
int jb_config_check(const struct jb_config *config);
/*
 * A key of the table whose id is table_id (key NULL: the table's section
 * name after "table "); NULL when there is none.
 */
const char *jb_config_table_get(const struct jb_config *config, const char *table_id,
				const char *key);

/* The schema: for a section kind, the allowed keys (NULL-terminated). */
struct jb_config_key {
	const char *kind;  /* "jeugdbench", "fetch", "table", "indicator", ... */
	const char *key;
	const char *help;  /* one line for jb-config --keys and README */
};
extern const struct jb_config_key jb_config_schema[];

#endif
