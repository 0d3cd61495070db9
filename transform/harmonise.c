#include "harmonise.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "period.h"
#include "text.h"
#include "xalloc.h"

/* A held copy of one region's values in one period. */
struct jb_held_entry {
	char *region_code, *region_name, *period;
	const char *period_status; /* borrowed from the table's metadata */
	const struct jb_category *category; /* borrowed; NULL without an extra dimension */
	char **values;
	const char **statuses; /* static strings */
	int used;
};

/* The harmonised form of one topic of one successor in one period. */
struct harmonised_value {
	char text[32];
	const char *value, *status, *harmonised;
};

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int compare_entries(const void *a, const void *b)
{
	const struct jb_held_entry *x = a, *y = b;
	size_t x_order = x->category ? x->category->order : 0;
	size_t y_order = y->category ? y->category->order : 0;
	int order = strcmp(x->period, y->period);

	if (!order)
		order = strcmp(x->region_code, y->region_code);
	return order ? order : (x_order > y_order) - (x_order < y_order);
}

static int compare_category_order(const void *a, const void *b)
{
	size_t x = (*(const struct jb_category *const *)a)->order;
	size_t y = (*(const struct jb_category *const *)b)->order;

	return (x > y) - (x < y);
}

/* The categories a successor is harmonised in: the extra dimension's in file order, or {NULL}. */
static void order_categories(struct jb_harmoniser *harmoniser)
{
	const struct jb_dimension *dimension = harmoniser->meta->category;
	size_t i;

	if (!dimension || dimension->category_count == 0) {
		harmoniser->categories = jb_xcalloc(1, sizeof(*harmoniser->categories));
		harmoniser->category_count = 1;
		return;
	}
	harmoniser->categories = jb_xcalloc(dimension->category_count,
					    sizeof(*harmoniser->categories));
	for (i = 0; i < dimension->category_count; i++)
		harmoniser->categories[i] = &dimension->categories[i];
	qsort(harmoniser->categories, dimension->category_count,
	      sizeof(*harmoniser->categories), compare_category_order);
	harmoniser->category_count = dimension->category_count;
}

static int contains(const char *text, const char *word)
{
	size_t len = strlen(word);

	for (; *text; text++)
		if (strncasecmp(text, word, len) == 0)
			return 1;
	return 0;
}

int jb_topic_is_count(const struct jb_topic *topic)
{
	static const char *const whole_types[] = { "Long", "Integer", "Int", "Short", "Byte" };
	static const char *const not_counts[] = { "%", "per", "code", "naam", "omschrijving",
						  "index", "verhouding", "ratio" };
	size_t i;
	int whole = 0;

	for (i = 0; i < sizeof(whole_types) / sizeof(whole_types[0]); i++)
		if (strcasecmp(topic->datatype, whole_types[i]) == 0)
			whole = 1;
	if (!whole)
		return 0;
	for (i = 0; i < sizeof(not_counts) / sizeof(not_counts[0]); i++)
		if (contains(topic->unit, not_counts[i]))
			return 0;
	return strncasecmp(topic->title, "gemiddeld", 9) != 0 &&
	       strncasecmp(topic->title, "mediaan", 7) != 0;
}

/* Adds code to a sorted-later list unless it is there. */
static void add_code(char ***codes, size_t *count, const char *code)
{
	size_t i;

	for (i = 0; i < *count; i++)
		if (strcmp((*codes)[i], code) == 0)
			return;
	*codes = jb_xrealloc(*codes, (*count + 1) * sizeof(**codes));
	(*codes)[(*count)++] = jb_xstrdup(code);
}

static int is_predecessor(const struct jb_harmoniser *harmoniser, const char *code,
			  struct jb_reorg_share **shares, size_t *count)
{
	*count = jb_reorg_successors(harmoniser->reorg, code, harmoniser->boundary_date, shares);
	if (*count == 0)
		return -1;
	return !(*count == 1 && strcmp((*shares)[0].code, code) == 0);
}

int jb_harmonise_init(struct jb_harmoniser *harmoniser, const struct jb_reorganisations *reorg,
		      int boundary_year, const struct jb_table_meta *meta)
{
	size_t i, j, count;

	memset(harmoniser, 0, sizeof(*harmoniser));
	harmoniser->reorg = reorg;
	harmoniser->meta = meta;
	harmoniser->boundary_date = boundary_year * 10000L + 101;
	harmoniser->topic_is_count = jb_xcalloc(meta->topic_count + 1, sizeof(int));
	for (i = 0; i < meta->topic_count; i++)
		harmoniser->topic_is_count[i] = jb_topic_is_count(&meta->topics[i]);
	order_categories(harmoniser);
	for (i = 0; i < reorg->count; i++) {
		const char *code = reorg->changes[i].old_code;
		struct jb_reorg_share *shares;
		int changed = is_predecessor(harmoniser, code, &shares, &count);

		if (changed < 0)
			return JB_EXIT_CONFIG;
		if (changed) {
			add_code(&harmoniser->held_codes, &harmoniser->held_code_count, code);
			for (j = 0; j < count; j++) {
				add_code(&harmoniser->held_codes, &harmoniser->held_code_count,
					 shares[j].code);
				add_code(&harmoniser->successors, &harmoniser->successor_count,
					 shares[j].code);
			}
		}
		free(shares);
	}
	if (harmoniser->held_code_count)
		qsort(harmoniser->held_codes, harmoniser->held_code_count, sizeof(char *),
		      compare_strings);
	if (harmoniser->successor_count)
		qsort(harmoniser->successors, harmoniser->successor_count, sizeof(char *),
		      compare_strings);
	return 0;
}

static void free_entry(struct jb_held_entry *entry, size_t topic_count)
{
	size_t i;

	for (i = 0; i < topic_count; i++)
		free(entry->values[i]);
	free(entry->values);
	free(entry->statuses);
	free(entry->region_code);
	free(entry->region_name);
	free(entry->period);
}

void jb_harmonise_free(struct jb_harmoniser *harmoniser)
{
	size_t i;

	for (i = 0; i < harmoniser->entry_count; i++)
		free_entry(&harmoniser->entries[i], harmoniser->meta->topic_count);
	free(harmoniser->entries);
	for (i = 0; i < harmoniser->held_code_count; i++)
		free(harmoniser->held_codes[i]);
	free(harmoniser->held_codes);
	for (i = 0; i < harmoniser->successor_count; i++)
		free(harmoniser->successors[i]);
	free(harmoniser->successors);
	free(harmoniser->topic_is_count);
	free(harmoniser->categories);
	memset(harmoniser, 0, sizeof(*harmoniser));
}

int jb_harmonise_holds(const struct jb_harmoniser *harmoniser, const char *region_code)
{
	return harmoniser->held_code_count &&
	       bsearch(&region_code, harmoniser->held_codes, harmoniser->held_code_count,
		       sizeof(char *), compare_strings) != NULL;
}

void jb_harmonise_keep(struct jb_harmoniser *harmoniser, const struct jb_region_values *values)
{
	size_t i, topics = harmoniser->meta->topic_count;
	struct jb_held_entry *entry;

	jb_grow((void **)&harmoniser->entries, &harmoniser->entry_capacity,
		harmoniser->entry_count + 1, sizeof(*harmoniser->entries));
	entry = &harmoniser->entries[harmoniser->entry_count++];
	memset(entry, 0, sizeof(*entry));
	entry->region_code = jb_xstrdup(values->region_code);
	entry->region_name = jb_xstrdup(values->region_name);
	entry->period = jb_xstrdup(values->period);
	entry->period_status = values->period_status;
	entry->category = values->category;
	entry->values = jb_xcalloc(topics + 1, sizeof(char *));
	entry->statuses = jb_xcalloc(topics + 1, sizeof(char *));
	for (i = 0; i < topics; i++) {
		entry->values[i] = jb_xstrdup(values->values[i]);
		entry->statuses[i] = values->statuses[i];
	}
}

static struct jb_held_entry *find_entry(struct jb_harmoniser *harmoniser, const char *code,
					const char *period, const struct jb_category *category)
{
	struct jb_held_entry key = { 0 };

	key.region_code = (char *)code;
	key.period = (char *)period;
	key.category = category;
	return bsearch(&key, harmoniser->entries, harmoniser->entry_count,
		       sizeof(*harmoniser->entries), compare_entries);
}

static int has_value(const struct jb_held_entry *entry, size_t topic_count)
{
	size_t i;

	for (i = 0; i < topic_count; i++)
		if (strcmp(entry->statuses[i], "ok") == 0)
			return 1;
	return 0;
}

/* The first day of a period as yyyymmdd (1 January for a year). */
static long period_start(const char *period)
{
	struct jb_period parsed;
	int month = 1;

	if (jb_period_parse(period, &parsed) != 0)
		return 0;
	if (parsed.type == JB_PERIOD_HALF)
		month = 1 + 6 * (parsed.number - 1);
	else if (parsed.type == JB_PERIOD_QUARTER)
		month = 1 + 3 * (parsed.number - 1);
	else if (parsed.type == JB_PERIOD_MONTH)
		month = parsed.number;
	return parsed.year * 10000L + month * 100L + 1;
}

/* A code's area in a successor: its entry in the period (or NULL) and its weight. */
struct part {
	const char *code;
	struct jb_held_entry *entry;
	long weight;
};

/* The codes that existed on date and whose area (or a share of it) is in successor. */
static size_t successor_parts(struct jb_harmoniser *harmoniser, const char *successor,
			      const char *period, const struct jb_category *category, long date,
			      struct part **parts)
{
	size_t i, j, count = 0, capacity = 0, share_count;

	*parts = NULL;
	for (i = 0; i < harmoniser->held_code_count; i++) {
		const char *code = harmoniser->held_codes[i];
		struct jb_reorg_share *shares;

		if (strcmp(code, successor) == 0 || !jb_reorg_exists(harmoniser->reorg, code, date))
			continue;
		share_count = jb_reorg_successors(harmoniser->reorg, code,
						  harmoniser->boundary_date, &shares);
		for (j = 0; j < share_count; j++) {
			if (strcmp(shares[j].code, successor) != 0)
				continue;
			jb_grow((void **)parts, &capacity, count + 1, sizeof(**parts));
			(*parts)[count].code = code;
			(*parts)[count].entry = find_entry(harmoniser, code, period, category);
			(*parts)[count].weight = shares[j].weight;
			count++;
		}
		free(shares);
	}
	return count;
}

/* Sum of value x weight over the parts, rounded half away from zero when a share is fractional. */
static void sum_parts(const struct part *parts, size_t count, size_t topic,
		      struct harmonised_value *out)
{
	long long total = 0, value;
	size_t i;
	char *end;

	for (i = 0; i < count; i++) {
		const struct jb_held_entry *entry = parts[i].entry;

		if (!entry) {
			out->status = "missing";
			return;
		}
		if (strcmp(entry->statuses[topic], "ok") != 0) {
			out->status = entry->statuses[topic];
			return;
		}
		errno = 0;
		value = strtoll(entry->values[topic], &end, 10);
		if (errno || *end || end == entry->values[topic] ||
		    value > 9000000000000LL || value < -9000000000000LL) {
			out->status = out->harmonised = "not_harmonisable";
			return;
		}
		total += value * parts[i].weight;
	}
	if (total >= 0)
		total = (total + JB_WEIGHT_ONE / 2) / JB_WEIGHT_ONE;
	else
		total = -((-total + JB_WEIGHT_ONE / 2) / JB_WEIGHT_ONE);
	snprintf(out->text, sizeof(out->text), "%lld", total);
	out->value = out->text;
	out->status = "ok";
}

/* The three category columns of a row: the extra dimension's key, the category's key and title. */
static void set_category(struct jb_tidy_row *row, const struct jb_table_meta *meta,
			 const struct jb_category *category)
{
	row->category_dimension = category ? meta->category->key : "";
	row->category_key = category ? category->key : "";
	row->category_title = category ? category->title : "";
}

static int write_entry(struct jb_tidy_output *output, const struct jb_table_meta *meta,
		       const struct jb_held_entry *entry, const char *region_name,
		       unsigned long *rows)
{
	struct jb_tidy_row row;
	size_t i;
	int status;

	row.region_code = entry->region_code;
	row.region_name = region_name ? region_name : entry->region_name;
	row.region_type = jb_region_type(entry->region_code);
	row.period = entry->period;
	row.period_status = entry->period_status;
	row.harmonised = "no";
	set_category(&row, meta, entry->category);
	for (i = 0; i < meta->topic_count; i++) {
		row.measure_key = meta->topics[i].key;
		row.measure_title = meta->topics[i].title;
		row.unit = meta->topics[i].unit;
		row.value = entry->values[i];
		row.status = entry->statuses[i];
		status = jb_tidy_write_row(output, &row);
		if (status)
			return status;
		(*rows)++;
	}
	return 0;
}

static int write_sum(struct jb_harmoniser *harmoniser, struct jb_tidy_output *output,
		     const char *successor, const char *region_name, const char *period,
		     const struct jb_category *category, const struct part *parts, size_t count,
		     unsigned long *rows)
{
	const struct jb_table_meta *meta = harmoniser->meta;
	const char *label = "merged", *period_status = "";
	struct jb_tidy_row row;
	size_t i;
	int status;

	for (i = 0; i < count; i++) {
		if (parts[i].weight != JB_WEIGHT_ONE)
			label = "split";
		if (parts[i].entry)
			period_status = parts[i].entry->period_status;
	}
	row.region_code = successor;
	row.region_name = region_name;
	row.region_type = jb_region_type(successor);
	row.period = period;
	row.period_status = period_status;
	set_category(&row, meta, category);
	for (i = 0; i < meta->topic_count; i++) {
		struct harmonised_value sum = { "", "", "", NULL };

		sum.harmonised = label;
		if (harmoniser->topic_is_count[i])
			sum_parts(parts, count, i, &sum);
		else
			sum.status = sum.harmonised = "not_harmonisable";
		row.measure_key = meta->topics[i].key;
		row.measure_title = meta->topics[i].title;
		row.unit = meta->topics[i].unit;
		row.value = sum.value;
		row.status = sum.status;
		row.harmonised = sum.harmonised;
		status = jb_tidy_write_row(output, &row);
		if (status)
			return status;
		(*rows)++;
	}
	return 0;
}

/* " (Verwijzer VW01)" for messages about a category; "" without one. */
static const char *category_label(const struct jb_harmoniser *harmoniser,
				  const struct jb_category *category, char *text, size_t size)
{
	if (!category)
		return "";
	snprintf(text, size, " (%s %s)", harmoniser->meta->category->key, category->key);
	return text;
}

/* The rows of one successor in one period and category: as published, or the sum of its parts. */
static int write_successor(struct jb_harmoniser *harmoniser, struct jb_tidy_output *output,
			   const char *successor, const char *period,
			   const struct jb_category *category, unsigned long *rows)
{
	const struct jb_reorganisations *reorg = harmoniser->reorg;
	size_t topics = harmoniser->meta->topic_count, count, i, published = 0;
	long date = period_start(period);
	struct jb_held_entry *own = find_entry(harmoniser, successor, period, category);
	/* the table's own title when it publishes the successor, else the file's */
	const char *name = own && *own->region_name ? own->region_name
						    : jb_reorg_name(reorg, successor);
	struct part *parts;
	char label[160];
	int status = 0, exists = jb_reorg_exists(reorg, successor, date);

	count = successor_parts(harmoniser, successor, period, category, date, &parts);
	for (i = 0; i < count; i++)
		if (parts[i].entry)
			published++;
	if (own && !exists && has_value(own, topics)) {
		if (published)
			jb_warn("%s: %s is published for %s%s, before it was formed: its published "
				"values are used, not the sum of %zu predecessors", reorg->path,
				successor, period,
				category_label(harmoniser, category, label, sizeof(label)), count);
		for (i = 0; i < count; i++)
			if (parts[i].entry)
				parts[i].entry->used = 1;
		own->used = 1;
		status = write_entry(output, harmoniser->meta, own, name, rows);
	} else if (count == 0 || (published == 0 && !(own && exists))) {
		if (own && exists) {
			own->used = 1;
			status = write_entry(output, harmoniser->meta, own, name, rows);
		}
	} else {
		if (exists) {
			parts = jb_xrealloc(parts, (count + 1) * sizeof(*parts));
			memmove(parts + 1, parts, count * sizeof(*parts));
			parts[0].code = successor;
			parts[0].entry = own;
			parts[0].weight = JB_WEIGHT_ONE;
			count++;
		} else if (own) {
			own->used = 1; /* formed later, published empty: replaced by the sum */
		}
		for (i = 0; i < count; i++)
			if (parts[i].entry)
				parts[i].entry->used = 1;
		status = write_sum(harmoniser, output, successor, name ? name : successor, period,
				   category, parts, count, rows);
	}
	free(parts);
	return status;
}

int jb_harmonise_flush(struct jb_harmoniser *harmoniser, struct jb_tidy_output *output,
		       unsigned long *rows)
{
	size_t i, j, k, topics = harmoniser->meta->topic_count;
	char label[160];
	int status = 0;

	if (harmoniser->entry_count == 0)
		return 0;
	qsort(harmoniser->entries, harmoniser->entry_count, sizeof(*harmoniser->entries),
	      compare_entries);
	for (i = 1; i < harmoniser->entry_count; i++) {
		const struct jb_held_entry *entry = &harmoniser->entries[i];

		if (compare_entries(entry, entry - 1) == 0) {
			jb_error("region %s appears twice for period %s%s", entry->region_code,
				 entry->period,
				 category_label(harmoniser, entry->category, label, sizeof(label)));
			return JB_EXIT_DATAERR;
		}
	}
	for (i = 0; status == 0 && i < harmoniser->entry_count; i++) {
		const char *period = harmoniser->entries[i].period;

		if (i > 0 && strcmp(period, harmoniser->entries[i - 1].period) == 0)
			continue;
		for (j = 0; status == 0 && j < harmoniser->successor_count; j++)
			for (k = 0; status == 0 && k < harmoniser->category_count; k++)
				status = write_successor(harmoniser, output,
							 harmoniser->successors[j], period,
							 harmoniser->categories[k], rows);
	}
	for (i = 0; status == 0 && i < harmoniser->entry_count; i++) {
		const struct jb_held_entry *entry = &harmoniser->entries[i];

		if (!entry->used && has_value(entry, topics))
			jb_warn("%s: %s is published for %s%s, when it did not exist: not counted",
				harmoniser->reorg->path, entry->region_code, entry->period,
				category_label(harmoniser, entry->category, label, sizeof(label)));
	}
	return status;
}
