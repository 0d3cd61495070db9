#include "tidy_table.h"

#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "parallel.h"
#include "text.h"
#include "tidy_csv.h"
#include "xalloc.h"

enum role { ROLE_NUMERATOR, ROLE_DENOMINATOR, ROLE_VALUE, ROLE_COUNT };

static const char *const role_names[ROLE_COUNT] = { "numerator", "denominator", "value" };

enum column {
	COL_REGION_CODE, COL_REGION_NAME, COL_REGION_TYPE, COL_PERIOD, COL_PERIOD_STATUS,
	COL_MEASURE_KEY, COL_MEASURE_TITLE, COL_VALUE, COL_STATUS, COL_COUNT
};

static const char *const column_names[COL_COUNT] = {
	"region_code", "region_name", "region_type", "period", "period_status",
	"measure_key", "measure_title", "value", "status"
};

#define FLAG_KNOWN 1u
#define FLAG_PRESENT 16u
#define CELL_HARMONISED(flags) ((int)(((flags) >> 1) & 7u) - 1)

static int table_header(struct stats_tidy_table *table, const struct jb_csv_row *row)
{
	size_t c, i;

	table->header_seen = 1;
	table->column_count = row->count;
	table->harmonised_column = table->category_column = table->category_title_column = -1;
	for (i = 0; i < row->count; i++) {
		if (strcmp(row->fields[i], "harmonised") == 0)
			table->harmonised_column = (long)i;
		else if (strcmp(row->fields[i], "category_key") == 0)
			table->category_column = (long)i;
		else if (strcmp(row->fields[i], "category_title") == 0)
			table->category_title_column = (long)i;
	}
	for (c = 0; c < COL_COUNT; c++) {
		for (i = 0; i < row->count; i++)
			if (strcmp(row->fields[i], column_names[c]) == 0)
				break;
		if (i == row->count)
			return jb_error("%s:%lu: no column '%s' (is this a tidy file?)",
					table->path, row->line, column_names[c]);
		table->column[c] = i;
	}
	return 0;
}

static int stem_wanted(const struct stats_tidy_table *table, const char *key, const char *title)
{
	size_t i;

	for (i = 0; i < table->stem_count; i++)
		if (jb_measure_matches(key, table->stems[i]) || strcmp(title, table->stems[i]) == 0)
			return 1;
	return 0;
}

static size_t measure_index(struct stats_tidy_table *table, const char *key, const char *title,
			    const char *category, const char *category_title)
{
	struct stats_tidy_measure *measure;
	size_t i;

	/* rows come in DataProperties order: try the last measure and the next one first */
	for (i = table->last_measure; i < table->measure_count && i <= table->last_measure + 1; i++)
		if (strcmp(table->measures[i].key, key) == 0 &&
		    strcmp(table->measures[i].category, category) == 0)
			return table->last_measure = i;
	for (i = 0; i < table->measure_count; i++)
		if (strcmp(table->measures[i].key, key) == 0 &&
		    strcmp(table->measures[i].category, category) == 0)
			return table->last_measure = i;
	jb_grow((void **)&table->measures, &table->measure_capacity, table->measure_count + 1,
		sizeof(*table->measures));
	measure = &table->measures[table->measure_count];
	memset(measure, 0, sizeof(*measure));
	measure->key = jb_xstrdup(key);
	measure->title = jb_xstrdup(title);
	measure->category = jb_xstrdup(category);
	measure->category_title = jb_xstrdup(category_title);
	measure->wanted = stem_wanted(table, key, title);
	return table->last_measure = table->measure_count++;
}

/* Integers are read digit by digit (exact, as strtod would); others with strtod. */
static int parse_number(const char *text, double *value)
{
	const char *at = text;
	uint64_t digits = 0;
	char *end;

	while (*at >= '0' && *at <= '9' && at - text < 15)
		digits = digits * 10 + (uint64_t)(*at++ - '0');
	if (!*at && at > text) {
		*value = (double)digits;
		return 0;
	}
	errno = 0;
	*value = strtod(text, &end);
	if (errno || *end || end == text || !isfinite(*value))
		return -1;
	return 0;
}

static int parse_value(const struct stats_tidy_table *table, const struct jb_csv_row *row,
		       double *value, int *known)
{
	const char *text = row->fields[table->column[COL_VALUE]];
	const char *status = row->fields[table->column[COL_STATUS]];

	*known = 0;
	*value = 0;
	if (strcmp(status, "ok") != 0 || !*text)
		return 0;
	if (parse_number(text, value) != 0)
		return jb_error("%s:%lu: value '%s' is not a number", table->path, row->line, text);
	if (*value < 0)
		return jb_error("%s:%lu: value '%s' is negative", table->path, row->line, text);
	*known = 1;
	return 0;
}

static size_t slot_of(uint32_t region, uint32_t period, size_t capacity)
{
	uint64_t hash = ((uint64_t)region << 20 ^ period) * 0x9E3779B97F4A7C15u;

	return (size_t)(hash >> 20) & (capacity - 1);
}

static void groups_rehash(struct stats_tidy_table *table)
{
	size_t capacity = table->slot_capacity ? 2 * table->slot_capacity : 1024, i;
	uint32_t *slots = jb_xcalloc(capacity, sizeof(*slots));

	for (i = 0; i < table->group_count; i++) {
		size_t at = slot_of(table->groups[i].region, table->groups[i].period, capacity);

		while (slots[at])
			at = (at + 1) & (capacity - 1);
		slots[at] = (uint32_t)i + 1;
	}
	free(table->group_slots);
	table->group_slots = slots;
	table->slot_capacity = capacity;
}

/* A row's group seen before: its period status filled in when it had none yet. */
static long group_found(struct stats_tidy_table *table, const struct jb_csv_row *row, int national,
			struct stats_tidy_group *group)
{
	const char *status = row->fields[table->column[COL_PERIOD_STATUS]];

	if (group->national != national)
		return jb_error("%s:%lu: region %s is both national and municipal",
				table->path, row->line, table->regions.texts[group->region]);
	if (!table->statuses.texts[group->status][0] && status[0])
		group->status = stats_names_index(&table->statuses, status);
	table->last_group = (size_t)(group - table->groups) + 1;
	return (long)(table->last_group - 1);
}

/* The group of a row's region and period, made on first sight; -1 when national and municipal mix. */
static long group_index(struct stats_tidy_table *table, const struct jb_csv_row *row,
			int national)
{
	const char *const *field = row->fields;
	const char *region_code = field[table->column[COL_REGION_CODE]];
	const char *period_code = field[table->column[COL_PERIOD]];
	const char *status = field[table->column[COL_PERIOD_STATUS]];
	uint32_t region, period;
	struct stats_tidy_group *group;
	size_t at;

	if (table->last_group) {
		/* the tidy table's rows of one region and period are usually together */
		group = &table->groups[table->last_group - 1];
		if (strcmp(table->regions.texts[group->region], region_code) == 0 &&
		    strcmp(table->periods.texts[group->period], period_code) == 0)
			return group_found(table, row, national, group);
	}
	region = stats_names_index(&table->regions, region_code);
	period = stats_names_index(&table->periods, period_code);
	if (2 * (table->group_count + 1) > table->slot_capacity)
		groups_rehash(table);
	for (at = slot_of(region, period, table->slot_capacity); table->group_slots[at];
	     at = (at + 1) & (table->slot_capacity - 1)) {
		group = &table->groups[table->group_slots[at] - 1];
		if (group->region == region && group->period == period)
			return group_found(table, row, national, group);
	}
	jb_grow((void **)&table->groups, &table->group_capacity, table->group_count + 1,
		sizeof(*table->groups));
	group = &table->groups[table->group_count];
	group->region = region;
	group->period = period;
	group->name = stats_names_index(&table->names, field[table->column[COL_REGION_NAME]]);
	group->status = stats_names_index(&table->statuses, status);
	group->national = (unsigned char)national;
	table->group_slots[at] = (uint32_t)++table->group_count;
	table->last_group = table->group_count;
	return (long)table->group_count - 1;
}

static void measure_reserve(struct stats_tidy_measure *measure, size_t group)
{
	size_t old = measure->cell_capacity, capacity = old;

	if (group < old)
		return;
	jb_grow((void **)&measure->values, &capacity, group + 1, sizeof(*measure->values));
	capacity = old;
	jb_grow((void **)&measure->flags, &capacity, group + 1, sizeof(*measure->flags));
	memset(measure->flags + old, 0, (capacity - old) * sizeof(*measure->flags));
	measure->cell_capacity = capacity;
}

static int table_row(const struct jb_csv_row *row, void *context)
{
	struct stats_tidy_table *table = context;
	const char *const *field = row->fields;
	const char *region_type;
	struct stats_tidy_measure *measure;
	size_t measure_at;
	uint32_t line = row->line > UINT32_MAX ? UINT32_MAX : (uint32_t)row->line;
	double value;
	int national, known, harmonised;
	long group;

	if (!table->header_seen)
		return table_header(table, row);
	if (row->count != table->column_count)
		return jb_error("%s:%lu: %zu fields where the header has %zu", table->path,
				row->line, row->count, table->column_count);
	measure_at = measure_index(table, field[table->column[COL_MEASURE_KEY]],
				   field[table->column[COL_MEASURE_TITLE]],
				   table->category_column < 0 ? "" : field[table->category_column],
				   table->category_title_column < 0 ? "" :
				   field[table->category_title_column]);
	region_type = field[table->column[COL_REGION_TYPE]];
	national = strcmp(region_type, "NL") == 0;
	if ((!national && strcmp(region_type, "GM") != 0) || !table->measures[measure_at].wanted)
		return 0;
	if (parse_value(table, row, &value, &known) != 0)
		return -1;
	if ((group = group_index(table, row, national)) < 0)
		return -1;
	harmonised = table->harmonised_column < 0 ? STATS_HARMONISED_ABSENT :
		     (int)stats_harmonised_parse(field[table->harmonised_column]);
	measure = &table->measures[measure_at];
	measure_reserve(measure, (size_t)group);
	if (measure->flags[group] & FLAG_PRESENT) {
		struct stats_tidy_duplicate *duplicate;

		jb_grow((void **)&table->duplicates, &table->duplicate_capacity,
			table->duplicate_count + 1, sizeof(*table->duplicates));
		duplicate = &table->duplicates[table->duplicate_count++];
		duplicate->measure = measure_at;
		duplicate->group = (size_t)group;
		duplicate->line = line;
		return 0;
	}
	measure->values[group] = value;
	measure->flags[group] = (unsigned char)(FLAG_PRESENT | (known ? FLAG_KNOWN : 0) |
						(unsigned)(harmonised + 1) << 1);
	return 0;
}

struct named { const char *text; size_t index; };

static int compare_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->text, ((const struct named *)b)->text);
}

/* Rank of every name in strcmp order; the caller frees. */
static size_t *name_ranks(const struct stats_names *names)
{
	struct named *sorted = jb_xcalloc(names->count + 1, sizeof(*sorted));
	size_t *rank = jb_xcalloc(names->count + 1, sizeof(*rank));
	size_t i;

	for (i = 0; i < names->count; i++) {
		sorted[i].text = names->texts[i];
		sorted[i].index = i;
	}
	qsort(sorted, names->count, sizeof(*sorted), compare_named);
	for (i = 0; i < names->count; i++)
		rank[sorted[i].index] = i;
	free(sorted);
	return rank;
}

struct group_key { size_t period_rank, region_rank, group; };

static int compare_group_keys(const void *a, const void *b)
{
	const struct group_key *left = a, *right = b;

	if (left->period_rank != right->period_rank)
		return left->period_rank < right->period_rank ? -1 : 1;
	if (left->region_rank != right->region_rank)
		return left->region_rank < right->region_rank ? -1 : 1;
	return 0;
}

static void sort_groups(struct stats_tidy_table *table)
{
	size_t *period_rank = name_ranks(&table->periods);
	size_t *region_rank = name_ranks(&table->regions);
	struct group_key *keys = jb_xcalloc(table->group_count + 1, sizeof(*keys));
	size_t i;

	for (i = 0; i < table->group_count; i++) {
		keys[i].period_rank = period_rank[table->groups[i].period];
		keys[i].region_rank = region_rank[table->groups[i].region];
		keys[i].group = i;
	}
	qsort(keys, table->group_count, sizeof(*keys), compare_group_keys);
	table->order = jb_xcalloc(table->group_count + 1, sizeof(*table->order));
	for (i = 0; i < table->group_count; i++)
		table->order[i] = keys[i].group;
	free(keys);
	free(period_rank);
	free(region_rank);
}

void stats_tidy_table_free(struct stats_tidy_table *table)
{
	size_t i;

	for (i = 0; i < table->measure_count; i++) {
		free(table->measures[i].key);
		free(table->measures[i].title);
		free(table->measures[i].category);
		free(table->measures[i].category_title);
		free(table->measures[i].values);
		free(table->measures[i].flags);
	}
	free(table->measures);
	free(table->groups);
	free(table->group_slots);
	free(table->order);
	free(table->duplicates);
	free(table->path);
	stats_names_free(&table->regions);
	stats_names_free(&table->names);
	stats_names_free(&table->periods);
	stats_names_free(&table->statuses);
	memset(table, 0, sizeof(*table));
}

int stats_tidy_table_load(const char *path, const char *const *stems, size_t stem_count,
			  const char *indicator, struct stats_tidy_table *table)
{
	FILE *fp;
	int rc = JB_EXIT_OK;

	memset(table, 0, sizeof(*table));
	table->path = jb_xstrdup(path);
	table->stems = (const char **)stems;
	table->stem_count = stem_count;
	fp = fopen(path, "rb");
	if (!fp) {
		jb_warn("%s: cannot open (table of indicator %s):", path, indicator);
		return JB_EXIT_NOINPUT;
	}
	if (stats_csv_each(fp, path, table_row, table) != 0)
		rc = JB_EXIT_DATAERR;
	else if (!table->header_seen) {
		jb_warn("%s: empty file, expected a header line", path);
		rc = JB_EXIT_DATAERR;
	}
	fclose(fp);
	if (rc == JB_EXIT_OK)
		sort_groups(table);
	return rc;
}

/* What find_line looks for, and the line it found. */
struct line_search {
	const struct stats_tidy_table *table;
	const char *region_code, *period, *measure_key, *category;
	int header_seen;
	unsigned long line;
};

static int search_row(const struct jb_csv_row *row, void *context)
{
	struct line_search *search = context;
	const struct stats_tidy_table *table = search->table;
	const char *const *field = row->fields;

	if (!search->header_seen) {
		search->header_seen = 1;
		return 0;
	}
	if (row->count != table->column_count ||
	    strcmp(field[table->column[COL_REGION_CODE]], search->region_code) != 0 ||
	    strcmp(field[table->column[COL_PERIOD]], search->period) != 0 ||
	    strcmp(field[table->column[COL_MEASURE_KEY]], search->measure_key) != 0 ||
	    (table->category_column >= 0 &&
	     strcmp(field[table->category_column], search->category) != 0))
		return 0;
	search->line = row->line;
	return 1;
}

/*
 * The line of the first row of a group and measure: the table keeps no line
 * numbers (memory), so the file is read again for a message; 0 when not found.
 */
static unsigned long find_line(const struct stats_tidy_table *table, size_t group,
			       size_t measure)
{
	struct line_search search = {
		table, table->regions.texts[table->groups[group].region],
		table->periods.texts[table->groups[group].period], table->measures[measure].key,
		table->measures[measure].category, 0, 0
	};
	FILE *fp = fopen(table->path, "rb");

	if (!fp)
		return 0;
	stats_csv_each(fp, table->path, search_row, &search);
	fclose(fp);
	return search.line;
}

/* The distinct keys of the measures (those in which, when given), comma separated. */
static char *list_measures(const struct stats_tidy_table *table, const int *which)
{
	char *list = jb_xstrdup(""), *joined;
	size_t i, j;

	for (i = 0; i < table->measure_count; i++) {
		if (which && !which[i])
			continue;
		for (j = 0; j < i && strcmp(table->measures[j].key, table->measures[i].key) != 0; j++)
			;
		if (j < i && (!which || which[j]))
			continue; /* the same key in another category */
		joined = jb_xasprintf("%s%s%s", list, *list ? ", " : "", table->measures[i].key);
		free(list);
		list = joined;
	}
	return list;
}

/* The categories of key, space separated. */
static char *list_categories(const struct stats_tidy_table *table, const char *key)
{
	char *list = jb_xstrdup(""), *joined;
	size_t i;

	for (i = 0; i < table->measure_count; i++) {
		if (strcmp(table->measures[i].key, key) != 0 || !*table->measures[i].category)
			continue;
		joined = jb_xasprintf("%s%s%s", list, *list ? " " : "", table->measures[i].category);
		free(list);
		list = joined;
	}
	return list;
}

/* Picks the one measure key a stem names: by key stem, else by title; -1 with a message. */
static long resolve_key(const struct stats_tidy_table *table, const char *role, const char *stem)
{
	int *candidate = jb_xcalloc(table->measure_count + 1, sizeof(*candidate));
	size_t count = 0, i;
	long found = -1;
	int by_title;
	char *list;

	for (by_title = 0; by_title <= 1 && count == 0; by_title++)
		for (i = 0; i < table->measure_count; i++) {
			candidate[i] = by_title ? strcmp(table->measures[i].title, stem) == 0 :
				       jb_measure_matches(table->measures[i].key, stem);
			if (!candidate[i])
				continue;
			if (found < 0 || strcmp(table->measures[found].key,
						table->measures[i].key) != 0)
				count++;
			if (found < 0)
				found = (long)i;
		}
	if (count == 1) {
		free(candidate);
		return found;
	}
	list = list_measures(table, count ? candidate : NULL);
	if (count == 0)
		jb_warn("%s: %s measure '%s' not found; measure keys: %s", table->path, role, stem,
			*list ? list : "(none)");
	else
		jb_warn("%s: %s measure '%s' is ambiguous: %s", table->path, role, stem, list);
	free(list);
	free(candidate);
	return -1;
}

size_t stats_tidy_resolve(const struct stats_tidy_table *table, const char *role,
			  const char *stem, const char *categories,
			  struct stats_component **components)
{
	long first = resolve_key(table, role, stem);
	const char *key;
	char **words, *list;
	size_t count, i, m;

	*components = NULL;
	if (first < 0)
		return 0;
	key = table->measures[first].key;
	if (!categories) {
		if (!*table->measures[first].category) {
			*components = jb_xcalloc(1, sizeof(**components));
			(*components)[0].measure = (size_t)first;
			(*components)[0].weight = 1;
			return 1;
		}
		list = list_categories(table, key);
		jb_warn("%s: %s measure %s is given per category (%s): name the categories with "
			"%s_category", table->path, role, key, list, role);
		free(list);
		return 0;
	}
	count = jb_config_words(categories, &words);
	*components = jb_xcalloc(count + 1, sizeof(**components));
	for (i = 0; i < count; i++) {
		char *star = strchr(words[i], '*'), *end;
		double weight = 1;

		if (star) {
			*star = '\0';
			weight = strtod(star + 1, &end);
			if (end == star + 1 || *end || !isfinite(weight) || weight <= 0) {
				jb_warn("%s: %s_category: '%s*%s': expected KEY or KEY*WEIGHT with a "
					"positive weight", table->path, role, words[i], star + 1);
				break;
			}
		}
		for (m = 0; m < table->measure_count; m++)
			if (strcmp(table->measures[m].key, key) == 0 &&
			    strcmp(table->measures[m].category, words[i]) == 0)
				break;
		if (m == table->measure_count) {
			list = list_categories(table, key);
			jb_warn("%s: %s measure %s has no category '%s'; categories: %s", table->path,
				role, key, words[i], *list ? list : "(none)");
			free(list);
			break;
		}
		(*components)[i].measure = m;
		(*components)[i].weight = weight;
	}
	jb_config_words_free(words, count);
	if (i < count || count == 0) {
		free(*components);
		*components = NULL;
		return 0;
	}
	return count;
}

int stats_tidy_sum(const struct stats_tidy_table *table, const struct stats_component *components,
		   size_t count, size_t group, double *value, int *harmonised)
{
	size_t present = 0, known = 0, i;

	*value = 0;
	for (i = 0; i < count; i++) {
		const struct stats_tidy_measure *column = &table->measures[components[i].measure];
		unsigned char flags;

		if (group >= column->cell_capacity || !(column->flags[group] & FLAG_PRESENT))
			continue;
		flags = column->flags[group];
		present++;
		if (CELL_HARMONISED(flags) > *harmonised)
			*harmonised = CELL_HARMONISED(flags);
		if (!(flags & FLAG_KNOWN))
			continue;
		known++;
		/* one component of weight 1: the value itself, bit for bit */
		*value = count == 1 && components[i].weight == 1 ? column->values[group] :
			 *value + components[i].weight * column->values[group];
	}
	if (present == 0)
		return -1;
	return known == count;
}

long stats_tidy_table_group(const struct stats_tidy_table *table, const char *region_code,
			    const char *period)
{
	long region = stats_names_find(&table->regions, region_code);
	long period_index = stats_names_find(&table->periods, period);
	size_t at;

	if (region < 0 || period_index < 0 || table->slot_capacity == 0)
		return -1;
	for (at = slot_of((uint32_t)region, (uint32_t)period_index, table->slot_capacity);
	     table->group_slots[at]; at = (at + 1) & (table->slot_capacity - 1)) {
		const struct stats_tidy_group *group = &table->groups[table->group_slots[at] - 1];

		if (group->region == (uint32_t)region && group->period == (uint32_t)period_index)
			return (long)table->group_slots[at] - 1;
	}
	return -1;
}

/* The roles of an indicator resolved: components per role. */
struct resolved_roles {
	struct stats_component *components[ROLE_COUNT];
	size_t count[ROLE_COUNT];
	const struct stats_tidy_table *table[ROLE_COUNT];
};

/* The first (in output order) row given twice for a resolved measure; -1 when there is one. */
static int check_duplicates(const struct stats_tidy_table *table,
			    const struct resolved_roles *roles)
{
	const struct stats_tidy_duplicate *first = NULL;
	size_t *position = NULL, i, r, c;

	if (table->duplicate_count == 0)
		return 0;
	position = jb_xcalloc(table->group_count + 1, sizeof(*position));
	for (i = 0; i < table->group_count; i++)
		position[table->order[i]] = i;
	for (i = 0; i < table->duplicate_count; i++) {
		const struct stats_tidy_duplicate *duplicate = &table->duplicates[i];

		for (r = 0; r < ROLE_COUNT; r++)
			for (c = 0; c < roles->count[r]; c++)
				if (roles->table[r] == table &&
				    roles->components[r][c].measure == duplicate->measure &&
				    (!first || position[duplicate->group] < position[first->group]))
					first = duplicate;
	}
	free(position);
	if (!first)
		return 0;
	return jb_error("%s:%lu: %s %s %s%s%s given twice (also on line %lu)", table->path,
			(unsigned long)first->line,
			table->regions.texts[table->groups[first->group].region],
			table->periods.texts[table->groups[first->group].period],
			table->measures[first->measure].key,
			*table->measures[first->measure].category ? " " : "",
			table->measures[first->measure].category,
			find_line(table, first->group, first->measure));
}

static int add_national(const struct stats_tidy_table *table, struct stats_indicator *indicator,
			const struct resolved_roles *roles, size_t group)
{
	const char *period = table->periods.texts[table->groups[group].period];
	struct stats_national *national;
	int harmonised = STATS_HARMONISED_ABSENT;
	double value;

	if (stats_tidy_sum(table, roles->components[ROLE_VALUE], roles->count[ROLE_VALUE], group,
			   &value, &harmonised) != 1)
		return 0;
	if (indicator->national_count &&
	    strcmp(indicator->nationals[indicator->national_count - 1].period, period) == 0)
		return jb_error("%s:%lu: a second national value for %s", table->path,
				find_line(table, group, roles->components[ROLE_VALUE][0].measure),
				period);
	jb_grow((void **)&indicator->nationals, &indicator->national_capacity,
		indicator->national_count + 1, sizeof(*indicator->nationals));
	national = &indicator->nationals[indicator->national_count++];
	national->period = jb_xstrdup(period);
	national->value = value;
	return 0;
}

/*
 * The unit of one municipal group; 1 when the indicator has a row there,
 * 0 when not, -1 on error (with a message when report is set).
 */
static int group_unit(const struct stats_tidy_table *table, const struct resolved_roles *roles,
		      int ratio, size_t group, struct stats_unit *unit, int report)
{
	struct stats_number *slot[ROLE_COUNT] = {
		&unit->numerator, &unit->denominator, &unit->published
	};
	const struct stats_tidy_group *where = &table->groups[group];
	int seen = 0;
	size_t r;

	memset(unit, 0, sizeof(*unit));
	unit->harmonised = STATS_HARMONISED_ABSENT;
	for (r = 0; r < ROLE_COUNT; r++) {
		long at = (long)group;
		double value;
		int sum;

		if (!roles->count[r])
			continue;
		if (roles->table[r] != table &&
		    (at = stats_tidy_table_group(roles->table[r],
						 table->regions.texts[where->region],
						 table->periods.texts[where->period])) < 0)
			continue;
		sum = stats_tidy_sum(roles->table[r], roles->components[r], roles->count[r],
				     (size_t)at, &value, &unit->harmonised);
		if (sum < 0)
			continue;
		/* a role of the indicator's own table makes the unit; a joined one does not */
		seen |= roles->table[r] == table;
		slot[r]->value = value;
		slot[r]->known = sum == 1;
	}
	if (!seen)
		return 0;
	if (!ratio && unit->numerator.known && unit->denominator.known &&
	    unit->numerator.value > unit->denominator.value && !report)
		return -1;
	if (!ratio && unit->numerator.known && unit->denominator.known &&
	    unit->numerator.value > unit->denominator.value)
		return jb_error("%s:%lu: %s %s: numerator %g above denominator %g (line %lu)",
				table->path,
				find_line(table, group, roles->components[ROLE_NUMERATOR][0].measure),
				table->regions.texts[where->region],
				table->periods.texts[where->period], unit->numerator.value,
				unit->denominator.value,
				roles->table[ROLE_DENOMINATOR] == table ?
				find_line(table, group,
					  roles->components[ROLE_DENOMINATOR][0].measure) : 0);
	unit->region_code = table->regions.texts[where->region];
	unit->region_name = table->names.texts[where->name];
	unit->period = table->periods.texts[where->period];
	unit->period_status = table->statuses.texts[where->status];
	return 1;
}

/* The units of an indicator made on every thread, share by share of the groups. */
struct units_job {
	const struct stats_tidy_table *table;
	const struct resolved_roles *roles;
	int ratio;
	struct stats_indicator *indicator;
	size_t shares;
	size_t *first_slot; /* per share: municipal groups before it (its first slot) */
	size_t *made;       /* per share: units made */
	atomic_int failed;  /* a share met an error */
};

static void share_bounds(const struct units_job *job, size_t share, size_t *begin, size_t *end)
{
	size_t count = job->table->group_count;

	*begin = count * share / job->shares;
	*end = count * (share + 1) / job->shares;
}

static void make_share(void *arg, size_t share)
{
	struct units_job *job = arg;
	size_t begin, end, slot = job->first_slot[share], i;

	share_bounds(job, share, &begin, &end);
	job->made[share] = 0;
	for (i = begin; i < end; i++) {
		size_t group = job->table->order[i];
		int found;

		if (job->table->groups[group].national)
			continue;
		found = group_unit(job->table, job->roles, job->ratio, group,
				   &job->indicator->units[slot + job->made[share]], 0);
		if (found < 0) {
			atomic_store(&job->failed, 1);
			return;
		}
		job->made[share] += (size_t)found;
	}
}

/*
 * The units of every municipal group, on every thread: each share of the
 * groups fills the slots from its first possible one, then the shares are
 * moved together in order.  -1 (without a message) when a group is in
 * error: the caller makes them again one by one, with the message.
 */
static int parallel_units(const struct stats_tidy_table *table, const struct resolved_roles *roles,
			  int ratio, struct stats_indicator *indicator)
{
	struct units_job job = { table, roles, ratio, indicator, 64, NULL, NULL, 0 };
	size_t share, begin, end, municipal = 0, i;

	job.first_slot = jb_xcalloc(job.shares, sizeof(*job.first_slot));
	job.made = jb_xcalloc(job.shares, sizeof(*job.made));
	atomic_init(&job.failed, 0);
	for (share = 0; share < job.shares; share++) {
		job.first_slot[share] = municipal;
		share_bounds(&job, share, &begin, &end);
		for (i = begin; i < end; i++)
			municipal += !table->groups[table->order[i]].national;
	}
	stats_parallel_for(job.shares, make_share, &job);
	indicator->unit_count = 0;
	for (share = 0; share < job.shares && !atomic_load(&job.failed); share++) {
		if (job.first_slot[share] != indicator->unit_count && job.made[share] > 0)
			memmove(&indicator->units[indicator->unit_count],
				&indicator->units[job.first_slot[share]],
				job.made[share] * sizeof(*indicator->units));
		indicator->unit_count += job.made[share];
	}
	free(job.first_slot);
	free(job.made);
	if (atomic_load(&job.failed)) {
		indicator->unit_count = 0;
		return -1;
	}
	return 0;
}

int stats_tidy_table_units_joined(const struct stats_tidy_table *table,
				  const struct stats_tidy_table *denominator_table,
				  const struct stats_measures *measures,
				  struct stats_indicator *indicator)
{
	const char *stems[ROLE_COUNT] = {
		measures->value ? NULL : measures->numerator,
		measures->value ? NULL : measures->denominator,
		measures->value
	};
	const char *categories[ROLE_COUNT] = {
		measures->numerator_category, measures->denominator_category, NULL
	};
	struct resolved_roles roles;
	size_t i, r;
	int rc = JB_EXIT_OK;

	memset(&roles, 0, sizeof(roles));
	indicator->published_rate = measures->value != NULL;
	indicator->strings_borrowed = 1;
	for (r = 0; r < ROLE_COUNT && rc == JB_EXIT_OK; r++) {
		roles.table[r] = r == ROLE_DENOMINATOR && denominator_table ? denominator_table :
				 table;
		if (stems[r] && (roles.count[r] = stats_tidy_resolve(roles.table[r], role_names[r],
								    stems[r], categories[r],
								    &roles.components[r])) == 0)
			rc = JB_EXIT_DATAERR;
	}
	if (rc == JB_EXIT_OK && (check_duplicates(table, &roles) != 0 ||
				 (denominator_table &&
				  check_duplicates(denominator_table, &roles) != 0)))
		rc = JB_EXIT_DATAERR;
	if (rc == JB_EXIT_OK) {
		/* at most one unit per municipal group: one allocation, no growth */
		size_t municipal = 0;

		for (i = 0; i < table->group_count; i++)
			municipal += !table->groups[i].national;
		indicator->unit_capacity = municipal ? municipal : 1;
		indicator->units = jb_xmalloc(indicator->unit_capacity * sizeof(*indicator->units));
	}
	if (rc == JB_EXIT_OK && parallel_units(table, &roles, measures->ratio, indicator) == 0) {
		/* the municipal units are made: the national values, in order */
		for (i = 0; i < table->group_count && rc == JB_EXIT_OK; i++)
			if (table->groups[table->order[i]].national && stems[ROLE_VALUE] &&
			    add_national(table, indicator, &roles, table->order[i]) != 0)
				rc = JB_EXIT_DATAERR;
	} else {
		/* one by one, stopping at the first group in error with its message */
		for (i = 0; i < table->group_count && rc == JB_EXIT_OK; i++) {
			size_t group = table->order[i];
			int found;

			if (table->groups[group].national) {
				if (stems[ROLE_VALUE] &&
				    add_national(table, indicator, &roles, group) != 0)
					rc = JB_EXIT_DATAERR;
				continue;
			}
			/* made in the next free slot, counted when the group has one */
			found = group_unit(table, &roles, measures->ratio, group,
					   &indicator->units[indicator->unit_count], 1);
			if (found < 0)
				rc = JB_EXIT_DATAERR;
			else if (found)
				indicator->unit_count++;
		}
	}
	for (r = 0; r < ROLE_COUNT; r++)
		free(roles.components[r]);
	if (rc != JB_EXIT_OK)
		stats_indicator_free(indicator);
	return rc;
}

int stats_tidy_table_units(const struct stats_tidy_table *table,
			   const struct stats_measures *measures,
			   struct stats_indicator *indicator)
{
	return stats_tidy_table_units_joined(table, NULL, measures, indicator);
}
