/*
 * OData v4 Observations (long: one row per value, with Measure,
 * ValueAttribute, Value and the dimension codes) grouped back into entries
 * of one region x period x category with every measure, as the v3 data sets
 * hold them, so the table walk is the same for both.  Entries are handed
 * over in the order of their first observation, as soon as they are
 * complete and every earlier entry has been handed over.
 */
#ifndef JB_OBSERVATIONS_H
#define JB_OBSERVATIONS_H

#include "atom_sax.h"
#include "metadata.h"

struct jb_observations;

/* A grouper for the observations of one table; meta is borrowed. */
struct jb_observations *jb_observations_new(const struct jb_table_meta *meta,
					    jb_atom_entry_fn each_entry, void *context);
/*
 * Reads one Observations page; *next_link gets its @odata.nextLink or NULL
 * (owned by the caller).  Returns 0, 65 and 66 after a message
 * ("file:N: ..." with N the observation's index in the page), or a callback's status.
 */
int jb_observations_read(struct jb_observations *observations, const char *path,
			 char **next_link);
/* Hands over every entry still held (a measure without observation is absent). */
int jb_observations_finish(struct jb_observations *observations);
void jb_observations_free(struct jb_observations *observations);

#endif
