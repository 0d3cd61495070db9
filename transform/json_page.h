/*
 * OData JSON responses (v3 $format=json: {"value": [...], "odata.nextLink": ...};
 * v4: "@odata.nextLink") read with jansson and handed over entry by entry like
 * the Atom reader; "odata.*" and "@odata.*" members of a row are skipped.
 * One response is held in memory at a time (a page: at most 10,000 rows).
 */
#ifndef JB_JSON_PAGE_H
#define JB_JSON_PAGE_H

#include "atom_sax.h"

/* Like jb_atom_read_file for a JSON response: 0, 65, 66 or a callback's status. */
int jb_json_read_file(const char *path, jb_atom_entry_fn each_entry, void *context,
		      char **next_link);
/* Atom or JSON by the file name's extension (".json" is JSON). */
int jb_feed_read_file(const char *path, jb_atom_entry_fn each_entry, void *context,
		      char **next_link);

#endif
