/* data/stats/peers.csv: every region's peers by type. */
#ifndef JB_STATS_PEERS_WRITE_H
#define JB_STATS_PEERS_WRITE_H

#include "config.h"
#include "context.h"

/*
 * Writes path atomically: region_code, peer_type (similar, size, urbanity,
 * group), peer_group, peer_code, distance, rank.  Returns a JB_EXIT_* status.
 */
int stats_write_peers(const char *path, const struct jb_config *config,
		      const struct stats_context *context);
/* The urbanity class label of a value: "stedelijkheid 3"; the caller frees it. */
char *stats_urbanity_class(double value);

#endif
