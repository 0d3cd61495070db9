/*
 * The small metadata of a CBS table in memory: TableInfos, DataProperties
 * and the dimension tables (RegioS.xml, Perioden.xml, ...) of a raw folder.
 */
#ifndef JB_METADATA_H
#define JB_METADATA_H

#include <stddef.h>

struct jb_topic {
	char *key;   /* as published: "JongerenMetJeugdhulp_2" */
	char *title;
	char *unit;
	char *datatype;
	long position;
};

/* One category of a dimension, key trimmed. */
struct jb_category {
	char *key;
	char *title;
	char *status; /* Perioden Status lower case ("voorlopig"); "" when absent */
	size_t order; /* its place in the dimension file (CBS's order) */
};

enum jb_dimension_role {
	JB_DIMENSION_CATEGORY, /* a code list besides region and time (Verwijzer, Leeftijd) */
	JB_DIMENSION_REGION,
	JB_DIMENSION_TIME
};

struct jb_dimension {
	char *key;  /* "RegioS": the property name in the data and the file name */
	char *type; /* DataProperties Type */
	enum jb_dimension_role role;
	long position;
	struct jb_category *categories; /* sorted by key */
	size_t category_count;
	char *file; /* the dimension file, for messages */
};

struct jb_table_meta {
	char *id, *title, *modified, *period, *short_description, *description, *source;
	char *output_status; /* TableInfos OutputStatus ("Regulier", "Gestopt"); "" when absent */
	struct jb_topic *topics;        /* in DataProperties Position order */
	size_t topic_count;
	size_t *topics_by_key;          /* indexes into topics, sorted by key */
	struct jb_dimension *dimensions; /* in Position order */
	size_t dimension_count;
	struct jb_dimension *region, *time; /* borrowed from dimensions, or NULL */
	struct jb_dimension *category;      /* the one other dimension, or NULL */
};

/*
 * Loads TableInfos.xml, DataProperties.xml and the dimension files of
 * folder.  Returns 0, 66 (a file is missing), 65 (malformed) with a message.
 */
int jb_metadata_load(const char *folder, struct jb_table_meta *meta);
void jb_metadata_free(struct jb_table_meta *meta);
/*
 * After topics and dimensions are read: sorts them by position, indexes the
 * topics and finds region, time and category (file names the source in
 * messages).  Returns 0 or 65.
 */
int jb_metadata_finish(struct jb_table_meta *meta, const char *file);
/* Sorts the categories of dimension by key; 65 when a key occurs twice. */
int jb_dimension_index(struct jb_dimension *dimension);
/* 1 when key is safe as a file name and a CSV field: letters, digits, '_'. */
int jb_metadata_valid_key(const char *key);

/* The topic with this key, or NULL. */
const struct jb_topic *jb_metadata_topic(const struct jb_table_meta *meta, const char *key,
					 size_t *index);
/* The dimension whose Key is key, or NULL. */
const struct jb_dimension *jb_metadata_dimension(const struct jb_table_meta *meta,
						 const char *key);
/* The category of dimension with a trimmed key, or NULL. */
const struct jb_category *jb_dimension_category(const struct jb_dimension *dimension,
						const char *key);
/* 1 when title, short description, description or source say "synthetisch"/"synthetic". */
int jb_metadata_is_synthetic(const struct jb_table_meta *meta);

#endif
