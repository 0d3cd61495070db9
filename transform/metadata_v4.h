/*
 * The metadata of a CBS OData v4 table folder (Properties.json,
 * Dimensions.json, MeasureCodes.json, <Dim>Codes.json, each list possibly
 * in pages .skipN.json) in the same form as the v3 metadata.
 */
#ifndef JB_METADATA_V4_H
#define JB_METADATA_V4_H

#include "metadata.h"

/*
 * 1 when folder holds OData v4 responses (Properties.json), 0 when v3
 * (TableInfos.xml or .json); 65 after a message when it holds both.
 */
int jb_v4_folder(const char *folder, int *is_v4);
/* Like jb_metadata_load for a v4 folder: 0, 65 or 66 after a message. */
int jb_v4_metadata_load(const char *folder, struct jb_table_meta *meta);
/* The $skip of a v4 next link to .../<Set>[/]?...$skip=N, or -1 when it is not one. */
long jb_v4_link_skip(const char *link, const char *entity_set);

#endif
