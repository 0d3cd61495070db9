/* The table walk: a raw CBS table folder -> data/tidy/<TABLE>.csv and .info.csv. */
#ifndef JB_TRANSFORM_H
#define JB_TRANSFORM_H

#include "config.h"
#include "reorganisations.h"

/*
 * Transforms the Atom responses in folder into out_path and its .info.csv.
 * config gives `period` for tables without a time dimension (may be NULL).
 * With reorg (may be NULL) regions are harmonised to boundary_year.
 * Returns an exit status: 0, 65, 66, 73, 74 or 78, after a message.
 */
int jb_transform(const char *folder, const char *out_path, const struct jb_config *config,
		 const struct jb_reorganisations *reorg, int boundary_year);

#endif
