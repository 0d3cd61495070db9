#include "peers_write.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "benchmark_write.h"
#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

#define MAX_GROUPS 256

char *stats_urbanity_class(double value)
{
	return jb_xasprintf("stedelijkheid %.0f", round(value));
}

static int write_row(FILE *fp, const char *region, const char *type, const char *group,
		     const char *peer, const char *distance, const char *rank)
{
	const char *fields[] = { region, type, group, peer, distance, rank };

	return jb_csv_write_row(fp, fields, 6);
}

/* The class label of region r by covariate c (size or urbanity); NULL when unknown. */
static char *class_label(const struct stats_context *context, long c, size_t r, int urbanity)
{
	double value;

	if (c < 0 || stats_context_value(context, (size_t)c, r, &value) != 0)
		return NULL;
	return urbanity ? stats_urbanity_class(value) : jb_xstrdup(stats_size_class(value));
}

static int write_class(FILE *fp, const struct stats_context *context, long c, size_t r,
		       int urbanity)
{
	char *label = class_label(context, c, r, urbanity), *other;
	size_t o;
	int rc = 0;

	if (!label)
		return 0;
	for (o = 0; o < context->region_count && rc == 0; o++) {
		if (o == r || !(other = class_label(context, c, o, urbanity)))
			continue;
		if (strcmp(label, other) == 0)
			rc = write_row(fp, context->region_codes[r], urbanity ? "urbanity" : "size",
				       label, context->region_codes[o], "", "");
		free(other);
	}
	free(label);
	return rc;
}

static int write_groups(FILE *fp, const struct jb_config *config, const char *region)
{
	const char *names[MAX_GROUPS];
	size_t count = jb_config_sections(config, "group", names, MAX_GROUPS), g, i, n;
	int rc = 0;

	for (g = 0; g < count && rc == 0; g++) {
		char *section = jb_config_section_name("group", names[g]);
		const char *members = jb_config_get(config, section, "members");
		char **words = NULL;
		int member = 0;

		n = members ? jb_config_words(members, &words) : 0;
		for (i = 0; i < n; i++)
			member |= strcmp(words[i], region) == 0;
		for (i = 0; i < n && member && rc == 0; i++)
			if (strcmp(words[i], region) != 0)
				rc = write_row(fp, region, "group", names[g], words[i], "", "");
		if (members)
			jb_config_words_free(words, n);
		free(section);
	}
	return rc;
}

int stats_write_peers(const char *path, const struct jb_config *config,
		      const struct stats_context *context)
{
	const char *header[] = { "region_code", "peer_type", "peer_group", "peer_code",
				 "distance", "rank" };
	struct jb_atomic output;
	size_t r, j;
	int rc;

	if (jb_atomic_open(&output, path) != 0)
		return JB_EXIT_CANTCREAT;
	rc = jb_csv_write_row(output.fp, header, 6);
	for (r = 0; r < context->region_count && rc == 0; r++) {
		const char *region = context->region_codes[r];

		for (j = 0; j < context->similar_count[r] && rc == 0; j++) {
			char distance[64], rank[32];

			if (stats_format_number(context->distance[r * context->k + j], distance,
						sizeof(distance)) != 0)
				strcpy(distance, "");
			snprintf(rank, sizeof(rank), "%zu", j + 1);
			rc = write_row(output.fp, region, "similar", "similar",
				       context->region_codes[context->similar[r * context->k + j]],
				       distance, rank);
		}
		if (rc == 0)
			rc = write_class(output.fp, context, context->size_covariate, r, 0);
		if (rc == 0)
			rc = write_class(output.fp, context, context->urbanity_covariate, r, 1);
		if (rc == 0)
			rc = write_groups(output.fp, config, region);
	}
	if (rc != 0) {
		jb_warn("%s: write error:", path);
		jb_atomic_abort(&output);
		return JB_EXIT_IOERR;
	}
	return jb_atomic_commit(&output) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
}
