/* The metadata entity sets of a CBS table: TableInfos, DataProperties, dimensions. */
#ifndef JB_SYNTH_META_H
#define JB_SYNTH_META_H

#include "synth_atom.h"

/* One DataProperties row; NULL text and negative numbers are written as null. */
struct synth_data_property {
	long id;
	long position;          /* -1: null (TopicGroup) */
	long parent_id;         /* -1: null */
	const char *type;       /* Dimension, TimeDimension, GeoDimension, GeoDetail, TopicGroup, Topic */
	const char *key;        /* "" for a TopicGroup */
	const char *title;
	const char *description;
	const char *unit;
	long decimals;          /* -1: null */
	const char *datatype;   /* Long, Double, String; NULL for dimensions and groups */
	const char *default_value;      /* Impossible, Missing, ... */
	const char *presentation_type;  /* Absolute, Relative, ... */
	long map_year;          /* -1: null */
};

/* TableInfos fields in CBS's order; NULL is written as null. */
struct synth_table_info {
	long id;
	const char *title, *short_title, *identifier, *summary;
	const char *modified, *meta_data_modified; /* "2025-07-01T02:00:00" */
	const char *reason_delivery, *explanatory_text, *language, *catalog, *frequency;
	const char *period, *short_description, *description, *default_presentation;
	const char *default_selection, *graph_types, *output_status, *source;
	const char *search_priority;
};

/* One region or code-list row of a dimension entity set. */
struct synth_dimension_item {
	const char *key;         /* padded */
	const char *title;
	const char *description; /* NULL: empty */
	const char *status;      /* Perioden only: Definitief, Voorlopig, ...; NULL otherwise */
};

/* Each writes one whole response; 0 or an exit status. */
int synth_write_table_infos(struct synth_output *output, const char *table_id,
			    const struct synth_table_info *info);
int synth_write_data_properties(struct synth_output *output, const char *table_id,
				const char *updated, const struct synth_data_property *rows,
				size_t count);
/* A Cbs.OData.Dimension set (or TimeDimension when items carry a status). */
int synth_write_dimension(struct synth_output *output, const char *table_id,
			  const char *dimension, const char *updated,
			  const struct synth_dimension_item *items, size_t count);

/* The entry key of a padded code: 'GM0363%20%20%20%20'; the caller owns it. */
char *synth_key_ref(const char *padded_key);

#endif
