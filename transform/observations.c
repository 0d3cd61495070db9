#include "observations.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "json_page.h"
#include "msg.h"
#include "xalloc.h"

/* What one measure of a cell holds. */
enum value_kind { VALUE_UNSEEN, VALUE_NUMBER, VALUE_SYMBOL, VALUE_NULL };

/* One region x period x category: the future entry. */
struct cell {
	const char *key;         /* its slot's */
	size_t key_len;
	const char **codes;      /* per dimension, pointing into its slot's key */
	char **values;           /* per topic: the number's text or the symbol */
	unsigned char *kinds;    /* per topic: enum value_kind */
	size_t seen;             /* measures with an observation */
	const char *file;        /* page of its first observation */
	unsigned long line;      /* index of its first observation there */
};

/* A cell by its key: the codes, each ending in '\0'; cell is NULL once handed over. */
struct slot {
	char *key;
	size_t key_len;
	struct cell *cell;
};

struct jb_observations {
	const struct jb_table_meta *meta;
	jb_atom_entry_fn each_entry;
	void *context;
	struct slot *slots;      /* open addressing, capacity a power of two */
	size_t slot_capacity, slot_used;
	struct cell **queue;     /* cells not yet handed over, by first observation */
	size_t head, tail, queue_capacity;
	char **files;            /* the pages read, for messages */
	size_t file_count, file_capacity;
	struct jb_atom_property *properties; /* one entry's, reused */
	char *key;               /* the key being built */
	size_t key_capacity;
	size_t *code_offsets;    /* per dimension, into key */
	const struct jb_atom_property **codes; /* per dimension, of the observation being read */
	const char *page;        /* the page being read */
};

struct jb_observations *jb_observations_new(const struct jb_table_meta *meta,
					    jb_atom_entry_fn each_entry, void *context)
{
	struct jb_observations *observations = jb_xcalloc(1, sizeof(*observations));

	observations->meta = meta;
	observations->each_entry = each_entry;
	observations->context = context;
	observations->slot_capacity = 1024;
	observations->slots = jb_xcalloc(observations->slot_capacity, sizeof(struct slot));
	observations->properties = jb_xcalloc(meta->dimension_count + meta->topic_count + 1,
					      sizeof(*observations->properties));
	observations->code_offsets = jb_xcalloc(meta->dimension_count + 1, sizeof(size_t));
	observations->codes = jb_xcalloc(meta->dimension_count + 1, sizeof(*observations->codes));
	return observations;
}

static uint64_t key_hash(const char *key, size_t len)
{
	uint64_t hash = 14695981039346656037u;
	size_t i;

	for (i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)key[i]) * 1099511628211u;
	return hash;
}

/* The slot of key, or the empty slot where it belongs. */
static struct slot *find_slot(struct slot *slots, size_t capacity, const char *key, size_t len)
{
	size_t at = (size_t)key_hash(key, len) & (capacity - 1);

	while (slots[at].key && (slots[at].key_len != len || memcmp(slots[at].key, key, len) != 0))
		at = (at + 1) & (capacity - 1);
	return &slots[at];
}

static void grow_slots(struct jb_observations *observations)
{
	size_t capacity = observations->slot_capacity * 2, i;
	struct slot *slots = jb_xcalloc(capacity, sizeof(*slots));

	for (i = 0; i < observations->slot_capacity; i++) {
		const struct slot *old = &observations->slots[i];

		if (old->key)
			*find_slot(slots, capacity, old->key, old->key_len) = *old;
	}
	free(observations->slots);
	observations->slots = slots;
	observations->slot_capacity = capacity;
}

static void cell_free(struct cell *cell, size_t topic_count)
{
	size_t i;

	for (i = 0; i < topic_count; i++)
		free(cell->values[i]);
	free(cell->values);
	free(cell->kinds);
	free(cell->codes);
	free(cell);
}

/* The cell as a v3 entry: dimension codes, then the measures seen. */
static int hand_over(struct jb_observations *observations, struct cell *cell)
{
	const struct jb_table_meta *meta = observations->meta;
	struct jb_atom_property *properties = observations->properties;
	struct jb_atom_entry entry = { .file = cell->file, .properties = properties,
				       .line = cell->line };
	size_t i, count = 0;

	for (i = 0; i < meta->dimension_count; i++)
		properties[count++] = (struct jb_atom_property){ .name = meta->dimensions[i].key,
								 .value = cell->codes[i],
								 .line = cell->line };
	for (i = 0; i < meta->topic_count; i++) {
		struct jb_atom_property *property = &properties[count];

		if (cell->kinds[i] == VALUE_UNSEEN)
			continue;
		*property = (struct jb_atom_property){ .name = meta->topics[i].key,
						       .value = cell->values[i] ? cell->values[i] : "",
						       .line = cell->line };
		property->is_null = cell->kinds[i] == VALUE_NULL;
		property->type = cell->kinds[i] == VALUE_NUMBER ? JB_EDM_DOUBLE : JB_EDM_STRING;
		count++;
	}
	entry.count = count;
	return observations->each_entry(&entry, observations->context);
}

/* Hands over the cells at the front of the queue while they are complete (all when all is set). */
static int hand_over_front(struct jb_observations *observations, int all)
{
	size_t topic_count = observations->meta->topic_count;
	int status = 0;

	while (status == 0 && observations->head < observations->tail) {
		struct cell *cell = observations->queue[observations->head];
		struct slot *slot;

		if (!all && cell->seen < topic_count)
			break;
		status = hand_over(observations, cell);
		slot = find_slot(observations->slots, observations->slot_capacity, cell->key,
				 cell->key_len);
		slot->cell = NULL;
		observations->head++;
		cell_free(cell, topic_count);
	}
	if (observations->head == observations->tail)
		observations->head = observations->tail = 0;
	return status;
}

static void queue_push(struct jb_observations *observations, struct cell *cell)
{
	if (observations->head > 0 && observations->tail == observations->queue_capacity) {
		memmove(observations->queue, observations->queue + observations->head,
			(observations->tail - observations->head) * sizeof(*observations->queue));
		observations->tail -= observations->head;
		observations->head = 0;
	}
	jb_grow((void **)&observations->queue, &observations->queue_capacity,
		observations->tail + 1, sizeof(*observations->queue));
	observations->queue[observations->tail++] = cell;
}

/* The key of an observation's codes (each trimmed, ending in '\0'); 65 after a message. */
static int build_key(struct jb_observations *observations, const struct jb_atom_entry *entry,
		     const struct jb_atom_property **codes, size_t *key_len)
{
	const struct jb_table_meta *meta = observations->meta;
	size_t i, used = 0;

	for (i = 0; i < meta->dimension_count; i++) {
		const struct jb_dimension *dimension = &meta->dimensions[i];
		const char *code = codes[i] ? codes[i]->value : NULL, *end;

		if (!code || codes[i]->is_null || codes[i]->type != JB_EDM_NONE) {
			jb_error("%s:%lu: the observation has no %s code", entry->file,
				 entry->line, dimension->key);
			return JB_EXIT_DATAERR;
		}
		while (*code == ' ')
			code++;
		for (end = code + strlen(code); end > code && end[-1] == ' '; end--)
			;
		jb_grow((void **)&observations->key, &observations->key_capacity,
			used + (size_t)(end - code) + 1, 1);
		observations->code_offsets[i] = used;
		memcpy(observations->key + used, code, (size_t)(end - code));
		used += (size_t)(end - code);
		observations->key[used++] = '\0';
		if (!jb_dimension_category(dimension, observations->key +
							 observations->code_offsets[i])) {
			jb_error("%s:%lu: %s code '%s' is not in %s", entry->file, entry->line,
				 dimension->key, observations->key + observations->code_offsets[i],
				 dimension->file);
			return JB_EXIT_DATAERR;
		}
	}
	*key_len = used;
	return 0;
}

/* The cell of the key just built, new at the end of the queue when unknown; NULL when handed over. */
static struct cell *key_cell(struct jb_observations *observations, size_t key_len,
			     const struct jb_atom_entry *entry)
{
	const struct jb_table_meta *meta = observations->meta;
	struct slot *slot = find_slot(observations->slots, observations->slot_capacity,
				      observations->key, key_len);
	struct cell *cell;
	size_t i;

	if (slot->key)
		return slot->cell;
	slot->key = jb_xmalloc(key_len + 1);
	memcpy(slot->key, observations->key, key_len);
	slot->key_len = key_len;
	cell = jb_xcalloc(1, sizeof(*cell));
	cell->key = slot->key;
	cell->key_len = key_len;
	cell->codes = jb_xcalloc(meta->dimension_count + 1, sizeof(*cell->codes));
	for (i = 0; i < meta->dimension_count; i++)
		cell->codes[i] = slot->key + observations->code_offsets[i];
	cell->values = jb_xcalloc(meta->topic_count + 1, sizeof(*cell->values));
	cell->kinds = jb_xcalloc(meta->topic_count + 1, sizeof(*cell->kinds));
	cell->file = entry->file;
	cell->line = entry->line;
	slot->cell = cell;
	queue_push(observations, cell);
	if (++observations->slot_used * 2 >= observations->slot_capacity)
		grow_slots(observations);
	return cell;
}

/* ValueAttribute and Value as a v3 value: a number, a symbol (. x) or null. */
static int observation_value(const struct jb_atom_entry *entry, const char *attribute,
			     const struct jb_atom_property *value, enum value_kind *kind,
			     const char **text)
{
	static const struct {
		const char *attribute, *symbol;
	} symbols[] = { { "Unknown", "." }, { "Confidential", "x" }, { "Impossible", NULL } };
	size_t i;

	*text = NULL;
	if (!attribute || strcmp(attribute, "None") == 0) {
		if (!value || value->is_null) {
			*kind = VALUE_NULL;
			return 0;
		}
		if (value->type != JB_EDM_INT64 && value->type != JB_EDM_DOUBLE) {
			jb_error("%s:%lu: Value '%s' is not a number", entry->file, entry->line,
				 value->value);
			return JB_EXIT_DATAERR;
		}
		*kind = VALUE_NUMBER;
		*text = value->value;
		return 0;
	}
	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		if (strcmp(attribute, symbols[i].attribute) == 0) {
			*kind = symbols[i].symbol ? VALUE_SYMBOL : VALUE_NULL;
			*text = symbols[i].symbol;
			return 0;
		}
	}
	jb_error("%s:%lu: unknown ValueAttribute '%s' (known: None, Unknown, Confidential, "
		 "Impossible)", entry->file, entry->line, attribute);
	return JB_EXIT_DATAERR;
}

static int each_observation(const struct jb_atom_entry *entry, void *context)
{
	struct jb_observations *observations = context;
	const struct jb_table_meta *meta = observations->meta;
	const struct jb_atom_property **codes = observations->codes, *value = NULL;
	const char *measure = NULL, *attribute = NULL, *text;
	enum value_kind kind;
	struct cell *cell;
	size_t i, index, key_len;
	int status = 0;

	memset(codes, 0, meta->dimension_count * sizeof(*codes));
	for (i = 0; status == 0 && i < entry->count; i++) {
		const struct jb_atom_property *property = &entry->properties[i];
		const struct jb_dimension *dimension;

		if (strcmp(property->name, "Id") == 0)
			continue;
		if (strcmp(property->name, "Value") == 0) {
			value = property;
			continue;
		}
		if (strcmp(property->name, "Measure") == 0 ||
		    strcmp(property->name, "ValueAttribute") == 0) {
			if (property->is_null || property->type != JB_EDM_NONE) {
				jb_error("%s:%lu: %s is not a string", entry->file, entry->line,
					 property->name);
				status = JB_EXIT_DATAERR;
			} else if (property->name[0] == 'M') {
				measure = property->value;
			} else {
				attribute = property->value;
			}
			continue;
		}
		dimension = jb_metadata_dimension(meta, property->name);
		if (dimension) {
			codes[dimension - meta->dimensions] = property;
			continue;
		}
		jb_error("%s:%lu: '%s' is neither Id, Measure, ValueAttribute, Value nor a "
			 "dimension of Dimensions.json", entry->file, entry->line, property->name);
		status = JB_EXIT_DATAERR;
	}
	if (status == 0 && !measure) {
		jb_error("%s:%lu: the observation has no Measure", entry->file, entry->line);
		status = JB_EXIT_DATAERR;
	}
	if (status == 0 && !jb_metadata_topic(meta, measure, &index)) {
		jb_error("%s:%lu: Measure '%s' is not in MeasureCodes.json", entry->file,
			 entry->line, measure);
		status = JB_EXIT_DATAERR;
	}
	if (status == 0)
		status = observation_value(entry, attribute, value, &kind, &text);
	if (status == 0)
		status = build_key(observations, entry, codes, &key_len);
	if (status)
		return status;
	cell = key_cell(observations, key_len, entry);
	if (!cell || cell->kinds[index] != VALUE_UNSEEN) {
		jb_error("%s:%lu: a second observation of Measure '%s' for the same %s", entry->file,
			 entry->line, measure, meta->dimension_count > 1 ? "codes" : "code");
		return JB_EXIT_DATAERR;
	}
	cell->kinds[index] = (unsigned char)kind;
	cell->values[index] = text ? jb_xstrdup(text) : NULL;
	cell->seen++;
	return cell->seen == meta->topic_count ? hand_over_front(observations, 0) : 0;
}

int jb_observations_read(struct jb_observations *observations, const char *path,
			 char **next_link)
{
	jb_grow((void **)&observations->files, &observations->file_capacity,
		observations->file_count + 1, sizeof(*observations->files));
	observations->files[observations->file_count++] = jb_xstrdup(path);
	return jb_json_read_file(observations->files[observations->file_count - 1],
				 each_observation, observations, next_link);
}

int jb_observations_finish(struct jb_observations *observations)
{
	return hand_over_front(observations, 1);
}

void jb_observations_free(struct jb_observations *observations)
{
	size_t i;

	if (!observations)
		return;
	for (i = observations->head; i < observations->tail; i++)
		cell_free(observations->queue[i], observations->meta->topic_count);
	for (i = 0; i < observations->slot_capacity; i++)
		free(observations->slots[i].key);
	for (i = 0; i < observations->file_count; i++)
		free(observations->files[i]);
	free(observations->files);
	free(observations->slots);
	free(observations->queue);
	free(observations->properties);
	free(observations->key);
	free(observations->code_offsets);
	free(observations->codes);
	free(observations);
}
